import { ErrorCodes, FlywheelError } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import {
  BLOCKS_PER_DAY,
  DEFAULT_BLOCK_EMISSION,
  MILLISECS_PER_BLOCK,
  NETWORK_LOCK_REDUCTION_INTERVAL,
  NETWORK_MIN_LOCK_COST,
  RAO_PER_TAO,
  TOTAL_SUPPLY,
  blockEmissionForIssuance,
  halvingIssuance,
  halvingsForIssuance,
  lockReductionInterval,
  log2I96F32,
  networkLockCost,
} from '../src/bittensor/rules.js';

// Values written out here independently of the module under test.
const S = 21_000_000_000_000_000n; // TotalSupply, rao
const DEFAULT = 1_000_000_000n; // DefaultBlockEmission, rao
const U64_MAX = 18_446_744_073_709_551_615n;
const emit = blockEmissionForIssuance;

describe('constants', () => {
  it('match subtensor lib.rs / common/src/lib.rs', () => {
    expect(TOTAL_SUPPLY).toBe(S);
    expect(DEFAULT_BLOCK_EMISSION).toBe(DEFAULT);
    expect(RAO_PER_TAO).toBe(1_000_000_000n);
    expect(MILLISECS_PER_BLOCK).toBe(12_000n);
    expect(BLOCKS_PER_DAY).toBe(7_200n);
  });
});

// opentensor/subtensor pallets/subtensor/src/tests/root.rs, `test_halving`,
// at 8f39a58329f2d195f029793942d1de3388b3edeb (the last version before the file was removed in e2b8367b8).
// The original sets the issuance, steps one block, then reads get_block_emission(); none of these points is within one
// block's emission below a threshold, so the function is called directly here.
describe('subtensor test_halving (tests/root.rs @ 8f39a583)', () => {
  const expected: [bigint, bigint][] = [
    [0n, 1_000_000_000n],
    [1_776_000n, 1_000_000_000n],
    [1_776_000_000n, 1_000_000_000n],
    [1_776_000_000_000n, 1_000_000_000n],
    [10_500_000_000_000_000n, 500_000_000n], // First halving event
    [10_999_999_000_000_000n, 500_000_000n],
    [11_000_000_000_000_000n, 500_000_000n],
    [12_000_999_000_000_000n, 500_000_000n],
    [15_749_999_000_000_000n, 500_000_000n],
    [15_800_000_000_000_000n, 250_000_000n], // Second halving event
    [16_400_999_000_000_000n, 250_000_000n],
    [16_499_999_000_000_000n, 250_000_000n],
    [17_624_999_000_000_000n, 250_000_000n],
    [18_400_000_000_000_000n, 125_000_000n], // Third halving event
    [19_312_500_000_000_000n, 125_000_000n],
    [19_700_000_000_000_000n, 62_500_000n], // Fourth halving event
    [19_906_249_000_000_000n, 62_500_000n],
    [20_400_000_000_000_000n, 31_250_000n], // Fifth halving event
    [20_500_000_000_000_000n, 31_250_000n],
    [20_700_000_000_000_000n, 15_625_000n], // Sixth halving event
    [20_800_000_000_000_000n, 15_625_000n],
    [20_900_000_000_000_000n, 7_812_500n], // Seventh halving event
    [20_917_970_000_000_000n, 3_906_250n], // Eighth halving event
    [20_958_985_000_000_000n, 1_953_125n], // Ninth halving event
    [20_979_493_000_000_000n, 976_562n], // Tenth halving event
    [20_989_747_000_000_000n, 488_281n], // Eleventh halving event
    [20_994_874_000_000_000n, 244_140n], // Twelfth halving event
    [20_997_437_000_000_000n, 122_070n], // Thirteenth halving event
    [20_998_719_000_000_000n, 61_035n], // Fourteenth halving event
    [20_999_360_000_000_000n, 30_517n], // Fifteenth halving event
    [20_999_680_000_000_000n, 15_258n], // Sixteenth halving event
    [20_999_840_000_000_000n, 7_629n], // Seventeenth halving event
    [20_999_920_000_000_000n, 3_814n], // Eighteenth halving event
    [20_999_960_000_000_000n, 1_907n], // Nineteenth halving event
    [20_999_980_000_000_000n, 953n], // Twentieth halving event
    [20_999_990_000_000_000n, 476n], // Twenty-first halving event
    [20_999_990_500_000_000n, 476n],
    [20_999_995_000_000_000n, 238n], // Twenty-second halving event
    [20_999_998_000_000_000n, 119n], // Twenty-third halving event
    [20_999_999_000_000_000n, 59n], // Twenty-fourth halving event
    [21_000_000_000_000_000n, 0n], // Total supply reached, emissions stop
    [21_100_000_000_000_000n, 0n], // Just for fun
    [U64_MAX, 0n], // Testing bounds
  ];
  it.each(expected)('issuance %s -> %s rao', (issuance, emission) => {
    expect(emit(issuance)).toBe(emission);
  });
});

// opentensor/subtensor pallets/subtensor/src/tests/root.rs, `test_issuance_bounds`, at
// 8f39a58329f2d195f029793942d1de3388b3edeb (added as `test_issance_bounds` in a38d7f1017a8fda8187942f095bc3556db1803a2).
describe('subtensor test_issuance_bounds (tests/root.rs @ 8f39a583)', () => {
  it('100 jumps of emission × 10,500,000 converge to 20_999_999_989_500_000', () => {
    let total = 0n;
    for (let i = 0; i < 100; i++) total += emit(total) * 10_500_000n;
    expect(total).toBe(20_999_999_989_500_000n);
  });
});

// opentensor/subtensor pallets/subtensor/src/tests/block_emission.rs at 91ebe0e8ac81757cd75de9b421d0046c5f6b7b5d
// (the last version; the file was dropped in the 2025 rao rewrite). Storage, timing and block-step tests are left out.
describe('subtensor tests/block_emission.rs (@ 91ebe0e8)', () => {
  it('1 test_zero_issuance / 10 test_underflow_handling: emission at 0 is DefaultBlockEmission', () => {
    expect(emit(0n)).toBe(DEFAULT);
    expect(emit(1n)).toBeGreaterThan(0n);
  });
  it('2 test_maximum_issuance / 11 test_division_by_zero_prevention / 19 / 20: 0 at and above the supply', () => {
    expect(emit(S)).toBe(0n);
    expect(emit(S + 1n)).toBe(0n);
    expect(emit(U64_MAX)).toBe(0n);
  });
  it('3 test_issuance_just_below_total_supply / 16 test_performance_large_issuance', () => {
    const e = emit(S - 1_000_000_000n);
    expect(e).toBeGreaterThan(0n);
    expect(e).toBeLessThan(DEFAULT);
  });
  it('4 test_minimum_non_zero_issuance', () => {
    const e = emit(1n);
    expect(e > 0n && e <= DEFAULT).toBe(true);
  });
  it('6 test_logarithm_calculation_boundary: around half supply, no error', () => {
    expect(emit(S / 2n - 1n)).toBe(1_000_000_000n);
    expect(emit(S / 2n)).toBe(500_000_000n);
    expect(emit(S / 2n + 1n)).toBe(500_000_000n);
  });
  it('7 test_rounding_behavior', () => {
    expect(emit(S / 4n) >= emit(S / 4n + 1n)).toBe(true);
  });
  it('8 test_precision_loss', () => {
    const i = S / 2n - 100_000_000_000n;
    const d = emit(i) - emit(i + 1n);
    expect(d < 1000n && d > -1000n).toBe(true);
  });
  it('9 test_overflow_handling', () => {
    expect(() => emit(S - 1n)).not.toThrow();
    expect(emit(U64_MAX)).toBe(0n);
  });
  it('12 test_emission_rate_decrease', () => {
    let last = U64_MAX;
    for (let x = 0n; x <= 10n; x++) {
      const e = emit(x * (S / 10n));
      expect(e).toBeLessThanOrEqual(last);
      last = e;
    }
  });
  it('17 test_performance_small_issuance / 22 test_output_stability', () => {
    expect(emit(1000n)).toBeGreaterThan(0n);
    const first = emit(1_000_000_000n);
    for (let i = 0; i < 1000; i++) expect(emit(1_000_000_000n)).toBe(first);
  });
  it('18 test_emission_at_key_milestones: strictly decreasing at 25%, 50%, 75%', () => {
    let last = U64_MAX;
    for (const m of [0.25, 0.5, 0.75]) {
      const e = emit(BigInt(Number(S) * m)); // (total_supply as f64 * milestone) as u64, exact here
      expect(e).toBeLessThan(last);
      last = e;
    }
    expect([emit(S / 4n), emit(S / 2n), emit((3n * S) / 4n)]).toEqual([1_000_000_000n, 500_000_000n, 250_000_000n]);
  });
  it('21 test_extreme_residuals', () => {
    for (const i of [1n, S / 2n, S - 1n]) expect(emit(i)).toBeLessThanOrEqual(DEFAULT);
  });
  it('25 test_very_small_emissions', () => {
    for (const i of [S - 1_000_000_000n, S - 10_000_000_000n, S - 100_000_000_000n, S - 1_000_000_000_000n]) {
      const e = emit(i);
      expect(e).toBeGreaterThan(0n);
      expect(e).toBeLessThan(1_000_000_000n);
    }
  });
  it('27 test_emission_values_across_issuance_range', () => {
    let last = DEFAULT;
    for (let i = 0n; i < S; i += S / 100n) {
      const e = emit(i);
      expect(e).toBeLessThanOrEqual(last);
      expect(e).toBeLessThanOrEqual(DEFAULT);
      last = e;
    }
  });
  it('28 test_consistency_of_emission_decrease_rate', () => {
    let last = DEFAULT;
    let lastRate = 0;
    for (let i = 0n; i < S; i += S / 1000n) {
      const e = emit(i);
      if (last !== e) {
        const rate = Number(last - e) / Number(last);
        if (lastRate !== 0) expect(Math.abs(rate - lastRate)).toBeLessThan(0.1);
        lastRate = rate;
      }
      last = e;
    }
  });
  it('30 test_floating_point_precision_impact', () => {
    for (let i = 1n; i <= 10n; i++) expect(emit(i)).toBeLessThanOrEqual(DEFAULT);
    for (let i = 1n; i <= 10n; i++) expect(emit(S - i * 1_000_000_000n)).toBeGreaterThan(0n);
    const base = emit(S / 2n);
    for (let i = 1n; i <= 10n; i++) {
      const diff = base - emit(S / 2n + i);
      expect(diff < 0n ? 0n : diff).toBeLessThanOrEqual(1n);
    }
  });
});

// encointer/substrate-fixed src/transcendental.rs `log2_works` at v0.6.0 (d5f70362f2e05b5f33fb51cd7baa825323e4e6c5).
// The original converts an I9F23 operand to I32F32; here the operand is I96F32, so only the tolerances carry over.
describe('substrate-fixed log2_works (transcendental.rs @ v0.6.0)', () => {
  const fx = (x: number) => BigInt(Math.round(x * 2 ** 32));
  const val = (bits: bigint) => Number(bits) / 2 ** 32;
  it('log2(0) is an error, log2(1) = 0, log2(2) = 1, log2(4) = 2', () => {
    expect(() => log2I96F32(0n)).toThrow(FlywheelError);
    expect(log2I96F32(1n << 32n)).toBe(0n);
    expect(log2I96F32(2n << 32n)).toBe(1n << 32n);
    expect(log2I96F32(4n << 32n)).toBe(2n << 32n);
  });
  it('log2(3.33333) ≈ 1.73696 (1e-5), log2(0.11111) ≈ -3.16994 (1e-2)', () => {
    expect(Math.abs(val(log2I96F32(fx(3.33333))) - 1.73696)).toBeLessThan(1e-5);
    expect(Math.abs(val(log2I96F32(fx(0.11111))) - -3.16994)).toBeLessThan(1e-2);
  });
});

describe('derived checks', () => {
  it('emission is 1 TAO at 0, halves at 10.5M TAO, quarters at 15.75M TAO', () => {
    expect(emit(0n)).toBe(1_000_000_000n);
    expect(emit(10_500_000n * 1_000_000_000n - 1n)).toBe(1_000_000_000n);
    expect(emit(10_500_000n * 1_000_000_000n)).toBe(500_000_000n);
    expect(emit(15_750_000n * 1_000_000_000n - 1n)).toBe(500_000_000n);
    expect(emit(15_750_000n * 1_000_000_000n)).toBe(250_000_000n);
    expect(emit(18_375_000n * 1_000_000_000n)).toBe(125_000_000n);
    expect(emit(19_687_500n * 1_000_000_000n)).toBe(62_500_000n);
  });

  it('halvingIssuance: 0, 10.5M, 15.75M, 18.375M, 19.6875M TAO; S beyond 32', () => {
    expect(halvingIssuance(0)).toBe(0n);
    expect(halvingIssuance(1)).toBe(10_500_000_000_000_000n);
    expect(halvingIssuance(2)).toBe(15_750_000_000_000_000n);
    expect(halvingIssuance(3)).toBe(18_375_000_000_000_000n);
    expect(halvingIssuance(4)).toBe(19_687_500_000_000_000n);
    expect(halvingIssuance(33)).toBe(S);
    expect(halvingIssuance(100)).toBe(S);
  });

  it('halvingIssuance(k) is the exact first issuance with k halvings (bisection on the exact function), k = 1..32', () => {
    for (let k = 1; k <= 32; k++) {
      // bisection: smallest i in [0, S] with halvingsForIssuance(i) >= k
      let lo = 0n;
      let hi = S;
      while (lo < hi) {
        const mid = (lo + hi) / 2n;
        if (halvingsForIssuance(mid) >= k) hi = mid;
        else lo = mid + 1n;
      }
      const h = halvingIssuance(k);
      expect(h, `k=${k}`).toBe(lo);
      expect(halvingsForIssuance(h - 1n)).toBe(k - 1);
      expect(emit(h)).toBe(DEFAULT >> BigInt(k));
      // equals ceil(S * (1 - 2^-k))
      expect(h).toBe(S - S / (1n << BigInt(k)));
    }
  });

  it('emission is 0 from 30 halvings on (1e9 / 2^30 < 1); at most 32 halvings below the cap', () => {
    expect(emit(halvingIssuance(29))).toBe(1n);
    expect(emit(halvingIssuance(30))).toBe(0n);
    expect(halvingsForIssuance(S - 1n)).toBe(32);
    expect(halvingsForIssuance(S)).toBe(33);
  });

  it('7,200 TAO per day before the first halving: 10.5M TAO takes 1,458.33 days', () => {
    const perDay = BLOCKS_PER_DAY * emit(0n);
    expect(perDay).toBe(7_200n * 1_000_000_000n);
    expect(Number(halvingIssuance(1)) / Number(perDay)).toBeCloseTo(1458.333, 3);
  });

  it('log2 counts the integer part with rounding shifts: log2(4 − 2^-32) is exactly 2', () => {
    expect(log2I96F32((1n << 34n) - 1n)).toBe(2n << 32n);
    expect(log2I96F32((1n << 33n) - 1n) < 1n << 32n).toBe(true);
  });
});

// opentensor/subtensor pallets/subtensor/tests/root.rs, `test_root_subnet_creation_deletion`, at
// cb6a070f311fbb61d14c0338be6c7558f3476b21 (mock: NetworkMinLockCost = 100_000_000_000, lock reduction interval 2 blocks;
// at that commit the interval was not yet scaled by the emission, and at 0 issuance the scaling is x1 anyway).
// Each register_network pays the current cost and stores it (NetworkLastLockCost) with the block (NetworkLastLockBlock),
// as pallets/subtensor/src/subnets/subnet.rs does at 14bc6f9f.
describe('subtensor test_root_subnet_creation_deletion lock costs (tests/root.rs @ cb6a070f)', () => {
  it('doubles on registration, decays by half a lock per block, floors at the minimum', () => {
    const minLock = 100_000_000_000n;
    const interval = lockReductionInterval(2n, emit(0n));
    expect(interval).toBe(2n);
    let lastLock = minLock; // genesis NetworkLastLockCost = min lock in the mock
    let lastLockBlock = 0n;
    let block = 0n;
    const cost = () => networkLockCost({ lastLock, minLock, lastLockBlock, currentBlock: block, lockReductionInterval: interval });
    const register = () => {
      lastLock = cost();
      lastLockBlock = block;
    };
    const step = () => {
      block += 1n;
    };
    register();
    expect(cost()).toBe(100_000_000_000n);
    step();
    register();
    expect(cost()).toBe(200_000_000_000n); // Doubles from previous subnet creation
    step();
    expect(cost()).toBe(150_000_000_000n); // Reduced by 50%
    step();
    expect(cost()).toBe(100_000_000_000n); // Reduced another 50%
    step();
    expect(cost()).toBe(100_000_000_000n); // Reaches min value
    register();
    expect(cost()).toBe(200_000_000_000n);
    step();
    register();
    expect(cost()).toBe(300_000_000_000n);
    step();
    register();
    expect(cost()).toBe(450_000_000_000n); // Increasing
    step();
    register();
    expect(cost()).toBe(675_000_000_000n); // Increasing.
    register();
    expect(cost()).toBe(1_350_000_000_000n); // Double increasing.
    register();
    expect(cost()).toBe(2_700_000_000_000n); // Double increasing again.
    step();
    expect(cost()).toBe(2_025_000_000_000n);
    step();
    expect(cost()).toBe(1_350_000_000_000n);
    step();
    expect(cost()).toBe(675_000_000_000n);
    step();
    expect(cost()).toBe(100_000_000_000n); // with 100000000000 min
  });
});

// opentensor/subtensor pallets/subtensor/tests/networks.rs @ eb93e066e (2024-06-01, "Add tests for lock cost"):
// test_lock_cost_doubles_in_same_block, ..._remains_same_after_lock_reduction_interval, ..._is_min_after_2_lock_reduction_intervals,
// restated with the mainnet parameters (runtime/src/lib.rs @ 14bc6f9f).
describe('lock cost properties (tests/networks.rs @ eb93e066e) with mainnet parameters', () => {
  const at = (lastLock: bigint, lastLockBlock: bigint, currentBlock: bigint, emission = DEFAULT) =>
    networkLockCost({
      lastLock,
      minLock: NETWORK_MIN_LOCK_COST,
      lastLockBlock,
      currentBlock,
      lockReductionInterval: lockReductionInterval(NETWORK_LOCK_REDUCTION_INTERVAL, emission),
    });
  const L = 2_016n * RAO_PER_TAO; // divisible by the interval, as in the originals' mock
  it('doubles in the same block, is back to the paid lock after one interval, at the minimum after two', () => {
    expect(NETWORK_MIN_LOCK_COST).toBe(1_000_000_000_000n);
    expect(NETWORK_LOCK_REDUCTION_INTERVAL).toBe(100_800n);
    expect(at(L, 5_000_000n, 5_000_000n)).toBe(2n * L);
    expect(at(L, 5_000_000n, 5_000_000n + 100_800n)).toBe(L);
    expect(at(L, 5_000_000n, 5_000_000n + 2n * 100_800n)).toBe(NETWORK_MIN_LOCK_COST);
  });
  it('after the first halving the interval is 50,400 blocks (decay twice as fast); 0 emission stops the decay', () => {
    expect(lockReductionInterval(100_800n, 500_000_000n)).toBe(50_400n);
    expect(lockReductionInterval(100_800n, 250_000_000n)).toBe(25_200n);
    expect(lockReductionInterval(100_800n, 59n)).toBe(0n); // floor(100_800 × 59e-9)
    expect(at(L, 5_000_000n, 5_000_000n + 50_400n, 500_000_000n)).toBe(L);
    expect(lockReductionInterval(100_800n, 0n)).toBe(0n);
    expect(at(L, 5_000_000n, 9_000_000n, 0n)).toBe(2n * L); // safe_div by 0 gives 0 decrement
  });
  it('mult is 1 while no registration block is recorded', () => {
    expect(at(3_000n * RAO_PER_TAO, 0n, 0n)).toBe(3_000n * RAO_PER_TAO);
  });
});

describe('bad arguments', () => {
  const expectBad = (f: () => unknown, path: string) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(FlywheelError);
      expect((e as FlywheelError).code).toBe(ErrorCodes.RULE_INVALID_ARGUMENT);
      expect((e as FlywheelError).path).toBe(path);
      return;
    }
    throw new Error('expected a FlywheelError');
  };
  it('issuance must be a bigint in u64', () => {
    expectBad(() => emit(0 as unknown as bigint), 'issuance');
    expectBad(() => emit('1' as unknown as bigint), 'issuance');
    expectBad(() => emit(-1n), 'issuance');
    expectBad(() => emit(U64_MAX + 1n), 'issuance');
    expectBad(() => halvingsForIssuance(-5n), 'issuance');
    expectBad(() => halvingsForIssuance(1.5 as unknown as bigint), 'issuance');
  });
  it('k must be a non-negative integer number', () => {
    expectBad(() => halvingIssuance(-1), 'k');
    expectBad(() => halvingIssuance(1.5), 'k');
    expectBad(() => halvingIssuance(1n as unknown as number), 'k');
  });
  it('log2 operand must be a positive bigint', () => {
    expectBad(() => log2I96F32(0n), 'bits');
    expectBad(() => log2I96F32(-1n), 'bits');
    expectBad(() => log2I96F32(4 as unknown as bigint), 'bits');
  });
  it('lock cost inputs must be u64 bigints', () => {
    const ok = { lastLock: 1n, minLock: 1n, lastLockBlock: 1n, currentBlock: 1n, lockReductionInterval: 1n };
    expectBad(() => networkLockCost({ ...ok, lastLock: -1n }), 'lastLock');
    expectBad(() => networkLockCost({ ...ok, currentBlock: 3 as unknown as bigint }), 'currentBlock');
    expectBad(() => networkLockCost({ ...ok, lockReductionInterval: U64_MAX + 1n }), 'lockReductionInterval');
    expectBad(() => networkLockCost(null as unknown as typeof ok), 'input');
    expectBad(() => lockReductionInterval(-1n, 1n), 'interval');
    expectBad(() => lockReductionInterval(1n, 1 as unknown as bigint), 'blockEmission');
  });
});
