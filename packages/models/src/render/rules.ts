/**
 * Exact Render Network (RENDER) emission, split and compute-client reward rules, in bigint base units.
 *
 * **No protocol code is public.** Render's BME programs on Solana are not published (the only Render
 * repository stored is the proposals repository, rendernetwork/RNPs; a search of the code index found no
 * Render program). These functions port the formulas of the approved RNPs exactly, as the RNPs state them,
 * with the RNPs' own worked examples as test vectors (`test/render-rules.test.ts`).
 *
 * Source: rendernetwork/RNPs @ a7ced7740f0bbe963a883f0aa1666d66840eb287 (2026-05-18): `RNP-001.md` (BME,
 * damping 0.945 in the growth phase, 107,374,182 added supply), `RNP-003.md` (50% of year-1 emissions to the
 * Foundation), `RNP-006.md` and `RNP-006/image1.png` (year-1 emissions, the Network split by month, the
 * compute-client pool rule), `RNP-007/addendum/image1–3.png` (the compute-client score formula, shown in
 * RNP-006), `RNP-015.md` (the availability high-node penalty), `RNP-018.md` and `RNP-022.md` (years 2 and 3:
 * 5.9M, 25/25/50), `RNP-023.md` (BME year-3 monthly emissions 492,132; the Salad burn and reward shares).
 *
 * Amounts are RENDER base units: 8 decimals, 1 RENDER = 10^8 units (RNP-023 appendix, "TOKEN REFERENCE").
 * Divisions floor, as integer token programs do; where an RNP quotes a rounded figure, the test checks that
 * the exact value rounds to it.
 *
 * @packageDocumentation
 */
import { ErrorCodes, fail } from '@flywheel/spec';

/**
 * Base units per RENDER: 10^8 (8 decimals).
 *
 * @example
 * ```ts
 * 760_567n * UNITS_PER_RENDER; // one year-1 month of emissions in base units
 * ```
 * Ports: "RENDER — rndrizKT3MK1iimdxRdWabcF7Zg7AR5T4nud4EkHBof — 8 decimals", rendernetwork/RNPs `RNP-023.md`
 * (Appendix, TOKEN REFERENCE) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export const UNITS_PER_RENDER = 100_000_000n;

/**
 * Supply added by RNP-001: 107,374,182 RENDER ("20% of total supply", released "never more than 10% in a
 * given year").
 *
 * @example
 * ```ts
 * ORIGINAL_SUPPLY + ADDED_SUPPLY; // 644_245_094n × 10^8: the cap
 * ```
 * Ports: rendernetwork/RNPs `RNP-001.md` (Appendix) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export const ADDED_SUPPLY = 107_374_182n * UNITS_PER_RENDER;

/**
 * The original RNDR supply, 536,870,912 = 2^29 (implied by "20% of total supply": 107,374,182 × 5 + 2 = 2^29).
 * [UNC in shared/reference/projects.md §3]
 *
 * @example
 * ```ts
 * ORIGINAL_SUPPLY / UNITS_PER_RENDER === 2n ** 29n; // true
 * ```
 * Ports: the RNDR max supply 536,870,912 (know.rendernetwork.com token metrics); RNP-001's 20%.
 */
export const ORIGINAL_SUPPLY = 536_870_912n * UNITS_PER_RENDER;

/**
 * Year-1 BME emissions: 9,126,804 RENDER, 760,567 a month.
 *
 * @example
 * ```ts
 * YEAR1_EMISSIONS / 12n / UNITS_PER_RENDER; // 760_567n
 * ```
 * Ports: "A total of 9,126,804 RENDER tokens will be minted ... 760,567 RENDER per month", rendernetwork/RNPs
 * `RNP-006.md` (Initial Emissions Splits, 1–2) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export const YEAR1_EMISSIONS = 9_126_804n * UNITS_PER_RENDER;

/**
 * Year-3 monthly emissions: 492,132 RENDER (123,033 artist and AI grants + 123,033 node rewards + 246,066
 * operations), i.e. 5,905,584 a year: the "5.9M" of RNP-018 (year 2) and RNP-022 (year 3).
 *
 * @example
 * ```ts
 * YEAR3_MONTHLY_EMISSIONS * 12n / UNITS_PER_RENDER; // 5_905_584n
 * ```
 * Ports: "Current (BME year 3) ... Total 492,132", rendernetwork/RNPs `RNP-023.md` (Changes to emissions
 * schedule) @ a7ced7740f0bbe963a883f0aa1666d66840eb287; "Emissions during Year 2 are 5.9M RENDER" `RNP-018.md`;
 * "Year 3 BME emissions follow the same schedule: 5.9M RENDER" `RNP-022.md`.
 */
export const YEAR3_MONTHLY_EMISSIONS = 492_132n * UNITS_PER_RENDER;

/**
 * The growth-phase damping coefficient, 0.945, as parts per 1,000.
 *
 * @example
 * ```ts
 * dampedEmission(5_905_584n * UNITS_PER_RENDER) / UNITS_PER_RENDER; // 5_580_776n
 * ```
 * Ports: "In the growth stage, we define gradually decreasing outflows as per the damping coefficient
 * (proposed at 0.945)", rendernetwork/RNPs `RNP-001.md` (Appendix) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export const DAMPING_PER_MILLE = 945n;

/**
 * Foundation share of emissions in year 1: 50%, as parts per 100 (also 50% of years 2 and 3: "2.9M RENDER
 * (50% of Year 2 budget) to fund operations", RNP-018; the same in RNP-022).
 *
 * @example
 * ```ts
 * foundationShare(YEAR1_EMISSIONS / 12n) / UNITS_PER_RENDER; // 380_283n (380,283.5)
 * ```
 * Ports: "this proposal advocates that 50% of emissions in Year 1 be allocated to the Foundation",
 * rendernetwork/RNPs `RNP-003.md` @ a7ced7740f0bbe963a883f0aa1666d66840eb287; `RNP-006.md` 2.
 */
export const FOUNDATION_PERCENT = 50n;

/**
 * The compute-client per-node cap: 75 RENDER per qualified node per epoch.
 *
 * @example
 * ```ts
 * computeClientPool(1_000_000n * UNITS_PER_RENDER, 1n, 1_000n) / UNITS_PER_RENDER; // 75_000n
 * ```
 * Ports: "the lower of the above Rewards, and the product of the number of Qualified Nodes available during the
 * Epoch and 75 RENDER", rendernetwork/RNPs `RNP-006.md` (Rewards Pool) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export const COMPUTE_CLIENT_CAP_PER_NODE = 75n * UNITS_PER_RENDER;

/**
 * The compute-client reward pool: 1,140,852 RENDER.
 *
 * @example
 * ```ts
 * COMPUTE_CLIENT_POOL / UNITS_PER_RENDER; // 1_140_852n
 * ```
 * Ports: "A total of 1,140,852 RENDER has been reserved for allocation as Compute Client Rewards",
 * rendernetwork/RNPs `RNP-006.md` @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export const COMPUTE_CLIENT_POOL = 1_140_852n * UNITS_PER_RENDER;

/** Fixed-point scale of the compute-client scores (10^18 = 1.0). */
export const SCORE_SCALE = 10n ** 18n;

/**
 * The compute-client score weights (work 0.25, bandwidth 0.35, GPU model 0.20, uptime 0.20) in
 * {@link SCORE_SCALE} units.
 *
 * @example
 * ```ts
 * WEIGHTS.work + WEIGHTS.bandwidth + WEIGHTS.gpu + WEIGHTS.uptime === SCORE_SCALE; // true
 * ```
 * Ports: "W_A = 0.25, W_B = 0.35, W_C = 0.20, W_D = 0.20", rendernetwork/RNPs `RNP-006.md` (Weight Assignments)
 * @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export const WEIGHTS = { work: (SCORE_SCALE * 25n) / 100n, bandwidth: (SCORE_SCALE * 35n) / 100n, gpu: (SCORE_SCALE * 20n) / 100n, uptime: (SCORE_SCALE * 20n) / 100n } as const;

/**
 * Bandwidth tier scores (low, medium, high, ultra high: 0.2, 0.4, 0.6, 0.8) in {@link SCORE_SCALE} units.
 *
 * @example
 * ```ts
 * BANDWIDTH_TIER_SCORES.medium; // 4n * 10n ** 17n
 * ```
 * Ports: "Tier Score Low speed 0.2 Medium speed 0.4 High speed 0.6 Ultra high speed 0.8", rendernetwork/RNPs
 * `RNP-006.md` (Bandwidth Scoring System) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export const BANDWIDTH_TIER_SCORES = { low: (SCORE_SCALE * 2n) / 10n, medium: (SCORE_SCALE * 4n) / 10n, high: (SCORE_SCALE * 6n) / 10n, ultra: (SCORE_SCALE * 8n) / 10n } as const;

// ---------------------------------------------------------------------------------------------

function nat(name: string, value: unknown, what: string): bigint {
  if (typeof value !== 'bigint') fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, `must be a bigint (${what}), got ${typeof value}`, 'pass a bigint, e.g. 1000n or BigInt(x)');
  if (value < 0n) fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, 'must not be negative', `${what} is a token amount or a count`);
  return value;
}

/**
 * One growth-phase year from the one before: `previous × 945 / 1000`, floored.
 *
 * @param previous - The previous BME year's emissions (base units).
 * @returns This year's emissions (base units).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `previous` if it is not a non-negative bigint.
 * @example
 * ```ts
 * dampedEmission(1_000n); // 945n
 * ```
 * Ports: the damping coefficient 0.945 of the growth phase, rendernetwork/RNPs `RNP-001.md` (Appendix)
 * @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export function dampedEmission(previous: bigint): bigint {
  nat('previous', previous, "the previous year's emissions");
  return (previous * DAMPING_PER_MILLE) / 1000n;
}

/**
 * The Foundation's share of an emission: 50%, floored (RNP-003; RNP-006 2).
 *
 * @param emission - Emissions of the period (base units).
 * @returns The Foundation's part (base units); the Network gets the rest.
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `emission`.
 * @example
 * ```ts
 * foundationShare(76_056_700_000_000n); // 38_028_350_000_000n: 380,283.5 RENDER
 * ```
 * Ports: rendernetwork/RNPs `RNP-003.md`, `RNP-006.md` (Initial Emissions Splits 2) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export function foundationShare(emission: bigint): bigint {
  nat('emission', emission, 'the emission');
  return (emission * FOUNDATION_PERCENT) / 100n;
}

/** The Network emissions of one month split between the RNP-006 pools. */
export interface NetworkSplit {
  /** Render node operators: 50% of Network emissions. */
  nodeOperators: bigint;
  /** Liquidity providers: the rest in months 1–3, half the rest in months 4–9, none after. */
  liquidity: bigint;
  /** Artists: half the rest in months 4–9, all of it from month 10. */
  artists: bigint;
}

/**
 * The RNP-006 split of a month's Network emissions (the half not going to the Foundation) by BME month
 * (1 = the first month after BME deployment): node operators 50%; the rest to liquidity for months 1–3,
 * split 50/50 liquidity/artists for months 4–9, then all to artists. Each part floored; the last part takes
 * the remainder, so the parts sum to `network` exactly.
 *
 * @param network - The month's Network emissions (base units).
 * @param month - BME month, 1, 2, … (integer ≥ 1).
 * @returns The three parts (base units).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `network` or `month` (`month` < 1).
 * @example
 * ```ts
 * networkSplit(38_028_350_000_000n, 4n).liquidity; // 9_507_087_500_000n: 95,070.875 RENDER (RNP-006's "95,071")
 * ```
 * Ports: "Node operators start with an allocation of 50% of monthly Network Emissions (190,142 RENDER tokens).
 * For the first 3 months, the remaining 190,141 ... Liquidity ... for the next 6 months ... 50% ... Liquidity
 * ... 50% ... Artists ... After that (9 months from BME deployment) all ... Artists", rendernetwork/RNPs
 * `RNP-006.md` (Initial Emissions Splits 3–4) and the table `RNP-006/image1.png` @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export function networkSplit(network: bigint, month: bigint): NetworkSplit {
  nat('network', network, 'the Network emissions');
  nat('month', month, 'the BME month');
  if (month < 1n) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'month', month, 'must be at least 1', 'BME months count from 1 (the first month after deployment)');
  const nodeOperators = network / 2n;
  const rest = network - nodeOperators;
  if (month <= 3n) return { nodeOperators, liquidity: rest, artists: 0n };
  if (month <= 9n) {
    const liquidity = rest / 2n;
    return { nodeOperators, liquidity, artists: rest - liquidity };
  }
  return { nodeOperators, liquidity: 0n, artists: rest };
}

/**
 * The compute-client pool of a monthly epoch: the lower of the remaining rewards divided by the months left
 * (to 2024-10-31) and 75 RENDER × the qualified nodes of the epoch. Floored.
 *
 * @param remaining - Unallocated compute-client rewards at the start of the epoch (base units).
 * @param monthsLeft - Monthly epochs left, this one included (≥ 1).
 * @param qualifiedNodes - Qualified nodes during the epoch.
 * @returns The epoch's pool (base units).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at the argument's name; `monthsLeft` 0.
 * @example
 * ```ts
 * computeClientPool(840_852n * UNITS_PER_RENDER, 10n, 10_000n); // 8_408_520_000_000n: 84,085.2 RENDER
 * ```
 * Ports: "The Reward Pool for these monthly Epochs will be calculated as the total remaining Rewards divided by
 * the number of months left up to 10/31/24 ... the available rewards per Epoch will be the lower of the above
 * Rewards, and the product of the number of Qualified Nodes available during the Epoch and 75 RENDER",
 * rendernetwork/RNPs `RNP-006.md` (Rewards Pool) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export function computeClientPool(remaining: bigint, monthsLeft: bigint, qualifiedNodes: bigint): bigint {
  nat('remaining', remaining, 'the remaining rewards');
  nat('monthsLeft', monthsLeft, 'the months left');
  nat('qualifiedNodes', qualifiedNodes, 'the qualified nodes');
  if (monthsLeft === 0n) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'monthsLeft', monthsLeft, 'must be at least 1', 'the epoch being paid counts as a month left');
  const even = remaining / monthsLeft;
  const capped = COMPUTE_CLIENT_CAP_PER_NODE * qualifiedNodes;
  return even < capped ? even : capped;
}

/**
 * A node's share-of-work score A_i = 0.1 + 0.9 × r_i / max r_j, in {@link SCORE_SCALE} units, floored.
 *
 * @param earned - USD (any integer unit, e.g. cents) earned by the node in the epoch.
 * @param maxEarned - The most earned by any node in the epoch (> 0, ≥ `earned`).
 * @returns A_i × 10^18, in [10^17, 10^18].
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `earned` or `maxEarned` (0, or below `earned`).
 * @example
 * ```ts
 * workScore(100n, 2_500n); // 136_000_000_000_000_000n: A_i = 0.136 (RNP-006's example)
 * ```
 * Ports: "A_i = 0.1 + 0.9 × (100) / (2500) = 0.136", rendernetwork/RNPs `RNP-006.md` (Share of Compute Work
 * Completed; `RNP-007/addendum/image2.png`) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export function workScore(earned: bigint, maxEarned: bigint): bigint {
  nat('earned', earned, 'the USD earned');
  nat('maxEarned', maxEarned, 'the most USD earned by a node');
  if (maxEarned === 0n || earned > maxEarned) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'maxEarned', maxEarned, 'must be positive and at least earned', "max r_j is the largest of the epoch's earnings");
  return SCORE_SCALE / 10n + (9n * SCORE_SCALE * earned) / (10n * maxEarned);
}

/** A node's four factor scores, each in {@link SCORE_SCALE} units (1.0 = 10^18). */
export interface NodeScores {
  /** A: the work score from {@link workScore}. */
  work: bigint;
  /** B: the bandwidth tier score ({@link BANDWIDTH_TIER_SCORES}). */
  bandwidth: bigint;
  /** C: the GPU model score (RTX 4090 = 1.0, RTX 3060 = 0.6, …). */
  gpu: bigint;
  /** D: uptime, active time over the epoch's possible active time. */
  uptime: bigint;
}

/**
 * The weighted score W_A·A_i + W_B·B_i + W_C·C_i + W_D·D_i, in {@link SCORE_SCALE} units, floored.
 *
 * @param s - The node's factor scores.
 * @returns The weighted score × 10^18.
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `s.<factor>`.
 * @example
 * ```ts
 * weightedScore({ work: 136n * 10n ** 15n, bandwidth: 4n * 10n ** 17n, gpu: 6n * 10n ** 17n, uptime: 95n * 10n ** 16n }); // 0.484 × 10^18
 * ```
 * Ports: the numerator of r_i, rendernetwork/RNPs `RNP-006.md` (Formula; `RNP-007/addendum/image1.png`, the
 * worked example `image3.png`) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export function weightedScore(s: NodeScores): bigint {
  const w = nat('s.work', s.work, 'a score') * WEIGHTS.work;
  const b = nat('s.bandwidth', s.bandwidth, 'a score') * WEIGHTS.bandwidth;
  const g = nat('s.gpu', s.gpu, 'a score') * WEIGHTS.gpu;
  const u = nat('s.uptime', s.uptime, 'a score') * WEIGHTS.uptime;
  return (w + b + g + u) / SCORE_SCALE;
}

/**
 * Each node's reward: r_i = pool × weighted_i / Σ_j weighted_j, floored (the floors' remainder is not paid).
 *
 * @param pool - The epoch's reward pool (base units).
 * @param nodes - Every qualified node's factor scores.
 * @returns The rewards, in the order of `nodes` (base units).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `pool`, `nodes` (empty, or every weighted score 0) or a score.
 * @example
 * ```ts
 * const a = { work: SCORE_SCALE, bandwidth: BANDWIDTH_TIER_SCORES.ultra, gpu: SCORE_SCALE, uptime: SCORE_SCALE };
 * computeClientRewards(100n, [a, a]); // [50n, 50n]
 * ```
 * Ports: "r_i = Total Reward Pool × (W_A×A_i + W_B×B_i + W_C×C_i + W_D×D_i) / Σ_j (...)", rendernetwork/RNPs
 * `RNP-006.md` (Formula; `RNP-007/addendum/image1.png`) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export function computeClientRewards(pool: bigint, nodes: readonly NodeScores[]): bigint[] {
  nat('pool', pool, 'the reward pool');
  if (nodes.length === 0) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'nodes', nodes, 'must not be empty', "pass the epoch's qualified nodes");
  const scores = nodes.map(weightedScore);
  const total = scores.reduce((a, b) => a + b, 0n);
  if (total === 0n) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'nodes', nodes, 'every weighted score is 0', 'at least one node must score above 0');
  return scores.map((s) => (pool * s) / total);
}

/**
 * The availability-reward penalty for the x-th node of one wallet: 1 for the first three, then
 * exp(−0.65 × (x − 3)). A float, as in the RNP's Python (`np.exp`).
 *
 * @param x - The node's rank within its wallet (1, 2, …).
 * @returns The multiplier.
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `x` if it is not an integer ≥ 1.
 * @example
 * ```ts
 * highNodePenalty(3); // 1
 * highNodePenalty(4); // 0.522045776761016
 * ```
 * Ports: `def high_node_penalty(x)` (decay_rate = 0.65), rendernetwork/RNPs `RNP-015.md` (Implementation)
 * @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export function highNodePenalty(x: number): number {
  if (!Number.isInteger(x) || x < 1) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'x', x, 'must be an integer >= 1', 'x counts the nodes of one wallet from 1');
  if (x <= 3) return 1;
  return Math.exp(-0.65 * (x - 3));
}

/**
 * RNP-023's Salad revenue split: the share of each product's revenue that is burned (SCE 60%, SGS 35%) and the
 * share paid to Chefs as rewards (SCE 56%, SGS 31%: the burn less 4% of revenue), as parts per 100.
 *
 * @example
 * ```ts
 * saladBurnAndRewards(1_000n * UNITS_PER_RENDER, 'SCE'); // burn 600, rewards 560 (in RENDER at a constant price)
 * ```
 * Ports: "Salad Container Engine: 35% to Salad ..., 5% ... Render Foundation, and 60% going to BME and being
 * burned. Salad Gateway Service: 60% ..., 5% ..., and 35% going to BME"; "rewards are expected to be ~56% of
 * total revenue generated by SCE and ~31% ... by SGS", rendernetwork/RNPs `RNP-023.md` @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export const SALAD_SHARES = { SCE: { burn: 60n, rewards: 56n }, SGS: { burn: 35n, rewards: 31n } } as const;

/**
 * The RENDER burned and paid to Chefs for a revenue of one Salad product, at one price (RNP-023 Scenario 1).
 *
 * @param revenue - Revenue, in RENDER base units at the prevailing price.
 * @param product - `'SCE'` (Salad Container Engine) or `'SGS'` (Salad Gateway Service).
 * @returns `{ burn, rewards }` (base units, floored).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` at `revenue` or `product`.
 * @example
 * ```ts
 * saladBurnAndRewards(500n * UNITS_PER_RENDER, 'SCE'); // { burn: 300 RENDER, rewards: 280 RENDER }: RNP-023's SCE example
 * ```
 * Ports: the SCE and SGS examples (Scenario 1), rendernetwork/RNPs `RNP-023.md` (Examples) @ a7ced7740f0bbe963a883f0aa1666d66840eb287.
 */
export function saladBurnAndRewards(revenue: bigint, product: 'SCE' | 'SGS'): { burn: bigint; rewards: bigint } {
  nat('revenue', revenue, 'the revenue');
  const s = SALAD_SHARES[product];
  if (s === undefined) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'product', product, 'must be SCE or SGS', 'RNP-023 has two products');
  return { burn: (revenue * s.burn) / 100n, rewards: (revenue * s.rewards) / 100n };
}
