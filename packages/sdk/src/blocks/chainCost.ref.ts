// The reference kernel of chainCost: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/chainCost.ts. Apart from the compile step (chainCost.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';

/** Reference kernel of I_CHAIN_COST (the same operation order as the wasm kernel). */
export function chainCostRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const n = code[pc + 8]!;
  let ops = 0;
  let fee = 0;
  for (let i = 0; i < n; i++) {
    const q = pc + 9 + i * 3;
    let c = evalFormula(code, code[q]!, s, rng);
    if (c < 0) c = 0;
    const f = evalFormula(code, code[q + 1]!, s, rng);
    s[code[q + 2]!] = c;
    ops += c;
    fee += c * f;
  }
  const price = evalFormula(code, code[pc + 6]!, s, rng);
  s[code[pc + 2]!] = ops;
  s[code[pc + 3]!] = fee;
  s[code[pc + 4]!] = fee * price;
  s[code[pc + 5]!] = ops / s[code[pc + 7]!]!;
}
