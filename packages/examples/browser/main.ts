// Runs the Helium model in the browser, on the main thread and on Web Workers, and exposes the
// results for the browser test (window.__flywheel) and the reader (the page).
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';

declare global {
  interface Window {
    __flywheel?: { oneThread: string; twoThreads: string; reference: string } | { error: string };
  }
}

async function main(): Promise<void> {
  const spec = helium({ years: 1, runs: 6, agents: 200 });
  const one = await run(spec, { threads: 1 });
  const two = await run(spec, { threads: 2 });
  const ref = await run(spec, { threads: 1, engine: 'reference' });
  window.__flywheel = { oneThread: JSON.stringify(one.toJSON().metrics), twoThreads: JSON.stringify(two.toJSON().metrics), reference: JSON.stringify(ref.toJSON().metrics) };
  const s = one.summary();
  document.getElementById('out')!.textContent = `final price p50 $${s.finalPriceP50.toFixed(4)}, supply ${(s.finalTotalSupplyP50 / 1e6).toFixed(2)}M`;
}

main().catch((e: unknown) => {
  window.__flywheel = { error: String((e as Error).stack ?? e) };
});
