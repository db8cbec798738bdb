/**
 * Exact Aethir (ATH) rules, in bigint wei (10^18 per ATH): the fixed supply and its allocation, the
 * checker base and bonus pools, Edge device rewards (yearly allocation caps, the per-device daily
 * reward by period, the 5% network fee, the 30/30/40 release at 0/90/180 days), the 80/20 fee split,
 * the allocation vesting calendars and the payback period of a device.
 *
 * Aethir publishes no reward-distribution code (its public repositories hold the checker client and
 * demos, not the reward services), so these functions port the **official documents' formulas**
 * exactly and cite each: docs.aethir.com (tokenomics, checker guide "how do checker nodes work"),
 * docs.myedge.io (edge-token-reward-emissions, the mining FAQ, "How to Manage ATH Balances and
 * Rewards" for the vesting of claimed rewards) and tokenomics.com's audit of the allocation [3P].
 * Where a document is silent on rounding, amounts are floored to wei and the last part of a
 * schedule releases the remainder, so every allocation is released exactly.
 *
 * @packageDocumentation
 */
import { ErrorCodes, fail } from '@flywheel/spec';

const need = (ok: boolean, path: string, value: unknown, message: string, hint: string): void => {
  if (!ok) fail(ErrorCodes.RULE_INVALID_ARGUMENT, path, value, message, hint);
};

/** Wei per ATH (an ERC-20 on Arbitrum, 18 decimals). @example ```ts 42_000_000_000n * WEI; // TOTAL_SUPPLY ``` */
export const WEI = 10n ** 18n;
/** Total supply 42,000,000,000 ATH, fixed: nothing is minted after TGE. Ports docs.aethir.com tokenomics. @example ```ts TOTAL_SUPPLY / WEI; // 42_000_000_000n ``` */
export const TOTAL_SUPPLY = 42_000_000_000n * WEI;
/** Basis points in 100%. @example ```ts BPS; // 10_000n ``` */
export const BPS = 10_000n;

/** The allocation buckets. */
export type Bucket = 'containers' | 'checkers' | 'team' | 'investors' | 'ecosystem' | 'dao' | 'airdrop' | 'advisors';
/**
 * Allocation shares in basis points: containers 35%, checkers 15%, team 12.5%, investors 11.5%,
 * ecosystem 8%, DAO treasury 7%, airdrop 6%, advisors 5% [3P tokenomics.com citing the official docs;
 * containers + checkers = 50%, SEED and OFF].
 * @example
 * ```ts
 * allocation('checkers') / WEI; // 6_300_000_000n
 * ```
 */
export const ALLOCATION_BPS: Readonly<Record<Bucket, bigint>> = {
  containers: 3_500n,
  checkers: 1_500n,
  team: 1_250n,
  investors: 1_150n,
  ecosystem: 800n,
  dao: 700n,
  airdrop: 600n,
  advisors: 500n,
};
/** A bucket's allocation in wei. @example ```ts allocation('team') / WEI; // 5_250_000_000n ``` */
export const allocation = (b: Bucket): bigint => (TOTAL_SUPPLY * ALLOCATION_BPS[b]) / BPS;

/**
 * A bucket's calendar, in months after TGE: `atTge` bps at TGE, then `parts` equal monthly parts of
 * the rest from month `first`, or explicit `steps` (month → cumulative bps). [3P tokenomics.com;
 * "linear" read as equal monthly parts, ASSUMPTION]
 */
export interface Calendar {
  readonly atTge: bigint;
  readonly first: bigint;
  readonly parts: bigint;
  readonly steps?: readonly (readonly [bigint, bigint])[];
}
/**
 * The calendars: team and advisors 18-month cliff then 36 months; investors 12-month cliff then 24
 * months; ecosystem 50% at TGE, the rest over 24 months; DAO over 48 months; airdrop 25% at listing,
 * 25% at month 8, 50% at month 16 [3P]. Containers and checkers follow their reward schedules.
 * @example
 * ```ts
 * CALENDARS.investors; // { atTge: 0n, first: 13n, parts: 24n }
 * ```
 */
export const CALENDARS: Readonly<Record<Exclude<Bucket, 'containers' | 'checkers'>, Calendar>> = {
  team: { atTge: 0n, first: 19n, parts: 36n },
  advisors: { atTge: 0n, first: 19n, parts: 36n },
  investors: { atTge: 0n, first: 13n, parts: 24n },
  ecosystem: { atTge: 5_000n, first: 1n, parts: 24n },
  dao: { atTge: 0n, first: 1n, parts: 48n },
  airdrop: {
    atTge: 2_500n,
    first: 0n,
    parts: 0n,
    steps: [
      [8n, 5_000n],
      [16n, 10_000n],
    ],
  },
};

/**
 * Wei of `bucket` released by the end of month `months` after TGE (0 = TGE day).
 * @example
 * ```ts
 * vested('investors', 12n); // 0n: the cliff
 * vested('investors', 36n) === allocation('investors'); // true
 * ```
 */
export function vested(bucket: keyof typeof CALENDARS, months: bigint): bigint {
  need(months >= 0n, 'months', months, 'months after TGE must be ≥ 0', 'month 0 is TGE');
  const c = CALENDARS[bucket];
  const a = allocation(bucket);
  const tge = (a * c.atTge) / BPS;
  if (c.steps) {
    let bps = c.atTge;
    for (const [m, cum] of c.steps) if (months >= m) bps = cum;
    return bps === BPS ? a : (a * bps) / BPS;
  }
  const k = months < c.first ? 0n : months - c.first + 1n;
  return k >= c.parts ? a : tge + ((a - tge) * k) / c.parts;
}

/** Checker base rewards: 10% of supply over 4 years (1,460 days), paid daily. Ports docs.aethir.com checker guide. @example ```ts CHECKER_BASE / WEI; // 4_200_000_000n ``` */
export const CHECKER_BASE = (TOTAL_SUPPLY * 1_000n) / BPS;
/** Checker bonus rewards: 5% of supply over 4 years, paid quarterly (16 quarters). Ports the same. @example ```ts CHECKER_BONUS / 16n / WEI; // 131_250_000n ``` */
export const CHECKER_BONUS = (TOTAL_SUPPLY * 500n) / BPS;
/** Days of the checker schedule (2024-06-12 → 2028-06-11). @example ```ts CHECKER_DAYS; // 1_460n ``` */
export const CHECKER_DAYS = 1_460n;
/** Quarters of the bonus schedule. @example ```ts CHECKER_QUARTERS; // 16n ``` */
export const CHECKER_QUARTERS = 16n;
/** From the 5th quarter after TGE, only nodes with more than 95% uptime qualify for the bonus. Ports the checker guide. @example ```ts UPTIME_THRESHOLD_BPS; // 9_500n ``` */
export const UPTIME_THRESHOLD_BPS = 9_500n;

/**
 * The base pool released on day `day` (1 … 1,460) of the schedule: 1/1,460 of it (floored), the last
 * day the remainder.
 * @example
 * ```ts
 * checkerBaseDay(1n) / WEI; // 2_876_712n
 * ```
 */
export function checkerBaseDay(day: bigint): bigint {
  if (day < 1n || day > CHECKER_DAYS) return 0n;
  const per = CHECKER_BASE / CHECKER_DAYS;
  return day === CHECKER_DAYS ? CHECKER_BASE - per * (CHECKER_DAYS - 1n) : per;
}

/**
 * A node's base reward for a day: the day's pool × its correctly completed tasks / all correct tasks (floored).
 * @example
 * ```ts
 * checkerBaseReward(1n, 1n, 91_759n) / WEI; // 31n (a 91,759th of 2,876,712 ATH)
 * ```
 * Ports "paid daily in proportion to tasks completed correctly", docs.aethir.com checker guide.
 */
export function checkerBaseReward(day: bigint, tasks: bigint, totalTasks: bigint): bigint {
  need(totalTasks > 0n && tasks >= 0n && tasks <= totalTasks, 'tasks', tasks, 'need 0 ≤ tasks ≤ totalTasks, totalTasks > 0', 'tasks completed correctly that day');
  return (checkerBaseDay(day) * tasks) / totalTasks;
}

/**
 * A node's bonus for quarter `quarter` (1 … 16): the quarter's bonus pool (1/16) × its base rewards
 * of the quarter / all nodes' base rewards, and 0 from quarter 5 if its uptime is not above 95%.
 * The forfeited share is not paid out to the others [UNC: the guide says only that such nodes do
 * not qualify].
 * @example
 * ```ts
 * checkerBonus(5n, 1n, 2n, 9_400n); // 0n: 94% uptime in quarter 5
 * ```
 * Ports the checker guide ("paid quarterly in proportion to base rewards … from the 5th quarter, only nodes with >95% uptime").
 */
export function checkerBonus(quarter: bigint, base: bigint, totalBase: bigint, uptimeBps: bigint): bigint {
  need(totalBase > 0n && base >= 0n && base <= totalBase, 'base', base, 'need 0 ≤ base ≤ totalBase, totalBase > 0', "the node's base rewards of the quarter");
  if (quarter < 1n || quarter > CHECKER_QUARTERS) return 0n;
  if (quarter >= 5n && uptimeBps <= UPTIME_THRESHOLD_BPS) return 0n;
  return ((CHECKER_BONUS / CHECKER_QUARTERS) * base) / totalBase;
}

/** Edge allocation: 23% of supply, 9.66B ATH, over about 10 years. Ports docs.myedge.io mining FAQ. @example ```ts EDGE_ALLOCATION / WEI; // 9_660_000_000n ``` */
export const EDGE_ALLOCATION = (TOTAL_SUPPLY * 2_300n) / BPS;
/**
 * Year shares of the Edge allocation, years 1 … 5: 40%, 24.12%, 14.54%, 8.77%, 5.29%. Ports the
 * mining FAQ; years 6 … 10 are "decreasing" with no published figures.
 * @example
 * ```ts
 * edgeYearCap(1n) / WEI; // 3_864_000_000n
 * ```
 */
export const EDGE_YEAR_BPS: readonly bigint[] = [4_000n, 2_412n, 1_454n, 877n, 529n];
/** The most the Edge pool may release in mining year `year` (1 … 5), in wei. @example ```ts edgeYearCap(2n) / WEI; // 2_329_992_000n ``` */
export function edgeYearCap(year: bigint): bigint {
  need(year >= 1n && year <= 5n, 'year', year, 'published for years 1 … 5', 'years 6 … 10 have no published share');
  return (EDGE_ALLOCATION * EDGE_YEAR_BPS[Number(year) - 1]!) / BPS;
}

/**
 * Daily reward per Edge device, in whole ATH, by UTC date (YYYY-MM-DD): 21 from 2024-06-20, 100 from
 * 2024-11-01 to 2025-06-12 (Tokenomics 1.5), 21 from 2025-06-13; 0 before mining started.
 * Ports docs.myedge.io edge-token-reward-emissions ("Tokenomics Evolution Timeline"); Tokenomics 2.0
 * (Q4 2025, stake tiers) is not in this rule.
 * @example
 * ```ts
 * edgeRewardPerDevice('2024-11-01'); // 100n
 * ```
 */
export function edgeRewardPerDevice(date: string): bigint {
  need(/^\d{4}-\d{2}-\d{2}$/.test(date), 'date', date, 'expected YYYY-MM-DD', 'a UTC calendar date');
  if (date < '2024-06-20') return 0n;
  if (date >= '2024-11-01' && date <= '2025-06-12') return 100n;
  return 21n;
}

/** The network fee on Edge rewards: 5%. Ports edge-token-reward-emissions ("All Edge rewards are subject to a 5% rewards network fee"). @example ```ts EDGE_FEE_BPS; // 500n ``` */
export const EDGE_FEE_BPS = 500n;
/** A reward less the 5% network fee: `{ fee, net }` (fee floored). @example ```ts edgeNetReward(100n * WEI).net / WEI; // 95n ``` */
export function edgeNetReward(reward: bigint): { fee: bigint; net: bigint } {
  need(reward >= 0n, 'reward', reward, 'must be ≥ 0', 'wei');
  const fee = (reward * EDGE_FEE_BPS) / BPS;
  return { fee, net: reward - fee };
}

/**
 * Claimed Edge rewards release 30% at once, 30% after 90 days and the remaining 40% after 180 days:
 * what is withdrawable `days` days after the claim (floored parts; the last part is the remainder).
 * Ports docs.myedge.io "How to Manage ATH Balances and Rewards" ("30% available immediately, 30% after
 * 90 days, 40% after 180 days"; the seed says the same).
 * @example
 * ```ts
 * edgeReleased(1_000n, 89n); // 300n
 * edgeReleased(1_000n, 90n); // 600n
 * edgeReleased(1_000n, 180n); // 1_000n
 * ```
 */
export function edgeReleased(claimed: bigint, days: bigint): bigint {
  need(claimed >= 0n && days >= 0n, 'days', days, 'need claimed ≥ 0 and days ≥ 0', 'days since the claim');
  const part = (claimed * 3_000n) / BPS;
  if (days >= 180n) return claimed;
  if (days >= 90n) return 2n * part;
  return part;
}

/** Share of network service fees paid to Containers: 80% [SEED; OFF for Edge after the allocation: 80% to operators, 20% to the DAO]. @example ```ts CONTAINER_FEE_BPS; // 8_000n ``` */
export const CONTAINER_FEE_BPS = 8_000n;
/** A fee split 80/20: `{ providers, retained }` (providers floored, the remainder retained). @example ```ts feeSplit(1_000n); // { providers: 800n, retained: 200n } ``` */
export function feeSplit(fee: bigint): { providers: bigint; retained: bigint } {
  need(fee >= 0n, 'fee', fee, 'must be ≥ 0', 'wei');
  const providers = (fee * CONTAINER_FEE_BPS) / BPS;
  return { providers, retained: fee - providers };
}

/**
 * Days to earn back a device: ceil(capex / (daily revenue − daily running cost)), both in USD cents;
 * null when it never pays back.
 * @example
 * ```ts
 * paybackDays(129_900n, 800n); // 163n: $1,299 at $8 a day, "about half a year" (the seed)
 * ```
 */
export function paybackDays(capexCents: bigint, dailyRevenueCents: bigint, dailyCostCents = 0n): bigint | null {
  need(capexCents >= 0n, 'capexCents', capexCents, 'must be ≥ 0', 'USD cents');
  const margin = dailyRevenueCents - dailyCostCents;
  if (margin <= 0n) return null;
  return (capexCents + margin - 1n) / margin;
}
