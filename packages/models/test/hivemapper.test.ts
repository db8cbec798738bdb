// The Hivemapper model: parity and conservation on both engines; the f64 blocks against the documented
// rules (./hivemapper-rules.test.ts checks the rules against MIP-15, MIP-19 and the Foundation's examples);
// the calibration table of docs/models/hivemapper.md (figures written out from the seed and the reference,
// not imported from the model); behaviour of the rule versions and the flywheel loop.
import { hivemapper, models } from '@flywheel/models';
import { rules } from '@flywheel/models/hivemapper';
import { validateSpec, type ModelSpec } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import { checkParityAndConservation, paths } from './harness.js';

const units = (x: number) => BigInt(Math.round(x * 1e9));

/** The model with a constant price and a constant demand of `credits` Map Credits a week (the rules' examples). */
function fixed(price: number, credits: number, rules: '2024-10' | '2025-01' = '2024-10'): ModelSpec {
  const spec = hivemapper({ years: 1, runs: 1, agents: 20, rules });
  for (const b of spec.blocks) {
    if (b.kind === 'price') b.model = { kind: 'constant', initial: price };
    if (b.kind === 'signal' && b.set === 'mapCreditsUsed') b.formula = String(credits);
  }
  for (const k of ['credits0', 'growth', 'sigma', 'elasticity', 'coverage0', 'rewardSell', 'unlockSell']) delete spec.params![k];
  return spec;
}

describe('hivemapper: spec, parity, conservation', () => {
  it('is registered, validates, runs on the week clock', () => {
    expect(models.hivemapper!.create({ years: 1 }).time.step).toBe('week');
    expect(validateSpec(hivemapper()).time.steps).toBe(521);
  });

  for (const r of ['2024-10', '2025-01', 'pre-mip15'] as const) {
    it(`both engines give the same bits; Δ total supply = minted − burned every step; no NaN; no negative balance (${r})`, async () => {
      await checkParityAndConservation(`hivemapper-${r}`, hivemapper({ years: 1, runs: 4, agents: 50, rules: r }), ['price', 'coverage', 'progress.amount', 'consumption.amount', 'mapCredits.burned']);
    });
  }
});

describe('hivemapper: the f64 blocks against the rules', () => {
  it('1,000 Map Credits at $0.0075 with HONEY at $0.01 burn 750 HONEY; next week 187.5 are re-minted; 562.5 stay burned (projects.md §12 fact 1)', async () => {
    const r = await paths(fixed(0.01, 1_000, '2025-01'), ['mapCredits.burned', 'mapCredits.credits', 'consumption.amount', 'mapCreditsOld.burned']);
    const t = 14; // the week holding 2025-01-01 (2024-12-31 … 2025-01-06)
    const burned = r.paths('mapCredits.burned')[0]!;
    expect(burned[t]).toBeCloseTo(750, 9);
    expect(Number(rules.honeyForMapCredits(1_000n, 7_500n, 10_000n)) / 1e9).toBeCloseTo(burned[t]!, 9);
    expect(r.paths('mapCredits.credits')[0]![t]).toBeCloseTo(1_000, 9);
    const exact = rules.mip15Remint(units(burned[t]!));
    expect(r.paths('consumption.amount')[0]![t + 1]).toBeCloseTo(Number(exact.reminted) / 1e9, 9); // 187.5
    expect(Number(exact.permanent) / 1e9).toBeCloseTo(562.5, 9);
    // before MIP-19 the same credits burned 500 HONEY ($0.005)
    expect(r.paths('mapCreditsOld.burned')[0]![t - 1]).toBeCloseTo(500, 9);
  });

  it('the re-mint is capped at 500,000 HONEY a week as MIP-15 says (mip15Remint), whatever the burn', async () => {
    const r = await paths(fixed(0.05, 1e9), ['mapCredits.burned', 'consumption.amount']); // $5M a week: 100M HONEY
    const b = r.paths('mapCredits.burned')[0]!;
    const c = r.paths('consumption.amount')[0]!;
    expect(b[1]).toBeCloseTo(100_000_000, 3);
    expect(c[1]).toBe(0); // nothing burned the week before the start
    for (const t of [2, 10, 40]) expect(c[t]).toBe(Number(rules.mip15Remint(units(b[t - 1]!)).reminted) / 1e9);
    expect(c[2]).toBe(500_000);
  });
});

describe('hivemapper: calibration (docs/models/hivemapper.md)', () => {
  it('start: market cap $334M and 43% of the 10B max supply circulating; 28% coverage; the issuer holds the 2.88B left of the 4B pool [SEED; OFF; DER]', async () => {
    const r = await paths(hivemapper({ years: 1, runs: 1, agents: 20 }), ['marketCap', 'circulatingSupply', 'coverage', 'HONEY.unissued', 'totalSupply']);
    expect(r.paths('marketCap')[0]![0]).toBeCloseTo(334_000_000, 0);
    expect(r.paths('circulatingSupply')[0]![0]! / 10_000_000_000).toBeCloseTo(0.43, 12);
    expect(r.paths('coverage')[0]![0]).toBe(0.28);
    expect(r.paths('HONEY.unissued')[0]![0]).toBeCloseTo(4_000_000_000 * (1 - 0.28), 0);
    expect(r.paths('totalSupply')[0]![0]).toBeCloseTo(10_000_000_000 - 2_880_000_000, 0);
  });

  it("the first week mints 4B × 0.28 / 100 weeks = 11.2M HONEY of map-progress rewards (the first two years' pace) [DER]", async () => {
    const r = await paths(hivemapper({ years: 1, runs: 2, agents: 20 }), ['progress.amount']);
    expect(r.paths('progress.amount')[0]![1]).toBeCloseTo(11_200_000, 3);
  });

  it('the contributor mint never passes the 4B pool, and the supply never the 10B cap, over ten years', async () => {
    const r = await paths(hivemapper({ years: 10, runs: 3, agents: 50 }), ['progress.amount', 'totalSupply', 'coverage']);
    for (let i = 0; i < 3; i++) {
      const minted = r.paths('progress.amount')[i]!.reduce((a, b) => a + b, 0);
      expect(1_120_000_000 + minted).toBeLessThanOrEqual(4_000_000_000);
      expect(Math.abs(1_120_000_000 + minted - 4_000_000_000 * r.paths('coverage')[i]!.at(-1)!)).toBeLessThan(1); // cumulative = 4B × coverage
      for (const v of r.paths('totalSupply')[i]!) expect(v).toBeLessThanOrEqual(10_000_000_000);
    }
  });
});

describe('hivemapper: behaviour', () => {
  it('MIP-19: the same credits burn 1.5× the HONEY from 2025-01-01', async () => {
    const [a, b] = await Promise.all([paths(hivemapper({ years: 1, runs: 3, agents: 30 }), ['burned']), paths(hivemapper({ years: 1, runs: 3, agents: 30, rules: '2025-01' }), ['burned'])]);
    for (let i = 0; i < 3; i++) {
      expect(b.paths('burned')[i]![13]).toBeCloseTo(a.paths('burned')[i]![13]!, 9); // before: the same
      expect(b.paths('burned')[i]![14]! / a.paths('burned')[i]![14]!).toBeCloseTo(1.5, 9); // the first week of 2025: same price, 1.5× USD
    }
  });

  it('before MIP-15 the whole burn came back as rewards: more HONEY minted and a larger supply than under MIP-15', async () => {
    const [a, b] = await Promise.all([
      paths(hivemapper({ years: 3, runs: 5, agents: 50 }), ['consumption.amount', 'burned', 'totalSupply']),
      paths(hivemapper({ years: 3, runs: 5, agents: 50, rules: 'pre-mip15' }), ['consumption.amount', 'burned', 'totalSupply']),
    ]);
    const b0 = b.paths('burned')[0]!;
    expect(b.paths('consumption.amount')[0]![2]).toBeCloseTo(b0[1]!, 6); // 100% of last week's burn
    expect(a.paths('consumption.amount')[0]![2]).toBeCloseTo(0.25 * a.paths('burned')[0]![1]!, 6);
    for (let i = 0; i < 5; i++) expect(b.paths('totalSupply')[i]!.at(-1)!).toBeGreaterThan(a.paths('totalSupply')[i]!.at(-1)!);
  });

  it('the loop: more contributors map more coverage, which sells more map data and burns more HONEY', async () => {
    const base = hivemapper({ years: 3, runs: 20, agents: 100 });
    const more = hivemapper({ years: 3, runs: 20, agents: 100 });
    for (const b of more.blocks) if (b.kind === 'population') b.cost = { kind: 'lognormal', median: 4, sigma: 0.8 }; // cheaper driving keeps more contributors
    base.params!.sigma = 0; // no demand noise: the demands differ by coverage only
    more.params!.sigma = 0;
    const [l, h] = await Promise.all([paths(base, ['activeProviders', 'coverage', 'demandUsd']), paths(more, ['activeProviders', 'coverage', 'demandUsd'])]);
    const endMean = (x: typeof l, m: string) => x.paths(m).reduce((a, p) => a + p.at(-1)!, 0) / 20;
    expect(endMean(h, 'activeProviders')).toBeGreaterThan(endMean(l, 'activeProviders'));
    expect(endMean(h, 'coverage')).toBeGreaterThan(endMean(l, 'coverage'));
    expect(endMean(h, 'demandUsd')).toBeGreaterThan(endMean(l, 'demandUsd'));
  });
});
