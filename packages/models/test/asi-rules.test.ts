// The ASI merger's exact rules (./src/asi/rules.ts) against SingularityDAO's MigrateToken hardhat
// tests (Singularity-DAO/migration-contracts `migration/test/testMigrateToken.ts` @
// 94f72ea0d26784dc2d889f2363520cc636fb98ab) and the scripts' figures (`migration/scripts/deploy.js`,
// `token/scripts/transfer.js` @ 0b643b8355bdb645839a01579454a2e3b30d801e), and the official
// announcement's reserves [OFF fetch.ai blog 2024-05-03].
import { rules } from '@flywheel/models/asi';
import { describe, expect, it } from 'vitest';

const { migrateTokens, migrationSupply, cudosToFet, AGIX_ASI_CONVERSION_RATIO, OCEAN_ASI_CONVERSION_RATIO, FET_ASI_CONVERSION_RATIO } = rules;
const units = (x: string, decimals: number): bigint => {
  const [i, f = ''] = x.split('.');
  return BigInt(i!) * 10n ** BigInt(decimals) + BigInt((f + '0'.repeat(decimals)).slice(0, decimals) || '0');
};

describe("MigrateToken._migrateTokens (the contract's own tests)", () => {
  it('100 OLD (8 decimals) at ratio 0.4 → 40 NEW (18 decimals)', () => {
    expect(migrateTokens(units('100', 8), units('0.4', 18), 8)).toBe(units('40', 18));
  });
  it('ratio 1: 100 → 100; same decimals, ratio 0.433226: 100 → 43.3226', () => {
    expect(migrateTokens(units('100', 8), units('1', 18), 8)).toBe(units('100', 18));
    expect(migrateTokens(units('100', 18), units('0.433226', 18), 18)).toBe(units('43.3226', 18));
  });
  it('reverts ZeroAmountOut when 0.1 OLD at ratio 1e-18 rounds to 0', () => {
    expect(() => migrateTokens(units('0.1', 8), units('0.000000000000000001', 18), 8)).toThrow('ZeroAmountOut');
  });
  it('reverts NotEnoughBalance when the pre-minted balance is short, and MissingConversionRatio at 0', () => {
    expect(() => migrateTokens(units('100', 8), units('0.4', 18), 8, units('39.9', 18))).toThrow('NotEnoughBalance');
    expect(() => migrateTokens(1n, 0n, 8)).toThrow('MissingConversionRatio');
  });
});

describe('the ASI ratios and reserves', () => {
  it('1,000 AGIX → 433.350 FET; 1,000 OCEAN → 433.226 FET; FET 1:1 (projects.md §8 validation fact 1)', () => {
    expect(migrateTokens(units('1000', 8), AGIX_ASI_CONVERSION_RATIO, 8)).toBe(units('433.35', 18));
    expect(migrateTokens(units('1000', 18), OCEAN_ASI_CONVERSION_RATIO, 18)).toBe(units('433.226', 18));
    expect(migrateTokens(units('1000', 18), FET_ASI_CONVERSION_RATIO, 18)).toBe(units('1000', 18));
  });
  it('one base unit of AGIX (1e-8) → 4,333,500,000 wei of FET: no rounding loss at 8 → 18 decimals', () => {
    expect(migrateTokens(1n, AGIX_ASI_CONVERSION_RATIO, 8)).toBe(4_333_500_000n);
  });
  it('the reserves cover the supplies: 0.433226 × 1.41B OCEAN = 610,848,660 FET (the blog pre-minted 610,849,199); 0.43335 × 2.0B AGIX = 866,700,000 (blog 866,700,367)', () => {
    expect(migrationSupply(units('1410000000', 18), OCEAN_ASI_CONVERSION_RATIO, 18)).toBe(units('610848660', 18));
    expect(migrationSupply(units('2000000000', 8), AGIX_ASI_CONVERSION_RATIO, 8)).toBe(units('866700000', 18));
    // the blog's reserves exceed them by 539 and 367 FET
    expect(610_849_199 - 610_848_660).toBe(539);
  });
  it("the deploy script's FET migration supply = its FET total 2,630,547,140.999999999999656122 at 1:1 = the merged supply 1,152,997,575 + 866,700,367 + 610,849,199 (to 3.4e-13 FET)", () => {
    const fet = units('2630547140.999999999999656122', 18);
    expect(migrationSupply(fet, FET_ASI_CONVERSION_RATIO, 18)).toBe(fet);
    const merged = units(String(1_152_997_575 + 866_700_367 + 610_849_199), 18);
    expect(merged).toBe(units('2630547141', 18));
    expect(merged - fet).toBe(343_878n);
  });
  it('CUDOS: 118,344 CUDOS → 1,000 FET net of the fee; 112,427 → 1,000 gross [3P; UNC]', () => {
    expect(cudosToFet(units('118344', 18))).toBe(units('1000', 18));
    expect(cudosToFet(units('112427', 18), false)).toBe(units('1000', 18));
  });
});
