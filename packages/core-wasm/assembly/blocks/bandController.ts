// bandController (Cosmos mint NextInflationRate with Akash's x/inflation band): I_BAND_CONTROLLER
// [24, next, outRate, outAmount, outLow, outHigh, ratioPc, supplyPc, P, S, table, MOVE...];
// P: [goal, rateChange, ticks per year, ticks per step], S: [rate]; tables[table + 2t], [.. + 1]: the band of step t.
import { formulaValue } from '../formula';
import { move } from '../ledger';
import { sset, sv, w } from '../state';

/** Moves the annual rate tick by tick toward the goal inside the band (closed form) and mints supply × Σ rate / ticks per year. */
export function bandControllerStep(code: usize, pc: i32, state: usize, tables: usize, t: i32): void {
  const P = w(code, pc + 8), S = w(code, pc + 9), tb = w(code, pc + 10);
  const ratio = formulaValue(code, w(code, pc + 6), state);
  const supply = formulaValue(code, w(code, pc + 7), state);
  const goal = sv(state, P), change = sv(state, P + 1), perYear = sv(state, P + 2), n = sv(state, P + 3);
  const lo = load<f64>(tables + ((<usize>tb + 2 * <usize>t) << 3));
  const hi = load<f64>(tables + ((<usize>tb + 2 * <usize>t + 1) << 3));
  const d = ((1 - ratio / goal) * change) / perYear;
  let r1 = sv(state, S) + d;
  if (r1 > hi) r1 = hi;
  if (r1 < lo) r1 = lo;
  let m: f64 = n, bound: f64 = 0;
  if (d > 0) {
    m = r1 < hi ? Math.min(n, Math.ceil((hi - r1) / d)) : 0;
    bound = hi;
  } else if (d < 0) {
    m = r1 > lo ? Math.min(n, Math.ceil((r1 - lo) / -d)) : 0;
    bound = lo;
  }
  let sum = m * r1 + d * ((m * (m - 1)) / 2);
  if (m < n) sum += (n - m) * bound;
  let rate = m < n ? bound : r1 + (n - 1) * d;
  if (rate > hi) rate = hi;
  if (rate < lo) rate = lo;
  sset(state, S, rate);
  sset(state, w(code, pc + 2), rate);
  sset(state, w(code, pc + 4), lo);
  sset(state, w(code, pc + 5), hi);
  sset(state, w(code, pc + 3), move(code, pc + 11, state, (supply * sum) / perYear));
}
