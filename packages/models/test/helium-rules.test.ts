import { ErrorCodes, FlywheelError } from '@flywheel/spec';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { DC_PER_USD, EMISSION_SCHEDULES, EPOCH_LENGTH_SECONDS, HST_PERCENT_SCHEDULE, TOKEN_DECIMALS, dcForHnt, emissionsForEpoch, epochAt, hntForDc } from '../src/helium/rules.js';

Decimal.set({ precision: 80 });

// All protocol sources below: helium/helium-program-library at commit
// 145947eedf2b1dc33d8289065d63538973278aee unless stated otherwise.

/** Epoch (whole UTC days since 1970-01-01) of an ISO date, computed independently of the module. */
const epochOf = (iso: string): bigint => BigInt(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const ONE_HNT = 100_000_000n;

/** Expect `fn` to throw a FlywheelError RULE_INVALID_ARGUMENT at `path`. */
function expectBad(fn: () => unknown, path: string): FlywheelError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a FlywheelError at ${path}`).toBeInstanceOf(FlywheelError);
  const err = caught as FlywheelError;
  expect(err.code).toBe(ErrorCodes.RULE_INVALID_ARGUMENT);
  expect(err.path).toBe(path);
  return err;
}

describe('constants', () => {
  // programs/helium-sub-daos/src/utils.rs: EPOCH_LENGTH = 24 * 60 * 60
  // programs/data-credits/src/instructions/mint_data_credits_v0.rs: "$1 = 10^5 DC"
  // packages/blockchain-api/src/lib/constants/tokens.ts: HNT 8, MOBILE 6, IOT 6, DC 0
  it('epoch length, DC per USD and token decimals', () => {
    expect(EPOCH_LENGTH_SECONDS).toBe(86_400n);
    expect(DC_PER_USD).toBe(100_000n);
    expect(TOKEN_DECIMALS).toEqual({ hnt: 8, iot: 6, mobile: 6, dc: 0 });
  });

  // programs/helium-sub-daos/src/utils.rs: current_epoch = unix_timestamp / EPOCH_LENGTH
  it('epochAt is unix seconds / 86,400, truncated', () => {
    expect(epochAt(1_722_470_400n)).toBe(19_936n); // 2024-08-01T00:00:00Z
    expect(epochAt(1_722_556_799n)).toBe(19_936n); // 2024-08-01T23:59:59Z
    expect(epochAt(1_722_556_800n)).toBe(19_937n);
    expect(epochOf('2024-08-01')).toBe(19_936n);
    expectBad(() => epochAt(-1n), 'unixSeconds');
    expectBad(() => epochAt(1 as unknown as bigint), 'unixSeconds');
  });
});

describe('emission schedules, parsed exactly from the JSON files', () => {
  // packages/helium-admin-cli/emissions/{hnt,iot,mobile,hst}.json, parsed as
  // packages/helium-admin-cli/src/utils.ts parseEmissionsSchedule does (strip "." and ",").
  it('hold the JSON amounts as exact base units and start times as unix seconds', () => {
    expect(EMISSION_SCHEDULES.hnt).toEqual([
      { startUnixTime: 1_690_934_400n, emissionsPerEpoch: 8_219_178_082_192n }, // 2023-08-02T00:00:00Z "82,191.78082192"
      { startUnixTime: 1_691_020_800n, emissionsPerEpoch: 4_098_360_655_738n }, // 2023-08-03T00:00:00Z
      { startUnixTime: 1_722_470_401n, emissionsPerEpoch: 4_109_589_041_096n }, // 2024-08-01T00:00:01Z
      { startUnixTime: 1_754_006_401n, emissionsPerEpoch: 2_054_794_520_548n }, // 2025-08-01T00:00:01Z
    ]);
    expect(EMISSION_SCHEDULES.iot.map((x) => x.emissionsPerEpoch)).toEqual([88_797_814_207_650n, 89_041_095_890_411n, 44_520_547_945_206n, 22_199_453_551_913n]);
    expect(EMISSION_SCHEDULES.mobile.map((x) => x.emissionsPerEpoch)).toEqual([81_967_213_114_754n, 82_191_780_821_918n, 41_095_890_410_959n, 20_491_803_278_689n]);
    expect(EMISSION_SCHEDULES.iot[0]!.startUnixTime).toBe(1_704_672_001n); // 2024-01-08T00:00:01Z
    expect(HST_PERCENT_SCHEDULE).toEqual([
      { startUnixTime: 1_722_470_401n, percent: 30n },
      { startUnixTime: 1_738_022_401n, percent: 0n }, // 2025-01-28T00:00:01Z
    ]);
  });
});

describe('emissionsForEpoch (schedule entry in force at the epoch end, (epoch + 1) × 86,400)', () => {
  // programs/helium-sub-daos/src/instructions/calculate_utility_score_v0.rs:
  //   end_of_epoch_ts = (epoch + 1) * EPOCH_LENGTH; emission_schedule.get_emissions_at(end_of_epoch_ts).unwrap()
  // programs/helium-sub-daos/src/state.rs: get_emissions_at = last entry with start_unix_time <= unix_time
  it('HNT on 2024-08-01 × 365 is 15,000,000 HNT to within 40 bones (the schedule rounds 15M/365 to 8 decimals)', () => {
    const perDay = emissionsForEpoch('hnt', epochOf('2024-08-01'));
    expect(perDay).toBe(4_109_589_041_096n); // 41,095.89041096 HNT
    const year = perDay * 365n;
    const target = 15_000_000n * ONE_HNT;
    expect(year - target).toBe(40n); // 15M/365 = 41,095.890410958904… rounded up by 0.11 bone/day
    expect(year - target < 365n).toBe(true); // within half a bone per day of rounding, ×365
  });

  it('HNT on 2025-08-01 is 20,547.94520548 HNT/day', () => {
    expect(emissionsForEpoch('hnt', epochOf('2025-08-01'))).toBe(2_054_794_520_548n);
    expect(emissionsForEpoch('hnt', epochOf('2030-01-01'))).toBe(2_054_794_520_548n); // last entry holds
  });

  it('the halving day itself pays the new rate (start 00:00:01 ≤ the epoch end); the day before pays the old', () => {
    expect(emissionsForEpoch('hnt', epochOf('2024-07-31'))).toBe(4_098_360_655_738n);
    expect(emissionsForEpoch('hnt', epochOf('2024-08-01'))).toBe(4_109_589_041_096n);
    expect(emissionsForEpoch('hnt', epochOf('2025-07-31'))).toBe(4_109_589_041_096n);
    expect(emissionsForEpoch('iot', epochOf('2025-07-31'))).toBe(89_041_095_890_411n);
    expect(emissionsForEpoch('iot', epochOf('2025-08-01'))).toBe(44_520_547_945_206n);
    expect(emissionsForEpoch('mobile', epochOf('2027-08-01'))).toBe(20_491_803_278_689n);
    expect(emissionsForEpoch('mobile', epochOf('2027-07-31'))).toBe(41_095_890_410_959n);
  });

  it('entries before the first date: the code finds no entry (None → unwrap panic), so it throws at epoch', () => {
    // HNT first entry starts 2023-08-02T00:00:00Z, exactly the end of epoch 2023-08-01: that epoch gets it.
    expect(emissionsForEpoch('hnt', epochOf('2023-08-01'))).toBe(8_219_178_082_192n);
    expect(emissionsForEpoch('hnt', epochOf('2023-08-02'))).toBe(4_098_360_655_738n);
    const err = expectBad(() => emissionsForEpoch('hnt', epochOf('2023-07-31')), 'epoch');
    expect(err.message).toMatch(/before the first hnt schedule entry/);
    expectBad(() => emissionsForEpoch('hnt', 0n), 'epoch');
    // IOT/MOBILE start 2024-01-08T00:00:01Z: epoch 2024-01-07 ends at 00:00:00, one second too early.
    expectBad(() => emissionsForEpoch('iot', epochOf('2024-01-07')), 'epoch');
    expect(emissionsForEpoch('iot', epochOf('2024-01-08'))).toBe(88_797_814_207_650n);
    expectBad(() => emissionsForEpoch('mobile', epochOf('2024-01-07')), 'epoch');
    expectBad(() => emissionsForEpoch('hst', epochOf('2024-07-31')), 'epoch');
  });

  // issue_hst_pool_v0.rs at 717b2f65c74692cea4bd8cb1bda00dc6d65e69e8 (parent of the HIP-138 commit):
  //   emissions = percent * total_emissions / 100 (u64, floor)
  it('HST gets ⌊30% × HNT⌋ until 2025-01-27 and 0 from 2025-01-28', () => {
    expect(emissionsForEpoch('hst', epochOf('2024-08-01'))).toBe(1_232_876_712_328n); // ⌊0.3 × 4,109,589,041,096⌋ (…328.8)
    expect(emissionsForEpoch('hst', epochOf('2025-01-27'))).toBe(1_232_876_712_328n);
    expect(emissionsForEpoch('hst', epochOf('2025-01-28'))).toBe(0n);
    expect(emissionsForEpoch('hst', epochOf('2026-06-01'))).toBe(0n);
  });

  it('agrees with an independent linear scan of the schedule on every epoch 2023-07-01 … 2030-12-31', () => {
    const scan = (token: 'hnt' | 'iot' | 'mobile', end: bigint): bigint | undefined => EMISSION_SCHEDULES[token].filter((x) => x.startUnixTime <= end).at(-1)?.emissionsPerEpoch;
    for (let e = epochOf('2023-07-01'); e <= epochOf('2030-12-31'); e++) {
      const end = (e + 1n) * 86_400n;
      for (const token of ['hnt', 'iot', 'mobile'] as const) {
        const want = scan(token, end);
        if (want === undefined) expect(() => emissionsForEpoch(token, e)).toThrow(FlywheelError);
        else expect(emissionsForEpoch(token, e)).toBe(want);
      }
    }
  });

  it('rejects bad arguments at token / epoch', () => {
    expectBad(() => emissionsForEpoch('dc' as never, 19_936n), 'token');
    expectBad(() => emissionsForEpoch('hnt', 19_936 as unknown as bigint), 'epoch');
    expectBad(() => emissionsForEpoch('hnt', -1n), 'epoch');
    // (epoch + 1) × 86,400 must fit an i64 on chain
    expectBad(() => emissionsForEpoch('hnt', (1n << 63n) / 86_400n), 'epoch');
    expect(emissionsForEpoch('hnt', (1n << 63n) / 86_400n - 1n)).toBe(2_054_794_520_548n);
  });
});

describe('Data Credits: dcForHnt / hntForDc (mint_data_credits_v0)', () => {
  it('1 HNT at (EMA − 2·conf) = $5.00 gives 500,000 DC, and back', () => {
    expect(dcForHnt(ONE_HNT, 510_000_000n, 5_000_000n, -8)).toBe(500_000n); // $5.10 − 2 × $0.05
    expect(dcForHnt(ONE_HNT, 500_000_000n, 0n, -8)).toBe(500_000n);
    expect(hntForDc(500_000n, 510_000_000n, 5_000_000n, -8)).toBe(ONE_HNT);
    // Same price with another exponent: $5.00 = 50,000 × 10^-4
    expect(dcForHnt(ONE_HNT, 50_000n, 0n, -4)).toBe(500_000n);
  });

  // tests/data-credits.ts, "mints some data credits with hnt amount" (both describe blocks):
  //   burning 1e8 bones gives startDc + floor((emaPrice − 2·emaConf) · 10^expo · 10^5), within ±1.
  // The anchor test reads a cloned mainnet Pyth account; here the same formula is checked, exactly,
  // on a set of price messages.
  const messages: Array<[bigint, bigint, number]> = [
    [510_000_000n, 5_000_000n, -8],
    [246_812_345n, 1_234_567n, -8], // ~$2.47
    [899_999_999n, 3_333_333n, -8],
    [123_456_789_012n, 987_654_321n, -10],
    [1n, 0n, -8],
    [7n, 3n, -8], // price − 2·conf = 1 (10^-8 USD)
  ];
  it.each(messages)('1 HNT at ema %s, conf %s, expo %s matches the anchor test formula exactly', (ema, conf, expo) => {
    const want = new Decimal((ema - 2n * conf).toString()).mul(new Decimal(10).pow(expo)).mul(1e5).floor();
    expect(dcForHnt(ONE_HNT, ema, conf, expo).toString()).toBe(want.toFixed(0));
  });

  // tests/data-credits.ts, "mints some data credits with dc amount": dcAmount = 1428 · 10^5;
  //   HNT burned ≈ (floor(dcAmount · 10^(8 − 5)) / hntEmaPrice) · 10^-8, within ±0.1%.
  it.each(messages.slice(0, 4))('1428·10^5 DC at ema %s, conf %s, expo %s burns the anchor test amount (exact floor)', (ema, conf, expo) => {
    const dc = 1428n * 10n ** 5n;
    const usdPrice = new Decimal((ema - 2n * conf).toString()).mul(new Decimal(10).pow(expo));
    const approxHnt = new Decimal((dc * 10n ** 3n).toString()).div(usdPrice).mul(1e-8);
    const bones = hntForDc(dc, ema, conf, expo);
    const hnt = new Decimal(bones.toString()).div(1e8);
    expect(hnt.minus(approxHnt).abs().lte(approxHnt.mul(0.001))).toBe(true);
    // and exactly the program's floor: bones = ⌊dc · 10^(8 − expo − 5) / (ema − 2·conf)⌋
    expect(bones).toBe((dc * 10n ** BigInt(3 - expo)) / (ema - 2n * conf));
  });

  // programs/helium-sub-daos/src/backstop.rs tests: DECIMALS_FACTOR = 10^11 "(8 hnt decimals, -8 expo)",
  // hnt_price(dollars) = dollars · 1e8, DC_BURNED = 910,000,000 ("$9,100/day"); the comments work out
  // cap_hnt = 3 × $9,100 / $1 = 27,300 HNT and target_hnt = 0.5 × $9,100 / $0.10 = 45,500 HNT with
  // scale_dc_to_hnt, which "mirrors mint_data_credits_v0" (dc · decimals_factor / price).
  it('backstop.rs worked examples: 3 × 910,000,000 DC at $1 = 27,300 HNT; 455,000,000 DC at $0.10 = 45,500 HNT', () => {
    expect(hntForDc(1n, 100_000_000n, 0n, -8)).toBe(100_000_000_000n / 100_000_000n); // 10^11 / price
    expect(hntForDc(3n * 910_000_000n, 100_000_000n, 0n, -8)).toBe(27_300n * ONE_HNT);
    expect(hntForDc(910_000_000n / 2n, 10_000_000n, 0n, -8)).toBe(45_500n * ONE_HNT);
  });

  it('both directions round down: a round trip never gains, and the DC direction can under-charge by a bone', () => {
    // $3.00: 1 DC costs 10^11 / 3·10^8 = 333.33… bones; the program burns 333.
    expect(hntForDc(1n, 300_000_000n, 0n, -8)).toBe(333n);
    // …and 333 bones, burnt by amount, buy ⌊333 · 3·10^8 / 10^11⌋ = ⌊0.999⌋ = 0 DC.
    expect(dcForHnt(333n, 300_000_000n, 0n, -8)).toBe(0n);
    expect(dcForHnt(334n, 300_000_000n, 0n, -8)).toBe(1n);
    // 1 HNT at $3 → 300,000 DC exactly; 300,000 DC → 1 HNT exactly (divisible case is lossless).
    expect(dcForHnt(ONE_HNT, 300_000_000n, 0n, -8)).toBe(300_000n);
    expect(hntForDc(300_000n, 300_000_000n, 0n, -8)).toBe(ONE_HNT);
    // Deterministic sweep: hntForDc(dcForHnt(h)) ≤ h and dcForHnt(hntForDc(d)) ≤ d, each the exact floor.
    let seed = 12345n;
    const next = (mod: bigint) => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n);
      return seed % mod;
    };
    for (let i = 0; i < 500; i++) {
      const price = 1_000_000n + next(2_000_000_000n); // $0.01 … $20
      const conf = next(price / 4n);
      const p = price - 2n * conf;
      const h = next(10n ** 15n);
      const d = dcForHnt(h, price, conf, -8);
      expect(d * 10n ** 11n <= h * p && (d + 1n) * 10n ** 11n > h * p).toBe(true);
      expect(hntForDc(d, price, conf, -8) <= h).toBe(true);
      const dc = next(10n ** 12n);
      const b = hntForDc(dc, price, conf, -8);
      expect(b * p <= dc * 10n ** 11n && (b + 1n) * p > dc * 10n ** 11n).toBe(true);
      expect(dcForHnt(b, price, conf, -8) <= dc).toBe(true);
    }
  });

  // programs/data-credits/src/instructions/mint_data_credits_v0.rs #[cfg(test)] price_update_data:
  // the fixture message has ema_price 1, ema_conf 2, exponent -8. Those tests only exercise the
  // oracle loader; the handler would reject this price: 1 − 2·2 < 0 and u128::try_from(..).unwrap() panics.
  it('the Rust fixture price (ema 1, conf 2) is rejected, at emaPrice', () => {
    expectBad(() => dcForHnt(ONE_HNT, 1n, 2n, -8), 'emaPrice');
    expectBad(() => hntForDc(1n, 1n, 2n, -8), 'emaPrice');
  });

  it('price vs 2·conf: below is an error both ways; equal gives 0 DC by HNT amount but divides by zero by DC amount', () => {
    expectBad(() => dcForHnt(ONE_HNT, 100n, 51n, -8), 'emaPrice');
    expectBad(() => hntForDc(1n, 100n, 51n, -8), 'emaPrice');
    expect(dcForHnt(ONE_HNT, 100n, 50n, -8)).toBe(0n);
    const err = expectBad(() => hntForDc(1n, 100n, 50n, -8), 'emaPrice');
    expect(err.message).toMatch(/divides by zero/);
    expectBad(() => dcForHnt(ONE_HNT, 0n, 0n, -8), 'emaPrice'); // require_gt!(hnt_price, 0)
    expectBad(() => dcForHnt(ONE_HNT, -5n, 0n, -8), 'emaPrice');
  });

  it('overflow checks of the program', () => {
    const U64_MAX = (1n << 64n) - 1n;
    // 2·conf must fit an i64
    expectBad(() => dcForHnt(ONE_HNT, (1n << 63n) - 1n, 1n << 62n, -8), 'emaConf');
    expect(dcForHnt(ONE_HNT, (1n << 63n) - 1n, (1n << 62n) - 1n, -8)).toBe((1n * 100_000_000n) / 100_000_000_000n);
    // DC result must fit a u64: expo 3 → factor 10^0
    expect(dcForHnt(U64_MAX, 1n, 0n, 3)).toBe(U64_MAX);
    expectBad(() => dcForHnt(U64_MAX, 2n, 0n, 3), 'hntBones');
    // HNT result must fit a u64
    expectBad(() => hntForDc(U64_MAX, 1n, 0n, -8), 'dc');
    // dc × 10^38 overflows u128 (expo −35 is the last usable exponent)
    expectBad(() => hntForDc(U64_MAX, 1n, 0n, -35), 'dc');
    expect(hntForDc(1n, 9n * 10n ** 18n, 0n, -35)).toBe(10n ** 38n / (9n * 10n ** 18n)); // 11,111,111,111,111,111,111 < 2^64
    // exponent 8 − expo − 5 must be in [0, 38]
    expectBad(() => dcForHnt(ONE_HNT, 1n, 0n, 4), 'expo');
    expectBad(() => dcForHnt(ONE_HNT, 1n, 0n, -36), 'expo');
    expectBad(() => dcForHnt(ONE_HNT, 1n, 0n, -(2 ** 31)), 'expo');
    // inputs beyond the Rust types
    expectBad(() => dcForHnt(U64_MAX + 1n, 1n, 0n, -8), 'hntBones');
    expectBad(() => hntForDc(U64_MAX + 1n, 1n, 0n, -8), 'dc');
    expectBad(() => dcForHnt(1n, 1n << 63n, 0n, -8), 'emaPrice');
    expectBad(() => dcForHnt(1n, 1n, 1n << 64n, -8), 'emaConf');
  });

  it('bad arguments give RULE_INVALID_ARGUMENT with the argument name as path', () => {
    expectBad(() => dcForHnt(100_000_000 as unknown as bigint, 500_000_000n, 0n, -8), 'hntBones');
    expectBad(() => dcForHnt(-1n, 500_000_000n, 0n, -8), 'hntBones');
    expectBad(() => dcForHnt(ONE_HNT, 5 as unknown as bigint, 0n, -8), 'emaPrice');
    expectBad(() => dcForHnt(ONE_HNT, 500_000_000n, 0 as unknown as bigint, -8), 'emaConf');
    expectBad(() => dcForHnt(ONE_HNT, 500_000_000n, -1n, -8), 'emaConf');
    expectBad(() => dcForHnt(ONE_HNT, 500_000_000n, 0n, -8.5), 'expo');
    expectBad(() => dcForHnt(ONE_HNT, 500_000_000n, 0n, -8n as unknown as number), 'expo');
    expectBad(() => dcForHnt(ONE_HNT, 500_000_000n, 0n, Number.NaN), 'expo');
    expectBad(() => hntForDc('5' as unknown as bigint, 500_000_000n, 0n, -8), 'dc');
    expectBad(() => hntForDc(-1n, 500_000_000n, 0n, -8), 'dc');
    const err = expectBad(() => hntForDc(1n, 500_000_000n, 0n, 1.5), 'expo');
    expect(err.value).toBe(1.5);
    expect(err.hint.length).toBeGreaterThan(0);
  });
});
