// The reference kernel of bandController: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/bandController.ts. Apart from the compile step (bandController.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { moveRef } from '../program/ledger.js';

/** Reference kernel of I_BAND_CONTROLLER (same operations, in the same order, as the wasm kernel). */
export function bandControllerRef(code: Int32Array, pc: number, s: Float64Array, tables: Float64Array, t: number, rng: Rng): void {
  const P = code[pc + 8]!,
    S = code[pc + 9]!,
    tb = code[pc + 10]!;
  const ratio = evalFormula(code, code[pc + 6]!, s, rng);
  const supply = evalFormula(code, code[pc + 7]!, s, rng);
  const goal = s[P]!,
    change = s[P + 1]!,
    perYear = s[P + 2]!,
    n = s[P + 3]!;
  const lo = tables[tb + 2 * t]!,
    hi = tables[tb + 2 * t + 1]!;
  // per tick: rate += (1 − ratio/goal) × change / ticksPerYear, then capped at hi, floored at lo
  const d = ((1 - ratio / goal) * change) / perYear;
  let r1 = s[S]! + d;
  if (r1 > hi) r1 = hi;
  if (r1 < lo) r1 = lo;
  // ticks 1 … m lie on the line r1 + (k − 1)·d; the rest sit at the bound the line meets
  let m = n,
    bound = 0;
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
  s[S] = rate;
  s[code[pc + 2]!] = rate;
  s[code[pc + 4]!] = lo;
  s[code[pc + 5]!] = hi;
  s[code[pc + 3]!] = moveRef(code, pc + 11, s, (supply * sum) / perYear);
}
