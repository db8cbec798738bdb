/**
 * Worker entry for parallel Monte Carlo (Node worker_threads and browser Web Workers alike).
 * It receives a compiled model (flat buffers: no schema library or compiler is loaded here) and a
 * block of runs, simulates them on its own wasm instance and
 * sends back the block's per-run values. Run r's numbers depend only on (seed, r), so the result
 * does not depend on how runs are split between workers.
 */
import { init } from '@flywheel/core-wasm';
import type { CompiledModel } from '../compile.js';
import { simulateReference } from './reference.js';
import { WasmSession } from './wasm.js';

/** One block of runs of one spec. */
export interface WorkerJob {
  model: CompiledModel;
  runStart: number;
  runEnd: number;
}

/** Message from the main thread: jobs done in order, each answered by a `done` reply. */
export interface WorkerRequest {
  jobs: WorkerJob[];
  engine: 'wasm' | 'reference';
  /** Runs per progress message. */
  chunk: number;
}

/** Messages to the main thread. */
export type WorkerReply =
  | { type: 'progress'; done: number }
  | { type: 'done'; job: number; values: Float64Array }
  | { type: 'error'; message: string };

async function handle(req: WorkerRequest, post: (m: WorkerReply, transfer?: ArrayBuffer[]) => void): Promise<void> {
  try {
    const ex = req.engine === 'wasm' ? await init() : undefined;
    for (let j = 0; j < req.jobs.length; j++) {
      const job = req.jobs[j]!;
      const model = job.model;
      const n = job.runEnd - job.runStart;
      let values: Float64Array;
      if (ex) {
        const session = new WasmSession(ex, model, n);
        for (let r = job.runStart; r < job.runEnd; r += req.chunk) {
          const end = Math.min(job.runEnd, r + req.chunk);
          session.simulate(r, end, job.runStart);
          post({ type: 'progress', done: end - r });
        }
        values = session.values().slice();
      } else {
        values = simulateReference(model, job.runStart, job.runEnd);
        post({ type: 'progress', done: n });
      }
      post({ type: 'done', job: j, values }, [values.buffer as ArrayBuffer]);
    }
  } catch (e) {
    post({ type: 'error', message: (e as Error).message });
  }
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined';
if (isNode) {
  const { parentPort } = await import('node:worker_threads');
  parentPort?.on('message', (req: WorkerRequest) => {
    void handle(req, (m, transfer) => parentPort.postMessage(m, transfer ?? []));
  });
} else {
  const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage: (m: unknown, t?: Transferable[]) => void };
  scope.onmessage = (e) => {
    void handle(e.data, (m, transfer) => scope.postMessage(m, transfer ?? []));
  };
}
