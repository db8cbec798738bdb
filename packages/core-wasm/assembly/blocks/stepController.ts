// stepController (Livepeer's Minter): I_STEP_CONTROLLER [18, next, outRate, outAmount, ratioPc,
// supplyPc, P, S, MOVE...]; P: [target, step, floor, max, ticks], S: [rate].
import { formulaValue } from '../formula';
import { move } from '../ledger';
import { sset, sv, w } from '../state';

/** Moves the rate one step per tick toward the target and mints supply × rate each tick. */
export function stepControllerStep(code: usize, pc: i32, state: usize): void {
  const P = w(code, pc + 6), S = w(code, pc + 7);
  const ratio = formulaValue(code, w(code, pc + 4), state);
  const supply = formulaValue(code, w(code, pc + 5), state);
  const target = sv(state, P), step = sv(state, P + 1), floor = sv(state, P + 2), max = sv(state, P + 3);
  const ticks = <i32>sv(state, P + 4);
  let rate = sv(state, S);
  let total: f64 = 0;
  for (let k = 0; k < ticks; k++) {
    if (ratio < target) {
      rate += step;
      if (rate > max) rate = max;
    } else if (ratio > target) {
      rate -= step;
      if (rate < floor) rate = floor;
    }
    total += supply * rate;
  }
  sset(state, S, rate);
  sset(state, w(code, pc + 2), rate);
  sset(state, w(code, pc + 3), move(code, pc + 8, state, total));
}
