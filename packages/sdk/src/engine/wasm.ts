import { type FlywheelWasmExports, layout as L } from '@flywheel/core-wasm';
import { ErrorCodes, fail } from '@flywheel/spec/errors';
import type { CompiledModel } from '../compile.js';

/** Largest block of per-run values one engine instance holds (the stub runtime's 1 GiB block limit, less headroom). */
export const MAX_VALUES_BYTES = 2 ** 30 - 2 ** 24;

/** Most runs the engine records contiguously before placing them ({@link WasmSession.simulate}). */
const TILE_RUNS = 8;
/** Most bytes of such a tile of runs (4 MiB): models of larger runs record in place. */
const TILE_BYTES = 2 ** 22;

/**
 * Throws RUN_TOO_LARGE when the per-run values of `runs` runs (stored metrics × (steps + 1) × runs
 * × 8 bytes), or the statistics (4 × stored metrics × (steps + 1) × 8 bytes), exceed what one block
 * of an engine instance holds, whichever way they will be computed, so that the limit does not
 * depend on the thread count or the engine.
 */
export function checkValuesFit(model: CompiledModel, runs: number): void {
  const cells = model.metrics.length * (model.steps + 1);
  // the statistics ([mean, p5, p50, p95][cell]) are one block of the engine's memory too: past the
  // limit the engine trapped ("unreachable") where the reference engine ran
  const statsBytes = L.S_COUNT * cells * 8;
  if (statsBytes > MAX_VALUES_BYTES) {
    const maxSteps = Math.floor(MAX_VALUES_BYTES / (L.S_COUNT * 8 * model.metrics.length)) - 1;
    fail(
      ErrorCodes.RUN_TOO_LARGE,
      'time.steps',
      model.steps,
      `the statistics of ${model.metrics.length} metrics × ${model.steps + 1} steps need ${(statsBytes / 2 ** 30).toFixed(2)} GiB (${L.S_COUNT} numbers per metric and step); the engine holds at most ${(MAX_VALUES_BYTES / 2 ** 30).toFixed(2)} GiB in one block`,
      `Store fewer metrics (the metrics option, --metrics a,b), or at most ${maxSteps.toLocaleString('en-US')} steps of ${model.metrics.length} metrics (a coarser step or a shorter horizon).`,
    );
  }
  const bytes = cells * runs * 8;
  if (bytes > MAX_VALUES_BYTES) {
    const maxRuns = Math.floor(MAX_VALUES_BYTES / (cells * 8));
    if (maxRuns < 1) {
      fail(
        ErrorCodes.RUN_TOO_LARGE,
        'time.steps',
        model.steps,
        `one run of ${model.metrics.length} metrics × ${model.steps + 1} steps needs ${((cells * 8) / 2 ** 30).toFixed(2)} GiB of values; the engine holds at most ${(MAX_VALUES_BYTES / 2 ** 30).toFixed(2)} GiB`,
        'Store fewer metrics (the metrics option, --metrics a,b), or use a coarser step or a shorter horizon.',
      );
    }
    fail(
      ErrorCodes.RUN_TOO_LARGE,
      'monteCarlo.runs',
      runs,
      `${runs} runs × ${model.metrics.length} metrics × ${model.steps + 1} steps need ${(bytes / 2 ** 30).toFixed(2)} GiB of per-run values; the engine holds at most ${(MAX_VALUES_BYTES / 2 ** 30).toFixed(2)} GiB`,
      `Use statistics: 'auto' or 'streaming' (memory does not grow with runs), at most ${maxRuns} runs with exact statistics, fewer stored metrics (the metrics option), or shards (runShard / flywheel run --shard I/N) merged later.`,
    );
  }
}

/**
 * Drives the wasm engine for one compiled model: allocates every buffer once (parameters,
 * tables, agent state, the per-run values of this block and the statistics), copies the inputs in,
 * then simulates chunks of runs with no call back into JS inside a chunk.
 */
export class WasmSession {
  private readonly ex: FlywheelWasmExports;
  private readonly run: (runStart: number, runEnd: number, out: number, stride: number) => void;
  /** Runs recorded contiguously before they are placed in the values buffer (1: recorded in place). */
  private readonly tile: number;
  private readonly tilePtr: number;
  private readonly valuesPtr: number;
  private readonly statsPtr: number;
  /** Stored metrics × (steps + 1). */
  readonly cells: number;
  /** Runs this session holds values for. */
  readonly runs: number;

  constructor(ex: FlywheelWasmExports, model: CompiledModel, runs: number) {
    this.ex = ex;
    this.cells = model.metrics.length * (model.steps + 1);
    this.runs = runs;
    checkValuesFit(model, runs);
    ex.resetHeap();
    const f64 = (values: Float64Array) => {
      const ptr = ex.alloc(values.byteLength);
      new Float64Array(ex.memory.buffer, ptr, values.length).set(values);
      return ptr;
    };
    // the block program, its initial state, a working copy, tables, agents and metric slots
    const p = model.program;
    const code = ex.alloc(p.code.byteLength);
    new Int32Array(ex.memory.buffer, code, p.code.length).set(p.code);
    const init = f64(p.state);
    const state = ex.alloc(p.state.byteLength);
    const tables = f64(p.tables.length > 0 ? p.tables : new Float64Array(1));
    const work = ex.alloc(p.workBytes + 64);
    const metrics = ex.alloc(p.metricSlots.byteLength);
    new Int32Array(ex.memory.buffer, metrics, p.metricSlots.length).set(p.metricSlots);
    const n = p.state.length;
    this.run = (r0, r1, out, stride) => ex.simulateProgram(code, p.initPc, p.stepPc, init, state, n, tables, work, metrics, p.metricSlots.length, model.steps, model.seed, out, stride, r0, r1);
    this.valuesPtr = ex.alloc(this.cells * runs * 8);
    this.statsPtr = ex.alloc(L.S_COUNT * this.cells * 8);
    this.tile = runs < 2 ? 1 : Math.max(1, Math.min(TILE_RUNS, runs, Math.floor(TILE_BYTES / (this.cells * 8))));
    this.tilePtr = this.tile > 1 ? ex.alloc(this.tile * this.cells * 8) : 0;
  }

  /** Simulates runs [runStart, runEnd), storing run r at column `r − firstRun` of the values buffer. */
  simulate(runStart: number, runEnd: number, firstRun = 0): void {
    // One call per run: V8 runs a wasm function in its baseline tier until a call returns, then
    // switches to the optimised code it compiled meanwhile (there is no on-stack replacement for
    // wasm). A single call for all runs would stay in the slow tier throughout.
    if (this.tile === 1) {
      for (let r = runStart; r < runEnd; r++) this.run(r, r + 1, this.valuesPtr + (r - firstRun) * 8, this.runs);
      return;
    }
    // Recording straight into [cell][run] writes a different cache line for every value of a run;
    // runs recorded one after the other into the tile, then placed `tile` at a time, write each line once.
    const bytes = this.cells * 8;
    for (let r = runStart; r < runEnd; r += this.tile) {
      const k = Math.min(this.tile, runEnd - r);
      for (let j = 0; j < k; j++) this.run(r + j, r + j + 1, this.tilePtr + j * bytes, 1);
      this.ex.transposeRuns(this.tilePtr, k, this.cells, this.valuesPtr + (r - firstRun) * 8, this.runs);
    }
  }

  /** The per-run values ([cell][run]); a view into wasm memory, valid until the next allocation. */
  values(): Float64Array {
    return new Float64Array(this.ex.memory.buffer, this.valuesPtr, this.cells * this.runs);
  }

  /** Mean, p5, p50, p95 per cell over the held runs ([stat][cell]); reorders the values in place. */
  stats(): Float64Array {
    this.ex.stats(this.valuesPtr, this.cells, this.runs, this.statsPtr);
    return new Float64Array(this.ex.memory.buffer, this.statsPtr, L.S_COUNT * this.cells).slice();
  }
}

/**
 * Statistics of rows of per-run values ([cell][run]) on an engine instance that holds nothing else
 * (a worker's): frees the instance's memory first.
 */
export function rowStats(ex: FlywheelWasmExports, values: Float64Array, cells: number, runs: number): Float64Array {
  ex.resetHeap();
  const src = ex.alloc(values.byteLength);
  const dst = ex.alloc(L.S_COUNT * cells * 8);
  new Float64Array(ex.memory.buffer, src, values.length).set(values);
  ex.stats(src, cells, runs, dst);
  return new Float64Array(ex.memory.buffer, dst, L.S_COUNT * cells).slice();
}
