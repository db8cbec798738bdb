// Engine v2: the block program. Parity of the wasm and reference interpreters (tolerance 0),
// conservation on every step, clocks, schedules, and bad input.
import { FlywheelError, validateSpecV2, type ModelSpecV2 } from '@flywheel/spec';
import { heliumV2 } from '@flywheel/models/helium';
import { describe, expect, it } from 'vitest';
import { w1SpecV2 } from '../../../bench/w1.mjs';
import { run } from '@flywheel/sdk';
import { compileV2 } from '../src/compile.js'; // internals: the compiled tables
import { availableMetrics } from '../src/program/compile.js';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

async function paths(spec: ModelSpecV2, engine: 'wasm' | 'reference', metrics: string[], threads = 1) {
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
  w1: () => w1SpecV2({ runs: 6, agents: 60, steps: 120, seed: 7 }),
  helium: () => ({ ...heliumV2({ years: 1, runs: 5, agents: 80, seed: 3 }) }),
};

describe('engine v2 parity', () => {
  for (const [name, make] of Object.entries(small)) {
    it(`${name}: the wasm and reference interpreters give the same bits for every metric`, async () => {
      const spec = make();
      const metrics = availableMetrics(validateSpecV2(spec));
      expectSameBits(await paths(spec, 'wasm', metrics), await paths(spec, 'reference', metrics));
    });
  }

  it('threads do not change the numbers (wasm, 1 vs 3 threads)', async () => {
    const spec = w1SpecV2({ runs: 9, agents: 40, steps: 60 });
    const metrics = ['totalSupply', 'price', 'activeProviders', 'W.rewards'];
    expectSameBits(await paths(spec, 'wasm', metrics, 1), await paths(spec, 'wasm', metrics, 3));
  });

  it('a different seed gives different numbers', async () => {
    const a = await paths(w1SpecV2({ runs: 2, agents: 30, steps: 30, seed: 1 }), 'wasm', ['price']);
    const b = await paths(w1SpecV2({ runs: 2, agents: 30, steps: 30, seed: 2 }), 'wasm', ['price']);
    expect(Object.is(a.price![0]![30], b.price![0]![30])).toBe(false);
  });
});

describe('engine v2 conservation', () => {
  for (const [name, make] of Object.entries(small)) {
    it(`${name}: on every step, Δ total supply = minted − burned and every asset's residual is rounding only`, async () => {
      const spec = make();
      const valid = validateSpecV2(spec);
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
    const spec = w1SpecV2({ runs: 2, agents: 20, steps: 40 });
    spec.assets.W.cap = 50_100_000; // room for 100k: less than three days of issuance
    const p = await paths(spec, 'reference', ['totalSupply', 'cumulativeMinted', 'W.unissued']);
    expect(Math.abs(p.cumulativeMinted![0]![40]! - 100_000)).toBeLessThan(1e-6); // everything that was left to mint
    expect(p['W.unissued']![0]![40]).toBeGreaterThanOrEqual(0);
    expect(p['W.unissued']![0]![40]).toBeLessThan(1e-6);
  });
});

describe('engine v2 blocks', () => {
  const base = (): ModelSpecV2 => ({
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
    const ran = Array.from(p['move.amount']![0]!).map((v, t) => (v > 0 ? t : -1)).filter((t) => t >= 0);
    expect(ran).toEqual([3, 10, 17]);
    expect(p['T.b']![0]![20]).toBe(30);
    expectSameBits(p, await paths(base(), 'wasm', ['move.amount', 'T.b']));
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
    spec.blocks = [
      { id: 'hl', kind: 'schedule', asset: 'T', to: 'b', curve: { kind: 'halfLife', total: 1000, halfLife: { amount: 365, unit: 'day' } } },
      {
        id: 'tab', kind: 'schedule', asset: 'T', to: 'b',
        curve: { kind: 'table', entries: [{ from: '2024-08-01', rate: { amount: 100, per: 'day' } }], then: { halvingEvery: { amount: 1, unit: 'year' } } },
      },
    ];
    const m = compileV2(validateSpecV2(spec));
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
    spec.blocks = [
      { id: 'burn', kind: 'transfer', asset: 'T', from: 'a', to: 'burned', amount: 'if(t <= 2, 70, 0)' },
      { id: 're', kind: 'remint', asset: 'T', of: 'burn.amount', window: 7, fraction: 0.5, cap: { amount: 4, per: 'day' }, to: 'b' },
    ];
    const p = await paths(spec, 'reference', ['re.amount']);
    // step 2 sees step 1's 70 over 7 steps: 0.5 × 10 = 5, capped at 4; steps 3..8 see 140/7 → 4; step 9 sees 70/7 → 4; step 10 nothing
    expect(Array.from(p['re.amount']![0]!.slice(1, 11))).toEqual([0, 4, 4, 4, 4, 4, 4, 4, 4, 0]);
  });
});

describe('engine v2 validation', () => {
  const bad = (mutate: (s: ModelSpecV2) => void) => {
    const s = clone(w1SpecV2({ runs: 1, agents: 5, steps: 5 })) as ModelSpecV2;
    mutate(s);
    try {
      validateSpecV2(s);
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
    const mutate = (s: ModelSpecV2) => {
      s.blocks.unshift({ id: 'early', kind: 'transfer', asset: 'W', from: 'liquid', to: 'rewards', amount: 'demandUsd * 0' });
    };
    const e = bad(mutate);
    expect([e.code, e.path]).toEqual(['SPEC_CYCLE', 'blocks.0.amount']);
    const s = clone(w1SpecV2({ runs: 1, agents: 5, steps: 5 })) as ModelSpecV2;
    mutate(s);
    s.signals!.demandUsd!.lag = true;
    expect(() => validateSpecV2(s)).not.toThrow();
  });

  it('shares that do not sum to 1, a duplicate id, a credit without a price, and an unknown kind are refused', () => {
    expect(bad((s) => ((s.blocks[1] as { to: unknown }).to = { rewards: 0.5, liquid: 0.4 })).code).toBe('SPEC_SHARES_NOT_ONE');
    expect(bad((s) => (s.blocks[2]!.id = 'demand')).path).toBe('blocks.2.id');
    expect(bad((s) => delete (s.assets.C as { priceUsd?: number }).priceUsd).path).toBe('assets.C.priceUsd');
    expect(bad((s) => ((s.blocks[0] as { kind: string }).kind = 'magic')).code).toBe('SPEC_INVALID_ENUM');
    expect(bad((s) => ((s.assets.W as unknown as Record<string, unknown>).colour = 'red')).code).toBe('SPEC_UNKNOWN_FIELD');
  });

  it('an unknown metric is a RESULT_UNKNOWN_METRIC listing what exists', async () => {
    await expect(run(w1SpecV2({ runs: 1, agents: 5, steps: 5 }), { metrics: ['W.nothing'] })).rejects.toMatchObject({ code: 'RESULT_UNKNOWN_METRIC' });
  });
});
