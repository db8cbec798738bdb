import type { FlywheelWasmExports, WasmSource } from '@flywheel/core-wasm';
import { ErrorCodes, fail, validateSpec, type ModelSpec } from '@flywheel/spec';
import { compile, type CompiledModel } from './compile.js';
import { defaultMetrics } from './program/compile.js';
import type { FlywheelError } from '@flywheel/spec';
/** The reference engine, loaded only by runs that use it (or to explain a failure), so wasm-only apps do not ship it. */
const loadReference = () => import('./engine/reference.js');
import { checkValuesFit, MAX_VALUES_BYTES, rowStats, WasmSession } from './engine/wasm.js';
import { withEngine } from './engine/instances.js';
import { METRICS } from './metrics.js';
import { placeBlock } from './engine/place.js';

/** The thread pool, loaded only when a run uses threads (so single-threaded apps do not ship it). */
type Pool = typeof import('./engine/pool.js');
const loadPool = (): Promise<Pool> => import('./engine/pool.js');
import { copyRuns } from './engine/place.js';
import { SKETCH_BYTES_PER_CELL } from './sketch-size.js';
import { RunResult, type RunResultInit } from './result.js';

/** Which engine runs the model. */
export type EngineName = 'wasm' | 'reference';

/** Options of {@link run}. */
export interface RunOptions {
  /** `wasm` (default, fast) or `reference` (plain TypeScript, the oracle). */
  engine?: EngineName;
  /** Called after each block of runs with (runs done, runs in all). */
  onProgress?: (done: number, total: number) => void;
  /** Where the wasm module comes from (default: the bytes embedded in @flywheel/core-wasm). */
  wasm?: WasmSource;
  /**
   * Worker threads (Node worker_threads, browser Web Workers). `'auto'` (default) uses every core
   * when the job is large enough to pay for starting workers (runs × steps × (agents + 20) ≥ 5·10^7)
   * and 1 otherwise. Results are bit-identical for any thread count.
   */
  threads?: number | 'auto';
  /** Store and report only these metrics (saves memory on large Monte Carlos). */
  metrics?: readonly string[];
  /**
   * `'exact'`: percentiles from every run's values (memory grows with runs: runs × stored metrics ×
   * (steps + 1) × 8 bytes). `'streaming'`: runs are simulated in blocks and folded into
   * bounded-memory statistics — the mean exactly, p5/p50/p95 from a quantile sketch with a stated relative error bound (`RunResult.percentileBound`) — so
   * memory does not grow with runs. `'auto'` (default): exact while the per-run values fit in
   * {@link EXACT_AUTO_BYTES} (256 MiB: W1 up to 1,532 runs), streaming beyond. The result says which
   * was used (`result.statistics`). Either way the numbers do not depend on the thread count.
   */
  statistics?: 'auto' | 'exact' | 'streaming';
  /**
   * Keep every run's values so that `result.paths(metric)` returns them (sample paths, custom
   * statistics). Implies exact statistics; memory grows with runs. Default false.
   */
  keepRuns?: boolean;
  /**
   * Run even when the work is estimated above {@link LONG_RUN_WORK} (about an hour on one core):
   * without it such a run is refused with RUN_TOO_LARGE and the estimate. Default false.
   */
  allowLong?: boolean;
}

/**
 * Work (runs × steps × (agents + 20)) above which `run` asks for `allowLong: true`: 3·10^12, about
 * an hour at the engine's 1.2–2.5 ns per agent-step on one core.
 */
export const LONG_RUN_WORK = 3e12;

/**
 * Largest per-run values `statistics: 'auto'` keeps for exact percentiles (256 MiB).
 * @example
 * ```ts
 * Math.floor(EXACT_AUTO_BYTES / (14 * 3651 * 8)); // 656: exact runs of 10-year daily Helium
 * ```
 */
export const EXACT_AUTO_BYTES = 2 ** 28;

/**
 * Checks the statistics options and decides between exact and streaming statistics for a model
 * (see {@link RunOptions.statistics}).
 * @throws FlywheelError RUN_INVALID_OPTION for an unknown mode, a non-boolean keepRuns, or keepRuns with streaming
 * @example
 * ```ts
 * const model = compile(validateSpec(helium({ runs: 5000 })));
 * resolveStatistics(model, {}); // 'streaming': 5,000 runs × 409 kB exceed EXACT_AUTO_BYTES
 * ```
 */
export function resolveStatistics(model: CompiledModel, options: Pick<RunOptions, 'statistics' | 'keepRuns'>): 'exact' | 'streaming' {
  const mode = options.statistics ?? 'auto';
  if (mode !== 'auto' && mode !== 'exact' && mode !== 'streaming') {
    fail(ErrorCodes.RUN_INVALID_OPTION, 'statistics', mode, 'unknown statistics mode', 'Use "auto", "exact" or "streaming".');
  }
  if (options.keepRuns !== undefined && typeof options.keepRuns !== 'boolean') {
    fail(ErrorCodes.RUN_INVALID_OPTION, 'keepRuns', options.keepRuns, 'keepRuns must be true or false', "Use { keepRuns: true } to keep every run's values.");
  }
  if (options.keepRuns && mode === 'streaming') {
    fail(
      ErrorCodes.RUN_INVALID_OPTION,
      'keepRuns',
      true,
      "keepRuns keeps every run's values, which streaming statistics exist to avoid",
      'Use keepRuns with statistics "auto" or "exact", or drop keepRuns.',
    );
  }
  const cells = model.metrics.length * (model.steps + 1);
  const exactBytes = cells * model.runs * 8;
  const sketchBytes = cells * SKETCH_BYTES_PER_CELL;
  // auto: exact while the per-run values fit the budget; beyond it the smaller of the two, as long as it fits
  let chosen: 'exact' | 'streaming' = mode === 'streaming' ? 'streaming' : 'exact';
  if (mode === 'auto' && !options.keepRuns && exactBytes > EXACT_AUTO_BYTES) {
    if (sketchBytes < exactBytes && sketchBytes <= MAX_SKETCH_BYTES) chosen = 'streaming';
    else if (exactBytes > MAX_VALUES_BYTES) chosen = 'streaming';
  }
  if (chosen === 'streaming' && sketchBytes > MAX_SKETCH_BYTES) {
    fail(
      ErrorCodes.RUN_TOO_LARGE,
      'time.steps',
      model.steps,
      `streaming statistics of ${model.metrics.length} metrics × ${model.steps + 1} steps need ${(sketchBytes / 2 ** 30).toFixed(2)} GiB of sketches (${SKETCH_BYTES_PER_CELL} bytes per metric and step); at most ${(MAX_SKETCH_BYTES / 2 ** 30).toFixed(2)} GiB`,
      'Store fewer metrics (the metrics option, --metrics a,b), use a coarser step or a shorter horizon, or fewer runs with exact statistics.',
    );
  }
  if (chosen === 'exact') checkValuesFit(model, model.runs);
  return chosen;
}

/** The most memory streaming statistics may take for their sketches (2 GiB). */
export const MAX_SKETCH_BYTES = 2 ** 31;

/** The fewest runs per block in streaming statistics. */
export const STREAMING_BLOCK = 16;

/** Bytes of per-run values one block of streaming statistics may hold (16 MiB). */
export const STREAMING_BLOCK_BYTES = 2 ** 24;

/**
 * Runs per block in streaming statistics for a model of `cells` cells (stored metrics × (steps + 1)):
 * as many as fit {@link STREAMING_BLOCK_BYTES}, from {@link STREAMING_BLOCK} to 1,024. Folding a
 * block visits every cell's buckets once, so larger blocks share those cache misses among more runs
 * (Helium 10 years daily, 1,000 runs: 16 runs a block fold at about 47 ns a value, 41 at about 30 ns and 80 at about
 * 20 ns). The block size changes no result: the buckets do not depend on the order of the runs and
 * the sums are taken in run order in every block.
 * @example
 * ```ts
 * streamingBlock(14 * 3651); // 41: 10-year daily Helium
 * ```
 */
export function streamingBlock(cells: number): number {
  return Math.max(STREAMING_BLOCK, Math.min(1024, Math.floor(STREAMING_BLOCK_BYTES / (Math.max(1, cells) * 8))));
}

/** Work size above which `threads: 'auto'` starts workers. */
export const AUTO_THREADS_MIN_WORK = 5e7;

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Largest part of a worker's block sent in one message (exact statistics, where threads cannot
 * share memory).
 * @example
 * ```ts
 * Math.floor(PART_BYTES / (6 * 3651 * 8)); // 11: W1 runs (six metrics) per message
 * ```
 */
export const PART_BYTES = 2 ** 21;

function checkFinite(model: CompiledModel, stats: Float64Array): void {
  const n1 = model.steps + 1;
  for (let i = 0; i < stats.length; i++) {
    if (!Number.isFinite(stats[i])) {
      const cell = i % (model.metrics.length * n1);
      const metric = model.metrics[Math.floor(cell / n1)]!;
      fail(
        ErrorCodes.ENGINE_NON_FINITE,
        metric,
        stats[i],
        `the engine produced ${stats[i]} for ${metric} at step ${cell % n1}`,
        'Check the spec for extreme values (e.g. an impact price when almost nothing circulates, a division by a value that reaches 0, or explosive growth); please report it if the spec is sensible.',
      );
    }
  }
}

/**
 * Checks the shape of run options (types, not values that need the model), so that a bad option is
 * a FlywheelError before any work, not a TypeError deep inside.
 * @throws FlywheelError RUN_INVALID_OPTION
 * @example
 * ```ts
 * checkRunOptions({ metrics: 'price' }); // throws: metrics must be an array of metric names
 * ```
 */
export function checkRunOptions(options: unknown): asserts options is RunOptions {
  readRunOptions(options);
}

/** True for a value `wasm` accepts: bytes, a compiled module, a URL, a Response or a promise of one. */
function isWasmSource(v: unknown): boolean {
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v) || v instanceof WebAssembly.Module || v instanceof URL || v instanceof Promise) return true;
  return typeof Response !== 'undefined' && v instanceof Response;
}

/**
 * Checks run options and returns a copy of them, each option read once (a getter that throws, a
 * revoked proxy or a proxy of an array of metrics is a RUN_INVALID_OPTION naming the option, not a
 * raw exception later, and a getter cannot change an option during the run).
 */
function readRunOptions(options: unknown): RunOptions {
  const bad = (path: string, value: unknown, message: string, hint: string): never => fail(ErrorCodes.RUN_INVALID_OPTION, path, value, message, hint);
  const unreadable = (path: string, e: unknown): never => {
    const what = e instanceof Error ? `${e.name}: ${e.message}` : 'an exception';
    return bad(path, `[unreadable: ${what}]`, `the option could not be read (${what})`, 'Pass run options as a plain object of plain values (a getter that throws or a revoked proxy cannot be read).');
  };
  let isObject: boolean;
  try {
    const proto = options !== null && typeof options === 'object' && !Array.isArray(options) ? (Object.getPrototypeOf(options) as object | null) : undefined;
    isObject = proto === null || (proto !== undefined && Object.getPrototypeOf(proto) === null); // a plain object, not a Date or a Map
  } catch (e) {
    return unreadable('options', e);
  }
  if (!isObject) bad('options', options, 'run options must be an object', 'Pass e.g. { engine: "wasm", threads: 2 }, or nothing.');
  const known = ['engine', 'onProgress', 'wasm', 'threads', 'metrics', 'statistics', 'keepRuns', 'allowLong'];
  let keys: string[];
  try {
    keys = Object.keys(options as object);
  } catch (e) {
    return unreadable('options', e);
  }
  const o: Record<string, unknown> = {};
  for (const k of keys) {
    let v: unknown;
    try {
      v = (options as Record<string, unknown>)[k];
    } catch (e) {
      return unreadable(k, e);
    }
    if (!known.includes(k)) bad(k, v, `unknown run option "${k}"`, `Known options: ${known.join(', ')}.`);
    o[k] = v;
  }
  if (o.metrics !== undefined) {
    let names: unknown[] | undefined;
    try {
      if (Array.isArray(o.metrics)) names = Array.from(o.metrics as unknown[]);
    } catch (e) {
      return unreadable('metrics', e);
    }
    if (!names?.every((m) => typeof m === 'string')) bad('metrics', o.metrics, 'metrics must be an array of metric names', 'e.g. { metrics: ["totalSupply", "price"] }');
    o.metrics = names;
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') bad('onProgress', o.onProgress, 'onProgress must be a function (done, total) => void', 'Pass a function, or leave it out.');
  if (o.wasm !== undefined && !isWasmSource(o.wasm))
    bad(
      'wasm',
      o.wasm,
      "wasm must be the engine's bytes (an ArrayBuffer or typed array), a WebAssembly.Module, a URL, a Response or a promise of a Response",
      'Leave it out to use the embedded engine, or pass e.g. await readFile("flywheel.wasm").',
    );
  return o as RunOptions;
}

/**
 * Validates, compiles and runs a model's Monte Carlo.
 *
 * @param spec - a model spec (validated here)
 * @param given - run options (engine, threads, metrics, statistics, progress callback...), read once
 * @returns the aggregated result (mean and p5/p50/p95 per metric and step)
 * @throws FlywheelError for an invalid spec (`SPEC_*`), a bad option (`RUN_INVALID_OPTION`) or an engine failure
 * @example
 * ```ts
 * import { run } from '@flywheel/sdk';
 * import { helium } from '@flywheel/models';
 * const result = await run(helium(), { engine: 'wasm' });
 * console.log(result.summary());
 * ```
 */
export async function run(spec: ModelSpec, given: RunOptions = {}): Promise<RunResult> {
  const options = readRunOptions(given);
  const valid = validateSpec(spec);
  // the size checks first, on what the spec says (stored metrics × steps × runs), before the
  // compiler builds per-step tables: a 10^7-step spec is refused in milliseconds, not after
  // seconds of compiling and a gigabyte of tables; the same checks run again on the compiled model
  const sized = { metrics: options.metrics ? [...options.metrics] : defaultMetrics(valid), steps: valid.time.steps, runs: valid.monteCarlo.runs } as unknown as CompiledModel;
  resolveStatistics(sized, options);
  checkValuesFit(sized, 1);
  const model = compile(valid, options.metrics);
  try {
    return await runCompiled(model, options);
  } catch (e) {
    // a non-finite result: find the spec block that produced it (re-simulated on the reference interpreter)
    const fe = e as FlywheelError;
    if (fe?.code === ErrorCodes.ENGINE_NON_FINITE && !fe.path.startsWith('blocks.')) {
      const { failNonFinite } = await import('./engine/interpreter.js');
      failNonFinite(model.program, model.steps, model.seed, model.runs, fe.path, fe.value as number, fe.issues[0]!.message);
    }
    throw e;
  }
}

async function runCompiled(model: CompiledModel, options: RunOptions): Promise<RunResult> {
  const engine = options.engine ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'reference') {
    fail(ErrorCodes.RUN_INVALID_OPTION, 'engine', engine, 'unknown engine', 'Use "wasm" or "reference".');
  }
  const t = options.threads ?? 'auto';
  if (t !== 'auto' && !(Number.isInteger(t) && t >= 1 && t <= 1024)) {
    fail(ErrorCodes.RUN_INVALID_OPTION, 'threads', t, 'threads must be an integer from 1 to 1024, or "auto"', 'Use e.g. { threads: 2 }.');
  }
  const statistics = resolveStatistics(model, options);
  const R = model.runs;
  const cells = model.metrics.length * (model.steps + 1);
  const work = R * model.steps * (model.agents + 20);
  if (work > LONG_RUN_WORK && options.allowLong !== true) {
    fail(
      ErrorCodes.RUN_TOO_LARGE,
      'monteCarlo.runs',
      R,
      `${R.toLocaleString('en-US')} runs × ${model.steps.toLocaleString('en-US')} steps × ${model.agents.toLocaleString('en-US')} agents is about ${(work / 1e12).toFixed(1)}·10^12 agent-steps, roughly ${((work * 2e-9) / 3600).toFixed(1)} hours on one core`,
      'Pass allowLong: true (CLI: --allow-long) to run it anyway, or use fewer runs, agents or steps, more threads or shards.',
    );
  }
  const pool = t === 'auto' ? (work >= AUTO_THREADS_MIN_WORK ? await loadPool() : undefined) : t > 1 && R > 1 ? await loadPool() : undefined;
  const threads = t === 'auto' ? (pool ? Math.min(R, await pool.availableThreads()) : 1) : Math.min(t, R);
  const chunk = options.onProgress ? Math.max(1, Math.ceil(R / 100)) : R;
  const progress = options.onProgress ? (done: number) => options.onProgress!(done, R) : undefined;

  if (statistics === 'streaming') {
    const { streamingStats } = await import('./run-streaming.js'); // only streaming runs load it
    const stream = await streamingStats(model, engine, threads > 1 ? pool : undefined, threads, options, progress);
    return toResult(model, engine, stream.result(), { statistics, percentileBound: stream.bound() });
  }
  let stats: Float64Array;
  let runValues: Float64Array | undefined;
  if (engine === 'wasm') {
    ({ stats, runValues } = await withEngine(options.wasm, (ex) => exactWasm(ex, model, threads > 1 ? pool : undefined, threads, chunk, options, progress)));
  } else {
    const { simulateReference, statsReference } = await loadReference();
    const values = new Float64Array(cells * R);
    const accept = (s: number, block: Float64Array) => placeBlock(values, block, cells, R, s);
    if (threads > 1 && pool) {
      await pool.runOnWorkers({ model, engine, chunk: R }, R, threads, accept, progress);
    } else {
      for (let r = 0; r < R; r += chunk) {
        const end = Math.min(R, r + chunk);
        accept(r, simulateReference(model, r, end));
        if (progress) {
          progress(end);
          await tick();
        }
      }
    }
    stats = statsReference(values, cells, R);
    if (options.keepRuns) runValues = values;
  }
  return toResult(model, engine, stats, { statistics, runValues });
}

/** Exact statistics on the wasm engine: every run's values, then mean and percentiles per cell. */
async function exactWasm(
  ex: FlywheelWasmExports,
  model: CompiledModel,
  pool: Pool | undefined,
  threads: number,
  chunk: number,
  options: RunOptions,
  progress?: (done: number) => void,
): Promise<{ stats: Float64Array; runValues: Float64Array | undefined }> {
  const R = model.runs;
  const cells = model.metrics.length * (model.steps + 1);
  const engine = 'wasm';
  let stats: Float64Array;
  let runValues: Float64Array | undefined;
  // Runs travel between threads in parts of at most PART_BYTES.
  const partRuns = Math.max(1, Math.floor(PART_BYTES / (cells * 8)));
  const workerChunk = Math.max(1, Math.min(partRuns, Math.ceil(chunk / threads)));
  if (pool && threads > 1 && pool.mayBlock() && pool.canShare()) {
    // Shared memory (Node, Deno, isolated pages): every thread, this one included, claims parts
    // of the runs and writes them straight into one shared buffer, then claims pieces of cells
    // and writes their statistics. Only progress messages cross threads.
    checkValuesFit(model, R);
    // kept runs go to the result; otherwise the buffer is reused by the next run
    const values = options.keepRuns ? pool.sharedFloat64(cells * R) : pool.leaseShared(cells * R);
    const session = new WasmSession(ex, model, Math.min(R, partRuns));
    let localDone = 0;
    await pool.simulateShared({ model, engine, chunk: workerChunk, partRuns }, 0, R, threads, values, progress ? (done) => progress(done + localDone) : undefined, (s, e) => {
      session.simulate(s, e, s);
      copyRuns(values, R, s, session.values(), session.runs, e - s, cells);
      localDone += e - s;
    });
    progress?.(R);
    try {
      stats = await pool.statsShared(values, cells, R, threads, 'wasm', (rows, k) => rowStats(ex, rows, k, R));
    } finally {
      if (!options.keepRuns) pool.returnShared(values);
    }
    if (options.keepRuns) runValues = values;
  } else {
    const session = new WasmSession(ex, model, R);
    if (pool && threads > 1) {
      // Where this thread may block (Node, Deno, workers), it computes parts too, yielding
      // between them so that the workers' parts are placed as they arrive.
      let localDone = 0;
      await pool.runOnWorkers(
        { model, engine, chunk: workerChunk, partRuns },
        R,
        threads,
        (s, block) => placeBlock(session.values(), block, cells, R, s),
        progress ? (done) => progress(done + localDone) : undefined,
        pool.mayBlock()
          ? (s, e) => {
              session.simulate(s, e);
              localDone += e - s;
            }
          : undefined,
      );
      progress?.(R);
    } else {
      for (let r = 0; r < R; r += chunk) {
        session.simulate(r, Math.min(R, r + chunk));
        if (progress) {
          progress(Math.min(R, r + chunk));
          await tick();
        }
      }
    }
    if (options.keepRuns) runValues = session.values().slice(); // the statistics reorder the values in place
    stats = session.stats();
  }
  return { stats, runValues };
}

export function toResult(model: CompiledModel, engine: EngineName, stats: Float64Array, extra: Pick<RunResultInit, 'statistics' | 'runValues' | 'percentileBound'> = {}): RunResult {
  checkFinite(model, stats);
  const valid = model.spec;
  return new RunResult({
    model: valid.name,
    step: model.step,
    stepDays: model.stepDays,
    steps: model.steps,
    runs: model.runs,
    seed: model.seed,
    engine,
    start: valid.time.start,
    metrics: model.metrics,
    stats,
    ...extra,
  });
}

/** Statistics of a full set of per-run values ([cell][run]) with the chosen engine's code. */
export async function statsOf(model: CompiledModel, engine: EngineName, values: Float64Array, wasm?: WasmSource): Promise<Float64Array> {
  const cells = model.metrics.length * (model.steps + 1);
  // The reference statistics are the same computation (identical numbers); they also serve blocks
  // larger than one wasm instance holds, e.g. when merging many shards.
  if (engine === 'reference' || values.byteLength > MAX_VALUES_BYTES) return (await loadReference()).statsReference(values, cells, model.runs);
  return withEngine(wasm, (ex) => {
    const session = new WasmSession(ex, model, model.runs);
    session.values().set(values);
    return session.stats();
  });
}

export { METRICS };
