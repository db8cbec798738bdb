// The reference kernel of issuanceHalving: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/issuanceHalving.ts. Apart from the compile step (issuanceHalving.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { moveRef } from '../program/ledger.js';

/** Reference kernel of I_ISSUANCE_HALVING. */
export function issuanceHalvingRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const P = code[pc + 5]!;
  const perTick = s[P]!,
    cap = s[P + 2]!;
  let remaining = s[P + 1]!;
  let issuance = evalFormula(code, code[pc + 4]!, s, rng);
  let total = 0;
  let rate = 0;
  for (let guard = 0; guard < 70; guard++) {
    let h = 0;
    let half = 0.5;
    while (h < 64 && issuance >= cap * (1 - half)) {
      h++;
      half *= 0.5;
    }
    if (h >= 64 || !(remaining > 0)) {
      rate = h >= 64 ? 0 : perTick * half * 2;
      break;
    }
    rate = perTick * half * 2;
    const next = cap * (1 - half);
    // ticks before the crossing, judged to a millionth of a tick: the protocol counts whole base
    // units, and the f64 issuance (a sum of balances) is within about 1e-8 tokens of it
    const n = Math.ceil((next - issuance) / rate - 1e-6);
    if (n >= remaining) {
      total += rate * remaining;
      break;
    }
    total += rate * n;
    issuance += rate * n;
    remaining -= n;
  }
  s[code[pc + 2]!] = moveRef(code, pc + 6, s, total);
  s[code[pc + 3]!] = rate;
}
