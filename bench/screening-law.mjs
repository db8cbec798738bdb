// The law of the population process does not depend on the kernel (issue 13): two-sample
// Kolmogorov–Smirnov tests between the screening and the per-agent kernel on W1 and Helium, on
// the final and minimum active providers, the final price and the cumulative burn, over many runs
// (independent seeds for the two kernels). Used in a quick form by packages/sdk/test/screening.test.ts
// and in full by `npm run bench` (workload `screening-law`).
import { run } from '@flywheel/sdk';
import { helium } from '@flywheel/models';
import { w1Spec } from './w1.mjs';

/** The two-sample KS statistic D = sup |F₁ − F₂|. */
export function ksStatistic(a, b) {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0,
    j = 0,
    d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** Kolmogorov's Q(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²). */
function qks(l) {
  if (l < 0.2) return 1;
  let s = 0;
  for (let k = 1; k <= 100; k++) s += 2 * (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * l * l);
  return Math.min(1, Math.max(0, s));
}

/** Asymptotic p-value of D for samples of n and m (Stephens' correction); conservative for discrete data. */
export function ksPValue(d, n, m) {
  const ne = Math.sqrt((n * m) / (n + m));
  return qks((ne + 0.12 + 0.11 / ne) * d);
}

/** The D above which the test rejects at level α, for samples of n and m (inverts ksPValue by bisection). */
export function ksCritical(alpha, n, m) {
  let lo = 0,
    hi = 1;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (ksPValue(mid, n, m) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Power against an alternative whose CDFs differ by Δ at some point: the empirical difference
 * there is about normal with mean Δ and standard deviation at most √(1/(4n) + 1/(4m)), so the power
 * is at least Φ((Δ − D_crit) / σ). Returns the Δ at which the power is 0.5 and 0.9.
 */
export function ksPowerDeltas(alpha, n, m) {
  const dc = ksCritical(alpha, n, m);
  const sigma = Math.sqrt(1 / (4 * n) + 1 / (4 * m));
  return { dCritical: dc, delta50: dc, delta90: dc + 1.2816 * sigma };
}

const QUANTITIES = {
  finalActive: (r) => r.paths('activeProviders').map((p) => p[p.length - 1]),
  minActive: (r) => r.paths('activeProviders').map((p) => p.reduce((a, v) => Math.min(a, v), Infinity)),
  finalPrice: (r) => r.paths('price').map((p) => p[p.length - 1]),
  cumulativeBurn: (r) => r.paths('cumulativeBurned').map((p) => p[p.length - 1]),
};

const onKernel = (spec, kernel, seed) => ({ ...spec, monteCarlo: { ...spec.monteCarlo, seed }, blocks: spec.blocks.map((b) => (b.kind === 'population' ? { ...b, kernel } : b)) });

/** The specs compared: W1 and Helium at the given sizes; `alter` edits the per-agent side's population (a control the test must reject). */
export function lawSpecs({ runs, w1Agents, w1Steps, heliumYears, heliumAgents }) {
  return {
    w1: w1Spec({ runs, agents: w1Agents, steps: w1Steps }),
    helium: helium({ years: heliumYears, runs, agents: heliumAgents }),
  };
}

/**
 * Runs each spec on both kernels (seed 1 screening, seed 2 per-agent) and tests each quantity at
 * level α / (number of tests) (Bonferroni: the family rejects wrongly with probability ≤ α).
 * `alter(block)`: edits the per-agent side's population block (the power control).
 */
export async function lawTest(specs, { alpha = 0.01, threads = 1, alter } = {}) {
  const metrics = ['activeProviders', 'price', 'cumulativeBurned'];
  const tests = [];
  const nTests = Object.keys(specs).length * Object.keys(QUANTITIES).length;
  for (const [name, spec] of Object.entries(specs)) {
    const per = onKernel(spec, 'perAgent', 2);
    if (alter) per.blocks = per.blocks.map((b) => (b.kind === 'population' ? alter({ ...b }) : b));
    const a = await run(onKernel(spec, 'screening', 1), { threads, metrics, keepRuns: true });
    const b = await run(per, { threads, metrics, keepRuns: true });
    for (const [q, f] of Object.entries(QUANTITIES)) {
      const x = f(a),
        y = f(b);
      const d = ksStatistic(x, y);
      const p = ksPValue(d, x.length, y.length);
      tests.push({ spec: name, quantity: q, n: x.length, D: d, p, reject: p < alpha / nTests });
    }
  }
  const n = tests[0]?.n ?? 0;
  return { alpha, perTestAlpha: alpha / nTests, tests, power: ksPowerDeltas(alpha / nTests, n, n), rejected: tests.filter((t) => t.reject).length };
}

/** The power control: every cost of the population × f (a kernel that misjudged costs). */
export function costTimes(f) {
  return (b) => {
    const c = b.cost;
    const cost = c.kind === 'uniform' ? { ...c, min: c.min * f, max: c.max * f } : c.kind === 'lognormal' ? { ...c, median: c.median * f } : { ...c, value: c.value * f };
    return { ...b, cost };
  };
}
