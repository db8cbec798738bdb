/** Small statistics the analyses share: the normal distribution, Wilson intervals, moments. */

/**
 * The standard normal CDF Φ(x), to about 1e-15 relative: Marsaglia's series (J. Stat. Softw. 11(4),
 * 2004) for |x| < 3, and the continued fraction of the Mills ratio in the tails (relative accuracy
 * also far out, e.g. Φ(−8) = 6.22e-16).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (Math.abs(x) < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (x * x) / (2 * n + 1);
      sum += term;
    }
    return 0.5 + sum * normalPdf(x);
  }
  const z = Math.abs(x);
  if (z > 40) return x > 0 ? 1 : 0;
  // Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))), evaluated from the tail
  let f = z;
  for (let k = 60; k >= 1; k--) f = z + k / f;
  const q = normalPdf(z) / f;
  return x > 0 ? 1 - q : q;
}

/** The standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * The standard normal quantile Φ⁻¹(p), by P. J. Acklam's rational approximation (relative error
 * 1.15e-9) and one Halley step.
 * @example
 * ```ts
 * normalQuantile(0.975); // 1.959963…
 * ```
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  // one Halley step on Φ(x) − p
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/**
 * The Wilson score interval for k successes in n trials at confidence `level` (default 0.95).
 * @example
 * ```ts
 * wilson(0, 100); // [0, 0.037]: zero events in 100 runs still allow up to 3.7%
 * ```
 */
export function wilson(k: number, n: number, level = 0.95): [number, number] {
  if (n <= 0) return [0, 1];
  const z = normalQuantile(0.5 + level / 2);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Mean of values. */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/** Variance with divisor n − ddof. */
export function variance(x: ArrayLike<number>, ddof = 0): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return s / (x.length - ddof);
}

/** The q-quantile (0 ≤ q ≤ 1) of values, by linear interpolation between order statistics (numpy's default). */
export function quantile(x: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(x).sort();
  if (s.length === 0) return Number.NaN;
  const h = (s.length - 1) * q;
  const i = Math.floor(h);
  return i + 1 < s.length ? s[i]! + (h - i) * (s[i + 1]! - s[i]!) : s[i]!;
}
