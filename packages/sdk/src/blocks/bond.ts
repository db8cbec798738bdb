// bond (staking with an unbonding delay). Kernels: assembly/blocks/bond.ts and bondRef in bond.ref.ts.
import type { BondBlockSchema } from '@flywheel/spec';
import { I_BOND } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import { accountSlot, type CompileContext } from '../program/context.js';

/** Compiles a bond block: its ring of unbonding cohorts, one I_BOND. */
export function compileBond(b: z.output<typeof BondBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const ring = B.slots(b.delay);
  B.step.emit(I_BOND, [
    B.named(`${b.id}.bonded`),
    B.named(`${b.id}.unbonded`),
    B.named(`${b.id}.released`),
    B.formula(b.bond, `${path}.bond`).formulaPc,
    B.formula(b.unbond, `${path}.unbond`).formulaPc,
    accountSlot(B, b.asset, b.liquid),
    accountSlot(B, b.asset, b.bonded),
    accountSlot(B, b.asset, b.unbonding),
    ring,
    b.delay,
  ]);
}
