/**
 * Filecoin's reward-actor rules, ported exactly to `bigint` from filecoin-project/builtin-actors
 * at commit b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a:
 *
 * - `actors/reward/src/logic.rs` (constants, `baseline_power_from_prev`, `compute_r_theta`,
 *   `compute_reward`, `compute_baseline_supply`),
 * - `actors/reward/src/expneg.rs` (`expneg` and its coefficients),
 * - `runtime/src/builtin/reward/math.rs` (`PRECISION`, `poly_val`),
 * - `actors/reward/src/state.rs` (`State::new`, `update_to_next_epoch`,
 *   `update_to_next_epoch_with_reward`, `update_smoothed_estimates`),
 * - `actors/reward/src/lib.rs` (the epoch catch-up loop of `update_network_kpi`, the block-reward
 *   share of `award_block_reward`),
 * - `runtime/src/builtin/reward/smooth/alpha_beta_filter.rs` (`FilterEstimate`, `next_estimate`),
 * - `runtime/src/builtin/network.rs` (epoch constants).
 *
 * Rust semantics kept: num-bigint `>>` on a negative number rounds toward −∞, exactly like JS
 * `bigint >>`; Rust `div_floor` rounds toward −∞, unlike JS `/` (which truncates), so it is ported
 * as {@link divFloor}. Every function takes `bigint` only: amounts in attoFIL, power in bytes,
 * epochs as `bigint` too (a JS `number` is rejected, never converted). Q.128 means a fixed-point
 * value scaled by 2^128.
 *
 * @packageDocumentation
 */

import { ErrorCodes, fail } from '@flywheel/spec';

/** Where the code in this file comes from. */
export const SOURCE = {
  repo: 'filecoin-project/builtin-actors',
  commit: 'b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a',
} as const;

// ---------------------------------------------------------------------------------------------
// Argument checking
// ---------------------------------------------------------------------------------------------

const I64_MAX = (1n << 63n) - 1n;

/**
 * Checks that `value` is a `bigint` within `[min, max]` and returns it.
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` with `path` = `name` otherwise.
 */
function bigintArg(name: string, value: unknown, { min, max }: { min?: bigint; max?: bigint } = {}): bigint {
  if (typeof value !== 'bigint') {
    fail(
      ErrorCodes.RULE_INVALID_ARGUMENT,
      name,
      value,
      `must be a bigint, got ${value === null ? 'null' : typeof value}`,
      `pass ${name} as a bigint, e.g. 10n or BigInt("10"); exact rules never take a JS number`,
    );
  }
  if (min !== undefined && value < min) {
    fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, `must be >= ${min}, got ${value}`, min === 0n ? `${name} cannot be negative in the protocol` : `pass a value of at least ${min}`);
  }
  if (max !== undefined && value > max) {
    fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, `must be <= ${max}, got ${value}`, max === I64_MAX ? `${name} is a ChainEpoch (i64) in the protocol` : `pass a value of at most ${max}`);
  }
  return value;
}

/** An epoch: a ChainEpoch (i64) the protocol can reach, 0 ≤ epoch ≤ 2^63 − 1. */
const epochArg = (name: string, value: unknown): bigint => bigintArg(name, value, { min: 0n, max: I64_MAX });

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/**
 * Fixed-point precision: Q.128 numbers are integers scaled by 2^PRECISION.
 * Ports `PRECISION` of filecoin-project/builtin-actors `runtime/src/builtin/reward/math.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const half = 1n << (PRECISION - 1n); // 0.5 in Q.128
 * ```
 */
export const PRECISION = 128n;

/**
 * 1.0 in Q.128 (2^128).
 * @example
 * ```ts
 * expneg(0n) === Q128_ONE; // e^0 = 1, exactly
 * ```
 */
export const Q128_ONE = 1n << PRECISION;

/**
 * attoFIL in one FIL (10^18).
 * @example
 * ```ts
 * const fil = SIMPLE_TOTAL / ATTO_PER_FIL; // 330_000_000n
 * ```
 */
export const ATTO_PER_FIL = 10n ** 18n;

/**
 * Seconds per epoch (30).
 * Ports `EPOCH_DURATION_SECONDS` of filecoin-project/builtin-actors `runtime/src/builtin/network.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const epochsPerHour = 3600n / EPOCH_DURATION_SECONDS; // 120n
 * ```
 */
export const EPOCH_DURATION_SECONDS = 30n;

/**
 * Epochs in a day (2,880).
 * Ports `EPOCHS_IN_DAY` of filecoin-project/builtin-actors `runtime/src/builtin/network.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const week = 7n * EPOCHS_IN_DAY;
 * ```
 */
export const EPOCHS_IN_DAY = 86_400n / EPOCH_DURATION_SECONDS;

/**
 * Epochs in a 365-day year (1,051,200): the year the reward constants ({@link BASELINE_EXPONENT},
 * {@link LAMBDA}, {@link EXP_LAM_SUB_ONE}) are derived with, and the `EPOCHS_IN_YEAR` of the test
 * module of `actors/reward/src/logic.rs`. Not the runtime's `EPOCHS_IN_YEAR`, which uses a
 * 365.2422-day year: see {@link NETWORK_EPOCHS_IN_YEAR}.
 * Ports `EPOCHS_IN_YEAR` (tests) of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const sixYears = 6n * EPOCHS_IN_YEAR; // the simple-minting half-life, in epochs
 * ```
 */
export const EPOCHS_IN_YEAR = 365n * EPOCHS_IN_DAY;

/**
 * The runtime's epochs per year, 31,556,925 s / 30 s = 1,051,897 (truncated); used by other actors
 * (e.g. the miner's vesting), not by the reward constants.
 * Ports `EPOCHS_IN_YEAR` of filecoin-project/builtin-actors `runtime/src/builtin/network.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * NETWORK_EPOCHS_IN_YEAR - EPOCHS_IN_YEAR; // 697n
 * ```
 */
export const NETWORK_EPOCHS_IN_YEAR = 31_556_925n / EPOCH_DURATION_SECONDS;

/**
 * Expected block winners per epoch (5); a block's reward is `thisEpochReward × winCount / 5`.
 * Ports `EXPECTED_LEADERS_PER_EPOCH` of filecoin-project/builtin-actors `runtime/src/builtin/network.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const perWin = blockReward(reward, 1n); // reward / EXPECTED_LEADERS_PER_EPOCH, floored
 * ```
 */
export const EXPECTED_LEADERS_PER_EPOCH = 5n;

/**
 * The "no epoch yet" value (−1) the reward state starts from before its constructor steps to epoch 0.
 * Ports `EPOCH_UNDEFINED` of fvm_shared `clock` as used by filecoin-project/builtin-actors `actors/reward/src/state.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * EPOCH_UNDEFINED + 1n; // 0n, the epoch of new RewardState(power)
 * ```
 */
export const EPOCH_UNDEFINED = -1n;

/**
 * Floor(e^(ln 2 / EPOCHS_IN_YEAR) × 2^128): Q.128 per-epoch factor making the baseline grow 100% a year.
 * Ports `BASELINE_EXPONENT` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const next = (power * BASELINE_EXPONENT) >> PRECISION; // = baselinePowerFromPrev(power)
 * ```
 */
export const BASELINE_EXPONENT = 340282591298641078465964189926313473653n;

/**
 * Baseline power at the effective-network-time origin, bytes (2,888,888,880,000,000,000 ≈ 2.5 EiB).
 * Ports `BASELINE_INITIAL_VALUE` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const eib = Number(BASELINE_INITIAL_VALUE) / 2 ** 60; // ≈ 2.5057
 * ```
 */
export const BASELINE_INITIAL_VALUE = 2_888_888_880_000_000_000n;

/**
 * Baseline power one epoch before epoch 0, bytes: BASELINE_INITIAL_VALUE / BASELINE_EXPONENT in
 * Q.128, computed as the Rust does (`((BIV << 256) / BASELINE_EXPONENT) >> 128`).
 * Ports `INIT_BASELINE_POWER` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * baselinePowerFromPrev(INIT_BASELINE_POWER); // BASELINE_INITIAL_VALUE - 1n (floor rounding)
 * ```
 */
export const INIT_BASELINE_POWER = ((BASELINE_INITIAL_VALUE << (2n * PRECISION)) / BASELINE_EXPONENT) >> PRECISION;

/**
 * Simple-minting allocation, attoFIL (330M FIL on mainnet).
 * Ports `SIMPLE_TOTAL` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * computeReward(0n, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL); // 36266264293777134739n
 * ```
 */
export const SIMPLE_TOTAL = 330_000_000n * ATTO_PER_FIL;

/**
 * Baseline-minting allocation, attoFIL (770M FIL on mainnet).
 * Ports `BASELINE_TOTAL` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const all = SIMPLE_TOTAL + BASELINE_TOTAL; // 1.1B FIL for storage mining
 * ```
 */
export const BASELINE_TOTAL = 770_000_000n * ATTO_PER_FIL;

/**
 * e^λ − 1 in Q.128 (floored), λ = ln 2 / (6 × EPOCHS_IN_YEAR).
 * Ports `EXP_LAM_SUB_ONE` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const perEpoch0 = (SIMPLE_TOTAL * EXP_LAM_SUB_ONE) >> PRECISION; // simple reward at epoch 0, before expneg
 * ```
 */
export const EXP_LAM_SUB_ONE = 37396273494747879394193016954629n;

/**
 * λ = ln 2 / (6 × EPOCHS_IN_YEAR) in Q.128 (floored): the simple-minting decay rate, a 6-year half-life.
 * Ports `LAMBDA` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const decay = expneg(LAMBDA * 100n); // e^(−100 λ) in Q.128
 * ```
 */
export const LAMBDA = 37396271439864487274534522888786n;

/**
 * Numerator coefficients of the expneg rational approximation, Q.128, highest order first.
 * Ports `EXP_NUM_COEF` of filecoin-project/builtin-actors `actors/reward/src/expneg.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * polyVal(EXPNEG_NUM_COEF, 0n) === Q128_ONE; // the constant term is 1.0
 * ```
 */
export const EXPNEG_NUM_COEF: readonly bigint[] = Object.freeze([
  -648770010757830093818553637600n,
  67469480939593786226847644286976n,
  -3197587544499098424029388939001856n,
  89244641121992890118377641805348864n,
  -1579656163641440567800982336819953664n,
  17685496037279256458459817590917169152n,
  -115682590513835356866803355398940131328n,
  340282366920938463463374607431768211456n,
]);

/**
 * Denominator coefficients of the expneg rational approximation, Q.128, highest order first.
 * Ports `EXP_DENO_COEF` of filecoin-project/builtin-actors `actors/reward/src/expneg.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * polyVal(EXPNEG_DENO_COEF, 0n) === Q128_ONE; // the constant term is 1.0
 * ```
 */
export const EXPNEG_DENO_COEF: readonly bigint[] = Object.freeze([
  1225524182432722209606361n,
  114095592300906098243859450n,
  5665570424063336070530214243n,
  194450132448609991765137938448n,
  5068267641632683791026134915072n,
  104716890604972796896895427629056n,
  1748338658439454459487681798864896n,
  23704654329841312470660182937960448n,
  259380097567996910282699886670381056n,
  2250336698853390384720606936038375424n,
  14978272436876548034486263159246028800n,
  72144088983913131323343765784380833792n,
  224599776407103106596571252037123047424n,
  340282366920938463463374607431768211456n,
]);

/**
 * Initial position of the smoothed reward estimate, attoFIL (36.266260308195979333 FIL).
 * Ports `INITIAL_REWARD_POSITION_ESTIMATE` of filecoin-project/builtin-actors `actors/reward/src/state.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * const est = filterEstimate(INITIAL_REWARD_POSITION_ESTIMATE, INITIAL_REWARD_VELOCITY_ESTIMATE);
 * ```
 */
export const INITIAL_REWARD_POSITION_ESTIMATE = 36_266_260_308_195_979_333n;

/**
 * Initial velocity of the smoothed reward estimate, attoFIL per epoch (−109,897,758,509).
 * Ports `INITIAL_REWARD_VELOCITY_ESTIMATE` of filecoin-project/builtin-actors `actors/reward/src/state.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * INITIAL_REWARD_VELOCITY_ESTIMATE < 0n; // rewards decay
 * ```
 */
export const INITIAL_REWARD_VELOCITY_ESTIMATE = -109_897_758_509n;

/**
 * Alpha of the reward actor's alpha-beta filter, Q.128.
 * Ports `DEFAULT_ALPHA` of filecoin-project/builtin-actors `runtime/src/builtin/reward/smooth/smooth_func.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * nextEstimate(est, obs, 1n, DEFAULT_ALPHA, DEFAULT_BETA);
 * ```
 */
export const DEFAULT_ALPHA = 314760000000000000000000000000000000n;

/**
 * Beta of the reward actor's alpha-beta filter, Q.128.
 * Ports `DEFAULT_BETA` of filecoin-project/builtin-actors `runtime/src/builtin/reward/smooth/smooth_func.rs` @ b0a3bdd6.
 * @example
 * ```ts
 * nextEstimate(est, obs, 1n, DEFAULT_ALPHA, DEFAULT_BETA);
 * ```
 */
export const DEFAULT_BETA = 96640100000000000000000000000000n;

// ---------------------------------------------------------------------------------------------
// Q.128 math
// ---------------------------------------------------------------------------------------------

/**
 * Floor division (rounds toward −∞), as Rust's `Integer::div_floor`; JS `/` truncates toward zero.
 * @param a dividend (bigint)
 * @param b divisor (bigint, non-zero)
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `a` or `b`) if an argument is not a bigint or `b` is 0.
 * @example
 * ```ts
 * divFloor(-100n, 3n); // -34n (JS: -100n / 3n === -33n)
 * ```
 * Ports num-integer `div_floor` as used by filecoin-project/builtin-actors
 * `runtime/src/builtin/reward/smooth/alpha_beta_filter.rs` (test `rounding`) @ b0a3bdd6.
 */
export function divFloor(a: bigint, b: bigint): bigint {
  bigintArg('a', a);
  bigintArg('b', b);
  if (b === 0n) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'b', b, 'division by zero', 'pass a non-zero divisor');
  return floorDivUnchecked(a, b);
}

function floorDivUnchecked(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * Evaluates a polynomial with Q.128 coefficients (highest order first) at a Q.128 point, by
 * Horner's rule with a floor shift after each multiplication; result in Q.128.
 * @param poly coefficients, Q.128 bigints, highest order first
 * @param x the point, Q.128 bigint (any sign)
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` if `poly` is not an array of bigints (path `poly[i]` / `poly`) or `x` is not a bigint.
 * @example
 * ```ts
 * polyVal([Q128_ONE, 0n], 3n << PRECISION); // 3 in Q.128 (the polynomial x)
 * ```
 * Ports `poly_val` of filecoin-project/builtin-actors `runtime/src/builtin/reward/math.rs` @ b0a3bdd6.
 */
export function polyVal(poly: readonly bigint[], x: bigint): bigint {
  if (!Array.isArray(poly)) {
    fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'poly', poly, 'must be an array of bigints', 'pass the coefficients, highest order first, e.g. EXPNEG_NUM_COEF');
  }
  poly.forEach((c, i) => bigintArg(`poly[${i}]`, c));
  bigintArg('x', x);
  return polyValUnchecked(poly, x);
}

function polyValUnchecked(poly: readonly bigint[], x: bigint): bigint {
  let res = 0n;
  for (const coeff of poly) res = ((res * x) >> PRECISION) + coeff;
  return res;
}

/**
 * Computes e^−x for Q.128 `x` ≥ 0 with the protocol's rational approximation, result in Q.128
 * (most precise on [0, 1.725), error < 3.4e−30; < 4.6e−15 on [0, 5)).
 * @param x exponent, Q.128 bigint ≥ 0 (the protocol only evaluates λ·epoch and λ·θ)
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `x`) if `x` is not a bigint or is negative.
 * @example
 * ```ts
 * Number(expneg(Q128_ONE)) / 2 ** 128; // ≈ 0.36787944117144233 (e^−1)
 * ```
 * Ports `expneg` of filecoin-project/builtin-actors `actors/reward/src/expneg.rs` @ b0a3bdd6.
 */
export function expneg(x: bigint): bigint {
  bigintArg('x', x, { min: 0n });
  return expnegUnchecked(x);
}

function expnegUnchecked(x: bigint): bigint {
  const num = polyValUnchecked(EXPNEG_NUM_COEF, x);
  const deno = polyValUnchecked(EXPNEG_DENO_COEF, x);
  return floorDivUnchecked(num << PRECISION, deno);
}

// ---------------------------------------------------------------------------------------------
// Reward logic (logic.rs)
// ---------------------------------------------------------------------------------------------

/**
 * Computes BaselinePower(t) from BaselinePower(t − 1): one multiplication by {@link BASELINE_EXPONENT}, floored.
 * @param prevEpochBaselinePower baseline power of the previous epoch, bytes (bigint ≥ 0)
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `prevEpochBaselinePower`) if not a bigint or negative.
 * @example
 * ```ts
 * baselinePowerFromPrev(INIT_BASELINE_POWER); // 2888888879999999999n
 * ```
 * Ports `baseline_power_from_prev` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 */
export function baselinePowerFromPrev(prevEpochBaselinePower: bigint): bigint {
  bigintArg('prevEpochBaselinePower', prevEpochBaselinePower, { min: 0n });
  return (prevEpochBaselinePower * BASELINE_EXPONENT) >> PRECISION;
}

/**
 * Computes the fractional effective network time θ (Q.128) by linear interpolation between
 * CumsumBaseline(⌈θ⌉ − 1) and CumsumBaseline(⌈θ⌉); 0 when `effectiveNetworkTime` is 0.
 * `cumsumRealized > cumsumBaseline` (which the actor's state never holds) is computed as the
 * Rust does, with floor division.
 * @param effectiveNetworkTime ⌈θ⌉, an epoch (bigint, 0 ≤ n ≤ 2^63 − 1)
 * @param baselinePowerAtEffectiveNetworkTime baseline power at that epoch, bytes (bigint ≥ 0; > 0 unless `effectiveNetworkTime` is 0)
 * @param cumsumRealized cumulative capped realized power, byte-epochs (bigint ≥ 0)
 * @param cumsumBaseline cumulative baseline power up to `effectiveNetworkTime`, byte-epochs (bigint ≥ 0)
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path = the argument's name) if an argument is not a bigint, is negative, or the baseline power is 0 with a non-zero network time.
 * @example
 * ```ts
 * computeRTheta(1n, 4096n, 4096n, 6144n); // 1n << 127n (θ = 0.5)
 * ```
 * Ports `compute_r_theta` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 */
export function computeRTheta(effectiveNetworkTime: bigint, baselinePowerAtEffectiveNetworkTime: bigint, cumsumRealized: bigint, cumsumBaseline: bigint): bigint {
  epochArg('effectiveNetworkTime', effectiveNetworkTime);
  bigintArg('baselinePowerAtEffectiveNetworkTime', baselinePowerAtEffectiveNetworkTime, { min: 0n });
  bigintArg('cumsumRealized', cumsumRealized, { min: 0n });
  bigintArg('cumsumBaseline', cumsumBaseline, { min: 0n });
  if (effectiveNetworkTime !== 0n && baselinePowerAtEffectiveNetworkTime === 0n) {
    fail(
      ErrorCodes.RULE_INVALID_ARGUMENT,
      'baselinePowerAtEffectiveNetworkTime',
      baselinePowerAtEffectiveNetworkTime,
      'must be positive when effectiveNetworkTime > 0 (it is a divisor)',
      'pass the baseline power at the effective network time; it is never 0 in the protocol',
    );
  }
  return computeRThetaUnchecked(effectiveNetworkTime, baselinePowerAtEffectiveNetworkTime, cumsumRealized, cumsumBaseline);
}

function computeRThetaUnchecked(ent: bigint, bp: bigint, cumsumRealized: bigint, cumsumBaseline: bigint): bigint {
  if (ent === 0n) return 0n;
  const rewardTheta = ent << PRECISION;
  const diff = floorDivUnchecked((cumsumBaseline - cumsumRealized) << PRECISION, bp);
  return rewardTheta - diff;
}

/**
 * Computes the baseline supply minted by effective network time θ, `(1 − e^(−λθ)) × baselineTotal`;
 * the result is in Q.128 attoFIL (shift right by {@link PRECISION} for attoFIL), as in the Rust.
 * @param theta effective network time, Q.128 epochs (bigint ≥ 0)
 * @param baselineTotal baseline allocation, attoFIL (bigint ≥ 0), e.g. {@link BASELINE_TOTAL}
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `theta` or `baselineTotal`) if not a bigint or negative.
 * @example
 * ```ts
 * computeBaselineSupply(6n * EPOCHS_IN_YEAR << PRECISION, BASELINE_TOTAL) >> PRECISION; // ≈ 385M FIL in attoFIL
 * ```
 * Ports `compute_baseline_supply` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 */
export function computeBaselineSupply(theta: bigint, baselineTotal: bigint): bigint {
  bigintArg('theta', theta, { min: 0n });
  bigintArg('baselineTotal', baselineTotal, { min: 0n });
  return computeBaselineSupplyUnchecked(theta, baselineTotal);
}

function computeBaselineSupplyUnchecked(theta: bigint, baselineTotal: bigint): bigint {
  const thetaLam = (theta * LAMBDA) >> PRECISION;
  const etl = expnegUnchecked(thetaLam);
  return (Q128_ONE - etl) * baselineTotal;
}

/**
 * Computes the reward for all expected leaders of `epoch` when effective network time moves from
 * `prevTheta` to `currTheta`: simple minting `simpleTotal × (e^λ − 1) × e^(−λ·epoch)` plus the
 * baseline supply minted between the two thetas; attoFIL, floored.
 * @param epoch the epoch (bigint, 0 ≤ epoch ≤ 2^63 − 1; a JS number is rejected)
 * @param prevTheta previous effective network time, Q.128 (bigint ≥ 0)
 * @param currTheta current effective network time, Q.128 (bigint ≥ 0)
 * @param simpleTotal simple allocation, attoFIL (bigint ≥ 0), e.g. {@link SIMPLE_TOTAL}
 * @param baselineTotal baseline allocation, attoFIL (bigint ≥ 0), e.g. {@link BASELINE_TOTAL}
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path = the argument's name) if an argument is not a bigint or is out of range.
 * @example
 * ```ts
 * computeReward(0n, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL); // 36266264293777134739n (≈ 36.27 FIL)
 * ```
 * Ports `compute_reward` of filecoin-project/builtin-actors `actors/reward/src/logic.rs` @ b0a3bdd6.
 */
export function computeReward(epoch: bigint, prevTheta: bigint, currTheta: bigint, simpleTotal: bigint, baselineTotal: bigint): bigint {
  epochArg('epoch', epoch);
  bigintArg('prevTheta', prevTheta, { min: 0n });
  bigintArg('currTheta', currTheta, { min: 0n });
  bigintArg('simpleTotal', simpleTotal, { min: 0n });
  bigintArg('baselineTotal', baselineTotal, { min: 0n });
  return computeRewardUnchecked(epoch, prevTheta, currTheta, simpleTotal, baselineTotal);
}

function computeRewardUnchecked(epoch: bigint, prevTheta: bigint, currTheta: bigint, simpleTotal: bigint, baselineTotal: bigint): bigint {
  let simpleReward = simpleTotal * EXP_LAM_SUB_ONE;
  const epochLam = LAMBDA * epoch;
  simpleReward *= expnegUnchecked(epochLam);
  simpleReward >>= PRECISION;
  // Equal thetas mint exactly 0 baseline reward (the same supply minus itself): skip two expnegs.
  const baselineReward = prevTheta === currTheta ? 0n : computeBaselineSupplyUnchecked(currTheta, baselineTotal) - computeBaselineSupplyUnchecked(prevTheta, baselineTotal);
  return (simpleReward + baselineReward) >> PRECISION;
}

/**
 * Computes the block reward of a block with `winCount` wins: `thisEpochReward × winCount / 5`,
 * floored (the part of `award_block_reward` before the gas reward and the balance clamp).
 * @param thisEpochReward the state's reward for the epoch, attoFIL (bigint ≥ 0)
 * @param winCount wins of the block (bigint ≥ 1; the actor rejects ≤ 0)
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `thisEpochReward` or `winCount`) if not a bigint or out of range.
 * @example
 * ```ts
 * blockReward(36266264293777134739n, 1n); // 7253252858755426947n
 * ```
 * Ports the `block_reward` computation of `award_block_reward` in filecoin-project/builtin-actors `actors/reward/src/lib.rs` @ b0a3bdd6.
 */
export function blockReward(thisEpochReward: bigint, winCount: bigint): bigint {
  bigintArg('thisEpochReward', thisEpochReward, { min: 0n });
  bigintArg('winCount', winCount, { min: 1n, max: I64_MAX });
  return floorDivUnchecked(thisEpochReward * winCount, EXPECTED_LEADERS_PER_EPOCH);
}

// ---------------------------------------------------------------------------------------------
// Alpha-beta filter (smooth/alpha_beta_filter.rs)
// ---------------------------------------------------------------------------------------------

/** A smoothed estimate: position and velocity (per epoch), both Q.128. */
export interface FilterEstimate {
  /** Position, Q.128. */
  readonly position: bigint;
  /** Velocity per epoch, Q.128. */
  readonly velocity: bigint;
}

/**
 * Creates a filter estimate from Q.0 position and velocity (shifts both to Q.128).
 * @param position position, Q.0 bigint (any sign)
 * @param velocity velocity per epoch, Q.0 bigint (any sign)
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `position` or `velocity`) if not a bigint.
 * @example
 * ```ts
 * filterEstimate(INITIAL_REWARD_POSITION_ESTIMATE, INITIAL_REWARD_VELOCITY_ESTIMATE);
 * ```
 * Ports `FilterEstimate::new` of filecoin-project/builtin-actors `runtime/src/builtin/reward/smooth/alpha_beta_filter.rs` @ b0a3bdd6.
 */
export function filterEstimate(position: bigint, velocity: bigint): FilterEstimate {
  bigintArg('position', position);
  bigintArg('velocity', velocity);
  return { position: position << PRECISION, velocity: velocity << PRECISION };
}

/**
 * Returns the Q.0 position of a filter estimate (floor).
 * @param est the estimate (Q.128 position and velocity)
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `est.position`) if the position is not a bigint.
 * @example
 * ```ts
 * estimate(filterEstimate(5n, 0n)); // 5n
 * ```
 * Ports `FilterEstimate::estimate` of filecoin-project/builtin-actors `runtime/src/builtin/reward/smooth/alpha_beta_filter.rs` @ b0a3bdd6.
 */
export function estimate(est: FilterEstimate): bigint {
  return bigintArg('est.position', est?.position) >> PRECISION;
}

/**
 * Extrapolates a filter estimate `delta` epochs ahead; result in Q.256 (position + velocity × delta).
 * @param est the estimate (Q.128 position and velocity)
 * @param delta epochs ahead (bigint, any sign, as ChainEpoch)
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `est.position`, `est.velocity` or `delta`) if not a bigint.
 * @example
 * ```ts
 * extrapolate(filterEstimate(5n, 1n), 2n) >> (2n * PRECISION); // 7n
 * ```
 * Ports `FilterEstimate::extrapolate` of filecoin-project/builtin-actors `runtime/src/builtin/reward/smooth/alpha_beta_filter.rs` @ b0a3bdd6.
 */
export function extrapolate(est: FilterEstimate, delta: bigint): bigint {
  const position = bigintArg('est.position', est?.position);
  const velocity = bigintArg('est.velocity', est?.velocity);
  bigintArg('delta', delta, { min: -I64_MAX - 1n, max: I64_MAX });
  return velocity * (delta << PRECISION) + (position << PRECISION);
}

/**
 * Advances an alpha-beta filter by `epochDelta` epochs and one observation; Q.128 result.
 * @param prev the previous estimate (Q.128 position and velocity)
 * @param obs the observation, Q.0 (bigint ≥ 0: a reward in attoFIL or a power in bytes)
 * @param epochDelta epochs since the previous estimate (bigint ≥ 1; 0 would divide by zero)
 * @param alpha filter alpha, Q.128 (bigint ≥ 0), default {@link DEFAULT_ALPHA}
 * @param beta filter beta, Q.128 (bigint ≥ 0), default {@link DEFAULT_BETA}
 * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path = the argument's name) if an argument is not a bigint or out of range.
 * @example
 * ```ts
 * const est = nextEstimate(filterEstimate(36266260308195979333n, -109897758509n), 36266264293777134739n, 1n);
 * ```
 * Ports `AlphaBetaFilter::next_estimate` of filecoin-project/builtin-actors `runtime/src/builtin/reward/smooth/alpha_beta_filter.rs` @ b0a3bdd6.
 */
export function nextEstimate(prev: FilterEstimate, obs: bigint, epochDelta: bigint, alpha: bigint = DEFAULT_ALPHA, beta: bigint = DEFAULT_BETA): FilterEstimate {
  const prevPosition = bigintArg('prev.position', prev?.position);
  const prevVelocity = bigintArg('prev.velocity', prev?.velocity);
  bigintArg('obs', obs, { min: 0n });
  bigintArg('epochDelta', epochDelta, { min: 1n, max: I64_MAX });
  bigintArg('alpha', alpha, { min: 0n });
  bigintArg('beta', beta, { min: 0n });
  return nextEstimateUnchecked(prevPosition, prevVelocity, obs, epochDelta, alpha, beta);
}

function nextEstimateUnchecked(prevPosition: bigint, prevVelocity: bigint, obs: bigint, epochDelta: bigint, alpha: bigint, beta: bigint): FilterEstimate {
  const deltaT = epochDelta << PRECISION;
  const deltaX = (deltaT * prevVelocity) >> PRECISION;
  let position = deltaX + prevPosition;
  const residual = (obs << PRECISION) - position;
  const revisionX = (alpha * residual) >> PRECISION;
  position += revisionX;
  const revisionV = floorDivUnchecked(residual * beta, deltaT);
  return { position, velocity: revisionV + prevVelocity };
}

// ---------------------------------------------------------------------------------------------
// Reward state (state.rs, lib.rs)
// ---------------------------------------------------------------------------------------------

/**
 * The reward actor's state and its exact per-epoch stepper, field for field as `State` in state.rs
 * (snake_case fields in camelCase; amounts in attoFIL, power in bytes, spacetime in byte-epochs).
 * Methods mutate the state in place, as the Rust does; use {@link RewardState.clone} to branch.
 *
 * @example
 * ```ts
 * const st = new RewardState(0n);        // State::new: steps to epoch 0
 * st.thisEpochReward;                    // 36266264293777134739n
 * st.updateNetworkKpi(0n, 1n << 60n);    // end of epoch 0: computes the reward for epoch 1
 * ```
 * Ports `State` of filecoin-project/builtin-actors `actors/reward/src/state.rs` @ b0a3bdd6.
 */
export class RewardState {
  /** Target `cumsumRealized` must reach for the effective network time to increase, byte-epochs. */
  cumsumBaseline = 0n;
  /** Cumulative sum of network power capped by the baseline, byte-epochs. */
  cumsumRealized = 0n;
  /** Ceiling of the effective network time θ. */
  effectiveNetworkTime = 0n;
  /** Baseline power at `effectiveNetworkTime`, bytes. */
  effectiveBaselinePower: bigint = BASELINE_INITIAL_VALUE;
  /** Reward of `epoch` for all expected leaders together, attoFIL (a block with w wins gets w/5 of it: {@link blockReward}). */
  thisEpochReward = 0n;
  /** Smoothed `thisEpochReward` (Q.128). */
  thisEpochRewardSmoothed: FilterEstimate;
  /** Baseline power the network targets at `epoch`, bytes. */
  thisEpochBaselinePower: bigint = INIT_BASELINE_POWER;
  /** The epoch `thisEpochReward` was computed for. */
  epoch: bigint = EPOCH_UNDEFINED;
  /** Total FIL awarded to block miners, attoFIL (not advanced by the stepper; see {@link blockReward}). */
  totalStoragePowerReward = 0n;
  /** Simple allocation, attoFIL. */
  simpleTotal: bigint = SIMPLE_TOTAL;
  /** Baseline allocation, attoFIL. */
  baselineTotal: bigint = BASELINE_TOTAL;

  /**
   * Creates the state as the actor's constructor does, then steps it to epoch 0 with a reward.
   * @param currRealizedPower network power at genesis, bytes (bigint ≥ 0)
   * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `currRealizedPower`) if not a bigint or negative.
   * @example
   * ```ts
   * new RewardState(0n).thisEpochBaselinePower; // BASELINE_INITIAL_VALUE - 1n
   * ```
   * Ports `State::new` of filecoin-project/builtin-actors `actors/reward/src/state.rs` @ b0a3bdd6.
   */
  constructor(currRealizedPower: bigint) {
    bigintArg('currRealizedPower', currRealizedPower, { min: 0n });
    this.thisEpochRewardSmoothed = filterEstimate(INITIAL_REWARD_POSITION_ESTIMATE, INITIAL_REWARD_VELOCITY_ESTIMATE);
    this.updateToNextEpochWithReward(currRealizedPower);
  }

  /**
   * Returns an independent copy of this state.
   * @example
   * ```ts
   * const branch = st.clone(); branch.updateToNextEpoch(0n); // st is unchanged
   * ```
   */
  clone(): RewardState {
    const copy = Object.create(RewardState.prototype) as RewardState;
    Object.assign(copy, this);
    copy.thisEpochRewardSmoothed = { ...this.thisEpochRewardSmoothed };
    return copy;
  }

  /**
   * Advances one epoch without computing a reward (a null round): grows the baseline, adds the
   * capped realized power and moves the effective network time forward while realized exceeds baseline.
   * @param currRealizedPower network power this epoch, bytes (bigint ≥ 0)
   * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `currRealizedPower`) if not a bigint or negative.
   * @example
   * ```ts
   * st.updateToNextEpoch(1n << 60n); // st.epoch += 1n
   * ```
   * Ports `State::update_to_next_epoch` of filecoin-project/builtin-actors `actors/reward/src/state.rs` @ b0a3bdd6.
   */
  updateToNextEpoch(currRealizedPower: bigint): void {
    bigintArg('currRealizedPower', currRealizedPower, { min: 0n });
    this.stepUnchecked(currRealizedPower);
  }

  private stepUnchecked(currRealizedPower: bigint): void {
    this.epoch += 1n;
    this.thisEpochBaselinePower = (this.thisEpochBaselinePower * BASELINE_EXPONENT) >> PRECISION;
    const capped = this.thisEpochBaselinePower < currRealizedPower ? this.thisEpochBaselinePower : currRealizedPower;
    this.cumsumRealized += capped;
    while (this.cumsumRealized > this.cumsumBaseline) {
      this.effectiveNetworkTime += 1n;
      this.effectiveBaselinePower = (this.effectiveBaselinePower * BASELINE_EXPONENT) >> PRECISION;
      this.cumsumBaseline += this.effectiveBaselinePower;
    }
  }

  /**
   * Advances one epoch and computes `thisEpochReward` from the change of θ over that epoch.
   * @param currRealizedPower network power this epoch, bytes (bigint ≥ 0)
   * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `currRealizedPower`) if not a bigint or negative.
   * @example
   * ```ts
   * st.updateToNextEpochWithReward(1n << 60n); st.thisEpochReward; // attoFIL for st.epoch
   * ```
   * Ports `State::update_to_next_epoch_with_reward` of filecoin-project/builtin-actors `actors/reward/src/state.rs` @ b0a3bdd6.
   */
  updateToNextEpochWithReward(currRealizedPower: bigint): void {
    bigintArg('currRealizedPower', currRealizedPower, { min: 0n });
    const prevRewardTheta = this.rewardTheta();
    this.stepUnchecked(currRealizedPower);
    const currRewardTheta = this.rewardTheta();
    this.thisEpochReward = computeRewardUnchecked(this.epoch, prevRewardTheta, currRewardTheta, this.simpleTotal, this.baselineTotal);
  }

  /**
   * The current fractional effective network time θ, Q.128 ({@link computeRTheta} of this state).
   * @example
   * ```ts
   * new RewardState(0n).rewardTheta(); // 0n
   * ```
   */
  rewardTheta(): bigint {
    return computeRThetaUnchecked(this.effectiveNetworkTime, this.effectiveBaselinePower, this.cumsumRealized, this.cumsumBaseline);
  }

  /**
   * Feeds `thisEpochReward` to the smoothing filter over `delta` epochs.
   * @param delta epochs since the last update (bigint ≥ 1)
   * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `delta`) if not a bigint or < 1.
   * @example
   * ```ts
   * st.updateSmoothedEstimates(1n);
   * ```
   * Ports `State::update_smoothed_estimates` of filecoin-project/builtin-actors `actors/reward/src/state.rs` @ b0a3bdd6.
   */
  updateSmoothedEstimates(delta: bigint): void {
    bigintArg('delta', delta, { min: 1n, max: I64_MAX });
    const { position, velocity } = this.thisEpochRewardSmoothed;
    this.thisEpochRewardSmoothed = nextEstimateUnchecked(position, velocity, this.thisEpochReward, delta, DEFAULT_ALPHA, DEFAULT_BETA);
  }

  /**
   * The power actor's end-of-epoch call: catches up null rounds until `epoch` reaches `currEpoch`,
   * then steps once more with a reward and updates the smoothed estimate.
   * @param currEpoch the chain's current epoch (bigint ≥ this state's epoch; 0 ≤ currEpoch ≤ 2^63 − 2)
   * @param currRealizedPower network power, bytes (bigint ≥ 0)
   * @throws FlywheelError `RULE_INVALID_ARGUMENT` (path `currEpoch` or `currRealizedPower`) if not a bigint or out of range.
   * @example
   * ```ts
   * const st = new RewardState(0n);
   * st.updateNetworkKpi(0n, 1n << 60n); // st.epoch === 1n
   * ```
   * Ports `Actor::update_network_kpi` of filecoin-project/builtin-actors `actors/reward/src/lib.rs` @ b0a3bdd6.
   */
  updateNetworkKpi(currEpoch: bigint, currRealizedPower: bigint): void {
    bigintArg('currEpoch', currEpoch, { min: this.epoch < 0n ? 0n : this.epoch, max: I64_MAX - 1n });
    bigintArg('currRealizedPower', currRealizedPower, { min: 0n });
    const prev = this.epoch;
    while (this.epoch < currEpoch) this.stepUnchecked(currRealizedPower);
    this.updateToNextEpochWithReward(currRealizedPower);
    this.updateSmoothedEstimates(this.epoch - prev);
  }
}
