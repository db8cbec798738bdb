/**
 * Worker entry for parallel Monte Carlo (Node worker_threads and browser Web Workers alike).
 * It receives compiled models (flat buffers: no schema library or compiler is loaded here) and
 * blocks of runs, simulates them on its own wasm instance (or the reference engine), and sends the
 * per-run values back or writes them into shared memory. With shared memory it also computes
 * statistics of claimed pieces of cells, or folds them into shared streaming statistics. Run r's
 * numbers depend only on (seed, r), and a cell's statistics only on its own values, so no result
 * depends on how the work is split between threads.
 *
 * The wasm engine arrives compiled, as a `WebAssembly.Module` in the first wasm request (see
 * {@link WorkerRequest.module}): this file never loads the engine's bytes, so a bundler does not
 * embed them a second time in the worker chunk. It has no top-level await either, so bundlers may
 * emit it in any format (Vite's default for workers is a classic script).
 */
import { instantiate, type FlywheelWasmExports } from '@flywheel/core-wasm';
import type { CompiledModel } from '../compile.js';
import { simulateReference, statsReference } from './reference.js';
import { rowStats, WasmSession } from './wasm.js';
import { copyRuns, errorReply, foldPieces, statsPieces, type SharedStats } from './shared.js';
import type { StreamingState } from '../streaming.js';
import type { FlywheelIssue } from '@flywheel/spec/errors';

/** One block of runs of one spec. */
export interface WorkerJob {
  model: CompiledModel;
  runStart: number;
  runEnd: number;
  /**
   * Runs are claimed from this shared counter (the next run index, on a SharedArrayBuffer), a part
   * at a time, by every thread working on the block: whoever is free takes the next part. Without
   * it the worker computes the whole block. Which thread computes a run never changes its numbers.
   */
  claim?: Int32Array;
  /**
   * Shared per-run values of the whole Monte Carlo ([cell][run], runEnd − runStart runs per cell,
   * on a SharedArrayBuffer): the worker writes each part there itself instead of sending it.
   */
  out?: Float64Array;
}

/**
 * Statistics shared between threads: `values` ([cell][run], shared) holds all rows; pieces of cells
 * are claimed from `shared.claim` by every thread and their statistics written to `shared.out`.
 */
export interface StatsJob {
  values: Float64Array;
  cells: number;
  runs: number;
  shared: SharedStats;
}

/**
 * Streaming statistics shared between threads: fold runs [firstRun, firstRun + runs) of `values`
 * ([cell][run], `stride` runs per cell) into the shared P² state, pieces of `step` cells at a time
 * claimed from `claim`.
 */
export interface FoldJob {
  values: Float64Array;
  runs: number;
  stride: number;
  cells: number;
  firstRun: number;
  claim: Int32Array;
  step: number;
  state: StreamingState;
}

/** Message from the main thread: jobs done in order, each answered by a `done` reply. */
export interface WorkerRequest {
  jobs: WorkerJob[];
  /** Instead of jobs: statistics of shared rows, answered by an `ok` reply. */
  stats?: StatsJob;
  /** Instead of jobs: fold into shared streaming statistics, answered by an `ok` reply. */
  fold?: FoldJob;
  engine: 'wasm' | 'reference';
  /**
   * The compiled wasm engine, sent with the first wasm request to each worker (a module is shared
   * between threads, not copied; the worker keeps one instance of it for later requests).
   */
  module?: WebAssembly.Module;
  /** Runs per progress message. */
  chunk: number;
  /**
   * Runs per `part` reply (default: the whole job in one reply). Smaller parts keep this worker's
   * engine memory and the messages in flight small; the receiver places each part itself.
   */
  partRuns?: number;
}

/** Messages to the main thread. */
export type WorkerReply =
  | { type: 'progress'; done: number }
  | { type: 'part'; job: number; offset: number; values: Float64Array }
  | { type: 'done'; job: number }
  | { type: 'ok' }
  | { type: 'error'; message: string; issues?: readonly FlywheelIssue[] };

/** This worker's engine instance, made from the module the main thread sent. */
let instance: FlywheelWasmExports | undefined;

function engine(req: WorkerRequest): FlywheelWasmExports | undefined {
  if (req.engine !== 'wasm') return undefined;
  if (req.module) instance = instantiate(req.module);
  if (!instance) throw new Error('the worker has no wasm engine: the first wasm request must carry the compiled module');
  return instance;
}

function handle(req: WorkerRequest, post: (m: WorkerReply, transfer?: ArrayBuffer[]) => void): void {
  try {
    const ex = engine(req);
    if (req.fold) {
      foldPieces(req.fold);
      post({ type: 'ok' });
      return;
    }
    if (req.stats) {
      const { values, cells, runs, shared } = req.stats;
      statsPieces(values, cells, runs, shared, (rows, k) => (ex ? rowStats(ex, rows, k, runs) : statsReference(rows, k, runs)));
      post({ type: 'ok' });
      return;
    }
    for (let j = 0; j < req.jobs.length; j++) {
      const job = req.jobs[j]!;
      const model = job.model;
      const n = job.runEnd - job.runStart;
      const part = Math.max(1, Math.min(n, req.partRuns ?? n));
      const session = ex ? new WasmSession(ex, model, part) : undefined;
      const claim = job.claim;
      const next = (p: number) => (claim ? Atomics.add(claim, 0, part) : p + part);
      for (let p = claim ? next(0) : job.runStart; p < job.runEnd; p = next(p)) {
        const pEnd = Math.min(job.runEnd, p + part);
        let values: Float64Array;
        if (session) {
          for (let r = p; r < pEnd; r += req.chunk) {
            const end = Math.min(pEnd, r + req.chunk);
            session.simulate(r, end, p);
            post({ type: 'progress', done: end - r });
          }
          const all = session.values();
          const k = pEnd - p;
          if (job.out) {
            copyRuns(job.out, n, p - job.runStart, all, part, k, session.cells);
            continue;
          }
          if (k === part) values = all.slice();
          else {
            // a short last part: the first k columns of each cell's row of `part` runs
            values = new Float64Array(session.cells * k);
            copyRuns(values, k, 0, all, part, k, session.cells);
          }
        } else {
          values = simulateReference(model, p, pEnd);
          post({ type: 'progress', done: pEnd - p });
          if (job.out) {
            copyRuns(job.out, n, p - job.runStart, values, pEnd - p, pEnd - p, values.length / (pEnd - p));
            continue;
          }
        }
        post({ type: 'part', job: j, offset: p - job.runStart, values }, [values.buffer as ArrayBuffer]);
      }
      post({ type: 'done', job: j });
    }
  } catch (e) {
    post(errorReply(e));
  }
}

/**
 * A Node built-in module, by a specifier that bundlers leave alone (a parameter, which no minifier
 * folds into a string): bundling this entry for browsers must not fail on `node:worker_threads`.
 */
const nodeBuiltin = <T>(name: string): Promise<T> => import(/* @vite-ignore */ /* webpackIgnore: true */ `node:${name}`) as Promise<T>;

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined';
if (isNode) {
  // Not a top-level await: messages sent meanwhile wait on the port until the listener is attached.
  void nodeBuiltin<typeof import('node:worker_threads')>('worker_threads').then(({ parentPort }) => {
    parentPort?.on('message', (req: WorkerRequest) => {
      handle(req, (m, transfer) => parentPort.postMessage(m, transfer ?? []));
    });
  });
} else {
  const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage: (m: unknown, t?: Transferable[]) => void };
  scope.onmessage = (e) => {
    handle(e.data, (m, transfer) => scope.postMessage(m, transfer ?? []));
  };
}
