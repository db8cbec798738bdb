// baselineMinting (Filecoin): I_BASELINE [17, next, outAmount, outSimple, outBaseline, outTheta,
// outBaselinePower, powerPc, P, S, MOVE...]; P: [n, λ, simpleTotal, baselineTotal, b0, g] (per
// tick), S: [τ, R, θ]. Closed form over the step's n ticks with the power constant in the step.
import { formulaValue } from '../formula';
import { move } from '../ledger';
import { fexp, flog } from '../math';
import { sset, sv, w } from '../state';

/** Simple and baseline minting for one step; returns nothing (writes its outputs). */
export function baselineStep(code: usize, pc: i32, state: usize): void {
  const P = w(code, pc + 8), S = w(code, pc + 9);
  const n = sv(state, P), lambda = sv(state, P + 1), simpleTotal = sv(state, P + 2), baselineTotal = sv(state, P + 3);
  const b0 = sv(state, P + 4), g = sv(state, P + 5);
  const tau = sv(state, S), tau1 = tau + n;
  const simple = simpleTotal * (fexp(-lambda * tau) - fexp(-lambda * tau1));
  const power = formulaValue(code, w(code, pc + 7), state);
  let realized: f64 = 0;
  if (power > 0) {
    // min(power, b0·e^(g·x)) over [τ, τ + n]: the baseline until it crosses the power, then the power
    let lo = flog(power / b0) / g;
    if (lo < tau) lo = tau;
    if (lo > tau1) lo = tau1;
    realized = (b0 / g) * (fexp(g * lo) - fexp(g * tau)) + power * (tau1 - lo);
  } else if (power != power) realized = power;
  const R = sv(state, S + 1) + realized;
  const theta0 = sv(state, S + 2);
  const theta1 = flog(1 + (g * R) / b0) / g;
  const baseline = baselineTotal * (fexp(-lambda * theta0) - fexp(-lambda * theta1));
  sset(state, S, tau1);
  sset(state, S + 1, R);
  sset(state, S + 2, theta1);
  sset(state, w(code, pc + 2), move(code, pc + 10, state, simple + baseline));
  sset(state, w(code, pc + 3), simple);
  sset(state, w(code, pc + 4), baseline);
  sset(state, w(code, pc + 5), theta1);
  sset(state, w(code, pc + 6), b0 * fexp(g * tau1));
}
