// Arweave's exact rules (src/arweave/rules.ts) against the protocol's own eunit tests and
// protocol-derived values. Every vector cites ArweaveTeam/arweave @ 50e47de6d054afefdee112fa124695eb8d0176fc.
import { ErrorCodes, FlywheelError } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import {
  FORKS,
  GIB,
  MAINNET_TRANSITION,
  RESET_KRYDER_PLUS_LATCH_THRESHOLD,
  TOTAL_SUPPLY,
  TX_SIZE_BASE,
  WINSTON_PER_AR,
  blocksPerYear,
  calculateBase,
  calculateBaseLiteral,
  distributeTransactionFees,
  distributeTransactionFees2,
  getMinerFeeShare,
  getMinerRewardEndowmentPoolDebtSupply,
  getTransitionPrice,
  getTxFee,
  inflationReward,
  isV2PricingHeight,
  naturalExponent,
  nReplications,
  redenominate,
  type TransitionConfig,
} from '../src/arweave/rules.js';

const AR = (x: number | bigint) => BigInt(x) * WINSTON_PER_AR;

// apps/arweave/src/ar_inflation.erl year_1_test_ … year_10_test_ @ 50e47de6: the sum of calculate2 over
// heights N·262,800 … (N+1)·262,800 (both ends included) is within 0.001% (DEFAULT_TOLERANCE_PERCENT) of
// 5.5M AR / 2^N. The eunit sums the floats; the truncation per block here changes a sum by < 1 winston a block.
describe('ar_inflation.erl year tests (@ 50e47de6), mainnet regimes', () => {
  const expected = [5_500_000, 2_750_000, 1_375_000, 687_500, 343_750, 171_875, 85_937.5, 42_968.75, 21_484.375, 10_742.1875];
  it('years 1 … 10 emit 5.5M, 2.75M, … 10,742.1875 AR within 0.001%', () => {
    const bpy = blocksPerYear();
    for (let year = 0; year < 10; year++) {
      let sum = 0n;
      for (let h = BigInt(year) * bpy; h <= BigInt(year + 1) * bpy; h++) sum += inflationReward(h);
      const ar = Number(sum) / 1e12;
      const tol = (expected[year]! * 0.001) / 100;
      expect(Math.abs(ar - expected[year]!), `year ${year + 1}: ${ar}`).toBeLessThanOrEqual(tol);
    }
  }, 120_000);
});

describe('ar_inflation: regimes and the exact fraction', () => {
  it('blocks_per_year is 31,536,000 div 120 = 262,800', () => {
    expect(blocksPerYear()).toBe(262_800n);
  });
  it('calculate_base(0) = 11M · ln2 / 262,800 AR = 29.0130 AR (projects.md §2 validation fact 1), floored', () => {
    // 55e6 · 1e12 · 2 · 6931471805599453 div (10 · 262800 · 1e16)
    expect(calculateBase(0n)).toBe((55_000_000n * WINSTON_PER_AR * 2n * 6_931_471_805_599_453n) / (10n * 262_800n * 10n ** 16n));
    expect(Number(calculateBase(0n)) / 1e12).toBeCloseTo(29.013, 3);
  });
  it('the Horner form gives the same integer as the literal port of natural_exponent', () => {
    for (const h of [1n, 95_001n, 262_800n, 812_970n, 1_132_210n, 1_517_565n, 2_069_870n, 3_000_001n, 10_000_000n]) expect(calculateBase(h), `h=${h}`).toBe(calculateBaseLiteral(h));
  });
  it('natural_exponent sums the Taylor series to x^P / P! (ar_fraction.erl)', () => {
    expect(naturalExponent([0n, 7n], 5n)).toEqual([1n, 1n]);
    expect(naturalExponent([1n, 1n], 2n)).toEqual([5n, 2n]);
    const [d, v] = naturalExponent([1n, 1n], 24n);
    expect(Number(d) / Number(v)).toBeCloseTo(Math.E, 15);
  });
  it('halves every 262,800 blocks from fork 2.5 on, within the Taylor error', () => {
    const h = 1_000_000n;
    expect(Number(inflationReward(h)) / Number(inflationReward(h + 262_800n))).toBeCloseTo(2, 9);
  });
  it('the regimes: 1 winston for the first 65,700 blocks; the year-1 top-up after fork 1.5; float formula to fork 2.5', () => {
    expect(inflationReward(0n)).toBe(1n);
    expect(inflationReward(65_700n)).toBe(1n);
    expect(inflationReward(65_701n)).toBeGreaterThan(10n ** 12n);
    expect(inflationReward(95_001n)).toBe(calculateBase(95_001n) + 13_275_279_633_337n);
    expect(inflationReward(262_801n)).toBe(BigInt(Math.trunc((1e12 * (0.2 * 55e6 * Math.pow(2, -262_801 / 262_800) * Math.log(2))) / 262_800)));
    expect(inflationReward(FORKS['2.5'])).toBe(calculateBase(FORKS['2.5']));
    // the float and the fraction formulas agree at fork 2.5 to a few winston
    const f = (1e12 * (0.2 * 55e6 * Math.pow(2, -812_970 / 262_800) * Math.log(2))) / 262_800;
    expect(Math.abs(f - Number(calculateBase(FORKS['2.5'])))).toBeLessThan(10);
  });
  it('what is left to emit after a height is 11M · 2^(−h/262,800) in the continuous form, to 1e-5', () => {
    // Σ over 1,000 blocks against the integral of R(h) dh
    let sum = 0n;
    for (let h = 1_517_565n; h < 1_518_565n; h++) sum += inflationReward(h);
    const integral = 11e6 * (2 ** (-1_517_565 / 262_800) - 2 ** (-1_518_565 / 262_800));
    expect(Math.abs(Number(sum) / 1e12 / integral - 1)).toBeLessThan(1e-5);
  });
  it('refuses a number height (RULE_INVALID_ARGUMENT with path and hint)', () => {
    try {
      inflationReward(5 as unknown as bigint);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FlywheelError);
      expect((e as FlywheelError).code).toBe(ErrorCodes.RULE_INVALID_ARGUMENT);
      expect((e as FlywheelError).path).toBe('height');
    }
    expect(() => inflationReward(-1n)).toThrow(FlywheelError);
  });
});

describe('ar_pricing fees (@ 50e47de6)', () => {
  it('N_REPLICATIONS: 10, 45 from fork 2.5, 20 from fork 2.6 (ar_pricing.hrl)', () => {
    expect(nReplications(812_969n)).toBe(10n);
    expect(nReplications(812_970n)).toBe(45n);
    expect(nReplications(1_132_209n)).toBe(45n);
    expect(nReplications(1_132_210n)).toBe(20n);
  });
  it('get_tx_fee/1: 1 GiB + TX_SIZE_BASE at 340 winston/GiB-minute is 0.74868 AR (the seed: 0.74868 AR on 2024-10-10)', () => {
    // FirstYear = (2^30 + 3210) · 340 · 525,600; × 10^18 · 20 / (5012541823544286 · 2^30); × 21/20
    const size = GIB + TX_SIZE_BASE;
    const firstYear = size * 340n * 525_600n;
    const expected = (firstYear * 10n ** 18n * 20n * 21n) / (5_012_541_823_544_286n * GIB * 20n);
    expect(getTxFee(size, 340n, 1n, 1_517_565n)).toBe(expected);
    expect(Math.abs(Number(getTxFee(size, 340n, 1n, 1_517_565n)) / 1e12 - 0.74868)).toBeLessThan(1e-5);
  });
  it('get_tx_fee/1: the fee is 20 replicas × 1/(−ln 0.995) = 199.50 years of the first-year price, plus 1/20', () => {
    const fee = Number(getTxFee(GIB, 1_000n, 1n, 2_000_000n));
    const firstYear = 1_000 * 525_600 * 20;
    expect(fee / firstYear).toBeCloseTo(199.4996 * 1.05, 2);
    expect((fee * 20) / 21 / firstYear).toBeCloseTo(199.4996, 3);
  });
  it('the Kryder+ multiplier scales the fee (ar_pricing_tests: the fee doubles with the multiplier, Fee · 2 or Fee · 2 + 1)', () => {
    const f1 = getTxFee(1024n + TX_SIZE_BASE, 8162n, 1n, 2_000_000n);
    const f2 = getTxFee(1024n + TX_SIZE_BASE, 8162n, 2n, 2_000_000n);
    expect([f1 * 2n, f1 * 2n + 1n]).toContain(f2);
  });
  it('MINER_FEE_SHARE 1/21 (v2) and MINING_REWARD_MULTIPLIER 2/10 → 2/12 = 1/6 (legacy), floor per transaction', () => {
    expect(distributeTransactionFees2([21n, 20n, 1_000_000n])).toEqual([21n - 1n + 20n + 1_000_000n - 47_619n, 1n + 0n + 47_619n]);
    expect(distributeTransactionFees([1_200_000n], 1_500_000n)).toEqual([1_000_000n, 200_000n]);
    expect(distributeTransactionFees([11n], 1_500_000n)).toEqual([10n, 1n]);
    expect(getMinerFeeShare(1_000_000n, 1_500_000n)).toBe(200_000n);
    // the legacy fee X + 0.2X gives the miner 0.2X of 1.2X: the seed's 16.67%
    const [pool, miner] = distributeTransactionFees([1_000_000n + getMinerFeeShare(1_000_000n, 1_500_000n)], 1_500_000n);
    expect(pool).toBe(1_000_000n);
    expect(Number(miner) / 1_200_000).toBeCloseTo(1 / 6, 12);
  });
  it('redenominate multiplies by 1000 per step; 0 means the amount as is', () => {
    expect(redenominate(5n, 1n, 1n)).toBe(5n);
    expect(redenominate(5n, 1n, 3n)).toBe(5_000_000n);
    expect(redenominate(5n, 0n, 3n)).toBe(5n);
  });
  it('TOTAL_SUPPLY is 66,000,015.859279336957 AR', () => {
    expect(TOTAL_SUPPLY / WINSTON_PER_AR).toBe(66_000_015n);
    expect(TOTAL_SUPPLY % WINSTON_PER_AR).toBe(859_279_336_957n);
  });
});

// apps/arweave/test/ar_pricing_tests.erl test_price_per_gib_minute_transition_phases @ 50e47de6, with the
// test's mocks (height_2_7_2 = 10, transition starts 5 and 15, lengths 20 and 40) and the AR_TEST
// constants of ar_pricing_transition.erl (pre-transition 8162, 2.7.2 bounds 0 … 30000).
describe('ar_pricing_tests transition phases (@ 50e47de6)', () => {
  const mocked: TransitionConfig = { fork272: 10n, start268: 5n, start272: 15n, length268: 20n, length272: 40n, preTransitionPrice: 8162n, upperBound272: 30_000n, lowerBound272: 0n };
  const v2 = 61_440n;
  const cases: [bigint, bigint, string][] = [
    [4n, 8162n, 'Static price'],
    [5n, 8162n, '2.6.8 start price'],
    [6n, 10_825n, '2.6.8 transition, pre-2.7.2 activation price'],
    [10n, 21_481n, '2.6.8 transition, at 2.7.2 activation price'],
    [11n, 24_145n, '2.6.8 transition, post 2.7.2 activation, pre-cap price'],
    [14n, 30_000n, '2.6.8 transition, post 2.7.2 activation, post-cap price'],
    [15n, 30_000n, '2.7.2 start price'],
    [20n, 33_930n, '2.7.2 transition price, before 2.6.8 end'],
    [25n, 37_860n, '2.7.2 transition price, at 2.6.8 end'],
    [26n, 38_646n, '2.7.2 transition price, after 2.6.8 end'],
    [55n, v2, '2.7.2 end price'],
    [56n, v2, 'After 2.7.2 transition end'],
  ];
  for (const [h, want, label] of cases) it(`${label}: height ${h} → ${want}`, () => expect(getTransitionPrice(h, v2, mocked)).toBe(want));
  it('mainnet: 340 cap at the seed date, v2 pricing from height 2,069,870', () => {
    expect(getTransitionPrice(1_517_565n, 5_000n)).toBe(340n);
    // 2.6.8 interpolation from 400 at 1,369,065 over 388,800 blocks, inside [170, 340]
    expect(getTransitionPrice(1_517_565n, 100n)).toBe((400n * (1_757_865n - 1_517_565n) + 100n * (1_517_565n - 1_369_065n)) / 388_800n);
    expect(getTransitionPrice(1_200_000n, 5_000n)).toBe(400n);
    expect(MAINNET_TRANSITION.start272 + MAINNET_TRANSITION.length272).toBe(2_069_870n);
    expect(isV2PricingHeight(2_069_869n)).toBe(false);
    expect(isV2PricingHeight(2_069_870n)).toBe(true);
    expect(getTransitionPrice(2_069_870n, 5_000n)).toBe(5_000n);
  });
});

// apps/arweave/test/ar_pricing_tests.erl test_auto_redenomination_and_endowment_debt @ 50e47de6 (AR_TEST
// build: inflation 10 winston a block, N_REPLICATIONS 200, latch threshold 10^11): the sequence of
// latch and multiplier states it asserts for blocks 4 … 8, replayed through the function it calls.
describe('get_miner_reward_endowment_pool_debt_supply (@ 50e47de6)', () => {
  const testInflation = () => 10n;
  // a mainnet height (N_REPLICATIONS 20) stands for the test's block heights; inflation is mocked to 10
  const base = { debtSupply: 0n, weaveSize: 262_144n * 3n, height: 2_100_000n, gibMinutePrice: 8162n, denomination: 1n, blockInterval: 120n };
  it("block 4: the 3-chunk weave's expected reward (239 winston) exceeds inflation (10) and the pool (10): debt, latch 1, multiplier 2", () => {
    const r = getMinerRewardEndowmentPoolDebtSupply({ ...base, endowmentPool: 10n, txFees: [], kryderPlusRateMultiplierLatch: 0n, kryderPlusRateMultiplier: 1n }, testInflation, 100_000_000_000n);
    const expected = (20n * 262_144n * 3n * 8162n * 120n) / (60n * GIB);
    expect(expected).toBe(239n);
    // as the eunit asserts for B4: reward = ExpectedReward, debt = ExpectedReward − 10 − (the pool's 10), latch 1, multiplier 2
    expect(r).toEqual({ minerReward: 239n, endowmentPool: 0n, debtSupply: 239n - 10n - 10n, kryderPlusRateMultiplierLatch: 1n, kryderPlusRateMultiplier: 2n, give: 0n, take: 229n });
  });
  it('an expected reward above what the pool holds: debt = take − pool, latch 1, multiplier 2; while debt lasts both stay', () => {
    const big = { ...base, weaveSize: 100n * GIB, gibMinutePrice: 1_000_000n };
    const expected = (20n * 100n * GIB * 1_000_000n * 120n) / (60n * GIB);
    const b4 = getMinerRewardEndowmentPoolDebtSupply({ ...big, endowmentPool: 0n, txFees: [], kryderPlusRateMultiplierLatch: 0n, kryderPlusRateMultiplier: 1n }, testInflation, 100_000_000_000n);
    expect(b4).toEqual({ minerReward: expected, endowmentPool: 0n, debtSupply: expected - 10n, kryderPlusRateMultiplierLatch: 1n, kryderPlusRateMultiplier: 2n, give: 0n, take: expected - 10n });
    const b5 = getMinerRewardEndowmentPoolDebtSupply(
      { ...big, endowmentPool: b4.endowmentPool, debtSupply: b4.debtSupply, txFees: [], kryderPlusRateMultiplierLatch: 1n, kryderPlusRateMultiplier: 2n },
      testInflation,
      100_000_000_000n,
    );
    expect([b5.kryderPlusRateMultiplierLatch, b5.kryderPlusRateMultiplier]).toEqual([1n, 2n]);
    expect(b5.debtSupply).toBe(2n * (expected - 10n));
  });
  it('blocks 6 … 8: a fee whose 1/21 covers the expected reward leaves the latch closed even with the pool above the threshold; the next draw opens it', () => {
    const threshold = 100_000_000_000n; // AR_TEST RESET_KRYDER_PLUS_LATCH_THRESHOLD
    const small = { ...base, weaveSize: GIB, gibMinutePrice: 100_000n };
    const expected = (20n * GIB * 100_000n * 120n) / (60n * GIB); // 4,000,000 winston
    // B7: a fee of 2 × threshold/2; its 1/21 (9.5e9) exceeds the expected reward: no take, latch unchanged
    const b7 = getMinerRewardEndowmentPoolDebtSupply({ ...small, endowmentPool: 0n, txFees: [threshold], kryderPlusRateMultiplierLatch: 1n, kryderPlusRateMultiplier: 2n }, testInflation, threshold);
    expect(b7.take).toBe(0n);
    expect(b7.endowmentPool).toBeGreaterThan(threshold - threshold / 21n - 1n);
    expect(b7.kryderPlusRateMultiplierLatch).toBe(1n);
    // B8: no fees, a draw from a pool that stays above the threshold: the latch opens, the multiplier stays 2
    const b8 = getMinerRewardEndowmentPoolDebtSupply(
      { ...small, endowmentPool: threshold + expected, txFees: [], kryderPlusRateMultiplierLatch: 1n, kryderPlusRateMultiplier: 2n },
      testInflation,
      threshold,
    );
    expect(b8.take).toBe(expected - 10n);
    expect(b8.endowmentPool).toBe(threshold + 10n);
    expect([b8.kryderPlusRateMultiplierLatch, b8.kryderPlusRateMultiplier]).toEqual([0n, 2n]);
    // the same draw leaving the pool at the threshold keeps it closed (strictly above, EndowmentPool3 > Threshold)
    const b8b = getMinerRewardEndowmentPoolDebtSupply(
      { ...small, endowmentPool: threshold + expected - 10n, txFees: [], kryderPlusRateMultiplierLatch: 1n, kryderPlusRateMultiplier: 2n },
      testInflation,
      threshold,
    );
    expect(b8b.kryderPlusRateMultiplierLatch).toBe(1n);
  });
  it('mainnet threshold 10^16 winston = 10,000 AR; inflation defaults to the mainnet schedule', () => {
    expect(RESET_KRYDER_PLUS_LATCH_THRESHOLD).toBe(AR(10_000));
    const r = getMinerRewardEndowmentPoolDebtSupply({
      endowmentPool: AR(300_000),
      debtSupply: 0n,
      txFees: [],
      weaveSize: 250n * 1024n * GIB,
      height: 2_100_000n,
      gibMinutePrice: 340n,
      kryderPlusRateMultiplierLatch: 0n,
      kryderPlusRateMultiplier: 1n,
      denomination: 1n,
      blockInterval: 129n,
    });
    expect(r.take).toBe(0n); // 20 × 250 TiB × 340 × 129 / 60 = 0.0037 AR < 0.11 AR of inflation
    expect(r.minerReward).toBe(inflationReward(2_100_000n));
  });
});
