// Engine v2: the block program. Parity of the wasm and reference interpreters (tolerance 0),
// conservation on every step, clocks, schedules, and bad input.
import { FlywheelError, validateSpec, type ModelSpec } from '@flywheel/spec';
import { helium } from '@flywheel/models/helium';
import { describe, expect, it } from 'vitest';
import { w1Spec } from '../../../bench/w1.mjs';
import { run } from '@flywheel/sdk';
import { compile } from '../src/compile.js'; // internals: the compiled tables
import { availableMetrics } from '../src/program/compile.js';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

async function paths(spec: ModelSpec, engine: 'wasm' | 'reference', metrics: string[], threads = 1) {
  const r = await run(spec, { engine, threads, metrics, keepRuns: true });
  return Object.fromEntries(metrics.map((m) => [m, r.paths(m)]));
}

function expectSameBits(a: Record<string, Float64Array[]>, b: Record<string, Float64Array[]>) {
  for (const m of Object.keys(a)) {
    a[m]!.forEach((path, r) => {
      const other = b[m]![r]!;
      for (let t = 0; t < path.length; t++) {
        if (!Object.is(path[t], other[t])) throw new Error(`${m} run ${r} step ${t}: ${path[t]} vs ${other[t]}`);
      }
    });
  }
}

const small = {
  w1: () => w1Spec({ runs: 6, agents: 60, steps: 120, seed: 7 }),
  helium: () => ({ ...helium({ years: 1, runs: 5, agents: 80, seed: 3 }) }),
};

describe('engine v2 parity', () => {
  for (const [name, make] of Object.entries(small)) {
    it(`${name}: the wasm and reference interpreters give the same bits for every metric`, async () => {
      const spec = make();
      const metrics = availableMetrics(validateSpec(spec));
      expectSameBits(await paths(spec, 'wasm', metrics), await paths(spec, 'reference', metrics));
    });
  }

  it('threads do not change the numbers (wasm, 1 vs 3 threads)', async () => {
    const spec = w1Spec({ runs: 9, agents: 40, steps: 60 });
    const metrics = ['totalSupply', 'price', 'activeProviders', 'W.rewards'];
    expectSameBits(await paths(spec, 'wasm', metrics, 1), await paths(spec, 'wasm', metrics, 3));
  });

  it('a different seed gives different numbers', async () => {
    const a = await paths(w1Spec({ runs: 2, agents: 30, steps: 30, seed: 1 }), 'wasm', ['price']);
    const b = await paths(w1Spec({ runs: 2, agents: 30, steps: 30, seed: 2 }), 'wasm', ['price']);
    expect(Object.is(a.price![0]![30], b.price![0]![30])).toBe(false);
  });
});

describe('engine v2 conservation', () => {
  for (const [name, make] of Object.entries(small)) {
    it(`${name}: on every step, Δ total supply = minted − burned and every asset's residual is rounding only`, async () => {
      const spec = make();
      const valid = validateSpec(spec);
      const assets = Object.keys(valid.assets);
      const metrics = assets.flatMap((a) => [`${a}.totalSupply`, `${a}.minted`, `${a}.burned`, `${a}.residual`, `${a}.unissued`]);
      const p = await paths(spec, 'wasm', metrics);
      for (const a of assets) {
        p[`${a}.totalSupply`]!.forEach((total, r) => {
          for (let t = 1; t < total.length; t++) {
            const delta = total[t]! - total[t - 1]!;
            const flow = p[`${a}.minted`]![r]![t]! - p[`${a}.burned`]![r]![t]!;
            expect(Math.abs(delta - flow)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total[t]!)));
            expect(Math.abs(p[`${a}.residual`]![r]![t]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total[t]!)));
            expect(Number.isFinite(total[t]!)).toBe(true);
            if (valid.assets[a]!.cap !== undefined) expect(p[`${a}.unissued`]![r]![t]!).toBeGreaterThanOrEqual(0);
          }
        });
      }
    });
  }

  it('the issuer of a capped asset never mints past the cap', async () => {
    const spec = w1Spec({ runs: 2, agents: 20, steps: 40 });
    spec.assets.W.cap = 50_100_000; // room for 100k: less than three days of issuance
    const p = await paths(spec, 'reference', ['totalSupply', 'cumulativeMinted', 'W.unissued']);
    expect(Math.abs(p.cumulativeMinted![0]![40]! - 100_000)).toBeLessThan(1e-6); // everything that was left to mint
    expect(p['W.unissued']![0]![40]).toBeGreaterThanOrEqual(0);
    expect(p['W.unissued']![0]![40]).toBeLessThan(1e-6);
  });
});

describe('engine v2 blocks', () => {
  const base = (): ModelSpec => ({
    specVersion: 2,
    name: 't',
    time: { step: 'day', steps: 20, start: '2024-01-01' },
    mainAsset: 'T',
    assets: { T: { kind: 'token', decimals: 0, accounts: { a: { initial: 1000, tag: 'liquid' }, b: { tag: 'treasury' } } } },
    params: { k: 10 },
    blocks: [{ id: 'move', kind: 'transfer', asset: 'T', from: 'a', to: 'b', amount: 'k', clock: { every: 7, from: 3 } }],
    monteCarlo: { runs: 1, seed: 1 },
  });

  it('a clock runs a block every N steps from a start step', async () => {
    const p = await paths(base(), 'reference', ['move.amount', 'T.b']);
    const ran = Array.from(p['move.amount']![0]!)
      .map((v, t) => (v > 0 ? t : -1))
      .filter((t) => t >= 0);
    expect(ran).toEqual([3, 10, 17]);
    expect(p['T.b']![0]![20]).toBe(30);
    expectSameBits(p, await paths(base(), 'wasm', ['move.amount', 'T.b']));
  });

  it('a state output keeps its value between runs of a clocked block; a flow output is 0 on the steps it does not run', async () => {
    const spec = base();
    spec.params = {};
    spec.blocks = [{ id: 'ctl', kind: 'stepController', asset: 'T', to: 'b', ratio: '0', target: 0.5, step: 0.001, initial: 0.001, clock: { every: 2 } }];
    const p = await paths(spec, 'wasm', ['ctl.rate', 'ctl.amount']);
    expect(Array.from(p['ctl.rate']![0]!.slice(0, 6))).toEqual([0.001, 0.002, 0.002, 0.003, 0.003, 0.004]);
    expect(p['ctl.amount']![0]![2]).toBe(0);
    expect(p['ctl.amount']![0]![3]).toBeGreaterThan(0);
    expectSameBits(p, await paths(spec, 'reference', ['ctl.rate', 'ctl.amount']));
  });

  it('a transfer is clipped to what the source holds, and a mint from an uncapped issuer is not', async () => {
    const spec = base();
    spec.params = { k: 600 };
    spec.blocks = [
      { id: 'move', kind: 'transfer', asset: 'T', from: 'a', to: 'b', amount: 'k' },
      { id: 'mint', kind: 'transfer', asset: 'T', from: 'issuer', to: { a: 0.25, b: 0.75 }, amount: '1e9' },
    ];
    const p = await paths(spec, 'wasm', ['move.amount', 'T.unissued', 'T.a', 'T.b', 'totalSupply', 'minted']);
    expect(p['move.amount']![0]!.slice(1, 4)).toEqual(new Float64Array([600, 600, 600]));
    expect(p['T.unissued']![0]![1]).toBe(-1e9); // an uncapped issuer goes negative
    expect(p.minted![0]![1]).toBe(1e9);
    expect(p.totalSupply![0]![1]).toBe(1000 + 1e9);
  });

  it('a burn to `burned` counts in burned and lowers total supply', async () => {
    const spec = base();
    spec.params = {};
    spec.blocks = [{ id: 'burn', kind: 'transfer', asset: 'T', from: 'a', to: 'burned', amount: '100' }];
    const p = await paths(spec, 'reference', ['burned', 'totalSupply', 'cumulativeBurned']);
    expect(p.burned![0]![5]).toBe(100);
    expect(p.totalSupply![0]![10]).toBe(0);
    expect(p.cumulativeBurned![0]![20]).toBe(1000); // clipped once the account is empty
  });

  it('schedules: a half-life releases half its total in one half-life; calendar halvings fall on the date', () => {
    const spec = base();
    spec.time = { step: 'day', steps: 3 * 365, start: '2024-10-01' };
    spec.assets.T.cap = 1e9;
    spec.params = {};
    spec.blocks = [
      { id: 'hl', kind: 'schedule', asset: 'T', to: 'b', curve: { kind: 'halfLife', total: 1000, halfLife: { amount: 365, unit: 'day' } } },
      {
        id: 'tab',
        kind: 'schedule',
        asset: 'T',
        to: 'b',
        curve: { kind: 'table', entries: [{ from: '2024-08-01', rate: { amount: 100, per: 'day' } }], then: { halvingEvery: { amount: 1, unit: 'year' } } },
      },
    ];
    const m = compile(validateSpec(spec));
    const tables = m.program.tables;
    const n1 = 3 * 365 + 1;
    let hl = 0;
    for (let t = 1; t <= 365; t++) hl += tables[t]!;
    expect(hl).toBeCloseTo(500, 9);
    // 2025-08-01 is day 304 of the run: step 305 pays the halved rate
    expect(tables[n1 + 304]).toBe(100);
    expect(tables[n1 + 305]).toBe(50);
  });

  it('a remint mints a fraction of the average of the last completed steps, capped', async () => {
    const spec = base();
    spec.assets.T.cap = 1e6;
    spec.params = {};
    spec.blocks = [
      { id: 'burn', kind: 'transfer', asset: 'T', from: 'a', to: 'burned', amount: 'if(t <= 2, 70, 0)' },
      { id: 're', kind: 'remint', asset: 'T', of: 'burn.amount', window: 7, fraction: 0.5, cap: { amount: 4, per: 'day' }, to: 'b' },
    ];
    const p = await paths(spec, 'reference', ['re.amount']);
    // step 2 sees step 1's 70 over 7 steps: 0.5 × 10 = 5, capped at 4; steps 3..8 see 140/7 → 4; step 9 sees 70/7 → 4; step 10 nothing
    expect(Array.from(p['re.amount']![0]!.slice(1, 11))).toEqual([0, 4, 4, 4, 4, 4, 4, 4, 4, 0]);
  });
});

describe('engine v2 population capex', () => {
  const spec = (pool: number, capex?: { usd: number; payback: { amount: number; unit: 'day' } }): ModelSpec => ({
    specVersion: 2,
    name: 'capex',
    time: { step: 'day', steps: 5 },
    mainAsset: 'T',
    assets: { T: { kind: 'token', decimals: 0, accounts: { rewards: { tag: 'rewards' }, liquid: { tag: 'liquid' } } } },
    blocks: [
      { id: 'mint', kind: 'transfer', asset: 'T', from: 'issuer', to: 'rewards', amount: String(pool) },
      {
        id: 'miners',
        kind: 'population',
        count: 1,
        initialActive: 0,
        cost: { kind: 'constant', value: 1 },
        costPer: 'day',
        window: 1,
        reentry: { probability: 1, threshold: 1 },
        pays: { asset: 'T', from: 'rewards', to: 'liquid' },
        ...(capex ? { capex } : {}),
      },
      { id: 'price', kind: 'price', asset: 'T', model: { kind: 'constant', initial: 1 } },
    ],
    monteCarlo: { runs: 1, seed: 1 },
  });

  it('an agent joins only when revenue per unit beats threshold × cost plus its capex per step of payback', async () => {
    const active = async (s: ModelSpec) => {
      const w = await paths(s, 'wasm', ['miners.active']);
      expectSameBits(w, await paths(s, 'reference', ['miners.active']));
      return w['miners.active']![0]![1]!; // the first decision (unpaid rewards pile up afterwards, raising the revenue on offer)
    };
    // 3 USD a day against a cost of 1: joins without capex
    expect(await active(spec(3))).toBe(1);
    // $100 earned back over 50 days adds 2 a day: 3 does not beat 1 + 2, 3.5 does
    expect(await active(spec(3, { usd: 100, payback: { amount: 50, unit: 'day' } }))).toBe(0);
    expect(await active(spec(3.5, { usd: 100, payback: { amount: 50, unit: 'day' } }))).toBe(1);
  });
});

describe('engine v2 split with formula shares (time-varying, weighted by signals)', () => {
  const spec = (): ModelSpec => ({
    specVersion: 2,
    name: 'weights',
    time: { step: 'day', steps: 10 },
    mainAsset: 'T',
    assets: { T: { kind: 'token', decimals: 0, accounts: { pool: { initial: 0, tag: 'rewards' }, iot: { tag: 'treasury' }, mobile: { tag: 'treasury' }, rest: { tag: 'liquid' } } } },
    signals: { iotScore: { initial: 1 }, mobileScore: { initial: 1 } },
    blocks: [
      { id: 'scores', kind: 'signal', set: 'iotScore', formula: 't' },
      { id: 'scores2', kind: 'signal', set: 'mobileScore', formula: '10 - t' },
      { id: 'mint', kind: 'transfer', asset: 'T', from: 'issuer', to: 'pool', amount: '100' },
      {
        id: 'route',
        kind: 'split',
        asset: 'T',
        from: 'pool',
        rest: 'rest',
        parts: [
          { to: 'iot', share: 'iotScore / (iotScore + mobileScore)' },
          { to: 'mobile', share: '2 * mobileScore / (iotScore + mobileScore)' },
        ],
      },
    ],
    monteCarlo: { runs: 1, seed: 1 },
  });

  it('pays each part its formula share of the step, never more than is left, and the rest to rest', async () => {
    const p = await paths(spec(), 'reference', ['T.iot', 'T.mobile', 'T.rest', 'T.residual']);
    const step = (m: string, t: number) => p[m]![0]![t]! - p[m]![0]![t - 1]!;
    // step 1: iot 1/10 → 10; mobile wants 2 × 9/10 = 180% → only the 90 left; rest 0
    expect([step('T.iot', 1), step('T.mobile', 1), step('T.rest', 1)]).toEqual([10, 90, 0]);
    // step 8: iot 80; mobile wants 2 × 2/10 = 40 but 20 are left
    expect([step('T.iot', 8), step('T.mobile', 8), step('T.rest', 8)]).toEqual([80, 20, 0]);
    expect(step('T.iot', 9) + step('T.mobile', 9)).toBeCloseTo(100, 9);
    for (const v of p['T.residual']![0]!) expect(Math.abs(v)).toBeLessThan(1e-9);
    expectSameBits(p, await paths(spec(), 'wasm', ['T.iot', 'T.mobile', 'T.rest', 'T.residual']));
  });
});

describe('engine v2 validation', () => {
  const bad = (mutate: (s: ModelSpec) => void) => {
    const s = clone(w1Spec({ runs: 1, agents: 5, steps: 5 })) as ModelSpec;
    mutate(s);
    try {
      validateSpec(s);
    } catch (e) {
      expect(e).toBeInstanceOf(FlywheelError);
      return e as FlywheelError;
    }
    throw new Error('expected a FlywheelError');
  };

  it('an unknown account is a SPEC_UNKNOWN_REFERENCE with its path', () => {
    const e = bad((s) => ((s.blocks[1] as { to: string }).to = 'rewardz'));
    expect([e.code, e.path, e.value]).toEqual(['SPEC_UNKNOWN_REFERENCE', 'blocks.1.to', 'rewardz']);
    expect(e.hint).toContain('rewards');
  });

  it('an unknown name in a formula gives its column and a close name', () => {
    const e = bad((s) => ((s.blocks[0] as { formula: string }).formula = 'demand0 * (1 + grwth) ^ t'));
    expect(e.code).toBe('FORMULA_UNKNOWN_NAME');
    expect(e.path).toBe('blocks.0.formula');
    expect(e.message).toContain('column 16');
    expect(e.hint).toContain('growth');
  });

  it('reading a declared signal before its writer is a SPEC_CYCLE unless the signal is lagged', () => {
    const mutate = (s: ModelSpec) => {
      s.blocks.unshift({ id: 'early', kind: 'transfer', asset: 'W', from: 'liquid', to: 'rewards', amount: 'demandUsd * 0' });
    };
    const e = bad(mutate);
    expect([e.code, e.path]).toEqual(['SPEC_CYCLE', 'blocks.0.amount']);
    const s = clone(w1Spec({ runs: 1, agents: 5, steps: 5 })) as ModelSpec;
    mutate(s);
    s.signals!.demandUsd!.lag = true;
    expect(() => validateSpec(s)).not.toThrow();
  });

  it('shares that do not sum to 1, a duplicate id, a credit without a price, and an unknown kind are refused', () => {
    expect(bad((s) => ((s.blocks[1] as { to: unknown }).to = { rewards: 0.5, liquid: 0.4 })).code).toBe('SPEC_SHARES_NOT_ONE');
    expect(bad((s) => (s.blocks[2]!.id = 'demand')).path).toBe('blocks.2.id');
    expect(bad((s) => delete (s.assets.C as { priceUsd?: number }).priceUsd).path).toBe('assets.C.priceUsd');
    expect(bad((s) => ((s.blocks[0] as { kind: string }).kind = 'magic')).code).toBe('SPEC_INVALID_ENUM');
    expect(bad((s) => ((s.assets.W as unknown as Record<string, unknown>).colour = 'red')).code).toBe('SPEC_UNKNOWN_FIELD');
  });

  it('a name defined twice (a parameter and a signal, an account named like an asset figure) is refused before it reaches the compiler', () => {
    expect(bad((s) => (s.signals!.growth = { lag: true })).code).toBe('SPEC_INCONSISTENT');
    expect(bad((s) => (s.params!.t = 1)).path).toBe('params.t');
    const e = bad((s) => (s.assets.W!.accounts.totalSupply = { tag: 'locked' }));
    expect([e.code, e.path]).toEqual(['SPEC_INCONSISTENT', 'assets.W.accounts.totalSupply']);
  });

  it('a population paid in a token without a price block, or a credit burn without a price, is refused', () => {
    expect(
      bad((s) =>
        s.blocks.splice(
          s.blocks.findIndex((b) => b.kind === 'price'),
          1,
        ),
      ).path,
    ).toMatch(/^blocks\.\d\.(pays|price)$/);
  });

  it('a credit with a cap, a mint straight to burned, and a clock on a vesting ring are refused', () => {
    expect(bad((s) => (s.assets.C!.cap = 10)).path).toBe('assets.C.cap');
    expect(bad((s) => s.blocks.push({ id: 'x', kind: 'transfer', asset: 'W', from: 'issuer', to: { burned: 0.5, liquid: 0.5 }, amount: '1' })).code).toBe('SPEC_INCONSISTENT');
    expect(bad((s) => s.blocks.push({ id: 'v', kind: 'escrow', asset: 'W', from: 'rewards', locked: 'liquid', to: 'rewards', over: 3, clock: { every: 2 } })).path).toMatch(/clock\.every$/);
  });

  it('reading a flow output before its block computes it is a SPEC_CYCLE (it would read 0)', () => {
    const e = bad((s) => s.blocks.unshift({ id: 'early', kind: 'transfer', asset: 'W', from: 'liquid', to: 'rewards', amount: 'burn.burned' }));
    expect([e.code, e.path]).toEqual(['SPEC_CYCLE', 'blocks.0.amount']);
  });

  it('a parameter no formula reads is refused, with the close name it was probably meant for', () => {
    const e = bad((s) => (s.params!.grwth = 1));
    expect([e.code, e.path]).toEqual(['SPEC_UNKNOWN_REFERENCE', 'params.grwth']);
    expect(e.hint).toContain('params.growth');
  });

  it('an unknown metric is a RESULT_UNKNOWN_METRIC listing what exists', async () => {
    await expect(run(w1Spec({ runs: 1, agents: 5, steps: 5 }), { metrics: ['W.nothing'] })).rejects.toMatchObject({ code: 'RESULT_UNKNOWN_METRIC' });
  });
});

describe('engine v2 kinds: escrow, lock, split, bond, stepController, issuanceHalving, baselineMinting', () => {
  const spec = (): ModelSpec => ({
    specVersion: 2,
    name: 'kinds',
    time: { step: 'day', steps: 40 },
    mainAsset: 'T',
    assets: {
      T: {
        kind: 'token',
        decimals: 0,
        cap: 1000,
        accounts: {
          liquid: { initial: 100, tag: 'liquid' },
          pool: { tag: 'rewards' },
          vest: { initial: 50, tag: 'vesting' },
          pledge: { tag: 'pledge' },
          bonded: { initial: 300, tag: 'bonded' },
          unbonding: { tag: 'unbonding' },
          treasury: { tag: 'treasury' },
        },
      },
      U: { kind: 'token', decimals: 0, accounts: { liquid: { initial: 10, tag: 'liquid' }, rewards: { tag: 'rewards' } } },
    },
    blocks: [
      { id: 'halving', kind: 'issuanceHalving', asset: 'T', to: 'pool', perTick: 1, ticksPerStep: 100 },
      { id: 'cut', kind: 'split', asset: 'T', from: 'pool', parts: [{ to: 'treasury', share: 0.1, untilBalance: 25 }], rest: 'liquid', amount: 'T.pool / 2' },
      { id: 'vesting', kind: 'escrow', asset: 'T', from: 'pool', immediate: 0.25, locked: 'vest', to: 'liquid', over: 5 },
      { id: 'collateral', kind: 'lock', asset: 'T', from: 'liquid', locked: 'pledge', target: 'if(t < 20, 80, 10)', rate: 0.5 },
      { id: 'staking', kind: 'bond', asset: 'T', liquid: 'liquid', bonded: 'bonded', unbonding: 'unbonding', bond: '0.01 * T.liquid', unbond: '0.02 * T.bonded', delay: 7 },
      { id: 'inflation', kind: 'stepController', asset: 'U', to: 'rewards', ratio: '0.4', target: 0.5, step: 0.001, initial: 0.01, ticksPerStep: 3 },
      {
        id: 'baseline',
        kind: 'baselineMinting',
        asset: 'U',
        to: 'liquid',
        power: '2e18 * (1 + 0.01 * t)',
        tickSeconds: 30,
        simpleTotal: 330,
        baselineTotal: 770,
        halfLifeTicks: 6 * 1_051_200,
        baselineInitial: 2.88888888e18,
        baselineDoublingTicks: 1_051_200,
        elapsedAtStart: 0,
        thetaAtStart: 0,
      },
    ],
    monteCarlo: { runs: 2, seed: 5 },
  });
  const outs = [
    'halving.amount',
    'halving.rate',
    'cut.amount',
    'T.treasury',
    'vesting.released',
    'vesting.locked',
    'T.vest',
    'collateral.amount',
    'T.pledge',
    'staking.bonded',
    'staking.unbonded',
    'staking.released',
    'T.unbonding',
    'inflation.rate',
    'inflation.amount',
    'baseline.amount',
    'baseline.theta',
    'baseline.simple',
    'T.residual',
    'U.residual',
    'T.totalSupply',
    'T.minted',
    'U.totalSupply',
  ];

  it('both engines give the same bits', async () => {
    expectSameBits(await paths(spec(), 'wasm', outs), await paths(spec(), 'reference', outs));
  });

  it('each kind does what its docs say', async () => {
    const p = await paths(spec(), 'reference', outs);
    const v = (m: string, t: number) => p[m]![0]![t]!;
    // issuance halving: total supply 450 at the start, the threshold 500 is crossed after 50 ticks of step 1
    expect(v('halving.amount', 1)).toBe(50 + 50 * 0.5);
    expect(v('halving.rate', 1)).toBe(0.5);
    // split: a tenth to the treasury until it holds 25, then nothing
    expect(v('T.treasury', 40)).toBeGreaterThanOrEqual(25);
    expect(v('T.treasury', 40)).toBeLessThan(25 + 0.1 * v('cut.amount', 1) + 1e-9);
    // escrow: the initial 50 vests over 5 steps; each inflow is 75% locked and released 1/5 per step from the next step
    expect(v('vesting.locked', 1)).toBeCloseTo(0.75 * (v('halving.amount', 1) - v('cut.amount', 1)), 9);
    expect(v('vesting.released', 2)).toBeCloseTo((((2 * 50) / 6) * 4) / 5 + v('vesting.locked', 1) / 5, 9);
    // lock: half the gap each step toward 80, then back toward 10 from step 20
    expect(v('collateral.amount', 1)).toBe(40);
    expect(v('T.pledge', 2)).toBe(60);
    expect(v('collateral.amount', 20)).toBeLessThan(0);
    // bond: what starts unbonding at step t returns at step t + 7
    expect(v('staking.released', 8)).toBeCloseTo(v('staking.unbonded', 1), 12);
    expect(v('staking.released', 7)).toBe(0);
    // stepController: ratio below target, three ticks a step: the rate rises by 0.003 a step
    expect(v('inflation.rate', 2)).toBeCloseTo(0.016, 12);
    expect(v('inflation.amount', 1)).toBeCloseTo(10 * (0.011 + 0.012 + 0.013), 12);
    // conservation
    for (let t = 1; t <= 40; t++) {
      expect(Math.abs(v('T.residual', t))).toBeLessThan(1e-9);
      expect(Math.abs(v('U.residual', t))).toBeLessThan(1e-9);
    }
  });

  it('baselineMinting: the closed form of a day matches the sum of its 2,880 epochs (f64, within 1e-9)', async () => {
    const p = await paths(spec(), 'reference', ['baseline.amount', 'baseline.simple']);
    // epoch by epoch: simple = 330 (e^(−λe) − e^(−λ(e+1))); baseline from θ with realized = min(power, b(e)) per epoch
    const LN2 = Math.LN2;
    const lambda = LN2 / (6 * 1_051_200);
    const g = LN2 / 1_051_200;
    const b0 = 2.88888888e18;
    let R = 0;
    let theta = 0;
    for (let day = 1; day <= 3; day++) {
      const power = 2e18 * (1 + 0.01 * day);
      let simple = 0;
      let baseline = 0;
      for (let k = 0; k < 2880; k++) {
        const e = (day - 1) * 2880 + k;
        simple += 330 * (Math.exp(-lambda * e) - Math.exp(-lambda * (e + 1)));
        // ∫ over the epoch of min(power, b0·e^(g x)) ≈ min(power, b(e + ½))
        R += Math.min(power, b0 * Math.exp(g * (e + 0.5)));
        const th = Math.log(1 + (g * R) / b0) / g;
        baseline += 770 * (Math.exp(-lambda * theta) - Math.exp(-lambda * th));
        theta = th;
      }
      expect(Math.abs(p['baseline.simple']![0]![day]! - simple) / simple).toBeLessThan(1e-9);
      expect(Math.abs(p['baseline.amount']![0]![day]! - (simple + baseline)) / (simple + baseline)).toBeLessThan(1e-6);
    }
  });
});

describe('run options are checked before any work', () => {
  it('a non-object, an unknown option, metrics that are not a list of names, or a non-function onProgress are RUN_INVALID_OPTION', async () => {
    const spec = w1Spec({ runs: 1, agents: 5, steps: 5 });
    for (const [options, path] of [
      [null, 'options'],
      [{ metrics: 'price' }, 'metrics'],
      [{ metrics: null }, 'metrics'],
      [{ onProgress: 'x' }, 'onProgress'],
      [{ thread: 2 }, 'thread'],
    ] as const) {
      await expect(run(spec, options as never)).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path });
    }
  });
});

describe("every run's path, streamed", () => {
  it("pathsCSVChunks gives toPathsCSV's text in pieces of about the asked size", async () => {
    const r = await run(w1Spec({ runs: 5, agents: 10, steps: 200 }), { keepRuns: true, threads: 1 });
    const pieces = [...r.pathsCSVChunks(4096)];
    expect(pieces.length).toBeGreaterThan(10);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeLessThan(4096 + 1024);
    const text = pieces.join('');
    expect(text).toBe(r.toPathsCSV());
    expect(text.split('\n').length).toBe(1 + 5 * 201 + 1);
    const price = r.paths('price');
    const col = text.split('\n')[0]!.split(',').indexOf('price');
    expect(Number(text.split('\n')[1 + 3 * 201 + 7]!.split(',')[col])).toBe(price[3]![7]);
  });
});
