import { Decimal } from 'decimal.js';
import { ErrorCodes, fail } from './errors.js';

/**
 * Exact conversions at the edges of the engine, with decimal.js. Inside the engine token amounts
 * are f64 whole tokens; chain data comes in base units (attoFIL = 10^-18 FIL, rao = 10^-9 TAO,
 * bones = 10^-8 HNT) and credits are pegged to USD, so these conversions must not round twice.
 */

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_DOWN });

function checkDecimals(decimals: number): void {
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= 36)) {
    fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'decimals', decimals, 'decimals must be a whole number from 0 to 36', 'e.g. 18 for attoFIL, 9 for rao, 8 for HNT bones.');
  }
}

/**
 * Whole tokens from an integer amount of base units, rounded to the nearest f64.
 * @example
 * ```ts
 * fromBaseUnits('1500000000000000000', 18); // 1.5 (FIL from attoFIL)
 * ```
 */
export function fromBaseUnits(units: string | bigint, decimals: number): number {
  checkDecimals(decimals);
  const s = String(units);
  if (!/^-?\d+$/.test(s)) fail(ErrorCodes.SPEC_INVALID_FORMAT, 'units', units, 'base units must be an integer', 'Pass an integer string or a bigint, e.g. "1500000000000000000".');
  return new D(s).div(new D(10).pow(decimals)).toNumber();
}

/**
 * Base units (rounded down) from a token amount given as a number or a decimal string.
 * @example
 * ```ts
 * toBaseUnits('0.1', 9); // 100000000n (rao)
 * ```
 */
export function toBaseUnits(tokens: number | string, decimals: number): bigint {
  checkDecimals(decimals);
  let d: Decimal;
  try {
    d = new D(tokens);
  } catch {
    fail(ErrorCodes.SPEC_INVALID_FORMAT, 'tokens', tokens, 'not a number', 'Pass a finite number or a decimal string such as "0.1".');
  }
  if (!d.isFinite()) fail(ErrorCodes.SPEC_INVALID_FORMAT, 'tokens', tokens, 'not a finite number', 'Pass a finite number or a decimal string.');
  return BigInt(d.times(new D(10).pow(decimals)).floor().toFixed(0));
}

/**
 * Credits bought by burning `tokens` at `priceUsd` when one credit costs `creditPriceUsd`
 * (Helium Data Credits: $0.00001), rounded down to whole credits.
 * @example
 * ```ts
 * creditsFromBurn(1, 5, 0.00001); // 500000 DC
 * ```
 */
export function creditsFromBurn(tokens: number | string, priceUsd: number | string, creditPriceUsd: number | string): number {
  const c = new D(creditPriceUsd);
  if (!(c.isFinite() && c.gt(0))) fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'creditPriceUsd', creditPriceUsd, 'the credit price must be positive', 'e.g. 0.00001 for Helium DC.');
  return new D(tokens).times(priceUsd).div(c).floor().toNumber();
}

/**
 * Tokens to burn for `credits` at `priceUsd` per token (exact, then rounded to the nearest f64).
 * @example
 * ```ts
 * tokensForCredits(500_000, 5, 0.00001); // 1
 * ```
 */
export function tokensForCredits(credits: number | string, priceUsd: number | string, creditPriceUsd: number | string): number {
  const p = new D(priceUsd);
  if (!(p.isFinite() && p.gt(0))) fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'priceUsd', priceUsd, 'the token price must be positive', 'Give the token price in USD.');
  return new D(credits).times(creditPriceUsd).div(p).toNumber();
}
