// escrow (vesting ring): I_ESCROW [14, next, outReleased, outLocked, outImmediate, amountPc, from,
// limited, mintFlow, immediate, locked, to, ring, over, sum]. The ring holds each of the last
// `over` steps' locked inflow; `sum` is their running total; each step releases sum / over.
import { takeAmount } from '../ledger';
import { clipTo, sadd, sset, sv, w } from '../state';

/** Releases earlier inflows, then takes this step's inflow (part at once, the rest locked). */
export function escrowStep(code: usize, pc: i32, state: usize, t: i32): void {
  const locked = w(code, pc + 10), to = w(code, pc + 11);
  const ring = w(code, pc + 12), over = w(code, pc + 13), sum = w(code, pc + 14);
  const rel = clipTo(sv(state, sum) / <f64>over, sv(state, locked));
  sadd(state, locked, -rel);
  sadd(state, to, rel);
  const j = ring + t % over; // the cohort of t − over leaves; this step's takes its place
  sadd(state, sum, -sv(state, j));
  const a = takeAmount(code, pc + 5, state);
  const imm = a * sv(state, w(code, pc + 9));
  const lockedIn = a - imm;
  sadd(state, to, imm);
  sadd(state, locked, lockedIn);
  sset(state, j, lockedIn);
  sadd(state, sum, lockedIn);
  sset(state, w(code, pc + 2), rel);
  sset(state, w(code, pc + 3), lockedIn);
  sset(state, w(code, pc + 4), imm);
}
