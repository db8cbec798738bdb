/**
 * Arweave's inflation, fee and endowment rules, ported exactly to `bigint` (winston) from
 * ArweaveTeam/arweave at commit 50e47de6d054afefdee112fa124695eb8d0176fc (2026-05-20), mainnet
 * build (neither `AR_TEST` nor `FORKS_RESET` defined):
 *
 * - `apps/arweave/src/ar_inflation.erl` (`calculate/1`, `calculate2`, `pre_15_calculate`,
 *   `calculate_base`, `calculate_base_pre_fork_2_5`, `blocks_per_year`),
 * - `apps/arweave/include/ar_inflation.hrl` (`LN2`, the Taylor precision 24, `FORK_15_HEIGHT`,
 *   `PRE_15_BLOCKS_PER_YEAR`, `PRE_25_BLOCKS_PER_YEAR`, `POST_15_Y1_EXTRA`),
 * - `apps/arweave/src/ar_fraction.erl` (`natural_exponent/2`),
 * - `apps/arweave/src/ar_fork.erl` (fork heights),
 * - `apps/arweave/include/ar_pricing.hrl` (`N_REPLICATIONS`, `MINER_FEE_SHARE`,
 *   `MINER_MINIMUM_ENDOWMENT_CONTRIBUTION_SHARE`, `LN_PRICE_DECAY_ANNUAL`,
 *   `MINING_REWARD_MULTIPLIER`, `RESET_KRYDER_PLUS_LATCH_THRESHOLD`, `TOTAL_SUPPLY`),
 * - `apps/arweave/src/ar_pricing.erl` (`get_tx_fee/1`, `get_miner_reward_endowment_pool_debt_supply/1`,
 *   `distribute_transaction_fees2`, `distribute_transaction_fees`, `get_miner_fee_share`,
 *   `redenominate/3`),
 * - `apps/arweave/src/ar_pricing_transition.erl` (`get_transition_price/2` and its constants,
 *   `is_v2_pricing_height/1`),
 * - `apps/arweave/src/ar_node_utils.erl` (`get_miner_reward_and_endowment_pool/1`: which of the
 *   two reward rules a height uses).
 *
 * Erlang semantics kept: `div` truncates toward zero (JS `bigint /` does the same); the float
 * regimes of `ar_inflation` (heights ≤ 95,000 and 262,801 … 812,969) compute in IEEE doubles in
 * the same operation order and are then truncated, as `trunc(ar_inflation:calculate(H))` does in
 * `ar_pricing:get_miner_reward_and_endowment_pool/1` and the `/inflation/{height}` endpoint
 * (`ar_http_iface_middleware.erl`). Those doubles use JS `Math.pow`/`Math.log`, which may differ from
 * the C library Erlang calls in the last bit; at 10^11 winston one bit is 10^−5 winston, so the
 * truncated value differs only if the exact value lies within that of an integer.
 *
 * @packageDocumentation
 */

import { ErrorCodes, fail } from '@flywheel/spec';

/** Where the code in this file comes from. */
export const SOURCE = {
  repo: 'ArweaveTeam/arweave',
  commit: '50e47de6d054afefdee112fa124695eb8d0176fc',
} as const;

function bigintArg(name: string, value: unknown, min = 0n): bigint {
  if (typeof value !== 'bigint') {
    fail(
      ErrorCodes.RULE_INVALID_ARGUMENT,
      name,
      value,
      `must be a bigint, got ${value === null ? 'null' : typeof value}`,
      `pass ${name} as a bigint, e.g. 10n or BigInt("10"); exact rules never take a JS number`,
    );
  }
  if (value < min) {
    fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, `must be >= ${min}, got ${value}`, `${name} cannot be below ${min} in the protocol`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/**
 * Winston per AR (10^12). Ports `WINSTON_PER_AR` of `apps/arweave/include/ar.hrl` @ 50e47de6.
 * @example
 * ```ts
 * const ar = inflationReward(1_000_000n) / WINSTON_PER_AR; // whole AR of the block reward
 * ```
 */
export const WINSTON_PER_AR = 1_000_000_000_000n;

/** `GENESIS_TOKENS` = 55,000,000 AR (`ar.hrl` @ 50e47de6). */
export const GENESIS_TOKENS = 55_000_000n;

/** `TARGET_BLOCK_TIME` = 120 s (`ar.hrl` @ 50e47de6). */
export const TARGET_BLOCK_TIME = 120n;

/** `TX_SIZE_BASE` = 3,210 bytes added to every transaction's data size (`ar.hrl` @ 50e47de6). */
export const TX_SIZE_BASE = 3_210n;

/** 2^30 bytes (`?GiB` of `ar.hrl`). */
export const GIB = 1n << 30n;

/**
 * Sum of the genesis balances and the whole emission, winston: 66,000,015.859279336957 AR.
 * Excludes debt supply. Ports `TOTAL_SUPPLY` of `ar_pricing.hrl` @ 50e47de6.
 */
export const TOTAL_SUPPLY = 66_000_015_859_279_336_957n;

/** `LN2` of `ar_inflation.hrl`: ln 2 as the decimal fraction 6931471805599453 / 10^16. */
export const LN2: readonly [bigint, bigint] = [6_931_471_805_599_453n, 10_000_000_000_000_000n];

/** `INFLATION_NATURAL_EXPONENT_DECIMAL_FRACTION_PRECISION` = 24: the last power of the Taylor series of e^x. */
export const INFLATION_NATURAL_EXPONENT_PRECISION = 24n;

/** `POST_15_Y1_EXTRA` = 13,275,279,633,337 winston added to each block from fork 1.5 to the end of year one. */
export const POST_15_Y1_EXTRA = 13_275_279_633_337n;

/** `LN_PRICE_DECAY_ANNUAL`: ln 0.995 as −5012541823544286 / 10^18 (`ar_pricing.hrl` @ 50e47de6). */
export const LN_PRICE_DECAY_ANNUAL: readonly [bigint, bigint] = [-5_012_541_823_544_286n, 1_000_000_000_000_000_000n];

/** `MINER_FEE_SHARE` = 1/21: the miner's share of each fee under v2 pricing (`ar_pricing.hrl`). */
export const MINER_FEE_SHARE: readonly [bigint, bigint] = [1n, 21n];

/** `MINER_MINIMUM_ENDOWMENT_CONTRIBUTION_SHARE` = 1/20: the fee is at least X + X/20, X to the endowment. */
export const MINER_MINIMUM_ENDOWMENT_CONTRIBUTION_SHARE: readonly [bigint, bigint] = [1n, 20n];

/** `MINING_REWARD_MULTIPLIER` = 2/10 (mainnet): the legacy fee is X + 0.2X, so the miner gets 0.2/1.2 = 1/6. */
export const MINING_REWARD_MULTIPLIER: readonly [bigint, bigint] = [2n, 10n];

/** `RESET_KRYDER_PLUS_LATCH_THRESHOLD` = 10^16 winston (10,000 AR), mainnet. */
export const RESET_KRYDER_PLUS_LATCH_THRESHOLD = 10_000_000_000_000_000n;

/**
 * Mainnet fork heights (`ar_fork.erl` @ 50e47de6). Fork 1.5 of `ar_inflation.hrl` is `?FORK_1_6` = 95,000
 * in the mainnet build.
 */
export const FORKS = {
  '1.6': 95_000n,
  '2.4': 633_720n,
  '2.5': 812_970n,
  '2.6': 1_132_210n,
  '2.6.8': 1_189_560n,
  '2.7': 1_275_480n,
  '2.7.1': 1_316_410n,
  '2.7.2': 1_391_330n,
} as const;

/** The constants of `ar_pricing_transition.erl` (mainnet), overridable as the protocol's eunit tests mock them. */
export interface TransitionConfig {
  /** `height_2_7_2()` */
  fork272: bigint;
  /** `transition_start_2_6_8()` = height_2_6_8 + PRICE_2_6_8_TRANSITION_START */
  start268: bigint;
  /** `transition_start_2_7_2()` = height_2_6_8 + PRICE_2_7_2_TRANSITION_START */
  start272: bigint;
  /** `transition_length_2_6_8()` = PRICE_2_6_8_TRANSITION_BLOCKS */
  length268: bigint;
  /** `transition_length_2_7_2()` = PRICE_2_7_2_TRANSITION_BLOCKS */
  length272: bigint;
  /** `PRICE_PER_GIB_MINUTE_PRE_TRANSITION` (winston per GiB-minute) */
  preTransitionPrice: bigint;
  /** `PRICE_2_7_2_PER_GIB_MINUTE_UPPER_BOUND` */
  upperBound272: bigint;
  /** `PRICE_2_7_2_PER_GIB_MINUTE_LOWER_BOUND` */
  lowerBound272: bigint;
}

/**
 * Mainnet transition: 2.6.8 transition from 1,189,560 + 179,505 (≈ 2024-02-20) over 30·24·30·18 blocks;
 * 2.7.2 transition from 1,189,560 + 361,910 = 1,551,470 (≈ 2024-11-20) over 30·24·30·24 = 518,400 blocks,
 * so v2 pricing from height 2,069,870 (≈ 2026-11-20); static 400, cap 340 and floor 170 winston per GiB-minute
 * between fork 2.7.2 and the 2.7.2 transition start.
 */
export const MAINNET_TRANSITION: TransitionConfig = {
  fork272: FORKS['2.7.2'],
  start268: FORKS['2.6.8'] + 179_505n,
  start272: FORKS['2.6.8'] + 361_910n,
  length268: 30n * 24n * 30n * 18n,
  length272: 30n * 24n * 30n * 24n,
  preTransitionPrice: 400n,
  upperBound272: 340n,
  lowerBound272: 170n,
};

// ---------------------------------------------------------------------------------------------
// ar_fraction, ar_inflation
// ---------------------------------------------------------------------------------------------

/**
 * e^x for x = dividend / divisor as the fraction Σ_{j=0..p} x^j / j!, unreduced, exactly as
 * `ar_fraction:natural_exponent/2` returns it (`{1, 1}` for x = 0).
 * @example
 * ```ts
 * naturalExponent([1n, 1n], 2n); // [5n, 2n]: 1 + 1 + 1/2
 * ```
 */
export function naturalExponent(x: readonly [bigint, bigint], p: bigint): [bigint, bigint] {
  const [dividend, divisor] = x;
  if (dividend === 0n) return [1n, 1n];
  let sum = 0n;
  let m = 1n;
  let k = 0n;
  for (let q = p; q >= 0n; q--) {
    sum += dividend ** q * divisor ** k * m;
    m *= q;
    k += 1n;
  }
  let fact = 1n;
  for (let i = 2n; i <= p; i++) fact *= i;
  return [sum, divisor ** p * fact];
}

/** `blocks_per_year(Height)` = 31,536,000 div 120 = 262,800 on mainnet. */
export function blocksPerYear(): bigint {
  return (60n * 60n * 24n * 365n) / TARGET_BLOCK_TIME;
}

const B = 262_800n;
// calculate_base: constant parts of 55M·10^12·EXDivisor·2·Ln2Dividend div (10·B·Ln2Divisor·EXDividend).
// EXDivisor = (B·Ln2Divisor)^24 · 24! does not depend on the height, nor do the Taylor coefficients
// a_j = (24! / j!) · (B·Ln2Divisor)^(24−j) of Σ_j a_j · (H·Ln2Dividend)^j = EXDividend, so they are
// computed once; the quotient is the same integer as the literal port ({@link naturalExponent}).
const EX_DIVISOR_BASE = B * LN2[1];
const TAYLOR = (() => {
  const p = Number(INFLATION_NATURAL_EXPONENT_PRECISION);
  const coeff: bigint[] = [];
  for (let j = 0; j <= p; j++) {
    let c = 1n;
    for (let i = j + 1; i <= p; i++) c *= BigInt(i);
    coeff.push(c * EX_DIVISOR_BASE ** BigInt(p - j));
  }
  let fact = 1n;
  for (let i = 2n; i <= INFLATION_NATURAL_EXPONENT_PRECISION; i++) fact *= i;
  return { coeff, exDivisor: EX_DIVISOR_BASE ** INFLATION_NATURAL_EXPONENT_PRECISION * fact };
})();

/**
 * `calculate_base(Height)`: the post-2.5 inflation reward in winston,
 * 55M · 10^12 · 0.2 · ln2 / B / e^(H·ln2/B), with e^x a 24-term Taylor fraction and one floor division.
 * @example
 * ```ts
 * calculateBase(0n); // 29_013_009_840_789n: 11M · ln2 / 262,800 AR, floored
 * ```
 */
export function calculateBase(height: bigint): bigint {
  bigintArg('height', height);
  const dividend = height * LN2[0];
  const numerator = GENESIS_TOKENS * WINSTON_PER_AR * 2n * LN2[0];
  const denominator = 10n * B * LN2[1];
  if (dividend === 0n) return numerator / denominator;
  let ex = 0n;
  for (let j = TAYLOR.coeff.length - 1; j >= 0; j--) ex = ex * dividend + TAYLOR.coeff[j]!;
  return (numerator * TAYLOR.exDivisor) / (denominator * ex);
}

/** The literal port of `calculate_base` through {@link naturalExponent} (slow; {@link calculateBase} gives the same integer). */
export function calculateBaseLiteral(height: bigint): bigint {
  bigintArg('height', height);
  const [ln2Dividend, ln2Divisor] = LN2;
  const [exDividend, exDivisor] = naturalExponent([height * ln2Dividend, blocksPerYear() * ln2Divisor], INFLATION_NATURAL_EXPONENT_PRECISION);
  return (GENESIS_TOKENS * WINSTON_PER_AR * exDivisor * 2n * ln2Dividend) / (10n * blocksPerYear() * ln2Divisor * exDividend);
}

const PRE_BLOCKS_PER_YEAR = 525600 / (120 / 60); // 262800.0, a float in Erlang

/**
 * `pre_15_calculate(Height)` in doubles (1 winston during the first quarter year). `PRE_15_BLOCKS_PER_YEAR`
 * is defined without outer parentheses (`525600 / (120 / 60)`), so `X / ?PRE_15_BLOCKS_PER_YEAR`
 * expands to `X / 525600 / (120 / 60)`, a division by 1,051,200; `(?PRE_15_BLOCKS_PER_YEAR) / 4`
 * is 65,700. The port keeps the expansion: it is what `POST_15_Y1_EXTRA` was computed against and
 * what the year-1 eunit test sums to 5.5M.
 */
function pre15Calculate(height: bigint): number {
  const h = Number(height);
  const rewardDelay = PRE_BLOCKS_PER_YEAR / 4;
  if (h <= rewardDelay) return 1;
  return (1e12 * 0.2 * 55_000_000 * Math.pow(2, -(h - rewardDelay) / 525600 / (120 / 60)) * Math.log(2)) / 525600 / (120 / 60);
}

/** `calculate_base_pre_fork_2_5(Height)` in doubles. */
function calculateBasePreFork25(height: bigint): number {
  const h = Number(height);
  return (1e12 * (0.2 * 55_000_000 * Math.pow(2, -h / PRE_BLOCKS_PER_YEAR) * Math.log(2))) / PRE_BLOCKS_PER_YEAR;
}

/**
 * The inflation reward of the block at `height`, in winston: `trunc(ar_inflation:calculate(Height))`
 * of the mainnet build, with its regimes: the pre-1.5 float formula (1 winston for the first 65,700
 * blocks) up to height 95,000; `calculate_base` + `POST_15_Y1_EXTRA` to the end of year one
 * (262,800); the float formula `calculate_base_pre_fork_2_5` to fork 2.5 (812,970); `calculate_base`
 * from there on.
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` if `height` is not a bigint ≥ 0.
 * @example
 * ```ts
 * inflationReward(1_517_565n); // 529_986_533_750n: 0.53 AR at the model's start (2024-10-01)
 * ```
 */
export function inflationReward(height: bigint): bigint {
  bigintArg('height', height);
  if (height <= FORKS['1.6']) return BigInt(Math.trunc(pre15Calculate(height)));
  if (Number(height) <= PRE_BLOCKS_PER_YEAR) return calculateBase(height) + POST_15_Y1_EXTRA;
  if (height >= FORKS['2.5']) return calculateBase(height);
  return BigInt(Math.trunc(calculateBasePreFork25(height)));
}

// ---------------------------------------------------------------------------------------------
// ar_pricing: fees
// ---------------------------------------------------------------------------------------------

/** `N_REPLICATIONS(Height)`: 10 before fork 2.5, 45 from 2.5, 20 from 2.6. */
export function nReplications(height: bigint): bigint {
  bigintArg('height', height);
  if (height >= FORKS['2.6']) return 20n;
  if (height >= FORKS['2.5']) return 45n;
  return 10n;
}

/**
 * `ar_pricing:get_tx_fee/1`: the minimum fee in winston for `dataSize` bytes (the caller,
 * `ar_tx:get_tx_fee2`, adds `TX_SIZE_BASE`) at `gibMinutePrice` winston per GiB-minute:
 * FirstYear = size · price · 525,600; Perpetual = FirstYear · K · N / (−ln 0.995) / GiB;
 * fee = ⌊Perpetual · (1 + 1/20)⌋.
 * @example
 * ```ts
 * getTxFee(GIB + TX_SIZE_BASE, 340n, 1n, 1_517_565n); // 748_681_078_627n: 0.7487 AR for 1 GiB
 * ```
 */
export function getTxFee(dataSize: bigint, gibMinutePrice: bigint, kryderPlusRateMultiplier: bigint, height: bigint): bigint {
  bigintArg('dataSize', dataSize);
  bigintArg('gibMinutePrice', gibMinutePrice);
  bigintArg('kryderPlusRateMultiplier', kryderPlusRateMultiplier, 1n);
  const firstYearPrice = dataSize * gibMinutePrice * 60n * 24n * 365n;
  const [lnDecayDividend, lnDecayDivisor] = LN_PRICE_DECAY_ANNUAL;
  const perpetual: [bigint, bigint] = [-firstYearPrice * lnDecayDivisor * kryderPlusRateMultiplier * nReplications(height), lnDecayDividend * GIB];
  const [sd, sv] = MINER_MINIMUM_ENDOWMENT_CONTRIBUTION_SHARE;
  const minerShare: [bigint, bigint] = [perpetual[0] * sd, perpetual[1] * sv];
  // ar_fraction:add: {D1·V2 + D2·V1, V1·V2}; both divisors are negative, so the quotient is positive.
  const dividend = perpetual[0] * minerShare[1] + minerShare[0] * perpetual[1];
  const divisor = perpetual[1] * minerShare[1];
  return dividend / divisor;
}

/** `redenominate(Amount, BaseDenomination, Denomination)`: × 1000 per denomination step (0 means "as is"). */
export function redenominate(amount: bigint, baseDenomination: bigint, denomination: bigint): bigint {
  if (baseDenomination === 0n || baseDenomination === denomination) return amount;
  if (denomination < baseDenomination) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'denomination', denomination, 'must be >= the base denomination', 'the protocol only redenominates upward');
  return amount * 1000n ** (denomination - baseDenomination);
}

/**
 * `distribute_transaction_fees2`: v2 split of each fee, miner ⌊fee · 1/21⌋, the rest to the endowment.
 * @returns `[endowmentPoolShare, minerShare]`
 */
export function distributeTransactionFees2(fees: readonly bigint[]): [bigint, bigint] {
  let pool = 0n;
  let miner = 0n;
  for (const fee of fees) {
    bigintArg('fee', fee);
    const m = (fee * MINER_FEE_SHARE[0]) / MINER_FEE_SHARE[1];
    pool += fee - m;
    miner += m;
  }
  return [pool, miner];
}

/**
 * `distribute_transaction_fees` (the 2.5 rule, used until v2 pricing): miner ⌊fee · 2 / 12⌋ = 1/6
 * from fork 2.5 (before it, the float form trunc(0.2 · fee / 1.2)), the rest to the endowment.
 * @returns `[endowmentPoolShare, minerShare]`
 */
export function distributeTransactionFees(fees: readonly bigint[], height: bigint): [bigint, bigint] {
  bigintArg('height', height);
  const [d, v] = MINING_REWARD_MULTIPLIER;
  let pool = 0n;
  let miner = 0n;
  for (const fee of fees) {
    bigintArg('fee', fee);
    const m = height >= FORKS['2.5'] ? (fee * d) / (d + v) : BigInt(Math.trunc(((Number(d) / Number(v)) * Number(fee)) / (Number(d) / Number(v) + 1)));
    pool += fee - m;
    miner += m;
  }
  return [pool, miner];
}

/** `get_miner_fee_share(MaintenanceCost, Height)` (legacy fee): ⌊cost · 2 / 10⌋ from fork 2.5. */
export function getMinerFeeShare(maintenanceCost: bigint, height: bigint): bigint {
  bigintArg('maintenanceCost', maintenanceCost);
  bigintArg('height', height);
  const [d, v] = MINING_REWARD_MULTIPLIER;
  return height >= FORKS['2.5'] ? (maintenanceCost * d) / v : BigInt(Math.trunc(Number(maintenanceCost) * (Number(d) / Number(v))));
}

// ---------------------------------------------------------------------------------------------
// ar_pricing: the endowment
// ---------------------------------------------------------------------------------------------

/** The block state `get_miner_reward_endowment_pool_debt_supply/1` reads. */
export interface EndowmentArgs {
  endowmentPool: bigint;
  debtSupply: bigint;
  /** The fees of the block's transactions, winston (already in the block's denomination). */
  txFees: readonly bigint[];
  /** Weave size, bytes. */
  weaveSize: bigint;
  height: bigint;
  /** The previous block's price per GiB-minute, winston. */
  gibMinutePrice: bigint;
  kryderPlusRateMultiplierLatch: bigint;
  kryderPlusRateMultiplier: bigint;
  denomination: bigint;
  /** Average block interval, seconds (`ar_block_time_history:compute_block_interval`). */
  blockInterval: bigint;
}

/** What `get_miner_reward_endowment_pool_debt_supply/1` returns. */
export interface EndowmentResult {
  minerReward: bigint;
  endowmentPool: bigint;
  debtSupply: bigint;
  kryderPlusRateMultiplierLatch: bigint;
  kryderPlusRateMultiplier: bigint;
  /** EndowmentPoolFeeShare: what the fees gave the pool. */
  give: bigint;
  /** What was taken from the pool or minted as debt. */
  take: bigint;
}

/**
 * `ar_pricing:get_miner_reward_endowment_pool_debt_supply/1` (v2 pricing): the miner gets
 * ExpectedReward = N · weave · price · interval / (60 · GiB) if inflation + its 1/21 fee share fall
 * short; the gap is taken from the pool (after this block's 20/21 inflow), and what the pool cannot
 * pay is added to the debt supply (minted). The first time the pool cannot pay, the latch closes and
 * the Kryder+ multiplier doubles; the latch opens again on a block that draws from a pool left above
 * 10,000 AR. `inflation` defaults to {@link inflationReward} (the eunit tests mock it to 10).
 */
export function getMinerRewardEndowmentPoolDebtSupply(
  args: EndowmentArgs,
  inflation: (height: bigint) => bigint = inflationReward,
  latchThreshold = RESET_KRYDER_PLUS_LATCH_THRESHOLD,
): EndowmentResult {
  const { endowmentPool, debtSupply, txFees, weaveSize, height, gibMinutePrice, kryderPlusRateMultiplierLatch: latch, kryderPlusRateMultiplier: k, denomination, blockInterval } = args;
  for (const [n, v] of Object.entries({ endowmentPool, debtSupply, weaveSize, height, gibMinutePrice, latch, blockInterval })) bigintArg(n, v);
  bigintArg('kryderPlusRateMultiplier', k, 1n);
  bigintArg('denomination', denomination, 1n);
  const infl = redenominate(inflation(height), 1n, denomination);
  const expectedReward = (nReplications(height) * weaveSize * gibMinutePrice * blockInterval) / (60n * GIB);
  const [give, minerFeeShare] = distributeTransactionFees2(txFees);
  const baseReward = infl + minerFeeShare;
  const pool2 = endowmentPool + give;
  if (baseReward >= expectedReward) {
    return { minerReward: baseReward, endowmentPool: pool2, debtSupply, kryderPlusRateMultiplierLatch: latch, kryderPlusRateMultiplier: k, give, take: 0n };
  }
  const take = expectedReward - baseReward;
  const short = take > pool2;
  const pool3 = short ? 0n : pool2 - take;
  const debt2 = short ? debtSupply + take - pool2 : debtSupply;
  let latch2 = latch;
  let k2 = k;
  if (short && latch === 0n) {
    latch2 = 1n;
    k2 = k * 2n;
  } else if (!short && latch === 1n) {
    latch2 = pool3 > redenominate(latchThreshold, 1n, denomination) ? 0n : 1n;
  }
  return { minerReward: baseReward + take, endowmentPool: pool3, debtSupply: debt2, kryderPlusRateMultiplierLatch: latch2, kryderPlusRateMultiplier: k2, give, take };
}

// ---------------------------------------------------------------------------------------------
// ar_pricing_transition
// ---------------------------------------------------------------------------------------------

/**
 * `ar_pricing_transition:get_transition_price(Height, V2Price)`: the static price before the 2.6.8
 * transition start, then a linear interpolation from the start price to the v2 price over the
 * transition (the 2.7.2 transition replaces the 2.6.8 one from its start), bounded to [170, 340]
 * between fork 2.7.2 and the 2.7.2 transition start; the v2 price after the end.
 * @example
 * ```ts
 * getTransitionPrice(1_517_565n, 5_000n); // 340n: capped at the seed date
 * ```
 */
export function getTransitionPrice(height: bigint, v2Price: bigint, c: TransitionConfig = MAINNET_TRANSITION): bigint {
  bigintArg('height', height);
  bigintArg('v2Price', v2Price);
  const after272 = height >= c.start272;
  const start = after272 ? c.start272 : c.start268;
  const end = start + (after272 ? c.length272 : c.length268);
  const startPrice = after272 ? c.upperBound272 : c.preTransitionPrice;
  const upper = !after272 && height >= c.fork272 ? c.upperBound272 : undefined;
  const lower = !after272 && height >= c.fork272 ? c.lowerBound272 : 0n;
  if (height < c.start268) return c.preTransitionPrice;
  if (height < end) {
    const i1 = height - start;
    const i2 = end - height;
    const p = (startPrice * i2 + v2Price * i1) / (i1 + i2);
    if (p < lower) return lower;
    if (upper !== undefined && p > upper) return upper;
    return p;
  }
  return v2Price;
}

/** `is_v2_pricing_height(Height)`: the 2.7.2 transition has ended (mainnet: height ≥ 2,069,870). */
export function isV2PricingHeight(height: bigint, c: TransitionConfig = MAINNET_TRANSITION): boolean {
  bigintArg('height', height);
  return height >= c.start272 + c.length272;
}
