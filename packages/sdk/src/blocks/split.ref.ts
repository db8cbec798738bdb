// The reference kernel of split: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/split.ts. Apart from the compile step (split.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { takeAmountRef } from '../program/ledger.js';

/** Reference kernel of I_SPLIT. */
export function splitRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const a = takeAmountRef(code, pc + 3, s, rng);
  let left = a;
  const n = code[pc + 9]!;
  for (let i = 0; i < n; i++) {
    const q = pc + 10 + i * 4;
    const to = code[q]!;
    if (s[to]! < s[code[q + 2]!]!) {
      let part = a * s[code[q + 1]!]!;
      if (part > left) part = left;
      if (part < 0) part = 0;
      left -= part;
      s[to] = s[to]! + part;
      const bf = code[q + 3]!;
      if (bf >= 0) s[bf] = s[bf]! + part;
    }
  }
  const rest = code[pc + 7]!;
  s[rest] = s[rest]! + left;
  const rbf = code[pc + 8]!;
  if (rbf >= 0) s[rbf] = s[rbf]! + left;
  s[code[pc + 2]!] = a;
}
