// The ASI model: parity and conservation on both engines (four assets); the f64 conversion blocks
// against the exact MigrateToken rule (bigint, ./src/asi/rules.ts); the calibration table (figures
// of the seed document and shared/reference/projects.md §8, written out here, not imported from the
// model module); behaviour.
import { asi, models } from '@flywheel/models';
import { rules } from '@flywheel/models/asi';
import { describe, expect, it } from 'vitest';
import { checkParityAndConservation, paths } from './harness.js';

describe('asi: parity, conservation, registry', () => {
  it('is registered and runs on its week clock', () => {
    expect(models.asi!.create({ years: 1, runs: 2 }).time).toEqual({ step: 'week', steps: 52, start: '2024-10-01' });
  });
  it('both engines give the same bits; Δ FET supply = minted − burned and the residual of every asset (FET, AGIX, OCEAN, CUDOS) is zero on every step; no NaN; no negative balance', async () => {
    await checkParityAndConservation('asi', asi({ years: 2, runs: 3, agents: 40 }), ['price', 'agix.out', 'ocean.out', 'cudos.out', 'cudos.fee', 'operators.active', 'stakingApr', 'agixPriceUsd']);
  });
});

describe('the f64 conversion against MigrateToken._migrateTokens (bigint wei)', () => {
  it("every week of AGIX and OCEAN conversions pays amount × ratio within 1e-12 relative of the contract's floor division", async () => {
    const r = await paths(asi({ years: 1, runs: 1 }), ['agix.amount', 'agix.out', 'ocean.amount', 'ocean.out']);
    for (const [id, ratio, dec] of [
      ['agix', rules.AGIX_ASI_CONVERSION_RATIO, 8],
      ['ocean', rules.OCEAN_ASI_CONVERSION_RATIO, 18],
    ] as const) {
      const amount = r.paths(`${id}.amount`)[0]!,
        out = r.paths(`${id}.out`)[0]!;
      for (let t = 1; t < amount.length; t++) {
        const old = BigInt(Math.round(amount[t]! * 10 ** dec));
        const exact = Number(rules.migrateTokens(old, ratio, dec)) / 1e18;
        expect(Math.abs(out[t]! - exact) / exact).toBeLessThan(1e-12);
      }
    }
  });
});

// Figures from projects.md §8 and the seed, written out.
const FIG = { mergedSupply: 2_630_547_141, fetBefore: 1_152_997_575, agixReserve: 866_700_367, oceanReserve: 610_849_199, activeAgents: 30, agixImplied: 2.0e9, oceanImplied: 1.41e9 };

describe('calibration (docs/models/asi.md)', () => {
  it('the merged supply: FET at the start = 1,152,997,575 + 866,700,367 + 610,849,199 = 2,630,547,141 (tolerance 1 FET)', async () => {
    const r = await paths(asi({ years: 1, runs: 1 }), ['FET.totalSupply', 'FET.agixReserve', 'FET.oceanReserve']);
    expect(Math.abs(r.paths('FET.totalSupply')[0]![0]! - FIG.mergedSupply)).toBeLessThan(1);
    expect(Math.abs(r.paths('FET.totalSupply')[0]![0]! - (FIG.fetBefore + FIG.agixReserve + FIG.oceanReserve))).toBeLessThan(1);
  });
  it('full uptake: converting every AGIX and OCEAN empties the reserves exactly, FET supply stays 2,630,547,141; the implied source supplies are 2.000B AGIX and 1.410B OCEAN (0.01%)', async () => {
    const r = await paths(asi({ years: 1, runs: 1, convertedAtStart: 0, uptake: 1 }), [
      'FET.agixReserve',
      'FET.oceanReserve',
      'AGIX.totalSupply',
      'OCEAN.holders',
      'agix.amount',
      'ocean.amount',
      'FET.totalSupply',
      'cudos.out',
    ]);
    const agix = r.paths('agix.amount')[0]![1]!,
      ocean = r.paths('ocean.amount')[0]![1]!;
    expect(Math.abs(agix - FIG.agixImplied) / FIG.agixImplied).toBeLessThan(1e-4);
    expect(Math.abs(ocean - FIG.oceanImplied) / FIG.oceanImplied).toBeLessThan(1e-4);
    expect(r.paths('FET.agixReserve')[0]![1]!).toBeLessThan(1e-6);
    expect(r.paths('FET.oceanReserve')[0]![1]!).toBeLessThan(1e-6);
    expect(r.paths('AGIX.totalSupply')[0]![1]!).toBe(0);
    // only CUDOS mints: FET supply = merged + the CUDOS mint
    expect(Math.abs(r.paths('FET.totalSupply')[0]![1]! - FIG.mergedSupply - r.paths('cudos.out')[0]![1]!)).toBeLessThan(1);
  });
  it('CUDOS: 10B CUDOS [3P] convert to 10B / 118.344 = 84,499,425 FET net; the 5% fee withheld (0.1%)', async () => {
    const r = await paths(asi({ years: 1, runs: 1, uptake: 1 }), ['cudos.out', 'cudos.fee']);
    const out = r.paths('cudos.out')[0]![1]!,
      fee = r.paths('cudos.fee')[0]![1]!;
    expect(Math.abs(out - 1e10 / 118.344) / (1e10 / 118.344)).toBeLessThan(1e-3);
    expect(Math.abs(fee / (out + fee) - 0.05)).toBeLessThan(1e-3);
  });
  it('30 active agents on Agentverse at the start [SEED] (exact, by construction of the population)', async () => {
    const r = await paths(asi({ years: 1, runs: 1 }), ['operators.active']);
    expect(Math.abs(r.paths('operators.active')[0]![0]! - FIG.activeAgents)).toBeLessThan(0.5);
  });
  it('arbitrage: AGIX trades at 0.433350 × FET and OCEAN at 0.433226 × FET on every step', async () => {
    const r = await paths(asi({ years: 1, runs: 2 }), ['price', 'agixPriceUsd', 'oceanPriceUsd']);
    r.paths('price').forEach((p, i) => {
      for (let t = 1; t < p.length; t++) {
        expect(r.paths('agixPriceUsd')[i]![t]!).toBeCloseTo(0.43335 * p[t]!, 12);
        expect(r.paths('oceanPriceUsd')[i]![t]!).toBeCloseTo(0.433226 * p[t]!, 12);
      }
    });
  });
});

describe('behaviour', () => {
  it('a faster uptake releases the reserves into circulation sooner (circulating FET after a year is higher at 5%/week than at 1%/week)', async () => {
    const slow = await paths(asi({ years: 1, runs: 1, uptake: 0.01 }), ['FET.circulating']);
    const fast = await paths(asi({ years: 1, runs: 1, uptake: 0.05 }), ['FET.circulating']);
    expect(fast.paths('FET.circulating')[0]!.at(-1)!).toBeGreaterThan(slow.paths('FET.circulating')[0]!.at(-1)! + 1e8);
  });
  it('the reserves never pay more than they hold: converted FET ≤ the pre-minted reserve', async () => {
    const r = await paths(asi({ years: 3, runs: 1, uptake: 0.2 }), ['agix.out', 'FET.agixReserve']);
    const total = r.paths('agix.out')[0]!.reduce((s, x) => s + x, 0);
    expect(total).toBeLessThanOrEqual(0.5 * FIG.agixReserve * (1 + 1e-12));
    expect(total).toBeGreaterThan(0.5 * FIG.agixReserve * 0.999);
  });
});
