#!/usr/bin/env node
/**
 * The `flywheel` command line. `flywheel --help` lists the commands.
 * Bad input exits with status 2 and prints the FlywheelError's code, path and hint (no stack).
 */
import { accessSync, constants as fsConstants, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chains, models, withChain } from '@flywheel/models';
import { ErrorCodes, FlywheelError, fail, showValue, type ModelSpec } from '@flywheel/spec';
import cliProgress from 'cli-progress';
import { flywheel, type FlywheelBuilder } from './builder.js';
import type { RunResult } from './result.js';
import type { MetricName } from './metrics.js';
import { sweep } from './sweep.js';
import { createRequire } from 'node:module';
import { mergeShards, type Shard } from './shard.js';
import type { SensitivityShard } from './analysis/shard.js';
import { mergeShardFiles, writeShardFile } from './shard-file.js';
import { compare, compareCSV, formatCompareTable } from './compare.js';
import { defaultMetrics } from './program/compile.js';
import { ANALYSIS_HELP } from './analysis/help.js';
import { modelDocuments, writeReport } from './report-file.js';

const HELP = `flywheel — DePIN token-economy simulations

Usage:
  flywheel list
  flywheel run <model | spec.json> [options]
  flywheel run <model> --shard I/N --out DIR [options]   one shard of the runs (writes DIR/<model>-shard-I-of-N.fwshard)
  flywheel merge <shard.fwshard>... [--format table|json|csv] [--statistics auto|exact|streaming] [--out DIR] [--quiet]
  flywheel merge <sensitivity-shard.json>... [--format table|json|csv] [--out DIR] [--report FILE.html]
  flywheel sweep <model> (--grid path=a,b,c | --grid path=lo..hi:n)... [options]
  flywheel compare [model...] [--years Y] [--runs R] [--seed S] [--chain C] [--format table|json|csv]
                         every model (or the ones named) over the same horizon, one row each
  flywheel report <model | spec.json> --out DIR [options]   one self-contained HTML file (DIR/<model>.html)

Options for run:
  --years Y              horizon in years            --steps N     horizon in steps
  --runs R               Monte Carlo runs            --seed S      integer seed (0 … 2^32−1)
  --engine wasm|reference                            (default wasm)
  --set path=value       change a spec field; repeatable; value is JSON or a bare string
                         e.g. --set params.growth=0.3
  --format table|json|csv|paths
                         what to print (default table); paths: every run's path as long CSV
                         (run, t, date, one column per metric; keeps every run in memory)
  --out DIR              also write <model>.json and <model>.csv into DIR
  --threads N|auto       worker threads (default auto); results do not depend on it
  --metrics a,b,...      store and print only these metrics (less memory for many runs)
  --statistics auto|exact|streaming
                         exact percentiles from every run, or streaming ones (a quantile
                         sketch within a stated relative error, 0.78% to 3.1%; memory does not
                         grow with runs); auto (default): exact up to 256 MiB of per-run
                         values, streaming beyond
  --allow-long           run even when the work is estimated above about an hour on one core
  --chain solana|arbitrum|iotex|peaq
                         add the cost of the model's on-chain side on that chain (docs/models/chains.md):
                         chain.costUsd, chain.ops, chain.utilisation, chain.fee
  --quiet                no progress bar
  -h, --help             this help (after any command too)
  -v, --version          the version

Options for compare (default: every registered model, 10 years, 200 runs):
  --years Y --runs R --seed S --engine --threads --chain C --out DIR
  --format table|json|csv

Options for report: those of run (but --format and --shard); the file has inline SVG charts,
  the summary, the yearly table, the parameters with their sources, the calibration table, the
  run settings and seed, and opens offline

Options for sweep (plus --runs --seed --steps --years --set --engine --threads --format json|csv --out):
  --grid path=a,b,c      values for one spec path; repeat for a cartesian grid
  --grid path=lo..hi:n   n evenly spaced values from lo to hi
${ANALYSIS_HELP}`;

function usage(message: string, path: string, value: unknown, hint: string): never {
  fail(ErrorCodes.CLI_INVALID_ARGUMENT, path, value, message, hint);
}

function num(name: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  // decimal notation only: Number() would also take 0x10, 0b1, 1e3 for a count of runs
  const v = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (raw.trim() === '' || !Number.isFinite(v) || (integer && (!Number.isInteger(v) || /[.e]/i.test(raw)))) {
    usage(`--${name} must be ${integer ? 'an integer' : 'a number'}`, `--${name}`, raw, `Use e.g. --${name} ${integer ? 100 : 10}.`);
  }
  return v;
}

function parseSet(raw: string): [string, unknown] {
  const eq = raw.indexOf('=');
  if (eq <= 0) fail(ErrorCodes.SET_INVALID_VALUE, raw, raw, '--set needs path=value', 'Use e.g. --set params.growth=0.3');
  const path = raw.slice(0, eq);
  const text = raw.slice(eq + 1);
  if (text === '') fail(ErrorCodes.SET_INVALID_VALUE, path, text, 'empty value', `Give a value, e.g. --set ${path}=1`);
  try {
    return [path, JSON.parse(text)];
  } catch {
    return [path, text];
  }
}

const fmt = (v: number | null): string => {
  if (v === null) return '—';
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(4);
};
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/** The yearly table `flywheel run` prints. */
export function formatTable(result: RunResult): string {
  const rows = result.yearly();
  const head = ['year', 'end date', 'total supply', 'circulating', 'minted', 'burned', 'burn/mint', 'inflation', 'price p5', 'price p50', 'price p95', 'active providers'];
  const body = rows.map((r) => [
    String(r.year),
    r.date ?? '',
    fmt(r.totalSupplyP50),
    fmt(r.circulatingSupplyP50),
    fmt(r.minted),
    fmt(r.burned),
    r.burnMintRatio === null ? '—' : r.burnMintRatio.toFixed(3),
    pct(r.inflation),
    `$${fmt(r.priceP5)}`,
    `$${fmt(r.priceP50)}`,
    `$${fmt(r.priceP95)}`,
    fmt(r.activeProvidersP50),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const s = result.summary();
  const growthNote = result.summaryNotes().supplyGrowthPerYear;
  return [
    `${result.model}: ${result.runs} runs × ${result.steps} ${result.step} steps, seed ${result.seed}, ${result.engine} engine, ${result.statisticsNote()}`,
    'supply and price: p50 at year end; minted/burned: mean over the year; inflation: growth of mean total supply',
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `cumulative burned / minted (mean): ${s.burnMintRatioOverall === null ? '—' : s.burnMintRatioOverall.toFixed(3)}; ` +
      `supply growth ${s.supplyGrowthPerYear === null && growthNote ? `— (${growthNote})` : `${pct(s.supplyGrowthPerYear)}/yr`}; final price p5/p50/p95 $${fmt(s.finalPriceP5)} / $${fmt(s.finalPriceP50)} / $${fmt(s.finalPriceP95)}`,
  ].join('\n');
}

/** Options shared by `run` and `sweep`. */
const COMMON_OPTIONS = {
  years: { type: 'string' },
  steps: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  engine: { type: 'string' },
  set: { type: 'string', multiple: true },
  format: { type: 'string' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
  threads: { type: 'string' },
  metrics: { type: 'string' },
  statistics: { type: 'string' },
  'allow-long': { type: 'boolean' },
  chain: { type: 'string' },
} as const;

interface CommonValues {
  years?: string | undefined;
  steps?: string | undefined;
  runs?: string | undefined;
  seed?: string | undefined;
  engine?: string | undefined;
  set?: string[] | undefined;
  threads?: string | undefined;
  metrics?: string | undefined;
  statistics?: string | undefined;
  'allow-long'?: boolean | undefined;
  chain?: string | undefined;
}

/** A spec from a JSON file (validated later, with the rest of the options). */
function readSpecFile(path: string): ModelSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return usage(`cannot read the spec file: ${(e as Error).message}`, 'model', path, 'Give the path of a spec file (JSON), or a model name from "flywheel list".');
  }
  try {
    return JSON.parse(text) as ModelSpec;
  } catch (e) {
    return usage(`the spec file is not JSON: ${(e as Error).message}`, 'model', path, 'Write the spec as JSON (docs/spec.md has a complete example).');
  }
}

/** Fails with the catalogue's names unless `chain` is one of its chains. */
function checkChain(chain: string): void {
  if (!Object.hasOwn(chains, chain)) fail(ErrorCodes.MODEL_UNKNOWN, '--chain', chain, `unknown chain "${chain}"`, `Known chains: ${Object.keys(chains).join(', ')}.`);
}

/** The model named by the first positional argument, and a builder with the common options applied. */
function setup(positionals: string[], values: CommonValues): { name: string; builder: FlywheelBuilder; engine: 'wasm' | 'reference' } {
  const name = positionals[0];
  if (!name) usage('missing model name', 'model', undefined, `Run "flywheel list"; known models: ${Object.keys(models).join(', ')}.`);
  if (positionals.length > 1) usage('too many arguments', 'model', positionals.slice(1), 'Give one model name; options start with --.');
  let spec = name.endsWith('.json') ? readSpecFile(name) : Object.hasOwn(models, name) ? models[name]!.create() : undefined;
  if (!spec) fail(ErrorCodes.MODEL_UNKNOWN, 'model', name, `unknown model "${name}"`, `Known models: ${Object.keys(models).join(', ')}; or give a spec file (a path ending in .json).`);
  if (values.chain !== undefined) {
    checkChain(values.chain);
    spec = withChain(spec, values.chain);
  }
  const engine = values.engine ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'reference') usage('unknown engine', '--engine', engine, 'Use wasm or reference.');
  if (values.years !== undefined && values.steps !== undefined) usage('give --years or --steps, not both', '--years', values.years, 'Drop one of them.');
  let b = flywheel(spec).engine(engine);
  const years = num('years', values.years, false);
  if (years !== undefined) b = b.years(years);
  const steps = num('steps', values.steps, true);
  if (steps !== undefined) b = b.steps(steps);
  const runs = num('runs', values.runs, true);
  if (runs !== undefined) b = b.runs(runs);
  const seed = num('seed', values.seed, true);
  if (seed !== undefined) b = b.seed(seed);
  for (const raw of values.set ?? []) b = b.set(...parseSet(raw));
  if (values.threads !== undefined && values.threads !== 'auto') {
    const n = num('threads', values.threads, true)!;
    if (n < 1) usage('--threads must be at least 1', '--threads', values.threads, 'Use e.g. --threads 2, or auto.');
    b = b.threads(n);
  }
  if (values.metrics !== undefined) b = b.metrics(values.metrics.split(',').map((m) => m.trim()) as MetricName[]);
  else if (values.chain !== undefined) b = b.metrics([...defaultMetrics(b.validate()), 'chain.costUsd', 'chain.ops', 'chain.utilisation', 'chain.fee'] as MetricName[]);
  if (values.statistics !== undefined) {
    if (values.statistics !== 'auto' && values.statistics !== 'exact' && values.statistics !== 'streaming')
      usage('unknown statistics mode', '--statistics', values.statistics, 'Use auto, exact or streaming.');
    b = b.statistics(values.statistics);
  }
  if (values['allow-long']) {
    b = b.allowLong();
  }
  // output files are named after the model: a spec file's own name, made safe for a file name
  const label = name.endsWith('.json') ? String(spec.name ?? 'model').replace(/[^A-Za-z0-9._-]+/g, '_') : name;
  return { name: label, builder: b, engine };
}

async function cmdRun(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { ...COMMON_OPTIONS, shard: { type: 'string' } } });
  const format = values.format ?? 'table';
  if (!['table', 'json', 'csv', 'paths'].includes(format)) usage('unknown format', '--format', format, 'Use table, json, csv or paths.');
  const { name, builder } = setup(positionals, values);
  let b = format === 'paths' ? builder.keepRuns() : builder;
  b.validate();
  if (values.out !== undefined) writableDir(values.out); // before the run, not after it
  if (values.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(values.shard);
    if (!m || Number(m[1]) >= Number(m[2])) usage('--shard must be I/N with 0 ≤ I < N', '--shard', values.shard, 'e.g. --shard 0/4 (shards are numbered from 0).');
    if (!values.out) usage('--shard needs --out DIR', '--out', undefined, 'Give the folder the shard file is written to.');
    const [i, n] = [Number(m[1]), Number(m[2])];
    const file = join(values.out, `${name}-shard-${i}-of-${n}.fwshard`);
    // written block by block as the runs are computed: memory does not grow with the shard's runs
    const shard = await writeShardFile(file, b.spec(), i, n, b.options());
    process.stderr.write(`wrote ${file} (runs ${shard.runStart}–${shard.runEnd - 1})\n`);
    return;
  }
  let bar: cliProgress.SingleBar | undefined;
  const started = Date.now();
  if (!values.quiet && process.stderr.isTTY) {
    b = b.onProgress((done, total) => {
      if (!bar && Date.now() - started > 1000 && done < total) {
        bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'runs {bar} {value}/{total} | {eta}s left', hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      }
      bar?.update(done);
    });
  }
  const result = await b.run();
  bar?.stop();

  await output(result, name, format, values.out);
}

/** Makes sure `dir` exists (creating it) and can be written, or fails with CLI_INVALID_ARGUMENT. */
function writableDir(dir: string): void {
  try {
    // one level at a time: Node's recursive mkdir loops forever where a filesystem refuses to
    // create anything (e.g. /proc/x answers ENOENT, and /proc itself exists)
    const abs = resolve(dir);
    let path = abs.startsWith('/') ? '/' : '';
    for (const part of abs.split(/[\\/]/).filter((p) => p !== '')) {
      path = path === '' || path.endsWith('/') || path.endsWith('\\') ? `${path}${part}` : `${path}/${part}`;
      if (!existsSync(path)) mkdirSync(path);
    }
    accessSync(abs, fsConstants.W_OK);
  } catch (e) {
    usage(`cannot write to --out ${dir}: ${(e as Error).message}`, '--out', dir, 'Give a folder you can write to; it is created if missing.');
  }
}

/** A bad value as the error shows it: JSON, but Infinity and NaN as themselves, also inside lists (JSON writes null). */
function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  return showValue(v, 2000);
}

/** Writes pieces of text to a stream as it accepts them (waits for 'drain' instead of buffering everything). */
async function writeAll(stream: NodeJS.WritableStream, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (!stream.write(piece)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  }
}

/** Writes pieces of text to a file, streamed. */
async function writeFileStreamed(path: string, pieces: Iterable<string>): Promise<void> {
  const file = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => file.once('error', reject));
  await Promise.race([writeAll(file, pieces), failed]);
  await Promise.race([new Promise<void>((resolve) => file.end(resolve)), failed]);
}

async function output(result: RunResult, name: string, format: string, out: string | undefined): Promise<void> {
  if (out) {
    writableDir(out);
    writeFileSync(join(out, `${name}.json`), JSON.stringify(result));
    writeFileSync(join(out, `${name}.csv`), result.toCSV());
    // every run's path can be far larger than one string may be: streamed
    if (result.hasRuns) await writeFileStreamed(join(out, `${name}-paths.csv`), result.pathsCSVChunks());
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify(result)}\n`);
  else if (format === 'paths') await writeAll(process.stdout, result.pathsCSVChunks());
  else if (format === 'csv') process.stdout.write(result.toCSV());
  else process.stdout.write(`${formatTable(result)}${result.has('chain.costUsd') ? `\n${chainLine(result)}` : ''}\n`);
}

/** The on-chain cost line under the table of a run with --chain. */
function chainLine(result: RunResult): string {
  const cost = result.metric('chain.costUsd').mean,
    ops = result.metric('chain.ops').mean,
    util = result.metric('chain.utilisation').mean;
  let c = 0,
    o = 0,
    peak = 0;
  for (let t = 1; t <= result.steps; t++) {
    c += cost[t]!;
    o += ops[t]!;
    peak = Math.max(peak, util[t]!);
  }
  const perYear = 365 / (result.steps * result.stepDays);
  return `on-chain (mean): $${fmt(c * perYear)}/yr, ${fmt(o * perYear)} operations/yr, peak utilisation ${pct(peak)} of the chain's throughput`;
}

function parseGrid(raw: string): [string, unknown[]] {
  const eq = raw.indexOf('=');
  if (eq <= 0) fail(ErrorCodes.SET_INVALID_VALUE, raw, raw, '--grid needs path=values', 'Use --grid path=a,b,c or --grid path=lo..hi:n');
  const path = raw.slice(0, eq);
  const text = raw.slice(eq + 1);
  const range = /^(-?[\d.e+-]+)\.\.(-?[\d.e+-]+):(\d+)$/.exec(text);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    const n = Number(range[3]);
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && n >= 1)) fail(ErrorCodes.SET_INVALID_VALUE, path, text, 'bad range', 'Use lo..hi:n, e.g. 0.1..0.5:5');
    return [path, Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)))];
  }
  const values = text.split(',').map((v) => {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  });
  if (values.some((v) => v === '')) fail(ErrorCodes.SET_INVALID_VALUE, path, text, 'empty value in the list', 'Use --grid path=a,b,c');
  return [path, values];
}

async function cmdSweep(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { ...COMMON_OPTIONS, grid: { type: 'string', multiple: true } } });
  if (!values.grid?.length) usage('sweep needs at least one --grid', '--grid', undefined, 'e.g. --grid params.growth=0.1,0.4,1');
  const format = values.format ?? 'csv';
  if (!['json', 'csv'].includes(format)) usage('unknown format', '--format', format, 'Use csv or json.');
  const { name, builder: b } = setup(positionals, values);
  const grid = Object.fromEntries(values.grid.map(parseGrid));
  const result = await sweep(b.spec(), { grid }, b.options());
  const text = format === 'json' ? `${JSON.stringify(result)}\n` : result.toCSV();
  if (values.out) {
    writableDir(values.out);
    writeFileSync(join(values.out, `${name}-sweep.${format}`), text);
  }
  process.stdout.write(text);
}

async function cmdMerge(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string' }, out: { type: 'string' }, statistics: { type: 'string' }, report: { type: 'string' }, quiet: { type: 'boolean' } },
  });
  if (positionals.length === 0) usage('no shard files given', 'shards', undefined, 'flywheel merge out/helium-shard-*.fwshard');
  const format = values.format ?? 'table';
  if (!['table', 'json', 'csv'].includes(format)) usage('unknown format', '--format', format, 'Use table, json or csv.');
  const statistics = values.statistics ?? 'auto';
  if (statistics !== 'auto' && statistics !== 'exact' && statistics !== 'streaming') usage('unknown statistics mode', '--statistics', statistics, 'Use auto, exact or streaming.');
  if (values.out !== undefined) writableDir(values.out);
  let result: RunResult;
  if (positionals.every((f) => f.endsWith('.json'))) {
    // shards of the SDK's runShard, saved as JSON (flywheel-shard/2)
    const shards = positionals.map((f) => {
      try {
        return JSON.parse(readFileSync(f, 'utf8')) as Shard;
      } catch (e) {
        return usage(`cannot read shard file: ${(e as Error).message}`, 'shards', f, 'Pass files written by flywheel run --shard or flywheel sensitivity --shard.');
      }
    });
    // shards of a sensitivity analysis (flywheel sensitivity --shard I/N)
    if (shards.some((s) => (s as { format?: unknown } | null)?.format === 'flywheel-sensitivity-shard/1')) {
      if (values.statistics !== undefined) usage('--statistics is for shards of runs', '--statistics', values.statistics, 'Drop --statistics when merging a sensitivity analysis.');
      const report = values.report;
      if (report !== undefined) writableDir(dirname(resolve(report))); // before the merge, not after it
      const { mergeSensitivityCommand } = await import('./analysis/cli.js');
      mergeSensitivityCommand(positionals, shards as unknown as SensitivityShard[], format, values.out, report, args, { writableDir });
      return;
    }
    if (values.report !== undefined) usage('--report is for shards of a sensitivity analysis', '--report', values.report, 'Use flywheel report for a run, or drop --report.');
    result = await mergeShards(shards, { names: positionals });
  } else result = await mergeShardFiles(positionals, { statistics });
  await output(result, result.model, format, values.out);
}

async function cmdCompare(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      years: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      engine: { type: 'string' },
      threads: { type: 'string' },
      chain: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  const format = values.format ?? 'table';
  if (!['table', 'json', 'csv'].includes(format)) usage('unknown format', '--format', format, 'Use table, json or csv.');
  for (const n of positionals) {
    if (!Object.hasOwn(models, n)) fail(ErrorCodes.MODEL_UNKNOWN, 'model', n, `unknown model "${n}"`, `Known models: ${Object.keys(models).join(', ')}.`);
  }
  if (values.chain !== undefined) checkChain(values.chain);
  const engine = values.engine ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'reference') usage('unknown engine', '--engine', engine, 'Use wasm or reference.');
  const years = num('years', values.years, false);
  if (years !== undefined && !(years > 0)) usage('--years must be positive', '--years', values.years, 'Use e.g. --years 10.');
  const runs = num('runs', values.runs, true);
  if (runs !== undefined && runs < 1) usage('--runs must be at least 1', '--runs', values.runs, 'Use e.g. --runs 100.');
  const seed = num('seed', values.seed, true);
  let threads: number | 'auto' = 'auto';
  if (values.threads !== undefined && values.threads !== 'auto') {
    threads = num('threads', values.threads, true)!;
    if (threads < 1) usage('--threads must be at least 1', '--threads', values.threads, 'Use e.g. --threads 2, or auto.');
  }
  if (values.out !== undefined) writableDir(values.out);
  const showProgress = !values.quiet && process.stderr.isTTY;
  const result = await compare(positionals, {
    ...(years !== undefined ? { years } : {}),
    ...(runs !== undefined ? { runs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(values.chain !== undefined ? { chain: values.chain } : {}),
    engine,
    threads,
    onModel: (done, total, name) => {
      if (showProgress) process.stderr.write(`\r${name} done (${done}/${total})${done === total ? '\n' : ''}`);
    },
  });
  const json = `${JSON.stringify(result)}\n`;
  if (values.out) {
    writeFileSync(join(values.out, 'compare.json'), json);
    writeFileSync(join(values.out, 'compare.csv'), compareCSV(result));
  }
  if (format === 'json') process.stdout.write(json);
  else if (format === 'csv') process.stdout.write(compareCSV(result));
  else process.stdout.write(`${formatCompareTable(result)}\n`);
}

async function cmdReport(args: string[]): Promise<void> {
  const { format: _f, ...options } = COMMON_OPTIONS;
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options });
  if (!values.out) usage('report needs --out DIR', '--out', undefined, 'Give the folder the HTML file is written to, e.g. --out report/');
  const { name, builder } = setup(positionals, values);
  builder.validate();
  writableDir(values.out);
  const result = await builder.run();
  const spec = builder.spec();
  const registered = Object.hasOwn(models, positionals[0]!) ? positionals[0]! : undefined;
  const file = join(values.out, `${name}.html`);
  writeReport(file, {
    result,
    spec,
    version: VERSION,
    sets: (values.set ?? []).map(parseSet),
    defaults: registered ? models[registered]!.create().params : undefined,
    ...(registered ? modelDocuments(registered) : {}),
  });
  if (!values.quiet) process.stderr.write(`wrote ${file}\n`);
}

function cmdList(): void {
  const width = Math.max(...Object.keys(models).map((n) => n.length));
  for (const m of Object.values(models)) process.stdout.write(`${m.name.padEnd(width)}  ${m.description}\n`);
}

/** Runs the CLI with `argv` (without node and script); returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  try {
    const [cmd, ...given] = argv;
    if (cmd === undefined || cmd === '-h' || cmd === '--help' || cmd === 'help') {
      process.stdout.write(HELP);
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === '--version' || cmd === '-v') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    // `flywheel run helium --help`: the help, whatever the command
    if (given.includes('--help') || given.includes('-h')) {
      process.stdout.write(HELP);
      return 0;
    }
    // a negative number after an option that takes a value is that value (`--seed -1`), not an option
    const rest: string[] = [];
    for (let i = 0; i < given.length; i++) {
      const a = given[i]!;
      const next = given[i + 1];
      if (a.startsWith('--') && !a.includes('=') && next !== undefined && /^-\d/.test(next)) {
        rest.push(`${a}=${next}`);
        i++;
      } else rest.push(a);
    }
    if (cmd === 'list') cmdList();
    else if (cmd === 'run') await cmdRun(rest);
    else if (cmd === 'sweep') await cmdSweep(rest);
    else if (cmd === 'merge') await cmdMerge(rest);
    else if (cmd === 'compare') await cmdCompare(rest);
    else if (cmd === 'sensitivity' || cmd === 'calibrate' || cmd === 'risk')
      await (await import('./analysis/cli.js')).analysisCommand(cmd, rest, { setup, usage, num, writableDir, options: COMMON_OPTIONS });
    else if (cmd === 'report') await cmdReport(rest);
    else usage(`unknown command "${cmd}"`, 'command', cmd, 'Use "flywheel list" or "flywheel run <model>"; see flywheel --help.');
    return 0;
  } catch (e) {
    if (e instanceof FlywheelError) {
      process.stderr.write(`flywheel: error ${e.code} at ${e.path || '(root)'}: ${e.issues[0]!.message} (got ${shown(e.value)})\n  hint: ${e.hint}\n`);
      for (const extra of e.issues.slice(1, 6)) process.stderr.write(`  also ${extra.code} at ${extra.path}: ${extra.message}\n`);
      return 2;
    }
    const err = e as { code?: string; message?: string };
    if (typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`flywheel: error ${ErrorCodes.CLI_INVALID_ARGUMENT}: ${err.message}\n  hint: see flywheel --help\n`);
      return 2;
    }
    process.stderr.write(`flywheel: internal error: ${err.message ?? String(e)}\n  (set FLYWHEEL_DEBUG=1 for the stack; please report it)\n`);
    if (process.env.FLYWHEEL_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}

/** The SDK's version (its package.json). */
const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/flywheel') || process.argv[1]?.endsWith('/cli.js');
if (isMain) {
  // A reader that stops early (`flywheel run ... | head`) closes the pipe: stop quietly, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
