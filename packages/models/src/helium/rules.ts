import { ErrorCodes, fail } from '@flywheel/spec';

/*
 * Helium's exact protocol rules, in integer (bigint) arithmetic, ported from the on-chain
 * programs of helium/helium-program-library at commit 145947eedf2b1dc33d8289065d63538973278aee
 * (2026-08-14, "Merge pull request #1262 from helium/develop"). Every export cites the file it
 * follows. Program failures (Rust panics, `require!` and `ArithmeticError`) are mirrored as a
 * FlywheelError with code RULE_INVALID_ARGUMENT whose `path` names the argument responsible.
 */

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);
const U128_MAX = (1n << 128n) - 1n;
const I32_MIN = -(2 ** 31);
const I32_MAX = 2 ** 31 - 1;

/** The one argument-check helper: throws RULE_INVALID_ARGUMENT at `name`. */
function bad(name: string, value: unknown, what: string, hint: string): never {
  return fail(ErrorCodes.RULE_INVALID_ARGUMENT, name, value, what, hint);
}

/** Checks that `value` is a bigint in [min, max] (the Rust integer type the program uses). */
function int(name: string, value: unknown, min: bigint, max: bigint, rustType: string): bigint {
  if (typeof value !== 'bigint') {
    bad(name, value, `must be a bigint (the program's ${rustType}), got ${typeof value}`, `pass an integer bigint, e.g. ${name}: 100000000n`);
  }
  if (value < min) {
    bad(name, value, min === 0n ? 'must not be negative' : `must be at least ${min}`, `the program takes a ${rustType}; pass a value in [${min}, ${max}]`);
  }
  if (value > max) {
    bad(name, value, `does not fit the program's ${rustType} (max ${max})`, `pass a value in [${min}, ${max}]`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/**
 * Length of an epoch in seconds: 24 × 60 × 60 = 86,400 (epoch = unix time / 86,400, UTC days).
 *
 * @example
 * ```ts
 * import { EPOCH_LENGTH_SECONDS } from '@flywheel/models/helium';
 * const epoch = 1722470400n / EPOCH_LENGTH_SECONDS; // 19936n = 2024-08-01
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/utils.rs` (`EPOCH_LENGTH`,
 * `current_epoch`) at commit 145947eedf2b1dc33d8289065d63538973278aee.
 */
export const EPOCH_LENGTH_SECONDS = 86_400n;

/**
 * Data Credits per US dollar: 100,000 (1 DC = $0.00001; the program's `dc_exponent = 5`).
 *
 * @example
 * ```ts
 * import { DC_PER_USD } from '@flywheel/models/helium';
 * const usd = 500_000n / DC_PER_USD; // 5n
 * ```
 *
 * Source: helium/helium-program-library `programs/data-credits/src/instructions/mint_data_credits_v0.rs`
 * (the `- 5` in the exponent, "dc_exponent = 5 since $1 = 10^5 DC") at commit 145947eedf2b1dc33d8289065d63538973278aee.
 */
export const DC_PER_USD = 100_000n;

/**
 * Decimals of the Helium mints (base units per token = 10^decimals): HNT 8 ("bones"), IOT 6,
 * MOBILE 6, DC 0.
 *
 * @example
 * ```ts
 * import { TOKEN_DECIMALS } from '@flywheel/models/helium';
 * const oneHnt = 10n ** BigInt(TOKEN_DECIMALS.hnt); // 100000000n bones
 * ```
 *
 * Source: helium/helium-program-library `packages/blockchain-api/src/lib/constants/tokens.ts`
 * (`TOKEN_DECIMALS` of the mainnet mints; also `packages/helium-admin-cli/src/create-dao.ts`: DC
 * `decimals: 0`, HNT the `createAndMint` default 8; `create-subdao.ts`: sub-DAO default 6;
 * `tests/data-credits.ts`: `hntDecimals = 8`, `dcDecimals = 0`) at commit 145947eedf2b1dc33d8289065d63538973278aee.
 */
export const TOKEN_DECIMALS = { hnt: 8, iot: 6, mobile: 6, dc: 0 } as const;

// ---------------------------------------------------------------------------------------------
// Emission schedules
// ---------------------------------------------------------------------------------------------

/**
 * A token whose per-epoch emission {@link emissionsForEpoch} knows (`'hst'` = HNT to the HST pool).
 *
 * @example
 * ```ts
 * import type { HeliumEmissionToken } from '@flywheel/models/helium';
 * const token: HeliumEmissionToken = 'mobile';
 * ```
 *
 * Source: helium/helium-program-library `packages/helium-admin-cli/emissions/` (one JSON file per
 * token) at commit 145947eedf2b1dc33d8289065d63538973278aee.
 */
export type HeliumEmissionToken = 'hnt' | 'iot' | 'mobile' | 'hst';

/**
 * One parsed emission schedule entry, as the program stores it (`EmissionScheduleItem`).
 *
 * @example
 * ```ts
 * import type { EmissionScheduleItem } from '@flywheel/models/helium';
 * const item: EmissionScheduleItem = { startUnixTime: 1754006401n, emissionsPerEpoch: 2054794520548n };
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/state.rs` (`EmissionScheduleItem`)
 * at commit 145947eedf2b1dc33d8289065d63538973278aee.
 */
export interface EmissionScheduleItem {
  /** Unix seconds from which the entry applies (`start_unix_time`, i64). */
  readonly startUnixTime: bigint;
  /** Base units emitted per epoch (`emissions_per_epoch`, u64). */
  readonly emissionsPerEpoch: bigint;
}

/**
 * One parsed HST percent schedule entry, as the program stores it (`PercentItem`).
 *
 * @example
 * ```ts
 * import type { PercentItem } from '@flywheel/models/helium';
 * const item: PercentItem = { startUnixTime: 1738022401n, percent: 0n };
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/state.rs` (`PercentItem`)
 * at commit 145947eedf2b1dc33d8289065d63538973278aee.
 */
export interface PercentItem {
  /** Unix seconds from which the entry applies (`start_unix_time`, i64). */
  readonly startUnixTime: bigint;
  /** HST's share of HNT emissions, in percent (`percent`, u8). */
  readonly percent: bigint;
}

// Verbatim copies of packages/helium-admin-cli/emissions/{hnt,iot,mobile,hst}.json at commit
// 145947eedf2b1dc33d8289065d63538973278aee.
const HNT_JSON = [
  { startTime: '2023-08-02T00:00:00Z', emissionsPerEpoch: '82,191.78082192' },
  { startTime: '2023-08-03T00:00:00Z', emissionsPerEpoch: '40,983.60655738' },
  { startTime: '2024-08-01T00:00:01Z', emissionsPerEpoch: '41,095.89041096' },
  { startTime: '2025-08-01T00:00:01Z', emissionsPerEpoch: '20,547.94520548' },
] as const;
const IOT_JSON = [
  { startTime: '2024-01-08T00:00:01Z', emissionsPerEpoch: '88,797,814.207650' },
  { startTime: '2024-08-01T00:00:01Z', emissionsPerEpoch: '89,041,095.890411' },
  { startTime: '2025-08-01T00:00:01Z', emissionsPerEpoch: '44,520,547.945206' },
  { startTime: '2027-08-01T00:00:01Z', emissionsPerEpoch: '22,199,453.551913' },
] as const;
const MOBILE_JSON = [
  { startTime: '2024-01-08T00:00:01Z', emissionsPerEpoch: '81,967,213.114754' },
  { startTime: '2024-08-01T00:00:01Z', emissionsPerEpoch: '82,191,780.821918' },
  { startTime: '2025-08-01T00:00:01Z', emissionsPerEpoch: '41,095,890.410959' },
  { startTime: '2027-08-01T00:00:01Z', emissionsPerEpoch: '20,491,803.278689' },
] as const;
const HST_JSON = [
  { startTime: '2024-08-01T00:00:01Z', percent: 30 },
  { startTime: '2025-01-28T00:00:01Z', percent: 0 },
] as const;

/**
 * `Math.floor(Date.parse(startTime) / 1000)` as in the admin CLI's `parseEmissionsSchedule`,
 * restricted to the exact `YYYY-MM-DDTHH:MM:SSZ` form the files use (so the value is exact).
 */
function parseStart(iso: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(iso);
  if (!m) throw new Error(`helium rules: bad schedule startTime ${iso}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return BigInt(Date.UTC(y, mo - 1, d, h, mi, s) / 1000);
}

/**
 * The admin CLI's `emissionsPerEpoch.replaceAll(".", "").replaceAll(",", "")` then `new BN(...)`:
 * the digits as an integer of base units. Also checks the fraction has exactly `decimals` digits
 * (the CLI relies on that implicitly); parsed as a string, never through a float.
 */
function parseAmount(text: string, decimals: number): bigint {
  const m = /^(\d{1,3}(?:,\d{3})*)\.(\d+)$/.exec(text);
  if (!m || m[2]!.length !== decimals) throw new Error(`helium rules: bad schedule amount ${text}`);
  return BigInt(text.replaceAll('.', '').replaceAll(',', ''));
}

function amounts(rows: readonly { startTime: string; emissionsPerEpoch: string }[], decimals: number): readonly EmissionScheduleItem[] {
  return Object.freeze(rows.map((r) => Object.freeze({ startUnixTime: parseStart(r.startTime), emissionsPerEpoch: parseAmount(r.emissionsPerEpoch, decimals) })));
}

/**
 * The emission schedules of HNT (the DAO's `emission_schedule`, bones per epoch) and of the IOT
 * and MOBILE sub-DAOs (each sub-DAO's `emission_schedule`, base units per epoch), parsed exactly
 * from the admin CLI's JSON files as `parseEmissionsSchedule` does.
 *
 * @example
 * ```ts
 * import { EMISSION_SCHEDULES } from '@flywheel/models/helium';
 * EMISSION_SCHEDULES.hnt[2]; // { startUnixTime: 1722470401n, emissionsPerEpoch: 4109589041096n }
 * ```
 *
 * Source: helium/helium-program-library `packages/helium-admin-cli/emissions/hnt.json`, `iot.json`,
 * `mobile.json` and `packages/helium-admin-cli/src/utils.ts` (`parseEmissionsSchedule`) at commit
 * 145947eedf2b1dc33d8289065d63538973278aee.
 */
export const EMISSION_SCHEDULES: Readonly<Record<'hnt' | 'iot' | 'mobile', readonly EmissionScheduleItem[]>> = Object.freeze({
  hnt: amounts(HNT_JSON, TOKEN_DECIMALS.hnt),
  iot: amounts(IOT_JSON, TOKEN_DECIMALS.iot),
  mobile: amounts(MOBILE_JSON, TOKEN_DECIMALS.mobile),
});

/**
 * The HST percent schedule (the DAO's `hst_emission_schedule`): HST's share of HNT emissions,
 * 30% from 2024-08-01T00:00:01Z and 0% from 2025-01-28T00:00:01Z (HIP-138).
 *
 * @example
 * ```ts
 * import { HST_PERCENT_SCHEDULE } from '@flywheel/models/helium';
 * HST_PERCENT_SCHEDULE[1]; // { startUnixTime: 1738022401n, percent: 0n }
 * ```
 *
 * Source: helium/helium-program-library `packages/helium-admin-cli/emissions/hst.json` at commit
 * 145947eedf2b1dc33d8289065d63538973278aee (0% entry added in a482b346ef918a0217b5e241176202f363c1b7a9).
 */
export const HST_PERCENT_SCHEDULE: readonly PercentItem[] = Object.freeze(
  HST_JSON.map((r) => Object.freeze({ startUnixTime: parseStart(r.startTime), percent: BigInt(r.percent) })),
);

/**
 * Port of `get_emissions_at` / `get_percent_at` (state.rs): binary search for the last entry whose
 * `start_unix_time <= unix_time`; `undefined` (Rust `None`) when every entry starts later.
 * (`get_percent_at` lacks the `middle == 0` break and underflows `high` instead; with
 * overflow-checks on that is a panic, i.e. the same failure as unwrapping `None`.)
 */
function entryAt<T extends { readonly startUnixTime: bigint }>(schedule: readonly T[], unixTime: bigint): T | undefined {
  if (schedule.length === 0) return undefined;
  let ans: T | undefined;
  let low = 0;
  let high = schedule.length - 1;
  while (low <= high) {
    const middle = Math.floor((high + low) / 2);
    const current = schedule[middle];
    if (current === undefined) break;
    if (current.startUnixTime <= unixTime) {
      ans = current;
      low = middle + 1;
    } else {
      if (middle === 0) break;
      high = middle - 1;
    }
  }
  return ans;
}

/**
 * The epoch containing a unix time: `unix_timestamp / EPOCH_LENGTH`, i.e. whole UTC days since
 * 1970-01-01 (the program's `current_epoch`).
 *
 * @param unixSeconds - Unix time in seconds (bigint, ≥ 0, fits an i64).
 * @returns The epoch number (bigint).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `unixSeconds` if it is not a bigint, negative
 *   (`try_into::<u64>().unwrap()` panics on chain) or beyond i64.
 * @example
 * ```ts
 * import { epochAt } from '@flywheel/models/helium';
 * epochAt(BigInt(Date.UTC(2024, 7, 1) / 1000)); // 19936n
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/utils.rs` (`current_epoch`)
 * at commit 145947eedf2b1dc33d8289065d63538973278aee.
 */
export function epochAt(unixSeconds: bigint): bigint {
  return int('unixSeconds', unixSeconds, 0n, I64_MAX, 'i64 unix timestamp (non-negative)') / EPOCH_LENGTH_SECONDS;
}

/**
 * Base units emitted in one epoch by the schedule in force at the epoch's END: the program looks
 * the schedule up at `end_of_epoch_ts = (epoch + 1) × 86,400` and takes the last entry whose
 * start is ≤ that instant. Because the halvings start at 00:00:01, the epoch of the halving day
 * itself (e.g. 2024-08-01) already pays the new rate.
 *
 * - `'hnt'`: HNT bones per epoch (DAO `emission_schedule`, read by `calculate_utility_score_v0`).
 *   This is the scheduled emission only: the program's `total_rewards` adds the HIP-20 net-emission
 *   re-mint and the HIP-149 backstop on top, which depend on burns and are not modelled here.
 * - `'iot'` / `'mobile'`: sub-DAO token base units per epoch (sub-DAO `emission_schedule`, read by
 *   `issue_rewards_v0` before HIP-138, parent 717b2f65c74692cea4bd8cb1bda00dc6d65e69e8 of
 *   4172cf4c0e710c313caa519a6bd26df803080909; at the read commit the schedule is still stored but
 *   no instruction mints from it).
 * - `'hst'`: HNT bones to the HST pool = ⌊percent × HNT emission ÷ 100⌋, as `issue_hst_pool_v0`
 *   (same parent commit) computed it, with the scheduled HNT emission as total.
 *
 * @param token - `'hnt' | 'iot' | 'mobile' | 'hst'`.
 * @param epoch - Epoch number = whole UTC days since 1970-01-01 (bigint, ≥ 0).
 * @returns Base units emitted in that epoch (bigint): bones for `'hnt'` and `'hst'`, 10⁻⁶ IOT or
 *   MOBILE for `'iot'`/`'mobile'`.
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `token` for an unknown token; at `epoch` if it is
 *   not a bigint, negative, so large that `(epoch + 1) × 86,400` overflows an i64 (a panic on chain),
 *   or earlier than the schedule's first entry (on chain `get_emissions_at` returns `None` and the
 *   caller's `.unwrap()` panics; for HST, `get_percent_at` underflows).
 * @example
 * ```ts
 * import { emissionsForEpoch } from '@flywheel/models/helium';
 * emissionsForEpoch('hnt', 19936n); // 4109589041096n bones = 41,095.89041096 HNT (2024-08-01)
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/state.rs` (`get_emissions_at`,
 * `get_percent_at`), `programs/helium-sub-daos/src/instructions/calculate_utility_score_v0.rs`
 * (`end_of_epoch_ts`), `packages/helium-admin-cli/emissions/*.json` at commit
 * 145947eedf2b1dc33d8289065d63538973278aee.
 */
export function emissionsForEpoch(token: HeliumEmissionToken, epoch: bigint): bigint {
  if (token !== 'hnt' && token !== 'iot' && token !== 'mobile' && token !== 'hst') {
    bad('token', token, "must be one of 'hnt', 'iot', 'mobile', 'hst'", "pass the token's lower-case name, e.g. 'hnt'");
  }
  // args.epoch is a u64; `i64::try_from(args.epoch + 1).unwrap() * EPOCH_LENGTH` must not overflow.
  const e = int('epoch', epoch, 0n, I64_MAX / EPOCH_LENGTH_SECONDS - 1n, 'u64 epoch (with (epoch + 1) × 86,400 within i64)');
  const endOfEpochTs = (e + 1n) * EPOCH_LENGTH_SECONDS;
  const tooEarly = (first: bigint): never =>
    bad('epoch', epoch, `epoch ${e} ends at unix ${endOfEpochTs}, before the first ${token} schedule entry (unix ${first}); the program finds no entry and fails`, `use an epoch ≥ ${first / EPOCH_LENGTH_SECONDS}n`);
  if (token === 'hst') {
    const item = entryAt(HST_PERCENT_SCHEDULE, endOfEpochTs) ?? tooEarly(HST_PERCENT_SCHEDULE[0]!.startUnixTime);
    const hnt = entryAt(EMISSION_SCHEDULES.hnt, endOfEpochTs) ?? tooEarly(EMISSION_SCHEDULES.hnt[0]!.startUnixTime);
    return (item.percent * hnt.emissionsPerEpoch) / 100n;
  }
  const schedule = EMISSION_SCHEDULES[token];
  const item = entryAt(schedule, endOfEpochTs) ?? tooEarly(schedule[0]!.startUnixTime);
  return item.emissionsPerEpoch;
}

// ---------------------------------------------------------------------------------------------
// Data Credits minting (mint_data_credits_v0)
// ---------------------------------------------------------------------------------------------

/** Checks the Pyth inputs and returns [price − 2·conf, 10^(8 − expo − 5)], in the program's order. */
function priceAndFactor(emaPrice: bigint, emaConf: bigint, expo: number): [bigint, bigint] {
  const price = int('emaPrice', emaPrice, I64_MIN, I64_MAX, 'i64 Pyth ema_price');
  const conf = int('emaConf', emaConf, 0n, U64_MAX, 'u64 Pyth ema_conf');
  if (typeof expo !== 'number' || !Number.isInteger(expo)) {
    bad('expo', expo, 'must be an integer number (the Pyth exponent, an i32)', 'pass the feed exponent as a plain integer, e.g. -8');
  }
  if (expo < I32_MIN || expo > I32_MAX) bad('expo', expo, "does not fit the program's i32", 'pass the feed exponent, e.g. -8');
  // require_gt!(hnt_price, 0)
  if (price <= 0n) bad('emaPrice', emaPrice, 'must be greater than 0 (require_gt!(hnt_price, 0))', 'pass the positive Pyth EMA price in units of 10^expo USD');
  // i64::try_from(ema_conf.checked_mul(2).unwrap()).unwrap(): 2·conf must fit an i64.
  if (2n * conf > I64_MAX) bad('emaConf', emaConf, "2 × emaConf overflows the program's i64 (a panic on chain)", `pass emaConf ≤ ${I64_MAX / 2n}`);
  // hnt_price.checked_sub(..).unwrap() cannot overflow here (price > 0, 2·conf ≤ i64::MAX).
  const priceWithConf = price - 2n * conf;
  // exponent = i32::from(hnt_mint.decimals) - message.exponent - 5, overflow-checked i32.
  const exponent = TOKEN_DECIMALS.hnt - expo - 5;
  if (exponent > I32_MAX) bad('expo', expo, 'hnt decimals − expo − 5 overflows an i32 (a panic on chain)', 'pass the feed exponent, e.g. -8');
  // u32::try_from(exponent).unwrap()
  if (exponent < 0) bad('expo', expo, `hnt decimals − expo − 5 = ${exponent} is negative, which the program cannot convert to u32 (a panic on chain)`, 'pass an exponent ≤ 3, e.g. -8');
  // 10_u128.checked_pow(..) → ArithmeticError: 10^38 < 2^128 < 10^39 (checked before computing the power).
  if (exponent > 38) bad('expo', expo, `10^${exponent} overflows a u128 (ArithmeticError)`, 'pass an exponent ≥ -35, e.g. -8');
  return [priceWithConf, 10n ** BigInt(exponent)];
}

function nonNegativePrice(priceWithConf: bigint, emaPrice: bigint, emaConf: bigint): bigint {
  // u128::try_from(hnt_price_with_conf).unwrap()
  if (priceWithConf < 0n) {
    bad('emaPrice', emaPrice, `emaPrice − 2 × emaConf = ${priceWithConf} is negative (emaConf ${emaConf}); the program panics converting it to u128`, 'the oracle price must be at least 2 × its EMA confidence');
  }
  return priceWithConf;
}

/**
 * Data Credits minted for burning `hntBones` HNT: ⌊hntBones × (emaPrice − 2·emaConf) ÷
 * 10^(8 − expo − 5)⌋, in u128 arithmetic, rounded DOWN (the buyer gets the floor).
 * With expo −8 the divisor is 10^11, so 1 HNT at $5.00 (price 500,000,000) gives 500,000 DC.
 * A price exactly equal to 2·conf gives 0 DC there (no error in the program on this path).
 *
 * @param hntBones - HNT to burn, in bones (10⁻⁸ HNT; bigint, a u64).
 * @param emaPrice - Pyth `ema_price` of HNT/USD, in units of 10^expo USD (bigint, an i64).
 * @param emaConf - Pyth `ema_conf`, same units (bigint, a u64).
 * @param expo - Pyth `exponent` (a plain integer, e.g. −8).
 * @returns DC minted (bigint, DC has 0 decimals).
 * @throws FlywheelError RULE_INVALID_ARGUMENT — at `hntBones`, `emaPrice`, `emaConf` for a non-bigint
 *   or a value outside the program's integer type (e.g. negative); at `expo` for a non-integer or an
 *   exponent the program cannot use (> 3 or < −35); at `emaPrice` when emaPrice ≤ 0 or
 *   emaPrice < 2·emaConf (the program's `require_gt!` / panic); at `emaConf` when 2·emaConf
 *   overflows an i64; at `hntBones` when the DC amount overflows a u64 (`ArithmeticError`).
 * @example
 * ```ts
 * import { dcForHnt } from '@flywheel/models/helium';
 * dcForHnt(100_000_000n, 510_000_000n, 5_000_000n, -8); // 500000n (1 HNT at $5.10 − 2 × $0.05)
 * ```
 *
 * Source: helium/helium-program-library `programs/data-credits/src/instructions/mint_data_credits_v0.rs`
 * (`handler`, the `(Some(hnt_amount), None)` arm) at commit 145947eedf2b1dc33d8289065d63538973278aee.
 */
export function dcForHnt(hntBones: bigint, emaPrice: bigint, emaConf: bigint, expo: number): bigint {
  const hnt = int('hntBones', hntBones, 0n, U64_MAX, 'u64 hnt_amount');
  const [priceWithConf, factor] = priceAndFactor(emaPrice, emaConf, expo);
  const price = nonNegativePrice(priceWithConf, emaPrice, emaConf);
  // u128 product: < 2^64 · 2^63, cannot overflow u128; then .div(decimals_factor) (floor).
  const dc = (hnt * price) / factor;
  if (dc > U64_MAX) bad('hntBones', hntBones, `the DC amount ${dc} overflows a u64 (ArithmeticError)`, 'burn less HNT per call');
  return dc;
}

/**
 * HNT bones burned to mint exactly `dc` Data Credits: ⌊dc × 10^(8 − expo − 5) ÷ (emaPrice −
 * 2·emaConf)⌋, in u128 arithmetic, rounded DOWN — the program burns the floor, so the buyer can be
 * charged up to one bone less than the exact price (and `dcForHnt` of the result can be < `dc`).
 *
 * @param dc - Data Credits wanted (bigint, a u64).
 * @param emaPrice - Pyth `ema_price` of HNT/USD, in units of 10^expo USD (bigint, an i64).
 * @param emaConf - Pyth `ema_conf`, same units (bigint, a u64).
 * @param expo - Pyth `exponent` (a plain integer, e.g. −8).
 * @returns HNT burned, in bones (bigint).
 * @throws FlywheelError RULE_INVALID_ARGUMENT — at `dc`, `emaPrice`, `emaConf` for a non-bigint or a
 *   value outside the program's integer type (e.g. negative); at `expo` for a non-integer or an
 *   exponent the program cannot use; at `emaPrice` when emaPrice ≤ 0, emaPrice < 2·emaConf (panic)
 *   or emaPrice = 2·emaConf (division by zero, `ArithmeticError`); at `emaConf` when 2·emaConf
 *   overflows an i64; at `dc` when dc × 10^(8 − expo − 5) overflows a u128 or the HNT amount
 *   overflows a u64 (`ArithmeticError`).
 * @example
 * ```ts
 * import { hntForDc } from '@flywheel/models/helium';
 * hntForDc(500_000n, 500_000_000n, 0n, -8); // 100000000n bones (1 HNT at $5.00)
 * ```
 *
 * Source: helium/helium-program-library `programs/data-credits/src/instructions/mint_data_credits_v0.rs`
 * (`handler`, the `(None, Some(dc_amount))` arm) at commit 145947eedf2b1dc33d8289065d63538973278aee.
 */
export function hntForDc(dc: bigint, emaPrice: bigint, emaConf: bigint, expo: number): bigint {
  const amount = int('dc', dc, 0n, U64_MAX, 'u64 dc_amount');
  const [priceWithConf, factor] = priceAndFactor(emaPrice, emaConf, expo);
  // u128::from(dc_amount).checked_mul(decimals_factor) → ArithmeticError (evaluated before the price conversion)
  const scaled = amount * factor;
  if (scaled > U128_MAX) bad('dc', dc, `dc × 10^(8 − expo − 5) overflows a u128 (ArithmeticError)`, 'mint fewer DC per call');
  const price = nonNegativePrice(priceWithConf, emaPrice, emaConf);
  // .checked_div(price) → None on zero → ArithmeticError
  if (price === 0n) bad('emaPrice', emaPrice, `emaPrice − 2 × emaConf = 0: the program divides by zero (ArithmeticError)`, 'the oracle price must exceed 2 × its EMA confidence');
  const hnt = scaled / price;
  if (hnt > U64_MAX) bad('dc', dc, `the HNT amount ${hnt} overflows a u64 (ArithmeticError)`, 'mint fewer DC per call');
  return hnt;
}
