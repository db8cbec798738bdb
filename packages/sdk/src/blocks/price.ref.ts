// The reference kernel of price: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/price.ts. Apart from the compile step (price.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import { PK_GBM, PK_IMPACT, PK_PATH } from '@flywheel/core-wasm/program-layout';
import { fexp } from '../engine/math.js';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';

/** Reference kernel of I_PRICE. */
export function priceRef(code: Int32Array, pc: number, s: Float64Array, tables: Float64Array, t: number, rng: Rng): void {
  const slot = code[pc + 2]!;
  const kind = code[pc + 3]!;
  let p = s[slot]!;
  if (kind === PK_PATH) p = tables[code[pc + 9]! + t]!;
  else if (kind === PK_GBM || kind === PK_IMPACT) {
    const vol = s[code[pc + 5]!]!;
    let x = 0;
    if (kind === PK_IMPACT) {
      const flowPc = code[pc + 7]!;
      let flow: number;
      if (flowPc >= 0) flow = evalFormula(code, flowPc, s, rng);
      else {
        const circ = s[code[pc + 12]!]!;
        flow = circ > 0 ? (s[code[pc + 10]!]! - s[code[pc + 11]!]!) / circ : 0;
      }
      x = s[code[pc + 6]!]! * flow;
    }
    p *= fexp(x + s[code[pc + 4]!]! + (vol > 0 ? vol * rng.normal() : 0));
  }
  const floor = s[code[pc + 8]!]!;
  if (p < floor) p = floor;
  const ceiling = s[code[pc + 13]!]!;
  if (p > ceiling) p = ceiling;
  s[slot] = p;
}
