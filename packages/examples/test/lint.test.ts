// The linter (Biome, configured in /biome.json) runs in npm test, so CI holds it: a finding fails
// this test without stopping the other packages' tests.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');

it('biome lint finds nothing in the sources, tests, bench and tools', () => {
  const res = spawnSync(process.execPath, [biome, 'lint', '--colors=off', '.'], { cwd: repo, encoding: 'utf8' });
  expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0);
  expect(res.stdout + res.stderr).toMatch(/Checked \d+ files/);
}, 120_000);
