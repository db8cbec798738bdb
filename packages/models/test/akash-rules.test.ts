import { FlywheelError } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MINT_PARAMS,
  ONE,
  SECONDS_PER_YEAR,
  beginBlocker,
  blockProvision,
  bondedRatio,
  dec,
  decString,
  inflationCalculator,
  mul,
  nextAnnualProvisions,
  nextInflationRate,
  quo,
  runBlocks,
  stakingApr,
  subtractFees,
} from '../src/akash/rules.js';

describe('sdk.Dec arithmetic (cosmos-sdk v0.45.16 types/decimal.go)', () => {
  it('Mul and Quo round half to even at 18 decimals; strings have 18 decimals', () => {
    expect(decString(dec('0.13'))).toBe('0.130000000000000000');
    expect(decString(quo(ONE, dec('3')))).toBe('0.333333333333333333');
    expect(decString(quo(dec('2'), dec('3')))).toBe('0.666666666666666667');
    // 0.5 × 10^-18 × 1 rounds to even: 0.000000000000000001 × 0.5 = 0.0000000000000000005 → 0
    expect(mul(1n, 5n * 10n ** 17n)).toBe(0n);
    expect(mul(3n, 5n * 10n ** 17n)).toBe(2n); // 1.5 → 2
    expect(decString(mul(dec('-1.5'), dec('0.000000000000000001')))).toBe('-0.000000000000000002');
    expect(() => quo(ONE, 0n)).toThrow(FlywheelError);
    expect(() => dec('1.2.3')).toThrow(FlywheelError);
  });
});

// cosmos/cosmos-sdk x/mint/types/minter_test.go TestNextInflation (v0.45.16; the same cases in the stored
// snapshot @ 02c2340970e245af02fea786fe008af23bf5aef1 under math.Legacy* names): DefaultInitialMinter,
// DefaultParams, the expected change computed as the Go test computes it, and written out.
describe('NextInflationRate (x/mint/types/minter_test.go TestNextInflation)', () => {
  const p = DEFAULT_MINT_PARAMS;
  const bpy = p.blocksPerYear * ONE;
  const cases: [string, string, bigint, string][] = [
    // bondedRatio, setInflation, expChange (as in the Go test), expChange written out
    ['0', '0.07', quo(p.inflationRateChange, bpy), '0.000000020597257079'],
    ['1', '0.2', quo(mul(ONE - quo(ONE, p.goalBonded), p.inflationRateChange), bpy), '-0.000000010144917666'],
    ['0.5', '0.1', quo(mul(ONE - quo(dec('0.5'), p.goalBonded), p.inflationRateChange), bpy), '0.000000005226169707'],
    ['1', '0.07', 0n, '0.000000000000000000'], // the 7% minimum stop
    ['1', '0.0700000001', dec('-0.0000000001'), '-0.000000000100000000'],
    ['0', '0.2', 0n, '0.000000000000000000'], // the 20% maximum stop
    ['0', '0.1999999999', dec('0.0000000001'), '0.000000000100000000'],
    ['0.67', '0.15', 0n, '0.000000000000000000'], // perfect balance
  ];
  it.each(cases)('bonded %s, inflation %s', (bonded, set, expChange, written) => {
    const diff = nextInflationRate(dec(set), p, dec(bonded)) - dec(set);
    expect(diff).toBe(expChange);
    expect(decString(diff)).toBe(written);
  });
  it('DefaultParams: 60·60·8766/5 blocks a year, 13% rate change, 7–20%, 67% goal', () => {
    expect(p.blocksPerYear).toBe(6_311_520n);
    expect(decString(p.inflationRateChange)).toBe('0.130000000000000000');
  });
});

// cosmos-sdk x/mint/types/minter_test.go TestBlockProvision: InitialMinter(0.1), DefaultParams.
describe('BlockProvision (x/mint/types/minter_test.go TestBlockProvision)', () => {
  const secondsPerYear = 60n * 60n * 8766n;
  it.each([
    [secondsPerYear / 5n, 1n],
    [secondsPerYear / 5n + 1n, 1n],
    [(secondsPerYear / 5n) * 2n, 2n],
    [secondsPerYear / 5n / 2n, 0n],
  ])('annual provisions %s → %s', (annual, exp) => {
    expect(blockProvision(annual * ONE, DEFAULT_MINT_PARAMS.blocksPerYear)).toBe(exp);
  });
  it('NextAnnualProvisions is inflation × supply, exact (MulInt)', () => {
    expect(nextAnnualProvisions(dec('0.1'), 100_000_000_000_000n)).toBe(10_000_000_000_000n * ONE);
  });
});

describe('BondedRatio and BeginBlocker (x/staking/keeper/pool.go, x/mint/abci.go)', () => {
  it('bonded / supply truncated; 0 without supply', () => {
    expect(decString(bondedRatio(2n, 3n))).toBe('0.666666666666666666');
    expect(bondedRatio(5n, 0n)).toBe(0n);
  });
  it('a block moves the inflation first, then mints supply × new inflation / blocks per year, truncated', () => {
    const s = { inflation: dec('0.13'), supply: 250_000_000_000_000n, bonded: 100_000_000_000_000n };
    const { state, minted } = beginBlocker(s, DEFAULT_MINT_PARAMS);
    const inflation = nextInflationRate(dec('0.13'), DEFAULT_MINT_PARAMS, dec('0.4'));
    expect(state.inflation).toBe(inflation);
    // 250M AKT × ~13% / 6,311,520 ≈ 5.149 AKT per block, truncated to uakt
    expect(minted).toBe((inflation * 250_000_000_000_000n) / 6_311_520n / ONE);
    expect(minted).toBeGreaterThan(5_149_000n);
    expect(minted).toBeLessThan(5_150_000n);
    expect(state.supply).toBe(s.supply + minted);
    expect(runBlocks(s, DEFAULT_MINT_PARAMS, 3).minted).toBeGreaterThan(3n * minted); // the rate rises each block
  });
});

// akash-network/node x/inflation/types/v1beta2/inflation_calculator_test.go @ 61fd26331082be91e2d71e7029035a9b0ac44d61
describe('Akash x/inflation inflationCalculator (inflation_calculator_test.go @ 61fd2633)', () => {
  const genesis = BigInt(Date.parse('2021-03-08T15:00:00Z') / 1000);
  const iparams = { inflationDecayFactor: dec('2.10306569'), initialInflation: dec('48.546257'), variance: dec('0.05') };
  it('TestInflationCalculator1: 31.967899564902300000 (the band floor, in percent)', () => {
    const block = BigInt(Date.parse('2022-04-18T18:28:26+00:00') / 1000);
    const mparams = { ...DEFAULT_MINT_PARAMS, blocksPerYear: 5_256_000n, goalBonded: dec('0.67'), inflationRateChange: dec('0.05') };
    const res = inflationCalculator(block, genesis, dec('0.230326319830867266'), mparams, iparams, dec('0.7324'));
    expect(decString(res)).toBe('31.967899564902300000');
  });
  it('TestInflationCalculatorInvalidDecayFactor: a zero decay factor fails', () => {
    expect(() => inflationCalculator(0n, 0n, 0n, DEFAULT_MINT_PARAMS, { ...iparams, inflationDecayFactor: 0n }, 0n)).toThrow(FlywheelError);
  });
  it('in fractions (module defaults I0 = 100%, T = 2 yr, v = 0.05): at t = 2 yr the band is [47.5%, 52.5%] (projects.md §5 validation 2)', () => {
    const two = genesis + 2n * SECONDS_PER_YEAR;
    const ip = { inflationDecayFactor: dec('2'), initialInflation: dec('1'), variance: dec('0.05') };
    expect(decString(inflationCalculator(two, genesis, dec('0.1'), DEFAULT_MINT_PARAMS, ip, dec('0.67')))).toBe('0.475000000000000000');
    expect(decString(inflationCalculator(two, genesis, dec('0.9'), DEFAULT_MINT_PARAMS, ip, dec('0.67')))).toBe('0.525000000000000000');
    expect(decString(inflationCalculator(two, genesis, dec('0.5'), DEFAULT_MINT_PARAMS, ip, dec('0.67')))).toBe('0.500000000000000000');
  });
});

describe('x/take SubtractFees (x/take/keeper/keeper.go @ d16d2663; projects.md §5 validation 1)', () => {
  it('100 USDC at 20% → 80 / 20; 100 AKT at 4% → 96 / 4; fees truncate at base units', () => {
    expect(subtractFees(100_000_000n, 20n)).toEqual({ earnings: 80_000_000n, fee: 20_000_000n });
    expect(subtractFees(100_000_000n, 4n)).toEqual({ earnings: 96_000_000n, fee: 4_000_000n });
    expect(subtractFees(24n, 4n)).toEqual({ earnings: 24n, fee: 0n }); // 0.96 uakt truncates to 0
    expect(subtractFees(49n, 4n)).toEqual({ earnings: 48n, fee: 1n }); // 1.96 → 1
  });
});

describe('staking APR', () => {
  it('inflation × (1 − tax) / bonded × (1 − commission)', () => {
    expect(decString(stakingApr(dec('0.13'), dec('0.2'), dec('0.67'), 0n)).slice(0, 8)).toBe('0.155223'); // 0.104 / 0.67
    expect(decString(stakingApr(dec('0.1'), 0n, dec('0.5'), dec('0.1')))).toBe('0.180000000000000000');
  });
});
