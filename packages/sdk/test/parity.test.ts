import { engineBytes, init, simdSupported } from '@flywheel/core-wasm';
import { helium } from '@flywheel/models';
import { availableMetrics, fexp, flog, run, validateSpec, type ModelSpec } from '@flywheel/sdk';
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

/** A W1 variant (blocks: demand, emission, burn, providers, price) with its own demand formula, burn and population. */
function w1With(runs: number, steps: number, edit: { params: Record<string, number>; demand: string; burnShare?: number; providers: Record<string, unknown> }): ModelSpec {
  const spec = w1(runs, 10, steps);
  spec.params = edit.params;
  const [demand, emission, burn, providers, price] = spec.blocks as unknown as [Record<string, unknown>, ...Record<string, unknown>[]];
  if ([demand.id, emission!.id, burn!.id, providers!.id, price!.id].join() !== 'demand,emission,burn,providers,price') throw new Error('W1 blocks changed');
  demand.formula = edit.demand;
  if (edit.burnShare !== undefined) burn!.share = edit.burnShare;
  Object.assign(providers!, edit.providers);
  return spec;
}

const specs: Record<string, ModelSpec> = {
  'helium (1 year, 6 runs, 200 agents)': helium({ years: 1, runs: 6, agents: 200 }),
  'W1 small': w1(5, 100, 400),
  // v1 supplyHalving with thresholds 2000, 3000, 3500 = an issuanceHalving on a cap of 4000 (cap · (1 − 2^−k)), one tick a step
  'gbm + supply halving + weekly steps': {
    ...base(),
    time: { step: 'week', steps: 10 },
    assets: { TST: { kind: 'token', decimals: 0, cap: 4000, accounts: { liquid: { initial: 1000, tag: 'liquid' }, treasury: { tag: 'treasury' } } } },
    blocks: [
      { id: 'e', kind: 'issuanceHalving', asset: 'TST', to: { liquid: 0.7, treasury: 0.3 }, perTick: 500, ticksPerStep: 1 },
      { id: 'price', kind: 'price', asset: 'TST', model: { kind: 'gbm', initial: 3, drift: { rate: 0.2, per: 'year' }, volatility: { rate: 0.8, per: 'year' } } },
    ],
    monteCarlo: { runs: 5, seed: 1 },
  },
  // v1 demand.capacity.elasticity: demand ∝ (active capacity / capacity at the start)^0.8; 4000 × 0.7 × 0.1 = 280 units at the start
  'constant capacity 0.1 with capacity-responsive demand': w1With(5, 200, {
    params: { demand0: 500, sigma: 0.1, elasticity: 0.8, capacity0: 280 },
    demand: 'demand0 * exp(sigma * normal()) * (providers.capacity / capacity0) ^ elasticity',
    providers: {
      count: 40,
      population: 4000,
      initialActive: 0.7,
      cost: { kind: 'uniform', min: 0.0001, max: 0.002 },
      capacity: { kind: 'constant', value: 0.1 },
      window: 10,
      reentry: { probability: 0.05, threshold: 1.1 },
    },
  }),
  // mean-corrected noise, elasticity, saturation at $20 a capacity unit, 30% of demand paid to providers in USD (70% settled by burning)
  'lognormal costs and capacities, saturation, demand share to providers': w1With(7, 200, {
    params: { demand0: 500, sigma: 0.2, elasticity: 0.7, capacity0: 6000, saturation: 20 },
    demand: 'min(demand0 * exp(sigma * normal() - sigma ^ 2 / 2) * (providers.capacity / capacity0) ^ elasticity, saturation * providers.capacity)',
    burnShare: 0.7,
    providers: {
      count: 50,
      population: 5000,
      initialActive: 0.6,
      cost: { kind: 'lognormal', median: 0.01, sigma: 0.5 },
      capacity: { kind: 'lognormal', median: 2, sigma: 0.3 },
      window: 31,
      minActiveSteps: 7,
      reentry: { probability: 0.05, threshold: 1 },
      usd: '0.3 * demandUsd',
    },
  }),
};

/** The spec with every population block on the given kernel. */
function onKernel(spec: ModelSpec, kernel: 'screening' | 'perAgent'): ModelSpec {
  return { ...spec, blocks: spec.blocks.map((b) => (b.kind === 'population' ? { ...b, kernel } : b)) } as ModelSpec;
}

// The screening kernel's edge cases (constant capacity, so it does not fall back): a one-step
// window, minActiveSteps equal to the window (only full windows judged), capex, every eligible agent
// re-entering (p = 1), none (p = 0), a population that starts empty, many re-entries a step.
const screeningEdges: Record<string, ModelSpec> = {
  'screening: window 1, p = 1': w1With(4, 300, {
    params: { demand0: 1000, growth: 0.0002, sigma: 0.4 },
    demand: 'demand0 * (1 + growth) ^ t * exp(sigma * normal())',
    providers: { count: 70, window: 1, reentry: { probability: 1, threshold: 1 } },
  }),
  'screening: minActiveSteps = the window, p = 0': w1With(4, 300, {
    params: { demand0: 1000, growth: 0.0002, sigma: 0.4 },
    demand: 'demand0 * (1 + growth) ^ t * exp(sigma * normal())',
    providers: { count: 70, window: 5, minActiveSteps: 5, reentry: { probability: 0, threshold: 1 } },
  }),
  'screening: capex, constant capacity 3, starting empty, window 31': w1With(4, 400, {
    params: { demand0: 3000, growth: 0.001, sigma: 0.3 },
    demand: 'demand0 * (1 + growth) ^ t * exp(sigma * normal())',
    providers: {
      count: 97,
      initialActive: 0,
      capacity: { kind: 'constant', value: 3 },
      cost: { kind: 'lognormal', median: 1, sigma: 0.6 },
      window: 31,
      minActiveSteps: 3,
      capex: { usd: 200, payback: { amount: 90, unit: 'day' } },
      reentry: { probability: 0.2, threshold: 1.1 },
    },
  }),
  // W1's rewards spread over 4,000 agents: most leave at once and many re-enter every step, so the
  // wasm kernel finds the successes by walking its inactive bitset instead of Fenwick selects
  'screening: many re-entries a step (the bitset walk)': w1With(2, 150, {
    params: { demand0: 1000, growth: 0.0002, sigma: 0.1 },
    demand: 'demand0 * (1 + growth) ^ t * exp(sigma * normal())',
    providers: { count: 4000, window: 10, reentry: { probability: 0.05, threshold: 1 } },
  }),
};

describe('wasm engine = reference engine, each population kernel', () => {
  const cases = [...Object.keys(specs), ...Object.keys(screeningEdges)].flatMap((name) => (['screening', 'perAgent'] as const).map((k) => [name, k] as const));
  it.each(cases)('%s (%s)', async (name, kernel) => {
    const spec = onKernel(specs[name] ?? screeningEdges[name]!, kernel);
    const metrics = availableMetrics(validateSpec(spec));
    const [a, b] = await Promise.all([run(spec, { engine: 'wasm', metrics }), run(spec, { engine: 'reference', metrics })]);
    expectIdentical(a, b);
  });
});

describe('wasm engine = reference engine', () => {
  it.each(Object.keys(specs))('%s', async (name) => {
    const spec = specs[name]!;
    const metrics = availableMetrics(validateSpec(spec)); // every signal, block output, balance and aggregate, not only the defaults
    const [a, b] = await Promise.all([run(spec, { engine: 'wasm', metrics }), run(spec, { engine: 'reference', metrics })]);
    expect(a.metrics.length).toBeGreaterThan(14);
    expectIdentical(a, b);
  });

  it.each(Object.keys(specs))('SIMD build = scalar build: %s', async (name) => {
    expect(simdSupported()).toBe(true); // Node 20's V8 has SIMD; otherwise this test would compare scalar with scalar
    const spec = specs[name]!;
    const scalar = await engineBytes({ simd: false });
    const simd = await engineBytes({ simd: true });
    expect(Buffer.from(scalar).equals(Buffer.from(simd))).toBe(false); // two different builds
    const metrics = availableMetrics(validateSpec(spec));
    const [a, b] = await Promise.all([run(spec, { wasm: simd, metrics }), run(spec, { wasm: scalar, metrics })]);
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
