import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { publint } from 'publint';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPublic, PUBLIC, repo, type PublicPackage } from './packed.js';
import { readTar } from './tar.js';

// What users install: `npm pack` of every public package, opened and inspected. Each ships a README
// with a working example, the root's LICENSE, `repository`, `engines` and `license` fields, and
// source maps whose sources are in the tarball; publint and Are the Types Wrong find nothing. The
// tarballs installed in a fresh project are run by installed.test.ts.
const dest = mkdtempSync(join(tmpdir(), 'flywheel-pack-'));
const tgz = new Map<PublicPackage, string>();
const tarballs = new Map<string, Map<string, Buffer>>();

beforeAll(() => {
  for (const [name, file] of packPublic(dest)) {
    tgz.set(name, file);
    // every path in an npm tarball starts with package/
    tarballs.set(name, new Map([...readTar(readFileSync(file), true)].map(([path, bytes]) => [path.replace(/^package\//, ''), bytes])));
  }
}, 120_000);

afterAll(() => rmSync(dest, { recursive: true, force: true }));

/** The problems of one unpacked tarball, as readable lines (empty when it is fine). */
function packProblems(dir: string, files: Map<string, Buffer>, license: string): string[] {
  const problems: string[] = [];
  for (const f of ['package.json', 'README.md', 'LICENSE']) if (!files.has(f)) problems.push(`${f} is missing`);
  if (files.has('LICENSE') && files.get('LICENSE')!.toString() !== license) problems.push('LICENSE differs from the root LICENSE');
  const pkg = JSON.parse(files.get('package.json')?.toString() ?? '{}') as {
    license?: string;
    engines?: { node?: string };
    repository?: { type?: string; url?: string; directory?: string };
    bin?: Record<string, string>;
    exports?: Record<string, string | Record<string, string>>;
  };
  if (pkg.license !== 'MIT') problems.push(`license is ${pkg.license}`);
  if (pkg.engines?.node !== '>=20') problems.push(`engines.node is ${pkg.engines?.node}`);
  if (!pkg.repository?.url || pkg.repository.directory !== dir) problems.push(`repository is ${JSON.stringify(pkg.repository)}`);
  const has = (p: string) => files.has(posix.normalize(p).replace(/^\.\//, ''));
  for (const [cmd, target] of Object.entries(pkg.bin ?? {})) if (!has(target)) problems.push(`bin ${cmd}: ${target} is not in the tarball`);
  for (const [entry, target] of Object.entries(pkg.exports ?? {})) {
    for (const t of typeof target === 'string' ? [target] : Object.values(target)) if (!has(t)) problems.push(`exports ${entry}: ${t} is not in the tarball`);
  }
  for (const [path, bytes] of files) {
    if (path.endsWith('.js') || path.endsWith('.d.ts')) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(bytes.toString())?.[1];
      if (url && !url.startsWith('data:') && !has(posix.join(posix.dirname(path), url))) problems.push(`${path}: its source map ${url} is not in the tarball`);
    }
    if (!path.endsWith('.map')) continue;
    const map = JSON.parse(bytes.toString()) as { sources: string[]; sourceRoot?: string; sourcesContent?: (string | null)[] };
    map.sources.forEach((source, i) => {
      if (map.sourcesContent?.[i] != null) return; // embedded in the map
      const resolved = posix.join(posix.dirname(path), map.sourceRoot ?? '', source);
      if (!has(resolved)) problems.push(`${path}: source ${source} (${resolved}) is not in the tarball`);
    });
  }
  return problems;
}

describe.each(PUBLIC)('the @flywheel/%s tarball', (name) => {
  it('ships README, LICENSE, repository, engines and license, and every bin, export and source-map source it names', () => {
    const files = tarballs.get(name)!;
    expect(packProblems(`packages/${name}`, files, readFileSync(join(repo, 'LICENSE'), 'utf8'))).toEqual([]);
    expect([...files.keys()].some((f) => f.endsWith('.map'))).toBe(true); // the check above saw source maps
  });

  it("README's example runs", () => {
    const readme = tarballs.get(name)!.get('README.md')!.toString();
    const code = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code, 'README has a ```js example').toBeTruthy();
    // run from the repository root, where the workspace packages resolve
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', code!], { cwd: repo, encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
  }, 60_000);
});

it('the check finds what is missing (a tarball without README, LICENSE or sources of its maps)', () => {
  const files = new Map(tarballs.get('core-wasm')!);
  for (const f of [...files.keys()]) if (f === 'README.md' || f === 'LICENSE' || f.startsWith('src/')) files.delete(f);
  const problems = packProblems('packages/core-wasm', files, readFileSync(join(repo, 'LICENSE'), 'utf8'));
  expect(problems).toContain('README.md is missing');
  expect(problems).toContain('LICENSE is missing');
  expect(problems.some((p) => /^dist\/index\.js\.map: source \.\.\/src\/index\.ts/.test(p))).toBe(true);
});

describe('publint', () => {
  it.each(PUBLIC)(
    '@flywheel/%s has no publint message (errors, warnings or suggestions, strict)',
    async (name) => {
      const { messages } = await publint({ pkgDir: join(repo, 'packages', name), level: 'suggestion', strict: true });
      expect(messages).toEqual([]);
    },
    60_000,
  );

  it('publint finds a broken package (an export whose file does not exist)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flywheel-publint-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'broken', version: '1.0.0', type: 'module', exports: { '.': './dist/missing.js' } }));
      const { messages } = await publint({ pkgDir: dir, level: 'suggestion', strict: true });
      expect(messages.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// Are the Types Wrong (@arethetypeswrong/cli) on each tarball, profile esm-only (the packages are ESM
// only, so CommonJS `require` and node10 resolution are not checked): every entry point's types must
// resolve and match its JavaScript under node16 and bundler resolution. It reads the tarball only
// (--no-definitely-typed: no @types look-up), so it runs offline. Entry points that are not
// JavaScript (core-wasm's .wasm files) are left out: they have no types to check.
const attwBin = fileURLToPath(new URL('../../../node_modules/.bin/attw', import.meta.url));

/** attw's exit status and output for one tarball (a process of its own, so that several run at once). */
function attw(tarball: string, exclude: string[] = []): Promise<{ status: number | null; output: string }> {
  const args = [tarball, '--profile', 'esm-only', '--no-definitely-typed', '--no-color', '--no-emoji', '--format', 'ascii', ...(exclude.length ? ['--exclude-entrypoints', ...exclude] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(attwBin, args, { cwd: dest, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

// concurrent: attw loads its own TypeScript, about 2 s of start-up each
describe.concurrent('Are the Types Wrong (--profile esm-only)', () => {
  it.for(PUBLIC)('@flywheel/%s passes', { timeout: 60_000 }, async (name, { expect }) => {
    const pkg = JSON.parse(tarballs.get(name)!.get('package.json')!.toString()) as { name: string; exports: Record<string, string | Record<string, string>> };
    const assets = Object.entries(pkg.exports)
      .filter(([, t]) => typeof t === 'string' && !/\.(m?js|d\.ts)$/.test(t))
      .map(([entry]) => entry);
    if (name === 'core-wasm') expect(assets).toEqual(['./flywheel.wasm', './flywheel-nosimd.wasm']);
    else expect(assets).toEqual([]);
    const { status, output } = await attw(tgz.get(name)!, assets);
    expect(status, output).toBe(0);
    // it checked every JavaScript entry point, and each resolved (with types) under node16 and bundler
    const entries = Object.keys(pkg.exports).filter((e) => !assets.includes(e));
    for (const e of entries) expect(output).toContain(`"${pkg.name}${e.slice(1)}"`);
    expect(output.match(/^node16 \(from ESM\): OK \(ESM\)$/gm)).toHaveLength(entries.length);
    expect(output.match(/^bundler: OK\s*$/gm)).toHaveLength(entries.length);
  });

  it('finds a broken package (an export without types)', async ({ expect }) => {
    const dir = mkdtempSync(join(tmpdir(), 'flywheel-attw-'));
    try {
      const exports = { '.': { types: './index.d.ts', default: './index.js' }, './untyped': './untyped.js' };
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'broken', version: '1.0.0', type: 'module', exports }));
      for (const f of ['index.js', 'untyped.js']) writeFileSync(join(dir, f), 'export const x = 1;\n');
      writeFileSync(join(dir, 'index.d.ts'), 'export declare const x: number;\n');
      const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: dir, encoding: 'utf8' });
      const [{ filename }] = JSON.parse(out) as [{ filename: string }];
      const { status, output } = await attw(join(dest, filename));
      expect(status, output).toBe(1);
      expect(output).toMatch(/Import resolved to JavaScript files, but no type declarations were found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
