import { fileURLToPath } from 'node:url';
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, sparticuzPackage } from './chromium.js';
import { serveStatic, type StaticServer } from './serve.js';

// Determinism across runtimes: the same spec and seed give the same numbers in Chromium (main
// thread, Web Workers, reference engine) as in Node. Chromium comes from the @sparticuz/chromium
// dev dependency (or CHROMIUM_PATH). The page is built with Vite's defaults: no worker format, no
// target, nothing a user would have to know about the SDK. (The vite-app and esbuild-app examples,
// built from the packed tarballs, are run by installed.test.ts.)
const root = fileURLToPath(new URL('../browser/', import.meta.url));
const outDir = fileURLToPath(new URL('../dist-browser/', import.meta.url));
const servers: StaticServer[] = [];
const urls = { plain: '', isolated: '' };

beforeAll(async () => {
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  for (const kind of ['plain', 'isolated'] as const) {
    const server = await serveStatic(outDir, kind === 'isolated');
    servers.push(server);
    urls[kind] = server.url;
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

it('the browser comes from the npm registry unless CHROMIUM_PATH says otherwise', async () => {
  const chrome = await launchChromium();
  try {
    console.log(`Chromium ${chrome.version} from ${chrome.binary.source}: ${chrome.binary.executablePath}`);
    if (process.env.CHROMIUM_PATH) expect(chrome.binary.executablePath).toBe(process.env.CHROMIUM_PATH);
    else {
      expect(chrome.binary.source).toBe('@sparticuz/chromium');
      expect(chrome.binary.executablePath).not.toBe('/usr/bin/chromium');
      const { version } = sparticuzPackage();
      expect(chrome.version.split('.')[0]).toBe(version.split('.')[0]); // the package's major version is Chromium's
    }
  } finally {
    await chrome.close();
  }
}, 120_000);

it.each(['plain', 'isolated'] as const)(
  'Chromium (%s page) computes the same numbers as Node: one thread, two Web Workers, the reference engine, and run() inside a Web Worker',
  async (kind) => {
    const chrome = await launchChromium();
    try {
      const page = await chrome.context.newPage();
      await page.goto(urls[kind]);
      await page.waitForFunction(() => window.__flywheel !== undefined, null, { timeout: 60_000 });
      const got = await page.evaluate(() => window.__flywheel!);
      if ('error' in got) throw new Error(`in the browser: ${got.error}`);
      // isolated: SharedArrayBuffer exists, so the Web Workers claim runs from a shared counter
      expect(got.isolated).toBe(kind === 'isolated');
      expect(got.workerShares).toBe(kind === 'isolated');
      const node = JSON.stringify((await run(helium({ years: 1, runs: 6, agents: 200 }), { threads: 1 })).toJSON().metrics);
      expect(got.oneThread).toBe(node);
      expect(got.twoThreads).toBe(node);
      expect(got.reference).toBe(node);
      expect(got.inWorker).toBe(node); // run() inside a Web Worker, 2 threads (shared memory when isolated)
    } finally {
      await chrome.close();
    }
  },
  120_000,
);
