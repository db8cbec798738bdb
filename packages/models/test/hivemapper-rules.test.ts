// The Hivemapper rules against the Foundation's documented rules and examples (the programs' source is not
// public): MIP-15 and MIP-19 (docs.hivemapper.com/welcome/network-governance), the burn-and-mint page
// (hivemapperfoundation.org/honey/burn-and-mint), the token page (docs.hivemapper.com/honey-token/what-is-honey)
// and shared/reference/projects.md §12's validation facts. Expected values are written out from those pages.
import { ErrorCodes, type FlywheelError } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import { MAP_CREDIT_PRICE_MICRO_USD, MAX_SUPPLY, MIP15_WEEKLY_CAP, UNITS_PER_HONEY, allocation, honeyForMapCredits, imageryCredits, mip15Remint, preMip15Remint } from '../src/hivemapper/rules.js';

const H = UNITS_PER_HONEY;
const catchErr = (f: () => unknown): FlywheelError => {
  try {
    f();
  } catch (e) {
    return e as FlywheelError;
  }
  throw new Error('expected a FlywheelError');
};

describe('HONEY supply (what-is-honey)', () => {
  it('10B max supply, 9 decimals; 40/20/20/15/5: 4B to contributors (projects.md §12 fact 2)', () => {
    expect(MAX_SUPPLY).toBe(10_000_000_000n * 1_000_000_000n);
    expect(allocation('contributors')).toBe(4_000_000_000n * H);
    expect(allocation('investors')).toBe(2_000_000_000n * H);
    expect(allocation('employees')).toBe(2_000_000_000n * H);
    expect(allocation('hivemapperInc')).toBe(1_500_000_000n * H);
    expect(allocation('foundation')).toBe(500_000_000n * H);
    const all = (['contributors', 'investors', 'employees', 'hivemapperInc', 'foundation'] as const).reduce((a, k) => a + allocation(k), 0n);
    expect(all).toBe(MAX_SUPPLY);
    expect(catchErr(() => allocation('team' as never)).path).toBe('bucket');
  });
});

describe('Map Credits (burn-and-mint page, MIP-19)', () => {
  it('1,000 Map Credits at $0.0075 with HONEY at $0.01 burn 750 HONEY (projects.md §12 fact 1)', () => {
    expect(honeyForMapCredits(1_000n, MAP_CREDIT_PRICE_MICRO_USD.mip19, 10_000n)).toBe(750n * H);
    // the same at the original $0.005: $5 of HONEY, 500 HONEY
    expect(honeyForMapCredits(1_000n, MAP_CREDIT_PRICE_MICRO_USD.original, 10_000n)).toBe(500n * H);
    // MIP-19: the same credits cost 50% more USD, so 50% more HONEY is burned at one price
    expect(honeyForMapCredits(1_000n, 7_500n, 20_000n) * 2n).toBe(honeyForMapCredits(1_000n, 5_000n, 20_000n) * 3n);
    expect(catchErr(() => honeyForMapCredits(1n, 1n, 0n)).path).toBe('honeyPriceMicroUsd');
  });

  it('one credit per hex-week, ~50 hexes per km: 20 km of imagery for a week is 1,000 credits; 1 km is $0.25 at $0.005 and $0.375 at $0.0075', () => {
    expect(imageryCredits(20n)).toBe(1_000n);
    expect(imageryCredits(1n) * MAP_CREDIT_PRICE_MICRO_USD.original).toBe(250_000n); // $0.25
    expect(imageryCredits(1n) * MAP_CREDIT_PRICE_MICRO_USD.mip19).toBe(375_000n); // "$0.38"
  });
});

describe('MIP-15 net emissions', () => {
  it('750 HONEY burned: 187.5 re-minted, 562.5 destroyed (projects.md §12 fact 1)', () => {
    const r = mip15Remint(750n * H);
    expect(r.reminted).toBe(187_500_000_000n);
    expect(r.permanent).toBe(562_500_000_000n);
  });

  it('the re-mint is at most 500,000 HONEY a week; the overage is burned for good; the cap binds from 2M burned', () => {
    expect(MIP15_WEEKLY_CAP).toBe(500_000n * H);
    expect(mip15Remint(2_000_000n * H)).toEqual({ reminted: 500_000n * H, permanent: 1_500_000n * H });
    expect(mip15Remint(10_000_000n * H)).toEqual({ reminted: 500_000n * H, permanent: 9_500_000n * H });
    expect(mip15Remint(1_999_996n * H).reminted).toBe(499_999n * H);
    expect(mip15Remint(0n)).toEqual({ reminted: 0n, permanent: 0n });
    expect(catchErr(() => mip15Remint(-1n)).code).toBe(ErrorCodes.RULE_INVALID_ARGUMENT);
  });

  it('before MIP-15 all of the burn was re-issued as Consumption Rewards', () => {
    expect(preMip15Remint(750n * H)).toEqual({ reminted: 750n * H, permanent: 0n });
  });
});
