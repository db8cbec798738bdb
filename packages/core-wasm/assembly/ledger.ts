// The ledger primitive: every balance change of engine v2 is a move between accounts of one asset.
// Operand group MOVE at pc: [from, limited, mintFlow, n, (to, share, burnFlow) × n] (program-layout.ts).
import { formulaValue } from './formula';
import { clipTo, sadd, sv, w } from './state';


/**
 * Moves `amount` from the source account to the targets by share, clipped to what the source
 * holds when it is limited; nothing when amount ≤ 0 (a NaN amount moves NaN, so the run's
 * non-finite check reports it). The last target takes the remainder, so the targets receive
 * exactly what left the source. Returns the amount moved.
 */
export function move(code: usize, pc: i32, state: usize, amount: f64): f64 {
  if (amount <= 0) return 0;
  const from = w(code, pc);
  if (w(code, pc + 1) != 0) {
    const held = sv(state, from);
    if (amount > held) amount = held > 0 ? held : 0;
    if (amount == 0) return 0;
  }
  sadd(state, from, -amount);
  const mintFlow = w(code, pc + 2);
  if (mintFlow >= 0) sadd(state, mintFlow, amount);
  const n = w(code, pc + 3);
  let left = amount;
  for (let i = 0; i < n; i++) {
    const q = pc + 4 + i * 3;
    const part = i == n - 1 ? left : amount * sv(state, w(code, q + 1));
    left -= part;
    sadd(state, w(code, q), part);
    const burnFlow = w(code, q + 2);
    if (burnFlow >= 0) sadd(state, burnFlow, part);
  }
  return amount;
}

/**
 * Takes an amount out of a source account, for kernels whose operands at pc are
 * [amountPc, from, limited, mintFlow]: the formula's value (amountPc ≥ 0) or everything the source
 * holds (−1), clipped to what it holds when limited, never below 0; counted as minted when the
 * source is the issuer. Returns the amount taken (the caller places it).
 */
export function takeAmount(code: usize, pc: i32, state: usize): f64 {
  const amountPc = w(code, pc), from = w(code, pc + 1);
  let a = amountPc >= 0 ? formulaValue(code, amountPc, state) : sv(state, from);
  if (w(code, pc + 2) != 0) a = clipTo(a, sv(state, from));
  else if (a < 0) a = 0;
  sadd(state, from, -a);
  const mintFlow = w(code, pc + 3);
  if (mintFlow >= 0) sadd(state, mintFlow, a);
  return a;
}
