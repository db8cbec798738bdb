// A headless Chromium for the browser tests, from the npm registry: the `@sparticuz/chromium` dev
// dependency ships a real Chromium (brotli-compressed) inside its package, so `npm test` needs
// nothing but Node. `CHROMIUM_PATH` points at another Chromium instead (a system one, say).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { readTar } from './tar.js';

/** Flags for a quiet, self-contained headless run (no sandbox: tests run as root in containers). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The installed @sparticuz/chromium package: its directory and version (its major version is Chromium's). */
export function sparticuzPackage(): { dir: string; version: string } {
  // its exports map has only '.', so find the package root from the entry point
  const manifest = (dir: string) => (existsSync(join(dir, 'package.json')) ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string }) : undefined);
  for (let dir = dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')); dir !== dirname(dir); dir = dirname(dir)) {
    const m = manifest(dir);
    if (m?.name === '@sparticuz/chromium') return { dir, version: m.version };
  }
  throw new Error('@sparticuz/chromium: package.json not found');
}

/** Where the Chromium comes from and what it needs in its environment. */
export interface ChromiumBinary {
  executablePath: string;
  /** 'CHROMIUM_PATH' or '@sparticuz/chromium'. */
  source: string;
  env: Record<string, string>;
}

/**
 * The Chromium to launch: `CHROMIUM_PATH` when set (it must exist), else the one inside
 * `@sparticuz/chromium`, unpacked into the temporary directory on first use (about 2 s) with its own
 * copies of the shared libraries it needs, so that it does not rely on a system Chromium's.
 */
export async function chromiumBinary(): Promise<ChromiumBinary> {
  const env: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const pinned = process.env.CHROMIUM_PATH;
  if (pinned) {
    if (!existsSync(pinned)) throw new Error(`CHROMIUM_PATH is ${pinned}, which does not exist: unset it to use the Chromium of the @sparticuz/chromium dev dependency`);
    return { executablePath: pinned, source: 'CHROMIUM_PATH', env };
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  const { dir: pkg, version } = sparticuzPackage();
  const libs = join(tmpdir(), `flywheel-chromium-${version}-lib`);
  if (!existsSync(join(libs, 'lib', 'libnss3.so'))) {
    // unpacked aside and renamed into place, so a concurrent test never sees half the files
    const staging = mkdtempSync(`${libs}-`);
    // NSS, NSPR and expat, built for Amazon Linux 2023 (glibc 2.34), for systems without them
    for (const [path, bytes] of readTar(brotliDecompressSync(readFileSync(join(pkg, 'bin', 'al2023.tar.br'))))) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), bytes, { mode: 0o755 });
    }
    rmSync(libs, { recursive: true, force: true });
    renameSync(staging, libs);
  }
  env.LD_LIBRARY_PATH = [join(libs, 'lib'), tmpdir(), env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  env.FONTCONFIG_PATH ??= join(tmpdir(), 'fonts');
  return { executablePath, source: '@sparticuz/chromium', env };
}

/** A headless Chromium with a fresh, empty profile (removed on close). */
export async function launchChromium(): Promise<{ context: BrowserContext; binary: ChromiumBinary; version: string; close: () => Promise<void> }> {
  const binary = await chromiumBinary();
  const profile = mkdtempSync(join(tmpdir(), 'flywheel-chromium-profile-'));
  // launchPersistentContext: Playwright takes the profile directory here, not as --user-data-dir
  const context = await chromium.launchPersistentContext(profile, { executablePath: binary.executablePath, args: CHROMIUM_ARGS, env: binary.env, headless: true });
  const version = context.browser()?.version() ?? (await (await context.newPage()).evaluate(() => navigator.userAgent));
  return {
    context,
    binary,
    version,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
