import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { clipTo } from '../blocks/state.js';
// The ledger primitive in TypeScript: the reference engine's twin of assembly/ledger.ts.

/**
 * Moves `amount` from the source account to the targets by share (MOVE operands at pc, see
 * @flywheel/core-wasm/program-layout), clipped to what a limited source holds; nothing when
 * amount ≤ 0. The last target takes the remainder. Returns the amount moved.
 */
export function moveRef(code: Int32Array, pc: number, s: Float64Array, amount: number): number {
  if (amount <= 0) return 0;
  const from = code[pc]!;
  if (code[pc + 1] !== 0) {
    const held = s[from]!;
    if (amount > held) amount = held > 0 ? held : 0;
    if (amount === 0) return 0;
  }
  s[from] = s[from]! - amount;
  const mintFlow = code[pc + 2]!;
  if (mintFlow >= 0) s[mintFlow] = s[mintFlow]! + amount;
  const n = code[pc + 3]!;
  let left = amount;
  for (let i = 0; i < n; i++) {
    const q = pc + 4 + i * 3;
    const part = i === n - 1 ? left : amount * s[code[q + 1]!]!;
    left -= part;
    s[code[q]!] = s[code[q]!]! + part;
    const burnFlow = code[q + 2]!;
    if (burnFlow >= 0) s[burnFlow] = s[burnFlow]! + part;
  }
  return amount;
}

/**
 * Takes an amount out of a source account (operands at pc: [amountPc, from, limited, mintFlow]);
 * the twin of assembly/ledger.ts `takeAmount`. Returns the amount taken.
 */
export function takeAmountRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): number {
  const amountPc = code[pc]!;
  const from = code[pc + 1]!;
  let a = amountPc >= 0 ? evalFormula(code, amountPc, s, rng) : s[from]!;
  if (code[pc + 2] !== 0) a = clipTo(a, s[from]!);
  else if (a < 0) a = 0;
  s[from] = s[from]! - a;
  const mintFlow = code[pc + 3]!;
  if (mintFlow >= 0) s[mintFlow] = s[mintFlow]! + a;
  return a;
}
