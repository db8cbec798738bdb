import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const script = fileURLToPath(new URL('../run.mjs', import.meta.url));

it('the benchmark suite runs in quick mode and reports every workload and ratio', () => {
  const res = spawnSync(process.execPath, [script, '--quick', '--json'], { encoding: 'utf8', timeout: 900_000 });
  expect(res.status, res.stderr).toBe(0);
  const report = JSON.parse(res.stdout);
  const names = report.results.map((r: { workload: string }) => r.workload);
  for (const w of ['w1', 'w1-noop', 'w1-baseline', 'helium', 'filecoin', 'livepeer', 'bittensor', 'agents-100k', 'sweep', 'module-start']) expect(names).toContain(w);
  for (const r of report.results) expect(r.wallSeconds).toBeGreaterThan(0);
  for (const v of Object.values(report.ratios)) expect(v).toBeGreaterThan(0);
}, 960_000);

it('a single workload prints one JSON object with wallSeconds', () => {
  const res = spawnSync(process.execPath, [script, 'w1', '--runs', '3', '--threads', '2', '--json', '--quick'], { encoding: 'utf8' });
  expect(res.status, res.stderr).toBe(0);
  const r = JSON.parse(res.stdout);
  expect(r.workload).toBe('w1');
  expect(r.threads).toBe(2);
  expect(r.runs).toBe(3);
  expect(r.wallSeconds).toBeGreaterThan(0);
});
