import { describe, expect, it } from 'vitest';
import { creditsFromBurn, fromBaseUnits, toBaseUnits, tokensForCredits } from '../src/index.js';

describe('exact conversions at the edges', () => {
  it('base units: attoFIL, rao, bones', () => {
    expect(fromBaseUnits('1500000000000000000', 18)).toBe(1.5);
    expect(fromBaseUnits(123456789n, 9)).toBe(0.123456789);
    expect(toBaseUnits('0.1', 9)).toBe(100_000_000n);
    expect(toBaseUnits(0.1, 18)).toBe(100_000_000_000_000_000n); // no binary rounding error
    expect(toBaseUnits('223000000', 8)).toBe(22_300_000_000_000_000n);
    expect(toBaseUnits('1.999999999', 8)).toBe(199_999_999n); // rounds down
  });

  it('Helium validation fact: burning 1 HNT at $5.00 yields 500,000 DC', () => {
    expect(creditsFromBurn(1, 5, 0.00001)).toBe(500_000);
    expect(creditsFromBurn('0.1', '0.3', '0.00001')).toBe(3000); // 0.1·0.3 = 0.03 exactly, not 0.029999…
    expect(tokensForCredits(500_000, 5, 0.00001)).toBe(1);
  });

  it('bad input is a FlywheelError with a path', () => {
    expect(() => fromBaseUnits('1.5', 18)).toThrow(expect.objectContaining({ code: 'SPEC_INVALID_FORMAT', path: 'units' }));
    expect(() => toBaseUnits('abc', 9)).toThrow(expect.objectContaining({ code: 'SPEC_INVALID_FORMAT', path: 'tokens' }));
    expect(() => toBaseUnits(1, 99)).toThrow(expect.objectContaining({ code: 'SPEC_OUT_OF_RANGE', path: 'decimals' }));
    expect(() => creditsFromBurn(1, 5, 0)).toThrow(expect.objectContaining({ path: 'creditPriceUsd' }));
  });
});
