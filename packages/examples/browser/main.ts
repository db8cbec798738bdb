// Runs the Helium model in the browser, on the main thread and on Web Workers, and exposes the
// results for the browser test (window.__flywheel) and the reader (the page); also runs it inside
// a Web Worker (run-in-worker.ts). Served with COOP/COEP headers the page is cross-origin isolated,
// and the workers share memory.
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';

declare global {
  interface Window {
    __flywheel?: { oneThread: string; twoThreads: string; reference: string; inWorker: string; isolated: boolean; workerShares: boolean } | { error: string };
  }
}

async function main(): Promise<void> {
  const spec = helium({ years: 1, runs: 6, agents: 200 });
  const one = await run(spec, { threads: 1 });
  const two = await run(spec, { threads: 2 });
  const ref = await run(spec, { threads: 1, engine: 'reference' });
  const { metrics: inWorker, shared: workerShares } = await new Promise<{ metrics: string; shared: boolean }>((resolve, reject) => {
    const w = new Worker(new URL('./run-in-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<{ metrics?: string; shared?: boolean; error?: string }>) =>
      e.data.metrics ? resolve({ metrics: e.data.metrics, shared: e.data.shared === true }) : reject(new Error(e.data.error));
    w.onerror = (e) => reject(new Error(e.message));
  });
  window.__flywheel = { oneThread: JSON.stringify(one.toJSON().metrics), twoThreads: JSON.stringify(two.toJSON().metrics), reference: JSON.stringify(ref.toJSON().metrics), inWorker, workerShares, isolated: globalThis.crossOriginIsolated === true };
  const s = one.summary();
  document.getElementById('out')!.textContent = `final price p50 $${s.finalPriceP50.toFixed(4)}, supply ${(s.finalTotalSupplyP50 / 1e6).toFixed(2)}M`;
}

main().catch((e: unknown) => {
  window.__flywheel = { error: String((e as Error).stack ?? e) };
});
