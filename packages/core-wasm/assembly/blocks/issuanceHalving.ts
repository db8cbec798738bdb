// issuanceHalving (Bittensor): I_ISSUANCE_HALVING [19, next, outAmount, outRate, issuancePc, P,
// MOVE...]; P: [perTick, ticks, cap]. Halvings at cap × (1 − 2^−k); a crossing inside the step is exact.
import { formulaValue } from '../formula';
import { move } from '../ledger';
import { sset, sv, w } from '../state';

/** Emission of one step: ticks at the rate for the issuance, split where the issuance crosses a threshold. */
export function issuanceHalvingStep(code: usize, pc: i32, state: usize): void {
  const P = w(code, pc + 5);
  const perTick = sv(state, P), cap = sv(state, P + 2);
  let remaining = sv(state, P + 1);
  let issuance = formulaValue(code, w(code, pc + 4), state);
  let total: f64 = 0;
  let rate: f64 = 0;
  for (let guard = 0; guard < 70; guard++) {
    // h = number of thresholds cap·(1 − 2^−j), j ≥ 1, at or below the issuance
    let h = 0;
    let half: f64 = 0.5;
    while (h < 64 && issuance >= cap * (1 - half)) { h++; half *= 0.5; }
    if (h >= 64 || !(remaining > 0)) { rate = h >= 64 ? 0 : perTick * half * 2; break; }
    rate = perTick * half * 2; // perTick · 2^−h
    const next = cap * (1 - half); // threshold h + 1
    // ticks before the crossing, judged to a millionth of a tick: the protocol counts whole base
    // units, and the f64 issuance (a sum of balances) is within about 1e-8 tokens of it
    const n = Math.ceil((next - issuance) / rate - 1e-6);
    if (n >= remaining) { total += rate * remaining; break; }
    total += rate * n;
    issuance += rate * n;
    remaining -= n;
  }
  sset(state, w(code, pc + 2), move(code, pc + 6, state, total));
  sset(state, w(code, pc + 3), rate);
}
