// The reference kernel of amm: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/amm.ts. Apart from the compile step (amm.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { moveRef } from '../program/ledger.js';
import { M } from './amm.js';

/** Reference kernel of I_AMM (same operations, in the same order, as the wasm kernel). */
export function ammRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const vPc = code[pc + 8]!,
    buyPc = code[pc + 9]!,
    sellPc = code[pc + 10]!,
    P = code[pc + 11]!;
  const g = pc + 12;
  const basePool = code[g + M + 4]!,
    tokenPool = code[g + 2 * M]!;
  const v = vPc >= 0 ? evalFormula(code, vPc, s, rng) : 0;
  let bought = 0,
    baseIn = 0,
    sold = 0,
    baseOut = 0,
    tax = 0;
  if (buyPc >= 0) {
    let a = evalFormula(code, buyPc, s, rng);
    const held = s[code[g]!]!;
    if (a > held) a = held > 0 ? held : 0;
    if (a > 0) {
      const t = a * s[P]!;
      const rb = s[basePool]! + v,
        rt = s[tokenPool]!;
      tax += moveRef(code, g, s, t);
      baseIn = moveRef(code, g + M, s, a - t);
      const d = rb + baseIn;
      bought = moveRef(code, g + 2 * M, s, d > 0 ? (rt * baseIn) / d : 0);
    }
  }
  if (sellPc >= 0) {
    let x = evalFormula(code, sellPc, s, rng);
    const held = s[code[g + 3 * M]!]!;
    if (x > held) x = held > 0 ? held : 0;
    if (x > 0) {
      const rb = s[basePool]! + v,
        rt = s[tokenPool]!;
      let gross = rt + x > 0 ? (rb * x) / (rt + x) : 0;
      const real = s[basePool]!;
      if (gross > real) gross = real > 0 ? real : 0;
      sold = moveRef(code, g + 3 * M, s, x);
      const t = gross * s[P + 1]!;
      tax += moveRef(code, g + 4 * M, s, t);
      baseOut = moveRef(code, g + 5 * M, s, gross - t);
    }
  }
  s[code[pc + 2]!] = bought;
  s[code[pc + 3]!] = baseIn;
  s[code[pc + 4]!] = sold;
  s[code[pc + 5]!] = baseOut;
  s[code[pc + 6]!] = tax;
  const rt = s[tokenPool]!;
  s[code[pc + 7]!] = rt > 0 ? (s[basePool]! + v) / rt : 0;
}
