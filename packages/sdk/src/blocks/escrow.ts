// escrow (vesting ring): each step releases 1/over of every inflow of the last `over` steps, then
// takes this step's inflow: `immediate` of it at once, the rest locked. Kernels:
// assembly/blocks/escrow.ts and escrowRef below.
import type { EscrowBlockSchema } from '@flywheel/spec';
import { I_ESCROW } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { Rng } from '../engine/rng.js';
import { takeAmountRef } from '../program/ledger.js';
import { accountSlot, type CompileContext } from '../program/context.js';
import { clipTo } from './state.js';

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
    B.named(`${b.id}.released`), B.named(`${b.id}.locked`), B.named(`${b.id}.immediate`),
    b.amount === undefined ? -1 : B.formula(b.amount, `${path}.amount`).formulaPc,
    accountSlot(B, b.asset, b.from), fromIssuer && def.cap === undefined ? 0 : 1, fromIssuer ? B.named(`${b.asset}.minted`) : -1,
    B.constant(b.immediate ?? 0), lockedSlot, accountSlot(B, b.asset, b.to), ring, L, sum,
  ]);
}

/** Reference kernel of I_ESCROW. */
export function escrowRef(code: Int32Array, pc: number, s: Float64Array, t: number, rng: Rng): void {
  const locked = code[pc + 10]!, to = code[pc + 11]!;
  const ring = code[pc + 12]!, over = code[pc + 13]!, sum = code[pc + 14]!;
  const rel = clipTo(s[sum]! / over, s[locked]!);
  s[locked] = s[locked]! - rel;
  s[to] = s[to]! + rel;
  const j = ring + (t % over);
  s[sum] = s[sum]! - s[j]!;
  const a = takeAmountRef(code, pc + 5, s, rng);
  const imm = a * s[code[pc + 9]!]!;
  const lockedIn = a - imm;
  s[to] = s[to]! + imm;
  s[locked] = s[locked]! + lockedIn;
  s[j] = lockedIn;
  s[sum] = s[sum]! + lockedIn;
  s[code[pc + 2]!] = rel;
  s[code[pc + 3]!] = lockedIn;
  s[code[pc + 4]!] = imm;
}
