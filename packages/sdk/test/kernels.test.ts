import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { fexp, Rng, run, setPath, type ModelSpec } from '@flywheel/sdk';
import { base } from './fixtures.js';

const engines = ['wasm', 'reference'] as const;
const with_ = (spec: ModelSpec, edits: Record<string, unknown>): ModelSpec =>
  Object.entries(edits).reduce((s, [p, v]) => setPath(s, p, v, true), spec);

describe.each(engines)('kernels on the %s engine', (engine) => {
  const go = (spec: ModelSpec) => run(spec, { engine });

  it('fixed emission per period, converted to the step', async () => {
    const r = await go(base());
    expect(r.metric('minted').p50[3]).toBe(100);
    expect(r.metric('cumulativeMinted').p50[10]).toBe(1000);
    expect(r.metric('totalSupply').p50[10]).toBe(2000);
    const weekly = await go(with_(base(), { 'time.step': 'week', 'time.steps': 4 }));
    expect(weekly.metric('minted').p50[1]).toBe(700);
    const yearly = await go(with_(base(), { 'emissions.e.rate': { amount: 36_500, per: 'year' } }));
    expect(yearly.metric('minted').p50[1]).toBeCloseTo(100, 10);
  });

  it('halving by time: 100/day halving every 4 days', async () => {
    const r = await go(with_(base(), { 'emissions.e': { kind: 'halving', rate: { amount: 100, per: 'day' }, every: { amount: 4, unit: 'day' }, to: { miners: 1 } } }));
    expect(Array.from(r.metric('minted').p50.slice(1))).toEqual([100, 100, 100, 100, 50, 50, 50, 50, 25, 25]);
    expect(r.metric('cumulativeMinted').p50[10]).toBe(650);
  });

  it('halving by issued supply at max·(1 − 2^−k)', async () => {
    const spec = with_(base(), {
      'token.initialSupply': 0, 'token.initialCirculating': 0, 'token.maxSupply': 4000,
      'emissions.e': { kind: 'supplyHalving', rate: { amount: 1000, per: 'day' }, to: { miners: 1 } },
    });
    const r = await go(spec);
    // thresholds 2000, 3000, 3500, 3750...: 1000, 1000, 500, 500, 250, 250, 125, 125, ...
    expect(Array.from(r.metric('minted').p50.slice(1, 9))).toEqual([1000, 1000, 500, 500, 250, 250, 125, 125]);
    expect(r.metric('totalSupply').p50[6]).toBe(3500);
  });

  it('exponential half-life: half the total after one half-life (decimal.js oracle)', async () => {
    const total = 1_000_000;
    const r = await go(with_(base(), { 'time.steps': 30, 'emissions.e': { kind: 'halfLife', total, halfLife: { amount: 10, unit: 'day' }, to: { miners: 1 } } }));
    const cum = r.metric('cumulativeMinted').p50;
    const oracle = (days: number) => new Decimal(total).times(new Decimal(1).minus(new Decimal(2).pow(-days / 10))).toNumber();
    expect(Math.abs(cum[10]! - oracle(10)) / oracle(10)).toBeLessThan(1e-12);
    expect(Math.abs(cum[30]! - oracle(30)) / oracle(30)).toBeLessThan(1e-12);
  });

  it('explicit schedule table with a halving continuation', async () => {
    const r = await go(with_(base(), {
      'emissions.e': { kind: 'schedule', entries: [{ from: 2, rate: { amount: 10, per: 'day' } }, { from: 5, rate: { amount: 40, per: 'day' } }], then: { halvingEvery: { amount: 2, unit: 'day' } }, to: { miners: 1 } },
    }));
    // step t covers day t−1..t; nothing before day 2
    expect(Array.from(r.metric('minted').p50.slice(1))).toEqual([0, 0, 10, 10, 10, 40, 40, 20, 20, 10]);
  });

  it('cap at max supply', async () => {
    const r = await go(with_(base(), { 'token.maxSupply': 1250 }));
    const total = r.metric('totalSupply').p50;
    expect(Array.from(r.metric('minted').p50.slice(1, 5))).toEqual([100, 100, 50, 0]);
    expect(Math.max(...total)).toBe(1250);
  });

  it('emission splits: providers and circulating count as circulating, treasury does not, staked is staked', async () => {
    const spec = with_(base(), {
      groups: { miners: { kind: 'providers' }, treasury: { kind: 'treasury' }, stakers: { kind: 'staked' }, team: { kind: 'circulating' } },
      'emissions.e.to': { miners: 0.5, treasury: 0.2, stakers: 0.2, team: 0.1 },
    });
    const r = await go(spec);
    expect(r.metric('circulatingSupply').p50[10]).toBeCloseTo(1000 + 10 * 60, 9);
    expect(r.metric('stakedSupply').p50[10]).toBeCloseTo(10 * 20, 9);
    expect(r.metric('totalSupply').p50[10]).toBe(2000);
  });

  it('burn-and-mint: USD demand burns tokens at the start-of-step price; net-emission re-mint is capped', async () => {
    const spec = with_(base(), {
      burn: { kind: 'burnAndMint', share: 1, netEmissions: { cap: { amount: 10, per: 'day' }, averageOver: 2, to: { miners: 1 } } },
      demand: { initial: { amount: 100, per: 'day' } },
    });
    const r = await go(spec);
    expect(r.metric('burned').p50[1]).toBe(50); // $100 / $2
    // re-mint = min(mean of the last 2 steps' burns, 10): step 1 sees none, step 2 sees (0 + 50)/2 = 25 → 10
    expect(r.metric('minted').p50[1]).toBe(100);
    expect(r.metric('minted').p50[2]).toBe(110);
    expect(r.metric('burnMintRatio').p50[1]).toBe(0.5);
    expect(r.metric('totalSupply').p50[1]).toBe(1050);
    // burns never exceed what circulates
    const big = await go(with_(spec, { 'demand.initial.amount': 1e9 }));
    expect(Math.min(...big.metric('circulatingSupply').p5)).toBeGreaterThanOrEqual(0);
    expect(big.metric('burned').p50[1]).toBe(1100); // circulating 1000 + 100 newly minted
  });

  it('demand growth compounds per period; lognormal noise is mean-corrected', async () => {
    const grow = await go(with_(base(), { 'time.steps': 730, demand: { initial: { amount: 100, per: 'day' }, growth: { rate: 1, per: 'year' } } }));
    const d = grow.metric('demandUsd').p50;
    expect(d[365]! / 200 - 1).toBeLessThan(1e-12);
    expect(d[730]! / 400 - 1).toBeLessThan(1e-12);
    const noisy = await go(with_(base(), { 'time.steps': 1, 'monteCarlo.runs': 4000, demand: { initial: { amount: 100, per: 'day' }, volatility: 0.5, meanCorrected: true } }));
    // mean of 4000 lognormal draws with mean 100 and sd ≈ 53: standard error ≈ 0.84
    expect(Math.abs(noisy.metric('demandUsd').mean[1]! - 100)).toBeLessThan(4);
    expect(noisy.metric('demandUsd').p50[1]).toBeLessThan(100); // median exp(−σ²/2)·100 ≈ 88
    expect(noisy.metric('demandUsd').p50[1]).toBeGreaterThan(80);
  });

  it('GBM without volatility is exponential drift; impact moves price by net burn over circulating', async () => {
    const gbm = await go(with_(base(), { 'time.steps': 365, price: { kind: 'gbm', initial: 2, drift: { rate: 0.1, per: 'year' }, volatility: { rate: 0, per: 'year' } } }));
    expect(Math.abs(gbm.metric('price').p50[365]! / (2 * Math.exp(0.1)) - 1)).toBeLessThan(1e-12);
    const impact = await go(with_(base(), { price: { kind: 'impact', initial: 2, sensitivity: 3, volatility: { rate: 0, per: 'day' } } }));
    // step 1: minted 100, burned 0, circulating before 1000 → price 2·exp(3·(−100)/1000)
    expect(impact.metric('price').p50[1]).toBe(2 * fexp(-0.3));
  });

  it('price path is followed exactly, and the floor holds', async () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const r = await go(with_(base(), { price: { kind: 'path', values } }));
    expect(Array.from(r.metric('price').p50)).toEqual(values);
    const crash = await go(with_(base(), { 'time.steps': 50, price: { kind: 'gbm', initial: 1, drift: { rate: -5, per: 'day' }, volatility: { rate: 0, per: 'day' }, floor: 0.5 } }));
    expect(Math.min(...crash.metric('price').p5)).toBe(0.5);
  });

  it('providers: windowed revenue average, exit when below cost', async () => {
    // emission 10, 10, 2 tokens/day to providers at $1; 2 providers → revenue 5, 5, 1 per provider
    const spec = (window: number, cost: number) => with_(base(), {
      'time.steps': 3,
      'price.initial': 1,
      'emissions.e': { kind: 'schedule', entries: [{ from: 0, rate: { amount: 10, per: 'day' } }, { from: 2, rate: { amount: 2, per: 'day' } }], to: { miners: 1 } },
      providers: { count: 2, cost: { kind: 'constant', value: cost }, costPer: 'day', window, reentry: { probability: 0, threshold: 0 } },
    });
    const active = async (w: number, c: number) => Array.from((await go(spec(w, c))).metric('activeProviders').p50);
    expect(await active(1, 6)).toEqual([2, 0, 0, 0]); // 5 < 6 at once
    expect(await active(1, 3.5)).toEqual([2, 2, 2, 0]); // day 3: 1 < 3.5
    expect(await active(2, 3.5)).toEqual([2, 2, 2, 0]); // (5 + 1)/2 = 3 < 3.5
    expect(await active(3, 3.5)).toEqual([2, 2, 2, 2]); // (5 + 5 + 1)/3 = 3.67 ≥ 3.5
    const r = await go(spec(3, 3.5));
    expect(Array.from(r.metric('providerRevenueUsd').p50)).toEqual([0, 10, 10, 2]);
    // judged only once active on minActiveSteps steps of the window: with 2, nobody leaves on day 1
    const grace = await go(with_(spec(3, 6), { 'providers.minActiveSteps': 2 }));
    expect(Array.from(grace.metric('activeProviders').p50)).toEqual([2, 2, 0, 0]); // day 2: (5 + 5)/2 < 6
    await expect(go(with_(spec(3, 6), { 'providers.minActiveSteps': 4 }))).rejects.toMatchObject({ code: 'SPEC_INCONSISTENT', path: 'providers.minActiveSteps' });
  });

  it('providers: re-entry when revenue beats threshold × cost; weights scale counts', async () => {
    const r = await go(with_(base(), {
      'time.steps': 2,
      'price.initial': 1,
      providers: { count: 4, population: 400, initialActive: 0.5, cost: { kind: 'constant', value: 1 }, costPer: 'day', window: 1, reentry: { probability: 1, threshold: 1.2 } },
    }));
    // 200 providers active; revenue 100 / 200 = 0.5 per provider < cost → all leave; inactive ones see 0.5 < 1.2 → stay out
    expect(Array.from(r.metric('activeProviders').p50)).toEqual([200, 0, 0]);
    const rich = await go(with_(base(), {
      'time.steps': 2,
      'price.initial': 1,
      providers: { count: 4, population: 40, initialActive: 0.5, cost: { kind: 'constant', value: 1 }, costPer: 'day', window: 1, reentry: { probability: 1, threshold: 1.2 } },
    }));
    // 20 active earn 100/20 = 5 ≥ 1; inactive see 5 > 1.2 → join
    expect(Array.from(rich.metric('activeProviders').p50)).toEqual([20, 40, 40]);
  });

  it('providers: re-entry is one Bernoulli(p) trial per eligible inactive agent-step', async () => {
    // Joiners leave the next step (cost far above revenue, window 1) and are not eligible that
    // step, so a_t ~ Binomial(N − a_{t−1}, p): stationary mean pN/(1 + p), variance ≈ (N − a)·p·(1 − p).
    const N = 1000;
    const spec = (p: number) => with_(base(), {
      'time.steps': 4000,
      'price.initial': 1,
      providers: { count: N, initialActive: 0, cost: { kind: 'constant', value: 1e9 }, costPer: 'day', window: 1, reentry: { probability: p, threshold: 0 } },
    });
    const a = Array.from((await go(spec(0.05))).metric('activeProviders').p50.slice(1));
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    const variance = a.reduce((s, x) => s + (x - mean) ** 2, 0) / (a.length - 1);
    expect(Math.abs(mean - (0.05 * N) / 1.05)).toBeLessThan(0.8); // standard error ≈ 0.11
    expect(variance).toBeGreaterThan(0.8 * (N - mean) * 0.05 * 0.95);
    expect(variance).toBeLessThan(1.2 * (N - mean) * 0.05 * 0.95);
    // p = 1: all join, all leave, all join…; p = 0: nobody ever joins
    expect(Array.from((await go(spec(1))).metric('activeProviders').p50.slice(0, 5))).toEqual([0, N, 0, N, 0]);
    expect(Math.max(...(await go(spec(0))).metric('activeProviders').p50)).toBe(0);
    // so small that 1 − p rounds to 1: a gap of +∞ (never), not ln U / 0 = −∞
    expect(new Rng(1, 0).geometric(1e-30)).toBe(Infinity);
    expect(new Rng(1, 0).geometric(0)).toBe(Infinity);
    expect(new Rng(1, 0).geometric(1)).toBe(0);
    expect(Math.max(...(await go(with_(spec(1e-30), { 'time.steps': 50 }))).metric('activeProviders').p50)).toBe(0);
  });

  it('providers: entry when nobody is active judges the pool as if one unit were active', async () => {
    const r = await go(with_(base(), {
      'time.steps': 2,
      'price.initial': 1,
      providers: { count: 2, initialActive: 0, cost: { kind: 'constant', value: 1 }, costPer: 'day', window: 1, reentry: { probability: 1, threshold: 1.2 } },
    }));
    // step 1: no capacity, pool $100 → 100 per unit > 1.2 × 1 → both join; step 2: $50 each ≥ $1, stay
    expect(Array.from(r.metric('activeProviders').p50)).toEqual([0, 2, 2]);
    expect(Array.from(r.metric('providerRevenueUsd').p50)).toEqual([0, 0, 100]); // nobody to pay at step 1
  });

  it('capacity-responsive demand with elasticity and saturation', async () => {
    const spec = with_(base(), {
      'time.steps': 2,
      'price.initial': 1,
      demand: { initial: { amount: 10, per: 'day' }, capacity: { elasticity: 1 } },
      providers: { count: 4, initialActive: 0.5, cost: { kind: 'constant', value: 0 }, costPer: 'day', capacity: { kind: 'constant', value: 3 }, window: 1, reentry: { probability: 1, threshold: 0 } },
    });
    const r = await go(spec);
    // step 1: capacity as at start → demand 10; all join; step 2: capacity doubled → demand 20
    expect(Array.from(r.metric('demandUsd').p50)).toEqual([10, 10, 20]);
    const sat = await go(with_(spec, { 'demand.capacity.saturation': { amount: 1, per: 'day' } }));
    // at most $1 per capacity unit: 2 agents × 3 = 6 at step 1, 12 at step 2
    expect(Array.from(sat.metric('demandUsd').p50.slice(1))).toEqual([6, 12]);
  });
});
