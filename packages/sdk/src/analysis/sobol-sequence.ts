import { ErrorCodes, fail } from '@flywheel/spec';

/**
 * Joe–Kuo direction numbers (file `new-joe-kuo-6.21201`, S. Joe and F. Y. Kuo, "Constructing Sobol
 * sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635–2654;
 * https://web.maths.unsw.edu.au/~fkuo/sobol/), dimensions 2 … 32: `s a m_1 … m_s` per dimension
 * (s: degree of the primitive polynomial, a: its inner coefficients as bits, m: initial direction
 * numbers). Dimension 1 is the van der Corput sequence in base 2 and needs none.
 */
const JOE_KUO =
  '1 0 1|2 1 1 3|3 1 1 3 1|3 2 1 1 1|4 1 1 1 3 3|4 4 1 3 5 13|5 2 1 1 5 5 17|5 4 1 1 5 5 5|5 7 1 1 7 11 19|' +
  '5 11 1 1 5 1 1|5 13 1 1 1 3 11|5 14 1 3 5 5 31|6 1 1 3 3 9 7 49|6 13 1 1 1 15 21 21|6 16 1 3 1 13 27 49|' +
  '6 19 1 1 1 15 7 5|6 22 1 3 1 15 13 25|6 25 1 1 5 5 19 61|7 1 1 3 7 11 23 15 103|7 4 1 3 7 13 13 15 69|' +
  '7 7 1 1 3 13 7 35 63|7 8 1 3 5 9 1 25 53|7 14 1 3 1 13 9 35 107|7 19 1 3 1 5 27 61 31|7 21 1 1 5 11 19 41 61|' +
  '7 28 1 3 5 3 3 13 69|7 31 1 1 7 13 1 19 1|7 32 1 3 7 5 13 19 59|7 37 1 1 3 9 25 29 41|7 41 1 3 5 13 23 1 55|' +
  '7 42 1 3 7 3 13 59 17';

/** The most dimensions {@link sobolPoints} supports (32: the Joe–Kuo table above). */
export const SOBOL_MAX_DIMENSIONS = 32;
/** Bits of each coordinate: points are k / 2^32, and at most 2^32 − 1 points exist. */
const BITS = 32;

let directions: Uint32Array[] | undefined;

/** Direction numbers v_1 … v_32 of every dimension (v_k = m_k · 2^(32 − k)), built once. */
function table(): Uint32Array[] {
  if (directions) return directions;
  const rows = JOE_KUO.split('|').map((r) => r.split(' ').map(Number));
  const out: Uint32Array[] = [];
  const first = new Uint32Array(BITS);
  for (let k = 0; k < BITS; k++) first[k] = 2 ** (BITS - 1 - k);
  out.push(first);
  for (const [s, a, ...m] of rows) {
    const v = new Uint32Array(BITS);
    for (let k = 0; k < s!; k++) v[k] = m[k]! * 2 ** (BITS - 1 - k);
    for (let k = s!; k < BITS; k++) {
      // v_k = v_{k−s} ⊕ (v_{k−s} >> s) ⊕ ⊕_{j=1}^{s−1} a_j v_{k−j}   (Bratley–Fox recurrence)
      let x = (v[k - s!]! ^ (v[k - s!]! >>> s!)) >>> 0;
      for (let j = 1; j < s!; j++) if ((a! >>> (s! - 1 - j)) & 1) x = (x ^ v[k - j]!) >>> 0;
      v[k] = x;
    }
    out.push(v);
  }
  directions = out;
  return out;
}

/**
 * Points of the (unscrambled) Sobol' sequence in [0, 1)^d, in Gray-code order as Joe and Kuo's
 * `sobol.cc` produces them: point 0 is the origin, point 1 is (1/2, …, 1/2). `skip` points are
 * dropped first (point `skip` is the first returned).
 * @throws FlywheelError RUN_INVALID_OPTION for d outside 1 … 32 or a bad count
 * @example
 * ```ts
 * sobolPoints(4, 2); // [[0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]
 * ```
 */
export function sobolPoints(n: number, d: number, skip = 0): Float64Array[] {
  if (!(Number.isInteger(d) && d >= 1 && d <= SOBOL_MAX_DIMENSIONS)) {
    fail(
      ErrorCodes.RUN_INVALID_OPTION,
      'params',
      d,
      `the Sobol' sequence here has 1 to ${SOBOL_MAX_DIMENSIONS} dimensions (${d} asked)`,
      `Vary at most ${SOBOL_MAX_DIMENSIONS} parameters at once (Morris screening first, then Sobol on the ones that matter).`,
    );
  }
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(skip) && skip >= 0 && n + skip < 2 ** BITS)) {
    fail(ErrorCodes.RUN_INVALID_OPTION, 'samples', n, 'needs whole numbers of points and skipped points below 2^32', 'e.g. samples 1024');
  }
  const v = table().slice(0, d);
  const x = new Uint32Array(d);
  const out: Float64Array[] = [];
  const scale = 2 ** -BITS;
  for (let i = 0; i < n + skip; i++) {
    if (i >= skip) {
      const p = new Float64Array(d);
      for (let j = 0; j < d; j++) p[j] = x[j]! * scale;
      out.push(p);
    }
    // point i + 1 = point i ⊕ v_c, c = index of the lowest zero bit of i
    let c = 0;
    let k = i;
    while (k & 1) {
      k = Math.floor(k / 2);
      c++;
    }
    for (let j = 0; j < d; j++) x[j] = (x[j]! ^ v[j]![c]!) >>> 0;
  }
  return out;
}
