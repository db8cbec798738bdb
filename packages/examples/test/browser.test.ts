import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';

// Determinism across runtimes: the same spec and seed give the same numbers in Chromium (main
// thread, Web Workers, reference engine) as in Node. Needs Debian's chromium (.ci/run installs it).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('../browser/', import.meta.url));
const outDir = fileURLToPath(new URL('../dist-browser/', import.meta.url));
const servers: Server[] = [];
const urls = { plain: '', isolated: '' };

/** A static server for the built page; `isolated` adds the headers that make it cross-origin isolated (SharedArrayBuffer). */
async function serve(isolated: boolean): Promise<string> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const headers = isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  const server = createServer((req, res) => {
    const path = join(outDir, req.url === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!);
    if (!path.startsWith(outDir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', ...headers }).end(readFileSync(path));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
}

beforeAll(async () => {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' }, worker: { format: 'es' } });
  urls.plain = await serve(false);
  urls.isolated = await serve(true);
}, 120_000);

afterAll(() => servers.forEach((s) => s.close()));

it.each(['plain', 'isolated'] as const)('Chromium (%s page) computes the same numbers as Node: one thread, two Web Workers, the reference engine, and run() inside a Web Worker', async (kind) => {
  expect(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install chromium`).toBe(true);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
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
    await browser.close();
  }
}, 120_000);
