import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built CLI (run `npx turbo run build` first).
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');

interface Out {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Out {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: tmpdir(), timeout: 60_000, env: { ...process.env, FLYWHEEL_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SHORT = ['--steps', '30', '--runs', '4'];
const STAT_KEYS = ['mean', 'p5', 'p50', 'p95'];

/** A usage error: exit status 2, nothing on stdout, the code (and path) on stderr, no stack trace. */
function expectError(out: Out, code: string, ...mentions: string[]): void {
  expect(out.status, out.stderr).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr).toContain(code);
  for (const m of mentions) expect(out.stderr).toContain(m);
  expect(out.stderr).not.toContain('    at ');
  expect(out.stderr).toContain('hint');
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx turbo run build)`);
});

describe('flywheel list', () => {
  it('prints helium with a description', () => {
    const out = cli('list');
    expect(out.status).toBe(0);
    const line = out.stdout.split('\n').find((l) => l.startsWith('helium'));
    expect(line).toBeDefined();
    const description = line!.slice('helium'.length).trim();
    expect(description.length).toBeGreaterThan(10);
    expect(description).toMatch(/Helium/);
  });
});

describe('flywheel run helium', () => {
  const steps = 30;
  let json: Out;
  let parsed: any;
  let dir: string;

  beforeAll(() => {
    json = cli('run', 'helium', ...SHORT, '--format', 'json');
    parsed = JSON.parse(json.stdout);
    dir = mkdtempSync(join(tmpdir(), 'flywheel-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json prints exactly one JSON object with the documented keys', () => {
    expect(json.status, json.stderr).toBe(0);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    expect(typeof parsed).toBe('object');
    expect(Array.isArray(parsed)).toBe(false);
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['model', 'step', 'steps', 'runs', 'seed', 'metrics', 'summary']));
    expect(parsed.model).toBe('helium');
    expect(parsed.step).toBe('day');
    expect(parsed.steps).toBe(steps);
    expect(parsed.runs).toBe(4);
    expect(parsed.seed).toBe(42); // the Helium model's documented default seed
    expect(typeof parsed.summary).toBe('object');
    expect(parsed.summary.years).toBeCloseTo(steps / 365, 12);
  });

  it('every metric has mean/p5/p50/p95 arrays of length steps + 1 with finite numbers', () => {
    const names = Object.keys(parsed.metrics);
    expect(names).toEqual(expect.arrayContaining(['totalSupply', 'circulatingSupply', 'price', 'burned', 'activeProviders']));
    for (const name of names) {
      const m = parsed.metrics[name];
      expect(Object.keys(m).sort(), name).toEqual([...STAT_KEYS].sort());
      for (const k of STAT_KEYS) {
        expect(m[k], `${name}.${k}`).toHaveLength(steps + 1);
        for (const v of m[k]) expect(Number.isFinite(v), `${name}.${k}`).toBe(true);
      }
      // bands are ordered
      for (let t = 0; t <= steps; t++) {
        expect(m.p5[t]).toBeLessThanOrEqual(m.p50[t]);
        expect(m.p50[t]).toBeLessThanOrEqual(m.p95[t]);
      }
    }
  });

  it('table output has a header with "price p50" and one row per (partial) year', () => {
    const out = cli('run', 'helium', ...SHORT);
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout.split('\n');
    const header = lines.find((l) => l.includes('price p50'));
    expect(header).toBeDefined();
    expect(header).toMatch(/^year\b/);
    expect(header).toContain('total supply');
    const rows = lines.filter((l) => /^\d+\s/.test(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('2024-10-31'); // 30 days after 2024-10-01
  });

  it('--years 2 gives two yearly rows ending 2025-10-01 and 2026-10-01', () => {
    const out = cli('run', 'helium', '--years', '2', '--runs', '2');
    expect(out.status, out.stderr).toBe(0);
    const rows = out.stdout.split('\n').filter((l) => /^\d+\s/.test(l));
    expect(rows.map((r) => r.split(/\s+/).slice(0, 2))).toEqual([
      ['1', '2025-10-01'],
      ['2', '2026-10-01'],
    ]);
  });

  it('--format csv has steps + 3 lines (a # comment naming the statistics, a header, steps + 1 rows) matching the JSON', () => {
    const out = cli('run', 'helium', ...SHORT, '--format', 'csv');
    expect(out.status, out.stderr).toBe(0);
    const [comment, ...lines] = out.stdout.trimEnd().split('\n');
    expect(comment).toBe('# helium: 4 runs × 30 day steps, seed 42, wasm engine, statistics exact: exact percentiles; percentileBound 0');
    expect(lines).toHaveLength(steps + 2);
    const head = lines[0]!.split(',');
    expect(head.slice(0, 2)).toEqual(['t', 'date']);
    expect(head).toContain('price_p50');
    const metricCount = Object.keys(parsed.metrics).length;
    expect(head).toHaveLength(2 + 4 * metricCount);
    const last = lines[steps + 1]!.split(',');
    expect(last).toHaveLength(head.length);
    expect(last[0]).toBe(String(steps));
    expect(last[1]).toBe('2024-10-31');
    expect(lines[1]!.split(',')[1]).toBe('2024-10-01');
    // same seed, same numbers as the JSON output
    expect(Number(last[head.indexOf('price_p50')])).toBe(parsed.metrics.price.p50[steps]);
    expect(Number(last[head.indexOf('totalSupply_mean')])).toBe(parsed.metrics.totalSupply.mean[steps]);
  });

  it('--out DIR writes helium.json and helium.csv (same content as the printed formats)', () => {
    const out = cli('run', 'helium', ...SHORT, '--format', 'json', '--out', dir);
    expect(out.status, out.stderr).toBe(0);
    const jsonFile = join(dir, 'helium.json');
    const csvFile = join(dir, 'helium.csv');
    expect(existsSync(jsonFile)).toBe(true);
    expect(existsSync(csvFile)).toBe(true);
    expect(JSON.parse(readFileSync(jsonFile, 'utf8'))).toEqual(parsed);
    expect(readFileSync(csvFile, 'utf8')).toBe(cli('run', 'helium', ...SHORT, '--format', 'csv').stdout);
  });

  it("--format paths prints every run's path (runs × (steps + 1) rows) consistent with the JSON bands", () => {
    const out = cli('run', 'helium', ...SHORT, '--format', 'paths');
    expect(out.status, out.stderr).toBe(0);
    const [head, ...rows] = out.stdout.trimEnd().split('\n');
    const cols = head!.split(',');
    expect(cols.slice(0, 3)).toEqual(['run', 't', 'date']);
    expect(cols.slice(3)).toEqual(Object.keys(parsed.metrics));
    expect(rows).toHaveLength(4 * (steps + 1));
    const price = cols.indexOf('price');
    const at = (t: number) => rows.filter((r) => Number(r.split(',')[1]) === t).map((r) => Number(r.split(',')[price]));
    // 4 runs at the last step: their mean is the JSON mean (summed in run order), the runs differ
    const last = at(steps);
    expect(last.reduce((a, x) => a + x, 0) / 4).toBe(parsed.metrics.price.mean[steps]);
    expect(new Set(last).size).toBe(4);
    // with --out, the paths are also written next to the bands
    expect(cli('run', 'helium', ...SHORT, '--format', 'paths', '--out', join(dir, 'paths')).status).toBe(0);
    expect(readFileSync(join(dir, 'paths', 'helium-paths.csv'), 'utf8')).toBe(out.stdout);
  });

  it('--out creates nested directories', () => {
    const nested = join(dir, 'a', 'b');
    const out = cli('run', 'helium', '--steps', '5', '--runs', '2', '--out', nested);
    expect(out.status, out.stderr).toBe(0);
    expect(existsSync(join(nested, 'helium.json'))).toBe(true);
    expect(existsSync(join(nested, 'helium.csv'))).toBe(true);
  });

  it('same seed twice → identical JSON stdout; another seed → a different price series', () => {
    const a = cli('run', 'helium', ...SHORT, '--seed', '7', '--format', 'json');
    const b = cli('run', 'helium', ...SHORT, '--seed', '7', '--format', 'json');
    const c = cli('run', 'helium', ...SHORT, '--seed', '8', '--format', 'json');
    for (const o of [a, b, c]) expect(o.status, o.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const pa = JSON.parse(a.stdout).metrics.price.p50 as number[];
    const pc = JSON.parse(c.stdout).metrics.price.p50 as number[];
    expect(JSON.parse(a.stdout).seed).toBe(7);
    expect(JSON.parse(c.stdout).seed).toBe(8);
    expect(pc[0]).toBe(pa[0]); // the initial price is not random
    expect(pc).not.toEqual(pa);
    expect(pc.slice(1).some((v, i) => v !== pa[i + 1])).toBe(true);
  });

  it('--set changes the spec (a different initial demand shows in demandUsd from step 1)', () => {
    // v2: demand is a formula, dcUsd0 · (1 + growth)^years · exp(sigma·z − sigma²/2) · (capacity / capacity0)^elasticity.
    // With growth, sigma and elasticity 0 every factor but dcUsd0 is exp(0) = 1, so the signal is dcUsd0 itself
    // on every step; step 0 is the signal's declared initial value, which --set of a parameter leaves alone.
    const flat = ['--set', 'params.growth=0', '--set', 'params.sigma=0', '--set', 'params.elasticity=0'];
    const out = cli('run', 'helium', '--steps', '5', '--runs', '2', '--format', 'json', '--set', 'params.dcUsd0=1234.5', ...flat);
    expect(out.status, out.stderr).toBe(0);
    const d = JSON.parse(out.stdout).metrics.demandUsd.p50 as number[];
    expect(d.slice(1)).toEqual([1234.5, 1234.5, 1234.5, 1234.5, 1234.5]); // per day, daily steps
    expect(d[0]).toBeCloseTo((9_780_594 + 552_799_701) * 0.00001, 9); // the declared initial, $5,625.80
    const other = cli('run', 'helium', '--steps', '5', '--runs', '2', '--format', 'json', '--set', 'params.dcUsd0=99', ...flat);
    expect(other.status, other.stderr).toBe(0);
    expect(JSON.parse(other.stdout).metrics.demandUsd.p50[3]).toBe(99);
  });
});

describe('flywheel errors: exit status 2, code and path on stderr, no stack trace', () => {
  it('unknown model → MODEL_UNKNOWN, listing helium', () => {
    expectError(cli('run', 'nope', ...SHORT), 'MODEL_UNKNOWN', 'helium', 'nope');
  });

  it('--runs 0 → SPEC_OUT_OF_RANGE at monteCarlo.runs', () => {
    expectError(cli('run', 'helium', '--steps', '30', '--runs', '0'), 'SPEC_OUT_OF_RANGE', 'monteCarlo.runs');
  });

  it('--seed=-1 → SPEC_OUT_OF_RANGE at monteCarlo.seed', () => {
    expectError(cli('run', 'helium', '--steps', '5', '--runs', '2', '--seed=-1'), 'SPEC_OUT_OF_RANGE', 'monteCarlo.seed');
  });

  it('--runs abc → CLI_INVALID_ARGUMENT at --runs', () => {
    expectError(cli('run', 'helium', '--steps', '30', '--runs', 'abc'), 'CLI_INVALID_ARGUMENT', '--runs', 'abc');
  });

  it('--steps 2.5 → CLI_INVALID_ARGUMENT at --steps', () => {
    expectError(cli('run', 'helium', '--steps', '2.5', '--runs', '2'), 'CLI_INVALID_ARGUMENT', '--steps');
  });

  it('--set nope.x=1 → SPEC_UNKNOWN_PATH naming the missing field', () => {
    expectError(cli('run', 'helium', ...SHORT, '--set', 'nope.x=1'), 'SPEC_UNKNOWN_PATH', 'at nope.x', '"nope"');
  });

  it('--set params.growth=abc → SPEC_INVALID_TYPE at params.growth', () => {
    expectError(cli('run', 'helium', ...SHORT, '--set', 'params.growth=abc'), 'SPEC_INVALID_TYPE', 'at params.growth');
  });

  it('--set foo → SET_INVALID_VALUE', () => {
    expectError(cli('run', 'helium', ...SHORT, '--set', 'foo'), 'SET_INVALID_VALUE', 'foo');
  });

  it('--format xml → CLI_INVALID_ARGUMENT at --format', () => {
    expectError(cli('run', 'helium', ...SHORT, '--format', 'xml'), 'CLI_INVALID_ARGUMENT', '--format', 'xml');
  });

  it('--format paths with --statistics streaming → RUN_INVALID_OPTION at keepRuns', () => {
    expectError(cli('run', 'helium', ...SHORT, '--format', 'paths', '--statistics', 'streaming'), 'RUN_INVALID_OPTION', 'keepRuns');
  });

  it('--engine gpu → CLI_INVALID_ARGUMENT at --engine', () => {
    expectError(cli('run', 'helium', ...SHORT, '--engine', 'gpu'), 'CLI_INVALID_ARGUMENT', '--engine', 'gpu');
  });

  it('an unknown option → CLI_INVALID_ARGUMENT naming it', () => {
    expectError(cli('run', 'helium', ...SHORT, '--bogus'), 'CLI_INVALID_ARGUMENT', '--bogus');
  });

  it('an unknown command → CLI_INVALID_ARGUMENT', () => {
    expectError(cli('frobnicate'), 'CLI_INVALID_ARGUMENT', 'frobnicate');
  });

  it('--years and --steps together → CLI_INVALID_ARGUMENT', () => {
    expectError(cli('run', 'helium', '--years', '1', '--steps', '5', '--runs', '2'), 'CLI_INVALID_ARGUMENT', '--years');
  });
});

describe('flywheel run: spec files, metric selections, pipes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flywheel-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a spec file, names its outputs after the spec, and reports a missing or malformed file as CLI_INVALID_ARGUMENT', async () => {
    const { livepeer } = await import('@flywheel/models');
    const { writeFileSync } = await import('node:fs');
    const file = join(dir, 'my model.json');
    writeFileSync(file, JSON.stringify({ ...livepeer({ years: 1, runs: 3 }), name: 'my livepeer' }));
    const out = cli('run', file, '--format', 'json', '--quiet');
    expect(out.status, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout);
    expect([json.model, json.step, json.runs]).toEqual(['my livepeer', 'round', 3]);
    const written = cli('run', file, '--out', dir, '--quiet');
    expect(written.status, written.stderr).toBe(0);
    expect(existsSync(join(dir, 'my_livepeer.json'))).toBe(true);
    expectError(cli('run', join(dir, 'none.json')), 'CLI_INVALID_ARGUMENT', 'cannot read the spec file');
    writeFileSync(join(dir, 'bad.json'), '{ "specVersion": 2,');
    expectError(cli('run', join(dir, 'bad.json')), 'CLI_INVALID_ARGUMENT', 'not JSON');
  });

  it("--metrics without the summary's metrics still prints a table and JSON (absent figures are — and null)", () => {
    const table = cli('run', 'filecoin', '--years', '1', '--runs', '3', '--metrics', 'FIL.pledge,minting.theta', '--quiet');
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain('—');
    const json = JSON.parse(cli('run', 'filecoin', '--years', '1', '--runs', '3', '--metrics', 'FIL.pledge', '--format', 'json', '--quiet').stdout);
    expect(Object.keys(json.metrics)).toEqual(['FIL.pledge']);
    expect(json.summary.finalPriceP50).toBeNull();
    expect(json.metrics['FIL.pledge'].p50[0]).toBe(149_700_000);
  });

  it('--version prints the version; --help after a command prints the help; a negative number is an option value', () => {
    const v = cli('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = cli('run', 'helium', '--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('Usage:');
    // --seed -1 was "argument is ambiguous"; now it reaches validation
    expectError(cli('run', 'helium', '--seed', '-1'), 'SPEC_OUT_OF_RANGE', 'monteCarlo.seed');
    const neg = cli('run', 'helium', '--steps', '-5');
    expectError(neg, 'SPEC_OUT_OF_RANGE', 'time.steps');
  });

  it('bad input fails before the run: --runs 0x10, an --out that cannot be written (also /proc/x, which used to spin), a sweep of 2M points', () => {
    expectError(cli('run', 'helium', '--runs', '0x10'), 'CLI_INVALID_ARGUMENT', '--runs');
    expectError(cli('run', 'helium', '--runs', '1e3'), 'CLI_INVALID_ARGUMENT', '--runs');
    expectError(cli('run', 'helium', '--out', '/dev/null/x'), 'CLI_INVALID_ARGUMENT', '--out');
    expectError(cli('run', 'helium', '--out', '/proc/flywheel-test'), 'CLI_INVALID_ARGUMENT', '--out');
    expectError(cli('sweep', 'helium', '--grid', 'params.growth=0..1:2000', '--grid', 'params.sigma=0..1:1000'), 'RUN_INVALID_OPTION', 'sweep.grid', '1,000,000');
  });

  it('--set __proto__.x and model names like __proto__ or constructor are clean errors, not prototype writes or crashes', () => {
    expectError(cli('run', 'helium', '--set', '__proto__.polluted=1', ...SHORT), 'SPEC_UNKNOWN_PATH', '__proto__');
    expectError(cli('run', '__proto__'), 'MODEL_UNKNOWN');
    expectError(cli('run', 'constructor'), 'MODEL_UNKNOWN');
  });

  it('a reader that closes the pipe early ends the command quietly (no EPIPE stack trace)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" run helium --years 1 --runs 20 --format paths --quiet | head -n 2`], { encoding: 'utf8', cwd: tmpdir(), timeout: 60_000 });
    expect(r.stdout.split('\n')[0]).toMatch(/^run,t,date,/);
    expect(r.stderr).not.toContain('EPIPE');
  });
});
