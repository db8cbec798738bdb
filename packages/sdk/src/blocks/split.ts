// split: shares of an amount to parts paid while below a balance, the rest to `rest`. Kernels:
// assembly/blocks/split.ts and splitRef in split.ref.ts.
import type { SplitBlockSchema } from '@flywheel/spec';
import { I_SET, I_SPLIT } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import { accountSlot, type CompileContext } from '../program/context.js';

/** Compiles a split block: one I_SPLIT. */
export function compileSplit(b: z.output<typeof SplitBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const def = ctx.spec.assets[b.asset]!;
  const fromIssuer = b.from === 'issuer';
  const burnFlow = (acc: string) => (acc === 'burned' ? B.named(`${b.asset}.burned`) : -1);
  // a formula share is evaluated into a slot of its own just before the split, each time it runs
  const shareSlot = (share: number | string, k: number) => {
    if (typeof share === 'number') return B.constant(share);
    const slot = B.slot(0);
    B.step.emit(I_SET, [slot, B.formula(share, `${path}.parts.${k}.share`)]);
    return slot;
  };
  const parts = b.parts.flatMap((p, k) => [accountSlot(B, b.asset, p.to), shareSlot(p.share, k), B.constant(p.untilBalance ?? Infinity), burnFlow(p.to)]);
  B.step.emit(I_SPLIT, [
    B.named(`${b.id}.amount`),
    b.amount === undefined ? -1 : B.formula(b.amount, `${path}.amount`).formulaPc,
    accountSlot(B, b.asset, b.from),
    fromIssuer && def.cap === undefined ? 0 : 1,
    fromIssuer ? B.named(`${b.asset}.minted`) : -1,
    accountSlot(B, b.asset, b.rest),
    burnFlow(b.rest),
    b.parts.length,
    ...parts,
  ]);
}
