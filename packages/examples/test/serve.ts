// A static HTTP server on 127.0.0.1 for built pages (the browser tests): files of one directory,
// optionally with the headers that make a page cross-origin isolated (SharedArrayBuffer).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };

/** A running static server: its base URL (ending in /) and how to stop it. */
export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves `dir` (index.html at /; 404 for anything else missing); `isolated` adds COOP/COEP. */
export async function serveStatic(dir: string, isolated = false): Promise<StaticServer> {
  const root = resolve(dir);
  const headers = isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  const server = createServer((req, res) => {
    const path = resolve(join(root, req.url === '/' ? 'index.html' : decodeURIComponent((req.url ?? '').split('?')[0]!)));
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', ...headers }).end(readFileSync(path));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const addr = server.address();
  return {
    url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
