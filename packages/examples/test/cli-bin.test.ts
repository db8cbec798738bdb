import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// `npx flywheel` right after `npm install`: the bin npm links is a committed file
// (packages/sdk/bin/flywheel.js) that loads the built CLI, so the link exists before any build.
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const sdk = join(repo, 'packages/sdk');

it('the flywheel bin is a committed file, linked by npm into node_modules/.bin', () => {
  const { bin } = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  expect(bin.flywheel).toBe('./bin/flywheel.js');
  expect(realpathSync(join(repo, 'node_modules/.bin/flywheel'))).toBe(realpathSync(join(sdk, 'bin/flywheel.js')));
});

it('npx flywheel list runs the built CLI', () => {
  const res = spawnSync('npx', ['--no-install', 'flywheel', 'list'], { cwd: repo, encoding: 'utf8' });
  expect(res.status, res.stderr).toBe(0);
  expect(res.stdout).toMatch(/^helium\s/m);
});

it('through the bin, the CLI keeps its exit codes and error reports', () => {
  const res = spawnSync(process.execPath, [join(sdk, 'bin/flywheel.js'), 'run', 'no-such-model'], { encoding: 'utf8' });
  expect(res.status).toBe(2);
  expect(res.stderr).toContain('MODEL_UNKNOWN');
});

it('without a build, the bin says to run `npm run build` (exit status 1), not a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flywheel-bin-'));
  try {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(sdk, 'bin/flywheel.js'), join(dir, 'bin/flywheel.js'));
    const res = spawnSync(process.execPath, [join(dir, 'bin/flywheel.js'), 'list'], { encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('the CLI is not built yet');
    expect(res.stderr).toContain('npm run build');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
