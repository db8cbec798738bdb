// The reference kernel of bond: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/bond.ts. Apart from the compile step (bond.ts), so that an app running the wasm
// engine does not download it: the reference engine loads lazily.

import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { clipTo } from './state.js';

/** Reference kernel of I_BOND. */
export function bondRef(code: Int32Array, pc: number, s: Float64Array, t: number, rng: Rng): void {
  const liquid = code[pc + 7]!,
    bonded = code[pc + 8]!,
    unbonding = code[pc + 9]!;
  const j = code[pc + 10]! + (t % code[pc + 11]!);
  const rel = clipTo(s[j]!, s[unbonding]!);
  s[unbonding] = s[unbonding]! - rel;
  s[liquid] = s[liquid]! + rel;
  const b = clipTo(evalFormula(code, code[pc + 5]!, s, rng), s[liquid]!);
  s[liquid] = s[liquid]! - b;
  s[bonded] = s[bonded]! + b;
  const u = clipTo(evalFormula(code, code[pc + 6]!, s, rng), s[bonded]!);
  s[bonded] = s[bonded]! - u;
  s[unbonding] = s[unbonding]! + u;
  s[j] = u;
  s[code[pc + 2]!] = b;
  s[code[pc + 3]!] = u;
  s[code[pc + 4]!] = rel;
}
