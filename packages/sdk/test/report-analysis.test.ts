// The analysis report: one HTML page (no script, nothing loaded) with each analysis's charts, its
// numbers with their intervals, its settings and seeds; from the SDK (renderAnalysisReport) and
// from the CLI (--report FILE). The Chromium rendering test is in
// packages/playground/test/report.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filecoin, helium } from '@flywheel/models';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrate, run, setPath, type CalibrationResult, type RareEventResult, type RiskResult, type SensitivityResult } from '../src/index.js';
import { calibrationBand, renderAnalysisReport, tableNumber, type AnalysisReportInput } from '../src/report.js';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '../dist/cli.js');
const EXAMPLE = resolve(here, '../../examples/data/filecoin-minted-2024-25.csv');
const out = mkdtempSync(join(tmpdir(), 'flywheel-analysis-report-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, FLYWHEEL_DEBUG: '' } });

/** The rows of the tables with this class (the first, or every one), as cell texts (entities decoded). */
function tableRows(html: string, cls: string, every = false): string[][] {
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  const tables = [...html.matchAll(new RegExp(`<table class="${cls}"><thead>.*?</thead><tbody>(.*?)</tbody></table>`, 'gs'))].slice(0, every ? undefined : 1);
  return tables.flatMap((m) => [...m[1]!.matchAll(/<tr>(.*?)<\/tr>/gs)].map((r) => [...r[1]!.matchAll(/<td>(.*?)<\/td>/gs)].map((c) => decode(c[1]!))));
}
const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;

/** A page that runs nothing and loads nothing. */
function expectOffline(html: string): void {
  expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|src=|href=|@import|url\(/i);
  expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  expect(html).not.toMatch(/NaN/);
}

const evil = '<script>alert(1)</script>';
const sobol: SensitivityResult = {
  method: 'sobol',
  output: 'finalPriceP50',
  params: ['params.growth', 'params.sigma', evil],
  evaluations: 64 * 5,
  mean: 5.3,
  variance: 0.4,
  confidence: 0.95,
  warnings: ['a warning'],
  sobol: [
    { param: 'params.growth', S1: 0.71, S1Conf: 0.19, S1Interval: [0.5, 0.9], ST: 0.72, STConf: 0.17, STInterval: [0.55, 0.88] },
    { param: 'params.sigma', S1: 0.03, S1Conf: 0.1, S1Interval: [-0.07, 0.13], ST: 0.16, STConf: 0.05, STInterval: [0.11, 0.21] },
    { param: evil, S1: Number.NaN, S1Conf: Number.NaN, S1Interval: [Number.NaN, Number.NaN], ST: 0.3, STConf: 0.09, STInterval: [0.2, 0.39] },
  ],
};
const morris: SensitivityResult = {
  method: 'morris',
  output: 'burnMintCrossoverYear',
  params: ['params.growth', 'params.dcUsd0'],
  evaluations: 30,
  mean: 6.8,
  variance: 2.4,
  confidence: 0.95,
  warnings: [],
  morris: [
    { param: 'params.growth', mu: -3, muStar: 3, muStarConf: 0.7, sigma: 1.22 },
    { param: 'params.dcUsd0', mu: -2.85, muStar: 2.85, muStarConf: 0.95, sigma: 1.65 },
  ],
};
const riskResult: RiskResult = {
  model: 'helium',
  runs: 1000,
  confidence: 0.95,
  events: [
    { event: 'price<1@end', runs: 1000, hits: 214, probability: 0.214, interval: [0.19, 0.241], medianFirstStep: null },
    { event: 'activeProviders<150000@any', runs: 1000, hits: 662, probability: 0.662, interval: [0.632, 0.691], medianFirstStep: 1771 },
  ],
};
const rare: RareEventResult = {
  event: 'demandUsd<5000@end',
  estimand: 'P(event) = E[P(event | θ)]',
  levels: 2,
  proposal: { 'params.growth': { mean: -1.9, sd: 0.5, valueAtMean: 0.11 } },
  varianceReduction: 28,
  varianceReductionMeasured: 20,
  warnings: [],
  importance: { probability: 0.0185, standardError: 0.0016, interval: [0.0153, 0.0217], evaluations: 160 },
  plain: { probability: 0.0206, standardError: 0.0074, interval: [0.0061, 0.0352], evaluations: 160, hits: 4 },
};
const input: AnalysisReportInput = {
  model: 'helium',
  spec: { name: `Helium ${evil}`, description: `desc ${evil}` },
  run: { runs: 20, steps: 3650, step: 'day', stepDays: 1, start: '2024-10-01', seed: 42, engine: 'wasm' },
  sets: [['params.growth', 0.3]],
  command: 'flywheel sensitivity helium …',
  version: '0.1.0',
  analyses: [
    { kind: 'sensitivity', result: sobol, ranges: { 'params.growth': [0.1, 0.7], 'params.sigma': [0.1, 0.5], [evil]: [0, 1] }, settings: { bootstrap: 500, seed: 0, skip: 1000 } },
    { kind: 'sensitivity', result: morris, ranges: { 'params.growth': [0.1, 0.7], 'params.dcUsd0': [3000, 9000] }, settings: { bootstrap: 500, seed: 0, levels: 4 } },
    { kind: 'risk', result: riskResult, rare: [rare], uncertain: { 'params.growth': { normal: [0.4, 0.15] } }, settings: { samples: 100, levelSamples: 60, seed: 0 } },
  ],
};

describe('renderAnalysisReport', () => {
  const html = renderAnalysisReport(input);

  it('is one page that runs and loads nothing, with every string escaped', () => {
    expectOffline(html);
    expect(html).not.toContain(evil);
    expect(html).toContain('Helium &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(count(html, /<svg /g)).toBe(4); // Sobol, Morris, event probabilities, the rare-event estimate
  });

  it("shows the Monte Carlo each evaluation runs, with its seed, and each analysis's own settings and seed", () => {
    const runRows = Object.fromEntries(tableRows(html, 'settings run-settings').map(([k, v]) => [k, v]));
    expect(runRows).toMatchObject({
      model: 'helium',
      'runs per Monte Carlo': '20',
      steps: '3650 × day (10.00 years)',
      start: '2024-10-01',
      "seed (the runs' random numbers)": '42',
      engine: 'wasm',
      'changes (--set)': 'params.growth=0.3',
    });
    const sets = tableRows(html, 'settings analysis-settings', true).map((r) => `${r[0]}: ${r[1]}`);
    expect(sets).toEqual(
      expect.arrayContaining([
        'base samples N: 64',
        'analysis seed: 0',
        'bootstrap resamples: 500',
        "Sobol' points skipped: 1000",
        'trajectories r: 10',
        'grid levels p: 4',
        'final samples: 100',
        'samples per level: 60',
        'cross-entropy levels: 2',
      ]),
    );
  });

  it("a Sobol table row per parameter in the chart's order (by ST), every interval as computed, — for NaN", () => {
    const rows = tableRows(html, 'sensitivity sobol');
    expect(rows.map((r) => r[0])).toEqual(['params.growth', evil, 'params.sigma']);
    expect(rows[0]).toEqual(['params.growth', '0.1 … 0.7', '0.710', '0.500 … 0.900', '0.190', '0.720', '0.550 … 0.880', '0.170']);
    expect(rows[1]!.slice(2, 5)).toEqual(['—', '— … —', '—']);
    expect(rows[2]![3]).toBe('-0.070 … 0.130');
    // the chart: 2 bars per parameter but the one without a value
    const chart = /<svg [^>]*class="interval-bar-chart sobol-chart"[^>]*>/.exec(html)![0];
    expect(chart).toContain('data-bars="5"');
    expect(chart).toContain('data-skipped="1"');
    expect(html).toContain('warning: a warning');
  });

  it('a Morris table sorted by μ*, with the intervals and σ / μ*', () => {
    expect(tableRows(html, 'sensitivity morris')).toEqual([
      ['params.growth', '0.1 … 0.7', '3.0000', '2.3000 … 3.7000', '-3.0000', '1.2200', '0.41'],
      ['params.dcUsd0', '3000 … 9000', '2.8500', '1.9000 … 3.8000', '-2.8500', '1.6500', '0.58'],
    ]);
    expect(html).toMatch(/<svg [^>]*class="scatter-chart morris-chart"[^>]*data-points="2"/);
  });

  it('event probabilities and the rare-event estimators, with their intervals', () => {
    expect(tableRows(html, 'risk')).toEqual([
      ['price<1@end', '214/1000', '0.2140', '0.1900 … 0.2410', '—'],
      ['activeProviders<150000@any', '662/1000', '0.6620', '0.6320 … 0.6910', '1771 (2029-08-07)'],
    ]);
    expect(tableRows(html, 'rare').map((r) => r.slice(1))).toEqual([
      ['160', '0.0185', '0.0016', '0.0153 … 0.0217'],
      ['160', '0.0206', '0.0074', '0.0061 … 0.0352'],
    ]);
    expect(html).toContain('normal(mean 0.4, sd 0.15)');
    expect(html).toContain('Variance reduction at equal cost: 28.0× (against the plain run&#39;s own variance: 20.0×)');
  });

  it('renders again from its JSON (NaN and Infinity become null: shown as —), and refuses bad input', () => {
    const again = renderAnalysisReport(JSON.parse(JSON.stringify(input)));
    expectOffline(again);
    expect(tableRows(again, 'sensitivity sobol')).toEqual(tableRows(html, 'sensitivity sobol'));
    expect(() => renderAnalysisReport({ ...input, analyses: [] })).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'analyses' }));
    expect(() => renderAnalysisReport({ ...input, analyses: [{ kind: 'sweep' } as never] })).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'analyses.0.kind' }));
    expect([tableNumber(Infinity), tableNumber(null), tableNumber(46_512_345.6), tableNumber(-12_000), tableNumber(3e-7), tableNumber(1e16)]).toEqual([
      '∞',
      '—',
      '46,512,346',
      '-12,000',
      '3.000e-7',
      '1.000e+16',
    ]);
  });
});

describe('the band of a calibration chart', () => {
  it("level: from a run at the fitted values, its line at the observations' steps is the fitted model, exactly", async () => {
    const spec = filecoin({ runs: 4 });
    const r = await calibrate(spec, { params: { 'params.powerGrowth': [0, 2] }, data: readFileSync(EXAMPLE, 'utf8'), metric: 'cumulativeMinted', backtest: 0.7 }, { threads: 1 });
    const rows = [...r.fit, ...r.backtest!.forecast];
    const at = setPath(setPath(spec, 'time.steps', rows[rows.length - 1]!.step), 'params.powerGrowth', r.params['params.powerGrowth']);
    const band = calibrationBand(await run(at, { metrics: ['cumulativeMinted'], threads: 1 }), r);
    expect(band.x[0]).toBe(rows[0]!.step);
    expect(band.x[band.x.length - 1]).toBe(rows[rows.length - 1]!.step);
    for (const x of rows) {
      const i = band.x.indexOf(x.step);
      expect(band.line[i], x.date).toBe(x.model);
      expect(band.p5[i]!).toBeLessThanOrEqual(band.p95[i]!);
    }
  });

  it("sum: each observation's band is over the runs' own sums on the window calibrate sums (one run: the band is the fitted value)", async () => {
    const spec = helium({ years: 1, runs: 1, agents: 100 });
    const data = ['2024-11-01', '2024-12-01', '2025-01-01', '2025-03-01'].map((date, i) => ({ date, value: 1e5 * (i + 1) }));
    const r: CalibrationResult = await calibrate(spec, { params: { 'params.growth': [0.1, 0.9] }, data, metric: 'burned', aggregate: 'sum', maxEvaluations: 6 }, { threads: 1 });
    const at = setPath(setPath(spec, 'time.steps', r.fit[r.fit.length - 1]!.step), 'params.growth', r.params['params.growth']);
    const kept = await run(at, { metrics: ['burned'], threads: 1, keepRuns: true });
    const band = calibrationBand(kept, r, 'sum');
    expect(band.x).toEqual(r.fit.map((x) => x.step));
    r.fit.forEach((x, i) => {
      expect(band.p5[i]).toBeCloseTo(x.model, 6);
      expect(band.p95[i]).toBeCloseTo(x.model, 6);
    });
    const noRuns = { metric: (n: string) => kept.metric(n), paths: (n: string) => kept.paths(n), steps: kept.steps, hasRuns: false };
    expect(() => calibrationBand(noRuns, r, 'sum')).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION' }));
  });
});

describe('--report on the analysis commands', () => {
  it('sensitivity --method morris --report: the page has a point per parameter and the numbers of --format json, with the settings used', () => {
    const file = join(out, 'sub', 'morris.html');
    const args = [
      'sensitivity',
      'helium',
      '--years',
      '1',
      '--runs',
      '4',
      '--set',
      'blocks.5.count=100',
      '--method',
      'morris',
      '--param',
      'params.growth=0.1..0.9',
      '--param',
      'params.elasticity=0.2..0.8',
      '--param',
      'params.sigma=0.1..0.5',
      '--output',
      'finalPriceP50',
      '--samples',
      '3',
      '--seed',
      '7',
    ];
    const a = cli(...args, '--report', file, '--format', 'json');
    expect(a.status, a.stderr).toBe(0);
    expect(a.stderr).toContain(`wrote ${file}`);
    const html = readFileSync(file, 'utf8');
    expectOffline(html);
    expect(html).toMatch(/class="scatter-chart morris-chart"[^>]*data-points="3"/);
    const r = JSON.parse(a.stdout) as SensitivityResult;
    const rows = tableRows(html, 'sensitivity morris');
    expect(rows).toHaveLength(3);
    for (const m of r.morris!)
      expect(rows.find((x) => x[0] === m.param)?.slice(2, 6)).toEqual([
        tableNumber(m.muStar),
        `${tableNumber(Math.max(0, m.muStar - m.muStarConf))} … ${tableNumber(m.muStar + m.muStarConf)}`,
        tableNumber(m.mu),
        tableNumber(m.sigma),
      ]);
    const shown = Object.fromEntries(tableRows(html, 'settings analysis-settings').map(([k, v]) => [k, v]));
    expect(shown).toMatchObject({ 'trajectories r': '3', 'bootstrap resamples': '500', 'analysis seed': '0', 'grid levels p': '4', 'evaluations (Monte Carlos)': '12' });
    expect(Object.fromEntries(tableRows(html, 'settings run-settings').map(([k, v]) => [k, v]))).toMatchObject({
      "seed (the runs' random numbers)": '7',
      'runs per Monte Carlo': '4',
      'changes (--set)': 'blocks.5.count=100',
    });
    // the settings shown are the ones used: giving them gives the same numbers
    const b = cli(...args, '--bootstrap', '500', '--analysis-seed', '0', '--levels', '4', '--format', 'json');
    expect(b.stdout).toBe(a.stdout);
  });

  it('calibrate --report: the fit chart has every observation, the band and the split; risk --report --scale log', () => {
    const file = join(out, 'cal.html');
    const c = cli(
      'calibrate',
      'filecoin',
      '--runs',
      '2',
      '--param',
      'params.powerGrowth=0..2',
      '--data',
      EXAMPLE,
      '--metric',
      'cumulativeMinted',
      '--backtest',
      '0.75',
      '--report',
      file,
      '--format',
      'json',
      '--quiet',
    );
    expect(c.status, c.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expectOffline(html);
    const r = JSON.parse(c.stdout) as CalibrationResult;
    expect(html).toMatch(/class="fit-chart"[^>]*data-observed="12"/);
    expect(count(html, /class="observed"[^>]*data-part="test"/g)).toBe(3);
    expect(count(html, /class="band"/g)).toBe(1);
    expect(count(html, /class="split"/g)).toBe(2); // the fit chart and the residuals
    const rows = tableRows(html, 'fit-rows');
    expect(rows.map((x) => x[4])).toEqual([...r.fit, ...r.backtest!.forecast].map((x) => tableNumber(x.model)));
    expect(rows.map((x) => x[2])).toEqual([...r.fit.map(() => 'fitted'), ...r.backtest!.forecast.map(() => 'held out')]);
    expect(tableRows(html, 'calibration-params')[0]!.slice(0, 4)).toEqual(['params.powerGrowth', '0 … 2', '0.0000', tableNumber(r.params['params.powerGrowth'])]);

    const riskFile = join(out, 'risk.html');
    const k = cli('risk', 'helium', '--years', '1', '--runs', '20', '--event', 'price<8@end', '--event', 'price>1000@any', '--report', riskFile, '--scale', 'log', '--quiet');
    expect(k.status, k.stderr).toBe(0);
    const rh = readFileSync(riskFile, 'utf8');
    expectOffline(rh);
    expect(rh).toMatch(/class="probability-chart"[^>]*data-scale="log"/);
    expect(tableRows(rh, 'risk').map((x) => x[0])).toEqual(['price<8@end', 'price>1000@any']);
  });

  it('bad --report and --scale are usage errors before any run', () => {
    const base = ['risk', 'helium', '--years', '1', '--runs', '2', '--event', 'price<8@end'];
    const denied = cli(...base, '--report', '/proc/flywheel-no/r.html');
    expect(denied.status).toBe(2);
    expect(denied.stderr).toContain('CLI_INVALID_ARGUMENT at --report');
    expect(existsSync('/proc/flywheel-no')).toBe(false);
    const empty = cli(...base, '--report', '');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('--report needs a file name');
    const lone = cli(...base, '--scale', 'log');
    expect(lone.status).toBe(2);
    expect(lone.stderr).toContain('--scale sets the report');
    const odd = cli(...base, '--scale', 'cubic', '--report', join(out, 'x.html'));
    expect(odd.status).toBe(2);
    expect(odd.stderr).toContain('unknown scale');
    expect(existsSync(join(out, 'x.html'))).toBe(false);
    const wrong = cli('sensitivity', 'helium', '--param', 'params.growth=0.1..0.9', '--output', 'finalPriceP50', '--scale', 'log');
    expect(wrong.stderr).toContain('--scale is not an option of sensitivity');
  });
});
