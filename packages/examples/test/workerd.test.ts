import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';

// The edge Worker (workerd/worker.ts) in workerd, Cloudflare's runtime (the `workerd` dev
// dependency's binary), on 127.0.0.1: bundled by Vite into one ES module, with the engine's `.wasm`
// file as a wasm module of its own, as Cloudflare's tooling deploys it.
const here = fileURLToPath(new URL('../workerd/', import.meta.url));
const workerd = fileURLToPath(new URL('../../../node_modules/.bin/workerd', import.meta.url));
const wasm = fileURLToPath(import.meta.resolve('@flywheel/core-wasm/flywheel.wasm'));
const dir = mkdtempSync(join(tmpdir(), 'flywheel-workerd-'));
let child: ChildProcess | undefined;
let url = '';
let log = '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  await build({
    configFile: false,
    root: here,
    logLevel: 'error',
    build: {
      outDir: join(dir, 'out'),
      emptyOutDir: true,
      lib: { entry: join(here, 'worker.ts'), formats: ['es'], fileName: 'worker' },
      rolldownOptions: { external: ['@flywheel/core-wasm/flywheel.wasm'], output: { codeSplitting: false } },
    },
  });
  copyFileSync(wasm, join(dir, 'flywheel.wasm'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .flywheel)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const flywheel :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "out/worker.js"),
    (name = "@flywheel/core-wasm/flywheel.wasm", wasm = embed "flywheel.wasm"),
  ],
  compatibilityDate = "2025-01-01",
);
`,
  );
  child = spawn(workerd, ['serve', join(dir, 'config.capnp'), '--verbose'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}): ${log}`);
    try {
      await fetch(url);
      break;
    } catch {
      if (i > 200) throw new Error(`workerd did not listen on ${url}: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}, 120_000);

afterAll(() => {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (body: unknown) => {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { metrics?: unknown; error?: { code: string; path: string; value: unknown; hint: string; message: string } } };
};

it('workerd runs a JSON scenario on the .wasm module and gives Node\'s numbers (wasm and reference engines)', async () => {
  const options = { years: 1, runs: 6, agents: 200 };
  const node = JSON.stringify((await run(helium(options), { threads: 1 })).toJSON().metrics);
  for (const engine of ['wasm', 'reference'] as const) {
    const got = await post({ helium: options, engine });
    expect(got.status, JSON.stringify(got.body.error) + log).toBe(200);
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
