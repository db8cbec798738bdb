// escrow (vesting ring): each step releases 1/over of every inflow of the last `over` steps, then
// takes this step's inflow: `immediate` of it at once, the rest locked. Kernels:
// assembly/blocks/escrow.ts and escrowRef in escrow.ref.ts.
import type { EscrowBlockSchema } from '@flywheel/spec';
import { I_ESCROW } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import { accountSlot, type CompileContext } from '../program/context.js';

/** Compiles an escrow block: its ring and running sum (pre-filled for an initial locked balance), one I_ESCROW. */
export function compileEscrow(b: z.output<typeof EscrowBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const L = b.over;
  const ring = B.slots(L);
  const sum = B.slot(0);
  const lockedSlot = accountSlot(B, b.asset, b.locked);
  const v0 = B.state[lockedSlot]!;
  if ((b.initialRelease ?? 'linear') === 'linear' && v0 > 0) {
    // as if v0 had flowed in evenly over the last L steps: L cohorts of c, with c·(L + 1)/2 = v0 still locked
    const c = (2 * v0) / (L + 1);
    for (let i = 0; i < L; i++) B.state[ring + i] = c;
    B.state[sum] = c * L;
  }
  const def = ctx.spec.assets[b.asset]!;
  const fromIssuer = b.from === 'issuer';
  B.step.emit(I_ESCROW, [
    B.named(`${b.id}.released`),
    B.named(`${b.id}.locked`),
    B.named(`${b.id}.immediate`),
    b.amount === undefined ? -1 : B.formula(b.amount, `${path}.amount`).formulaPc,
    accountSlot(B, b.asset, b.from),
    fromIssuer && def.cap === undefined ? 0 : 1,
    fromIssuer ? B.named(`${b.asset}.minted`) : -1,
    B.constant(b.immediate ?? 0),
    lockedSlot,
    accountSlot(B, b.asset, b.to),
    ring,
    L,
    sum,
  ]);
}
