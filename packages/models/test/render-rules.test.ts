// The Render rules against the RNPs' own figures and worked examples (rendernetwork/RNPs @
// a7ced7740f0bbe963a883f0aa1666d66840eb287; no Render protocol code is public, so the RNPs' examples are the
// test vectors). Every expected value is written out here from the RNP text, not read from the module.
import { ErrorCodes, type FlywheelError } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import {
  ADDED_SUPPLY,
  BANDWIDTH_TIER_SCORES,
  COMPUTE_CLIENT_POOL,
  ORIGINAL_SUPPLY,
  SCORE_SCALE,
  UNITS_PER_RENDER,
  YEAR1_EMISSIONS,
  YEAR3_MONTHLY_EMISSIONS,
  computeClientPool,
  computeClientRewards,
  dampedEmission,
  foundationShare,
  highNodePenalty,
  networkSplit,
  saladBurnAndRewards,
  weightedScore,
  workScore,
} from '../src/render/rules.js';

const R = UNITS_PER_RENDER;
/** Rounds base units to whole RENDER, half up (how the RNPs quote their figures). */
const whole = (units: bigint) => (units + R / 2n) / R;
const catchErr = (f: () => unknown): FlywheelError => {
  try {
    f();
  } catch (e) {
    return e as FlywheelError;
  }
  throw new Error('expected a FlywheelError');
};

describe('RNP-001 supply and RNP-006 year-1 emissions', () => {
  it('the cap is 536,870,912 + 107,374,182 = 644,245,094 (2^29 + 20%), and year 1 adds no more than 10% (RNP-001)', () => {
    expect(ORIGINAL_SUPPLY / R).toBe(2n ** 29n);
    expect((ORIGINAL_SUPPLY + ADDED_SUPPLY) / R).toBe(644_245_094n);
    expect((ADDED_SUPPLY * 5n) / R + 2n).toBe(2n ** 29n); // "20% of total supply"
    expect(YEAR1_EMISSIONS * 10n).toBeLessThan(ORIGINAL_SUPPLY); // < 10% in a year
  });

  it('9,126,804 a year is 760,567 a month; 50% to the Foundation leaves 380,283.5 (RNP-003) = 380,284 (RNP-006); 4,563,402 in year 1', () => {
    const month = YEAR1_EMISSIONS / 12n;
    expect(month).toBe(760_567n * R); // exact: 9,126,804 = 12 × 760,567
    const foundation = foundationShare(month);
    expect(foundation).toBe(38_028_350_000_000n); // 380,283.5 RENDER (RNP-003: "would leave 380,283.5 RNDR tokens per month")
    expect(whole(month - foundation)).toBe(380_284n); // RNP-006 2
    expect(((month - foundation) * 12n) / R).toBe(4_563_402n); // RNP-006/image1.png "Yr 1 emmissions to Network 4,563,402"
    expect(((month - foundation) * 3n) / R).toBe(1_140_850n); // RNP-003: 1,140,850.5 a quarter
  });

  it('the Network split by month reproduces the RNP-006 table (image1.png): 190,142 nodes; 190,142 / 95,071 / 0 liquidity; 0 / 95,071 / 190,142 artists', () => {
    const network = YEAR1_EMISSIONS / 12n - foundationShare(YEAR1_EMISSIONS / 12n);
    const table: [number, number, number, number][] = [
      // month, nodes, liquidity, artists (RNP-006/image1.png, rounded to whole RENDER)
      [1, 190_142, 190_142, 0],
      [2, 190_142, 190_142, 0],
      [3, 190_142, 190_142, 0],
      [4, 190_142, 95_071, 95_071],
      [5, 190_142, 95_071, 95_071],
      [6, 190_142, 95_071, 95_071],
      [7, 190_142, 95_071, 95_071],
      [8, 190_142, 95_071, 95_071],
      [9, 190_142, 95_071, 95_071],
      [10, 190_142, 0, 190_142],
      [11, 190_142, 0, 190_142],
      [12, 190_142, 0, 190_142],
    ];
    for (const [m, nodes, lp, artists] of table) {
      const s = networkSplit(network, BigInt(m));
      expect(whole(s.nodeOperators), `month ${m}`).toBe(BigInt(nodes));
      expect(whole(s.liquidity), `month ${m}`).toBe(BigInt(lp));
      expect(whole(s.artists), `month ${m}`).toBe(BigInt(artists));
      expect(s.nodeOperators + s.liquidity + s.artists).toBe(network); // the parts sum exactly
    }
    // the RNP text's "95,707" is a typo for 95,071: 190,141.75 / 2 = 95,070.875
    expect(networkSplit(network, 4n).liquidity).toBe(9_507_087_500_000n);
    // node operators get 25.0% of all monthly emissions (projects.md §3 validation fact 1)
    expect(Number(networkSplit(network, 1n).nodeOperators) / Number(YEAR1_EMISSIONS / 12n)).toBe(0.25);
  });

  it('BME year 3: 492,132 a month = 123,033 + 123,033 + 246,066 (RNP-023), 5,905,584 a year ("5.9M", RNP-018/022)', () => {
    expect((YEAR3_MONTHLY_EMISSIONS * 12n) / R).toBe(5_905_584n);
    expect(foundationShare(YEAR3_MONTHLY_EMISSIONS) / R).toBe(246_066n);
    expect((YEAR3_MONTHLY_EMISSIONS - foundationShare(YEAR3_MONTHLY_EMISSIONS)) / 2n / R).toBe(123_033n);
  });

  it('the growth phase damps each year by 0.945 (RNP-001)', () => {
    expect(dampedEmission(1_000n)).toBe(945n);
    expect(dampedEmission(5_905_584n * R) / R).toBe(5_580_776n); // 5,905,584 × 0.945 = 5,580,776.88
    expect(catchErr(() => dampedEmission(-1n)).code).toBe(ErrorCodes.RULE_INVALID_ARGUMENT);
  });
});

describe('RNP-006 compute-client rewards', () => {
  it('the pool is 1,140,852; 840,852 left on 1/1/24 over 10 months gives 84,085.2 for January (RNP-006 example)', () => {
    expect(COMPUTE_CLIENT_POOL / R).toBe(1_140_852n);
    expect(COMPUTE_CLIENT_POOL - 100_000n * R - 200_000n * R).toBe(840_852n * R); // after the 100K November and 200K December epochs
    expect(computeClientPool(840_852n * R, 10n, 100_000n)).toBe(8_408_520_000_000n); // 84,085.2 RENDER
  });

  it('the pool is at most 75 RENDER × qualified nodes: 1,000 nodes limit it to 75,000 (RNP-006 example)', () => {
    expect(computeClientPool(1_000_000n * R, 1n, 1_000n)).toBe(75_000n * R);
    expect(computeClientPool(100_000n * R, 1n, 1_000n)).toBe(75_000n * R);
    expect(computeClientPool(70_000n * R, 1n, 1_000n)).toBe(70_000n * R);
  });

  it('paying remaining / months left each month, with no binding cap, pays equal months and empties the pool on 10/31/24', () => {
    let remaining = 840_852n * R;
    const paid: bigint[] = [];
    for (let left = 10n; left >= 1n; left--) {
      const p = computeClientPool(remaining, left, 10_000n);
      paid.push(p);
      remaining -= p;
    }
    expect(remaining).toBe(0n);
    for (const p of paid) expect(p).toBe(8_408_520_000_000n);
  });

  it('A_i = 0.1 + 0.9 × 100 / 2,500 = 0.136, and the weighted score of the example node 0.25·0.136 + 0.35·0.4 + 0.20·0.6 + 0.20·0.95 = 0.484 (RNP-006)', () => {
    const a = workScore(100n, 2_500n);
    expect(a).toBe(136_000_000_000_000_000n);
    const s = weightedScore({ work: a, bandwidth: BANDWIDTH_TIER_SCORES.medium, gpu: 6n * 10n ** 17n, uptime: 95n * 10n ** 16n });
    expect(s).toBe(484_000_000_000_000_000n);
    expect(workScore(2_500n, 2_500n)).toBe(SCORE_SCALE); // the top earner scores 1
    expect(workScore(0n, 2_500n)).toBe(SCORE_SCALE / 10n); // the floor 0.1
  });

  it('r_i = pool × weighted_i / Σ weighted_j: the example node in a network of itself and one perfect node', () => {
    const example = { work: workScore(100n, 2_500n), bandwidth: BANDWIDTH_TIER_SCORES.medium, gpu: 6n * 10n ** 17n, uptime: 95n * 10n ** 16n };
    const top = { work: SCORE_SCALE, bandwidth: BANDWIDTH_TIER_SCORES.ultra, gpu: SCORE_SCALE, uptime: SCORE_SCALE };
    // top: 0.25 + 0.35 × 0.8 + 0.2 + 0.2 = 0.93; shares 0.484 / 1.414 and 0.93 / 1.414 of 100,000 RENDER
    const [r1, r2] = computeClientRewards(100_000n * R, [example, top]);
    expect(r1).toBe((100_000n * R * 484n) / 1_414n);
    expect(r2).toBe((100_000n * R * 930n) / 1_414n);
    expect(r1! + r2!).toBeLessThanOrEqual(100_000n * R);
    expect(catchErr(() => computeClientRewards(1n, [])).path).toBe('nodes');
    expect(catchErr(() => computeClientPool(1n, 0n, 1n)).path).toBe('monthsLeft');
    expect(catchErr(() => workScore(3n, 2n)).path).toBe('maxEarned');
  });
});

describe('RNP-015 and RNP-023', () => {
  it('high_node_penalty: 1 for up to 3 nodes a wallet, then exp(-0.65 (x - 3))', () => {
    expect([1, 2, 3].map(highNodePenalty)).toEqual([1, 1, 1]);
    expect(highNodePenalty(4)).toBe(Math.exp(-0.65));
    expect(highNodePenalty(5)).toBeCloseTo(0.272531793, 9);
    expect(catchErr(() => highNodePenalty(0)).path).toBe('x');
  });

  it('Salad SCE: $1,000 at $2.00 burns 300 RENDER and pays 280 to Chefs, 7.1% more burn; SGS 175 and 155, 12.9% (RNP-023 Scenario 1)', () => {
    const sce = saladBurnAndRewards(500n * R, 'SCE'); // $1,000 / $2.00
    expect(sce).toEqual({ burn: 300n * R, rewards: 280n * R });
    expect(Number(sce.burn - sce.rewards) / Number(sce.rewards)).toBeCloseTo(0.0714, 4);
    const sgs = saladBurnAndRewards(500n * R, 'SGS');
    expect(sgs).toEqual({ burn: 175n * R, rewards: 155n * R });
    expect(Number(sgs.burn - sgs.rewards) / Number(sgs.rewards)).toBeCloseTo(0.129, 3);
  });
});
