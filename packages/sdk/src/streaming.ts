import { layout as L } from '@flywheel/core-wasm';

const QUANTILES = [0.05, 0.5, 0.95] as const;
const EXACT_UP_TO = 5;

/**
 * Statistics over runs in bounded memory: the mean exactly (summed in run order) and p5/p50/p95 by
 * the P² algorithm (Jain & Chlamtac, 1985: five markers per quantile, no stored observations).
 * Memory is 46 numbers per cell whatever the number of runs. Runs must be added in run order;
 * then the result is the same for any number of threads. With at most 5 runs the percentiles are
 * exact (the same interpolation as the exact statistics).
 *
 * @example
 * ```ts
 * const s = new StreamingStats(cells);
 * s.add(block, runsInBlock); // [cell][run] values of consecutive runs
 * const stats = s.result();  // [stat][cell], like the exact statistics
 * ```
 */
/**
 * The state of {@link StreamingStats}: per cell the running sum and, per quantile, five P² markers.
 * @example
 * ```ts
 * const shared = (n: number) => new Float64Array(new SharedArrayBuffer(n * 8));
 * const state: StreamingState = { sum: shared(cells), q: shared(cells * 15), n: shared(cells * 15), d: shared(cells * 15) };
 * const s = new StreamingStats(cells, state); // threads can fold different cells into it
 * ```
 */
export interface StreamingState {
  sum: Float64Array;
  /** per cell and quantile: marker heights q[5], positions n[5], desired positions d[5] (cells × 15 each) */
  q: Float64Array;
  n: Float64Array;
  d: Float64Array;
}

/**
 * Folds runs [firstRun, firstRun + runs) of `values` ([cell][run], `stride` per cell) into cells
 * [c0, c1) of a state; {@link StreamingStats} has one in TypeScript, and the wasm engine one with
 * the same arithmetic (`wasmFolder`).
 * @example
 * ```ts
 * const plain = new StreamingStats(cells);
 * const folder: Folder = (state, values, runs, stride, c0, c1, firstRun) =>
 *   new StreamingStats(cells, state).foldCells(values, runs, stride, c0, c1, firstRun);
 * const same = new StreamingStats(cells, undefined, folder); // the same numbers as `plain`
 * ```
 */
export type Folder = (state: StreamingState, values: Float64Array, runs: number, stride: number, c0: number, c1: number, firstRun: number) => void;

export class StreamingStats {
  readonly cells: number;
  private count = 0;
  private readonly sum: Float64Array;
  private readonly q: Float64Array;
  private readonly n: Float64Array;
  private readonly d: Float64Array;

  /**
   * @param cells - cells (stored metrics × (steps + 1))
   * @param state - arrays to keep the state in (for instance on a SharedArrayBuffer, so that several
   *   threads fold different cells of the same runs); new zeroed arrays by default
   * @param folder - a faster fold with the same arithmetic (the wasm engine's); TypeScript by default
   */
  private readonly folder: Folder | undefined;

  constructor(cells: number, state?: StreamingState, folder?: Folder) {
    this.cells = cells;
    this.folder = folder;
    this.sum = state?.sum ?? new Float64Array(cells);
    this.q = state?.q ?? new Float64Array(cells * 15);
    this.n = state?.n ?? new Float64Array(cells * 15);
    this.d = state?.d ?? new Float64Array(cells * 15);
  }

  /** The arrays holding the state. */
  get state(): StreamingState {
    return { sum: this.sum, q: this.q, n: this.n, d: this.d };
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
   * result does not depend on how the cells were split.
   */
  foldCells(values: Float64Array, runs: number, stride: number, c0: number, c1: number, firstRun: number): void {
    if (this.folder) {
      this.folder(this.state, values, runs, stride, c0, c1, firstRun);
      return;
    }
    for (let c = c0; c < c1; c++) {
      for (let r = 0; r < runs; r++) {
        const x = values[c * stride + r]!;
        this.sum[c]! += x;
        for (let j = 0; j < 3; j++) this.observe((c * 3 + j) * 5, QUANTILES[j]!, x, firstRun + r);
      }
    }
  }

  /** Counts `runs` runs whose cells were folded with {@link foldCells}. */
  countRuns(runs: number): void {
    this.count += runs;
  }

  private observe(o: number, p: number, x: number, k: number): void {
    const q = this.q;
    const n = this.n;
    const d = this.d;
    if (k < EXACT_UP_TO) {
      // keep the first five observations sorted
      let i = k;
      while (i > 0 && q[o + i - 1]! > x) {
        q[o + i] = q[o + i - 1]!;
        i--;
      }
      q[o + i] = x;
      if (k === EXACT_UP_TO - 1) {
        for (let m = 0; m < 5; m++) n[o + m] = m;
        d[o] = 0;
        d[o + 1] = 2 * p;
        d[o + 2] = 4 * p;
        d[o + 3] = 2 + 2 * p;
        d[o + 4] = 4;
      }
      return;
    }
    let cell: number;
    if (x < q[o]!) {
      q[o] = x;
      cell = 0;
    } else if (x < q[o + 1]!) cell = 0;
    else if (x < q[o + 2]!) cell = 1;
    else if (x < q[o + 3]!) cell = 2;
    else if (x <= q[o + 4]!) cell = 3;
    else {
      q[o + 4] = x;
      cell = 3;
    }
    for (let m = cell + 1; m < 5; m++) n[o + m]! += 1;
    d[o + 1]! += p / 2;
    d[o + 2]! += p;
    d[o + 3]! += (1 + p) / 2;
    d[o + 4]! += 1;
    for (let i = 1; i <= 3; i++) {
      const delta = d[o + i]! - n[o + i]!;
      const right = n[o + i + 1]! - n[o + i]!;
      const left = n[o + i - 1]! - n[o + i]!;
      if ((delta >= 1 && right > 1) || (delta <= -1 && left < -1)) {
        const s = delta > 0 ? 1 : -1;
        const qi = q[o + i]!;
        const parabolic =
          qi +
          (s / (n[o + i + 1]! - n[o + i - 1]!)) *
            (((n[o + i]! - n[o + i - 1]! + s) * (q[o + i + 1]! - qi)) / right + ((n[o + i + 1]! - n[o + i]! - s) * (qi - q[o + i - 1]!)) / -left);
        if (q[o + i - 1]! < parabolic && parabolic < q[o + i + 1]!) q[o + i] = parabolic;
        else q[o + i] = qi + (s * (q[o + i + s]! - qi)) / (n[o + i + s]! - n[o + i]!);
        n[o + i]! += s;
      }
    }
  }

  /** [stat][cell]: mean, p5, p50, p95 (the layout of the exact statistics). */
  result(): Float64Array {
    const C = this.cells;
    const out = new Float64Array(L.S_COUNT * C);
    const R = this.count;
    for (let c = 0; c < C; c++) {
      out[L.S_MEAN * C + c] = this.sum[c]! / R;
      for (let j = 0; j < 3; j++) {
        const o = (c * 3 + j) * 5;
        let v: number;
        if (R <= EXACT_UP_TO) {
          const h = (R - 1) * QUANTILES[j]!;
          const lo = Math.floor(h);
          const hi = Math.min(lo + 1, R - 1);
          v = this.q[o + lo]! + (h - lo) * (this.q[o + hi]! - this.q[o + lo]!);
        } else v = this.q[o + 2]!;
        out[[L.S_P5, L.S_P50, L.S_P95][j]! * C + c] = v;
      }
    }
    return out;
  }
}
