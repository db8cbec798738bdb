// Regression tests for the reproducers of issue 8 ("Why") that had none: each names the reproducer
// it holds and what it used to do. The others are held elsewhere (the table in the closing note of
// the issue lists every reproducer with its test).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helium } from '@flywheel/models';
import { FlywheelError, mergeShards, run, runShard, setPath, type ModelSpec } from '@flywheel/sdk';
import { writeShardFile } from '@flywheel/sdk/shard-files';
import { afterAll, describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'flywheel-repro-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Out {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], timeout = 60_000): Out {
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: tmpdir(), timeout, env: { ...process.env, FLYWHEEL_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** A usage error: exit 2, nothing on stdout, the code and each mention on stderr, a hint, no stack. */
function expectError(out: Out, code: string, ...mentions: string[]): void {
  expect(out.status, out.stderr).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr).toContain(`error ${code}`);
  for (const m of mentions) expect(out.stderr).toContain(m);
  expect(out.stderr).toContain('hint:');
  expect(out.stderr).not.toContain('    at ');
}

async function rejected(p: Promise<unknown>): Promise<FlywheelError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof FlywheelError)) throw new Error(`expected a FlywheelError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  return e;
}

/** Every value of every run of each metric. */
function everyValue(r: { paths(name: string): Float64Array[] }, metrics: readonly string[]): number[] {
  return metrics.flatMap((m) => r.paths(m).flatMap((p) => Array.from(p)));
}

// A burn of far more than circulates: it takes all of `liquid` on every step (fractional balances
// that a subtraction could leave as −6.7e−12, as the v1 engine did).
const burnAll: ModelSpec = {
  specVersion: 2,
  name: 'burn-all',
  time: { step: 'day', steps: 60 },
  mainAsset: 'T',
  assets: {
    T: { kind: 'token', decimals: 8, accounts: { liquid: { initial: 0.3, tag: 'liquid' }, pool: { initial: 1000.7, tag: 'rewards' } } },
    C: { kind: 'credit', decimals: 0, priceUsd: 0.00001, accounts: {} },
  },
  params: { d: 0.1 },
  blocks: [
    { id: 'pay', kind: 'transfer', asset: 'T', from: 'pool', to: 'liquid', amount: 'd * 3.3' },
    { id: 'burn', kind: 'creditBurn', asset: 'T', from: 'liquid', credit: 'C', usd: '1e9' },
    { id: 'price', kind: 'price', asset: 'T', model: { kind: 'gbm', initial: 0.7, drift: { rate: 0, per: 'year' }, volatility: { rate: 0.9, per: 'year' } } },
  ],
  monteCarlo: { runs: 50, seed: 9 },
};

describe('wrong numbers, exit code 0', () => {
  it('a burn that takes all circulating supply leaves exactly 0 (not −6.7e−12), on both engines; market cap too; Helium with 1 HNT liquid never goes below 0', async () => {
    const metrics = ['circulatingSupply', 'marketCap', 'T.liquid'];
    for (const engine of ['wasm', 'reference'] as const) {
      const r = await run(burnAll, { engine, keepRuns: true, metrics: [...metrics, 'burned'] });
      const values = everyValue(r, metrics);
      expect(Math.min(...values), engine).toBe(0);
      expect(
        values.filter((v) => v < 0 || Object.is(v, -0)),
        engine,
      ).toEqual([]);
      expect(r.metric('burned').mean[2]).toBeCloseTo(0.33, 12); // the burn took all of it: 0.33 paid in, 0.33 burned
    }
    const h = await run(setPath(helium({ years: 1, runs: 20, agents: 20 }), 'assets.HNT.accounts.liquid.initial', 1), { keepRuns: true, metrics: ['circulatingSupply', 'marketCap', 'HNT.liquid'] });
    expect(Math.min(...everyValue(h, ['circulatingSupply', 'marketCap', 'HNT.liquid']))).toBeGreaterThanOrEqual(0);
  });

  it('a calendar halving every 300,000 years does not zero the emission (year 2 minted 266.1k instead of 8.10M): it falls beyond the horizon, as one of 10^9 years does', async () => {
    const at = (years: number) => setPath(helium({ years: 5, runs: 2, agents: 20 }), 'blocks.1.curve.then.halvingEvery.amount', years);
    const metrics = ['issuance.amount', 'cumulativeMinted'];
    const [far, farther, every2] = await Promise.all([run(at(300_000), { metrics }), run(at(1e9), { metrics }), run(at(2), { metrics })]);
    expect(JSON.stringify(far.toJSON().metrics)).toBe(JSON.stringify(farther.toJSON().metrics));
    const yearTwo = (r: typeof far) => r.yearly()[1]!.minted!;
    expect(yearTwo(far)).toBeGreaterThan(7e6);
    // the halving of every 2 years (2027-08-01) shows: the 300,000-year one is not read as a 2-year one either
    expect(every2.metric('cumulativeMinted').mean.at(-1)!).toBeLessThan(far.metric('cumulativeMinted').mean.at(-1)! - 1e6);
  });

  it('a horizon whose calendar dates pass +275760 is refused at time.steps (its halvings were skipped silently and yearly() threw "Invalid time value"); without time.start the 300,000-year halving happens', async () => {
    const spec = (start: string | undefined): ModelSpec => ({
      specVersion: 2,
      name: 'far',
      time: { step: 'month', steps: 12 * 400_000, ...(start ? { start } : {}) },
      mainAsset: 'T',
      assets: { T: { kind: 'token', decimals: 0, accounts: { liquid: { initial: 1, tag: 'liquid' } } } },
      blocks: [{ id: 'e', kind: 'schedule', asset: 'T', to: 'liquid', curve: { kind: 'halving', rate: { amount: 1024, per: 'month' }, every: { amount: 300_000, unit: 'year' } } }],
      monteCarlo: { runs: 1, seed: 1 },
    });
    const e = await rejected(run(spec('2024-01-01'), { metrics: ['minted'] }));
    expect([e.code, e.path, e.value]).toEqual(['SPEC_OUT_OF_RANGE', 'time.steps', 4_800_000]);
    expect(e.hint).toContain('at most 3,287,010 steps');
    const r = await run(spec(undefined), { metrics: ['minted'] });
    const minted = r.metric('minted').mean;
    const halving = 300_000 * 12; // steps of 365/12 days: 300,000 years of 365 days
    expect(minted[halving]).toBeCloseTo(1024, 6);
    expect(minted[halving + 2]).toBeCloseTo(512, 6);
  });

  it('supplyGrowthPerYear is never Infinity nor a bare null: ×40,502 in one day gives null with the reason, in the JSON and the table', () => {
    const args = ['run', 'helium', '--steps', '1', '--runs', '2', '--set', 'assets.HNT.accounts.liquid.initial=1', '--set', 'assets.HNT.accounts.locked.initial=0', '--quiet'];
    const json = cli([...args, '--format', 'json']);
    expect(json.status, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.summary.supplyGrowthPerYear).toBeNull();
    expect(parsed.summaryNotes.supplyGrowthPerYear).toMatch(/grows ×40,501\.6 in 0\.00273973 years: as a yearly rate that is beyond the largest number/);
    const table = cli(args);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).not.toContain('Infinity');
    expect(table.stdout).toContain('supply growth — (the mean total supply grows ×40,501.6');
    // a sensible horizon is a number, and has no note
    const normal = JSON.parse(cli(['run', 'helium', '--years', '1', '--runs', '2', '--format', 'json', '--quiet']).stdout);
    expect(normal.summary.supplyGrowthPerYear).toBeGreaterThan(0);
    expect(normal.summaryNotes).toEqual({});
  });
});

describe('accepted, then fails', () => {
  it('Helium with no active provider at the start runs to finite numbers on both engines (capacity-responsive demand divided by the initial capacity)', async () => {
    const spec = setPath(helium({ years: 1, runs: 4, agents: 20 }), 'blocks.5.initialActive', 0);
    for (const engine of ['wasm', 'reference'] as const) {
      const r = await run(spec, { engine });
      for (const m of r.metrics) for (const stat of ['mean', 'p5', 'p50', 'p95'] as const) expect(r.metric(m)[stat].every(Number.isFinite), `${engine} ${m} ${stat}`).toBe(true);
      expect(r.metric('activeProviders').p50[0]).toBe(0);
    }
  });

  it('a duration of 5e-324 is refused at its field (a halving every 5e-324 days made burnMintRatio Infinity: ENGINE_NON_FINITE after validation)', async () => {
    const e = await rejected(run(setPath(w1(2, 6, 12), 'blocks.1.curve.every.amount', 5e-324)));
    expect([e.code, e.path, e.value]).toEqual(['SPEC_OUT_OF_RANGE', 'blocks.1.curve.every.amount', 5e-324]);
    const h = await rejected(run(setPath(helium({ years: 1, runs: 2, agents: 20 }), 'blocks.1.curve.then.halvingEvery.amount', 5e-324)));
    expect(h.path).toBe('blocks.1.curve.then.halvingEvery.amount');
    // the shortest duration accepted runs to finite numbers
    const r = await run(setPath(w1(2, 6, 12), 'blocks.1.curve.every.amount', 1e-6));
    for (const m of r.metrics) expect(r.metric(m).mean.every(Number.isFinite), m).toBe(true);
  });

  it('a value of 1e308 that makes a step infinite is an ENGINE_NON_FINITE naming the block (not a metric name), with a hint', async () => {
    const e = await rejected(run(setPath(helium({ years: 1, runs: 2, agents: 20 }), 'params.growth', 1e308)));
    expect([e.code, e.path]).toEqual(['ENGINE_NON_FINITE', 'blocks.0']);
    expect(e.message).toContain('blocks.0 (signal "demand") made demandUsd Infinity');
    expect(e.hint).toMatch(/formulas and parameters/);
  });

  it('statistics beyond one engine block (11 metrics × 3.1M steps: 1.02 GiB) are RUN_TOO_LARGE up front on 1 and 2 threads and both engines; the wasm engine trapped ("unreachable") where the reference engine ran', async () => {
    const spec: ModelSpec = {
      specVersion: 2,
      name: 'long',
      time: { step: 'hour', steps: 3_100_000 },
      mainAsset: 'T',
      assets: { T: { kind: 'token', decimals: 0, accounts: { liquid: { initial: 1, tag: 'liquid' } } } },
      blocks: [
        { id: 'e', kind: 'schedule', asset: 'T', to: 'liquid', curve: { kind: 'fixed', rate: { amount: 1, per: 'hour' } } },
        { id: 'price', kind: 'price', asset: 'T', model: { kind: 'gbm', initial: 2, drift: { rate: 0, per: 'year' }, volatility: { rate: 0.5, per: 'year' } } },
      ],
      monteCarlo: { runs: 1, seed: 1 },
    };
    const errors = [];
    for (const [engine, threads] of [
      ['wasm', 1],
      ['wasm', 2],
      ['reference', 1],
    ] as const)
      errors.push(await rejected(run(spec, { engine, threads })));
    for (const e of errors) {
      expect([e.code, e.path, e.value]).toEqual(['RUN_TOO_LARGE', 'time.steps', 3_100_000]);
      expect(e.message).toBe(errors[0]!.message);
    }
    expect(errors[0]!.message).toContain('the statistics of 11 metrics × 3100001 steps need 1.02 GiB');
    expect(errors[0]!.hint).toContain('at most 3,002,739 steps of 11 metrics'); // (2^30 − 2^24) / (4 × 8 × 11) − 1
    // streaming with 10^6 steps trapped on one thread and ran on two: now the same refusal on both (43 GiB of sketches)
    const long = { ...spec, time: { step: 'hour' as const, steps: 1_000_000 }, monteCarlo: { runs: 2, seed: 1 } };
    const streaming = [];
    for (const threads of [1, 2]) streaming.push(await rejected(run(long, { statistics: 'streaming', threads })));
    for (const e of streaming) expect([e.code, e.path, e.message]).toEqual(['RUN_TOO_LARGE', 'time.steps', streaming[0]!.message]);
    expect(streaming[0]!.message).toContain('need 43.23 GiB of sketches');
  });

  it('10^7 steps: the same RUN_TOO_LARGE at time.steps on 1 and 2 threads, in seconds (it took 28 s, then said "at most 0 runs" on one thread and threw a raw RangeError with threads)', () => {
    const outs = ['1', '2'].map((threads) => cli(['run', 'helium', '--steps', '10000000', '--runs', '2', '--threads', threads, '--quiet']));
    for (const o of outs) {
      expectError(o, 'RUN_TOO_LARGE', 'at time.steps');
      expect(o.stderr).not.toContain('at most 0 runs');
      expect(o.ms).toBeLessThan(20_000);
    }
    expect(outs[1]!.stderr).toBe(outs[0]!.stderr);
  });
});

describe('flywheel merge with bad shards: a coded error naming the file, never a merge or a crash', () => {
  it('count 0, "three" or 10^9, negative or huge runStart, null, missing, 7-byte or non-base64 values, negated values, a shard given twice (JSON shards)', async () => {
    const spec = w1(6, 10, 20);
    const shards = await Promise.all([0, 1, 2].map((i) => runShard(spec, i, 3)));
    const names = ['a.json', 'b.json', 'c.json', 'd.json'];
    const refused = async (edit: (s: any[]) => void, path: string) => {
      const s = JSON.parse(JSON.stringify(shards));
      edit(s);
      const e = await rejected(mergeShards(s, { names }));
      expect([e.code, e.path]).toEqual(['RUN_INVALID_OPTION', path]);
    };
    await refused((s) => (s[0].count = 0), 'a.json.count');
    await refused((s) => {
      for (const x of s) x.count = 1e9; // aborted the process (an allocation for 10^9 shards)
    }, 'a.json.count');
    await refused((s) => (s[1].runStart = -3), 'b.json.runStart');
    await refused((s) => (s[1].runStart = 1e15), 'b.json.runStart');
    await refused((s) => (s[1].values = null), 'b.json.values');
    await refused((s) => delete s[1].values, 'b.json.values');
    await refused((s) => (s[1].values = btoa('1234567')), 'b.json.values');
    await refused((s) => (s[1].values = '!!!!'), 'b.json.values');
    await refused((s) => {
      const bytes = Uint8Array.from(atob(s[1].values), (c) => c.charCodeAt(0));
      const f = new Float64Array(bytes.buffer);
      for (let i = 0; i < f.length; i++) f[i] = -f[i]!;
      s[1].values = btoa(String.fromCharCode(...new Uint8Array(f.buffer)));
    }, 'b.json.checksum');
    await refused((s) => s.push(JSON.parse(JSON.stringify(s[1]))), 'd.json.index');
    await refused((s) => (s[1] = null), 'b.json');
  });

  it('the CLI: exit 2 with the file named, for a corrupt .fwshard, a foreign one and a JSON shard of half its values', async () => {
    const spec = w1(30, 10, 20);
    const files = [0, 1].map((i) => join(dir, `w1-shard-${i}-of-2.fwshard`));
    for (const [i, f] of files.entries()) await writeShardFile(f, spec, i, 2, { threads: 1 });
    const ok = cli(['merge', ...files, '--format', 'json']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(ok.stdout))).toBe(JSON.stringify(await run(spec, { threads: 1 })));
    const bad = join(dir, 'flipped.fwshard');
    const bytes = readFileSync(files[1]!);
    bytes[bytes.length - 100] ^= 0x40;
    writeFileSync(bad, bytes);
    expectError(cli(['merge', files[0]!, bad]), 'RUN_INVALID_OPTION', `at ${bad}.checksum`);
    const foreign = join(dir, 'foreign.fwshard');
    await writeShardFile(foreign, w1(30, 10, 21), 1, 2, { threads: 1 });
    expectError(cli(['merge', files[0]!, foreign]), 'RUN_INVALID_OPTION', `at ${foreign}`, 'different job');
    const halves = await Promise.all([0, 1].map((i) => runShard(spec, i, 2)));
    halves[1]!.values = halves[1]!.values.slice(0, Math.floor(halves[1]!.values.length / 8) * 4);
    const json = halves.map((s, i) => {
      const f = join(dir, `half-${i}.json`);
      writeFileSync(f, JSON.stringify(s));
      return f;
    });
    expectError(cli(['merge', ...json]), 'RUN_INVALID_OPTION', `${json[1]}.values`);
  });
});

describe('CLI edges: checked before the run, parsed strictly, shown as they are, quiet on a closed pipe', () => {
  // 10^6 Helium runs (with --allow-long) would take hours: a check made after the run would time out
  const huge = ['--runs', '1000000', '--allow-long', '--quiet'];

  it('--out /dev/null/x and --out /proc/x fail before the run (one failed after the whole run, the other spun forever)', () => {
    for (const out of ['/dev/null/x', '/proc/flywheel-repro/x']) {
      const o = cli(['run', 'helium', ...huge, '--out', out], 30_000);
      expectError(o, 'CLI_INVALID_ARGUMENT', 'at --out', out);
      expect(o.ms).toBeLessThan(20_000);
    }
  });

  it('--metrics with an unknown name fails before the run; --metrics price runs and prints the table (it failed after the run)', () => {
    const o = cli(['run', 'helium', ...huge, '--metrics', 'price,nope'], 30_000);
    expectError(o, 'RESULT_UNKNOWN_METRIC', 'at metrics', 'no metric "nope"');
    expect(o.ms).toBeLessThan(20_000);
    const price = cli(['run', 'helium', '--years', '1', '--runs', '3', '--metrics', 'price', '--quiet']);
    expect(price.status, price.stderr).toBe(0);
    expect(price.stdout).toMatch(/final price p5\/p50\/p95 \$[\d.]+ \/ \$[\d.]+ \/ \$[\d.]+/);
  });

  it('--runs 0x10, 1e3, 16.0, 0b10 or Infinity are refused (0x10 was read as 16); --runs 16 is 16', () => {
    for (const runs of ['0x10', '1e3', '16.0', '0b10', 'Infinity']) expectError(cli(['run', 'helium', '--runs', runs, '--quiet']), 'CLI_INVALID_ARGUMENT', 'at --runs', `"${runs}"`);
    const ok = JSON.parse(cli(['run', 'helium', '--runs', '16', '--steps', '2', '--format', 'json', '--quiet']).stdout);
    expect(ok.runs).toBe(16);
  });

  it('Infinity is shown as Infinity, also inside a list (it was "(got null)")', () => {
    const inf = cli(['run', 'helium', '--set', 'params.growth=1e999', '--quiet']);
    expectError(inf, 'SPEC_INVALID_TYPE', 'at params.growth: must be a finite number (got Infinity)');
    expect(inf.stderr).not.toContain('null');
    const list = cli(['run', 'helium', '--set', 'params.growth=[1e999,-1e999]', '--quiet']);
    expectError(list, 'SPEC_INVALID_TYPE', '(got [Infinity,-Infinity])');
  });

  it('flywheel run helium --format csv | head -c 10: the first 10 bytes, no EPIPE error, status 0', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" run helium --years 2 --runs 20 --format csv --quiet | head -c 10`], { encoding: 'utf8', cwd: tmpdir(), timeout: 60_000 });
    expect(r.stdout).toBe('# helium: ');
    expect(r.stderr).toBe('');
    // the same with bash's pipefail: the CLI itself exits 0
    const b = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${CLI}" run helium --years 2 --runs 20 --format json --quiet | head -c 10 > /dev/null`], {
      encoding: 'utf8',
      cwd: tmpdir(),
      timeout: 60_000,
    });
    expect([b.status, b.stderr]).toEqual([0, '']);
  });

  it('--set through a prototype or an array length, and a model named toString, are clean errors', () => {
    expectError(cli(['run', 'helium', '--set', 'time.__proto__.x=1', '--quiet']), 'SPEC_UNKNOWN_PATH', '"__proto__" is not a spec field');
    expectError(cli(['run', 'helium', '--set', 'blocks.1.curve.entries.length=4294967296', '--quiet']), 'SPEC_UNKNOWN_PATH', '"length" is not a spec field');
    expectError(cli(['run', 'toString', '--quiet']), 'MODEL_UNKNOWN', 'unknown model "toString"');
  });
});
