import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleEdgeWorker, startWorkerd, type Workerd } from './workerd.js';

// The edge Worker (workerd/worker.ts) in workerd, Cloudflare's runtime, on 127.0.0.1: bundled by
// Vite into one ES module, with the engine's `.wasm` file as a wasm module of its own, as
// Cloudflare's tooling deploys it (see workerd.ts).
const entry = fileURLToPath(new URL('../workerd/worker.ts', import.meta.url));
const wasm = fileURLToPath(import.meta.resolve('@flywheel/core-wasm/flywheel.wasm'));
const dir = mkdtempSync(join(tmpdir(), 'flywheel-workerd-'));
let workerd: Workerd | undefined;
let url = '';
const log = () => workerd?.log() ?? '';

beforeAll(async () => {
  workerd = await startWorkerd(join(dir, 'run'), await bundleEdgeWorker(entry, join(dir, 'out')), wasm);
  url = workerd.url;
}, 120_000);

afterAll(() => {
  workerd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (body: unknown) => {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { metrics?: unknown; error?: { code: string; path: string; value: unknown; hint: string; message: string } } };
};

it("workerd runs a JSON scenario on the .wasm module and gives Node's numbers (wasm and reference engines)", async () => {
  const options = { years: 1, runs: 6, agents: 200 };
  const node = JSON.stringify((await run(helium(options), { threads: 1 })).toJSON().metrics);
  for (const engine of ['wasm', 'reference'] as const) {
    const got = await post({ helium: options, engine });
    expect(got.status, JSON.stringify(got.body.error) + log()).toBe(200);
    expect(JSON.stringify(got.body.metrics)).toBe(node);
  }
  // 'auto' is one thread where there are no workers
  expect(JSON.stringify((await post({ helium: options, threads: 'auto' })).body.metrics)).toBe(node);
}, 60_000);

it('threads: 2 in workerd (no Web Workers) is a FlywheelError RUN_INVALID_OPTION at threads, with a hint', async () => {
  const got = await post({ helium: { years: 1, runs: 6, agents: 200 }, threads: 2 });
  expect(got.status).toBe(400);
  expect(got.body.error).toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'threads', value: 2 });
  expect(got.body.error!.message).toContain('Web Workers');
  expect(got.body.error!.hint).toContain('threads: 1');
}, 60_000);

it('bad input to the Worker is a FlywheelError with code and path, not a crash', async () => {
  const got = await post({ helium: { years: 1, runs: -3, agents: 200 } });
  expect(got.status).toBe(400);
  expect(got.body.error!.code).toMatch(/^[A-Z_]+$/);
  expect(got.body.error!.path).not.toBe('');
}, 60_000);
