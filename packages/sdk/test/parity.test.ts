import { init, simdSupported, wasmBytes } from '@flywheel/core-wasm';
import { helium } from '@flywheel/models';
import { fexp, flog, run, setPath, type ModelSpec } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { base, w1 } from './fixtures.js';

/**
 * The wasm engine and the reference engine must give identical numbers: same PRNG streams, same
 * order of floating-point operations, same deterministic exp/log. Tolerance: 0 (bit-identical,
 * −0 and +0 compared equal).
 */
function expectIdentical(a: Awaited<ReturnType<typeof run>>, b: Awaited<ReturnType<typeof run>>): void {
  expect(a.metrics).toEqual(b.metrics);
  for (const m of a.metrics) {
    for (const stat of ['mean', 'p5', 'p50', 'p95'] as const) {
      const x = a.metric(m)[stat];
      const y = b.metric(m)[stat];
      expect(x.length).toBe(y.length);
      for (let i = 0; i < x.length; i++) {
        if (x[i] !== y[i]) throw new Error(`${m}.${stat}[${i}]: wasm ${x[i]} ≠ reference ${y[i]}`);
      }
    }
  }
}

const specs: Record<string, ModelSpec> = {
  'helium (1 year, 6 runs, 200 agents)': helium({ years: 1, runs: 6, agents: 200 }),
  'W1 small': w1(5, 100, 400),
  'gbm + supply halving + weekly steps': setPath(
    setPath(setPath(base(), 'time.step', 'week'), 'price', { kind: 'gbm', initial: 3, drift: { rate: 0.2, per: 'year' }, volatility: { rate: 0.8, per: 'year' } }),
    'emissions.e',
    { kind: 'supplyHalving', rate: { amount: 500, per: 'week' }, thresholds: [2000, 3000, 3500], to: { miners: 0.7, treasury: 0.3 } },
  ),
  'constant capacity 0.1 with capacity-responsive demand': {
    ...w1(5, 40, 200),
    demand: { initial: { amount: 500, per: 'day' }, volatility: 0.1, capacity: { elasticity: 0.8 } },
    providers: { count: 40, population: 4000, initialActive: 0.7, cost: { kind: 'uniform', min: 0.0001, max: 0.002 }, costPer: 'day', capacity: { kind: 'constant', value: 0.1 }, window: 10, reentry: { probability: 0.05, threshold: 1.1 } },
  },
  'lognormal costs and capacities, saturation, demand share to providers': {
    ...w1(7, 50, 200),
    demand: { initial: { amount: 500, per: 'day' }, volatility: 0.2, meanCorrected: true, capacity: { elasticity: 0.7, saturation: { amount: 20, per: 'day' } }, providerShare: 0.3 },
    providers: { count: 50, population: 5000, initialActive: 0.6, cost: { kind: 'lognormal', median: 0.01, sigma: 0.5 }, costPer: 'day', capacity: { kind: 'lognormal', median: 2, sigma: 0.3 }, window: 31, minActiveSteps: 7, reentry: { probability: 0.05, threshold: 1 } },
  },
};

describe('wasm engine = reference engine', () => {
  it.each(Object.keys(specs))('%s', async (name) => {
    const spec = specs[name]!;
    const [a, b] = await Promise.all([run(spec, { engine: 'wasm' }), run(spec, { engine: 'reference' })]);
    expectIdentical(a, b);
  });

  it.each(Object.keys(specs))('SIMD build = scalar build: %s', async (name) => {
    expect(simdSupported()).toBe(true); // Node 20's V8 has SIMD; otherwise this test would compare scalar with scalar
    const spec = specs[name]!;
    const scalar = wasmBytes({ simd: false });
    const [a, b] = await Promise.all([run(spec, { wasm: wasmBytes({ simd: true }) }), run(spec, { wasm: scalar })]);
    expectIdentical(a, b);
  });

  it('the deterministic exp/log agree bit for bit between wasm and TypeScript', async () => {
    const ex = await init();
    const xs = [0, -0, 1, -1, 0.5, 1e-300, 5e-324, 709.7, -745, 710, -746, 1e-10, 0.34657359, 1.0397, 3.5, -20.25, Infinity, -Infinity, NaN];
    for (let i = 0; i < 20_000; i++) xs.push((i - 10_000) * 0.0713, 1e-8 * i, i * 37.5);
    for (const x of xs) {
      expect(Object.is(ex.fexp(x), fexp(x)), `fexp(${x})`).toBe(true);
      expect(Object.is(ex.flog(x), flog(x)), `flog(${x})`).toBe(true);
    }
  });

  it('fexp/flog are within 1 ulp of Math.exp/Math.log', () => {
    const ulp = (v: number) => Math.abs(v) * Number.EPSILON;
    for (let i = 1; i < 5000; i++) {
      const x = (i - 2500) / 37;
      expect(Math.abs(fexp(x) - Math.exp(x))).toBeLessThanOrEqual(ulp(Math.exp(x)));
      const y = i * 13.37;
      expect(Math.abs(flog(y) - Math.log(y))).toBeLessThanOrEqual(ulp(Math.log(y)));
    }
  });
});
