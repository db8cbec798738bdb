/**
 * Exact Hivemapper (HONEY) burn-and-mint rules, in bigint base units.
 *
 * **The reward and burn programs' source is not public.** Hivemapper's GitHub organisation publishes the
 * dashcam, data-logger and API code, not the Solana programs; the stored indexer of those programs,
 * streamingfast/substreams-hivemapper @ 0af1343ef91604eba10a17fa6ac5e537f1200e53 (`src/constants.rs`), names
 * their instructions (`burn_map_credit`, `update_credit_to_honey_rate`, `pay_reward`, …) and gives HONEY's
 * 9 decimals, but not the formulas. These functions port the rules as the Hivemapper Foundation documents them,
 * with the documents' own examples as test vectors (`test/hivemapper-rules.test.ts`):
 *
 * - MIP-15 (finalised 2024-04-16), docs.hivemapper.com/welcome/network-governance/mip-15: "75% of HONEY redeemed
 *   for map credits each week has been permanently burned and 25% has been reminted as Consumption Rewards, up to
 *   a limit of 500,000 HONEY per week. Any overage is permanently burned."
 * - MIP-19, docs.hivemapper.com/welcome/network-governance/mip-19: the Map Credit price from $0.005 to $0.0075,
 *   effective 2025-01-01.
 * - hivemapperfoundation.org/honey/burn-and-mint: Map Credits are non-transferable and generated only by burning
 *   HONEY; one credit buys one hex-week of imagery, ~50 hexes per km.
 * - docs.hivemapper.com/honey-token/what-is-honey: 10 billion HONEY; 40% contributors, 20% investors, 20%
 *   employees, 15% Hivemapper Inc., 5% the Foundation.
 *
 * Amounts are HONEY base units (10^9 per HONEY); USD prices are micro-dollars (10^-6 USD). Divisions floor.
 *
 * @packageDocumentation
 */
import { ErrorCodes, fail } from '@flywheel/spec';

/**
 * Base units per HONEY: 10^9.
 *
 * @example
 * ```ts
 * 750n * UNITS_PER_HONEY; // 750 HONEY in base units
 * ```
 * Ports: `HONEY_TOKEN_DECIMALS: u8 = 9`, streamingfast/substreams-hivemapper `src/constants.rs`
 * @ 0af1343ef91604eba10a17fa6ac5e537f1200e53. [3P: an indexer of the Hivemapper programs]
 */
export const UNITS_PER_HONEY = 1_000_000_000n;

/**
 * Maximum supply: 10,000,000,000 HONEY.
 *
 * @example
 * ```ts
 * MAX_SUPPLY / UNITS_PER_HONEY; // 10_000_000_000n
 * ```
 * Ports: "There is a maximum supply of 10 billion HONEY tokens", docs.hivemapper.com/honey-token/what-is-honey.
 */
export const MAX_SUPPLY = 10_000_000_000n * UNITS_PER_HONEY;

/**
 * The allocation of the maximum supply, in percent.
 *
 * @example
 * ```ts
 * allocation('contributors') / UNITS_PER_HONEY; // 4_000_000_000n
 * ```
 * Ports: "40% to contributors ... 20% to investors ... 20% to employees of Hivemapper Inc. ... 15% to Hivemapper
 * Inc. ... 5% to the Hivemapper Foundation", docs.hivemapper.com/honey-token/what-is-honey.
 */
export const ALLOCATION_PERCENT = { contributors: 40n, investors: 20n, employees: 20n, hivemapperInc: 15n, foundation: 5n } as const;

/** MIP-15's re-minted share of the week's burn, in percent: 25. */
export const MIP15_REMINT_PERCENT = 25n;

/**
 * MIP-15's weekly re-mint limit: 500,000 HONEY.
 *
 * @example
 * ```ts
 * mip15Remint(10_000_000n * UNITS_PER_HONEY).reminted / UNITS_PER_HONEY; // 500_000n
 * ```
 * Ports: "up to a limit of 500,000 HONEY per week", docs.hivemapper.com/welcome/network-governance/mip-15.
 */
export const MIP15_WEEKLY_CAP = 500_000n * UNITS_PER_HONEY;

/**
 * Map Credit prices in micro-USD: $0.005 until 2024-12-31, $0.0075 from 2025-01-01 (MIP-19).
 *
 * @example
 * ```ts
 * MAP_CREDIT_PRICE_MICRO_USD.mip19; // 7_500n
 * ```
 * Ports: "MIP-19 increased the price of map credits from $0.005 to $0.0075, effective Jan. 1, 2025",
 * docs.hivemapper.com/welcome/network-governance/mip-19.
 */
export const MAP_CREDIT_PRICE_MICRO_USD = { original: 5_000n, mip19: 7_500n } as const;

function nat(name: string, value: unknown, what: string): bigint {
  if (typeof value !== 'bigint') fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, `must be a bigint (${what}), got ${typeof value}`, 'pass a bigint, e.g. 1000n or BigInt(x)');
  if (value < 0n) fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, 'must not be negative', `${what} cannot be negative`);
  return value;
}

/**
 * One allocation bucket of the 10B supply (base units).
 *
 * @param bucket - A key of {@link ALLOCATION_PERCENT}.
 * @returns Its share of {@link MAX_SUPPLY}.
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `bucket` if it is not one of the five.
 * @example
 * ```ts
 * allocation('foundation') / UNITS_PER_HONEY; // 500_000_000n
 * ```
 * Ports: docs.hivemapper.com/honey-token/what-is-honey (HONEY Tokenomics).
 */
export function allocation(bucket: keyof typeof ALLOCATION_PERCENT): bigint {
  const p = ALLOCATION_PERCENT[bucket];
  if (p === undefined) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'bucket', bucket, 'is not an allocation bucket', `use one of ${Object.keys(ALLOCATION_PERCENT).join(', ')}`);
  return (MAX_SUPPLY * p) / 100n;
}

/**
 * HONEY burned to generate Map Credits: credits × credit price / HONEY price, floored to base units.
 *
 * @param credits - Map Credits (whole credits).
 * @param creditPriceMicroUsd - The credit's price in micro-USD (5,000 = $0.005; 7,500 = $0.0075).
 * @param honeyPriceMicroUsd - HONEY's price in micro-USD (> 0).
 * @returns HONEY burned (base units).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at the argument's name; `honeyPriceMicroUsd` 0.
 * @example
 * ```ts
 * honeyForMapCredits(1_000n, 7_500n, 10_000n) / UNITS_PER_HONEY; // 750n: 1,000 credits at $0.0075 with HONEY at $0.01
 * ```
 * Ports: the burn-and-mint page's pricing scenario ("1,000 Map Credits ($7.5 USD) ... $0.01 ... 750 HONEY"),
 * hivemapperfoundation.org/honey/burn-and-mint; shared/reference/projects.md §12 validation fact 1.
 */
export function honeyForMapCredits(credits: bigint, creditPriceMicroUsd: bigint, honeyPriceMicroUsd: bigint): bigint {
  nat('credits', credits, 'the credits');
  nat('creditPriceMicroUsd', creditPriceMicroUsd, 'the credit price');
  nat('honeyPriceMicroUsd', honeyPriceMicroUsd, 'the HONEY price');
  if (honeyPriceMicroUsd === 0n) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'honeyPriceMicroUsd', honeyPriceMicroUsd, 'must be positive', 'HONEY has a positive price');
  return (credits * creditPriceMicroUsd * UNITS_PER_HONEY) / honeyPriceMicroUsd;
}

/**
 * MIP-15: of the week's HONEY burned for Map Credits, 25% is re-minted as Consumption Rewards, at most 500,000
 * HONEY; the rest (75%, plus any overage) is burned for good.
 *
 * @param burned - HONEY burned for Map Credits in the week (base units).
 * @returns `{ reminted, permanent }` (base units; they sum to `burned`).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `burned`.
 * @example
 * ```ts
 * mip15Remint(750n * UNITS_PER_HONEY); // { reminted: 187.5 HONEY, permanent: 562.5 HONEY }
 * ```
 * Ports: docs.hivemapper.com/welcome/network-governance/mip-15 (Detailed Changes).
 */
export function mip15Remint(burned: bigint): { reminted: bigint; permanent: bigint } {
  nat('burned', burned, 'the HONEY burned');
  const quarter = (burned * MIP15_REMINT_PERCENT) / 100n;
  const reminted = quarter < MIP15_WEEKLY_CAP ? quarter : MIP15_WEEKLY_CAP;
  return { reminted, permanent: burned - reminted };
}

/**
 * The net-emissions rule before MIP-15: 100% of the HONEY burned was re-issued as Consumption Rewards.
 *
 * @param burned - HONEY burned for Map Credits in the week (base units).
 * @returns `{ reminted: burned, permanent: 0n }`.
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `burned`.
 * @example
 * ```ts
 * preMip15Remint(750n).reminted; // 750n
 * ```
 * Ports: "Prior to MIP-15, 100% of the HONEY burned when customers consumed map data was reissued to contributors
 * as Consumption Rewards", docs.hivemapper.com/welcome/network-governance/mip-15.
 */
export function preMip15Remint(burned: bigint): { reminted: bigint; permanent: bigint } {
  nat('burned', burned, 'the HONEY burned');
  return { reminted: burned, permanent: 0n };
}

/**
 * Map Credits for one week of imagery along `km` kilometres of road: ~50 hexes per km, one credit per hex-week.
 *
 * @param km - Kilometres of road (whole km).
 * @returns Map Credits.
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `km`.
 * @example
 * ```ts
 * imageryCredits(20n); // 1_000n: "one week of imagery for 20 km of roads requires approximately 1,000 Map Credits"
 * ```
 * Ports: "With approximately 50 map hexes per kilometer, it costs approximately 50 Map Credits to consume one
 * week's imagery for 1 km of road", hivemapperfoundation.org/honey/burn-and-mint.
 */
export function imageryCredits(km: bigint): bigint {
  return nat('km', km, 'the kilometres') * 50n;
}
