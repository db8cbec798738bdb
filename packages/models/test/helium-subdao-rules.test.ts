import { ErrorCodes, FlywheelError } from '@flywheel/spec';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  DELEGATOR_PERCENT_MAX,
  PRECISE_ONE,
  VEHNT_CONFIG,
  calculateUtilityScoreV0,
  dntEmissionsSplit,
  emissionsForEpoch,
  preciseExp,
  preciseLog,
  precisePow,
  subDaoTreasuryRewards,
  supplementAmount,
  supplementPerSubDao,
  treasuryRedeem,
  utilityScoreHip138,
  vehntMultiplier,
  vehntVotingPower,
} from '../src/helium/rules.js';

Decimal.set({ precision: 80 });

// Protocol sources: helium/helium-program-library at c0bb5245d394fa6a21159aed6b8ea19da852ad43 (the
// seed era, 2024-09-30) unless stated; 145947eedf2b1dc33d8289065d63538973278aee for tests that were
// added or changed later.

const O = PRECISE_ONE;
/** PreciseNumber::new(a).checked_div(PreciseNumber::new(b)) as the Rust tests build their expected values (exact here). */
const ratio = (a: bigint, b: bigint): bigint => (a * O * O + O / 2n) / (b * O);
/** almost_eq(expected, precision): |a − b| < precision (inner values). */
const almostEq = (a: bigint, b: bigint, precision: bigint) => expect(a > b ? a - b : b - a, `${a} vs ${b}`).toBeLessThan(precision);

function expectBad(fn: () => unknown, path: string): FlywheelError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a FlywheelError at ${path}`).toBeInstanceOf(FlywheelError);
  const err = caught as FlywheelError;
  expect(err.code).toBe(ErrorCodes.RULE_INVALID_ARGUMENT);
  expect(err.path).toBe(path);
  expect(err.hint.length).toBeGreaterThan(0);
  return err;
}

describe('PreciseNumber log / exp / pow (utils/shared-utils)', () => {
  // precise_number.rs #[cfg(test)] test_pow: "correct to at least 12 decimal places" (5·10^12 of 10^18)
  it('test_pow: √8 and 0.55²', () => {
    const precision = 5_000_000_000_000n;
    almostEq(precisePow(8n * O, O / 2n), ratio(28284271247461903n, 10000000000000000n), precision);
    almostEq(precisePow(ratio(55n, 100n), 2n * O), ratio(3025n, 10000n), precision);
  });

  // precise_number.rs test_log: "correct to at least 9 decimal places" (5·10^9)
  it('test_log: ln 9, ln 2, ln 1.2, ln 1.5, |ln 4·10⁻⁶|', () => {
    const precision = 5_000_000_000n;
    almostEq(preciseLog(9n * O), ratio(21972245773362196n, 10000000000000000n), precision);
    almostEq(preciseLog(2n * O), ratio(6931471805599453n, 10000000000000000n), precision);
    almostEq(preciseLog(ratio(12n, 10n)), ratio(1823215567939546n, 10000000000000000n), precision);
    almostEq(preciseLog(ratio(15n, 10n)), ratio(4054651081081644n, 10000000000000000n), precision);
    const l = preciseLog(ratio(4n, 1000000n));
    expect(l < 0n).toBe(true);
    almostEq(-l, ratio(12429216196844383n, 1000000000000000n), precision);
  });

  // signed_precise_number.rs test_exp: "correct to at least 9 decimal places" (10^9)
  it('test_exp: e^0.5, e^1.5, e^0.1, e^−0.55, e^19', () => {
    const precision = 1_000_000_000n;
    almostEq(preciseExp(O / 2n), ratio(16487212707001282n, 10000000000000000n), precision);
    almostEq(preciseExp(ratio(15n, 10n)), ratio(44816890703380645n, 10000000000000000n), precision);
    almostEq(preciseExp(ratio(1n, 10n)), ratio(11051709180756477n, 10000000000000000n), precision);
    almostEq(preciseExp(-ratio(55n, 100n)), ratio(5769498103804866n, 10000000000000000n), precision);
    almostEq(preciseExp(19n * O), ratio(178482300963187260n, 1000000000n), precision);
  });

  it('agrees with decimal.js ln / exp to 10⁻¹⁵ relative over a sweep', () => {
    for (const x of ['0.000123', '0.5', '0.7071', '1.0000001', '3.3', '97.80594', '5527.99701', '142508.085', '1940.1', '598502751', '1e12']) {
      const v = BigInt(new Decimal(x).mul(1e18).toFixed(0));
      const want = new Decimal(x).ln();
      const got = new Decimal(preciseLog(v).toString()).div(1e18);
      expect(got.minus(want).abs().toNumber(), `ln ${x}`).toBeLessThan(1e-15 * Math.max(1, want.abs().toNumber()));
    }
    for (const x of ['-3', '-0.3', '0.2', '1', '2.52', '4.5', '10']) {
      const v = BigInt(new Decimal(x).mul(1e18).toFixed(0));
      const want = new Decimal(x).exp();
      const got = new Decimal(preciseExp(v).toString()).div(1e18);
      expect(got.minus(want).abs().div(want).toNumber(), `exp ${x}`).toBeLessThan(1e-15);
    }
  });

  it('log(0) is None: RULE_INVALID_ARGUMENT at x; bad types are refused', () => {
    expectBad(() => preciseLog(0n), 'x');
    expectBad(() => preciseLog(-1n), 'x');
    expectBad(() => preciseLog(1 as unknown as bigint), 'x');
    expectBad(() => preciseExp('1' as unknown as bigint), 'x');
    expectBad(() => precisePow(O, -1n), 'y');
    expect(precisePow(0n, O)).toBe(0n);
    expect(preciseLog(O)).toBe(0n);
  });
});

describe('calculateUtilityScoreV0 (HIP-51 V × D × A, live at the seed date)', () => {
  // The seed table's inputs (seed lines 199–204): veHNT delegated, DC burned in 24 h, onboarding fees.
  const IOT = { vehntAtEpochStart: 598_502_751n * 10n ** 8n, dcBurned: 9_780_594n, dcOnboardingFeesPaid: 1_425_080_850_000n };
  const MOBILE = { vehntAtEpochStart: 624_148_052n * 10n ** 8n, dcBurned: 552_799_701n, dcOnboardingFeesPaid: 19_401_000_000n };
  const score = (x: bigint) => new Decimal(x.toString()).div(1e12);

  it("reproduces the seed table's utility scores from its own inputs (IOT 363,670,976,926; MOBILE 973,929,562,628)", () => {
    // The seed's inputs are rounded (whole veHNT, cents), so the scores match to ~10⁻⁹.
    expect(score(calculateUtilityScoreV0(IOT)).div(363_670_976_926).minus(1).abs().toNumber()).toBeLessThan(2e-9);
    expect(score(calculateUtilityScoreV0(MOBILE)).div(973_929_562_628).minus(1).abs().toNumber()).toBeLessThan(2e-9);
  });

  it('equals V × √(DC/10⁵) × ⁴√(fees/10⁵) in exact decimal arithmetic to 10⁻¹³', () => {
    for (const x of [IOT, MOBILE, { vehntAtEpochStart: 123_456_789n, dcBurned: 7n, dcOnboardingFeesPaid: 4_000_000n }]) {
      const v = Decimal.max(1, new Decimal(x.vehntAtEpochStart.toString()).div(1e8));
      const d = Decimal.max(1, new Decimal(x.dcBurned.toString()).div(1e5).sqrt());
      const a = Decimal.max(1, new Decimal(x.dcOnboardingFeesPaid.toString()).div(1e5).pow(0.25));
      const want = v.mul(d).mul(a);
      expect(score(calculateUtilityScoreV0(x)).div(want).minus(1).abs().toNumber()).toBeLessThan(1e-13);
    }
  });

  it('D and A are exactly 1 when their input is 0 or below $1; V is at least 1 (the max(1, …) terms)', () => {
    expect(calculateUtilityScoreV0({ vehntAtEpochStart: 0n, dcBurned: 0n, dcOnboardingFeesPaid: 0n })).toBe(10n ** 12n);
    // $0.50 of DC: √0.5 < 1 → D = 1; 0.5 veHNT → V = 1
    expect(calculateUtilityScoreV0({ vehntAtEpochStart: 50_000_000n, dcBurned: 50_000n, dcOnboardingFeesPaid: 10_000n })).toBe(10n ** 12n);
    // 100 veHNT, $0 → 100 × 10^12 exactly
    expect(calculateUtilityScoreV0({ vehntAtEpochStart: 100n * 10n ** 8n, dcBurned: 0n, dcOnboardingFeesPaid: 0n })).toBe(100n * 10n ** 12n);
  });

  it('the HNT split: IOT 27.19% / MOBILE 72.81% of the sub-DAO share, i.e. 19.03% / 50.97% of HNT with HST at 30% (seed: 20% / 50%)', () => {
    const u = calculateUtilityScoreV0(IOT);
    const m = calculateUtilityScoreV0(MOBILE);
    const epochRewards = emissionsForEpoch('hnt', 20_000n); // 2024-10-04: 41,095.89041096 HNT
    const toIot = subDaoTreasuryRewards(u, u + m, epochRewards, 30n);
    const toMobile = subDaoTreasuryRewards(m, u + m, epochRewards, 30n);
    const shareIot = new Decimal(toIot.toString()).div(epochRewards.toString()).toNumber();
    const shareMobile = new Decimal(toMobile.toString()).div(epochRewards.toString()).toNumber();
    expect(Math.abs(shareIot - 0.1903)).toBeLessThan(5e-5);
    expect(Math.abs(shareMobile - 0.5097)).toBeLessThan(5e-5);
    expect(Math.abs(shareIot - 0.2)).toBeLessThan(0.01); // the seed's rounded 20%
    expect(Math.abs(shareMobile - 0.5)).toBeLessThan(0.01); // and 50%
    // never overspends: the two floors sum to at most 70%, and lose less than 2 bones
    const seventy = (70n * epochRewards) / 100n;
    expect(toIot + toMobile <= seventy && seventy - (toIot + toMobile) < 2n).toBe(true);
  });

  it('rejects bad inputs at their field', () => {
    expectBad(() => calculateUtilityScoreV0({ ...IOT, dcBurned: -1n }), 'inputs.dcBurned');
    expectBad(() => calculateUtilityScoreV0({ ...IOT, vehntAtEpochStart: 1 as unknown as bigint }), 'inputs.vehntAtEpochStart');
    expectBad(() => calculateUtilityScoreV0({ ...IOT, dcOnboardingFeesPaid: 1n << 64n }), 'inputs.dcOnboardingFeesPaid');
    expectBad(() => calculateUtilityScoreV0(null as never), 'inputs');
  });
});

describe('subDaoTreasuryRewards / dntEmissionsSplit (issue_rewards_v0)', () => {
  it('⌊share × (100 − HST%) × total / 100⌋ with the PreciseNumber share', () => {
    const U = 10n ** 24n; // a score of 10^12 with its 12 decimals
    expect(subDaoTreasuryRewards(U, 4n * U, 4_109_589_041_096n, 30n)).toBe(719_178_082_191n); // ⌊¼ × 2,876,712,328,767.2⌋
    expect(subDaoTreasuryRewards(U, U, 4_109_589_041_096n, 0n)).toBe(4_109_589_041_096n);
    // The program's quirk, ported: the share is (u · 10^18 + 10^18 / 2) / total on the RAW scores, so
    // tiny raw scores are off: 1 / 4 gives a share of 0.375, not 0.25 (real scores are ≥ 10^12 raw).
    expect(subDaoTreasuryRewards(1n, 4n, 4_109_589_041_096n, 30n)).toBe((2_876_712_328_767n * 3n) / 8n);
    expect(subDaoTreasuryRewards(0n, 5n * U, 4_109_589_041_096n, 30n)).toBe(0n);
    // against exact floor(u × E / U): within one bone (the share is rounded to 10⁻¹⁸ first)
    let seed = 7n;
    const next = (m: bigint) => (seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n)) % m;
    for (let i = 0; i < 300; i++) {
      const u = 10n ** 18n + next(10n ** 24n);
      const total = u + next(10n ** 24n);
      const rewards = next(10n ** 13n);
      const e = (70n * rewards) / 100n;
      const got = subDaoTreasuryRewards(u, total, rewards, 30n);
      const exact = (u * e) / total;
      expect(got - exact >= -1n && got - exact <= 1n).toBe(true);
    }
  });

  it('errors: zero total (ArithmeticError), percent above 100, a u64 overflow', () => {
    expectBad(() => subDaoTreasuryRewards(1n, 0n, 1n, 30n), 'totalUtilityScore');
    expectBad(() => subDaoTreasuryRewards(1n, 1n, 1n, 101n), 'hstPercent');
    expectBad(() => subDaoTreasuryRewards(1n, 1n, (1n << 64n) - 1n, 0n), 'totalRewards');
  });

  it('DNT: 94% to the rewards escrow, the 6% remainder to delegators only if veHNT is delegated', () => {
    const iot = emissionsForEpoch('iot', 20_000n); // 89,041,095.890411 IOT
    const split = dntEmissionsSplit(iot, 600_000_000n, true); // 6% with 8 decimals
    expect(split.rewardsEscrow).toBe((iot * 94n) / 100n);
    expect(split.rewardsEscrow + split.delegatorPool).toBe(iot);
    expect(dntEmissionsSplit(iot, 600_000_000n, false).delegatorPool).toBe(0n);
    expect(DELEGATOR_PERCENT_MAX).toBe(100n * 10n ** 8n);
    expectBad(() => dntEmissionsSplit(iot, DELEGATOR_PERCENT_MAX + 1n, true), 'delegatorRewardsPercent');
    expectBad(() => dntEmissionsSplit(iot, 1n, 1 as never), 'delegatorsPresent');
  });
});

describe('treasuryRedeem (treasury-management redeem_v0)', () => {
  // tests/treasury-management.ts "allows redemption" at 145947ee: R = S = 100.00 (2 decimals), k = 2,
  // redeem 50.00: |100^-2 (50^3 − 100^3) × 100| = 8750, and "On-chain u128 fixed-point truncation loses
  // 1 unit vs JS floating-point": the program pays 8749.
  it('the anchor test: k = 2, R = S = 100.00, 50.00 redeemed → 8749 (JS 8750 − 1)', () => {
    expect(treasuryRedeem({ amount: 5000n, treasury: 10000n, supply: 10000n, supplyDecimals: 2, treasuryDecimals: 2, k: 2n * 10n ** 12n })).toBe(8749n);
  });

  // projects.md §10 validation fact 3 (HIP-52): H = 2,000,000 HNT, S = 3,275,000,000 IOT → P = 0.00061068702 HNT/IOT
  it('validation fact 3: the linear curve pays H / S = 0.00061068702 HNT per IOT', () => {
    const args = { treasury: 2_000_000n * 10n ** 8n, supply: 3_275_000_000n * 10n ** 6n, supplyDecimals: 6, treasuryDecimals: 8 };
    const bones = treasuryRedeem({ ...args, amount: 1_000n * 10n ** 6n }); // 1,000 IOT
    expect(Math.abs(Number(bones) - 61_068_702)).toBeLessThanOrEqual(1); // 0.61068702 HNT
    // a sweep of amounts: within one bone of ⌊H × dS / S⌋
    for (const iot of [1n, 7n, 1234n, 10n ** 6n, 10n ** 9n, 3_275_000_000n - 1n]) {
      const got = treasuryRedeem({ ...args, amount: iot * 10n ** 6n });
      const exact = (args.treasury * iot * 10n ** 6n) / args.supply;
      expect(got - exact >= -1n && got - exact <= 1n, `${iot} IOT: ${got} vs ${exact}`).toBe(true);
    }
    // redeeming the whole supply takes the whole treasury (the dS = S edge case)
    expect(treasuryRedeem({ ...args, amount: args.supply })).toBe(args.treasury);
  });

  it('errors: empty treasury or supply, amount above supply, bad decimals', () => {
    const ok = { amount: 1n, treasury: 1n, supply: 10n, supplyDecimals: 6, treasuryDecimals: 8 };
    expectBad(() => treasuryRedeem({ ...ok, treasury: 0n }), 'inputs.treasury');
    expectBad(() => treasuryRedeem({ ...ok, supply: 0n, amount: 0n }), 'inputs.supply');
    expectBad(() => treasuryRedeem({ ...ok, amount: 11n }), 'inputs.amount');
    expectBad(() => treasuryRedeem({ ...ok, supplyDecimals: 13 }), 'inputs.supplyDecimals');
    expectBad(() => treasuryRedeem({ ...ok, treasuryDecimals: 1.5 }), 'inputs.treasuryDecimals');
  });
});

describe('vehntVotingPower (voter-stake-registry)', () => {
  // tests/voter-stake-registry.ts voteTestCases: 10,000 HNT, 200-day lockups; expected veHNT within 10⁻⁵
  // (expectBnAccuracy), with BASELINE 0, SCALE 100, GENESIS_MULTIPLIER 3, MAX_LOCKUP 4 × 365 days.
  const DAY = 86_400n;
  const MAX_LOCKUP = 4 * 365 * 86_400;
  const pos = (kind: 'cliff' | 'constant', start: bigint, genesisEnd = 0n) => ({ amount: 10_000n * 10n ** 8n, kind, startTs: start, endTs: start + 200n * DAY, genesisEnd });
  const veHnt = (x: bigint) => Number(x) / 1e8;
  const near = (got: number, want: number) => expect(Math.abs(got - want) / want).toBeLessThan(1e-5);
  it('the four vote test cases', () => {
    // genesis constant, voted after 60 days (genesis_end = start + lockup length for a genesis-time position)
    near(veHnt(vehntVotingPower(pos('constant', 0n, 200n * DAY), 60n * DAY)), 10000 * 3 * (Math.min((86400 * 200) / MAX_LOCKUP, 1) * 100));
    near(veHnt(vehntVotingPower(pos('cliff', 0n, 200n * DAY), 60n * DAY)), 10000 * 3 * (Math.min((86400 * 140) / MAX_LOCKUP, 1) * 100));
    // constant outside genesis, voted after 201 days: still the full 200 days
    near(veHnt(vehntVotingPower(pos('constant', 0n, 200n * DAY), 201n * DAY)), 10000 * (Math.min((86400 * 200) / MAX_LOCKUP, 1) * 100));
    // cliff created after genesis (genesis_end 0), voted 60 days later
    near(veHnt(vehntVotingPower(pos('cliff', 7n * DAY), 67n * DAY)), 10000 * (Math.min((86400 * 140) / MAX_LOCKUP, 1) * 100));
  });

  it('the multiplier: 100× at 48 months, 50× at 24, linear, capped; 0 when expired or unlocked', () => {
    const y = 365n * DAY;
    expect(vehntMultiplier(4n * y)).toBe(100);
    expect(vehntMultiplier(2n * y)).toBe(50);
    expect(vehntMultiplier(8n * y)).toBe(100);
    expect(vehntMultiplier(0n)).toBe(0);
    expect(vehntVotingPower({ amount: 10n ** 8n, kind: 'cliff', startTs: 0n, endTs: y }, y)).toBe(0n);
    expect(vehntVotingPower({ amount: 10n ** 8n, kind: 'none', startTs: 0n, endTs: y }, 0n)).toBe(0n);
    expect(VEHNT_CONFIG.lockupSaturationSecs).toBe(BigInt(MAX_LOCKUP));
    expectBad(() => vehntVotingPower({ amount: -1n, kind: 'cliff', startTs: 0n, endTs: 1n }, 0n), 'position.amount');
    expectBad(() => vehntVotingPower({ amount: 1n, kind: 'x' as never, startTs: 0n, endTs: 1n }, 0n), 'position.kind');
    expectBad(() => vehntVotingPower({ amount: 1n, kind: 'cliff', startTs: 0n, endTs: 1n }, 0 as never), 'nowTs');
  });
});

describe('HIP-138 utility score and the HIP-149 supplement', () => {
  it('HIP-138 (27076bf70): U = V·10¹²/90 + 89·U_prev/90, U_prev = V·10¹² on the first epoch', () => {
    const v = 598_502_751n * 10n ** 8n;
    expect(utilityScoreHip138(v, undefined)).toBe(598_502_751n * 10n ** 12n);
    // from a previous score of 0: V / 90
    const got = new Decimal(utilityScoreHip138(v, 0n).toString()).div(1e12);
    expect(got.minus(new Decimal(598_502_751).div(90)).abs().toNumber()).toBeLessThan(1e-6);
    // from the seed's V × D × A score: one step of the 90-day EMA toward V
    const prev = 363_670_976_926n * 10n ** 12n;
    const want = new Decimal(598_502_751).div(90).plus(new Decimal(363_670_976_926).mul(89).div(90));
    expect(new Decimal(utilityScoreHip138(v, prev).toString()).div(1e12).minus(want).abs().toNumber()).toBeLessThan(1e-6);
    expectBad(() => utilityScoreHip138(-1n, undefined), 'vehntAtEpochStart');
  });

  // supplement.rs tests at 145947ee (explicit windows START = 1,000,000; 360 + 720 epochs; FLAT = 98,000 HNT)
  it('supplement_amount: 0 before, flat, half at the taper midpoint, 0 at and after the end', () => {
    const E = 86_400n;
    const START = 1_000_000n;
    const FLAT_END = START + 360n * E;
    const TAPER_END = FLAT_END + 720n * E;
    const FLAT = 98_000n * 100_000_000n;
    const amt = (now: bigint) => supplementAmount(now, START, FLAT_END, TAPER_END, FLAT, FLAT);
    expect(amt(START - 1n)).toBe(0n);
    expect(amt(START)).toBe(FLAT);
    expect(amt(START + 100n * E)).toBe(FLAT);
    expect(amt(FLAT_END - 1n)).toBe(FLAT);
    expect(amt(FLAT_END)).toBe(FLAT);
    const m = amt(FLAT_END + (TAPER_END - FLAT_END) / 2n);
    expect(m - FLAT / 2n < FLAT / 1000n && FLAT / 2n - m < FLAT / 1000n).toBe(true);
    expect(amt(TAPER_END - E) < FLAT / 100n).toBe(true);
    expect(amt(FLAT_END + 10n * E) > amt(FLAT_END + 11n * E)).toBe(true);
    expect(amt(TAPER_END)).toBe(0n);
    expect(amt(TAPER_END + 1_000_000n)).toBe(0n);
  });

  // deployed_window_boundaries_match_the_published_schedule: INFLATION_START 2026-08-05T12:00Z; the
  // 2026-08-06 00:00 crank is the first to mint; crank 359 is flat, 360 lower, 1079 > 0, 1080 = 0.
  it('the deployed window: first crank 2026-08-06 00:00, 1,080 minting cranks, 141.12M HNT in all', () => {
    const AUG_05 = BigInt(Date.UTC(2026, 7, 5) / 1000);
    const AUG_06 = AUG_05 + 86_400n;
    const FLAT = 98_000n * 100_000_000n;
    expect(supplementPerSubDao(AUG_05)).toBe(0n);
    expect(supplementPerSubDao(AUG_06)).toBe(FLAT);
    const crank = (n: number) => AUG_06 + BigInt(n) * 86_400n;
    expect(supplementPerSubDao(crank(359))).toBe(FLAT);
    expect(supplementPerSubDao(crank(360)) < FLAT).toBe(true);
    expect(supplementPerSubDao(crank(1079)) > 0n).toBe(true);
    expect(supplementPerSubDao(crank(1080))).toBe(0n);
    let total = 0n;
    for (let n = 0; n < 1080; n++) total += 2n * supplementPerSubDao(crank(n));
    // 2 × (98,000 × 360 + Σ 98,000 × (719.5 − k) / 720) ≈ 141.12M HNT (HIP-149 "≈141M over 36 months")
    expect(Math.abs(Number(total) / 1e8 - 141_120_000)).toBeLessThan(100);
    expectBad(() => supplementPerSubDao(1 as never), 'nowTs');
  });
});
