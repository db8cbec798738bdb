// A Web Worker that runs the Helium model itself, on two threads (this one and a nested worker).
// A worker may block, so in a cross-origin-isolated page the SDK's shared-memory path runs here.
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';

const scope = globalThis as unknown as { postMessage: (m: unknown) => void };
run(helium({ years: 1, runs: 6, agents: 200 }), { threads: 2 })
  .then((r) => scope.postMessage({ metrics: JSON.stringify(r.toJSON().metrics), shared: typeof SharedArrayBuffer === 'function' }))
  .catch((e: unknown) => scope.postMessage({ error: String((e as Error).stack ?? e) }));
