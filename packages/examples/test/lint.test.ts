// The linter and the formatter (Biome, configured in /biome.jsonc) run in npm test, so CI holds
// them: a finding or an unformatted file fails this test without stopping the other packages' tests
// (`npx biome format --write .` formats; `npm run lint` runs both and the type checks).
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

it('every source, test, bench and tool file is formatted as biome format writes it', () => {
  const res = spawnSync(process.execPath, [biome, 'format', '--colors=off', '.'], { cwd: repo, encoding: 'utf8' });
  expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0);
  expect(res.stdout + res.stderr).toMatch(/Checked \d+ files/);
}, 120_000);
