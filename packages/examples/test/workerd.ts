// The edge Worker (workerd/worker.ts) in workerd, Cloudflare's runtime (the `workerd` dev
// dependency's binary), on 127.0.0.1: bundled by Vite into one ES module, with the engine's `.wasm`
// file as a wasm module of its own, as Cloudflare's tooling deploys it. Used by workerd.test.ts
// (the workspace packages) and installed.test.ts (the packed tarballs).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const workerdBin = fileURLToPath(new URL('../../../node_modules/.bin/workerd', import.meta.url));

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Bundles the edge Worker `entry` (its imports resolve from its own directory: the workspace, or a
 * project the tarballs are installed in) into `outDir/worker.js`, `@flywheel/core-wasm/flywheel.wasm`
 * left as an import of the wasm module.
 */
export async function bundleEdgeWorker(entry: string, outDir: string): Promise<string> {
  await build({
    configFile: false,
    root: dirname(entry),
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      lib: { entry, formats: ['es'], fileName: 'worker' },
      rolldownOptions: { external: ['@flywheel/core-wasm/flywheel.wasm'], output: { codeSplitting: false } },
    },
  });
  return join(outDir, 'worker.js');
}

/** A running workerd: the Worker's URL, what workerd has printed so far, and how to stop it. */
export interface Workerd {
  url: string;
  log: () => string;
  stop: () => void;
}

/**
 * Serves the bundled Worker `workerJs` in workerd on a free port of 127.0.0.1, with `wasm` (the
 * engine's .wasm file) as the module `@flywheel/core-wasm/flywheel.wasm`; `dir` holds its config.
 * Resolves once the Worker answers.
 */
export async function startWorkerd(dir: string, workerJs: string, wasm: string): Promise<Workerd> {
  mkdirSync(dir, { recursive: true });
  copyFileSync(workerJs, join(dir, 'worker.js'));
  copyFileSync(wasm, join(dir, basename(wasm)));
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
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "@flywheel/core-wasm/flywheel.wasm", wasm = embed "${basename(wasm)}"),
  ],
  compatibilityDate = "2025-01-01",
);
`,
  );
  const child = spawn(workerdBin, ['serve', join(dir, 'config.capnp'), '--verbose'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}): ${log}`);
    try {
      await fetch(url);
      break;
    } catch {
      if (i > 200) {
        child.kill();
        throw new Error(`workerd did not listen on ${url}: ${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { url, log: () => log, stop: () => void child.kill() };
}
