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
  // the screening kernel's figures beside the per-agent kernel's, the kernel named per workload
  for (const w of ['agents-curve', 'screening-law']) expect(names).toContain(w);
  const w1 = report.results.filter((r: { workload: string }) => r.workload === 'w1').map((r: { kernel: string }) => r.kernel);
  expect(w1).toContain('screening');
  expect(w1).toContain('perAgent');
  expect(report.results.find((r: { workload: string }) => r.workload === 'akash').kernel).toBe('perAgent (fallback: capacity varies)');
  expect(report.ratios['W1: screening vs per-agent kernel (2 threads, per agent-step)']).toBeGreaterThan(0);
  expect(report.results.find((r: { workload: string }) => r.workload === 'screening-law').rejected).toBe(0);
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
