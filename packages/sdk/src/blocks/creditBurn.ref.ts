// The reference kernel of creditBurn: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/creditBurn.ts. Apart from the compile step (creditBurn.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';

/** Reference kernel of I_CREDIT_BURN (the same operations, in the same order, as the wasm kernel). */
export function creditBurnRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const usd = evalFormula(code, code[pc + 5]!, s, rng) * s[code[pc + 6]!]!;
  const price = evalFormula(code, code[pc + 7]!, s, rng);
  const from = code[pc + 9]!;
  let tok = usd / price;
  const held = s[from]!;
  if (tok > held) tok = held > 0 ? held : 0;
  if (tok < 0) tok = 0;
  s[from] = s[from]! - tok;
  s[code[pc + 10]!] = s[code[pc + 10]!]! + tok;
  s[code[pc + 11]!] = s[code[pc + 11]!]! + tok;
  const settled = tok > 0 ? tok * price : 0; // nothing burned settles nothing, even at an infinite price
  const credits = settled / s[code[pc + 8]!]!;
  s[code[pc + 12]!] = s[code[pc + 12]!]! - credits;
  s[code[pc + 14]!] = s[code[pc + 14]!]! + credits;
  s[code[pc + 13]!] = s[code[pc + 13]!]! + credits;
  s[code[pc + 15]!] = s[code[pc + 15]!]! + credits;
  s[code[pc + 2]!] = tok;
  s[code[pc + 3]!] = credits;
  s[code[pc + 4]!] = settled;
}
