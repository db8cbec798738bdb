// xoshiro128** (Blackman & Vigna) with per-run streams: the state is four 32-bit words derived
// from (seed, run index) by a 32-bit integer hash, so run r's numbers do not depend on which
// thread or runtime computes it. Uniforms are (u32 + 0.5)·2^-32, strictly inside (0, 1).
// Normals: Marsaglia's polar method (uses flog and sqrt only; the spare is kept).
import { flog } from './math';

let s0: u32 = 0, s1: u32 = 0, s2: u32 = 0, s3: u32 = 0;
let hasSpare: bool = false;
let spare: f64 = 0;

// @ts-ignore: decorator
@inline export function mix32(x: u32): u32 {
  x ^= x >>> 16; x *= 0x21f0aaad;
  x ^= x >>> 15; x *= 0x735a2d97;
  x ^= x >>> 15;
  return x;
}

export function seedRun(seed: u32, run: u32): void {
  s0 = mix32(seed ^ mix32(run * 4 + 0x9e3779b9));
  s1 = mix32(seed ^ mix32(run * 4 + 1 + 0x9e3779b9));
  s2 = mix32(seed ^ mix32(run * 4 + 2 + 0x9e3779b9));
  s3 = mix32(seed ^ mix32(run * 4 + 3 + 0x9e3779b9));
  if ((s0 | s1 | s2 | s3) == 0) s0 = 1;
  hasSpare = false;
  spare = 0;
}

// @ts-ignore: decorator
@inline export function nextU32(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

// @ts-ignore: decorator
@inline export function uniform(): f64 {
  return (<f64>nextU32() + 0.5) * 2.3283064365386963e-10;
}

/**
 * Failures before the first success in Bernoulli(p) trials (geometric on {0, 1, …}):
 * ⌊ln U / ln(1 − p)⌋ from one uniform; ∞ for p ≤ 0 (or p so small that 1 − p rounds to 1) and
 * 0 for p ≥ 1, without a draw. `logQ` = flog(1 − p).
 */
export function geometric(p: f64, logQ: f64): f64 {
  if (p <= 0 || logQ == 0) return Infinity; // logQ = 0: 1 − p rounds to 1 (p below about 1e-16): never
  if (p >= 1) return 0;
  return Math.floor(flog(uniform()) / logQ);
}

export function normal(): f64 {
  if (hasSpare) { hasSpare = false; return spare; }
  let u: f64, v: f64, s: f64;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const m = Math.sqrt(-2.0 * flog(s) / s);
  spare = v * m;
  hasSpare = true;
  return u * m;
}
