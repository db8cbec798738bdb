import { layout as L } from '@flywheel/core-wasm';

const QUANTILES = [0.05, 0.5, 0.95] as const;

import { SKETCH_BUCKETS, SKETCH_BYTES_PER_CELL, SKETCH_EXACT_RUNS, SKETCH_KEY_BITS as KEY_BITS, SKETCH_META as META } from './sketch-size.js';

export { SKETCH_BUCKETS, SKETCH_EXACT_RUNS };
const EMPTY = 0x7fffffff;

/**
 * The relative error bound of a percentile read from buckets of collapse level `level`: a bucket
 * holds values within a factor γ = (1 + 2^−6)^(2^level) of each other, and its representative
 * 2·lo·hi/(lo + hi) is within (γ − 1)/(γ + 1) of any of them. 0.78% at level 0, 1.55% at level 1, 3.1%
 * at level 2.
 * @example
 * ```ts
 * sketchBound(0); // 0.00775…: (65/64 − 1) / (65/64 + 1) = 1/129
 * ```
 */
export function sketchBound(level: number): number {
  const gamma = (1 + 2 ** -KEY_BITS) ** (2 ** level);
  return (gamma - 1) / (gamma + 1);
}

/**
 * The state of {@link StreamingStats}, in typed arrays (on a SharedArrayBuffer, threads fold
 * different cells of the same runs into one state).
 * @example
 * ```ts
 * const state = StreamingStats.allocate(cells, (bytes) => new SharedArrayBuffer(bytes));
 * const s = new StreamingStats(cells, state); // threads can fold different cells into it
 * ```
 */
export interface StreamingState {
  /** per cell: the sum of its values, added in run order */
  sum: Float64Array;
  /** per cell: the smallest and the largest value [min, max] */
  range: Float64Array;
  /** per cell: how many values were exactly 0 or subnormal */
  zeros: Uint32Array;
  /** per cell: the first {@link SKETCH_EXACT_RUNS} values, sorted */
  first: Float64Array;
  /** per cell: [level, base, minKey, maxKey] of the positive and of the negative buckets */
  meta: Int32Array;
  /** per cell: {@link SKETCH_BUCKETS} counts of positive values, then as many of negative ones */
  counts: Uint32Array;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // the high word of a float on this platform

/** The smallest positive value of level-0 key k (exact: a float whose bits are the key). */
function valueOfKey(k: number): number {
  if (k >= 2047 << KEY_BITS) return Infinity;
  u32[HI] = k << (20 - KEY_BITS);
  u32[1 - HI] = 0;
  return f64[0]!;
}

/**
 * Statistics over runs in bounded memory: the mean exactly (summed in run order) and p5/p50/p95
 * from a quantile sketch with a guaranteed relative error (the DDSketch idea, Masson, Rim & Lee,
 * VLDB 2019, with the uniform collapse of UDDSketch, Epicoco et al. 2020). Each cell keeps, per
 * sign, 512 logarithmic buckets of width at most 1/64 relative (64 per power of two, the bucket
 * being the float's exponent and top six mantissa bits, so bucket edges are exact in every runtime),
 * its exact min and max, the count of zeros and its first eight values. When a cell's values span
 * more than 512 buckets, adjacent pairs merge (level + 1: twice as wide), so every value stays
 * counted and the bound only widens: 0.78% relative at level 0 (values within 2^8 of each other),
 * 1.55% (2^16), 3.1% (2^32), … A percentile is the exact statistics' interpolation between the two
 * order statistics around (runs − 1) × p, each read as its bucket's representative and clamped to
 * [min, max]: for a cell whose values share a sign it is within {@link sketchBound}(level) of the
 * exact percentile, relatively; {@link StreamingStats.bound} is the worst over the cells. With at
 * most eight runs the percentiles are exact. The buckets are counts, so the sketch does not depend
 * on the order in which runs arrive: any number of threads or blocks gives the same bits. Memory is
 * about 4.2 kB per cell whatever the number of runs.
 *
 * @example
 * ```ts
 * const s = new StreamingStats(cells);
 * s.add(block, runsInBlock); // [cell][run] values of consecutive runs
 * const stats = s.result();  // [stat][cell], like the exact statistics
 * s.bound();                 // e.g. 0.0078: each percentile within 0.78% of the exact one
 * ```
 */
export class StreamingStats {
  readonly cells: number;
  private count = 0;
  private readonly s: StreamingState;
  /** One sign's buckets, copied out while a collapse merges them. */
  private readonly scratch = new Uint32Array(SKETCH_BUCKETS);

  /** Bytes of state per cell. */
  static readonly BYTES_PER_CELL = SKETCH_BYTES_PER_CELL;

  /**
   * New zeroed state for `cells` cells in buffers from `buffer` (default: ArrayBuffer).
   * @example
   * ```ts
   * const shared = StreamingStats.allocate(100, (n) => new SharedArrayBuffer(n));
   * ```
   */
  static allocate(cells: number, buffer: (bytes: number) => ArrayBufferLike = (n) => new ArrayBuffer(n)): StreamingState {
    const state: StreamingState = {
      sum: new Float64Array(buffer(cells * 8)),
      range: new Float64Array(buffer(cells * 16)),
      zeros: new Uint32Array(buffer(cells * 4)),
      first: new Float64Array(buffer(cells * SKETCH_EXACT_RUNS * 8)),
      meta: new Int32Array(buffer(cells * META * 4)),
      counts: new Uint32Array(buffer(cells * 2 * SKETCH_BUCKETS * 4)),
    };
    for (let c = 0; c < cells; c++) {
      state.range[2 * c] = Infinity;
      state.range[2 * c + 1] = -Infinity;
      for (let g = 0; g < 2; g++) state.meta[c * META + g * 4 + 1] = EMPTY;
    }
    return state;
  }

  /**
   * @param cells - cells (stored metrics × (steps + 1))
   * @param state - the arrays to keep the state in (see {@link StreamingStats.allocate}); new ones by default
   */
  constructor(cells: number, state?: StreamingState) {
    this.cells = cells;
    this.s = state ?? StreamingStats.allocate(cells);
  }

  /** The arrays holding the state. */
  get state(): StreamingState {
    return this.s;
  }

  /** Runs added so far. */
  get runs(): number {
    return this.count;
  }

  /** Adds `runs` consecutive runs given as [cell][run], `stride` values apart per cell (default `runs`). */
  add(values: Float64Array, runs: number, stride = runs): void {
    this.foldCells(values, runs, stride, 0, this.cells, this.count);
    this.count += runs;
  }

  /**
   * Folds `runs` consecutive runs (the first of them the `firstRun`-th added) into cells [c0, c1)
   * only, without counting them: threads that share the state fold different cells of the same
   * runs, then one of them calls {@link countRuns}. Each cell sees its runs in run order, so the
   * sums do not depend on how the cells were split (the buckets do not depend on the order at all).
   */
  foldCells(values: Float64Array, runs: number, stride: number, c0: number, c1: number, firstRun: number): void {
    const { sum, range, zeros, first, meta: m, counts } = this.s;
    const W = SKETCH_BUCKETS;
    // the values' high words, read in place (no store and load through a scratch float)
    const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    const shift = 20 - KEY_BITS;
    for (let c = c0; c < c1; c++) {
      const vo = c * stride;
      let s = sum[c]!;
      let lo = range[2 * c]!;
      let hi = range[2 * c + 1]!;
      let z = 0;
      if (firstRun < SKETCH_EXACT_RUNS) {
        const o = c * SKETCH_EXACT_RUNS;
        for (let r = 0; r < runs && firstRun + r < SKETCH_EXACT_RUNS; r++) {
          const x = values[vo + r]!;
          let i = firstRun + r;
          while (i > 0 && first[o + i - 1]! > x) {
            first[o + i] = first[o + i - 1]!;
            i--;
          }
          first[o + i] = x;
        }
      }
      // each sign's [level, base, minKey, maxKey] in locals (an empty side's range is empty); all
      // reloaded after a slow insert, which may move a window or collapse a level
      const o = c * META;
      const cp = c * 2 * W;
      const cn = cp + W;
      let lvP = m[o]!;
      let baseP = m[o + 1]!;
      let loP = baseP === EMPTY ? 1 : m[o + 2]!;
      let hiP = baseP === EMPTY ? 0 : m[o + 3]!;
      let lvN = m[o + 4]!;
      let baseN = m[o + 5]!;
      let loN = baseN === EMPTY ? 1 : m[o + 6]!;
      let hiN = baseN === EMPTY ? 0 : m[o + 7]!;
      for (let r = 0; r < runs; r++) {
        const x = values[vo + r]!;
        s += x;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
        const key = (bits[2 * (vo + r) + HI]! & 0x7fffffff) >>> shift; // the level-0 key of |x|
        if (key < 1 << KEY_BITS) {
          z++; // 0 and subnormals (|x| < 2^−1022)
          continue;
        }
        // fast path: the key is inside its side's current key range, so its bucket exists
        if (x > 0) {
          const k = key >> lvP;
          if (k >= loP && k <= hiP) {
            counts[cp + k - baseP]!++;
            continue;
          }
        } else {
          const k = key >> lvN;
          if (k >= loN && k <= hiN) {
            counts[cn + k - baseN]!++;
            continue;
          }
        }
        this.insert(c, x < 0 ? 1 : 0, key);
        lvP = m[o]!;
        baseP = m[o + 1]!;
        loP = baseP === EMPTY ? 1 : m[o + 2]!;
        hiP = baseP === EMPTY ? 0 : m[o + 3]!;
        lvN = m[o + 4]!;
        baseN = m[o + 5]!;
        loN = baseN === EMPTY ? 1 : m[o + 6]!;
        hiN = baseN === EMPTY ? 0 : m[o + 7]!;
      }
      sum[c] = s;
      range[2 * c] = lo;
      range[2 * c + 1] = hi;
      zeros[c] = zeros[c]! + z;
    }
  }

  /** Counts `runs` runs whose cells were folded with {@link foldCells}. */
  countRuns(runs: number): void {
    this.count += runs;
  }

  private insert(c: number, sign: number, key0: number): void {
    const m = this.s.meta;
    const o = c * META + sign * 4;
    const W = SKETCH_BUCKETS;
    const counts = this.s.counts;
    const co = (c * 2 + sign) * W;
    let k = key0 >> m[o]!;
    if (m[o + 1] === EMPTY) {
      m[o + 1] = k - (W >> 1);
      m[o + 2] = k;
      m[o + 3] = k;
    } else {
      let lo = Math.min(m[o + 2]!, k);
      let hi = Math.max(m[o + 3]!, k);
      while (hi - lo >= W) {
        this.collapse(c, sign);
        k = key0 >> m[o]!;
        lo = Math.min(m[o + 2]!, k);
        hi = Math.max(m[o + 3]!, k);
      }
      const base = m[o + 1]!;
      if (k < base || k >= base + W) {
        // move the window so that [lo, hi] fits, with the slack split evenly
        const next = lo - ((W - (hi - lo + 1)) >> 1);
        const shift = next - base;
        if (shift > 0) counts.copyWithin(co, co + shift, co + W).fill(0, co + W - shift, co + W);
        else counts.copyWithin(co - shift, co, co + W + shift).fill(0, co, co - shift);
        m[o + 1] = next;
      }
      m[o + 2] = lo;
      m[o + 3] = hi;
    }
    counts[co + k - m[o + 1]!]!++;
  }

  /** Merges adjacent pairs of buckets of one sign of cell c: the level rises by one. */
  private collapse(c: number, sign: number): void {
    const m = this.s.meta;
    const o = c * META + sign * 4;
    const W = SKETCH_BUCKETS;
    const counts = this.s.counts;
    const co = (c * 2 + sign) * W;
    const base = m[o + 1]!;
    const old = this.scratch;
    old.set(counts.subarray(co, co + W));
    counts.fill(0, co, co + W);
    const lo = m[o + 2]! >> 1;
    const hi = m[o + 3]! >> 1;
    const next = lo - ((W - (hi - lo + 1)) >> 1);
    for (let i = 0; i < W; i++) if (old[i]) counts[co + ((base + i) >> 1) - next]! += old[i]!;
    m[o] = m[o]! + 1;
    m[o + 1] = next;
    m[o + 2] = lo;
    m[o + 3] = hi;
    // the level stops by 8: keys have 17 bits, so at level 8 every key fits in 512 buckets
  }

  /** The representative of bucket k (of `level`, one sign): 2·lo·hi/(lo + hi) of its edges. */
  private static representative(k: number, level: number): number {
    const lo = valueOfKey(k << level);
    const hi = valueOfKey((k + 1) << level);
    return hi === Infinity ? lo : (2 * lo * hi) / (lo + hi);
  }

  /** The value of order statistic `rank` (0-based) of cell c, from its buckets. */
  private orderStatistic(c: number, rank: number): number {
    const { meta: m, counts, zeros } = this.s;
    const W = SKETCH_BUCKETS;
    // negatives first, largest magnitude first
    const on = c * META + 4;
    const cn = (c * 2 + 1) * W;
    let seen = 0;
    if (m[on + 1] !== EMPTY) {
      for (let i = W - 1; i >= 0; i--) {
        seen += counts[cn + i]!;
        if (seen > rank) return -StreamingStats.representative(m[on + 1]! + i, m[on]!);
      }
    }
    seen += zeros[c]!;
    if (seen > rank) return 0;
    const op = c * META;
    const cp = c * 2 * W;
    for (let i = 0; i < W; i++) {
      seen += counts[cp + i]!;
      if (seen > rank) return StreamingStats.representative(m[op + 1]! + i, m[op]!);
    }
    return this.s.range[2 * c + 1]!; // not reached when rank < runs
  }

  /**
   * The worst relative error bound of the percentiles over the cells: each p5/p50/p95 of a cell
   * whose values share a sign is within this fraction of the exact percentile (0 when every cell
   * has at most eight runs, whose percentiles are exact).
   */
  bound(): number {
    if (this.count <= SKETCH_EXACT_RUNS) return 0;
    let level = 0;
    for (let c = 0; c < this.cells; c++) for (let g = 0; g < 2; g++) level = Math.max(level, this.s.meta[c * META + g * 4]!);
    return sketchBound(level);
  }

  /** [stat][cell]: mean, p5, p50, p95 (the layout of the exact statistics). */
  result(): Float64Array {
    const C = this.cells;
    const out = new Float64Array(L.S_COUNT * C);
    const R = this.count;
    const { sum, range, first } = this.s;
    for (let c = 0; c < C; c++) {
      out[L.S_MEAN * C + c] = sum[c]! / R;
      const min = range[2 * c]!;
      const max = range[2 * c + 1]!;
      const at = (rank: number) => {
        if (R <= SKETCH_EXACT_RUNS) return first[c * SKETCH_EXACT_RUNS + rank]!;
        if (rank === 0) return min;
        if (rank === R - 1) return max;
        return Math.min(max, Math.max(min, this.orderStatistic(c, rank)));
      };
      for (let j = 0; j < 3; j++) {
        const h = (R - 1) * QUANTILES[j]!;
        const lo = Math.floor(h);
        const hi = Math.min(lo + 1, R - 1);
        const a = at(lo);
        const b = hi === lo ? a : at(hi);
        out[[L.S_P5, L.S_P50, L.S_P95][j]! * C + c] = a + (h - lo) * (b - a);
      }
    }
    return out;
  }
}
