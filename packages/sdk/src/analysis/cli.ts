/**
 * The analysis commands of the CLI (`flywheel sensitivity`, `calibrate`, `risk`). cli.ts hands
 * them its shared helpers, so that this module holds each command whole.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FlywheelError, PERIOD_DAYS, setPath, type ModelSpec } from '@flywheel/spec';
import type { FlywheelBuilder } from '../builder.js';
import { renderAnalysisReport, calibrationBand, type AnalysisReportInput, type AnalysisSection } from '../report-analysis.js';
import { run, type RunOptions } from '../run.js';
import { calibrate, type CalibrationResult } from './calibrate.js';
import { rareEvent, risk, type ParamDistribution, type RareEventResult, type RiskResult } from './risk.js';
import { sensitivity, sensitivitySettings, type SensitivityResult } from './sensitivity.js';
import { mergeSensitivityShards, sensitivityShard, type SensitivityShard } from './shard.js';

export { ANALYSIS_HELP } from './help.js';

/** What cli.ts lends the analysis commands. */
export interface CliKit {
  setup: (positionals: string[], values: Record<string, unknown>) => { name: string; builder: FlywheelBuilder };
  usage: (message: string, path: string, value: unknown, hint: string) => never;
  num: (name: string, raw: string | undefined, integer: boolean) => number | undefined;
  writableDir: (dir: string) => void;
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
}

function parseRange(kit: CliKit, raw: string, flag = '--param'): [string, [number, number]] {
  const eq = raw.indexOf('=');
  const m = eq > 0 ? /^(-?[\d.]+(?:e[+-]?\d+)?)\.\.(-?[\d.]+(?:e[+-]?\d+)?)$/i.exec(raw.slice(eq + 1)) : null;
  if (!m) kit.usage(`${flag} needs path=lo..hi`, flag, raw, `e.g. ${flag} params.growth=0.1..0.6`);
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) kit.usage(`${flag}: lo must be below hi`, flag, raw, `e.g. ${flag} params.growth=0.1..0.6`);
  return [raw.slice(0, eq), [lo, hi]];
}

function parseDist(kit: CliKit, raw: string): [string, ParamDistribution] {
  const m = /^([^=]+)=(normal|uniform|lognormal):(-?[\d.]+(?:e[+-]?\d+)?),(-?[\d.]+(?:e[+-]?\d+)?)$/i.exec(raw);
  if (!m) kit.usage('--uncertain needs path=normal:MEAN,SD, path=uniform:LO,HI or path=lognormal:MEDIAN,SIGMA', '--uncertain', raw, 'e.g. --uncertain params.growth=normal:0.4,0.15');
  const pair = [Number(m[3]), Number(m[4])] as const;
  const kind = m[2]!.toLowerCase();
  return [m[1]!, kind === 'normal' ? { normal: pair } : kind === 'uniform' ? { uniform: pair } : { lognormal: pair }];
}

const f = (v: number, digits = 4): string => (Number.isFinite(v) ? (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(digits)) : String(v));

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(w[i]!) : x.padStart(w[i]!))).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

/** The table `flywheel sensitivity` prints. */
export function formatSensitivity(r: SensitivityResult, model: string): string {
  const pct = `${Math.round(r.confidence * 100)}%`;
  const headLine = `${model}: ${r.method === 'sobol' ? 'Sobol indices' : 'Morris elementary effects'} of ${r.output} over ${r.params.length} parameters, ${r.evaluations} Monte Carlos; output mean ${f(r.mean)}, variance ${f(r.variance)}`;
  const body =
    r.method === 'sobol'
      ? table(
          ['parameter', 'S1', `± (${pct})`, 'ST', `± (${pct})`],
          r.sobol!.map((s) => [s.param, f(s.S1, 3), f(s.S1Conf, 3), f(s.ST, 3), f(s.STConf, 3)]),
        )
      : table(
          ['parameter', 'mu*', `± (${pct})`, 'mu', 'sigma'],
          r.morris!.map((m) => [m.param, f(m.muStar), f(m.muStarConf), f(m.mu), f(m.sigma)]),
        );
  const note =
    r.method === 'sobol'
      ? 'S1: share of the variance the parameter explains alone; ST: with its interactions; ST − S1 large: interactions'
      : 'mu*: mean |effect| of moving the parameter over its whole range (ranking); sigma ≳ mu*: non-linear or interacting';
  return [headLine, '', body, '', note, ...r.warnings.map((w) => `warning: ${w}`)].join('\n');
}

/** A sensitivity result as `flywheel sensitivity` (and `flywheel merge` of its shards) prints it. */
export function sensitivityText(r: SensitivityResult, model: string, format: string): string {
  if (format === 'json') return JSON.stringify(r);
  if (format !== 'csv') return formatSensitivity(r, model);
  return r.method === 'sobol'
    ? ['param,S1,S1_conf,S1_lo,S1_hi,ST,ST_conf,ST_lo,ST_hi', ...r.sobol!.map((x) => [x.param, x.S1, x.S1Conf, ...x.S1Interval, x.ST, x.STConf, ...x.STInterval].join(','))].join('\n')
    : ['param,mu_star,mu_star_conf,mu,sigma', ...r.morris!.map((x) => [x.param, x.muStar, x.muStarConf, x.mu, x.sigma].join(','))].join('\n');
}

/** The table `flywheel calibrate` prints. */
export function formatCalibration(r: CalibrationResult, model: string): string {
  const pct = `${Math.round(r.confidence * 100)}%`;
  const rows = Object.keys(r.params).map((p) => [
    p,
    f(r.initial[p]!),
    f(r.params[p]!),
    f(r.uncertainty[p]!.standardError),
    `${f(r.uncertainty[p]!.interval[0])} … ${f(r.uncertainty[p]!.interval[1])}`,
  ]);
  const fitRows = (rows: CalibrationResult['fit']) =>
    table(
      ['date', 'step', 'observed', 'model', 'residual'],
      rows.map((x) => [x.date, String(x.step), f(x.observed), f(x.model), f(x.residual)]),
    );
  const out = [
    `${model}: ${r.metric} (${r.stat}) fitted to ${r.fit.length} observations, ${r.loss} residuals; ${r.evaluations} Monte Carlos, ${r.converged ? 'converged' : 'stopped at the evaluation budget'}`,
    '',
    table(['parameter', 'spec value', 'fitted', 'std error', `${pct} interval`], rows),
    '(standard errors: Gauss–Newton, s²(JᵀJ)⁻¹ at the optimum, J by central differences)',
    '',
    fitRows(r.fit),
    `fit: RMSE ${f(r.fitError.rmse)} (${r.loss}), MAPE ${(r.fitError.mape * 100).toFixed(2)}%`,
  ];
  if (r.backtest) {
    out.push('', `backtest: fitted on the first ${r.backtest.trainCount} observations, forecast of the other ${r.backtest.forecast.length}:`, fitRows(r.backtest.forecast));
    out.push(`forecast: RMSE ${f(r.backtest.error.rmse)}, MAPE ${(r.backtest.error.mape * 100).toFixed(2)}% (the spec's own values: MAPE ${(r.backtest.initialError.mape * 100).toFixed(2)}%)`);
  }
  return [...out, ...r.warnings.map((w) => `warning: ${w}`)].join('\n');
}

/** The table `flywheel risk` prints. */
export function formatRisk(r: RiskResult, rare: RareEventResult[]): string {
  const pct = `${Math.round(r.confidence * 100)}%`;
  const out = [
    `${r.model}: event probabilities over ${r.runs} runs (Wilson ${pct} intervals)`,
    '',
    table(
      ['event', 'runs hit', 'probability', `${pct} interval`, 'median first step'],
      r.events.map((e) => [e.event, `${e.hits}/${e.runs}`, f(e.probability), `${f(e.interval[0])} … ${f(e.interval[1])}`, e.medianFirstStep === null ? '—' : String(e.medianFirstStep)]),
    ),
  ];
  for (const x of rare) {
    out.push('', `rare-event estimate of ${x.event} under parameter uncertainty (${x.estimand}):`);
    out.push(
      table(
        ['estimator', 'Monte Carlos', 'probability', 'std error', `${pct} interval`],
        [
          [
            'importance sampling (cross-entropy)',
            String(x.importance.evaluations),
            f(x.importance.probability),
            f(x.importance.standardError),
            `${f(x.importance.interval[0])} … ${f(x.importance.interval[1])}`,
          ],
          ...(x.plain
            ? [['plain Monte Carlo over the prior', String(x.plain.evaluations), f(x.plain.probability), f(x.plain.standardError), `${f(x.plain.interval[0])} … ${f(x.plain.interval[1])}`]]
            : []),
        ],
      ),
    );
    out.push(
      `variance reduction at equal cost: ${f(x.varianceReduction, 1)}×${x.varianceReductionMeasured !== undefined ? ` (measured against the plain run's own variance: ${f(x.varianceReductionMeasured, 1)}×)` : ''}; ${x.levels} cross-entropy levels; proposal ${Object.entries(
        x.proposal,
      )
        .map(([k, v]) => `${k} ≈ ${f(v.valueAtMean)}`)
        .join(', ')}`,
    );
    out.push(...x.warnings.map((w) => `warning: ${w}`));
  }
  return out.join('\n');
}

function progress(label: string, quiet: boolean | undefined) {
  if (quiet || !process.stderr.isTTY) return undefined;
  return (done: number, total: number) => process.stderr.write(`\r${label}: ${done}/${total} Monte Carlos${done === total ? '\n' : ''}`);
}

function emit(kit: Pick<CliKit, 'writableDir'>, out: string | undefined, file: string, text: string): void {
  if (out) {
    kit.writableDir(out);
    writeFileSync(join(out, file), text);
  }
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** An argument as a shell would need it to read it back (quoted when it holds more than plain characters). */
const shellWord = (a: string): string => (/^[A-Za-z0-9_./:=@,+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** What the report says about the Monte Carlo each evaluation runs. */
function runInfo(spec: ModelSpec, runOptions: RunOptions): AnalysisReportInput['run'] {
  const step = spec.time.step as unknown;
  const stepDays = typeof step === 'object' && step !== null ? (step as { seconds: number }).seconds / 86_400 : (PERIOD_DAYS as Record<string, number>)[step as string];
  return {
    runs: spec.monteCarlo.runs,
    steps: spec.time.steps,
    step: typeof step === 'object' ? `${(step as { seconds: number }).seconds} s` : String(step),
    stepDays,
    start: spec.time.start,
    seed: spec.monteCarlo.seed,
    engine: runOptions.engine ?? 'wasm',
  };
}

/** Writes the analysis report `--report FILE`: the page, and a line on stderr. */
function writeAnalysisReport(file: string, name: string, cmd: string, args: string[], spec: ModelSpec, runOptions: RunOptions, sets: string[], section: AnalysisSection, quiet: boolean): void {
  const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  const html = renderAnalysisReport({
    model: name,
    spec: { name: String(spec.name ?? name), description: typeof spec.description === 'string' ? spec.description : undefined },
    run: runInfo(spec, runOptions),
    sets: sets.map((raw) => {
      const eq = raw.indexOf('=');
      const text = raw.slice(eq + 1);
      try {
        return [raw.slice(0, eq), JSON.parse(text)] as const;
      } catch {
        return [raw.slice(0, eq), text] as const;
      }
    }),
    command: ['flywheel', cmd, ...args].map(shellWord).join(' '),
    version,
    analyses: [section],
  });
  writeFileSync(file, html);
  if (!quiet) process.stderr.write(`wrote ${file}\n`);
}

/**
 * `flywheel merge` of sensitivity shards (`flywheel sensitivity … --shard I/N`): checks and merges
 * them, prints the result as `flywheel sensitivity` does, and writes `--out` and `--report`.
 */
export function mergeSensitivityCommand(
  files: readonly string[],
  shards: readonly SensitivityShard[],
  format: string,
  out: string | undefined,
  report: string | undefined,
  args: string[],
  kit: Pick<CliKit, 'writableDir'>,
): void {
  const r = mergeSensitivityShards(shards, files);
  const first = shards[0]!;
  const name = String(first.spec.name ?? 'model');
  emit(kit, out, `${name}-sensitivity.${format === 'table' ? 'txt' : format}`, sensitivityText(r, name, format));
  if (report !== undefined) {
    const o = first.options;
    const section: AnalysisSection = {
      kind: 'sensitivity',
      result: r,
      ranges: Object.fromEntries(Object.entries(o.params).map(([k, [lo, hi]]) => [k, [lo, hi]])),
      settings: sensitivitySettings(o),
    };
    writeAnalysisReport(report, name, 'merge', args, first.spec, { engine: first.engine }, [], section, false);
  }
}

/** Runs `flywheel sensitivity|calibrate|risk` with its arguments. */
export async function analysisCommand(cmd: 'sensitivity' | 'calibrate' | 'risk', args: string[], kit: CliKit): Promise<void> {
  const extra = {
    param: { type: 'string', multiple: true },
    output: { type: 'string' },
    method: { type: 'string' },
    samples: { type: 'string' },
    bootstrap: { type: 'string' },
    skip: { type: 'string' },
    levels: { type: 'string' },
    'analysis-seed': { type: 'string' },
    data: { type: 'string' },
    metric: { type: 'string' },
    stat: { type: 'string' },
    aggregate: { type: 'string' },
    loss: { type: 'string' },
    backtest: { type: 'string' },
    'max-evaluations': { type: 'string' },
    event: { type: 'string', multiple: true },
    confidence: { type: 'string' },
    uncertain: { type: 'string', multiple: true },
    'level-samples': { type: 'string' },
    report: { type: 'string' },
    scale: { type: 'string' },
    shard: { type: 'string' },
  } as const;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...(kit.options as Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>), ...extra },
  });
  const v = values as Record<string, string | string[] | boolean | undefined>;
  const s = (k: string) => v[k] as string | undefined;
  const list = (k: string) => (v[k] as string[] | undefined) ?? [];
  const allowed: Record<string, string[]> = {
    sensitivity: ['param', 'output', 'method', 'samples', 'bootstrap', 'skip', 'levels', 'analysis-seed', 'confidence', 'report', 'shard'],
    calibrate: ['param', 'data', 'metric', 'stat', 'aggregate', 'loss', 'backtest', 'max-evaluations', 'confidence', 'report'],
    risk: ['event', 'confidence', 'uncertain', 'samples', 'level-samples', 'analysis-seed', 'report', 'scale'],
  };
  for (const k of Object.keys(extra))
    if (v[k] !== undefined && !allowed[cmd]!.includes(k))
      kit.usage(`--${k} is not an option of ${cmd}`, `--${k}`, v[k], `Options of ${cmd}: ${allowed[cmd]!.map((o) => `--${o}`).join(', ')} (see flywheel --help).`);
  const format = s('format') ?? 'table';
  const formats = cmd === 'sensitivity' ? ['table', 'json', 'csv'] : ['table', 'json'];
  if (!formats.includes(format)) kit.usage('unknown format', '--format', format, `Use ${formats.join(', ')}.`);
  const report = s('report');
  if (report !== undefined) {
    if (report === '' || report.endsWith('/')) kit.usage('--report needs a file name', '--report', report, 'e.g. --report sensitivity.html (its folder is created if missing).');
    try {
      kit.writableDir(dirname(resolve(report))); // before the analysis, not after it
    } catch (e) {
      if (e instanceof FlywheelError)
        kit.usage(`cannot write --report ${report}: ${e.issues[0]?.message ?? e.message}`, '--report', report, 'Give a file in a folder you can write to; the folder is created if missing.');
      throw e;
    }
  }
  const scale = s('scale');
  if (scale !== undefined && !['auto', 'linear', 'log'].includes(scale)) kit.usage('unknown scale', '--scale', scale, 'Use auto (default), linear or log.');
  if (scale !== undefined && report === undefined) kit.usage("--scale sets the report's probability axis", '--scale', scale, 'Add --report FILE.html, or drop --scale.');
  const { name, builder } = kit.setup(positionals, v);
  const spec: ModelSpec = builder.spec();
  const runOptions = builder.options();
  const conf = kit.num('confidence', s('confidence'), false);
  const seed = kit.num('analysis-seed', s('analysis-seed'), true);
  const toReport = (section: AnalysisSection) => report !== undefined && writeAnalysisReport(report, name, cmd, args, spec, runOptions, list('set'), section, !!v.quiet);
  if (cmd === 'sensitivity') {
    if (list('param').length === 0) kit.usage('sensitivity needs at least one --param path=lo..hi', '--param', undefined, 'e.g. --param params.growth=0.1..0.7');
    if (!s('output')) kit.usage('sensitivity needs --output', '--output', undefined, 'e.g. --output finalPriceP50 or --output price:p50@end');
    const method = s('method') ?? 'sobol';
    if (method !== 'sobol' && method !== 'morris') kit.usage('unknown method', '--method', method, 'Use sobol or morris.');
    const ranges = Object.fromEntries(list('param').map((p) => parseRange(kit, p)));
    const options = {
      params: ranges,
      output: s('output')!,
      method,
      ...(s('samples') !== undefined ? { samples: kit.num('samples', s('samples'), true)! } : {}),
      ...(s('bootstrap') !== undefined ? { bootstrap: kit.num('bootstrap', s('bootstrap'), true)! } : {}),
      ...(s('skip') !== undefined ? { skip: kit.num('skip', s('skip'), true)! } : {}),
      ...(s('levels') !== undefined ? { levels: kit.num('levels', s('levels'), true)! } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(conf !== undefined ? { confidence: conf } : {}),
    } as const;
    const shard = s('shard');
    if (shard !== undefined) {
      // one machine's share of the sample points, merged later by flywheel merge
      const m = /^(\d+)\/(\d+)$/.exec(shard);
      if (!m || Number(m[1]) >= Number(m[2])) kit.usage('--shard must be I/N with 0 ≤ I < N', '--shard', shard, 'e.g. --shard 0/4 (shards are numbered from 0).');
      if (!s('out')) kit.usage('--shard needs --out DIR', '--out', undefined, 'Give the folder the shard file is written to.');
      if (report !== undefined) kit.usage('--report needs the whole analysis', '--report', report, 'Write the report when merging: flywheel merge <shards> --report FILE.html, or drop --report.');
      kit.writableDir(s('out')!);
      const [i, n] = [Number(m[1]), Number(m[2])];
      const part = await sensitivityShard(spec, options, i, n, runOptions);
      const file = join(s('out')!, `${name}-sensitivity-shard-${i}-of-${n}.json`);
      writeFileSync(file, `${JSON.stringify(part)}\n`);
      process.stderr.write(`wrote ${file} (sample points ${part.pointStart}–${part.pointEnd - 1} of ${part.points})\n`);
      return;
    }
    const r = await sensitivity(spec, options, runOptions, progress('sensitivity', v.quiet as boolean | undefined));
    const text = sensitivityText(r, name, format);
    emit(kit, s('out'), `${name}-sensitivity.${format === 'table' ? 'txt' : format}`, text);
    // the settings as used: the defaults of sensitivity() where not given
    toReport({ kind: 'sensitivity', result: r, ranges, settings: sensitivitySettings(options) });
    return;
  }
  if (cmd === 'calibrate') {
    if (list('param').length === 0) kit.usage('calibrate needs at least one --param path=lo..hi', '--param', undefined, 'e.g. --param params.powerGrowth=0..2');
    if (!s('data')) kit.usage('calibrate needs --data file.csv', '--data', undefined, 'A CSV of date,value rows (packages/examples/data/ has examples).');
    if (!s('metric')) kit.usage('calibrate needs --metric', '--metric', undefined, 'The metric the series observes, e.g. --metric cumulativeMinted.');
    let text: string;
    try {
      text = readFileSync(s('data')!, 'utf8');
    } catch (e) {
      return kit.usage(`cannot read --data: ${(e as Error).message}`, '--data', s('data'), 'Give the path of a CSV file of date,value rows.');
    }
    const stat = s('stat') ?? 'p50';
    const aggregate = s('aggregate') ?? 'level';
    const loss = s('loss') ?? 'relative';
    const ranges = Object.fromEntries(list('param').map((p) => parseRange(kit, p)));
    const r = await calibrate(
      spec,
      {
        params: ranges,
        data: text,
        metric: s('metric')!,
        stat: stat as 'p50',
        aggregate: aggregate as 'level',
        loss: loss as 'relative',
        ...(s('backtest') !== undefined ? { backtest: kit.num('backtest', s('backtest'), false)! } : {}),
        ...(s('max-evaluations') !== undefined ? { maxEvaluations: kit.num('max-evaluations', s('max-evaluations'), true)! } : {}),
        ...(conf !== undefined ? { confidence: conf } : {}),
      },
      runOptions,
    );
    emit(kit, s('out'), `${name}-calibration.${format === 'json' ? 'json' : 'txt'}`, format === 'json' ? JSON.stringify(r) : formatCalibration(r, name));
    if (report !== undefined) {
      // the model at the fitted values, as calibrate ran it (to the last observation), for its band
      const rows = [...r.fit, ...(r.backtest?.forecast ?? [])];
      const horizon = Math.max(1, ...rows.map((x) => x.step));
      const at = Object.entries(r.params).reduce((sp, [p, x]) => setPath(sp, p, x), setPath(spec, 'time.steps', horizon));
      const { onProgress: _p, ...ro } = runOptions;
      const fitted = await run(at, { ...ro, metrics: runOptions.metrics ?? [r.metric], ...(aggregate === 'sum' ? { keepRuns: true } : {}) });
      toReport({
        kind: 'calibration',
        result: r,
        ranges,
        band: calibrationBand(fitted, r, aggregate as 'level' | 'sum'),
        data: s('data')!,
        settings: { aggregate: aggregate as 'level' | 'sum', maxEvaluations: s('max-evaluations') !== undefined ? kit.num('max-evaluations', s('max-evaluations'), true)! : 150 },
      });
    }
    return;
  }
  if (list('event').length === 0) kit.usage('risk needs at least one --event', '--event', undefined, 'e.g. --event "price<0.5@end" --event "activeProviders<100@any"');
  const r = await risk(spec, { events: list('event'), ...(conf !== undefined ? { confidence: conf } : {}) }, runOptions);
  const rare: RareEventResult[] = [];
  let uncertain: Record<string, ParamDistribution> | undefined;
  if (list('uncertain').length > 0) {
    const params = Object.fromEntries(list('uncertain').map((u) => parseDist(kit, u)));
    uncertain = params;
    for (const e of list('event')) {
      rare.push(
        await rareEvent(
          spec,
          e,
          {
            params,
            ...(s('samples') !== undefined ? { samples: kit.num('samples', s('samples'), true)! } : {}),
            ...(s('level-samples') !== undefined ? { levelSamples: kit.num('level-samples', s('level-samples'), true)! } : {}),
            ...(seed !== undefined ? { seed } : {}),
            ...(conf !== undefined ? { confidence: conf } : {}),
          },
          runOptions,
        ),
      );
    }
  } else if (s('samples') !== undefined || s('level-samples') !== undefined) {
    kit.usage('--samples and --level-samples belong to the rare-event estimate', '--samples', s('samples'), 'Add --uncertain path=normal:MEAN,SD (or uniform/lognormal), or drop them.');
  }
  emit(kit, s('out'), `${name}-risk.${format === 'json' ? 'json' : 'txt'}`, format === 'json' ? JSON.stringify({ ...r, rare }) : formatRisk(r, rare));
  const count = (k: string, d: number) => (s(k) !== undefined ? kit.num(k, s(k), true)! : d);
  toReport({
    kind: 'risk',
    result: r,
    rare,
    ...(uncertain ? { uncertain, settings: { samples: count('samples', 200), levelSamples: count('level-samples', 100), seed: seed ?? 0 } } : {}),
    ...(scale !== undefined ? { scale: scale as 'auto' | 'linear' | 'log' } : {}),
  });
}
