import { flog } from './math.js';

/** 32-bit integer hash (lowbias32-style finaliser) used to derive per-run streams. */
export function mix32(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * xoshiro128** seeded from (seed, run index): run r's stream is the same whichever thread,
 * engine or runtime computes it. Identical to packages/core-wasm/assembly/rng.ts.
 *
 * @example
 * ```ts
 * const rng = new Rng(42, 0);
 * rng.uniform(); // in (0, 1)
 * ```
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private hasSpare = false;
  private spare = 0;

  constructor(seed: number, run: number) {
    const base = (k: number) => mix32((seed >>> 0) ^ mix32((Math.imul(run, 4) + k + 0x9e3779b9) >>> 0));
    this.s0 = base(0);
    this.s1 = base(1);
    this.s2 = base(2);
    this.s3 = base(3);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit output (unsigned). */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in the open interval (0, 1): (u32 + 0.5)·2^-32. */
  uniform(): number {
    return (this.nextU32() + 0.5) * 2.3283064365386963e-10;
  }

  /**
   * Failures before the first success in Bernoulli(p) trials (geometric on {0, 1, …}):
   * ⌊ln U / ln(1 − p)⌋ from one uniform; ∞ for p ≤ 0 (or p so small that 1 − p rounds to 1) and
   * 0 for p ≥ 1, without a draw.
   * @example
   * ```ts
   * new Rng(42, 0).geometric(0.01); // failures before the next success; mean (1 − p) / p = 99
   * ```
   */
  geometric(p: number): number {
    const logQ = flog(1 - p);
    if (p <= 0 || logQ === 0) return Infinity; // logQ = 0: 1 − p rounds to 1 (p below about 1e-16): never
    if (p >= 1) return 0;
    return Math.floor(flog(this.uniform()) / logQ);
  }

  /** Standard normal by Marsaglia's polar method; the second value of each pair is kept. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2.0 * this.uniform() - 1.0;
      v = 2.0 * this.uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s === 0.0);
    const m = Math.sqrt((-2.0 * flog(s)) / s);
    this.spare = v * m;
    this.hasSpare = true;
    return u * m;
  }
}
