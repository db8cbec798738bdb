// Deterministic exp and log, fdlibm's algorithms (e_exp.c, e_log.c). The same code as
// packages/core-wasm/assembly/math.ts, with IEEE-754 basic operations only, so the reference
// engine, the compiler and the wasm engine agree to the bit in every runtime. Math.exp and
// Math.log are not specified to the bit and must not be used for simulated quantities.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: [0] = low word, [1] = high word

function hiWord(x: number): number {
  f64[0] = x;
  return u32[1]! | 0;
}
function loWord(x: number): number {
  f64[0] = x;
  return u32[0]!;
}
function withHi(x: number, hi: number): number {
  f64[0] = x;
  u32[1] = hi >>> 0;
  return f64[0]!;
}

/**
 * e^x, bit-identical to the wasm engine's `fexp` (within 1 ulp of Math.exp).
 * @example
 * ```ts
 * fexp(0); // 1
 * ```
 */
export function fexp(x: number): number {
  let hx = hiWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | loWord(x)) !== 0) return x + x;
      return xsb === 0 ? x : 0.0;
    }
    if (x > 7.09782712893383973096e2) return Infinity;
    if (x < -7.4513321910194110842e2) return 0.0;
  }
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (xsb === 0) {
        hi = x - 6.9314718036912381649e-1;
        lo = 1.90821492927058770002e-10;
        k = 1;
      } else {
        hi = x + 6.9314718036912381649e-1;
        lo = -1.90821492927058770002e-10;
        k = -1;
      }
    } else {
      k = Math.trunc(1.442695040888963387 * x + (xsb === 0 ? 0.5 : -0.5));
      const t = k;
      hi = x - t * 6.9314718036912381649e-1;
      lo = t * 1.90821492927058770002e-10;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1.0 + x;
  } else {
    k = 0;
  }
  const t = x * x;
  const c = x - t * (1.66666666666666019037e-1 + t * (-2.77777777770155933842e-3 + t * (6.61375632143793436117e-5 + t * (-1.6533902205465251539e-6 + t * 4.13813679705723846039e-8))));
  if (k === 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) return withHi(y, (hiWord(y) + (k << 20)) | 0);
  return withHi(y, (hiWord(y) + ((k + 1000) << 20)) | 0) * 9.3326361850321887899e-302;
}

/**
 * Natural logarithm, bit-identical to the wasm engine's `flog`.
 * @example
 * ```ts
 * flog(1); // 0
 * ```
 */
export function flog(x: number): number {
  let hx = hiWord(x);
  const lx = loWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= 1.8014398509481984e16;
    hx = hiWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHi(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1.0;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0.0) {
      if (k === 0) return 0.0;
      return dk * 6.9314718036912381649e-1 + dk * 1.90821492927058770002e-10;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return dk * 6.9314718036912381649e-1 - (R - dk * 1.90821492927058770002e-10 - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (3.999999999940941908e-1 + w * (2.222219843214978396e-1 + w * 1.531383769920937332e-1));
  const t2 = z * (6.66666666666673513e-1 + w * (2.857142874366239149e-1 + w * (1.818357216161805012e-1 + w * 1.479819860511658591e-1)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * 6.9314718036912381649e-1 - (hfsq - (s * (hfsq + R) + dk * 1.90821492927058770002e-10) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * 6.9314718036912381649e-1 - (s * (f - R) - dk * 1.90821492927058770002e-10 - f);
}

/** x^y for x > 0 as fexp(y·flog(x)): deterministic, for compile-time growth factors. */
export function fpow(x: number, y: number): number {
  return fexp(y * flog(x));
}
