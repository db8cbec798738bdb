// The smallest app that uses the SDK with Web Workers, built by the tests with Vite's defaults (no
// worker or target options): Vite bundles the SDK's worker as a classic script, and the engine's
// bytes must ship once, in the main chunk (the worker receives the compiled module). Its scenario is
// that of `flywheel run helium --years 1 --runs 6` (test/installed.test.ts compares the two).
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';

declare global {
  interface Window {
    __app?: { oneThread: string; twoThreads: string } | { error: string };
  }
}

async function main(): Promise<void> {
  const spec = helium({ years: 1, runs: 6 });
  const one = await run(spec, { threads: 1 });
  const two = await run(spec, { threads: 2 });
  window.__app = { oneThread: JSON.stringify(one.toJSON().metrics), twoThreads: JSON.stringify(two.toJSON().metrics) };
  document.getElementById('out')!.textContent = `final price p50 $${one.summary().finalPriceP50?.toFixed(4)}`;
}

main().catch((e: unknown) => {
  window.__app = { error: String((e as Error).stack ?? e) };
});
