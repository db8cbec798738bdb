// The reference kernel of escrow: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/escrow.ts. Apart from the compile step (escrow.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { takeAmountRef } from '../program/ledger.js';
import { clipTo } from './state.js';

/** Reference kernel of I_ESCROW. */
export function escrowRef(code: Int32Array, pc: number, s: Float64Array, t: number, rng: Rng): void {
  const locked = code[pc + 10]!,
    to = code[pc + 11]!;
  const ring = code[pc + 12]!,
    over = code[pc + 13]!,
    sum = code[pc + 14]!;
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
