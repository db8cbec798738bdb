// Builds the playground with Vite into a temporary folder and serves it; counts the bytes served
// (the page weight).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const artifacts = join(root, 'test-artifacts');

export interface Served {
  url: string;
  /** The built files. */
  dir: string;
  /** Bytes served per path since the last reset, and their gzip size. */
  served: Map<string, { bytes: number; gzip: number }>;
  close: () => void;
}

export async function buildAndServe(): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'flywheel-playground-'));
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
  const served = new Map<string, { bytes: number; gzip: number }>();
  const server: Server = createServer((req, res) => {
    const rel = (req.url ?? '/').split(/[?#]/)[0]!;
    const path = normalize(join(outDir, rel === '/' ? 'index.html' : rel));
    if (!path.startsWith(outDir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(path);
    served.set(rel, { bytes: (served.get(rel)?.bytes ?? 0) + body.length, gzip: (served.get(rel)?.gzip ?? 0) + gzipSync(body).length });
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return {
    url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`,
    dir: outDir,
    served,
    close: () => {
      server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
