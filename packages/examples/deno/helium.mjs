// Runs a small Helium Monte Carlo in Deno and prints the metrics as JSON (used by test/deno.test.ts).
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';

const result = await run(helium({ years: 1, runs: 6, agents: 200 }), { threads: 1 });
const ref = await run(helium({ years: 1, runs: 6, agents: 200 }), { threads: 1, engine: 'reference' });
console.log(JSON.stringify({ wasm: result.toJSON().metrics, reference: ref.toJSON().metrics }));
