// The reference kernel of stepController: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/stepController.ts. Apart from the compile step (stepController.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { moveRef } from '../program/ledger.js';

/** Reference kernel of I_STEP_CONTROLLER. */
export function stepControllerRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const P = code[pc + 6]!,
    S = code[pc + 7]!;
  const ratio = evalFormula(code, code[pc + 4]!, s, rng);
  const supply = evalFormula(code, code[pc + 5]!, s, rng);
  const target = s[P]!,
    step = s[P + 1]!,
    floor = s[P + 2]!,
    max = s[P + 3]!;
  const ticks = s[P + 4]!;
  let rate = s[S]!;
  let total = 0;
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
  s[S] = rate;
  s[code[pc + 2]!] = rate;
  s[code[pc + 3]!] = moveRef(code, pc + 8, s, total);
}
