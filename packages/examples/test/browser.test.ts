import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { engineBytes } from '@flywheel/core-wasm';
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, sparticuzPackage } from './chromium.js';

// Determinism across runtimes: the same spec and seed give the same numbers in Chromium (main
// thread, Web Workers, reference engine) as in Node. Chromium comes from the @sparticuz/chromium
// dev dependency (or CHROMIUM_PATH). Both pages are built with Vite's defaults: no worker format,
// no target, nothing a user would have to know about the SDK.
const root = fileURLToPath(new URL('../browser/', import.meta.url));
const outDir = fileURLToPath(new URL('../dist-browser/', import.meta.url));
const appRoot = fileURLToPath(new URL('../vite-app/', import.meta.url));
const appOut = mkdtempSync(join(tmpdir(), 'flywheel-vite-app-'));
const servers: Server[] = [];
const urls = { plain: '', isolated: '', app: '' };

/** A static server for a built page; `isolated` adds the headers that make it cross-origin isolated (SharedArrayBuffer). */
async function serve(outDir: string, isolated: boolean): Promise<string> {
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
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  await build({ root: appRoot, logLevel: 'error', build: { outDir: appOut, emptyOutDir: true } });
  urls.plain = await serve(outDir, false);
  urls.isolated = await serve(outDir, true);
  urls.app = await serve(appOut, false);
}, 120_000);

afterAll(() => {
  servers.forEach((s) => s.close());
  rmSync(appOut, { recursive: true, force: true });
});

/** The built JavaScript files of a Vite output directory, by name. */
function chunks(dir: string): Map<string, string> {
  const assets = join(dir, 'assets');
  return new Map(readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => [f, readFileSync(join(assets, f), 'utf8')]));
}

it('a default Vite build of an app using the SDK with Web Workers embeds each engine build once: SIMD in the main chunk, scalar in a chunk of its own, none in the worker', async () => {
  const files = chunks(appOut);
  // both builds of the engine (SIMD and scalar), as the SDK embeds them (base64)
  const [simd, scalar] = await Promise.all([true, false].map(async (simd) => Buffer.from(await engineBytes({ simd })).toString('base64')));
  const where = (b64: string) => [...files].flatMap(([name, code]) => Array.from({ length: code.split(b64).length - 1 }, () => name));
  expect(where(simd!)).toHaveLength(1);
  expect(where(simd!)[0]).toMatch(/^index-/);
  expect(where(scalar!)).toHaveLength(1);
  expect(where(scalar!)[0]).toMatch(/^wasm-scalar/); // loaded only where SIMD is missing
  const workers = [...files.keys()].filter((f) => f.startsWith('worker-'));
  expect(workers).toHaveLength(1); // the SDK's engine worker, bundled by Vite as its own chunk
  const worker = files.get(workers[0]!)!;
  expect(worker).not.toContain('AGFzbQ'); // no wasm module (base64 of "\0asm") in the worker
  expect(worker).not.toMatch(/\bawait import\(/);
  const size = (code: string) => `${(code.length / 1024).toFixed(1)} kB (${(gzipSync(code).length / 1024).toFixed(1)} kB gzip)`;
  console.log(`vite-app bundle: ${[...files].map(([name, code]) => `${name.replace(/-[\w-]{8}\.js$/, '.js')} ${size(code)}`).join(', ')}`);
});

it('the default Vite build runs in Chromium: two Web Workers give the numbers of one thread and of Node', async () => {
  const chrome = await launchChromium();
  try {
    const page = await chrome.context.newPage();
    await page.goto(urls.app);
    await page.waitForFunction(() => window.__app !== undefined, null, { timeout: 60_000 });
    const got = await page.evaluate(() => window.__app!);
    if ('error' in got) throw new Error(`in the browser: ${got.error}`);
    const node = JSON.stringify((await run(helium({ years: 1, runs: 6, agents: 200 }), { threads: 1 })).toJSON().metrics);
    expect(got.oneThread).toBe(node);
    expect(got.twoThreads).toBe(node);
  } finally {
    await chrome.close();
  }
}, 120_000);

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

it.each(['plain', 'isolated'] as const)('Chromium (%s page) computes the same numbers as Node: one thread, two Web Workers, the reference engine, and run() inside a Web Worker', async (kind) => {
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
}, 120_000);
