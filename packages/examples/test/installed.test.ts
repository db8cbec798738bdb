// The smoke test of issue 7: the packed tarballs, installed in a fresh project outside the
// workspace, give Node's numbers everywhere a user runs them: a Node ESM script, the packed CLI
// (`npx flywheel run helium`), a Vite app and an esbuild app (each with Web Workers) in Chromium,
// and the edge Worker in workerd. Every one computes `flywheel run helium --years 1 --runs 6`; the
// figure compared is the SHA-256 of the JSON of its metric bands (mean, p5, p50, p95 of every
// metric at every step), against the same run of the workspace packages in this process.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { embeddedEngine } from '@flywheel/core-wasm';
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';
import { build as esbuild, type Metafile } from 'esbuild';
import type { Page } from 'playwright-core';
import { build as vite } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { installTarballs, packPublic } from './packed.js';
import { serveStatic, type StaticServer } from './serve.js';
import { bundleEdgeWorker, startWorkerd, type Workerd } from './workerd.js';

const SCENARIO = { years: 1, runs: 6 } as const; // = flywheel run helium --years 1 --runs 6
const examples = fileURLToPath(new URL('../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'flywheel-smoke-'));
const started = performance.now();
const timings: string[] = [];
let app = ''; // the project the tarballs are installed in
let expected = ''; // the workspace's hash
let chrome: Awaited<ReturnType<typeof launchChromium>> | undefined;
let workerd: Workerd | undefined;
const servers: StaticServer[] = [];
const hashes = new Map<string, string>();

/** SHA-256 (hex) of a metrics JSON string. */
const sha = (json: string) => createHash('sha256').update(json).digest('hex');

/** Runs `fn`, noting how long it took under `what` (printed at the end). */
async function timed<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  timings.push(`${what} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

/** The built JavaScript files of a directory (recursively), by path relative to it. */
function jsFiles(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    if (f.isDirectory()) for (const [k, v] of jsFiles(join(dir, f.name), `${prefix}${f.name}/`)) out.set(k, v);
    else if (f.name.endsWith('.js')) out.set(`${prefix}${f.name}`, readFileSync(join(dir, f.name), 'utf8'));
  }
  return out;
}

/** Which files hold `needle`, once per occurrence. */
const occurrences = (files: Map<string, string>, needle: string) => [...files].flatMap(([name, code]) => Array.from({ length: code.split(needle).length - 1 }, () => name));

/** "12.3 kB (4.5 kB gzip)" */
const size = (code: string) => `${(code.length / 1024).toFixed(1)} kB (${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} kB gzip)`;

/** Opens `url` in Chromium and waits for the app's `window.__app`. */
async function appResult<T>(url: string): Promise<T> {
  const page: Page = await chrome!.context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as { __app?: unknown }).__app !== undefined, null, { timeout: 60_000 });
    const got = await page.evaluate(() => (window as { __app?: unknown }).__app as T | { error: string });
    if (got && typeof got === 'object' && 'error' in got) throw new Error(`in the browser: ${got.error}`);
    return got as T;
  } finally {
    await page.close();
  }
}

let esbuildOut = '';
let esbuildMeta: Metafile | undefined;
let viteOut = '';
const urls = { vite: '', esbuild: '' };

beforeAll(async () => {
  const tarballs = await timed('pack', () => packPublic(join(work, 'pack')));
  app = await timed('install', () => installTarballs(tarballs.values()));
  expected = sha(JSON.stringify((await run(helium(SCENARIO), { threads: 1 })).toJSON().metrics));
  // the example apps, copied into the project so that @flywheel/* resolve to the installed copies
  for (const dir of ['vite-app', 'esbuild-app', 'workerd']) cpSync(join(examples, dir), join(app, dir), { recursive: true });
  viteOut = join(work, 'vite-out');
  await timed('vite build', () => vite({ root: join(app, 'vite-app'), logLevel: 'error', configFile: false, build: { outDir: viteOut, emptyOutDir: true } }));
  // esbuild with nothing but the second entry point (see esbuild-app/main.ts)
  esbuildOut = join(work, 'esbuild-out');
  const result = await timed('esbuild', () =>
    esbuild({
      absWorkingDir: join(app, 'esbuild-app'),
      entryPoints: { app: 'main.ts', worker: '@flywheel/sdk/worker' },
      bundle: true,
      format: 'esm',
      minify: true,
      outdir: esbuildOut,
      metafile: true,
      logLevel: 'silent',
    }),
  );
  expect(result.errors).toEqual([]);
  expect(result.warnings).toEqual([]); // nothing to silence either
  esbuildMeta = result.metafile;
  cpSync(join(app, 'esbuild-app', 'index.html'), join(esbuildOut, 'index.html'));
  for (const [kind, dir] of [
    ['vite', viteOut],
    ['esbuild', esbuildOut],
  ] as const) {
    const server = await serveStatic(dir);
    servers.push(server);
    urls[kind] = server.url;
  }
  chrome = await timed('Chromium start', () => launchChromium());
  const edge = await timed('edge Worker bundle', () => bundleEdgeWorker(join(app, 'workerd', 'worker.ts'), join(work, 'workerd-out')));
  workerd = await timed('workerd start', () => startWorkerd(join(work, 'workerd'), edge, join(app, 'node_modules/@flywheel/core-wasm/build/flywheel.wasm')));
}, 240_000);

afterAll(async () => {
  await chrome?.close();
  workerd?.stop();
  await Promise.all(servers.map((s) => s.close()));
  if (app) rmSync(app, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  console.log(`smoke test: ${((performance.now() - started) / 1000).toFixed(1)} s in all (${timings.join(', ')}); metrics sha256 ${expected.slice(0, 16)}… in ${[...hashes.keys()].join(', ')}`);
});

describe('the tarballs installed in a fresh project', () => {
  it('a Node ESM script gives the workspace numbers on one thread and on two, from the installed copies', () => {
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(
      join(app, 'src', 'main.js'),
      `import { run } from '@flywheel/sdk';
import { helium } from '@flywheel/models';
import { createHash } from 'node:crypto';
const sha = (r) => createHash('sha256').update(JSON.stringify(r.toJSON().metrics)).digest('hex');
const spec = helium(${JSON.stringify(SCENARIO)});
console.log(JSON.stringify({ one: sha(await run(spec, { threads: 1 })), two: sha(await run(spec, { threads: 2 })), sdk: import.meta.resolve('@flywheel/sdk') }));
`,
    );
    const res = spawnSync(process.execPath, ['src/main.js'], { cwd: app, encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    const got = JSON.parse(res.stdout) as { one: string; two: string; sdk: string };
    expect(got.sdk).toContain(join(app, 'node_modules')); // the installed copy, not the workspace
    expect(got.one).toBe(expected);
    expect(got.two).toBe(expected);
    hashes.set('Node (1 and 2 threads)', got.one);
  }, 60_000);

  it('the packed CLI: npx flywheel run helium --years 1 --runs 6 --format json, and flywheel list', () => {
    const res = spawnSync('npx', ['--no-install', 'flywheel', 'run', 'helium', '--years', String(SCENARIO.years), '--runs', String(SCENARIO.runs), '--format', 'json', '--quiet'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(res.status, res.stderr).toBe(0);
    expect(sha(JSON.stringify((JSON.parse(res.stdout) as { metrics: unknown }).metrics))).toBe(expected);
    hashes.set('CLI', expected);
    const list = spawnSync('npx', ['--no-install', 'flywheel', 'list'], { cwd: app, encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^helium\s/m);
  }, 60_000);

  it('a default Vite build embeds each engine build once (SIMD in the main chunk, scalar in a chunk of its own, none in the worker) and runs in Chromium on two Web Workers', async () => {
    const files = jsFiles(join(viteOut, 'assets'));
    const [simd, scalar] = await Promise.all([true, false].map((s) => embeddedEngine({ simd: s }))); // as embedded: base64 of gzip
    expect(occurrences(files, simd!)).toHaveLength(1);
    expect(occurrences(files, simd!)[0]).toMatch(/^index-/);
    expect(occurrences(files, scalar!)).toHaveLength(1);
    expect(occurrences(files, scalar!)[0]).toMatch(/^wasm-scalar/); // loaded only where SIMD is missing
    const workers = [...files.keys()].filter((f) => f.startsWith('worker-'));
    expect(workers).toHaveLength(1); // the SDK's engine worker, bundled by Vite as its own chunk
    const worker = files.get(workers[0]!)!;
    for (const build of [simd!, scalar!]) expect(worker).not.toContain(build.slice(0, 80)); // no engine in the worker
    expect(worker).not.toContain('AGFzbQ'); // nor an uncompressed wasm module (base64 of "\0asm")
    expect(worker).not.toMatch(/\bawait import\(/);
    console.log(`vite-app bundle: ${[...files].map(([name, code]) => `${name.replace(/-[\w-]{8}\.js$/, '.js')} ${size(code)}`).join(', ')}`);
    const got = await appResult<{ oneThread: string; twoThreads: string }>(urls.vite);
    expect(sha(got.oneThread)).toBe(expected);
    expect(sha(got.twoThreads)).toBe(expected);
    hashes.set('Vite app in Chromium (1 and 2 threads)', sha(got.twoThreads));
  }, 120_000);

  it('an esbuild bundle (the worker as a second entry point, nothing else configured) embeds each engine build once, in the app, none in the worker', async () => {
    const files = jsFiles(esbuildOut);
    expect([...files.keys()].sort()).toEqual(['app.js', 'worker.js']);
    const [simd, scalar] = await Promise.all([true, false].map((s) => embeddedEngine({ simd: s }))); // as embedded: base64 of gzip
    expect(occurrences(files, simd!)).toEqual(['app.js']);
    expect(occurrences(files, scalar!)).toEqual(['app.js']); // no code splitting: the scalar build is inlined, once
    for (const build of [simd!, scalar!]) expect(files.get('worker.js')).not.toContain(build.slice(0, 80));
    expect(files.get('worker.js')).not.toContain('AGFzbQ');
    // the worker entry takes nothing from the models or the spec validator
    const workerInputs = Object.keys(esbuildMeta!.outputs[Object.keys(esbuildMeta!.outputs).find((o) => o.endsWith('worker.js'))!]!.inputs);
    expect(workerInputs.some((i) => i.includes('@flywheel/models') || i.includes('validateModel'))).toBe(false);
    console.log(`esbuild-app bundle (esbuild, minified): ${[...files].map(([name, code]) => `${name} ${size(code)}`).join(', ')}`);
  });

  it("the esbuild bundle runs in Chromium: two Web Workers give Node's numbers; a worker URL where nothing is served is a FlywheelError with a hint", async () => {
    type Found = { oneThread: string; twoThreads: string; missingWorker: { code: string; path: string; value: string; message: string; hint: string } | string };
    const got = await appResult<Found>(urls.esbuild);
    expect(sha(got.oneThread)).toBe(expected);
    expect(sha(got.twoThreads)).toBe(expected);
    hashes.set('esbuild app in Chromium (1 and 2 threads)', sha(got.twoThreads));
    expect(got.missingWorker).toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'workerUrl', value: `${urls.esbuild}no-such-worker.js` });
    const e = got.missingWorker as Exclude<Found['missingWorker'], string>;
    expect(e.message).toContain('threads: 2 needs worker threads');
    expect(e.message).toContain(`${urls.esbuild}no-such-worker.js`);
    expect(e.hint).toContain('@flywheel/sdk/worker');
    expect(e.hint).toContain('threads: 1');
  }, 120_000);

  it("an esbuild bundle for Node: without the worker entry, threads: 2 is a FlywheelError saying to add it; with it (named worker), Node's numbers", async () => {
    writeFileSync(
      join(app, 'src', 'node-app.js'),
      `import { FlywheelError, run } from '@flywheel/sdk';
import { helium } from '@flywheel/models';
import { createHash } from 'node:crypto';
try {
  const r = await run(helium(${JSON.stringify(SCENARIO)}), { threads: 2 });
  console.log(JSON.stringify({ sha: createHash('sha256').update(JSON.stringify(r.toJSON().metrics)).digest('hex') }));
} catch (e) {
  console.log(JSON.stringify(e instanceof FlywheelError ? { code: e.code, path: e.path, message: e.message, hint: e.hint } : { raw: String(e) }));
}
`,
    );
    const bundle = async (entryPoints: Record<string, string>, out: string) => {
      const r = await esbuild({ absWorkingDir: app, entryPoints, bundle: true, platform: 'node', format: 'esm', outdir: join(app, out), logLevel: 'silent' });
      expect(r.errors).toEqual([]);
      const res = spawnSync(process.execPath, [join(app, out, 'app.js')], { cwd: app, encoding: 'utf8' });
      expect(res.status, res.stderr).toBe(0);
      return JSON.parse(res.stdout) as { sha?: string; code?: string; path?: string; message?: string; hint?: string };
    };
    const without = await bundle({ app: 'src/node-app.js' }, 'node-without-worker');
    expect(without).toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'workerUrl' });
    expect(without.message).toContain(join(app, 'node-without-worker', 'worker.js'));
    expect(without.hint).toContain("add '@flywheel/sdk/worker' to the build's entry points");
    const withWorker = await bundle({ app: 'src/node-app.js', worker: '@flywheel/sdk/worker' }, 'node-with-worker');
    expect(withWorker.sha).toBe(expected);
    hashes.set('esbuild bundle in Node (2 threads)', withWorker.sha!);
  }, 60_000);

  it('the edge Worker in workerd (the .wasm imported as a module) gives the same numbers', async () => {
    const res = await fetch(workerd!.url, { method: 'POST', body: JSON.stringify({ helium: SCENARIO }) });
    const body = (await res.json()) as { metrics?: unknown; error?: unknown };
    expect(res.status, JSON.stringify(body.error) + workerd!.log()).toBe(200);
    expect(sha(JSON.stringify(body.metrics))).toBe(expected);
    hashes.set('workerd', expected);
  }, 60_000);
});
