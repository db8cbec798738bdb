// bond (staking with an unbonding delay): I_BOND [20, next, outBonded, outUnbonded, outReleased,
// bondPc, unbondPc, liquid, bonded, unbonding, ring, delay]; ring[t % delay] holds what started
// unbonding at step t − delay until it returns at step t.
import { formulaValue } from '../formula';
import { clipTo, sadd, sset, sv, w } from '../state';

/** Returns matured unbonding, then bonds and starts unbonding this step's amounts. */
export function bondStep(code: usize, pc: i32, state: usize, t: i32): void {
  const liquid = w(code, pc + 7), bonded = w(code, pc + 8), unbonding = w(code, pc + 9);
  const j = w(code, pc + 10) + t % w(code, pc + 11);
  const rel = clipTo(sv(state, j), sv(state, unbonding));
  sadd(state, unbonding, -rel);
  sadd(state, liquid, rel);
  const b = clipTo(formulaValue(code, w(code, pc + 5), state), sv(state, liquid));
  sadd(state, liquid, -b);
  sadd(state, bonded, b);
  const u = clipTo(formulaValue(code, w(code, pc + 6), state), sv(state, bonded));
  sadd(state, bonded, -u);
  sadd(state, unbonding, u);
  sset(state, j, u);
  sset(state, w(code, pc + 2), b);
  sset(state, w(code, pc + 3), u);
  sset(state, w(code, pc + 4), rel);
}
