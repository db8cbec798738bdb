import { helium } from '@flywheel/models';
import { ErrorCodes, FlywheelBuilder, FlywheelError, flywheel, type ModelSpec } from '@flywheel/sdk';
import { beforeAll, describe, expect, it } from 'vitest';

/** 10 daily steps, 100/day minted to a liquid account, constant price: every number is known by hand. */
function plain(): ModelSpec {
  return {
    specVersion: 2,
    name: 'plain',
    time: { step: 'day', steps: 10 },
    mainAsset: 'PLN',
    assets: { PLN: { kind: 'token', decimals: 0, accounts: { liquid: { initial: 1000, tag: 'liquid' } } } },
    blocks: [
      { id: 'e', kind: 'schedule', asset: 'PLN', to: 'liquid', curve: { kind: 'fixed', rate: { amount: 100, per: 'day' } } },
      { id: 'price', kind: 'price', asset: 'PLN', model: { kind: 'constant', initial: 2 } },
    ],
    monteCarlo: { runs: 2, seed: 1 },
  };
}

/** The initial price of the constant price block (blocks.1). */
const initialPrice = (spec: ModelSpec) => (spec.blocks[1] as { model: { initial: number } }).model.initial;

function thrown(fn: () => unknown): FlywheelError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FlywheelError);
    return e as FlywheelError;
  }
  throw new Error('expected a FlywheelError, nothing was thrown');
}

async function rejected(p: Promise<unknown>): Promise<FlywheelError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FlywheelError);
    return e as FlywheelError;
  }
  throw new Error('expected a FlywheelError, the promise resolved');
}

describe('FlywheelBuilder is immutable', () => {
  it('.runs() returns a new builder and leaves the original spec alone', () => {
    const b = flywheel(plain());
    const b2 = b.runs(7);
    expect(b2).toBeInstanceOf(FlywheelBuilder);
    expect(b2).not.toBe(b);
    expect(b.spec().monteCarlo.runs).toBe(2);
    expect(b2.spec().monteCarlo.runs).toBe(7);
  });

  it('one base fans out into independent scenarios', () => {
    const base = flywheel(plain());
    const a = base.seed(5).steps(20);
    const c = base.seed(9).set('blocks.1.model.initial', 3);
    expect(a.spec().monteCarlo.seed).toBe(5);
    expect(a.spec().time.steps).toBe(20);
    expect(initialPrice(a.spec())).toBe(2);
    expect(c.spec().monteCarlo.seed).toBe(9);
    expect(c.spec().time.steps).toBe(10);
    expect(initialPrice(c.spec())).toBe(3);
    expect(base.spec()).toEqual(plain());
  });

  it('neither the input spec nor a returned spec() can change the builder', () => {
    const input = plain();
    const b = flywheel(input);
    input.monteCarlo.runs = 99;
    input.name = 'XXX';
    input.assets.PLN!.accounts.liquid!.initial = 5;
    expect(b.spec().monteCarlo.runs).toBe(2);
    expect(b.spec().name).toBe('plain');
    expect(b.spec().assets.PLN!.accounts.liquid!.initial).toBe(1000);
    const out = b.spec();
    out.time.steps = 12345;
    expect(b.spec().time.steps).toBe(10);
    // and setting never touches the caller's object
    const untouched = plain();
    flywheel(untouched).set('name', 'NEW').set('assets.PLN.accounts.liquid.initial', 7).runs(3);
    expect(untouched).toEqual(plain());
  });

  it('engine(), threads(), metrics() and onProgress() keep the spec', () => {
    const b = flywheel(plain());
    for (const b2 of [b.engine('reference'), b.threads(2), b.metrics(['price']), b.onProgress(() => {})]) {
      expect(b2).not.toBe(b);
      expect(b2.spec()).toEqual(plain());
    }
  });
});

describe('FlywheelBuilder options', () => {
  it('years() converts to whole steps: 10 years daily = 3650', () => {
    expect(flywheel(plain()).years(10).spec().time.steps).toBe(3650);
    expect(flywheel(plain()).years(1).spec().time.steps).toBe(365);
    expect(flywheel(plain()).years(0.5).spec().time.steps).toBe(183); // 182.5 rounds to 183
    expect(
      flywheel(helium({ years: 1 }))
        .years(10)
        .spec().time.steps,
    ).toBe(3650);
    const weekly = { ...plain(), time: { step: 'week' as const, steps: 1 } };
    expect(flywheel(weekly).years(1).spec().time.steps).toBe(52); // 365/7 = 52.14
    const monthly = { ...plain(), time: { step: 'month' as const, steps: 1 } };
    expect(flywheel(monthly).years(10).spec().time.steps).toBe(120);
    const hourly = { ...plain(), time: { step: 'hour' as const, steps: 1 } };
    expect(flywheel(hourly).years(1).spec().time.steps).toBe(8760);
    // a protocol clock: 69,120 s rounds (Livepeer) → 365 × 86,400 / 69,120 = 456.25 a year
    const rounds = { ...plain(), time: { step: { seconds: 69_120, name: 'round' }, steps: 1 } };
    expect(flywheel(rounds).years(1).spec().time.steps).toBe(456);
    expect(flywheel(rounds).years(2).spec().time.steps).toBe(913); // 912.5 rounds up
    // a tiny horizon is at least one step
    expect(flywheel(plain()).years(0.0001).spec().time.steps).toBe(1);
  });

  it('invalid years → RUN_INVALID_OPTION', () => {
    for (const y of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = thrown(() => flywheel(plain()).years(y));
      expect(e.code, String(y)).toBe(ErrorCodes.RUN_INVALID_OPTION);
      expect(e.hint.length).toBeGreaterThan(0);
    }
  });

  it('set() of an unknown parent path → SPEC_UNKNOWN_PATH', () => {
    // plain() has no params; a number is not an object; no such asset; no block at index 7
    for (const path of ['nope.x', 'params.growth', 'assets.PLN.decimals.x', 'assets.NOPE.cap', 'blocks.7.amount']) {
      const e = thrown(() => flywheel(plain()).set(path, 1));
      expect(e.code, path).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
      expect(e.path).toBe(path);
    }
  });

  it('set() may add a leaf under an existing parent; validation then judges it', () => {
    const ok = flywheel(plain()).set('assets.PLN.cap', 5000);
    expect(ok.spec().assets.PLN!.cap).toBe(5000);
    expect(() => ok.validate()).not.toThrow();
    // a cap below the initial balances is judged by validation, not by set()
    const low = flywheel(plain()).set('assets.PLN.cap', 999);
    expect(thrown(() => low.validate()).code).toBe(ErrorCodes.SPEC_INCONSISTENT);
    const bad = flywheel(plain()).set('assets.PLN.bogus', 1);
    const e = thrown(() => bad.validate());
    expect(e.code).toBe(ErrorCodes.SPEC_UNKNOWN_FIELD);
    expect(e.path).toBe('assets.PLN.bogus');
  });

  it('validate() and run() report an invalid spec as a FlywheelError', async () => {
    const b = flywheel(plain()).runs(0);
    expect(thrown(() => b.validate()).path).toBe('monteCarlo.runs');
    const e = await rejected(b.run());
    expect(e.code).toBe(ErrorCodes.SPEC_OUT_OF_RANGE);
    expect(e.path).toBe('monteCarlo.runs');
  });

  it('asking for a metric the model does not produce → RESULT_UNKNOWN_METRIC (v2: burned always exists, demandUsd needs a signal)', async () => {
    const e = await rejected(flywheel(plain()).metrics(['demandUsd']).run());
    expect(e.code).toBe(ErrorCodes.RESULT_UNKNOWN_METRIC);
    expect(e.path).toBe('metrics');
    expect(e.hint).toContain('totalSupply');
    // an empty selection is a bad option
    expect((await rejected(flywheel(plain()).metrics([]).run())).code).toBe(ErrorCodes.RUN_INVALID_OPTION);
  });

  it('onProgress reports (done, total) up to (runs, runs)', async () => {
    const calls: [number, number][] = [];
    await flywheel(plain())
      .runs(3)
      .onProgress((d, t) => calls.push([d, t]))
      .run();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)).toEqual([3, 3]);
    for (const [d, t] of calls) {
      expect(t).toBe(3);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(3);
    }
  });
});

describe('RunResult from the builder', () => {
  let r: Awaited<ReturnType<FlywheelBuilder['run']>>;

  beforeAll(async () => {
    r = await flywheel(plain()).run();
  });

  it('a deterministic model gives the hand-computed series (1000 + 100 t)', () => {
    const s = r.metric('totalSupply');
    for (let t = 0; t <= 10; t++) {
      for (const band of [s.mean, s.p5, s.p50, s.p95]) expect(band[t]).toBeCloseTo(1000 + 100 * t, 9);
    }
    expect(r.metric('price').p50[10]).toBe(2);
    expect(r.metric('marketCap').p50[10]).toBeCloseTo(2 * 2000, 6);
    expect(r.metric('minted').p50[1]).toBeCloseTo(100, 12);
    expect(r.metric('minted').p50[0]).toBe(0);
  });

  it('metric(name).p50 has length steps + 1', () => {
    expect(r.steps).toBe(10);
    expect(r.metric('circulatingSupply').p50).toHaveLength(11);
    for (const m of r.metrics) {
      const s = r.metric(m);
      for (const band of [s.mean, s.p5, s.p50, s.p95]) expect(band, m).toHaveLength(11);
    }
  });

  it("metric('unknown') → RESULT_UNKNOWN_METRIC naming it", () => {
    const e = thrown(() => r.metric('unknown' as never));
    expect(e.code).toBe(ErrorCodes.RESULT_UNKNOWN_METRIC);
    expect(e.path).toBe('unknown');
    expect(e.value).toBe('unknown');
    expect(e.hint).toContain('totalSupply');
  });

  it('without a demand signal, population or bonded account: no demandUsd, activeProviders, providerRevenueUsd, stakedSupply', () => {
    for (const m of ['demandUsd', 'activeProviders', 'providerRevenueUsd', 'stakedSupply'] as const) {
      expect(r.has(m), m).toBe(false);
      expect(r.metrics).not.toContain(m);
      expect(thrown(() => r.metric(m)).code).toBe(ErrorCodes.RESULT_UNKNOWN_METRIC);
      expect(Object.keys(r.toJSON().metrics)).not.toContain(m);
    }
    // v2: burned, cumulativeBurned and burnMintRatio are canonical metrics of every model (docs/spec.md, Metrics); here they are 0
    for (const m of ['totalSupply', 'circulatingSupply', 'minted', 'cumulativeMinted', 'burned', 'cumulativeBurned', 'burnMintRatio', 'price', 'marketCap', 'fdv', 'inflationAnnualised'] as const) {
      expect(r.has(m), m).toBe(true);
    }
    expect(Array.from(r.metric('burned').p95)).toEqual(new Array(11).fill(0));
    expect(r.summary().cumulativeBurnedMean).toBe(0);
    expect(r.summary().burnMintRatioOverall).toBe(0);
    expect(r.summary().cumulativeMintedMean).toBe(1000);
    expect(r.summary().finalActiveProvidersP50).toBeNull();
    // 1000 → 2000 in 10 days: (2000 / 1000)^(365 / 10) − 1 a year
    expect(r.summary().supplyGrowthPerYear).toBeCloseTo(2 ** 36.5 - 1, 0);
  });

  it('a bonded account brings stakedSupply', async () => {
    const staked = await flywheel(plain()).set('assets.PLN.accounts.stakers', { tag: 'bonded' }).set('blocks.0.to', { liquid: 0.5, stakers: 0.5 }).run();
    expect(staked.has('stakedSupply')).toBe(true);
    expect(staked.metric('stakedSupply').p50[10]).toBeCloseTo(10 * 50, 9);
    expect(staked.metric('circulatingSupply').p50[10]).toBeCloseTo(1000 + 10 * 50, 9); // bonded is not in the circulating basis
    const initial = await flywheel(plain()).set('assets.PLN.accounts.stakers', { initial: 100, tag: 'bonded' }).set('assets.PLN.accounts.liquid.initial', 900).run();
    expect(initial.metric('stakedSupply').p50[0]).toBe(100);
    expect(initial.metric('circulatingSupply').p50[0]).toBe(900);
  });

  it('with a credit burn and a demandUsd signal there is demandUsd and a non-zero burn; with a population, activeProviders', async () => {
    const p = plain();
    const withBurn = await flywheel(p)
      .set('assets.C', { kind: 'credit', decimals: 0, priceUsd: 1, accounts: {} })
      .set('signals', { demandUsd: { initial: 20 } })
      .set('blocks', [
        { id: 'demand', kind: 'signal', set: 'demandUsd', formula: '20' },
        p.blocks[0],
        { id: 'burn', kind: 'creditBurn', asset: 'PLN', from: 'liquid', credit: 'C', usd: 'demandUsd' },
        p.blocks[1],
      ])
      .run();
    for (const m of ['burned', 'cumulativeBurned', 'burnMintRatio', 'demandUsd'] as const) expect(withBurn.has(m), m).toBe(true);
    expect(withBurn.has('activeProviders')).toBe(false);
    // $20/day at a constant $2 burns 10 tokens a day against 100 minted
    expect(withBurn.metric('burned').p50[1]).toBeCloseTo(10, 12);
    expect(withBurn.metric('burnMintRatio').p50[5]).toBeCloseTo(0.1, 12);
    expect(withBurn.metric('totalSupply').p50[10]).toBeCloseTo(1000 + 10 * 90, 9);
    expect(withBurn.summary().cumulativeBurnedMean).toBeCloseTo(100, 9);

    const withProviders = await flywheel(plain())
      .set('blocks.2', { id: 'miners', kind: 'population', count: 4, cost: { kind: 'constant', value: 0 }, costPer: 'day', window: 3, reentry: { probability: 0, threshold: 1 } })
      .run();
    expect(withProviders.has('activeProviders')).toBe(true);
    expect(withProviders.has('providerRevenueUsd')).toBe(true);
    expect(withProviders.has('demandUsd')).toBe(false);
    expect(withProviders.metric('activeProviders').p50[0]).toBe(4);
    expect(withProviders.summary().finalActiveProvidersP50).toBe(4); // cost 0: nobody leaves
  });

  it('Helium has burn and providers metrics but no stakedSupply', async () => {
    const h = await flywheel(helium({ runs: 2, years: 1, agents: 50 }))
      .steps(20)
      .run();
    expect(h.has('stakedSupply')).toBe(false);
    expect(thrown(() => h.metric('stakedSupply')).code).toBe(ErrorCodes.RESULT_UNKNOWN_METRIC);
    expect(Object.keys(h.toJSON().metrics)).not.toContain('stakedSupply');
    for (const m of ['burned', 'cumulativeBurned', 'burnMintRatio', 'demandUsd', 'activeProviders', 'providerRevenueUsd'] as const) {
      expect(h.has(m), m).toBe(true);
    }
    expect(h.metric('circulatingSupply').p50).toHaveLength(21);
  });

  it('metrics([...]) stores and reports only the chosen metrics', async () => {
    const only = await flywheel(plain()).metrics(['price', 'totalSupply']).run();
    expect([...only.metrics].sort()).toEqual(['price', 'totalSupply']);
    expect(only.has('circulatingSupply')).toBe(false);
    expect(only.metric('totalSupply').p50[10]).toBeCloseTo(2000, 9);
  });
});
