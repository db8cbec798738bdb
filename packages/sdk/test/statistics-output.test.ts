// Every output says how its percentiles were computed, so that `statistics: 'auto'` never chooses
// silently: the table's header, the JSON (`statistics`, `percentileBound`), the CSV's first line (a
// `#` comment), and a sweep's rows. Here auto chooses streaming for a spec whose per-run values
// exceed 256 MiB, and exact for a small one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, EXACT_AUTO_BYTES, resolveStatistics, run, sweep, validateSpec, type ModelSpec, type RunResult } from '@flywheel/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'flywheel-statistics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-asset spec with a random price: `steps` daily steps, `runs` runs, 11 metrics. */
function gbm(steps: number, runs: number, name: string): ModelSpec {
  return {
    specVersion: 2,
    name,
    time: { step: 'day', steps },
    mainAsset: 'TST',
    assets: { TST: { kind: 'token', decimals: 0, accounts: { liquid: { initial: 1000, tag: 'liquid' } } } },
    blocks: [
      { id: 'e', kind: 'schedule', asset: 'TST', to: 'liquid', curve: { kind: 'fixed', rate: { amount: 100, per: 'day' } } },
      { id: 'price', kind: 'price', asset: 'TST', model: { kind: 'gbm', initial: 2, drift: { rate: 0, per: 'year' }, volatility: { rate: 0.5, per: 'year' } } },
    ],
    monteCarlo: { runs, seed: 3 },
  };
}

/** The percentile bound as the outputs print it (±x.xx%). */
const percent = (r: { percentileBound: number }) => `±${(r.percentileBound * 100).toFixed(2)}%`;

function checkCsv(csv: string, r: Pick<RunResult, 'statistics' | 'percentileBound' | 'runs' | 'steps'>): void {
  const lines = csv.trimEnd().split('\n');
  expect(lines[0]!.startsWith('# ')).toBe(true);
  expect(lines[0]).toContain(`${r.runs} runs × ${r.steps} day steps`);
  expect(lines[0]).toContain(`statistics ${r.statistics}: ${r.statistics} percentiles`);
  expect(lines[0]).toContain(`percentileBound ${r.percentileBound}`);
  if (r.statistics === 'streaming') expect(lines[0]).toContain(`within ${percent(r)}`);
  else expect(lines[0]).not.toContain('within');
  expect(lines[1]!.startsWith('t,date,')).toBe(true);
  expect(lines).toHaveLength(r.steps + 3);
}

describe("statistics: 'auto' says which mode it used", () => {
  it('the result, its JSON and its CSV comment: exact and streaming (explicit), with the bound as a number and in words', async () => {
    const spec = w1(40, 5, 20);
    const [exact, streaming] = await Promise.all([run(spec, { statistics: 'exact' }), run(spec, { statistics: 'streaming' })]);
    expect([exact.statistics, exact.percentileBound]).toEqual(['exact', 0]);
    expect(streaming.statistics).toBe('streaming');
    expect(streaming.percentileBound).toBeGreaterThan(0);
    for (const r of [exact, streaming]) {
      const json = JSON.parse(JSON.stringify(r));
      expect([json.statistics, json.percentileBound]).toEqual([r.statistics, r.percentileBound]);
      checkCsv(r.toCSV(), r);
    }
    expect(exact.statisticsNote()).toBe('exact percentiles');
    expect(streaming.statisticsNote()).toBe(`streaming percentiles (quantile sketch: p5/p50/p95 within ${percent(streaming)} of the exact ones where a step's values share a sign; means exact)`);
    // the comment is the only change: the rows are the same numbers as the JSON
    const row = streaming.toCSV().trimEnd().split('\n')[2 + 20]!.split(',');
    const head = streaming.toCSV().split('\n')[1]!.split(',');
    expect(Number(row[head.indexOf('price_p95')])).toBe(streaming.metric('price').p95[20]);
  });

  it('flywheel run: auto chooses streaming above 256 MiB of per-run values and says so in the table header, the JSON and the CSV', () => {
    // 560 runs × 11 metrics × 5,455 steps × 8 bytes = 269 MB > 256 MiB, and the sketches (253 MB) are smaller
    const spec = gbm(5454, 560, 'big');
    const model = compile(validateSpec(spec));
    expect(model.metrics.length * 5455 * 560 * 8).toBeGreaterThan(EXACT_AUTO_BYTES);
    expect(resolveStatistics(model, {})).toBe('streaming');
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify(spec));
    const out = spawnSync(process.execPath, [CLI, 'run', file, '--out', join(dir, 'big'), '--quiet'], { encoding: 'utf8', timeout: 120_000 });
    expect(out.status, out.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'big', 'big.json'), 'utf8'));
    expect(json.statistics).toBe('streaming');
    expect(json.percentileBound).toBeGreaterThan(0);
    expect(out.stdout.split('\n')[0]).toBe(
      `big: 560 runs × 5454 day steps, seed 3, wasm engine, streaming percentiles (quantile sketch: p5/p50/p95 within ${percent(json)} of the exact ones where a step's values share a sign; means exact)`,
    );
    checkCsv(readFileSync(join(dir, 'big', 'big.csv'), 'utf8'), json);
  }, 120_000);

  it('flywheel run: auto stays exact for a small run and says so too', () => {
    const file = join(dir, 'small.json');
    writeFileSync(file, JSON.stringify(gbm(30, 20, 'small')));
    const out = spawnSync(process.execPath, [CLI, 'run', file, '--out', join(dir, 'small'), '--quiet'], { encoding: 'utf8', timeout: 60_000 });
    expect(out.status, out.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'small', 'small.json'), 'utf8'));
    expect([json.statistics, json.percentileBound]).toEqual(['exact', 0]);
    expect(out.stdout.split('\n')[0]).toBe('small: 20 runs × 30 day steps, seed 3, wasm engine, exact percentiles');
    checkCsv(readFileSync(join(dir, 'small', 'small.csv'), 'utf8'), json);
  });

  it("a sweep names each point's statistics in its rows, CSV and JSON", async () => {
    const s = await sweep(w1(20, 5, 10), { grid: { 'params.growth': [0, 0.01] } }, { statistics: 'streaming', threads: 1 });
    const csv = s.toCSV().trimEnd().split('\n');
    const head = csv[0]!.split(',');
    expect(head.slice(-2)).toEqual(['statistics', 'percentileBound']);
    for (const [i, line] of csv.slice(1).entries()) {
      const cells = line.split(',');
      expect(cells[head.indexOf('statistics')]).toBe('streaming');
      expect(Number(cells[head.indexOf('percentileBound')])).toBe(s.points[i]!.result.percentileBound);
    }
    expect(s.toJSON().points.map((p) => p.statistics)).toEqual(['streaming', 'streaming']);
    const exact = await sweep(w1(3, 5, 10), { grid: { 'params.growth': [0] } }, { threads: 1 });
    expect(exact.toJSON().points[0]).toMatchObject({ statistics: 'exact', percentileBound: 0 });
  });
});
