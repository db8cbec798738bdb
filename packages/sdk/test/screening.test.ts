import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM module without types, shared with the benchmark suite (which runs it in full)
import { costTimes, ksCritical, ksPValue, ksStatistic, lawSpecs, lawTest } from '../../../bench/screening-law.mjs';

interface LawTest {
  spec: string;
  quantity: string;
  n: number;
  D: number;
  p: number;
  reject: boolean;
}
interface LawResult {
  tests: LawTest[];
  rejected: number;
  perTestAlpha: number;
  power: { dCritical: number; delta50: number; delta90: number };
}

/**
 * The screening kernel assigns the re-entry trials to other agents than the per-agent kernel (J
 * order over the eligible agents, not agent order), so runs differ; the law of the process must
 * not. Quick form of the bench's `screening-law` workload: 300 runs per kernel (independent seeds)
 * of W1 (200 agents, 10 years daily, so the halvings thin the providers) and Helium (200 agents,
 * 2 years); two-sample KS on final and minimum active providers, final price, cumulative burn, at
 * α = 0.01 for the family (Bonferroni, 0.00125 a test). Power: a CDF difference of 0.155 anywhere
 * is detected with probability ≥ 0.5, of 0.208 with ≥ 0.9 (ksPowerDeltas); the control below
 * (costs ×1.5 on the per-agent side) must be rejected; costs ×1.1 are not detectable at this size (the price adapts;
 * minimum active providers of W1 at p ≈ 0.007).
 */
describe('screening kernel: the same law as the per-agent kernel', () => {
  const specs = lawSpecs({ runs: 300, w1Agents: 200, w1Steps: 3650, heliumYears: 2, heliumAgents: 200 });

  it('KS statistic and p-value against hand-computed cases', () => {
    expect(ksStatistic([1, 2, 3, 4], [1, 2, 3, 4])).toBe(0);
    expect(ksStatistic([1, 2, 3, 4], [5, 6, 7, 8])).toBe(1);
    // F₁ − F₂: at 1, 1/4 − 0; at 2, 2/4 − 0; at 3, 3/4 − 1/2; at 4, 1 − 1/2; at 5, 0: D = 0.5
    expect(ksStatistic([1, 2, 3, 4], [3, 5])).toBe(0.5);
    // Kolmogorov's distribution: Q(1.358) ≈ 0.05, Q(1.628) ≈ 0.01 (the classical critical values)
    const ne = Math.sqrt((1e4 * 1e4) / 2e4); // √(nm / (n + m))
    expect(ksPValue(1.3581 / ne, 1e4, 1e4)).toBeCloseTo(0.05, 2); // within 0.005 (Stephens' small-sample correction shifts it slightly)
    expect(ksPValue(1.6276 / ne, 1e4, 1e4)).toBeCloseTo(0.01, 2);
    expect(ksCritical(0.05, 1e4, 1e4) * ne).toBeCloseTo(1.358, 2);
  });

  it('no quantity of W1 or Helium differs between the kernels', async () => {
    const r = (await lawTest(specs, { threads: 1 })) as LawResult;
    expect(r.tests).toHaveLength(8);
    for (const t of r.tests) expect(t.n).toBe(300);
    const failed = r.tests.filter((t) => t.reject);
    expect(failed, JSON.stringify(failed)).toEqual([]);
    expect(r.power.delta50).toBeCloseTo(0.155, 2);
  }, 120_000);

  it('power control: costs ×1.5 on the per-agent side are detected', async () => {
    const r = (await lawTest(specs, { threads: 1, alter: costTimes(1.5) })) as LawResult;
    expect(r.rejected).toBeGreaterThanOrEqual(2);
    expect(r.tests.some((t) => t.spec === 'w1' && t.reject)).toBe(true);
    expect(r.tests.some((t) => t.spec === 'helium' && t.reject)).toBe(true);
  }, 120_000);
});
