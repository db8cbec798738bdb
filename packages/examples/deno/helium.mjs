// Runs a small Helium Monte Carlo in Deno and prints the metrics as JSON (used by test/deno.test.ts):
// one thread, two threads (Deno's Web Workers, sharing memory) and the reference engine.
import { helium } from '@flywheel/models';
import { run, shutdownWorkers } from '@flywheel/sdk';

const spec = helium({ years: 1, runs: 6, agents: 200 });
const result = await run(spec, { threads: 1 });
const threaded = await run(spec, { threads: 2 });
const ref = await run(spec, { threads: 1, engine: 'reference' });
await shutdownWorkers();
console.log(JSON.stringify({ wasm: result.toJSON().metrics, threaded: threaded.toJSON().metrics, reference: ref.toJSON().metrics }));
