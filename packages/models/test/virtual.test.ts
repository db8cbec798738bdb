// The Virtuals model: parity and conservation on both engines (VIRTUAL and the aggregate AGENT);
// the f64 amm against the exact FRouter.buy / sell (bigint wei, ./src/virtual/rules.ts, itself
// checked against the contracts' own test); the calibration table (figures of the seed document and
// shared/reference/projects.md §9, written out here); behaviour.
import { models, virtual } from '@flywheel/models';
import { rules } from '@flywheel/models/virtual';
import type { BlockSpec, ModelSpec } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import { checkParityAndConservation, paths } from './harness.js';

describe('virtual: parity, conservation, registry', () => {
  it('is registered and runs on its week clock', () => {
    expect(models.virtual!.create({ years: 1, runs: 2 }).time).toEqual({ step: 'week', steps: 52, start: '2024-10-01' });
  });
  it('launchpad-v2: both engines give the same bits; conservation; no NaN; no negative balance', async () => {
    await checkParityAndConservation('virtual v2', virtual({ years: 2, runs: 2, agents: 60, rules: 'launchpad-v2' }), ['price', 'curves', 'gradShare', 'curveTrade.price']);
  });
  it('both engines give the same bits; Δ VIRTUAL supply = minted − burned and the residuals of both assets are zero on every step; no NaN; no negative balance', async () => {
    await checkParityAndConservation('virtual', virtual({ years: 3, runs: 3, agents: 60 }), [
      'price',
      'agents',
      'curves',
      'gradShare',
      'curveTrade.price',
      'poolTrade.price',
      'buyback.bought',
      'lockedVirtual',
      'operators.active',
      'creatorSales.amount',
    ]);
  });
});

/** One fresh pair (assetRate 5000: 1B tokens, 6,000 virtual VIRTUAL) trading with the model's curve block: buys in weeks 1–6, sells after. */
function onePair(): ModelSpec {
  const block = virtual().blocks.find((b) => b.id === 'curveTrade') as Extract<BlockSpec, { kind: 'amm' }>;
  return {
    specVersion: 2,
    name: 'pair',
    time: { step: 'week', steps: 10, start: '2024-10-01' },
    mainAsset: 'VIRTUAL',
    assets: {
      VIRTUAL: { kind: 'token', decimals: 18, accounts: { liquid: { initial: 1e6, tag: 'liquid' }, curvePool: { tag: 'locked' }, taxVault: { tag: 'treasury' } } },
      AGENT: { kind: 'token', decimals: 18, accounts: { curve: { initial: 1e9, tag: 'locked' }, curveHolders: { tag: 'liquid' } } },
    },
    blocks: [
      {
        ...block,
        virtualBase: '6000',
        buy: { amount: 'if(t <= 6, 1000 * t, 0)', from: 'liquid', to: 'curveHolders' },
        sell: { amount: 'if(t > 6, 0.25 * AGENT.curveHolders, 0)', from: 'curveHolders', to: 'liquid' },
      },
    ],
    monteCarlo: { runs: 1, seed: 1 },
  };
}

describe('the f64 amm against FRouter.buy / sell (wei)', () => {
  it("each week's trade matches the contract within 1e-9 relative (f64 against floor division on 1e27-wei reserves)", async () => {
    const r = await paths(onePair(), ['curveTrade.bought', 'curveTrade.baseOut', 'curveTrade.sold', 'curveTrade.tax']);
    const E = 10n ** 18n;
    const l = rules.launch(1_000_000_000n, 5_000n);
    let rt = l.reserveToken,
      ra = l.reserveAsset,
      held = 0n;
    for (let t = 1; t <= 10; t++) {
      if (t <= 6) {
        const b = rules.buy(rt, ra, l.k, BigInt(1000 * t) * E, 1n);
        rt = b.reserveToken;
        ra = b.reserveAsset;
        held += b.amountOut;
        const got = r.paths('curveTrade.bought')[0]![t]!;
        expect(Math.abs(got - Number(b.amountOut) / 1e18) / got).toBeLessThan(1e-9);
        expect(r.paths('curveTrade.tax')[0]![t]!).toBeCloseTo(Number(b.txFee) / 1e18, 6);
      } else {
        const x = held / 4n;
        const s = rules.sell(rt, ra, l.k, x, 1n);
        rt = s.reserveToken;
        ra = s.reserveAsset;
        held -= x;
        const got = r.paths('curveTrade.baseOut')[0]![t]!;
        expect(Math.abs(got - Number(s.amountOut) / 1e18) / got).toBeLessThan(1e-9);
      }
    }
  });
});

// Figures from projects.md §9 and the seed, written out.
const FIG = { agents: 306, locked: 15_200_000, lockedShare: 0.015, top3: 60_000_000, fee: 100, supply: 1_000_000_000 };

describe('calibration (docs/models/virtual.md)', () => {
  it('306 agents and 15.2M VIRTUAL (1.5% of supply) locked in agent pools at the start (exact)', async () => {
    const r = await paths(virtual({ years: 1, runs: 1 }), ['agents', 'lockedVirtual', 'VIRTUAL.totalSupply']);
    expect(r.paths('agents')[0]![0]).toBe(FIG.agents);
    expect(r.paths('lockedVirtual')[0]![0]).toBe(FIG.locked);
    expect(Math.abs(r.paths('lockedVirtual')[0]![0]! / r.paths('VIRTUAL.totalSupply')[0]![0]! - FIG.lockedShare)).toBeLessThan(0.0005);
  });
  it('the top-3 pools receive 60M VIRTUAL over the first 12 months (52 weeks) and nothing after (1e-6 relative)', async () => {
    const r = await paths(virtual({ years: 2, runs: 1 }), ['incentives.amount']);
    const p = r.paths('incentives.amount')[0]!;
    const first = p.slice(1, 53).reduce((s, x) => s + x, 0);
    expect(Math.abs(first - FIG.top3) / FIG.top3).toBeLessThan(1e-6);
    expect(p.slice(53).every((x) => x === 0)).toBe(true);
  });
  it('every launch pays 100 VIRTUAL to the treasury and mints 1B agent tokens into the curves', async () => {
    const r = await paths(virtual({ years: 1, runs: 2 }), ['launches', 'creationFee.amount', 'mintAgents.amount']);
    r.paths('launches').forEach((p, i) => {
      for (let t = 1; t < p.length; t++) {
        expect(r.paths('creationFee.amount')[i]![t]!).toBeCloseTo(FIG.fee * p[t]!, 6);
        expect(r.paths('mintAgents.amount')[i]![t]! / (1e9 * p[t]!)).toBeCloseTo(1, 12);
      }
    });
  });
  it("the 1% tax: each week's curve tax = 1% of the VIRTUAL paid in and 1% of the gross VIRTUAL paid out (1e-9 relative)", async () => {
    const r = await paths(virtual({ years: 1, runs: 1 }), ['curveTrade.tax', 'curveTrade.baseIn', 'curveTrade.baseOut']);
    for (let t = 2; t < 52; t++) {
      const tax = r.paths('curveTrade.tax')[0]![t]!,
        bin = r.paths('curveTrade.baseIn')[0]![t]!,
        bout = r.paths('curveTrade.baseOut')[0]![t]!;
      const want = (bin / 0.99) * 0.01 + (bout / 0.99) * 0.01;
      expect(Math.abs(tax - want) / want).toBeLessThan(1e-9);
    }
  });
});

describe('behaviour', () => {
  it('revenue buys back and burns agent tokens; without revenue nothing is burnt', async () => {
    const spec = virtual({ years: 1, runs: 1 });
    const off = { ...spec, params: { ...spec.params, revenue0: 0 } };
    const on = await paths(spec, ['AGENT.cumulativeBurned']);
    const none = await paths(off, ['AGENT.cumulativeBurned']);
    expect(on.paths('AGENT.cumulativeBurned')[0]!.at(-1)!).toBeGreaterThan(1e8);
    expect(none.paths('AGENT.cumulativeBurned')[0]!.at(-1)!).toBe(0);
  });
  it('graduation moves real VIRTUAL from the curves into the locked pools: locked VIRTUAL grows with launches', async () => {
    const slow = await paths(virtual({ years: 2, runs: 1, launchesPerWeek: 2 }), ['lockedVirtual', 'gradVirtual.amount']);
    const fast = await paths(virtual({ years: 2, runs: 1, launchesPerWeek: 20 }), ['lockedVirtual', 'gradVirtual.amount']);
    const sum = (r: typeof slow) => r.paths('gradVirtual.amount')[0]!.reduce((s, x) => s + x, 0);
    expect(sum(fast)).toBeGreaterThan(3 * sum(slow));
    expect(fast.paths('lockedVirtual')[0]!.at(-1)!).toBeGreaterThan(slow.paths('lockedVirtual')[0]!.at(-1)!);
  });
});

describe('the service loop', () => {
  it("the creators' 30% of the taxes pays the operators; more trading tax keeps more service agents active and earns more revenue", async () => {
    const spec = virtual({ years: 2, runs: 1 });
    const low = { ...spec, params: { ...spec.params, poolBuyUsd: 20 } };
    const a = await paths(spec, ['operators.active', 'revenueUsd', 'taxes.amount', 'creatorSales.amount']);
    const b = await paths(low, ['operators.active', 'revenueUsd']);
    const mean = (p: Float64Array | number[]) =>
      Array.from(p)
        .slice(1)
        .reduce((s, x) => s + x, 0) /
      (p.length - 1);
    expect(mean(a.paths('operators.active')[0]!)).toBeGreaterThan(mean(b.paths('operators.active')[0]!));
    expect(mean(a.paths('revenueUsd')[0]!)).toBeGreaterThan(mean(b.paths('revenueUsd')[0]!));
    expect(a.paths('creatorSales.amount')[0]!.some((x) => x > 0)).toBe(true);
  });
});

describe('rule versions', () => {
  it("launchpad-v2 puts 450M of each 1B on the curve and 550M with the team, and its 200,000-VIRTUAL graduation takes longer than v1's 42,000", async () => {
    const ms = ['launches', 'mintAgents.amount', 'teamTokens.amount', 'gradVirtual.amount', 'curveTrade.price'];
    const v2 = await paths(virtual({ years: 1, runs: 1, rules: 'launchpad-v2' }), ms);
    const v1 = await paths(virtual({ years: 1, runs: 1 }), ['gradVirtual.amount']);
    const l = v2.paths('launches')[0]!;
    for (let t = 1; t < l.length; t++) {
      expect(v2.paths('mintAgents.amount')[0]![t]! / (450e6 * l[t]!)).toBeCloseTo(1, 12);
      expect(v2.paths('teamTokens.amount')[0]![t]! / (550e6 * l[t]!)).toBeCloseTo(1, 12);
    }
    const sum = (p: ArrayLike<number>) => Array.from(p).reduce((s, x) => s + x, 0);
    expect(sum(v2.paths('gradVirtual.amount')[0]!)).toBeLessThan(sum(v1.paths('gradVirtual.amount')[0]!));
  });
});
