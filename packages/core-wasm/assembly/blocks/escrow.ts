// escrow (vesting ring): I_ESCROW [14, next, outReleased, outLocked, outImmediate, amountPc, from,
// limited, mintFlow, immediate, locked, to, ring, over, sum]. The ring holds each of the last
// `over` steps' locked inflow; `sum` is their running total; each step releases sum / over.
import { formulaValue } from '../formula';
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
  const from = w(code, pc + 6);
  const amountPc = w(code, pc + 5);
  let a = amountPc >= 0 ? formulaValue(code, amountPc, state) : sv(state, from);
  if (w(code, pc + 7) != 0) a = clipTo(a, sv(state, from));
  else if (a < 0) a = 0;
  sadd(state, from, -a);
  const mintFlow = w(code, pc + 8);
  if (mintFlow >= 0) sadd(state, mintFlow, a);
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
