// io.net's exact rules (src/ionet/rules.ts) against the vectors of io.net's own documents. io.net
// publishes no emission or fee code, so the vectors are the documents' worked examples:
// docs.iog.net/docs/token-emission-schedule (the first 6 hourly epochs, their rates and total supply),
// io.net/docs/guides/coin/ionet-monthly-token-emission-schedule (the first 5 months of the proposal),
// docs.io.net/docs/io-staking (8 × H100 at multiplier 10 = 16,000 IO), docs.io.net/docs/io-tokenomics
// (fees), and the derived validation facts of shared/reference/projects.md §4.
import { FlywheelError } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import {
  EMISSION_EPOCHS,
  INITIAL_HOURLY_RATE,
  IO,
  LAUNCH_SUPPLY,
  MAX_SUPPLY,
  RATE_SCALE,
  buybackBurn,
  emissionsBetween,
  epochEmission,
  inflationRate,
  investorUnlocked,
  minimumStake,
  monthlyEmission,
  reservationFees,
  teamUnlocked,
} from '../src/ionet/rules.js';

/** An amount in base units shown as the document shows it: IO rounded to cents. */
const cents = (x: bigint) => Number((x * 100n + IO / 2n) / IO) / 100;

describe('hourly emission schedule (docs.iog.net/docs/token-emission-schedule)', () => {
  it("the first 6 epochs: emissions and total supply of the document's table", () => {
    const emissions = [4_566.21, 4_566.15, 4_566.08, 4_566.02, 4_565.96, 4_565.89];
    const supply = [500_004_566.21, 500_009_132.36, 500_013_698.44, 500_018_264.46, 500_022_830.42, 500_027_396.31];
    let total = LAUNCH_SUPPLY;
    for (let e = 1; e <= 6; e++) {
      const x = epochEmission(BigInt(e));
      total += x;
      expect(cents(x), `epoch ${e}`).toBe(emissions[e - 1]);
      expect(cents(total), `supply after epoch ${e}`).toBe(supply[e - 1]);
    }
  });

  it('the rates of epochs 1-3 to the 15 significant digits the document computes (0.0009132420091324200000%, 0.00091322932698411300%, 0.00091321664501192300%)', () => {
    // The document prints f64 values (17 digits, trailing zeros); a fraction 9.13…e-6 at scale 10^40 is
    // 9.13…e34, so the printed digits are units of 10^18 and agree to within 100 of them (15 digits).
    const printed = [91_324_200_913_242_000n, 91_322_932_698_411_300n, 91_321_664_501_192_300n];
    printed.forEach((p, i) => {
      const d = inflationRate(BigInt(i + 1)) / 10n ** 18n - p;
      expect(d < 0n ? -d : d, `epoch ${i + 1}`).toBeLessThanOrEqual(100n);
    });
    expect(INITIAL_HOURLY_RATE).toBe((8n * RATE_SCALE) / 876_000n); // 8% / 8,760 hours
  });

  it('175,319 epochs emit the 300M to the 800M cap (within one IO), the last in June 2044 (the seed: "to 2044")', () => {
    const all = emissionsBetween(1n, EMISSION_EPOCHS);
    expect(all).toBeLessThanOrEqual(MAX_SUPPLY - LAUNCH_SUPPLY);
    expect(all).toBeGreaterThan(MAX_SUPPLY - LAUNCH_SUPPLY - IO);
    expect(epochEmission(EMISSION_EPOCHS + 1n)).toBe(0n);
    expect(new Date(Date.UTC(2024, 5, 11) + Number(EMISSION_EPOCHS) * 3_600_000).toISOString().slice(0, 10)).toBe('2044-06-10');
  });

  it('8% of 500M a year at the start; the year-on-year decline is 1 − (1 − d)^8760 = 11.45% (the document: "~12.165%", the continuous rate)', () => {
    const y1 = emissionsBetween(1n, 8_760n);
    const y2 = emissionsBetween(8_761n, 17_520n);
    expect(Number(y1) / Number(LAUNCH_SUPPLY)).toBeCloseTo(0.0755, 3); // below 8%: the rate falls during the year
    expect(1 - Number(y2) / Number(y1)).toBeCloseTo(0.1145, 4);
    expect(-Math.log(Number(y2) / Number(y1))).toBeCloseTo(0.12165, 4);
  });

  it('emissionsBetween sums epochEmission and clips to the cap', () => {
    let s = 0n;
    for (let e = 1n; e <= 48n; e++) s += epochEmission(e);
    expect(emissionsBetween(1n, 48n)).toBe(s);
    expect(emissionsBetween(1n, 48n, MAX_SUPPLY - LAUNCH_SUPPLY - 10n)).toBe(10n);
    expect(() => emissionsBetween(0n, 5n)).toThrow(FlywheelError);
  });
});

describe('monthly proposal (io.net/docs/guides/coin/ionet-monthly-token-emission-schedule)', () => {
  it("July and August 2024 as in the proposal's table; September to November within 4 IO (the table compounds its rounded rows)", () => {
    expect(monthlyEmission(0n) / IO).toBe(3_333_333n);
    expect(monthlyEmission(1n) / IO).toBe(3_299_497n);
    const table = [3_266_003, 3_232_850, 3_200_033];
    table.forEach((v, i) => expect(Math.abs(Number(monthlyEmission(BigInt(i + 2)) / IO) - v)).toBeLessThanOrEqual(4));
  });

  it("240 months emit 300M (the proposal's target), within 0.01%; nothing after month 239", () => {
    let s = 0n;
    for (let m = 0n; m < 240n; m++) s += monthlyEmission(m);
    expect(Math.abs(Number(s) / 1e8 / 300e6 - 1)).toBeLessThan(1e-4);
    expect(monthlyEmission(240n)).toBe(0n);
  });

  it('the reference\'s reading of "1.02% a month" (factor 0.9898): 3,333,333.33 in month 0, 298,893,387 over 240 months, 37,830,573 in year 1 (shared/reference §4 validation fact 2)', () => {
    const e = (m: bigint) => monthlyEmission(m, 9_898n, 10_000n);
    let all = 0n;
    let y1 = 0n;
    for (let m = 0n; m < 240n; m++) {
      all += e(m);
      if (m < 12n) y1 += e(m);
    }
    expect(cents(e(0n))).toBe(3_333_333.33);
    expect(Math.abs(Number(all) / 1e8 - 298_893_387)).toBeLessThan(1);
    expect(Math.abs(Number(y1) / 1e8 - 37_830_573)).toBeLessThan(1);
  });
});

describe('unlocks, staking, fees, burn', () => {
  it('investors: nothing before the end of month 13, 1/24 a month to the end of month 36; employees: 1/36 a month to the end of month 48', () => {
    const a = 181_600_000n * IO;
    expect(investorUnlocked(a, 12n)).toBe(0n);
    expect(investorUnlocked(a, 13n)).toBe(a / 24n);
    expect(investorUnlocked(a, 35n)).toBe((a * 23n) / 24n);
    expect(investorUnlocked(a, 36n)).toBe(a);
    expect(teamUnlocked(a, 13n)).toBe(a / 36n);
    expect(teamUnlocked(a, 47n)).toBe((a * 35n) / 36n);
    expect(teamUnlocked(a, 48n)).toBe(a);
  });

  it('minimum stake: 8 × H100 at multiplier 10 is 16,000 IO (docs.io.net/docs/io-staking); a multiplier below 1 counts as 1', () => {
    expect(minimumStake(8n, 10n)).toBe(16_000n * IO);
    expect(minimumStake(3n, 1n, 2n)).toBe(600n * IO);
    expect(minimumStake(4n, 15n, 10n)).toBe(1_200n * IO);
  });

  it('fees of a $1,000 reservation: renter 0.25% + 2% in USDC, supplier 0.25% + 2% in USDC; none of the 2% in IO', () => {
    const usd = 1_000_000_000n; // USDC micro-units
    const f = reservationFees(usd, 'USDC', 'USDC');
    expect(f.renterPays).toBe(1_022_500_000n);
    expect(f.supplierReceives).toBe(977_500_000n);
    expect(f.protocol).toBe(45_000_000n);
    const io = reservationFees(usd, 'IO', 'IO');
    expect(io.protocol).toBe(5_000_000n);
    expect(io.renterPays - usd).toBe(2_500_000n);
  });

  it('buyback-and-burn buys revenue / price: the burn halves when the price doubles', () => {
    expect(buybackBurn(1_875_000n, 1_875_000n)).toBe(IO);
    expect(buybackBurn(1_000_000_000n, 2_000_000n)).toBe(500n * IO);
    expect(buybackBurn(1_000_000_000n, 4_000_000n)).toBe(250n * IO);
    expect(() => buybackBurn(1n, 0n)).toThrow(FlywheelError);
  });

  it('the rate scale keeps 40 digits', () => {
    expect(RATE_SCALE).toBe(10n ** 40n);
  });
});
