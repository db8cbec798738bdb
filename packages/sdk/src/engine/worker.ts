/**
 * Worker entry for parallel Monte Carlo (Node worker_threads and browser Web Workers alike).
 * It receives a validated spec and a block of runs, simulates them on its own wasm instance and
 * sends back the block's per-run values. Run r's numbers depend only on (seed, r), so the result
 * does not depend on how runs are split between workers.
 */
import { init } from '@flywheel/core-wasm';
import { validateSpec } from '@flywheel/spec';
import { compile } from '../compile.js';
import { simulateReference } from './reference.js';
import { WasmSession } from './wasm.js';

/** Message from the main thread. */
export interface WorkerRequest {
  spec: unknown;
  metrics?: readonly string[];
  engine: 'wasm' | 'reference';
  runStart: number;
  runEnd: number;
  /** Runs per progress message. */
  chunk: number;
}

/** Messages to the main thread. */
export type WorkerReply =
  | { type: 'progress'; done: number }
  | { type: 'done'; values: Float64Array }
  | { type: 'error'; message: string };

async function handle(req: WorkerRequest, post: (m: WorkerReply, transfer?: ArrayBuffer[]) => void): Promise<void> {
  try {
    const model = compile(validateSpec(req.spec), req.metrics);
    const n = req.runEnd - req.runStart;
    let values: Float64Array;
    if (req.engine === 'wasm') {
      const session = new WasmSession(await init(), model, n);
      for (let r = req.runStart; r < req.runEnd; r += req.chunk) {
        const end = Math.min(req.runEnd, r + req.chunk);
        session.simulate(r, end, req.runStart);
        post({ type: 'progress', done: end - r });
      }
      values = session.values().slice();
    } else {
      values = simulateReference(model, req.runStart, req.runEnd);
      post({ type: 'progress', done: n });
    }
    post({ type: 'done', values }, [values.buffer as ArrayBuffer]);
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
