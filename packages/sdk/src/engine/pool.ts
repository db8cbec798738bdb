import { layout as L } from '@flywheel/core-wasm';
import { ErrorCodes, fail, FlywheelError } from '@flywheel/spec/errors';
import { configuredWorkerUrl } from '../configure.js';
import type { CompiledModel } from '../compile.js';
import { placeBlock } from './place.js';
import { foldPieces, replyError, statsPieces } from './shared.js';

export { placeBlock };
import type { FoldJob, WorkerJob, WorkerReply, WorkerRequest } from './worker.js';
import { engineModule } from './instances.js';

/** A minimal cross-runtime worker handle: Node's worker_threads or a browser Web Worker. */
interface AnyWorker {
  send(req: WorkerRequest): void;
  /** Sets the one handler for replies and failures (replacing the previous one). */
  listen(onReply: (m: WorkerReply) => void, onFailure: (e: Error) => void): void;
  /** Lets the process exit while this worker idles (Node), or keeps it alive while busy. */
  hold(busy: boolean): void;
  terminate(): void;
  /** True once this worker has been sent the compiled engine (it keeps an instance of it). */
  hasEngine: boolean;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** True where this thread can start worker threads: Node, or a runtime with Web Workers (browsers, Deno; not Cloudflare Workers). */
function workersExist(): boolean {
  return isNode || typeof (globalThis as { Worker?: unknown }).Worker === 'function';
}

/**
 * Throws RUN_INVALID_OPTION where `threads` > 1 needs workers that this runtime does not have
 * (Cloudflare Workers / workerd, and other edge runtimes without Web Workers).
 */
function requireWorkers(threads: number): void {
  if (!workersExist()) {
    fail(
      ErrorCodes.RUN_INVALID_OPTION,
      'threads',
      threads,
      `threads: ${threads} needs worker threads, and this runtime has no Web Workers (Worker is not defined)`,
      "Use { threads: 1 } (or 'auto', which uses one thread here); results do not depend on the thread count.",
    );
  }
}

/**
 * The compiled engine module when `req` is a wasm request and one of `workers` has not had it yet
 * (compiled once, from the embedded bytes, and memoised), else undefined.
 */
async function moduleFor(workers: readonly AnyWorker[], engine: WorkerRequest['engine']): Promise<WebAssembly.Module | undefined> {
  return engine === 'wasm' && workers.some((w) => !w.hasEngine) ? engineModule() : undefined;
}

/**
 * Sends `req` to `w`, with the compiled engine module the first time the worker gets a wasm
 * request: the worker instantiates it instead of loading (and a bundler embedding) the bytes.
 */
function sendTo(w: AnyWorker, req: WorkerRequest, module: WebAssembly.Module | undefined): void {
  if (req.engine === 'wasm' && !w.hasEngine && module) {
    w.send({ ...req, module });
    w.hasEngine = true;
  } else w.send(req);
}

/**
 * A Node built-in module, by a specifier that bundlers leave alone: bundling for browsers (where
 * this code never runs) must not fail, or warn, on `node:worker_threads`.
 */
const nodeBuiltin = <T>(name: string): Promise<T> => import(/* @vite-ignore */ /* webpackIgnore: true */ `node:${name}`) as Promise<T>;

/**
 * Where the default worker script would be: ./worker.js next to this module. (`import.meta.url` is
 * read apart from `new URL`, which bundlers would take for an asset to emit.)
 */
function defaultWorkerHref(): string {
  const base = import.meta.url as string | undefined;
  try {
    return new URL('./worker.js', base).href;
  } catch {
    return './worker.js (import.meta.url is empty here: a classic-script or IIFE bundle)';
  }
}

/**
 * The FlywheelError for a worker that could not be started (its script missing, refused or
 * failing to load): RUN_INVALID_OPTION at workerUrl, with the location tried and how to fix it.
 */
function workerStartError(threads: number, configured: string | URL | undefined, cause: unknown): FlywheelError {
  const href = configured === undefined ? defaultWorkerHref() : String(configured instanceof URL ? configured.href : configured);
  const reason =
    cause instanceof Error
      ? cause.message
      : typeof cause === 'string' && cause
        ? cause
        : 'the runtime gives no reason (a missing file, an HTML page served instead of JavaScript, a cross-origin or blocked script, or a script that fails to load)';
  const where =
    configured === undefined
      ? `the SDK's worker script (by default ./worker.js next to the module holding the SDK's thread pool: ${href})`
      : `the worker script at ${href} (set with configure({ workerUrl }))`;
  const hint =
    configured === undefined
      ? "Bundlers that do not rewrite new Worker(new URL('./worker.js', import.meta.url)), such as esbuild, need the worker as an entry point of its own: add '@flywheel/sdk/worker' to the build's entry points, named worker so that it lands beside the bundle as worker.js (esbuild app=src/main.js worker=@flywheel/sdk/worker --bundle --format=esm --outdir=dist), or under another name or place with configure({ workerUrl: new URL('./<its file>.js', import.meta.url) }). Or run with { threads: 1 }: results do not depend on the thread count."
      : isNode
        ? "In Node, workerUrl is the path or file: URL of the '@flywheel/sdk/worker' entry (import.meta.resolve('@flywheel/sdk/worker'), or its bundled output). Or run with { threads: 1 }: results do not depend on the thread count."
        : "workerUrl must serve the bundled '@flywheel/sdk/worker' entry as JavaScript, from this origin (see the browser's network panel for what it served). Or run with { threads: 1 }: results do not depend on the thread count.";
  return new FlywheelError({
    code: ErrorCodes.RUN_INVALID_OPTION,
    path: 'workerUrl',
    value: href,
    message: `threads: ${threads} needs worker threads, and ${where} could not be started: ${reason}`,
    hint,
  });
}

/**
 * Starts one worker from the configured worker script, or the default one. A failure to start it
 * (thrown at once, or reported by the worker before its first reply) is a {@link workerStartError}.
 */
async function spawn(threads: number): Promise<AnyWorker> {
  const configured = configuredWorkerUrl();
  let replied = false;
  let early: Error | undefined;
  let reply: (m: WorkerReply) => void = () => {};
  let failure: (e: Error) => void = (e) => (early ??= e);
  const listen = (r: typeof reply, f: typeof failure) => {
    reply = r;
    failure = f;
    if (early) f(early); // failed before anyone listened (while the engine was compiling, say)
  };
  const onReply = (m: WorkerReply) => {
    replied = true;
    reply(m);
  };
  const onFailure = (e: unknown) => failure(replied ? (e instanceof Error ? e : new Error(String(e))) : workerStartError(threads, configured, e));
  if (isNode) {
    const { Worker } = await nodeBuiltin<typeof import('node:worker_threads')>('worker_threads');
    let w: import('node:worker_threads').Worker;
    try {
      // the default as the literal new Worker(new URL(…, import.meta.url)) that bundlers rewrite (a
      // bare new URL(…, import.meta.url) they would copy as an asset); a string is a path, unless
      // it is a file: URL
      w =
        configured === undefined
          ? new Worker(new URL('./worker.js', import.meta.url))
          : new Worker(typeof configured === 'string' && configured.startsWith('file:') ? new URL(configured) : configured);
    } catch (e) {
      throw workerStartError(threads, configured, e);
    }
    w.on('message', onReply);
    w.on('error', onFailure);
    return { send: (req) => w.postMessage(req), listen, hold: (busy) => (busy ? w.ref() : w.unref()), terminate: () => void w.terminate(), hasEngine: false };
  }
  let w: Worker;
  try {
    // the literal new Worker(new URL(…, import.meta.url), { type: 'module' }) is what Vite rewrites
    w = configured === undefined ? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }) : new Worker(configured, { type: 'module' });
  } catch (e) {
    throw workerStartError(threads, configured, e);
  }
  w.addEventListener('message', (e: MessageEvent<WorkerReply>) => onReply(e.data));
  // an ErrorEvent for an uncaught error in the worker; a plain Event (no message) when its script does not load
  w.addEventListener('error', (e) => onFailure((e as Partial<ErrorEvent>).message ? new Error((e as ErrorEvent).message) : undefined));
  return { send: (req) => w.postMessage(req), listen, hold: () => {}, terminate: () => w.terminate(), hasEngine: false };
}

/**
 * Idle workers kept for the next call (they keep their compiled, optimised engine). In Node they
 * do not keep the process alive; {@link shutdownWorkers} ends them explicitly.
 */
const idle: AnyWorker[] = [];

/** `n` workers (idle ones first) for a run on `threads` threads. */
async function acquire(n: number, threads: number): Promise<AnyWorker[]> {
  if (n > 0) requireWorkers(threads);
  const got = idle.splice(0, n);
  const started = await Promise.allSettled(Array.from({ length: n - got.length }, () => spawn(threads)));
  const fresh = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // none is left running: the ones that did start, and the idle ones taken, are given back
    for (const w of fresh) w.terminate();
    idle.push(...got);
    throw failed.reason;
  }
  const all = [...got, ...fresh];
  for (const w of all) w.hold(true);
  return all;
}

function release(workers: AnyWorker[], healthy: boolean): void {
  for (const w of workers) {
    if (healthy) {
      w.listen(
        () => {},
        () => {},
      );
      w.hold(false);
      idle.push(w);
    } else w.terminate();
  }
}

/**
 * Terminates the idle worker threads Flywheel keeps between runs.
 * @example
 * ```ts
 * await shutdownWorkers();
 * ```
 */
export async function shutdownWorkers(): Promise<void> {
  for (const w of idle.splice(0)) w.terminate();
  keptBuffer = undefined;
}

/**
 * Number of hardware threads (Node: os.availableParallelism; browsers: navigator.hardwareConcurrency);
 * 1 where no worker threads can be started (Cloudflare Workers).
 * @example
 * ```ts
 * const n = await availableThreads(); // e.g. 2
 * ```
 */
export async function availableThreads(): Promise<number> {
  if (!workersExist()) return 1;
  if (isNode) {
    const os = await nodeBuiltin<typeof import('node:os')>('os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

/**
 * Runs job lists on workers, one list per worker, and hands each job's values to
 * `accept(worker, job, offset, values)` as they arrive: `values` holds runs
 * [runStart + offset, runStart + offset + values.length / cells) as [cell][run] (the whole job at
 * offset 0 unless `base.partRuns` splits it). Idle workers are reused; see {@link shutdownWorkers}.
 */
export async function runJobsOnWorkers(
  base: Omit<WorkerRequest, 'jobs'>,
  lists: readonly WorkerJob[][],
  accept: (worker: number, job: number, offset: number, values: Float64Array) => void,
  onProgress?: (done: number) => void,
  meanwhile?: () => void | Promise<void>,
): Promise<void> {
  const active = lists.filter((l) => l.length > 0);
  const workers = await acquire(active.length, active.length + (meanwhile ? 1 : 0));
  let done = 0;
  let healthy = false;
  try {
    const module = await moduleFor(workers, base.engine);
    const all = Promise.all(
      workers.map(
        (w, i) =>
          new Promise<void>((resolve, reject) => {
            const jobs = active[i]!;
            let finished = 0;
            w.listen((m) => {
              if (m.type === 'progress') {
                done += m.done;
                onProgress?.(done);
              } else if (m.type === 'part') {
                accept(lists.indexOf(jobs), m.job, m.offset, m.values);
              } else if (m.type === 'done') {
                if (++finished === jobs.length) resolve();
              } else if (m.type === 'error') reject(replyError(m));
            }, reject);
            sendTo(w, { ...base, jobs }, module);
          }),
      ),
    );
    // handled now, awaited below: a worker failing while the caller's own share runs (or the caller
    // failing first) must not be an unhandled rejection
    all.catch(() => {});
    // every job is posted: the caller's own share of the work runs while the workers compute
    await meanwhile?.();
    await all;
    healthy = true;
  } finally {
    release(workers, healthy);
  }
}

/**
 * True where the calling thread may block on a long computation: not a browser window's main
 * thread (Node, Deno, workers).
 */
export function mayBlock(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown };
  return g.window === undefined || g.document === undefined;
}

/** Lets pending messages be handled: setImmediate where it exists (no timer clamp), else a 0 ms timeout. */
export const yieldToEvents = (): Promise<void> => new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** True where a SharedArrayBuffer can be made and sent to workers (Node, Deno, cross-origin-isolated pages). */
export function canShare(): boolean {
  return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object';
}

/**
 * Runs [0, runs) of one spec on `threads` threads and hands the values of each part
 * ([cell][run − runStart], at most `base.partRuns` runs) to `accept(runStart, values)` as it
 * arrives. With `local`, the calling thread is one of the threads: it computes parts itself with
 * `local(runStart, runEnd)`, yielding between them so that arriving parts are placed at once.
 *
 * Where memory can be shared, every thread claims the next part from one shared counter when it is
 * free (see runClaimed); elsewhere each thread gets one contiguous block. Either way a run's
 * numbers do not depend on which thread computes it.
 */
export async function runOnWorkers(
  base: Omit<WorkerRequest, 'jobs'> & { model: CompiledModel },
  runs: number,
  threads: number,
  accept: (runStart: number, values: Float64Array) => void,
  onProgress?: (done: number) => void,
  local?: (runStart: number, runEnd: number) => void,
): Promise<void> {
  const n = Math.min(threads, runs);
  const { model, ...rest } = base;
  if (canShare()) return runClaimed(base, 0, runs, threads, accept, onProgress, local);
  const ranges = Array.from({ length: n }, (_, i) => [Math.floor((runs * i) / n), Math.floor((runs * (i + 1)) / n)] as const);
  const remote = local ? ranges.slice(1) : ranges;
  const blocks = remote.map(([runStart, runEnd]) => [{ model, runStart, runEnd }]);
  await runJobsOnWorkers(
    rest,
    blocks,
    (w, _j, offset, values) => accept(blocks[w]![0]!.runStart + offset, values),
    onProgress,
    local
      ? async () => {
          const [s0, e0] = ranges[0]!;
          const part = rest.partRuns ?? e0 - s0;
          for (let s = s0; s < e0; s += part) {
            local(s, Math.min(e0, s + part));
            await yieldToEvents();
          }
        }
      : undefined,
  );
}

/** A Float64Array on a SharedArrayBuffer (see {@link canShare}). */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

/**
 * One idle shared buffer kept for the next run. A SharedArrayBuffer that has been sent to workers
 * is freed only after every thread's garbage collector has let go of it, which a run that
 * allocates little may not trigger for a long time, so each run leases the kept buffer instead of
 * making a new one (concurrent runs get their own). {@link shutdownWorkers} drops it.
 */
let keptBuffer: SharedArrayBuffer | undefined;

/** A shared Float64Array of `length` on the kept buffer if it is free and large enough, else on a new one; give it back with {@link returnShared}. */
export function leaseShared(length: number): Float64Array {
  const kept = keptBuffer;
  if (kept && kept.byteLength >= length * 8) {
    keptBuffer = undefined;
    return new Float64Array(kept, 0, length);
  }
  return sharedFloat64(length);
}

/** Gives a leased array's buffer back for the next run (the larger of it and the kept one is kept). */
export function returnShared(a: Float64Array): void {
  const buffer = a.buffer as SharedArrayBuffer;
  if (!keptBuffer || buffer.byteLength > keptBuffer.byteLength) keptBuffer = buffer;
}

/**
 * Runs [runStart, runEnd) of one spec on `threads` threads (the calling thread is one of them) with
 * every thread writing straight into `out`, shared per-run values ([cell][run − runStart]): workers
 * claim parts from a shared counter and copy them in themselves, and the calling thread claims
 * parts too and hands them to `local(start, end)`, which must write them into `out`. Nothing is
 * sent back but progress. Needs {@link canShare}.
 */
export async function simulateShared(
  base: Omit<WorkerRequest, 'jobs'> & { model: CompiledModel; minPartRuns?: number },
  runStart: number,
  runEnd: number,
  threads: number,
  out: Float64Array,
  onProgress: ((done: number) => void) | undefined,
  local: (start: number, end: number) => void,
): Promise<void> {
  await runClaimed(base, runStart, runEnd, threads, () => {}, onProgress, local, out);
}

/**
 * Runs [runStart, runEnd) on `threads` threads that claim parts of about runs / (32 · threads)
 * runs (at least `base.minPartRuns`, at most `base.partRuns`) from one shared counter, so a thread slowed down by the machine does not hold the others up.
 * Workers send each part to `accept(start, values)`, or with `out` copy it there themselves; the
 * calling thread, when `local` is given, claims parts too and yields between them.
 */
async function runClaimed(
  base: Omit<WorkerRequest, 'jobs'> & { model: CompiledModel; minPartRuns?: number },
  runStart: number,
  runEnd: number,
  threads: number,
  accept: (start: number, values: Float64Array) => void,
  onProgress: ((done: number) => void) | undefined,
  local: ((start: number, end: number) => void) | undefined,
  out?: Float64Array,
): Promise<void> {
  const { model, minPartRuns = 1, ...rest } = base;
  const runs = runEnd - runStart;
  const n = Math.min(threads, runs);
  const part = Math.max(1, Math.min(rest.partRuns ?? runs, Math.max(minPartRuns, Math.ceil(runs / (32 * n)))));
  const claim = new Int32Array(new SharedArrayBuffer(4));
  claim[0] = runStart;
  const job: WorkerJob = out ? { model, runStart, runEnd, claim, out } : { model, runStart, runEnd, claim };
  await runJobsOnWorkers(
    { ...rest, partRuns: part, chunk: Math.min(rest.chunk, part) },
    Array.from({ length: local ? n - 1 : n }, () => [job]),
    (_w, _j, offset, values) => accept(runStart + offset, values),
    onProgress,
    local
      ? async () => {
          for (let s = Atomics.add(claim, 0, part); s < runEnd; s = Atomics.add(claim, 0, part)) {
            local(s, Math.min(runEnd, s + part));
            await yieldToEvents();
          }
        }
      : undefined,
  );
}

/**
 * Folds `runs` runs of shared values ([cell][run], `stride` per cell) into a shared streaming
 * state on `threads` threads: each claims pieces of cells (about `pieceValues` values) and folds
 * them, the calling thread included. Needs {@link canShare}.
 */
export async function foldShared(job: Omit<FoldJob, 'claim' | 'step'>, threads: number, engine: WorkerRequest['engine'], pieceValues = 2 ** 15): Promise<void> {
  const step = Math.max(1, Math.floor(pieceValues / Math.max(1, job.runs)));
  const full: FoldJob = { ...job, claim: new Int32Array(new SharedArrayBuffer(4)), step };
  await alongWorkers(Math.min(threads - 1, Math.ceil(job.cells / step) - 1), { jobs: [], engine, chunk: 1, fold: full }, () => foldPieces(full));
}

/**
 * Sends `req` to `count` workers and runs `local` on this thread meanwhile; resolves when every
 * worker has answered with an `ok` reply.
 */
async function alongWorkers(count: number, req: WorkerRequest, local: () => void): Promise<void> {
  const workers = await acquire(Math.max(0, count), count + 1);
  let healthy = false;
  try {
    const module = await moduleFor(workers, req.engine);
    const pending = workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.listen((m) => {
            if (m.type === 'ok') resolve();
            else if (m.type === 'error') reject(replyError(m));
          }, reject);
          sendTo(w, req, module);
        }),
    );
    const all = Promise.all(pending);
    all.catch(() => {}); // handled now, awaited below (local() may throw first)
    local();
    await all;
    healthy = true;
  } finally {
    release(workers, healthy);
  }
}

/**
 * Statistics of shared per-run values ([cell][run]) on `threads` threads, as [stat][cell]: every
 * thread claims pieces of about `pieceValues` values from a shared counter, copies them into its
 * own engine, and writes their statistics into a shared result. The calling thread computes with
 * `local(rows, cellsInRows)`. Each cell's statistics depend only on its own row, so the split
 * never changes a number, and the shared values are not reordered. Needs {@link canShare}.
 */
export async function statsShared(
  values: Float64Array,
  cells: number,
  runs: number,
  threads: number,
  engine: WorkerRequest['engine'],
  local: (rows: Float64Array, k: number) => Float64Array,
  pieceValues = 2 ** 17,
): Promise<Float64Array> {
  const step = Math.max(1, Math.floor(pieceValues / runs));
  const shared = { claim: new Int32Array(new SharedArrayBuffer(4)), step, out: leaseShared(L.S_COUNT * cells) };
  await alongWorkers(Math.min(threads - 1, Math.ceil(cells / step) - 1), { jobs: [], engine, chunk: 1, stats: { values, cells, runs, shared } }, () => statsPieces(values, cells, runs, shared, local));
  const stats = shared.out.slice();
  returnShared(shared.out);
  return stats;
}
