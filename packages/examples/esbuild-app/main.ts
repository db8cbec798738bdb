// An app that uses the SDK with Web Workers, bundled by esbuild (test/installed.test.ts does this):
//
//   esbuild app=main.ts worker=@flywheel/sdk/worker --bundle --format=esm --minify --outdir=dist
//
// esbuild does not bundle a worker from `new Worker(new URL(…, import.meta.url))`, so the SDK's
// worker is a second entry point. Named `worker`, it lands in dist/worker.js, beside the bundle,
// where the SDK looks by default; under another name or elsewhere, configure({ workerUrl }) says
// where it is. The scenario is that of `flywheel run helium --years 1 --runs 6`.
import { helium } from '@flywheel/models';
import { configure, FlywheelError, run, shutdownWorkers } from '@flywheel/sdk';

/** What the page found, read by the test. */
interface Found {
  oneThread: string;
  twoThreads: string;
  /** A workerUrl where nothing is served: the FlywheelError (code, path, value, message, hint). */
  missingWorker: { code: string; path: string; value: unknown; message: string; hint: string } | string;
}

declare global {
  interface Window {
    __app?: Found | { error: string };
  }
}

async function main(): Promise<void> {
  const spec = helium({ years: 1, runs: 6 });
  const one = await run(spec, { threads: 1 });
  const two = await run(spec, { threads: 2 }); // Web Workers from dist/worker.js
  // A worker script that is not there is a FlywheelError saying what to do, not a raw error or a
  // hang. (Idle workers are ended first: configure() applies to workers started after it.)
  await shutdownWorkers();
  configure({ workerUrl: new URL('./no-such-worker.js', import.meta.url) });
  let missingWorker: Found['missingWorker'];
  try {
    await run(spec, { threads: 2 });
    missingWorker = 'no error';
  } catch (e) {
    missingWorker = e instanceof FlywheelError ? { code: e.code, path: e.path, value: e.value, message: e.message, hint: e.hint } : `not a FlywheelError: ${String((e as Error).stack ?? e)}`;
  } finally {
    configure({ workerUrl: undefined });
  }
  window.__app = { oneThread: JSON.stringify(one.toJSON().metrics), twoThreads: JSON.stringify(two.toJSON().metrics), missingWorker };
  document.getElementById('out')!.textContent = `final price p50 $${one.summary().finalPriceP50?.toFixed(4)}`;
}

main().catch((e: unknown) => {
  window.__app = { error: String((e as Error).stack ?? e) };
});
