import { ErrorCodes, FlywheelError } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import {
  INFLATION_CHANGE,
  L2_MIGRATION_INFLATION,
  NUM_ACTIVE_TRANSCODERS,
  PERC_DIVISOR,
  PRECISE_PERC_DIVISOR,
  ROUND_LENGTH,
  TARGET_BONDING_RATE,
  TREASURY_BALANCE_CEILING,
  TREASURY_REWARD_CUT_RATE,
  UNBONDING_PERIOD,
  WEI_PER_LPT,
  bondingRate,
  globalTotalSupply,
  mintableTokens,
  nextInflation,
  percOf,
  percPoints,
  rewardTokens,
  treasuryCutHalts,
  treasuryRewards,
} from '../src/livepeer/rules.js';

const LPT = 10n ** 18n;

/** One Minter round as `setCurrentRewardTokens` runs it: setInflation, then mintable from the new inflation. */
function round(state: { inflation: bigint; inflationChange: bigint; target: bigint }, l2Supply: bigint, l1Circ: bigint, totalBonded: bigint) {
  const supply = globalTotalSupply(l2Supply, l1Circ);
  const inflation = nextInflation(state.inflation, state.inflationChange, bondingRate(totalBonded, supply), state.target);
  return { inflation, mintable: mintableTokens(supply, inflation) };
}

// livepeer/protocol deploy/migrations.config.ts (arbitrumMainnet) @ f225b10c62ce4baed0db14b2b9af1e19efee3b45
describe('Arbitrum mainnet parameters (deploy/migrations.config.ts @ f225b10c)', () => {
  it('minter, rounds and bonding parameters', () => {
    expect(INFLATION_CHANGE).toBe(500n);
    expect(TARGET_BONDING_RATE).toBe(500_000_000n);
    expect(L2_MIGRATION_INFLATION).toBe(218_500n);
    expect(ROUND_LENGTH).toBe(5_760n);
    expect(UNBONDING_PERIOD).toBe(7n);
    expect(NUM_ACTIVE_TRANSCODERS).toBe(100n);
    expect(TREASURY_REWARD_CUT_RATE).toBe(10n ** 26n);
    expect(TREASURY_BALANCE_CEILING).toBe(750_000n * LPT);
    expect(WEI_PER_LPT).toBe(LPT);
  });
  it('divisors: MathUtilsV2 10^9, PreciseMathUtils 10^27', () => {
    expect(PERC_DIVISOR).toBe(1_000_000_000n);
    expect(PRECISE_PERC_DIVISOR).toBe(10n ** 27n);
  });
});

// livepeer/protocol contracts/test/TestMathUtilsV2.sol (run by test/unit/MathUtilsV2.js) @ f225b10c62ce4baed0db14b2b9af1e19efee3b45
describe('TestMathUtilsV2.sol (@ f225b10c)', () => {
  it('test_percOf1', () => {
    expect(percOf(100n, 3n, 4n)).toBe(75n);
    expect(percOf(100n, 7n, 9n)).toBe(77n);
  });
  it('test_percOf2', () => {
    expect(percOf(100n, 3n)).toBe(0n);
    expect(percOf(1_000_000_000n, 1n)).toBe(1n);
    expect(percOf(100n, 100_000_000n)).toBe(10n);
  });
  it('test_percPoints', () => {
    expect(percPoints(3n, 4n)).toBe(750_000_000n);
    expect(percPoints(100n, 300n)).toBe(333_333_333n);
  });
});

// livepeer/protocol contracts/test/TestPreciseMathUtils.sol (test/unit/PreciseMathUtils.js) @ f225b10c: percOf(a, b) with
// 10^27 precision is what treasuryRewards computes.
describe('TestPreciseMathUtils.sol test_percOf2 via treasuryRewards (@ f225b10c)', () => {
  it('percOf(100, 3) = 0, percOf(10^27, 1) = 1, percOf(100, 10^26) = 10', () => {
    expect(treasuryRewards(100n, 3n)).toBe(0n);
    expect(treasuryRewards(10n ** 27n, 1n)).toBe(1n);
    expect(treasuryRewards(100n, 10n ** 27n / 10n)).toBe(10n);
  });
});

// livepeer/protocol test/unit/Minter.js @ f225b10c62ce4baed0db14b2b9af1e19efee3b45, describe("setCurrentRewardTokens").
// Fixture: INFLATION = 26 × 10^7, INFLATION_CHANGE = 0.02 × 10^7, TARGET_BONDING_RATE = 50 × 10^7,
// token totalSupply() = 1000 and l1CirculatingSupply() = 0 unless set.
describe('test/unit/Minter.js setCurrentRewardTokens (@ f225b10c)', () => {
  const M = PERC_DIVISOR / 100n;
  const fixture = { inflation: 26n * M, inflationChange: 200_000n, target: 50n * M };

  it('increases inflation if the bonding rate is 0 (total supply = 0)', () => {
    expect(round(fixture, 0n, 0n, 0n).inflation - fixture.inflation).toBe(fixture.inflationChange);
    expect(bondingRate(0n, 0n)).toBe(0n);
    expect(bondingRate(123n, 0n)).toBe(0n);
  });
  it('increases inflation if the bonding rate is below the target (bonded 400 of 1000)', () => {
    expect(round(fixture, 1000n, 0n, 400n).inflation - fixture.inflation).toBe(fixture.inflationChange);
  });
  it('increases inflation if current < target once l1CirculatingSupply counts (600 of 1000 + 300)', () => {
    expect(percPoints(600n, 1000n)).toBeGreaterThan(fixture.target);
    expect(percPoints(600n, 1300n)).toBeLessThan(fixture.target);
    expect(bondingRate(600n, globalTotalSupply(1000n, 300n))).toBe(461_538_461n);
    expect(round(fixture, 1000n, 300n, 600n).inflation - fixture.inflation).toBe(fixture.inflationChange);
  });
  it('decreases inflation if the bonding rate is above the target (600 of 1000)', () => {
    expect(fixture.inflation - round(fixture, 1000n, 0n, 600n).inflation).toBe(fixture.inflationChange);
  });
  it('sets inflation to 0 if inflationChange > inflation and the rate is above target', () => {
    expect(round({ ...fixture, inflationChange: fixture.inflation + 1n }, 1000n, 0n, 600n).inflation).toBe(0n);
  });
  it('keeps inflation at the target bonding rate (500 of 1000)', () => {
    expect(round(fixture, 1000n, 0n, 500n).inflation).toBe(fixture.inflation);
  });
  it('sets currentMintableTokens from the new inflation and the global supply (1000 + 200, bonded 500)', () => {
    expect(globalTotalSupply(1000n, 200n)).toBe(1200n);
    const r = round(fixture, 1000n, 200n, 500n);
    // 500/1200 < 50 %, so inflation rises before minting; expected = floor(1200 × inflation / 10^9)
    expect(r.inflation).toBe(260_200_000n);
    expect(r.mintable).toBe((1200n * r.inflation) / PERC_DIVISOR);
    expect(r.mintable).toBe(312n);
  });
  it('different inflationChange values (supply 21645383016495782629665363, bonding 51 %, inflation 0.0455 %)', () => {
    const supply = 21_645_383_016_495_782_629_665_363n;
    const bonded = (supply * (51n * M)) / PERC_DIVISOR;
    const base = { inflation: 455_000n, target: 50n * M };
    const r1 = round({ ...base, inflationChange: 3_000n }, supply, 0n, bonded); // Math.ceil(0.0003 × 10^7)
    expect(r1.inflation).toBe(452_000n);
    const r2 = round({ ...base, inflationChange: 500n }, supply, 0n, bonded); // 0.00005 × 10^7
    expect(r2.inflation).toBe(454_500n);
    expect(r2.mintable > r1.mintable).toBe(true);
    // exact values (double floor: the bonding rate is 509,999,999, not 510,000,000)
    expect(bondingRate(bonded, supply)).toBe(509_999_999n);
    expect(r1.mintable).toBe(9_783_713_123_456_093_748_608n);
    expect(r2.mintable).toBe(9_837_826_580_997_333_205_182n);
  });
});

// livepeer/protocol test/unit/Minter.js @ f225b10c, describe("createReward"): supply 1000, nothing bonded, so
// setCurrentRewardTokens raises inflation to 260,200,000 and currentMintableTokens = 260.
describe('test/unit/Minter.js createReward (@ f225b10c)', () => {
  const mintable = round({ inflation: 260_000_000n, inflationChange: 200_000n, target: 500_000_000n }, 1000n, 0n, 0n).mintable;
  it('mintable is 260', () => expect(mintable).toBe(260n));
  it('reward for 10/100, 100/100, a large fraction = 1, and two calls', () => {
    expect(rewardTokens(mintable, 10n, 100n)).toBe((mintable * ((10n * PERC_DIVISOR) / 100n)) / PERC_DIVISOR);
    expect(rewardTokens(mintable, 10n, 100n)).toBe(26n);
    expect(rewardTokens(mintable, 100n, 100n)).toBe(260n);
    const big = 10_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000n;
    expect(rewardTokens(mintable, big, big)).toBe(260n);
    expect(rewardTokens(mintable, 10n, 100n) + rewardTokens(mintable, 20n, 100n)).toBe(78n);
    expect(percOf(mintable, 20n, 100n)).toBe(52n);
  });
  it('after a full 100/100 reward another 10/100 would exceed mintable (the contract reverts)', () => {
    expect(rewardTokens(mintable, 100n, 100n) + rewardTokens(mintable, 10n, 100n) > mintable).toBe(true);
  });
});

// livepeer/protocol test/unit/BondingManager.js @ f225b10c, describe("treasury contribution"):
// TREASURY_CUT = precise.percPoints(631, 10000) (6.31 %), ceiling 1000, reward 1000.
describe('test/unit/BondingManager.js treasury contribution (@ f225b10c)', () => {
  const cut = (631n * PRECISE_PERC_DIVISOR) / 10_000n;
  it('treasury gets 63 of a 1000 reward, the orchestrator pool 937', () => {
    expect(treasuryRewards(1000n, cut)).toBe(63n);
    expect(1000n - treasuryRewards(1000n, cut)).toBe(937n);
  });
  it('ceiling: 990 under the limit keeps the cut, 1000 and 1500 zero the next-round cut', () => {
    expect(treasuryCutHalts(990n, 1000n, cut)).toBe(false);
    expect(treasuryCutHalts(1000n, 1000n, cut)).toBe(true);
    expect(treasuryCutHalts(1500n, 1000n, cut)).toBe(true);
    // once the next-round cut is 0, nothing more to halt; a 0 ceiling disables the check
    expect(treasuryCutHalts(1500n, 1000n, 0n)).toBe(false);
    expect(treasuryCutHalts(10n ** 30n, 0n, cut)).toBe(false);
  });
});

describe('derived checks', () => {
  it('from inflation 218,500 at 45.9 % bonded the next inflation is 219,000; mintable on 30M LPT = 6,570 LPT', () => {
    const supply = 30_000_000n * LPT;
    const bonded = (supply * 459n) / 1000n;
    const rate = bondingRate(bonded, supply);
    expect(rate).toBe(459_000_000n);
    const inflation = nextInflation(218_500n, 500n, rate, 500_000_000n);
    expect(inflation).toBe(219_000n);
    const mint = mintableTokens(supply, inflation);
    expect(mint).toBe(6_570n * LPT);
    // 10 % treasury cut: 657 LPT to the treasury, 5,913 LPT to orchestrators and delegators
    expect(treasuryRewards(mint, TREASURY_REWARD_CUT_RATE)).toBe(657n * LPT);
    expect(mint - treasuryRewards(mint, TREASURY_REWARD_CUT_RATE)).toBe(5_913n * LPT);
  });
  it('above target inflation falls by 500; exactly at target it stays', () => {
    expect(nextInflation(218_500n, 500n, 500_000_001n, 500_000_000n)).toBe(218_000n);
    expect(nextInflation(218_500n, 500n, 500_000_000n, 500_000_000n)).toBe(218_500n);
    expect(nextInflation(300n, 500n, 600_000_000n, 500_000_000n)).toBe(0n);
    expect(nextInflation(500n, 500n, 600_000_000n, 500_000_000n)).toBe(0n);
  });
  it('division floors: 1 wei short of 50 % bonded is below target', () => {
    const supply = 30_000_000n * LPT;
    expect(bondingRate(supply / 2n - 1n, supply)).toBe(499_999_999n);
    expect(mintableTokens(999n, 1_000_000n)).toBe(0n); // 0.999 floors to 0
  });
});

describe('bad arguments', () => {
  const expectBad = (f: () => unknown, path: string) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(FlywheelError);
      expect((e as FlywheelError).code).toBe(ErrorCodes.RULE_INVALID_ARGUMENT);
      expect((e as FlywheelError).path).toBe(path);
      return;
    }
    throw new Error('expected a FlywheelError');
  };
  const n = (x: number) => x as unknown as bigint;
  it('wrong types', () => {
    expectBad(() => bondingRate(n(1), 2n), 'totalBonded');
    expectBad(() => bondingRate(1n, n(2)), 'totalSupply');
    expectBad(() => nextInflation(n(218_500), 500n, 1n, 2n), 'inflation');
    expectBad(() => nextInflation(1n, '500' as unknown as bigint, 1n, 2n), 'inflationChange');
    expectBad(() => nextInflation(1n, 500n, n(1), 2n), 'bondingRate');
    expectBad(() => nextInflation(1n, 500n, 1n, undefined as unknown as bigint), 'targetBondingRate');
    expectBad(() => mintableTokens(n(1), 1n), 'totalSupply');
    expectBad(() => mintableTokens(1n, n(1)), 'inflation');
    expectBad(() => percPoints(n(1), 2n), 'fracNum');
    expectBad(() => percOf(1n, 2n, n(3)), 'fracDenom');
    expectBad(() => treasuryRewards(n(1), 1n), 'rewardTokens');
  });
  it('negative amounts', () => {
    expectBad(() => bondingRate(-1n, 2n), 'totalBonded');
    expectBad(() => bondingRate(1n, -2n), 'totalSupply');
    expectBad(() => nextInflation(-1n, 500n, 1n, 2n), 'inflation');
    expectBad(() => mintableTokens(-1n, 1n), 'totalSupply');
    expectBad(() => percOf(-1n, 1n), 'amount');
    expectBad(() => globalTotalSupply(1n, -1n), 'l1CirculatingSupply');
    expectBad(() => rewardTokens(1n, -1n, 2n), 'stake');
    expectBad(() => treasuryCutHalts(-1n, 1n, 1n), 'treasuryBalance');
  });
  it('out of range: percentages above 100 %, uint256 overflow, zero denominators', () => {
    expectBad(() => nextInflation(1n, PERC_DIVISOR + 1n, 1n, 2n), 'inflationChange');
    expectBad(() => nextInflation(1n, 1n, 1n, PERC_DIVISOR + 1n), 'targetBondingRate');
    expectBad(() => treasuryRewards(1n, PRECISE_PERC_DIVISOR + 1n), 'treasuryRewardCutRate');
    expectBad(() => mintableTokens(1n << 256n, 1n), 'totalSupply');
    expectBad(() => mintableTokens(1n << 255n, 2n), 'totalSupply');
    expectBad(() => percPoints(1n, 0n), 'fracDenom');
    expectBad(() => rewardTokens(1n, 1n, 0n), 'totalActiveStake');
  });
});
