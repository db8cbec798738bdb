// Aethir's exact rules (src/aethir/rules.ts) against the figures of Aethir's own documents and the
// validation facts of shared/reference/projects.md §6. Aethir publishes no reward-distribution code,
// so the vectors are the documents' numbers: docs.aethir.com (supply, checker pools), docs.myedge.io
// (Edge allocation and year shares with their "% of total supply" in brackets, per-device rewards by
// period, the 5% fee, the 30/30/40 release), the seed ($1,299 device, $8 a day, "about half a year").
import { FlywheelError } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_BPS,
  CHECKER_BASE,
  CHECKER_BONUS,
  EDGE_ALLOCATION,
  TOTAL_SUPPLY,
  WEI,
  allocation,
  checkerBaseDay,
  checkerBaseReward,
  checkerBonus,
  edgeNetReward,
  edgeReleased,
  edgeRewardPerDevice,
  edgeYearCap,
  feeSplit,
  paybackDays,
  vested,
} from '../src/aethir/rules.js';

describe('supply and allocation', () => {
  it('42B fixed; the eight buckets sum to 100%; containers + checkers = 50% (the seed)', () => {
    expect(TOTAL_SUPPLY).toBe(42_000_000_000n * WEI);
    expect(Object.values(ALLOCATION_BPS).reduce((a, b) => a + b, 0n)).toBe(10_000n);
    expect(allocation('containers') + allocation('checkers')).toBe(TOTAL_SUPPLY / 2n);
  });

  it('vesting calendars: investors 12-month cliff then 24 parts; team 18-month cliff then 36; ecosystem 50% at TGE; airdrop 25/25/50 at 0/8/16 months', () => {
    expect(vested('investors', 12n)).toBe(0n);
    expect(vested('investors', 13n)).toBe(allocation('investors') / 24n);
    expect(vested('investors', 36n)).toBe(allocation('investors'));
    expect(vested('team', 18n)).toBe(0n);
    expect(vested('team', 19n)).toBe(allocation('team') / 36n);
    expect(vested('team', 54n)).toBe(allocation('team'));
    expect(vested('advisors', 54n)).toBe(allocation('advisors'));
    expect(vested('ecosystem', 0n)).toBe(allocation('ecosystem') / 2n);
    expect(vested('ecosystem', 12n)).toBe(allocation('ecosystem') / 2n + allocation('ecosystem') / 4n);
    expect(vested('ecosystem', 24n)).toBe(allocation('ecosystem'));
    expect(vested('dao', 24n)).toBe(allocation('dao') / 2n);
    expect(vested('airdrop', 7n)).toBe(allocation('airdrop') / 4n);
    expect(vested('airdrop', 8n)).toBe(allocation('airdrop') / 2n);
    expect(vested('airdrop', 16n)).toBe(allocation('airdrop'));
    expect(() => vested('dao', -1n)).toThrow(FlywheelError);
  });
});

describe('checker pools (docs.aethir.com checker guide)', () => {
  it('6.3B over 1,460 days with 91,759 licences is 47.03 ATH per licence per day (validation fact 1); the base pool is released exactly', () => {
    expect((CHECKER_BASE + CHECKER_BONUS) / WEI).toBe(6_300_000_000n);
    const perLicence = Number((CHECKER_BASE + CHECKER_BONUS) / WEI) / 1_460 / 91_759;
    expect(perLicence).toBeCloseTo(47.03, 2);
    let s = 0n;
    for (let d = 1n; d <= 1_460n; d++) s += checkerBaseDay(d);
    expect(s).toBe(CHECKER_BASE);
    expect(checkerBaseDay(1_461n)).toBe(0n);
  });

  it('base rewards pro rata to tasks; the bonus pro rata to base, and from the 5th quarter only above 95% uptime', () => {
    expect(checkerBaseReward(1n, 1n, 2n)).toBe(checkerBaseDay(1n) / 2n);
    const q = CHECKER_BONUS / 16n;
    expect(checkerBonus(4n, 1n, 4n, 0n)).toBe(q / 4n); // quarters 1-4: no uptime gate
    expect(checkerBonus(5n, 1n, 4n, 9_500n)).toBe(0n); // exactly 95% does not qualify ("> 95%")
    expect(checkerBonus(5n, 1n, 4n, 9_501n)).toBe(q / 4n);
    expect(checkerBonus(17n, 1n, 4n, 10_000n)).toBe(0n);
    expect(() => checkerBaseReward(1n, 3n, 2n)).toThrow(FlywheelError);
  });
});

describe('Edge (docs.myedge.io)', () => {
  it("9.66B; year caps 40% / 24.12% / 14.54% / 8.77% / 5.29%, of 9.66B, 9.2% and 5.5476% of supply as the FAQ's brackets say; year 1 = 3.864B (validation fact 2)", () => {
    expect(EDGE_ALLOCATION / WEI).toBe(9_660_000_000n);
    expect(edgeYearCap(1n) / WEI).toBe(3_864_000_000n);
    const ofSupply = [9.2, 5.5476, 3.3452, 2.0172, 1.2163];
    // The FAQ's brackets are the year shares × 23% rounded to 4 decimals, with slips: year 3 is
    // 14.54% × 23% = 3.3442% (the FAQ prints 3.3452%), year 5 1.2167% (1.2163%).
    const diffs = ofSupply.map((p, i) => Math.abs((Number(edgeYearCap(BigInt(i + 1))) / Number(TOTAL_SUPPLY)) * 100 - p));
    expect(diffs[0]).toBeLessThan(1e-9);
    expect(diffs[1]).toBeLessThan(1e-9);
    expect(diffs[3]).toBeLessThan(0.0001);
    expect(diffs[2]).toBeCloseTo(0.001, 9);
    expect(diffs[4]).toBeCloseTo(0.0004, 9);
    expect(() => edgeYearCap(6n)).toThrow(FlywheelError);
  });

  it('per-device reward: none before 2024-06-20, 21 until 2024-10-31, 100 from 2024-11-01 to 2025-06-12, 21 from 2025-06-13', () => {
    expect(edgeRewardPerDevice('2024-06-19')).toBe(0n);
    expect(edgeRewardPerDevice('2024-06-20')).toBe(21n);
    expect(edgeRewardPerDevice('2024-10-31')).toBe(21n);
    expect(edgeRewardPerDevice('2024-11-01')).toBe(100n);
    expect(edgeRewardPerDevice('2025-06-12')).toBe(100n);
    expect(edgeRewardPerDevice('2025-06-13')).toBe(21n);
    expect(() => edgeRewardPerDevice('1 Nov 2024')).toThrow(FlywheelError);
  });

  it('the 5% network fee: 100 ATH → 95 ATH net', () => {
    expect(edgeNetReward(100n * WEI)).toEqual({ fee: 5n * WEI, net: 95n * WEI });
    expect(edgeNetReward(1n)).toEqual({ fee: 0n, net: 1n });
  });

  it('claimed rewards release 30% at once, 30% more on day 90, the last 40% on day 180, exactly the claim in the end', () => {
    const c = 1_000n * WEI;
    expect(edgeReleased(c, 0n)).toBe(300n * WEI);
    expect(edgeReleased(c, 89n)).toBe(300n * WEI);
    expect(edgeReleased(c, 90n)).toBe(600n * WEI);
    expect(edgeReleased(c, 179n)).toBe(600n * WEI);
    expect(edgeReleased(c, 180n)).toBe(c);
    expect(edgeReleased(7n, 0n)).toBe(2n); // floored parts …
    expect(edgeReleased(7n, 90n)).toBe(4n);
    expect(edgeReleased(7n, 180n)).toBe(7n); // … the remainder last
  });
});

describe('fees and payback', () => {
  it('80% of fees to the providers, 20% retained', () => {
    expect(feeSplit(1_000n)).toEqual({ providers: 800n, retained: 200n });
    expect(feeSplit(1n)).toEqual({ providers: 0n, retained: 1n });
  });

  it('a $1,299 device at the seed\'s $8 a day pays back in 163 days: "about half a year"; never without a margin', () => {
    expect(paybackDays(129_900n, 800n)).toBe(163n);
    expect(paybackDays(129_900n, 800n, 800n)).toBeNull();
    expect(paybackDays(129_900n, 1_000n, 10n)).toBe(132n);
  });
});
