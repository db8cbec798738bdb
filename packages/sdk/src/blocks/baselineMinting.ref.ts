// The reference kernel of baselineMinting: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/baselineMinting.ts. Apart from the compile step (baselineMinting.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import { fexp, flog } from '../engine/math.js';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { moveRef } from '../program/ledger.js';

/** Reference kernel of I_BASELINE. */
export function baselineRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const P = code[pc + 8]!,
    S = code[pc + 9]!;
  const n = s[P]!,
    lambda = s[P + 1]!,
    simpleTotal = s[P + 2]!,
    baselineTotal = s[P + 3]!,
    b0 = s[P + 4]!,
    g = s[P + 5]!;
  const tau = s[S]!;
  const tau1 = tau + n;
  const simple = simpleTotal * (fexp(-lambda * tau) - fexp(-lambda * tau1));
  const power = evalFormula(code, code[pc + 7]!, s, rng);
  let realized = 0;
  if (power > 0) {
    let lo = flog(power / b0) / g;
    if (lo < tau) lo = tau;
    if (lo > tau1) lo = tau1;
    realized = (b0 / g) * (fexp(g * lo) - fexp(g * tau)) + power * (tau1 - lo);
  } else if (power !== power) realized = power;
  const R = s[S + 1]! + realized;
  const theta0 = s[S + 2]!;
  const theta1 = flog(1 + (g * R) / b0) / g;
  const baseline = baselineTotal * (fexp(-lambda * theta0) - fexp(-lambda * theta1));
  s[S] = tau1;
  s[S + 1] = R;
  s[S + 2] = theta1;
  s[code[pc + 2]!] = moveRef(code, pc + 10, s, simple + baseline);
  s[code[pc + 3]!] = simple;
  s[code[pc + 4]!] = baseline;
  s[code[pc + 5]!] = theta1;
  s[code[pc + 6]!] = b0 * fexp(g * tau1);
}
