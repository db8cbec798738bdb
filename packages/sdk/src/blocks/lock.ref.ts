// The reference kernel of lock: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/lock.ts. Apart from the compile step (lock.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';

/** Reference kernel of I_LOCK. */
export function lockRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const from = code[pc + 5]!,
    locked = code[pc + 6]!;
  let m = (evalFormula(code, code[pc + 3]!, s, rng) - s[locked]!) * s[code[pc + 4]!]!;
  if (m > 0 || m !== m) {
    const held = s[from]!;
    if (m > held) m = held > 0 ? held : 0;
    s[from] = s[from]! - m;
    s[locked] = s[locked]! + m;
  } else if (m < 0) {
    let r = -m;
    const held = s[locked]!;
    if (r > held) r = held > 0 ? held : 0;
    s[locked] = s[locked]! - r;
    s[from] = s[from]! + r;
    m = -r;
  }
  s[code[pc + 2]!] = m;
}
