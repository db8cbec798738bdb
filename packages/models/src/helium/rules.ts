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
export const HST_PERCENT_SCHEDULE: readonly PercentItem[] = Object.freeze(HST_JSON.map((r) => Object.freeze({ startUnixTime: parseStart(r.startTime), percent: BigInt(r.percent) })));

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
    bad(
      'epoch',
      epoch,
      `epoch ${e} ends at unix ${endOfEpochTs}, before the first ${token} schedule entry (unix ${first}); the program finds no entry and fails`,
      `use an epoch ≥ ${first / EPOCH_LENGTH_SECONDS}n`,
    );
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
    bad(
      'emaPrice',
      emaPrice,
      `emaPrice − 2 × emaConf = ${priceWithConf} is negative (emaConf ${emaConf}); the program panics converting it to u128`,
      'the oracle price must be at least 2 × its EMA confidence',
    );
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

// ---------------------------------------------------------------------------------------------
// PreciseNumber (shared-utils): the U192 fixed point the programs compute scores and curves in
// ---------------------------------------------------------------------------------------------

/*
 * Ported from helium/helium-program-library `utils/shared-utils/src/precise_number.rs` and
 * `signed_precise_number.rs` at commit c0bb5245d394fa6a21159aed6b8ea19da852ad43 (2024-09-30, the
 * last commit before the seed date; the files are unchanged at 145947eedf2b1dc33d8289065d63538973278aee).
 * A PreciseNumber is a U192 holding value × 10^18; the `uint` crate's checked ops return None on
 * overflow (the program then unwraps: a panic), shifts truncate to 192 bits. `None` is mirrored
 * as a FlywheelError RULE_INVALID_ARGUMENT at the argument that caused it.
 */

const U192_MAX = (1n << 192n) - 1n;
/** 1 as a PreciseNumber value (10^18). */
export const PRECISE_ONE = 1_000_000_000_000_000_000n;
const HALF_ONE = PRECISE_ONE / 2n;
const u192 = (w0: bigint, w1: bigint, w2: bigint): bigint => w0 + (w1 << 64n) + (w2 << 128n);
const P_TWO = 2n * PRECISE_ONE;
const P_FOUR = 4n * PRECISE_ONE;
const P_HALF = 500_000_000_000_000_000n;
const LN2HI = u192(13974485815783726801n, 3n, 0n);
const LN2HI_SCALE = u192(7766279631452241920n, 5n, 0n);
const LN2LO = u192(3405790746697269248n, 1034445385942222n, 0n);
const LN2LO_SCALE = u192(80237960548581376n, 10841254275107988496n, 293873n);
const L1 = 666666666666673513n;
const L2 = 399999999994094190n;
const L3 = 285714287436623914n;
const L4 = 222221984321497839n;
const L5 = 181835721616180501n;
const L6 = 153138376992093733n;
const L7 = 147981986051165859n;
const SQRT2OVERTWO = 707106781186547600n;
const EP1 = { v: 166666666666666019n, n: false };
const EP2 = { v: 2777777777701559n, n: true };
const EP3 = { v: 66137563214379n, n: false };
const EP4 = { v: 1653390220546n, n: true };
const EP5 = { v: 41381367970n, n: false };
const HALFLN2 = 346573590279972640n;
const THREEHALFLN2 = 1039720770839917900n;
const INVLN2 = 1442695040888963387n;

/** The program's `None` (then `.unwrap()` or `ok_or(ArithmeticError)`): a RULE_INVALID_ARGUMENT. */
class PreciseNone extends Error {}
const none = (): never => {
  throw new PreciseNone('PreciseNumber operation returned None');
};
const chk = (x: bigint): bigint => (x < 0n || x > U192_MAX ? none() : x);

function pAdd(a: bigint, b: bigint): bigint {
  return chk(a + b);
}
function pSub(a: bigint, b: bigint): bigint {
  return chk(a - b);
}
/** PreciseNumber::checked_mul (with its overflow fallback). */
function pMul(a: bigint, b: bigint): bigint {
  const p = a * b;
  if (p <= U192_MAX) return chk(p + HALF_ONE) / PRECISE_ONE;
  return a >= b ? chk((a / PRECISE_ONE) * b) : chk((b / PRECISE_ONE) * a);
}
/** PreciseNumber::checked_div (with its overflow fallback). */
function pDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) none();
  const p = a * PRECISE_ONE;
  if (p <= U192_MAX) return chk(p + HALF_ONE) / b;
  return chk((chk(a + HALF_ONE) / b) * PRECISE_ONE);
}
function pNew(v: bigint): bigint {
  return chk(v * PRECISE_ONE);
}
/** to_imprecise: (value + ONE/2) / ONE as a u128 (`as_u128` panics above u128). */
function pToImprecise(a: bigint): bigint {
  const v = chk(a + HALF_ONE) / PRECISE_ONE;
  if (v > U128_MAX) none();
  return v;
}
function pFloor(a: bigint): bigint {
  return (a / PRECISE_ONE) * PRECISE_ONE;
}

interface Signed {
  v: bigint;
  n: boolean;
}
const sg = (v: bigint, n = false): Signed => ({ v, n });
function sMul(a: Signed, b: Signed): Signed {
  return { v: pMul(a.v, b.v), n: (a.n || b.n) && !(a.n && b.n) };
}
function sDiv(a: Signed, b: Signed): Signed {
  return { v: pDiv(a.v, b.v), n: (a.n || b.n) && !(a.n && b.n) };
}
function sAdd(a: Signed, b: Signed): Signed {
  if (a.n && b.n) return { v: pAdd(a.v, b.v), n: true };
  if (b.n) return b.v > a.v ? { v: pSub(b.v, a.v), n: true } : { v: pSub(a.v, b.v), n: false };
  if (a.n) return a.v > b.v ? { v: pSub(a.v, b.v), n: true } : { v: pSub(b.v, a.v), n: false };
  return { v: pAdd(a.v, b.v), n: false };
}
function sSub(a: Signed, b: Signed): Signed {
  return sAdd(a, { v: b.v, n: !b.n });
}

const clz64 = (x: bigint): number => 64 - x.toString(2).length + (x === 0n ? 1 : 0);
const clz128 = (x: bigint): number => (x === 0n ? 128 : 128 - x.toString(2).length);

/** PreciseNumber::frexp. */
function pFrexp(a: bigint): [bigint, number] {
  if (a === 0n) return [0n, 0];
  if (a < PRECISE_ONE) {
    const bits = clz64(a & ((1n << 64n) - 1n)) - clz64(PRECISE_ONE);
    if (bits < 0) none(); // u32 checked_sub().unwrap()
    const frac = (a << BigInt(bits)) & U192_MAX;
    return frac < P_HALF ? [pMul(frac, P_TWO), -bits - 1] : [frac, -bits];
  }
  const bits = 128 - clz128(pToImprecise(a));
  const frac = a >> BigInt(bits);
  return frac < P_HALF ? [pMul(frac, P_TWO), bits - 1] : [frac, bits];
}

function pLogSigned(a: bigint): Signed {
  if (a === 0n) none();
  if (a === PRECISE_ONE) return sg(0n);
  let [f1, ki] = pFrexp(a);
  if (f1 < SQRT2OVERTWO) {
    f1 = pMul(f1, P_TWO);
    ki = ki - 1;
  }
  const f = sSub(sg(f1), sg(PRECISE_ONE));
  const sDivisor = sAdd(sg(P_TWO), f);
  const s = sDiv(f, sDivisor);
  const s2 = sMul(s, s).v;
  const s4 = pMul(s2, s2);
  const t1 = pMul(s2, pAdd(L1, pMul(s4, pAdd(L3, pMul(s4, pAdd(L5, pMul(s4, L7)))))));
  const t2 = pMul(s4, pAdd(L2, pMul(s4, pAdd(L4, pMul(s4, L6)))));
  const r = pAdd(t1, t2);
  const hfsq = sDiv(sMul(f, f), sg(P_TWO));
  const k = sg(pNew(BigInt(Math.abs(ki))), ki < 0);
  const kl2hi = sDiv(sMul(k, sg(LN2HI)), sg(LN2HI_SCALE));
  const shfsqr = sMul(s, sAdd(hfsq, sg(r)));
  const kl2lo = sDiv(sMul(k, sg(LN2LO)), sg(LN2LO_SCALE));
  const shfsqrKl2lo = sAdd(shfsqr, kl2lo);
  const hfsqShfsqrKl2lo = sSub(hfsq, shfsqrKl2lo);
  const fHfsqShfsqrKl2lo = sSub(hfsqShfsqrKl2lo, f);
  return sSub(kl2hi, fHfsqShfsqrKl2lo);
}

function sExp(x0: Signed): bigint {
  let k: Signed;
  let hi: Signed;
  let lo: Signed;
  let x: Signed;
  if (x0.v > HALFLN2) {
    if (x0.v >= THREEHALFLN2) {
      const m = sAdd(sMul(sg(INVLN2), x0), { v: P_HALF, n: x0.n });
      k = { v: pFloor(m.v), n: m.n };
    } else {
      k = { v: PRECISE_ONE, n: x0.n };
    }
    hi = sSub(x0, sDiv(sMul(k, sg(LN2HI)), sg(LN2HI_SCALE)));
    lo = sDiv(sMul(k, sg(LN2LO)), sg(LN2LO_SCALE));
    x = sSub(hi, lo);
  } else {
    x = x0;
    k = sg(0n);
    hi = x0;
    lo = sg(0n);
  }
  const xx = sMul(x, x);
  const p4p5 = sAdd(EP4, sMul(xx, EP5));
  const p3p4p5 = sAdd(EP3, sMul(xx, p4p5));
  const p2p3p4p5 = sAdd(EP2, sMul(xx, p3p4p5));
  const p1p2p3p4p5 = sAdd(EP1, sMul(xx, p2p3p4p5));
  const c = sSub(x, sMul(p1p2p3p4p5, xx));
  const y = sAdd(sg(PRECISE_ONE), sAdd(sSub(sDiv(sMul(x, c), sSub(sg(P_TWO), c)), lo), hi));
  if (k.v === 0n) return y.v;
  const bits = pToImprecise(k.v);
  if (k.n) return y.v >> bits;
  return bits >= 192n ? 0n : (y.v << bits) & U192_MAX;
}

/** Runs a PreciseNumber computation, turning the program's None into a RULE_INVALID_ARGUMENT. */
function precise<T>(name: string, value: unknown, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PreciseNone) bad(name, value, what, 'the program returns None here (a panic or ArithmeticError on chain); pass a smaller or non-zero value');
    throw e;
  }
}

function preciseArg(name: string, x: unknown): bigint {
  return int(name, x, 0n, U192_MAX, 'U192 PreciseNumber value (× 10^18)');
}

/**
 * Natural logarithm of a PreciseNumber (value × 10^18), exactly as the programs compute it
 * (`PreciseNumber::log`, the FreeBSD e_log.c polynomial in U192 fixed point). Returns the signed
 * result as a bigint × 10^18 (negative for x < 1).
 *
 * @param x - PreciseNumber value: the number × 10^18 (bigint, > 0, a U192).
 * @returns ln(x) × 10^18, rounded as the program rounds (bigint, may be negative).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `x` for a non-bigint, a negative value, a value
 *   beyond U192, or 0 (the program returns None).
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * rules.preciseLog(2n * rules.PRECISE_ONE); // 693147180559945308n (ln 2 × 10^18 = 693147180559945309.4…)
 * ```
 *
 * Source: helium/helium-program-library `utils/shared-utils/src/precise_number.rs` (`log`, `frexp`)
 * at commit c0bb5245d394fa6a21159aed6b8ea19da852ad43.
 */
export function preciseLog(x: bigint): bigint {
  const v = preciseArg('x', x);
  const r = precise('x', x, 'log(0) or an overflow: the program returns None', () => pLogSigned(v));
  return r.n ? -r.v : r.v;
}

/**
 * e^x of a signed PreciseNumber, exactly as the programs compute it (`SignedPreciseNumber::exp`,
 * FreeBSD e_exp.c in U192 fixed point; the final 2^k is a shift that truncates to 192 bits).
 *
 * @param x - The exponent × 10^18 (bigint, may be negative; |x| a U192).
 * @returns e^x × 10^18 (bigint ≥ 0).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `x` for a non-bigint, |x| beyond U192, or an
 *   intermediate overflow (the program returns None).
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * rules.preciseExp(rules.PRECISE_ONE / 2n); // 1648721270700128150n (e^0.5 × 10^18 = 1648721270700128146.8…)
 * ```
 *
 * Source: helium/helium-program-library `utils/shared-utils/src/signed_precise_number.rs` (`exp`)
 * at commit c0bb5245d394fa6a21159aed6b8ea19da852ad43.
 */
export function preciseExp(x: bigint): bigint {
  if (typeof x !== 'bigint') bad('x', x, `must be a bigint, got ${typeof x}`, 'pass the exponent × 10^18 as a bigint');
  const mag = x < 0n ? -x : x;
  if (mag > U192_MAX) bad('x', x, 'does not fit a U192', 'pass |x| < 2^192');
  return precise('x', x, 'an intermediate overflow: the program returns None', () => sExp(sg(mag, x < 0n)));
}

/**
 * x^y of PreciseNumbers as the programs compute it: `PreciseNumber::pow` = exp(y · log x), 0 for x = 0.
 *
 * @param x - Base × 10^18 (bigint ≥ 0, a U192).
 * @param y - Exponent × 10^18 (bigint ≥ 0, a U192).
 * @returns x^y × 10^18 (bigint).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `x` or `y` for a non-bigint or a value outside U192,
 *   or when the computation overflows (None).
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * rules.precisePow(8n * rules.PRECISE_ONE, rules.PRECISE_ONE / 2n); // 2828427124746190100n (√8 × 10^18 = 2828427124746190097.6…)
 * ```
 *
 * Source: helium/helium-program-library `utils/shared-utils/src/precise_number.rs` (`pow`) at commit
 * c0bb5245d394fa6a21159aed6b8ea19da852ad43.
 */
export function precisePow(x: bigint, y: bigint): bigint {
  const a = preciseArg('x', x);
  const b = preciseArg('y', y);
  if (a === 0n) return 0n;
  return precise('x', x, 'an overflow: the program returns None', () => sExp(sMul(sg(b), pLogSigned(a))));
}

// ---------------------------------------------------------------------------------------------
// Sub-DAO utility score and the HNT split (helium-sub-daos, seed era)
// ---------------------------------------------------------------------------------------------

/** The seed-era helium-sub-daos commit: the last one before 2024-10-01. */
export const SEED_ERA_COMMIT = 'c0bb5245d394fa6a21159aed6b8ea19da852ad43';

/** Inputs of {@link calculateUtilityScoreV0}: one sub-DAO's epoch info (`SubDaoEpochInfoV0`). */
export interface UtilityScoreInputs {
  /** veHNT delegated to the sub-DAO at the epoch start, 8 decimals (`vehnt_at_epoch_start`, u64). */
  readonly vehntAtEpochStart: bigint;
  /** Data Credits burned in the sub-DAO during the epoch (`dc_burned`, u64). */
  readonly dcBurned: bigint;
  /** Onboarding fees of the active devices, in DC (`dc_onboarding_fees_paid`, u64; set by the active-device oracle). */
  readonly dcOnboardingFeesPaid: bigint;
}

/**
 * The HIP-51 DAO utility score of one sub-DAO for one epoch, as `calculate_utility_score_v0` was
 * live at the seed date: U = V × D × A with V = max(1, veHNT), D = max(1, √(DC burned in USD)),
 * A = max(1, ⁴√(onboarding fees of active devices in USD)), the roots computed as
 * e^(ln x / 2) and e^(ln x / 4) in PreciseNumber, then × 10^12 and rounded to a u128
 * (the score has 12 decimals). D or A is exactly 1 when its input is 0.
 *
 * @param inputs - {@link UtilityScoreInputs} (bigints, each a u64).
 * @returns The utility score with 12 decimals (bigint, a u128).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `inputs.<field>` for a non-bigint or a value
 *   outside u64.
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * // the seed's IOT row: 598,502,751 veHNT, 9,780,594 DC in 24 h, $14,250,808.50 of onboarding fees
 * rules.calculateUtilityScoreV0({ vehntAtEpochStart: 59_850_275_100_000_000n, dcBurned: 9_780_594n, dcOnboardingFeesPaid: 1_425_080_850_000n });
 * // 363670976507997427753319n: 363,670,976,508.0 (the seed prints 363,670,976,926 from rounded inputs)
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/instructions/calculate_utility_score_v0.rs`
 * (`handler`, "utility score = V * D * A") at commit c0bb5245d394fa6a21159aed6b8ea19da852ad43
 * (unchanged from 9bba8516e, 2023-09-21, until HIP-138 in 4172cf4c0, 2024-12-13).
 */
export function calculateUtilityScoreV0(inputs: UtilityScoreInputs): bigint {
  if (typeof inputs !== 'object' || inputs === null) bad('inputs', inputs, 'must be an object', 'pass { vehntAtEpochStart, dcBurned, dcOnboardingFeesPaid }');
  const vehnt = int('inputs.vehntAtEpochStart', inputs.vehntAtEpochStart, 0n, U64_MAX, 'u64 vehnt_at_epoch_start');
  const dc = int('inputs.dcBurned', inputs.dcBurned, 0n, U64_MAX, 'u64 dc_burned');
  const fees = int('inputs.dcOnboardingFeesPaid', inputs.dcOnboardingFeesPaid, 0n, U64_MAX, 'u64 dc_onboarding_fees_paid');
  return precise('inputs', inputs, 'an overflow (None)', () => {
    const dcUsd = pDiv(pNew(dc), pNew(100_000n));
    const feesUsd = pDiv(pNew(fees), pNew(100_000n));
    const one = PRECISE_ONE;
    const max = (a: bigint, b: bigint) => (a > b ? a : b);
    const d = dc > 0n ? max(one, sExp(sDiv(pLogSigned(dcUsd), sg(P_TWO)))) : one;
    const v = max(one, pDiv(pNew(vehnt), pNew(100_000_000n)));
    const a = fees > 0n ? max(one, sExp(sDiv(pLogSigned(feesUsd), sg(P_FOUR)))) : one;
    const score = pMul(pMul(d, a), v);
    return pToImprecise(pMul(score, pNew(1_000_000_000_000n)));
  });
}

/**
 * HNT minted to one sub-DAO's treasury for an epoch (`issue_rewards_v0`, seed era):
 * share = utility score ÷ total utility score (PreciseNumber division of the raw u128 scores),
 * emissions = ⌊(100 − HST percent) × total rewards ÷ 100⌋, rewards = ⌊share × emissions⌋. The
 * share is (u · 10^18 + 10^18/2) / total on the raw scores, so it is exact only for real scores
 * (≥ 10^12 raw): 1 / 4 gives 0.375, as on chain.
 * `totalRewards` is the DAO's `total_rewards`: the scheduled HNT plus the net-emissions re-mint.
 *
 * @param utilityScore - The sub-DAO's score (bigint, u128, 12 decimals).
 * @param totalUtilityScore - Sum over the sub-DAOs (bigint, u128, > 0).
 * @param totalRewards - HNT bones for the epoch (bigint, u64).
 * @param hstPercent - HST's percent at the epoch end (bigint, 0 … 100; `emissionsForEpoch('hst')` uses 30 then 0).
 * @returns HNT bones to the sub-DAO treasury (bigint).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at the argument that is not a bigint or out of its
 *   range; at `totalUtilityScore` when it is 0 (ArithmeticError); at `totalRewards` when
 *   (100 − percent) × totalRewards overflows a u64 (a panic).
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * rules.subDaoTreasuryRewards(10n ** 24n, 4n * 10n ** 24n, 4_109_589_041_096n, 30n); // 719178082191n (¼ of 70%)
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/instructions/issue_rewards_v0.rs`
 * (`handler`) at commit c0bb5245d394fa6a21159aed6b8ea19da852ad43.
 */
export function subDaoTreasuryRewards(utilityScore: bigint, totalUtilityScore: bigint, totalRewards: bigint, hstPercent: bigint): bigint {
  const u = int('utilityScore', utilityScore, 0n, U128_MAX, 'u128 utility_score');
  const tot = int('totalUtilityScore', totalUtilityScore, 0n, U128_MAX, 'u128 total_utility_score');
  const rewards = int('totalRewards', totalRewards, 0n, U64_MAX, 'u64 total_rewards');
  const pct = int('hstPercent', hstPercent, 0n, 100n, 'u8 percent (0 … 100)');
  if (tot === 0n) bad('totalUtilityScore', totalUtilityScore, 'is 0: the division fails (ArithmeticError)', 'the sum of the sub-DAO scores must be > 0');
  const prod = (100n - pct) * rewards;
  if (prod > U64_MAX) bad('totalRewards', totalRewards, '(100 − percent) × totalRewards overflows a u64 (a panic)', 'pass a u64 epoch amount below 1.8 · 10^17');
  const emissions = prod / 100n;
  return precise('utilityScore', utilityScore, 'an overflow (ArithmeticError)', () => {
    const share = pDiv(u, tot); // to_prec: the raw u128 as the PreciseNumber's inner value
    const r = pToImprecise(pFloor(pMul(share, pNew(emissions))));
    if (r > U64_MAX) none();
    return r;
  });
}

/** The delegator share's denominator: 100% with 8 decimals (`100 * 10_0000000`). */
export const DELEGATOR_PERCENT_MAX = 10_000_000_000n;

/**
 * The split of a sub-DAO's daily DNT emission (IOT or MOBILE) in `issue_rewards_v0` (seed era):
 * to the rewards escrow (hotspot rewards) ⌊total × (100% − delegator percent) ÷ 100%⌋, and to
 * the delegator pool (veHNT delegators) the remainder, only if veHNT is delegated to the
 * sub-DAO at the epoch start (otherwise the remainder is not minted).
 *
 * @param totalEmissions - The sub-DAO's emission for the epoch, base units (bigint, u64; `emissionsForEpoch('iot' | 'mobile')`).
 * @param delegatorRewardsPercent - Percent with 8 decimals (bigint, 0 … 10^10; 6% = 600,000,000).
 * @param delegatorsPresent - `vehnt_at_epoch_start > 0`.
 * @returns `{ rewardsEscrow, delegatorPool }` in base units (bigints).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at the argument that is not a bigint (boolean) or
 *   is out of range.
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * rules.dntEmissionsSplit(89_041_095_890_411n, 600_000_000n, true);
 * // { rewardsEscrow: 83698630136986n, delegatorPool: 5342465753425n }
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/instructions/issue_rewards_v0.rs`
 * (`dnt_emissions`, `delegation_rewards_amount`) at commit c0bb5245d394fa6a21159aed6b8ea19da852ad43;
 * `packages/helium-admin-cli/src/create-subdao.ts` (`delegatorRewardsPercent`, "can have 8 decimal places").
 */
export function dntEmissionsSplit(totalEmissions: bigint, delegatorRewardsPercent: bigint, delegatorsPresent: boolean): { rewardsEscrow: bigint; delegatorPool: bigint } {
  const total = int('totalEmissions', totalEmissions, 0n, U64_MAX, 'u64 emissions_per_epoch');
  const pct = int('delegatorRewardsPercent', delegatorRewardsPercent, 0n, DELEGATOR_PERCENT_MAX, 'u64 delegator_rewards_percent (≤ 100% = 10^10)');
  if (typeof delegatorsPresent !== 'boolean') bad('delegatorsPresent', delegatorsPresent, 'must be a boolean', 'pass vehnt_at_epoch_start > 0');
  const dnt = (total * (DELEGATOR_PERCENT_MAX - pct)) / DELEGATOR_PERCENT_MAX;
  return { rewardsEscrow: dnt, delegatorPool: delegatorsPresent ? total - dnt : 0n };
}

// ---------------------------------------------------------------------------------------------
// Treasury redemption (treasury-management redeem_v0)
// ---------------------------------------------------------------------------------------------

/** Inputs of {@link treasuryRedeem}. */
export interface TreasuryRedeemInputs {
  /** Sub-DAO tokens (DNT) burned, base units (u64). */
  readonly amount: bigint;
  /** HNT in the treasury, base units (u64). */
  readonly treasury: bigint;
  /** DNT supply (the mint's supply, locked veDNT included), base units (u64). */
  readonly supply: bigint;
  /** DNT decimals (0 … 12; IOT and MOBILE 6). */
  readonly supplyDecimals: number;
  /** Treasury mint decimals (0 … 12; HNT 8). */
  readonly treasuryDecimals: number;
  /** Curve exponent k with 12 decimals (u128; 0 = linear, as the IOT and MOBILE treasuries). Default 0. */
  readonly k?: bigint;
}

/**
 * HNT paid out of a sub-DAO treasury for burning `amount` DNT (HIP-52's one-way redemption,
 * `redeem_v0` with `ExponentialCurveV0 { k }`): dR = e^(ln R + (1 + k) · ln((S − dS) / S)) − R
 * in PreciseNumber (its absolute value), the whole treasury when dS = S, then floored to the
 * treasury mint's base units. With k = 0 this is R × dS / S: the treasury price P = H / S
 * (to within the fixed-point log/exp error, a few units in 10^12).
 *
 * @param inputs - {@link TreasuryRedeemInputs}.
 * @returns HNT base units paid out (bigint, a u64; the program casts with `as u64`).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `inputs.<field>` for a non-bigint or a value out
 *   of range; at `inputs.treasury` / `inputs.supply` when either is 0, and at `inputs.amount` when
 *   it exceeds the supply (the curve returns None: ArithmeticError).
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * // projects.md §10 validation fact 3: H = 2,000,000 HNT, S = 3,275,000,000 IOT; redeem 1,000 IOT
 * rules.treasuryRedeem({ amount: 1_000_000_000n, treasury: 200_000_000_000_000n, supply: 3_275_000_000_000_000n, supplyDecimals: 6, treasuryDecimals: 8 });
 * // 61068702n bones = 0.61068702 HNT (P = 0.00061068702 HNT/IOT)
 * ```
 *
 * Source: helium/helium-program-library `programs/treasury-management/src/instructions/redeem_v0.rs`,
 * `src/curve.rs` (`price_exp`, `to_prec`), `src/utils.rs` (`precise_supply_amt`, `to_mint_amount`)
 * at commit c0bb5245d394fa6a21159aed6b8ea19da852ad43; the linear curve (`k: toU128(0)`) from
 * `packages/helium-admin-cli/src/create-subdao.ts` at the same commit.
 */
export function treasuryRedeem(inputs: TreasuryRedeemInputs): bigint {
  if (typeof inputs !== 'object' || inputs === null) bad('inputs', inputs, 'must be an object', 'pass { amount, treasury, supply, supplyDecimals, treasuryDecimals }');
  const amount = int('inputs.amount', inputs.amount, 0n, U64_MAX, 'u64 amount');
  const treasury = int('inputs.treasury', inputs.treasury, 0n, U64_MAX, 'u64 treasury amount');
  const supply = int('inputs.supply', inputs.supply, 0n, U64_MAX, 'u64 mint supply');
  const k = int('inputs.k', inputs.k ?? 0n, 0n, U128_MAX, 'u128 curve k (12 decimals)');
  const dec = (name: string, d: unknown): number => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 12)
      bad(name, d, 'must be an integer 0 … 12 (the program looks up 10^decimals in a table of 0 … 12; others are unreachable!())', 'pass the mint decimals, e.g. 6 for IOT, 8 for HNT');
    return d as number;
  };
  const sd = dec('inputs.supplyDecimals', inputs.supplyDecimals);
  const td = dec('inputs.treasuryDecimals', inputs.treasuryDecimals);
  const prec = (amt: bigint, d: number) => amt * 10n ** BigInt(12 - d) * 1_000_000n;
  const amountP = prec(amount, sd);
  const treasuryP = prec(treasury, td);
  const supplyP = prec(supply, sd);
  if (treasuryP === 0n) bad('inputs.treasury', inputs.treasury, 'is 0: the curve returns None (ArithmeticError)', 'the treasury must hold HNT');
  if (supplyP === 0n) bad('inputs.supply', inputs.supply, 'is 0: the curve returns None (ArithmeticError)', 'the supply must be > 0');
  if (amountP > supplyP) bad('inputs.amount', inputs.amount, 'exceeds the supply: S − dS underflows (ArithmeticError)', 'redeem at most the supply');
  return precise('inputs', inputs, 'an overflow in the curve (ArithmeticError)', () => {
    const sPlusDs = pSub(supplyP, amountP);
    const onePlusK = pAdd(PRECISE_ONE, chk(k * 1_000_000n));
    let redeemed: bigint;
    if (sPlusDs === 0n) {
      redeemed = treasuryP;
    } else {
      const log1 = pLogSigned(treasuryP);
      const log2 = pLogSigned(pDiv(sPlusDs, supplyP));
      const logs = sAdd(log1, sMul(sg(onePlusK), log2));
      const e = sExp(logs);
      redeemed = sSub(sg(e), sg(treasuryP)).v;
    }
    const pre = pMul(redeemed, pNew(10n ** BigInt(td)));
    return BigInt.asUintN(64, pToImprecise(pFloor(pre)));
  });
}

// ---------------------------------------------------------------------------------------------
// veHNT positions (voter-stake-registry)
// ---------------------------------------------------------------------------------------------

/** Helium's HNT voting-mint configuration (create-dao.ts): baseline 0, max extra 100×, 4-year saturation, 3× genesis. */
export const VEHNT_CONFIG = Object.freeze({
  baselineVoteWeightScaledFactor: 0n,
  maxExtraLockupVoteWeightScaledFactor: 100n * 1_000_000_000n,
  lockupSaturationSecs: 4n * 365n * 86_400n,
  genesisVotePowerMultiplier: 3n,
});

/** A veHNT position (`PositionV0` with its `Lockup`). */
export interface VeHntPosition {
  /** HNT locked, bones (`amount_deposited_native`, u64). */
  readonly amount: bigint;
  /** `'cliff'` decays as the end approaches; `'constant'` keeps its full remaining time until unlocked; `'none'` has no lockup power. */
  readonly kind: 'none' | 'cliff' | 'constant';
  /** Lockup start and end, unix seconds (i64). */
  readonly startTs: bigint;
  readonly endTs: bigint;
  /** End of the genesis (landrush) multiplier, unix seconds (0 for positions made after it). */
  readonly genesisEnd?: bigint;
}

/**
 * The voting power (veHNT, 8 decimals) of a position at a time, as voter-stake-registry computes
 * it: (baseline + max extra × min(seconds left, saturation) ÷ saturation) × genesis multiplier,
 * with baseline = amount × baseline factor ÷ 10^9 and max extra = amount × 100 × 10^9 ÷ 10^9.
 * A constant lockup counts its seconds left from its start (it does not decay); a cliff decays
 * linearly to 0 at its end. 48 months of lockup give 100×; the landrush gave 3× on top until
 * `genesisEnd`.
 *
 * @param position - {@link VeHntPosition}.
 * @param nowTs - Unix seconds (bigint, i64).
 * @param config - Voting mint configuration (default {@link VEHNT_CONFIG}).
 * @returns veHNT with 8 decimals (bigint, a u128).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `position.<field>` / `nowTs` for a non-bigint or
 *   an out-of-range value, or an unknown kind.
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * const y = 365n * 86_400n;
 * rules.vehntVotingPower({ amount: 100_000_000n, kind: 'constant', startTs: 0n, endTs: 4n * y }, 0n); // 10000000000n = 100 veHNT
 * ```
 *
 * Source: helium/helium-program-library `programs/voter-stake-registry/src/state/position.rs`
 * (`voting_power`, `voting_power_locked`, `voting_power_cliff`), `state/lockup.rs`
 * (`seconds_left`, `expired`), `state/voting_mint_config.rs` (`apply_factor`, SCALED_FACTOR_BASE
 * 10^9) and `packages/helium-admin-cli/src/create-dao.ts` (BASELINE 0, SCALE 100, GENESIS_MULTIPLIER 3,
 * MAX_LOCKUP 4 × 365 days) at commit c0bb5245d394fa6a21159aed6b8ea19da852ad43.
 */
export function vehntVotingPower(position: VeHntPosition, nowTs: bigint, config: typeof VEHNT_CONFIG = VEHNT_CONFIG): bigint {
  if (typeof position !== 'object' || position === null) bad('position', position, 'must be an object', 'pass { amount, kind, startTs, endTs }');
  const amount = int('position.amount', position.amount, 0n, U64_MAX, 'u64 amount_deposited_native');
  const start = int('position.startTs', position.startTs, I64_MIN, I64_MAX, 'i64 start_ts');
  const end = int('position.endTs', position.endTs, I64_MIN, I64_MAX, 'i64 end_ts');
  const genesisEnd = int('position.genesisEnd', position.genesisEnd ?? 0n, I64_MIN, I64_MAX, 'i64 genesis_end');
  const now = int('nowTs', nowTs, I64_MIN, I64_MAX, 'i64 unix timestamp');
  if (position.kind !== 'none' && position.kind !== 'cliff' && position.kind !== 'constant')
    bad('position.kind', position.kind, "must be 'none', 'cliff' or 'constant'", "pass the lockup kind, e.g. 'constant'");
  const SCALE = 1_000_000_000n;
  const baseline = (amount * config.baselineVoteWeightScaledFactor) / SCALE;
  const maxLocked = (amount * config.maxExtraLockupVoteWeightScaledFactor) / SCALE;
  const genesis = now < genesisEnd && config.genesisVotePowerMultiplier > 0n ? config.genesisVotePowerMultiplier : 1n;
  const secondsLeft = (ts: bigint) => {
    const c = position.kind === 'constant' ? start : ts;
    return c >= end ? 0n : end - c;
  };
  let locked = 0n;
  if (secondsLeft(now) !== 0n && maxLocked !== 0n && position.kind !== 'none') {
    const left = secondsLeft(now);
    const remaining = left < config.lockupSaturationSecs ? left : config.lockupSaturationSecs;
    locked = (maxLocked * remaining) / config.lockupSaturationSecs;
  }
  return (baseline + locked) * genesis;
}

/**
 * The veHNT per HNT of a constant lockup of `lockupSeconds` outside genesis, for the model's
 * cohorts: 100 × min(lockup seconds, 4 × 365 days) ÷ (4 × 365 days), as {@link vehntVotingPower}
 * computes it for 1 HNT (floored to the bone).
 *
 * @param lockupSeconds - Lockup length in seconds (bigint ≥ 0).
 * @returns veHNT per HNT as a number (0 … 100).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `lockupSeconds` for a non-bigint or a negative value.
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * rules.vehntMultiplier(2n * 365n * 86_400n); // 50
 * ```
 *
 * Source: as {@link vehntVotingPower} (a constant lockup of 1 HNT, outside genesis).
 */
export function vehntMultiplier(lockupSeconds: bigint): number {
  const s = int('lockupSeconds', lockupSeconds, 0n, I64_MAX, 'i64 seconds');
  const p = vehntVotingPower({ amount: 100_000_000n, kind: 'constant', startTs: 0n, endTs: s }, 0n);
  return Number(p) / 1e8;
}

// ---------------------------------------------------------------------------------------------
// Later rule versions: HIP-138 and HIP-149
// ---------------------------------------------------------------------------------------------

/**
 * The utility score after HIP-138, as fixed three days after the HIP-138 commit (27076bf70, "More
 * bugfixes for HIP-138"): V only, smoothed over 90 epochs in the 12-decimal domain:
 * U = (veHNT × 10^12) / 90 + 89 × U_prev / 90 in PreciseNumber, U_prev the previous epoch's stored
 * score (veHNT × 10^12 on a sub-DAO's first epoch), rounded to a u128. At the switch U_prev is the
 * last V × D × A score, so the score glides from V × D × A to V over ~90 days. (4172cf4c0 itself
 * read U_prev unscaled; from d79d10bd4, 2025-01-08, the smoothing moved to the percentage shares.)
 *
 * @param vehntAtEpochStart - veHNT delegated, 8 decimals (bigint, u64).
 * @param prevUtilityScore - The previous epoch's stored score (u128, 12 decimals), or `undefined` on the first epoch.
 * @returns The utility score with 12 decimals (bigint).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at the argument that is not a bigint or out of range.
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * rules.utilityScoreHip138(59_850_275_100_000_000n, undefined); // 598502751000000000000n
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/instructions/calculate_utility_score_v0.rs`
 * at commit 27076bf70296bafcaeb487c3ca9c6c8d0e2768d1 (after 4172cf4c0e710c313caa519a6bd26df803080909, "[HIP-138] Implement HIP-138").
 */
export function utilityScoreHip138(vehntAtEpochStart: bigint, prevUtilityScore: bigint | undefined): bigint {
  const vehnt = int('vehntAtEpochStart', vehntAtEpochStart, 0n, U64_MAX, 'u64 vehnt_at_epoch_start');
  const prev = prevUtilityScore === undefined ? undefined : int('prevUtilityScore', prevUtilityScore, 0n, U128_MAX, 'u128 utility_score');
  return precise('prevUtilityScore', prevUtilityScore, 'an overflow (None)', () => {
    const staked = pDiv(pNew(vehnt), pNew(100_000_000n));
    const twelve = pNew(1_000_000_000_000n);
    const prevP = prev === undefined ? pMul(staked, twelve) : pNew(prev);
    const u = pAdd(pDiv(pMul(staked, twelve), pNew(90n)), pDiv(pMul(pNew(89n), prevP), pNew(90n)));
    return pToImprecise(u);
  });
}

/**
 * HIP-149 Decision 2, the HNT operations supplement per sub-DAO per epoch (×2 sub-DAOs a day):
 * 98,000 HNT flat for 360 epochs from INFLATION_START (2026-08-05T12:00:00Z), then a linear taper
 * 98,000 × (taper end − now) ÷ 720 days to 0 at 1,080 days; 0 outside. In total 2 × (98,000 × 360
 * + 98,000 × 720 / 2) = 141,120,000 HNT.
 *
 * @param nowTs - Unix seconds (bigint, i64).
 * @returns HNT bones per sub-DAO for the epoch cranked at `nowTs` (bigint).
 * @throws FlywheelError RULE_INVALID_ARGUMENT at `nowTs` for a non-bigint or a value outside i64.
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * rules.supplementPerSubDao(1_785_931_200n); // 9800000000000n (98,000 HNT)
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/supplement.rs`
 * (`supplement_amount`, `INFLATION_START`, `INFLATION_FLAT_PER_EPOCH_PER_SUBDAO`) at commit
 * 145947eedf2b1dc33d8289065d63538973278aee (HIP-149 on-chain, 6a2d70e46).
 */
export function supplementPerSubDao(nowTs: bigint): bigint {
  const now = int('nowTs', nowTs, I64_MIN, I64_MAX, 'i64 unix timestamp');
  return supplementAmount(
    now,
    HIP149_INFLATION_START,
    HIP149_INFLATION_START + 360n * EPOCH_LENGTH_SECONDS,
    HIP149_INFLATION_START + 1080n * EPOCH_LENGTH_SECONDS,
    98_000n * 100_000_000n,
    98_000n * 100_000_000n,
  );
}

/** HIP-149's INFLATION_START on mainnet: 1,785,931,200 = 2026-08-05T12:00:00Z. [OFF supplement.rs at 145947ee] */
export const HIP149_INFLATION_START = 1_785_931_200n;

/**
 * Port of `supplement_amount` (supplement.rs) with explicit windows, as the program's own tests call it.
 *
 * @param now - Unix seconds. @param start - Window start. @param flatEnd - End of the flat part.
 * @param taperEnd - End of the taper. @param flatRate - Bones per epoch in the flat part.
 * @param taperInitial - Bones per epoch at the taper's start.
 * @returns Bones (bigint): flat in [start, flatEnd), taperInitial × (taperEnd − now) ÷ (taperEnd − flatEnd) in [flatEnd, taperEnd), else 0.
 * @throws FlywheelError RULE_INVALID_ARGUMENT at an argument that is not a bigint.
 * @example
 * ```ts
 * import { rules } from '@flywheel/models/helium';
 * rules.supplementAmount(10n, 0n, 10n, 30n, 100n, 100n); // 100n
 * ```
 *
 * Source: helium/helium-program-library `programs/helium-sub-daos/src/supplement.rs` at commit
 * 145947eedf2b1dc33d8289065d63538973278aee.
 */
export function supplementAmount(now: bigint, start: bigint, flatEnd: bigint, taperEnd: bigint, flatRate: bigint, taperInitial: bigint): bigint {
  const n = int('now', now, I64_MIN, I64_MAX, 'i64');
  const s = int('start', start, I64_MIN, I64_MAX, 'i64');
  const fe = int('flatEnd', flatEnd, I64_MIN, I64_MAX, 'i64');
  const te = int('taperEnd', taperEnd, I64_MIN, I64_MAX, 'i64');
  const fr = int('flatRate', flatRate, 0n, U64_MAX, 'u64');
  const ti = int('taperInitial', taperInitial, 0n, U64_MAX, 'u64');
  if (n >= s && n < fe) return fr;
  if (n >= fe && n < te) {
    const remaining = te - n > 0n ? te - n : 0n; // saturating_sub
    const total = te - fe;
    if (total === 0n) return 0n; // checked_div → unwrap_or(0)
    return BigInt.asUintN(64, (ti * remaining) / total); // saturating_mul cannot saturate u128 here
  }
  return 0n;
}
