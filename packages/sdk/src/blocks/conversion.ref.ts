// The reference kernel of conversion: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/conversion.ts. Apart from the compile step (conversion.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { moveRef } from '../program/ledger.js';

/** Reference kernel of I_CONVERSION (same operations, in the same order, as the wasm kernel). */
export function conversionRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const P = code[pc + 6]!;
  const ratio = s[P]!,
    fee = s[P + 1]!;
  const net = ratio * (1 - fee);
  let x = evalFormula(code, code[pc + 5]!, s, rng);
  const src = pc + 7,
    dst = pc + 14; // the source MOVE group has one target: 4 + 3 words
  // a limited reserve pays at most what it holds: x ≤ reserve / net
  if (code[dst + 1] !== 0 && x > 0) {
    const can = s[code[dst]!]! / net;
    if (x > can) x = can > 0 ? can : 0;
  }
  x = moveRef(code, src, s, x);
  const out = moveRef(code, dst, s, x * net);
  s[code[pc + 2]!] = x;
  s[code[pc + 3]!] = out;
  s[code[pc + 4]!] = x * ratio - out;
}
