// Issue 7's bundle budget: an app whose entry is `import { run } from '@flywheel/sdk'`, built by
// Vite in library mode (minified), must load at most 60 kB gzip in a runtime with WebAssembly SIMD:
// the entry chunk and the chunks it imports statically. Lazy chunks (the scalar engine build,
// fetched only without SIMD; the worker, fetched only with threads > 1) are reported apart.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, expect, it } from 'vitest';

const BUDGET_GZIP = 60 * 1024;
const out = mkdtempSync(join(tmpdir(), 'flywheel-size-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('an app importing run() loads at most 60 kB gzip with SIMD; the scalar build and the worker are lazy chunks', async () => {
  const entry = fileURLToPath(new URL('../size-app/main.ts', import.meta.url));
  await build({
    logLevel: 'error',
    configFile: false,
    build: { outDir: out, emptyOutDir: true, minify: true, lib: { entry, formats: ['es'], fileName: 'app' } },
  });
  const files = new Map<string, string>();
  const walk = (dir: string, prefix = '') => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(dir, f.name), `${prefix}${f.name}/`);
      else if (f.name.endsWith('.js') || f.name.endsWith('.mjs')) files.set(`${prefix}${f.name}`, readFileSync(join(dir, f.name), 'utf8'));
    }
  };
  walk(out);
  const entryName = [...files.keys()].find((f) => f.startsWith('app'))!;
  expect(entryName).toBeDefined();
  // the entry and everything it imports statically (import ... from './x.js'), transitively
  const initial = new Set<string>();
  const visit = (name: string) => {
    if (initial.has(name) || !files.has(name)) return;
    initial.add(name);
    for (const m of files.get(name)!.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g)) visit(m[1]!);
  };
  visit(entryName);
  const gz = (name: string) => gzipSync(files.get(name)!, { level: 9 }).length;
  const initialGzip = [...initial].reduce((n, f) => n + gz(f), 0);
  const lazy = [...files.keys()].filter((f) => !initial.has(f));
  console.log(`size-app: initial ${[...initial].join(' + ')} = ${(initialGzip / 1024).toFixed(1)} kB gzip; lazy: ${lazy.map((f) => `${f} ${(gz(f) / 1024).toFixed(1)} kB`).join(', ')}`);
  expect(lazy.some((f) => f.includes('wasm-scalar'))).toBe(true);
  expect([...initial].some((f) => f.includes('wasm-scalar'))).toBe(false);
  expect(initialGzip).toBeLessThanOrEqual(BUDGET_GZIP);
}, 120_000);
