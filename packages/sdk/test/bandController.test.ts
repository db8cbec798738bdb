// bandController (Cosmos mint NextInflationRate + BlockProvision, Akash's x/inflation band): parity
// of both engines (tolerance 0), conservation, the closed form against the tick-by-tick loop, and
// bad input.
import { FlywheelError, validateSpec, type ModelSpec } from '@flywheel/spec';
import { run } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';

const spec = (over: Record<string, unknown> = {}, steps = 60): ModelSpec => ({
  specVersion: 2,
  name: 'band',
  time: { step: 'day', steps, start: '2024-10-01' },
  mainAsset: 'T',
  assets: {
    T: {
      kind: 'token',
      decimals: 6,
      accounts: { liquid: { initial: 400, tag: 'liquid' }, bonded: { initial: 600, tag: 'bonded' }, rewards: { tag: 'rewards' }, pool: { tag: 'treasury' } },
    },
  },
  blocks: [
    {
      id: 'inflation',
      kind: 'bandController',
      asset: 'T',
      to: { rewards: 0.8, pool: 0.2 },
      ratio: 'T.bonded / T.totalSupply',
      goal: 0.67,
      rateChange: 50,
      initial: 0.13,
      min: 0.05,
      max: 0.15,
      ticksPerYear: 5_256_000,
      ticksPerStep: 14_400,
      ...over,
    } as never,
    // bonding moves the ratio across the goal, so the rate rises, falls and meets both bounds
    { id: 'move', kind: 'transfer', asset: 'T', from: 'liquid', to: 'bonded', amount: 'if(t - 40 * floor(t / 40) < 20, 0.08 * T.liquid, 0)' },
    { id: 'back', kind: 'transfer', asset: 'T', from: 'bonded', to: 'liquid', amount: 'if(t - 40 * floor(t / 40) >= 20, 0.08 * T.bonded, 0)' },
  ],
  monteCarlo: { runs: 2, seed: 1 },
});
const outs = ['inflation.rate', 'inflation.amount', 'inflation.low', 'inflation.high', 'T.bonded', 'T.totalSupply', 'T.residual', 'T.minted'];

async function paths(s: ModelSpec, engine: 'wasm' | 'reference') {
  const r = await run(s, { engine, threads: 1, metrics: outs, keepRuns: true });
  return Object.fromEntries(outs.map((m) => [m, r.paths(m)[0]!]));
}

/** The tick-by-tick loop the block aggregates: Cosmos order (cap, then floor), supply held for the step. */
function ticks(rate: number, ratio: number, supply: number, lo: number, hi: number, n: number, goal = 0.67, change = 50, perYear = 5_256_000) {
  let minted = 0;
  for (let k = 0; k < n; k++) {
    rate += ((1 - ratio / goal) * change) / perYear;
    if (rate > hi) rate = hi;
    if (rate < lo) rate = lo;
    minted += (supply * rate) / perYear;
  }
  return { rate, minted };
}

describe('bandController', () => {
  for (const [name, over] of [
    ['fixed bounds', {}],
    ['ideal band', { min: 0, max: undefined, ideal: { initial: 0.16, halfLife: { amount: 2, unit: 'year' }, variance: 0.05, origin: '2024-06-01' } }],
  ] as const) {
    it(`${name}: both engines give the same bits; Δ supply = minted; the closed form = the tick loop (1e-9 relative)`, async () => {
      const s = spec(over);
      const [w, r] = await Promise.all([paths(s, 'wasm'), paths(s, 'reference')]);
      for (const m of outs) for (let t = 0; t < w[m]!.length; t++) if (!Object.is(w[m]![t], r[m]![t])) throw new Error(`${m} step ${t}: ${w[m]![t]} vs ${r[m]![t]}`);
      let sawHigh = false,
        sawLow = false,
        sawInside = false;
      for (let t = 1; t < w['T.totalSupply']!.length; t++) {
        expect(Math.abs(w['T.residual']![t]!)).toBeLessThan(1e-9);
        expect(w['T.totalSupply']![t]! - w['T.totalSupply']![t - 1]!).toBeCloseTo(w['T.minted']![t]!, 9);
        const supply = w['T.totalSupply']![t - 1]!,
          ratio = w['T.bonded']![t - 1]! / supply;
        const lo = w['inflation.low']![t]!,
          hi = w['inflation.high']![t]!;
        const ref = ticks(w['inflation.rate']![t - 1]!, ratio, supply, lo, hi, 14_400);
        expect(Math.abs(w['inflation.rate']![t]! - ref.rate)).toBeLessThan(1e-12);
        expect(Math.abs(w['inflation.amount']![t]! - ref.minted) / ref.minted).toBeLessThan(1e-9);
        const rate = w['inflation.rate']![t]!;
        if (rate === hi) sawHigh = true;
        else if (rate === lo) sawLow = true;
        else sawInside = true;
      }
      expect([sawHigh, sawLow, sawInside]).toEqual([true, true, true]);
    });
  }

  it("the ideal band follows I0 · 2^(−age/T½) at each step's start: [I − I·v, I + I·v]", async () => {
    const w = await paths(spec({ min: 0, max: undefined, ideal: { initial: 0.16, halfLife: { amount: 2, unit: 'year' }, variance: 0.05, origin: '2024-06-01' } }), 'wasm');
    for (const t of [1, 30, 60]) {
      const age = (122 + (t - 1)) / 730; // 2024-06-01 → 2024-10-01 is 122 days; T½ = 730 days
      const ideal = 0.16 * 2 ** -age;
      expect(w['inflation.low']![t]!).toBeCloseTo(ideal * 0.95, 14);
      expect(w['inflation.high']![t]!).toBeCloseTo(ideal * 1.05, 14);
    }
  });

  it('bad input is a FlywheelError with code, path and hint', () => {
    const bad = (over: Record<string, unknown>, code: string, path: string) => {
      try {
        validateSpec(spec(over));
      } catch (e) {
        expect(e).toBeInstanceOf(FlywheelError);
        const issues = (e as FlywheelError).issues ?? [e as FlywheelError];
        expect(
          issues.some((i) => i.code === code && i.path === path && (i.hint ?? '').length > 0),
          JSON.stringify(issues),
        ).toBe(true);
        return;
      }
      throw new Error('expected a FlywheelError');
    };
    bad({ max: 0.01 }, 'SPEC_INCONSISTENT', 'blocks.0.max');
    bad({ goal: 0 }, 'SPEC_OUT_OF_RANGE', 'blocks.0.goal');
    bad({ ticksPerYear: -1 }, 'SPEC_OUT_OF_RANGE', 'blocks.0.ticksPerYear');
    bad({ ticksPerStep: 0.5 }, 'SPEC_INVALID_TYPE', 'blocks.0.ticksPerStep');
    bad({ to: 'nowhere' }, 'SPEC_UNKNOWN_REFERENCE', 'blocks.0.to');
    bad({ ratio: 'T.bonded +' }, 'FORMULA_SYNTAX', 'blocks.0.ratio');
    bad({ supply: 'T.bonded / T.totalSupply' }, 'SPEC_UNIT_MISMATCH', 'blocks.0.supply');
  });
});
