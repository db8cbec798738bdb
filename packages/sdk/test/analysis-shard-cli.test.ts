import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `flywheel sensitivity … --shard I/N --out DIR` on each machine, then `flywheel merge` of the files:
// the same result as one `flywheel sensitivity`, and a refused merge when a shard is missing.
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'flywheel-sens-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flywheel = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir, timeout: 120_000, env: { ...process.env, FLYWHEEL_DEBUG: '' } });
const JOB = [
  'helium',
  '--years',
  '1',
  '--runs',
  '4',
  '--param',
  'params.growth=0.1..0.7',
  '--param',
  'params.elasticity=0.2..0.8',
  '--output',
  'burnMintRatioOverall',
  '--samples',
  '8',
  '--threads',
  '1',
];

describe('flywheel sensitivity --shard and flywheel merge', () => {
  it('three shards merged print what one machine prints (json and table); a report can be written at the merge', () => {
    for (let i = 0; i < 3; i++) {
      const r = flywheel('sensitivity', ...JOB, '--shard', `${i}/3`, '--out', 'shards');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain(`helium-sensitivity-shard-${i}-of-3.json`);
    }
    expect(readdirSync(join(dir, 'shards')).sort()).toEqual([0, 1, 2].map((i) => `helium-sensitivity-shard-${i}-of-3.json`));
    const files = [0, 1, 2].map((i) => join('shards', `helium-sensitivity-shard-${i}-of-3.json`));
    const one = flywheel('sensitivity', ...JOB, '--format', 'json', '--quiet');
    expect(one.status, one.stderr).toBe(0);
    const merged = flywheel('merge', ...files, '--format', 'json', '--report', 'merged.html');
    expect(merged.status, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(one.stdout));
    expect(flywheel('merge', ...files).stdout).toBe(flywheel('sensitivity', ...JOB, '--quiet').stdout);
    const html = readFileSync(join(dir, 'merged.html'), 'utf8');
    expect(html).toContain('params.growth');
    expect(html).not.toContain('<script');
  }, 300_000);

  it('a missing shard, --shard without --out, --report with --shard and --statistics on sensitivity shards are usage errors (exit 2)', () => {
    const files = [0, 1].map((i) => join('shards', `helium-sensitivity-shard-${i}-of-3.json`));
    const missing = flywheel('merge', ...files);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/RUN_INVALID_OPTION at shards: missing shard\(s\) 2 of 3/);
    expect(flywheel('sensitivity', ...JOB, '--shard', '0/3').stderr).toMatch(/--shard needs --out/);
    expect(flywheel('sensitivity', ...JOB, '--shard', '3/3', '--out', 'x').stderr).toMatch(/--shard must be I\/N/);
    expect(flywheel('sensitivity', ...JOB, '--shard', '0/3', '--out', 'x', '--report', 'r.html').stderr).toMatch(/--report needs the whole analysis/);
    const stats = flywheel('merge', ...files, join('shards', 'helium-sensitivity-shard-2-of-3.json'), '--statistics', 'exact');
    expect(stats.status).toBe(2);
    expect(stats.stderr).toMatch(/--statistics is for shards of runs/);
    for (const r of [missing, stats]) expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 300_000);
});
