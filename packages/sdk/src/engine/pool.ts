import type { WorkerJob, WorkerReply, WorkerRequest } from './worker.js';

/** A minimal cross-runtime worker handle: Node's worker_threads or a browser Web Worker. */
interface AnyWorker {
  send(req: WorkerRequest): void;
  onReply(fn: (m: WorkerReply) => void): void;
  onFailure(fn: (e: Error) => void): void;
  terminate(): void;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

async function spawn(): Promise<AnyWorker> {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(new URL('./worker.js', import.meta.url));
    return {
      send: (req) => w.postMessage(req),
      onReply: (fn) => w.on('message', fn),
      onFailure: (fn) => w.on('error', fn),
      terminate: () => void w.terminate(),
    };
  }
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  return {
    send: (req) => w.postMessage(req),
    onReply: (fn) => w.addEventListener('message', (e: MessageEvent<WorkerReply>) => fn(e.data)),
    onFailure: (fn) => w.addEventListener('error', (e) => fn(new Error(e.message))),
    terminate: () => w.terminate(),
  };
}

/** Number of hardware threads (Node: os.availableParallelism; browsers: navigator.hardwareConcurrency). */
export async function availableThreads(): Promise<number> {
  if (isNode) {
    const os = await import('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

/**
 * Runs job lists on workers, one list per worker, and hands each job's values ([cell][run − start])
 * to `accept(worker, job, values)` as they arrive. Workers are created per call and terminated at the end.
 */
export async function runJobsOnWorkers(
  base: Omit<WorkerRequest, 'jobs'>,
  lists: readonly WorkerJob[][],
  accept: (worker: number, job: number, values: Float64Array) => void,
  onProgress?: (done: number) => void,
): Promise<void> {
  const active = lists.filter((l) => l.length > 0);
  const workers = await Promise.all(active.map(spawn));
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (w, i) =>
          new Promise<void>((resolve, reject) => {
            const jobs = active[i]!;
            let finished = 0;
            w.onFailure(reject);
            w.onReply((m) => {
              if (m.type === 'progress') {
                done += m.done;
                onProgress?.(done);
              } else if (m.type === 'done') {
                accept(lists.indexOf(jobs), m.job, m.values);
                if (++finished === jobs.length) resolve();
              } else reject(new Error(m.message));
            });
            w.send({ ...base, jobs });
          }),
      ),
    );
  } finally {
    for (const w of workers) w.terminate();
  }
}

/**
 * Splits runs [0, runs) of one spec into `threads` contiguous blocks, one per worker, and hands
 * each block's values ([cell][run − start]) to `accept` as it arrives.
 */
export async function runOnWorkers(
  base: Omit<WorkerRequest, 'jobs'> & { spec: unknown },
  runs: number,
  threads: number,
  accept: (runStart: number, runEnd: number, values: Float64Array) => void,
  onProgress?: (done: number) => void,
): Promise<void> {
  const n = Math.min(threads, runs);
  const { spec, ...rest } = base;
  const blocks = Array.from({ length: n }, (_, i) => [{ spec, runStart: Math.floor((runs * i) / n), runEnd: Math.floor((runs * (i + 1)) / n) }]);
  await runJobsOnWorkers(rest, blocks, (w, _j, values) => accept(blocks[w]![0]!.runStart, blocks[w]![0]!.runEnd, values), onProgress);
}
