// chainCost (a network's on-chain operations, their fees and throughput on one chain):
// I_CHAIN_COST [47, next, outOps, outFee, outCost, outUtil, pricePc, capPerStep, n, (countPc, feePc, outCount) × n].
// Moves no tokens.
import { formulaValue } from '../formula';
import { sset, sv, w } from '../state';

/** Counts the step's operations and their fees (in operation order), then prices them and compares them with the capacity. */
export function chainCostStep(code: usize, pc: i32, state: usize): void {
  const n = w(code, pc + 8);
  let ops = 0.0;
  let fee = 0.0;
  for (let i = 0; i < n; i++) {
    const q = pc + 9 + i * 3;
    let c = formulaValue(code, w(code, q), state);
    if (c < 0) c = 0;
    const f = formulaValue(code, w(code, q + 1), state);
    sset(state, w(code, q + 2), c);
    ops += c;
    fee += c * f;
  }
  const price = formulaValue(code, w(code, pc + 6), state);
  sset(state, w(code, pc + 2), ops);
  sset(state, w(code, pc + 3), fee);
  sset(state, w(code, pc + 4), fee * price);
  sset(state, w(code, pc + 5), ops / sv(state, w(code, pc + 7)));
}
