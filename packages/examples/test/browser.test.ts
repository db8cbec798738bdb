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
let server: Server;
let url = '';

beforeAll(async () => {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' }, worker: { format: 'es' } });
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  server = createServer((req, res) => {
    const path = join(outDir, req.url === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!);
    if (!path.startsWith(outDir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
}, 120_000);

afterAll(() => server?.close());

it('Chromium computes the same numbers as Node, on one thread, two Web Workers and the reference engine', async () => {
  expect(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install chromium`).toBe(true);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__flywheel !== undefined, null, { timeout: 60_000 });
    const got = await page.evaluate(() => window.__flywheel!);
    if ('error' in got) throw new Error(`in the browser: ${got.error}`);
    const node = JSON.stringify((await run(helium({ years: 1, runs: 6, agents: 200 }), { threads: 1 })).toJSON().metrics);
    expect(got.oneThread).toBe(node);
    expect(got.twoThreads).toBe(node);
    expect(got.reference).toBe(node);
  } finally {
    await browser.close();
  }
}, 120_000);
