/**
 * Exact Livepeer (LPT) inflation, minting and treasury rules, in bigint.
 *
 * Ports `Minter.setInflation` / `setCurrentRewardTokens` / `createReward`, `MathUtils` (MathUtilsV2.sol, the
 * library Minter imports: PERC_DIVISOR = 10^9), `PreciseMathUtils` (10^27) and the treasury cut of
 * `BondingManager.rewardWithHint`. Solidity `uint256` arithmetic: division floors, a product that does not fit
 * in 256 bits or a division by zero reverts (here: throws). Token amounts are in LPT wei (10^18 per LPT).
 *
 * Source: livepeer/protocol, branch `delta`, commit f225b10c62ce4baed0db14b2b9af1e19efee3b45
 * (`contracts/token/Minter.sol`, `contracts/libraries/MathUtilsV2.sol`, `contracts/libraries/PreciseMathUtils.sol`,
 * `contracts/bonding/BondingManager.sol`, `deploy/migrations.config.ts`).
 *
 * @packageDocumentation
 */
import { ErrorCodes, fail } from '@flywheel/spec';

const UINT256_MAX = (1n << 256n) - 1n;

/**
 * Divisor for percentages in Minter's `MathUtils` (MathUtilsV2.sol): 10^9 = 100%.
 *
 * @example
 * ```ts
 * (TARGET_BONDING_RATE * 100n) / PERC_DIVISOR; // 50n (%)
 * ```
 * Ports: `PERC_DIVISOR = 1000000000`, livepeer/protocol `contracts/libraries/MathUtilsV2.sol`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45 (the legacy `MathUtils.sol` uses 10^6 and is not what Minter imports).
 */
export const PERC_DIVISOR = 1_000_000_000n;

/**
 * Divisor of `PreciseMathUtils` (27-digit precision): 10^27 = 100%; used for the treasury reward cut.
 *
 * @example
 * ```ts
 * TREASURY_REWARD_CUT_RATE * 100n / PRECISE_PERC_DIVISOR; // 10n (%)
 * ```
 * Ports: `PERC_DIVISOR = 10**27`, livepeer/protocol `contracts/libraries/PreciseMathUtils.sol`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const PRECISE_PERC_DIVISOR = 10n ** 27n;

/**
 * LPT wei per LPT (18 decimals, as `ethers.utils.parseEther` in the deploy config assumes).
 *
 * @example
 * ```ts
 * 6_570n * WEI_PER_LPT; // 6,570 LPT in wei
 * ```
 * Ports: `parseEther("750000")` for `treasuryBalanceCeiling`, livepeer/protocol `deploy/migrations.config.ts`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const WEI_PER_LPT = 10n ** 18n;

/**
 * Arbitrum mainnet `inflationChange`: 500 parts per 10^9 (0.00005 %) per round.
 *
 * @example
 * ```ts
 * nextInflation(L2_MIGRATION_INFLATION, INFLATION_CHANGE, 459_000_000n, TARGET_BONDING_RATE); // 219_000n
 * ```
 * Ports: `arbitrumMainnet.minter.inflationChange: 500`, livepeer/protocol `deploy/migrations.config.ts`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const INFLATION_CHANGE = 500n;

/**
 * Arbitrum mainnet `targetBondingRate`: 500,000,000 parts per 10^9 (50 %).
 *
 * @example
 * ```ts
 * TARGET_BONDING_RATE === PERC_DIVISOR / 2n; // true
 * ```
 * Ports: `arbitrumMainnet.minter.targetBondingRate: 500000000`, livepeer/protocol `deploy/migrations.config.ts`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const TARGET_BONDING_RATE = 500_000_000n;

/**
 * Arbitrum mainnet initial `inflation` at the L2 migration: 218,500 parts per 10^9 (0.02185 % per round).
 * The config comment: 221,500 at L1 round 2460, minus 6 × 500 to the projected migration round 2466.
 *
 * @example
 * ```ts
 * mintableTokens(30_000_000n * WEI_PER_LPT, L2_MIGRATION_INFLATION) / WEI_PER_LPT; // 6_555n
 * ```
 * Ports: `arbitrumMainnet.minter.inflation: 218500`, livepeer/protocol `deploy/migrations.config.ts`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const L2_MIGRATION_INFLATION = 218_500n;

/**
 * Arbitrum mainnet `roundLength`: 5,760 (L1) blocks per round.
 *
 * @example
 * ```ts
 * Number(ROUND_LENGTH) * 12 / 3600; // 19.2 hours at 12 s blocks
 * ```
 * Ports: `arbitrumMainnet.roundsManager.roundLength: 5760`, livepeer/protocol `deploy/migrations.config.ts`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const ROUND_LENGTH = 5_760n;

/**
 * Arbitrum mainnet `unbondingPeriod`: 7 rounds.
 *
 * @example
 * ```ts
 * UNBONDING_PERIOD * ROUND_LENGTH; // 40_320n blocks
 * ```
 * Ports: `arbitrumMainnet.bondingManager.unbondingPeriod: 7`, livepeer/protocol `deploy/migrations.config.ts`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const UNBONDING_PERIOD = 7n;

/**
 * Arbitrum mainnet `numActiveTranscoders`: 100 orchestrators in the active set.
 *
 * @example
 * ```ts
 * NUM_ACTIVE_TRANSCODERS; // 100n
 * ```
 * Ports: `arbitrumMainnet.bondingManager.numActiveTranscoders: 100`, livepeer/protocol `deploy/migrations.config.ts`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const NUM_ACTIVE_TRANSCODERS = 100n;

/**
 * Arbitrum mainnet `treasuryRewardCutRate`: 10^26 in 27-digit precision (10 % of each reward call).
 *
 * @example
 * ```ts
 * treasuryRewards(6_570n * WEI_PER_LPT, TREASURY_REWARD_CUT_RATE) / WEI_PER_LPT; // 657n
 * ```
 * Ports: `arbitrumMainnet.bondingManager.treasuryRewardCutRate: BigNumber.from(10).pow(26)`, livepeer/protocol
 * `deploy/migrations.config.ts` @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const TREASURY_REWARD_CUT_RATE = 10n ** 26n;

/**
 * Arbitrum mainnet `treasuryBalanceCeiling`: 750,000 LPT (in wei); at or above it the cut is switched off.
 *
 * @example
 * ```ts
 * TREASURY_BALANCE_CEILING / WEI_PER_LPT; // 750_000n
 * ```
 * Ports: `arbitrumMainnet.bondingManager.treasuryBalanceCeiling: parseEther("750000")`, livepeer/protocol
 * `deploy/migrations.config.ts` @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export const TREASURY_BALANCE_CEILING = 750_000n * WEI_PER_LPT;

// ---------------------------------------------------------------------------------------------

/** The one argument check of this file: a bigint in [0, max] (uint256 unless a tighter bound applies). */
function uint(name: string, value: unknown, what: string, max: bigint = UINT256_MAX, maxWhy = 'a uint256'): bigint {
  if (typeof value !== 'bigint') {
    fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, `must be a bigint (${what}), got ${typeof value}`, 'pass a bigint, e.g. 1000n or BigInt(x)');
  }
  if (value < 0n) fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, 'must not be negative', `${what} is a uint256 in the contract`);
  if (value > max) fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, `must be <= ${max}`, `${what} must be ${maxWhy}`);
  return value;
}

/** SafeMath `mul`: reverts (throws) when the product overflows uint256. */
function mul(a: bigint, b: bigint, name: string): bigint {
  const p = a * b;
  if (p > UINT256_MAX) {
    fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, a, 'the product overflows uint256 (the contract reverts)', 'use amounts whose product fits in 256 bits');
  }
  return p;
}

/** SafeMath `div`: floors; reverts (throws) on a zero divisor. */
function div(a: bigint, b: bigint, name: string): bigint {
  if (b === 0n) fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, b, 'division by zero (the contract reverts)', 'pass a non-zero denominator');
  return a / b;
}

/**
 * `MathUtils.percPoints`: a fraction as parts per 10^9, floored: `fracNum × 10^9 / fracDenom`.
 *
 * @param fracNum - Numerator (bigint, uint256).
 * @param fracDenom - Denominator (bigint, uint256, non-zero).
 * @returns Parts per {@link PERC_DIVISOR} (bigint).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` with the argument's name as path if an argument is not a bigint,
 *   is negative or exceeds uint256, if `fracDenom` is 0 (`fracDenom`) or if the product overflows (`fracNum`).
 * @example
 * ```ts
 * percPoints(100n, 300n); // 333_333_333n
 * ```
 * Ports: `percPoints`, livepeer/protocol `contracts/libraries/MathUtilsV2.sol` @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export function percPoints(fracNum: bigint, fracDenom: bigint): bigint {
  uint('fracNum', fracNum, 'the numerator');
  uint('fracDenom', fracDenom, 'the denominator');
  return div(mul(fracNum, PERC_DIVISOR, 'fracNum'), fracDenom, 'fracDenom');
}

/**
 * `MathUtils.percOf`: a percentage of an amount, floored. With two arguments `fracNum` is parts per 10^9
 * (`amount × fracNum / 10^9`); with three it is the fraction `fracNum / fracDenom`, first converted with
 * {@link percPoints} (`amount × percPoints(fracNum, fracDenom) / 10^9`), so both floors apply.
 *
 * @param amount - Amount to take the percentage of (bigint, uint256).
 * @param fracNum - Parts per 10^9, or the fraction's numerator when `fracDenom` is given (bigint, uint256).
 * @param fracDenom - Optional denominator of the fraction (bigint, uint256, non-zero).
 * @returns The floored share (bigint).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` with the argument's name as path if an argument is not a bigint,
 *   is negative or exceeds uint256, if `fracDenom` is 0, or if a product overflows uint256.
 * @example
 * ```ts
 * percOf(100n, 7n, 9n);        // 77n
 * percOf(100n, 100_000_000n);  // 10n (10 %)
 * ```
 * Ports: both `percOf` overloads, livepeer/protocol `contracts/libraries/MathUtilsV2.sol`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export function percOf(amount: bigint, fracNum: bigint, fracDenom?: bigint): bigint {
  uint('amount', amount, 'the amount');
  uint('fracNum', fracNum, 'the percentage numerator');
  const points = fracDenom === undefined ? fracNum : percPoints(fracNum, fracDenom);
  return mul(amount, points, 'amount') / PERC_DIVISOR;
}

/**
 * Global LPT total supply the Minter uses: L2 `totalSupply()` plus the L1 circulating supply reported by
 * `L2LPTDataCache`.
 *
 * @param l2TotalSupply - LPT total supply on Arbitrum, wei (bigint, uint256).
 * @param l1CirculatingSupply - L1 circulating supply, wei (bigint, uint256).
 * @returns Their sum, wei (bigint).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` with the argument's name as path if an argument is not a bigint,
 *   is negative or exceeds uint256, or (`l2TotalSupply`) if the sum overflows uint256.
 * @example
 * ```ts
 * globalTotalSupply(100n, 200n); // 300n
 * ```
 * Ports: `getGlobalTotalSupply`, livepeer/protocol `contracts/token/Minter.sol` @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export function globalTotalSupply(l2TotalSupply: bigint, l1CirculatingSupply: bigint): bigint {
  uint('l2TotalSupply', l2TotalSupply, 'the L2 total supply');
  uint('l1CirculatingSupply', l1CirculatingSupply, 'the L1 circulating supply');
  const s = l2TotalSupply + l1CirculatingSupply;
  if (s > UINT256_MAX) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'l2TotalSupply', l2TotalSupply, 'the sum overflows uint256 (the contract reverts)', 'use realistic supplies');
  return s;
}

/**
 * Current bonding rate as the Minter computes it in `setInflation`: `percPoints(totalBonded, totalSupply)`,
 * parts per 10^9, floored; 0 when `totalSupply` is 0 (the contract then leaves the rate at its default 0).
 *
 * @param totalBonded - Total bonded LPT, wei (bigint, uint256).
 * @param totalSupply - Global total supply, wei (bigint, uint256); see {@link globalTotalSupply}.
 * @returns Parts per {@link PERC_DIVISOR} (bigint).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` with the argument's name as path if an argument is not a bigint,
 *   is negative or exceeds uint256, or (`totalBonded`) if `totalBonded × 10^9` overflows.
 * @example
 * ```ts
 * bondingRate(459n, 1000n); // 459_000_000n (45.9 %)
 * bondingRate(5n, 0n);      // 0n
 * ```
 * Ports: `setInflation` (bonding-rate part), livepeer/protocol `contracts/token/Minter.sol`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export function bondingRate(totalBonded: bigint, totalSupply: bigint): bigint {
  uint('totalBonded', totalBonded, 'the total bonded stake');
  uint('totalSupply', totalSupply, 'the global total supply');
  if (totalSupply === 0n) return 0n;
  return div(mul(totalBonded, PERC_DIVISOR, 'totalBonded'), totalSupply, 'totalSupply');
}

/**
 * Next round's inflation, as `Minter.setInflation`: below the target bonding rate add `inflationChange`,
 * above it subtract it (0 if the change exceeds the inflation), at the target keep it.
 *
 * @param inflation - Current per-round inflation, parts per 10^9 (bigint, uint256; not capped by the contract once running).
 * @param inflationChange - Per-round change, parts per 10^9 (bigint, at most {@link PERC_DIVISOR}, as the Minter's setters require).
 * @param bondingRate - Current bonding rate, parts per 10^9 (bigint, uint256); see {@link bondingRate}.
 * @param targetBondingRate - Target bonding rate, parts per 10^9 (bigint, at most {@link PERC_DIVISOR}).
 * @returns The new inflation, parts per 10^9 (bigint).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` with the argument's name as path if an argument is not a bigint,
 *   is negative or out of range, or (`inflation`) if `inflation + inflationChange` overflows uint256.
 * @example
 * ```ts
 * nextInflation(218_500n, 500n, 459_000_000n, 500_000_000n); // 219_000n
 * nextInflation(218_500n, 500n, 600_000_000n, 500_000_000n); // 218_000n
 * ```
 * Ports: `setInflation`, livepeer/protocol `contracts/token/Minter.sol` @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export function nextInflation(inflation: bigint, inflationChange: bigint, bondingRate: bigint, targetBondingRate: bigint): bigint {
  uint('inflation', inflation, 'the current inflation');
  uint('inflationChange', inflationChange, 'the inflation change', PERC_DIVISOR, 'a valid percentage (<= PERC_DIVISOR), as Minter requires');
  uint('bondingRate', bondingRate, 'the current bonding rate');
  uint('targetBondingRate', targetBondingRate, 'the target bonding rate', PERC_DIVISOR, 'a valid percentage (<= PERC_DIVISOR), as Minter requires');
  if (bondingRate < targetBondingRate) {
    const up = inflation + inflationChange;
    if (up > UINT256_MAX) fail(ErrorCodes.RULE_INVALID_ARGUMENT, 'inflation', inflation, 'inflation + inflationChange overflows uint256 (the contract reverts)', 'use a realistic inflation');
    return up;
  }
  if (bondingRate > targetBondingRate) return inflationChange > inflation ? 0n : inflation - inflationChange;
  return inflation;
}

/**
 * Tokens mintable in a round, as `setCurrentRewardTokens`: `percOf(globalTotalSupply, inflation)` =
 * `totalSupply × inflation / 10^9`, floored (inflation already updated by {@link nextInflation}).
 *
 * @param totalSupply - Global total supply, wei (bigint, uint256).
 * @param inflation - Per-round inflation, parts per 10^9 (bigint, uint256).
 * @returns Mintable LPT for the round, wei (bigint).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` with the argument's name as path if an argument is not a bigint,
 *   is negative or exceeds uint256, or (`totalSupply`) if the product overflows.
 * @example
 * ```ts
 * mintableTokens(30_000_000n * 10n ** 18n, 219_000n) / 10n ** 18n; // 6_570n
 * ```
 * Ports: `setCurrentRewardTokens`, livepeer/protocol `contracts/token/Minter.sol` @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export function mintableTokens(totalSupply: bigint, inflation: bigint): bigint {
  uint('totalSupply', totalSupply, 'the global total supply');
  uint('inflation', inflation, 'the inflation');
  return mul(totalSupply, inflation, 'totalSupply') / PERC_DIVISOR;
}

/**
 * An orchestrator's reward for a round, as `Minter.createReward`: `percOf(currentMintableTokens, stake, totalActiveStake)`
 * (the stake share is floored to parts per 10^9 first, then the product).
 *
 * @param mintable - The round's mintable tokens, wei (bigint, uint256); see {@link mintableTokens}.
 * @param stake - The orchestrator's active stake (bigint, uint256).
 * @param totalActiveStake - The round's total active stake (bigint, uint256, non-zero).
 * @returns Minted reward, wei (bigint), before the treasury cut.
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` with the argument's name as path if an argument is not a bigint,
 *   is negative or exceeds uint256, if `totalActiveStake` is 0, or if a product overflows.
 * @example
 * ```ts
 * rewardTokens(260n, 10n, 100n); // 26n
 * ```
 * Ports: `createReward`, livepeer/protocol `contracts/token/Minter.sol` @ f225b10c62ce4baed0db14b2b9af1e19efee3b45
 * (the `minted tokens cannot exceed mintable tokens` running total is not modelled).
 */
export function rewardTokens(mintable: bigint, stake: bigint, totalActiveStake: bigint): bigint {
  uint('mintable', mintable, 'the mintable tokens');
  uint('stake', stake, "the orchestrator's stake");
  uint('totalActiveStake', totalActiveStake, 'the total active stake');
  const points = div(mul(stake, PERC_DIVISOR, 'stake'), totalActiveStake, 'totalActiveStake');
  return mul(mintable, points, 'mintable') / PERC_DIVISOR;
}

/**
 * Treasury share of a reward call, as `BondingManager.rewardWithHint`: `PreciseMathUtils.percOf(rewardTokens, cutRate)`
 * = `rewardTokens × cutRate / 10^27`, floored. The orchestrator and delegators get `rewardTokens − treasuryRewards`.
 *
 * @param rewardTokens - Tokens minted by the reward call, wei (bigint, uint256); see {@link rewardTokens}.
 * @param treasuryRewardCutRate - Cut in 27-digit precision (bigint, at most {@link PRECISE_PERC_DIVISOR}).
 * @returns Treasury tokens, wei (bigint).
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` with the argument's name as path if an argument is not a bigint,
 *   is negative or out of range, or (`rewardTokens`) if the product overflows.
 * @example
 * ```ts
 * treasuryRewards(1000n, 631n * 10n ** 27n / 10_000n); // 63n (6.31 %)
 * ```
 * Ports: `rewardWithHint` (treasury part), livepeer/protocol `contracts/bonding/BondingManager.sol` and
 * `contracts/libraries/PreciseMathUtils.sol` @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export function treasuryRewards(rewardTokens: bigint, treasuryRewardCutRate: bigint): bigint {
  uint('rewardTokens', rewardTokens, 'the reward tokens');
  uint('treasuryRewardCutRate', treasuryRewardCutRate, 'the treasury cut rate', PRECISE_PERC_DIVISOR, 'a valid precise percentage (<= 10^27), as BondingManager requires');
  return mul(rewardTokens, treasuryRewardCutRate, 'rewardTokens') / PRECISE_PERC_DIVISOR;
}

/**
 * Whether a reward call switches the treasury cut off: true when a ceiling is set (> 0), the treasury holds at
 * least the ceiling and the next round's cut is still positive. The contract then sets the *next round's* cut to 0;
 * the current call still pays the treasury at the current rate.
 *
 * @param treasuryBalance - LPT held by the treasury, wei (bigint, uint256).
 * @param treasuryBalanceCeiling - The ceiling, wei (bigint, uint256; 0 disables the check).
 * @param nextRoundTreasuryRewardCutRate - The cut scheduled for next round, 27-digit precision (bigint, at most 10^27).
 * @returns True if `nextRoundTreasuryRewardCutRate` becomes 0.
 * @throws {FlywheelError} `RULE_INVALID_ARGUMENT` with the argument's name as path if an argument is not a bigint,
 *   is negative or out of range.
 * @example
 * ```ts
 * treasuryCutHalts(1000n, 1000n, 10n ** 26n); // true
 * treasuryCutHalts(990n, 1000n, 10n ** 26n);  // false
 * ```
 * Ports: the `treasuryBalanceCeiling` check of `rewardWithHint`, livepeer/protocol `contracts/bonding/BondingManager.sol`
 * @ f225b10c62ce4baed0db14b2b9af1e19efee3b45.
 */
export function treasuryCutHalts(treasuryBalance: bigint, treasuryBalanceCeiling: bigint, nextRoundTreasuryRewardCutRate: bigint): boolean {
  uint('treasuryBalance', treasuryBalance, 'the treasury balance');
  uint('treasuryBalanceCeiling', treasuryBalanceCeiling, 'the treasury balance ceiling');
  uint('nextRoundTreasuryRewardCutRate', nextRoundTreasuryRewardCutRate, "the next round's cut rate", PRECISE_PERC_DIVISOR, 'a valid precise percentage (<= 10^27)');
  return treasuryBalanceCeiling > 0n && treasuryBalance >= treasuryBalanceCeiling && nextRoundTreasuryRewardCutRate > 0n;
}
