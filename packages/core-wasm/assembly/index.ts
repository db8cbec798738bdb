// The engine's exports: the block-program interpreter (program.ts: one call simulates a block of
// Monte Carlo runs entirely in wasm, no call back into JS per step or per agent), run statistics
// (exact percentiles by selection; streaming statistics are the SDK's quantile sketch), the allocator and the deterministic exp/log.
// The semantics are written out in docs/architecture.md and mirrored by the reference engine.
import { S_MEAN, S_P5, S_P50, S_P95 } from '../src/layout';
import { fexp, flog } from './math';

export { fexp, flog };
export { simulateProgram } from './program';

/** Bump allocation from the stub runtime; the host allocates every buffer once per simulation. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/**
 * Writes k runs' values held one after the other (src[j · cells + c] for run j) into k adjacent
 * columns of dst (dst[c · stride + j]). The engine records a few runs contiguously and places them
 * with this: a cache line of dst is then written once for k runs, not once a run.
 */
export function transposeRuns(src: usize, k: i32, cells: i32, dst: usize, stride: i32): void {
  const rowBytes = <usize>cells << 3;
  for (let c = 0; c < cells; c++) {
    const d = dst + ((<usize>c * <usize>stride) << 3);
    const s = src + (<usize>c << 3);
    for (let j = 0; j < k; j++) store<f64>(d + (<usize>j << 3), load<f64>(s + <usize>j * rowBytes));
  }
}

/** Frees everything allocated so far (stub runtime). */
export function resetHeap(): void {
  heap.reset();
}

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }

/**
 * Quickselect (median-of-three pivots, Hoare partition, insertion sort below 17 values): reorders
 * p[lo..hi] so that p[k] holds the value of rank k in it, with no larger value before k and no
 * smaller one after.
 */
function selectRank(p: usize, lo: i32, hi: i32, k: i32): void {
  while (hi - lo > 16) {
    const mid = lo + ((hi - lo) >> 1);
    const a = at(p, lo), b = at(p, mid), c = at(p, hi);
    const pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
    let i = lo, j = hi;
    while (i <= j) {
      while (at(p, i) < pivot) i++;
      while (at(p, j) > pivot) j--;
      if (i <= j) {
        const x = at(p, i);
        store<f64>(p + (<usize>i << 3), at(p, j));
        store<f64>(p + (<usize>j << 3), x);
        i++; j--;
      }
    }
    // now p[lo..j] ≤ pivot, p[i..hi] ≥ pivot, and p[j+1..i−1] = pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
  for (let i = lo + 1; i <= hi; i++) {
    const x = at(p, i);
    let j = i - 1;
    while (j >= lo && at(p, j) > x) {
      store<f64>(p + (<usize>(j + 1) << 3), at(p, j));
      j--;
    }
    store<f64>(p + (<usize>(j + 1) << 3), x);
  }
}

/** Smallest of p[lo..hi] (lo ≤ hi). */
function minOf(p: usize, lo: i32, hi: i32): f64 {
  let m = at(p, lo);
  for (let i = lo + 1; i <= hi; i++) { const x = at(p, i); if (x < m) m = x; }
  return m;
}

// Quantile q of n values by linear interpolation between order statistics (type 7):
// x(k) + (h − k)·(x(k+1) − x(k)) with h = (n − 1)·q, k = ⌊h⌋, x(n) = x(n−1).
// @ts-ignore: decorator
@inline function interp(n: i32, q: f64, k: i32, a: f64, b: f64): f64 {
  return a + ((<f64>(n - 1) * q) - <f64>k) * (b - a);
}

// @ts-ignore: decorator
@inline function rankOf(n: i32, q: f64): i32 {
  return <i32>Math.floor(<f64>(n - 1) * q);
}

/**
 * For each of `cells` rows of `nRuns` values (row-major), writes mean, p5, p50, p95 to
 * dst[(stat · cells) + cell]. Reorders the rows in place. Percentiles interpolate linearly between
 * order statistics (numpy's default, "type 7"); the mean sums in run order. The order statistics
 * are found by selection, not a full sort: the median first, then p5 in the values below it and
 * p95 in those above; the next order statistic is the smallest value after the selected rank.
 */
export function stats(src: usize, cells: i32, nRuns: i32, dst: usize): void {
  const cb = <usize>cells << 3;
  const n = nRuns;
  const k5 = rankOf(n, 0.05), k50 = rankOf(n, 0.5), k95 = rankOf(n, 0.95);
  for (let c = 0; c < cells; c++) {
    const p = src + ((<usize>c * <usize>n) << 3);
    let s: f64 = 0;
    for (let i = 0; i < n; i++) s += at(p, i);
    selectRank(p, 0, n - 1, k50);
    const a50 = at(p, k50);
    const b50 = k50 + 1 < n ? minOf(p, k50 + 1, n - 1) : a50;
    let a5 = a50, b5 = b50;
    if (k5 < k50) {
      selectRank(p, 0, k50 - 1, k5);
      a5 = at(p, k5);
      b5 = minOf(p, k5 + 1, k50);
    }
    let a95 = a50, b95 = b50;
    if (k95 > k50) {
      selectRank(p, k50 + 1, n - 1, k95);
      a95 = at(p, k95);
      b95 = k95 + 1 < n ? minOf(p, k95 + 1, n - 1) : a95;
    }
    const o = dst + (<usize>c << 3);
    store<f64>(o + <usize>S_MEAN * cb, s / <f64>n);
    store<f64>(o + <usize>S_P5 * cb, interp(n, 0.05, k5, a5, b5));
    store<f64>(o + <usize>S_P50 * cb, interp(n, 0.5, k50, a50, b50));
    store<f64>(o + <usize>S_P95 * cb, interp(n, 0.95, k95, a95, b95));
  }
}

