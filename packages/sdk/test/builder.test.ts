import { helium } from '@flywheel/models';
import { ErrorCodes, FlywheelBuilder, FlywheelError, flywheel, type ModelSpec } from '@flywheel/sdk';
import { beforeAll, describe, expect, it } from 'vitest';

/** 10 daily steps, 100/day to a providers group, constant price: every number is known by hand. */
function plain(): ModelSpec {
  return {
    specVersion: 1,
    name: 'plain',
    token: { symbol: 'PLN', initialSupply: 1000, initialCirculating: 1000 },
    time: { step: 'day', steps: 10 },
    groups: { miners: { kind: 'providers' } },
    emissions: { e: { kind: 'fixed', rate: { amount: 100, per: 'day' }, to: { miners: 1 } } },
    price: { kind: 'constant', initial: 2 },
    monteCarlo: { runs: 2, seed: 1 },
  };
}

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
    const c = base.seed(9).set('price.initial', 3);
    expect(a.spec().monteCarlo.seed).toBe(5);
    expect(a.spec().time.steps).toBe(20);
    expect((a.spec().price as { initial: number }).initial).toBe(2);
    expect(c.spec().monteCarlo.seed).toBe(9);
    expect(c.spec().time.steps).toBe(10);
    expect((c.spec().price as { initial: number }).initial).toBe(3);
    expect(base.spec()).toEqual(plain());
  });

  it('neither the input spec nor a returned spec() can change the builder', () => {
    const input = plain();
    const b = flywheel(input);
    input.monteCarlo.runs = 99;
    input.token.symbol = 'XXX';
    expect(b.spec().monteCarlo.runs).toBe(2);
    expect(b.spec().token.symbol).toBe('PLN');
    const out = b.spec();
    out.time.steps = 12345;
    expect(b.spec().time.steps).toBe(10);
    // and setting never touches the caller's object
    const untouched = plain();
    flywheel(untouched).set('token.symbol', 'NEW').runs(3);
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
    expect(flywheel(helium({ years: 1 })).years(10).spec().time.steps).toBe(3650);
    const weekly = { ...plain(), time: { step: 'week' as const, steps: 1 } };
    expect(flywheel(weekly).years(1).spec().time.steps).toBe(52); // 365/7 = 52.14
    const monthly = { ...plain(), time: { step: 'month' as const, steps: 1 } };
    expect(flywheel(monthly).years(10).spec().time.steps).toBe(120);
    const hourly = { ...plain(), time: { step: 'hour' as const, steps: 1 } };
    expect(flywheel(hourly).years(1).spec().time.steps).toBe(8760);
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
    for (const path of ['nope.x', 'demand.initial.amount', 'token.symbol.length', 'emissions.missing.rate']) {
      const e = thrown(() => flywheel(plain()).set(path, 1));
      expect(e.code, path).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
      expect(e.path).toBe(path);
    }
  });

  it('set() may add a leaf under an existing parent; validation then judges it', () => {
    const ok = flywheel(plain()).set('token.maxSupply', 5000);
    expect(ok.spec().token.maxSupply).toBe(5000);
    expect(() => ok.validate()).not.toThrow();
    const bad = flywheel(plain()).set('token.bogus', 1);
    const e = thrown(() => bad.validate());
    expect(e.code).toBe(ErrorCodes.SPEC_UNKNOWN_FIELD);
    expect(e.path).toBe('token.bogus');
  });

  it('validate() and run() report an invalid spec as a FlywheelError', async () => {
    const b = flywheel(plain()).runs(0);
    expect(thrown(() => b.validate()).path).toBe('monteCarlo.runs');
    const e = await rejected(b.run());
    expect(e.code).toBe(ErrorCodes.SPEC_OUT_OF_RANGE);
    expect(e.path).toBe('monteCarlo.runs');
  });

  it('asking for a metric the model does not produce → RUN_INVALID_OPTION', async () => {
    const e = await rejected(flywheel(plain()).metrics(['burned']).run());
    expect(e.code).toBe(ErrorCodes.RUN_INVALID_OPTION);
  });

  it('onProgress reports (done, total) up to (runs, runs)', async () => {
    const calls: [number, number][] = [];
    await flywheel(plain()).runs(3).onProgress((d, t) => calls.push([d, t])).run();
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

  it('without burn, demand or providers: no burned, cumulativeBurned, burnMintRatio, demandUsd, activeProviders, providerRevenueUsd', () => {
    for (const m of ['burned', 'cumulativeBurned', 'burnMintRatio', 'demandUsd', 'activeProviders', 'providerRevenueUsd', 'stakedSupply'] as const) {
      expect(r.has(m), m).toBe(false);
      expect(r.metrics).not.toContain(m);
      expect(thrown(() => r.metric(m)).code).toBe(ErrorCodes.RESULT_UNKNOWN_METRIC);
      expect(Object.keys(r.toJSON().metrics)).not.toContain(m);
    }
    for (const m of ['totalSupply', 'circulatingSupply', 'minted', 'cumulativeMinted', 'price', 'marketCap', 'fdv', 'inflationAnnualised'] as const) {
      expect(r.has(m), m).toBe(true);
    }
    expect(r.summary().cumulativeBurnedMean).toBeNull();
    expect(r.summary().burnMintRatioOverall).toBeNull();
    expect(r.summary().finalActiveProvidersP50).toBeNull();
  });

  it('a staked group or initial stake brings stakedSupply', async () => {
    const staked = await flywheel(plain())
      .set('groups.stakers', { kind: 'staked' })
      .set('emissions.e.to', { miners: 0.5, stakers: 0.5 })
      .run();
    expect(staked.has('stakedSupply')).toBe(true);
    expect(staked.metric('stakedSupply').p50[10]).toBeCloseTo(10 * 50, 9);
    const initial = await flywheel(plain()).set('token.initialStaked', 100).set('token.initialCirculating', 900).run();
    expect(initial.metric('stakedSupply').p50[0]).toBe(100);
  });

  it('with a burn there are burned, cumulativeBurned and burnMintRatio; with providers, activeProviders', async () => {
    const withBurn = await flywheel(plain())
      .set('burn', { kind: 'burnAndMint', share: 1 })
      .set('demand', { initial: { amount: 20, per: 'day' } })
      .run();
    for (const m of ['burned', 'cumulativeBurned', 'burnMintRatio', 'demandUsd'] as const) expect(withBurn.has(m), m).toBe(true);
    expect(withBurn.has('activeProviders')).toBe(false);
    // $20/day at a constant $2 burns 10 tokens a day against 100 minted
    expect(withBurn.metric('burned').p50[1]).toBeCloseTo(10, 12);
    expect(withBurn.metric('burnMintRatio').p50[5]).toBeCloseTo(0.1, 12);
    expect(withBurn.metric('totalSupply').p50[10]).toBeCloseTo(1000 + 10 * 90, 9);

    const withProviders = await flywheel(plain())
      .set('providers', { count: 4, cost: { kind: 'constant', value: 0 }, costPer: 'day', window: 3, reentry: { probability: 0, threshold: 1 } })
      .run();
    expect(withProviders.has('activeProviders')).toBe(true);
    expect(withProviders.has('providerRevenueUsd')).toBe(true);
    expect(withProviders.has('burned')).toBe(false);
    expect(withProviders.metric('activeProviders').p50[0]).toBe(4);
  });

  it('Helium has burn and providers metrics but no stakedSupply', async () => {
    const h = await flywheel(helium({ runs: 2, years: 1, agents: 50 })).steps(20).run();
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
