// What users install: `npm pack` of every public package, and a fresh project (outside the
// workspace) with those tarballs installed. Used by pack.test.ts and installed.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** The packages published to the npm registry, by directory under packages/. */
export const PUBLIC = ['spec', 'core-wasm', 'models', 'sdk'] as const;
export type PublicPackage = (typeof PUBLIC)[number];

/** Packs every public package (as built) into `dest`; the tarball paths, by package. */
export function packPublic(dest: string): Map<PublicPackage, string> {
  mkdirSync(dest, { recursive: true });
  const out = new Map<PublicPackage, string>();
  for (const name of PUBLIC) {
    const json = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: join(repo, 'packages', name), encoding: 'utf8' });
    const [{ filename }] = JSON.parse(json) as [{ filename: string }];
    out.set(name, join(dest, filename));
  }
  return out;
}

/**
 * A new ESM project in the temporary directory with `tarballs` installed as a user installs them
 * (their dependencies from the local npm cache where possible, the registry otherwise; no install
 * scripts). Returns its directory.
 */
export function installTarballs(tarballs: Iterable<string>): string {
  const app = mkdtempSync(join(tmpdir(), 'flywheel-installed-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], { cwd: app, stdio: 'pipe' });
  return app;
}
