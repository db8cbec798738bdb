/**
 * The offline report of an analysis (`flywheel sensitivity|calibrate|risk … --report FILE`): one
 * self-contained HTML page with the analysis's charts, a table of its numbers with their
 * intervals, its settings and seeds, and its warnings. Like the run report it has no script and
 * loads nothing. Pure functions (no file access), usable in a browser (`@flywheel/sdk/report`).
 * The input is plain data: a report can be made again from its JSON (`JSON.parse` turns NaN and
 * Infinity into null, which the tables show as —).
 * @packageDocumentation
 */
import { ErrorCodes, fail, formatDate, parseDate } from '@flywheel/spec';
import type { CalibrationResult, FitRow } from './analysis/calibrate.js';
import type { ParamDistribution, RareEventResult, RiskResult } from './analysis/risk.js';
import type { SensitivityResult } from './analysis/sensitivity.js';
import { quantile } from './analysis/stats.js';
import { svgToString, type SvgNode } from './chart.js';
import { calibrationChart, calibrationResiduals, morrisChart, morrisInterval, rareEventChart, riskChart, sobolChart, type FitBand } from './chart-analysis.js';
import { REPORT_CSS, h, reportPage, table } from './report-html.js';
import type { RunResult } from './result.js';

/** A sensitivity analysis in a report. */
export interface SensitivitySection {
  kind: 'sensitivity';
  result: SensitivityResult;
  /** The ranges the parameters were varied over. */
  ranges: Readonly<Record<string, readonly [number, number]>>;
  /** The analysis's own settings as used (shown; the base samples N or trajectories r follow from the evaluations). */
  settings?: { bootstrap?: number; seed?: number; skip?: number; levels?: number };
}

/** A calibration in a report. */
export interface CalibrationSection {
  kind: 'calibration';
  result: CalibrationResult;
  ranges: Readonly<Record<string, readonly [number, number]>>;
  /** The model at the fitted values (see {@link calibrationBand}); without it the chart draws the fitted values only. */
  band?: FitBand;
  /** Where the observations come from (a file name). */
  data?: string;
  settings?: { aggregate?: 'level' | 'sum'; maxEvaluations?: number };
}

/** A tail-risk analysis in a report (and its rare-event estimates). */
export interface RiskSection {
  kind: 'risk';
  result: RiskResult;
  rare?: readonly RareEventResult[];
  /** The uncertain parameters of the rare-event estimates. */
  uncertain?: Readonly<Record<string, ParamDistribution>>;
  settings?: { samples?: number; levelSamples?: number; seed?: number };
  /** The probability axis (default `auto`: log when the figures span 100× or more). */
  scale?: 'linear' | 'log' | 'auto';
}

/** One analysis of a report. */
export type AnalysisSection = SensitivitySection | CalibrationSection | RiskSection;

/** Input of {@link renderAnalysisReport}. */
export interface AnalysisReportInput {
  /** The page's heading (default `Flywheel analysis: <spec name>`). */
  title?: string;
  /** The model as named on the command line (or the spec's name). */
  model: string;
  spec: { name: string; description?: string | undefined };
  /** The Monte Carlo each evaluation runs: its runs, horizon, seed and engine. */
  run: { runs: number; steps: number; step: string; stepDays?: number | undefined; start?: string | undefined; seed: number; engine: string };
  /** The `--set` changes, as given. */
  sets?: readonly (readonly [string, unknown])[];
  /** The command line that made the report (shown, to make it again). */
  command?: string;
  version?: string | undefined;
  /** When it was made (ISO text; left out when absent, so a report can be reproducible). */
  generated?: string | undefined;
  analyses: readonly AnalysisSection[];
}

function bad(path: string, value: unknown, message: string, hint: string): never {
  fail(ErrorCodes.RUN_INVALID_OPTION, path, value, message, hint);
}

/** A number for a table: up to `digits` decimals, exponent form when very large or small; — when missing, ∞ when infinite. */
export function tableNumber(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  const a = Math.abs(v);
  if (a >= 1e15 || (v !== 0 && a < 10 ** -digits)) return v.toExponential(3);
  if (a >= 1e4) return grouped(v);
  return v.toFixed(digits);
}

/** A whole number with thousands separators, the same in every locale: 46,500,000. */
function grouped(v: number): string {
  const s = Math.round(Math.abs(v))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return v < 0 ? `-${s}` : s;
}

const interval = (iv: readonly (number | null | undefined)[] | null | undefined, digits = 4) => (iv ? `${tableNumber(iv[0], digits)} … ${tableNumber(iv[1], digits)}` : '—');
const range = (r: readonly [number, number] | undefined) => (r ? `${r[0]} … ${r[1]}` : '—');
const pctOf = (c: number | null | undefined) => `${Math.round((c ?? 0.95) * 100)}%`;
const charts = (nodes: SvgNode[]) => `<div class="charts">${nodes.map(svgToString).join('')}</div>`;
const warnings = (ws: readonly string[] | undefined) => (ws?.length ? `<ul class="warnings">${ws.map((w) => h('li', `warning: ${w}`)).join('')}</ul>` : '');

/** The x-axis labels of a model with a start date: the date at step t. */
function dateLabel(run: AnalysisReportInput['run']): ((t: number) => string) | undefined {
  if (!run.start || !(Number(run.stepDays) > 0)) return undefined;
  const t0 = parseDate(run.start);
  if (!Number.isFinite(t0)) return undefined;
  return (t) => formatDate(t0 + Math.round(t * run.stepDays! * 86_400_000));
}

function sensitivityHtml(s: SensitivitySection): string[] {
  const r = s.result;
  const d = r.params.length;
  const pct = pctOf(r.confidence);
  const sobol = r.method === 'sobol';
  const settings: [string, string][] = [
    ['method', sobol ? "Sobol indices (Saltelli sample on a Sobol' sequence; Saltelli 2010 S1, Jansen ST)" : 'Morris elementary effects (μ*, Campolongo et al. 2007)'],
    ['output', r.output],
    ['parameters', String(d)],
    [sobol ? 'base samples N' : 'trajectories r', String(r.evaluations / (d + (sobol ? 2 : 1)))],
    ['evaluations (Monte Carlos)', String(r.evaluations)],
    ['bootstrap resamples', s.settings?.bootstrap !== undefined ? String(s.settings.bootstrap) : '—'],
    ['confidence', pct],
    ['analysis seed', s.settings?.seed !== undefined ? String(s.settings.seed) : '—'],
    ...(sobol
      ? [["Sobol' points skipped", s.settings?.skip !== undefined ? String(s.settings.skip) : '—'] as [string, string]]
      : [['grid levels p', s.settings?.levels !== undefined ? String(s.settings.levels) : '—'] as [string, string]]),
    ['output mean', tableNumber(r.mean)],
    ['output variance', tableNumber(r.variance)],
  ];
  let chart: SvgNode;
  let numbers: string;
  let read: string;
  if (sobol) {
    chart = sobolChart(r, { width: 680 });
    const rows = [...(r.sobol ?? [])].sort((a, b) => (Number.isFinite(b.ST) ? b.ST : -Infinity) - (Number.isFinite(a.ST) ? a.ST : -Infinity));
    numbers = table(
      ['parameter', 'range', 'S1', `S1 ${pct} interval`, `S1 ± (z·sd)`, 'ST', `ST ${pct} interval`, `ST ± (z·sd)`],
      rows.map((x) => [
        x.param,
        range(s.ranges[x.param]),
        tableNumber(x.S1, 3),
        interval(x.S1Interval, 3),
        tableNumber(x.S1Conf, 3),
        tableNumber(x.ST, 3),
        interval(x.STInterval, 3),
        tableNumber(x.STConf, 3),
      ]),
      'sensitivity sobol',
    );
    read =
      "S1: the share of the output's variance the parameter explains alone; ST: with every interaction it takes part in (ST ≈ 0: it can be fixed anywhere in its range). Intervals are bootstrap percentile intervals over the base samples; ± is z × the bootstrap standard deviation. Small negative values and values above 1 are estimation noise: read them with their intervals.";
  } else {
    chart = morrisChart(r, { width: 600 });
    const rows = [...(r.morris ?? [])].sort((a, b) => (Number.isFinite(b.muStar) ? b.muStar : -Infinity) - (Number.isFinite(a.muStar) ? a.muStar : -Infinity));
    numbers = table(
      ['parameter', 'range', 'μ*', `μ* ${pct} interval`, 'μ', 'σ', 'σ / μ*'],
      rows.map((x) => [
        x.param,
        range(s.ranges[x.param]),
        tableNumber(x.muStar),
        interval(morrisInterval(x)),
        tableNumber(x.mu),
        tableNumber(x.sigma),
        x.muStar > 0 ? tableNumber(x.sigma / x.muStar, 2) : '—',
      ]),
      'sensitivity morris',
    );
    read =
      'Effects are in output units per whole range of the parameter. μ* ranks the parameters (its interval: μ* ± z × the bootstrap standard deviation, cut at 0); |μ| < μ* means effects of both signs; σ near or above μ* means the effect depends on the other parameters (non-linearity or interactions). Screen with Morris, then run Sobol on the parameters that matter.';
  }
  return [
    h('h2', sobol ? `Global sensitivity: Sobol indices of ${r.output}` : `Global sensitivity: Morris screen of ${r.output}`),
    table(['setting', 'value'], settings, 'settings analysis-settings'),
    charts([chart]),
    numbers,
    h('p', read, ' class="note"'),
    warnings(r.warnings),
  ];
}

function fitRowsTable(rows: readonly FitRow[], part: string, band: FitBand | undefined): string[][] {
  return rows.map((x) => {
    const i = band ? band.x.indexOf(x.step) : -1;
    return [x.date, String(x.step), part, tableNumber(x.observed), tableNumber(x.model), tableNumber(x.residual), i >= 0 ? tableNumber(band!.p5[i]) : '—', i >= 0 ? tableNumber(band!.p95[i]) : '—'];
  });
}

function calibrationHtml(s: CalibrationSection, xLabel: ((t: number) => string) | undefined): string[] {
  const r = s.result;
  const pct = pctOf(r.confidence);
  const names = Object.keys(r.params ?? {});
  const settings: [string, string][] = [
    ['metric', r.metric],
    ['model statistic', r.stat === 'mean' ? 'mean of the runs' : 'p50 (median) of the runs'],
    ['aggregate', s.settings?.aggregate ?? '—'],
    ['loss', r.loss === 'relative' ? 'relative: (model − observed) / observed' : r.loss === 'log' ? 'log: ln(model / observed)' : 'absolute: model − observed'],
    ['observations', `${r.fit.length + (r.backtest?.forecast.length ?? 0)}${s.data ? ` (${s.data})` : ''}`],
    ['backtest', r.backtest ? `fitted on the first ${r.backtest.trainCount}, ${r.backtest.forecast.length} held out (fraction ${r.backtest.fraction})` : 'none'],
    ['evaluations (Monte Carlos)', String(r.evaluations)],
    ['optimiser', `Nelder–Mead, ${r.converged ? 'converged' : 'stopped at the evaluation budget'}${s.settings?.maxEvaluations !== undefined ? ` (budget ${s.settings.maxEvaluations})` : ''}`],
    ['confidence', pct],
  ];
  const params = table(
    ['parameter', 'range', 'spec value', 'fitted', 'std error', `${pct} interval`],
    names.map((n) => [n, range(s.ranges[n]), tableNumber(r.initial?.[n]), tableNumber(r.params[n]), tableNumber(r.uncertainty?.[n]?.standardError), interval(r.uncertainty?.[n]?.interval)]),
    'calibration-params',
  );
  const errors: string[][] = [['fit', String(r.fit.length), tableNumber(r.fitError?.rmse), r.fitError ? `${(r.fitError.mape * 100).toFixed(2)}%` : '—']];
  if (r.backtest) {
    errors.push(['forecast (held out), fitted values', String(r.backtest.forecast.length), tableNumber(r.backtest.error.rmse), `${(r.backtest.error.mape * 100).toFixed(2)}%`]);
    errors.push(["forecast (held out), the spec's own values", String(r.backtest.forecast.length), tableNumber(r.backtest.initialError.rmse), `${(r.backtest.initialError.mape * 100).toFixed(2)}%`]);
  }
  const corr =
    names.length > 1 && Array.isArray(r.correlation)
      ? table(
          ['', ...names],
          names.map((n, a) => [n, ...names.map((_, b) => tableNumber(r.correlation[a]?.[b], 3))]),
          'correlation',
        )
      : '';
  const rows = table(
    ['date', 'step', 'part', 'observed', 'model', 'residual', 'model p5', 'model p95'],
    [...fitRowsTable(r.fit, 'fitted', s.band), ...fitRowsTable(r.backtest?.forecast ?? [], 'held out', s.band)],
    'fit-rows',
  );
  const opts = xLabel ? { xLabel } : {};
  return [
    h('h2', `Calibration of ${names.join(', ')} to ${r.metric}`),
    table(['setting', 'value'], settings, 'settings analysis-settings'),
    charts([calibrationChart(r, s.band, { ...opts, width: 680 }), calibrationResiduals(r, { ...opts, width: 680 })]),
    h('h3', 'Fitted parameters'),
    params,
    h(
      'p',
      "Standard errors: Gauss–Newton, s² times the inverse of J'J at the optimum, with J the residuals' Jacobian by central differences; a local, linearised uncertainty. Residuals with a pattern (all positive, then all negative) mean the model's shape differs from the data's and the errors are too small.",
      ' class="note"',
    ),
    h('h3', 'Errors'),
    table(['rows', 'count', `RMSE (${r.loss})`, 'MAPE'], errors, 'calibration-errors'),
    corr ? h('h3', 'Correlation of the estimates') : '',
    corr,
    h('h3', 'Observations against the model'),
    rows,
    warnings(r.warnings),
  ];
}

const distText = (d: ParamDistribution) =>
  'normal' in d ? `normal(mean ${d.normal[0]}, sd ${d.normal[1]})` : 'uniform' in d ? `uniform(${d.uniform[0]} … ${d.uniform[1]})` : `lognormal(median ${d.lognormal[0]}, sigma ${d.lognormal[1]})`;

function riskHtml(s: RiskSection, xLabel: ((t: number) => string) | undefined): string[] {
  const r = s.result;
  const pct = pctOf(r.confidence);
  const out = [
    h('h2', 'Tail risk: event probabilities'),
    table(
      ['setting', 'value'],
      [
        ['runs', String(r.runs)],
        ['events', String(r.events.length)],
        ['intervals', `Wilson score, ${pct}`],
      ],
      'settings analysis-settings',
    ),
    charts([riskChart(r, { width: 680, ...(s.scale ? { scale: s.scale } : {}) })]),
    table(
      ['event', 'runs hit', 'probability', `${pct} interval`, 'median first step'],
      r.events.map((e) => [
        e.event,
        `${e.hits}/${e.runs}`,
        tableNumber(e.probability),
        interval(e.interval),
        e.medianFirstStep === null || e.medianFirstStep === undefined ? '—' : `${e.medianFirstStep}${xLabel ? ` (${xLabel(e.medianFirstStep)})` : ''}`,
      ]),
      'risk',
    ),
    h(
      'p',
      'The probability is the share of runs in which the event happens; the Wilson interval stays inside 0 … 1 and is honest at 0 hits. For any/all events the median first step is over the runs where the event held.',
      ' class="note"',
    ),
  ];
  for (const x of s.rare ?? []) {
    out.push(h('h3', `Rare-event estimate: ${x.event}`));
    const settings: [string, string][] = [
      ['estimand', x.estimand],
      ...Object.entries(s.uncertain ?? {}).map(([k, d]) => [`uncertain ${k}`, distText(d)] as [string, string]),
      ['final samples', s.settings?.samples !== undefined ? String(s.settings.samples) : '—'],
      ['samples per level', s.settings?.levelSamples !== undefined ? String(s.settings.levelSamples) : '—'],
      ['cross-entropy levels', String(x.levels)],
      ['analysis seed', s.settings?.seed !== undefined ? String(s.settings.seed) : '—'],
    ];
    out.push(table(['setting', 'value'], settings, 'settings analysis-settings'));
    out.push(charts([rareEventChart(x, { width: 680, ...(s.scale ? { scale: s.scale } : {}) })]));
    out.push(
      table(
        ['estimator', 'Monte Carlos', 'probability', 'std error', `${pct} interval`],
        [
          ['importance sampling (cross-entropy)', String(x.importance.evaluations), tableNumber(x.importance.probability), tableNumber(x.importance.standardError), interval(x.importance.interval)],
          ...(x.plain ? [['plain Monte Carlo over the prior', String(x.plain.evaluations), tableNumber(x.plain.probability), tableNumber(x.plain.standardError), interval(x.plain.interval)]] : []),
        ],
        'rare',
      ),
    );
    out.push(
      table(
        ['parameter', 'proposal mean (z)', 'proposal sd (z)', 'value at the proposal mean'],
        Object.entries(x.proposal ?? {}).map(([k, v]) => [k, tableNumber(v.mean, 3), tableNumber(v.sd, 3), tableNumber(v.valueAtMean)]),
        'proposal',
      ),
    );
    out.push(
      h(
        'p',
        `Variance reduction at equal cost: ${tableNumber(x.varianceReduction, 1)}×${x.varianceReductionMeasured !== undefined && x.varianceReductionMeasured !== null ? ` (against the plain run's own variance: ${tableNumber(x.varianceReductionMeasured, 1)}×)` : ''}.`,
        ' class="note"',
      ),
    );
    out.push(warnings(x.warnings));
  }
  return out;
}

/**
 * An analysis report as one HTML document: per analysis its settings, charts, numbers with their
 * intervals and warnings, and the Monte Carlo each evaluation ran (runs, horizon, seed, engine,
 * changes, the command line). No script, no external resource, every string escaped.
 * @throws FlywheelError RUN_INVALID_OPTION for an input without analyses or with an unknown kind
 * @example
 * ```ts
 * const r = await sensitivity(spec, { params, output: 'finalPriceP50', method: 'morris' });
 * writeFileSync('morris.html', renderAnalysisReport({ model: 'helium', spec, run: { runs: 20, steps: 365, step: 'day', seed: 42, engine: 'wasm' }, analyses: [{ kind: 'sensitivity', result: r, ranges: params }] }));
 * ```
 */
export function renderAnalysisReport(input: AnalysisReportInput): string {
  if (input === null || typeof input !== 'object') bad('report', input, 'renderAnalysisReport needs an input object', 'e.g. { model, spec, run, analyses: [{ kind: "risk", result }] }');
  if (!Array.isArray(input.analyses) || input.analyses.length === 0)
    bad('analyses', input.analyses, 'a report needs at least one analysis', 'Give analyses: [{ kind: "sensitivity" | "calibration" | "risk", result, … }].');
  const run = input.run ?? ({} as AnalysisReportInput['run']);
  const xLabel = dateLabel(run);
  const years = Number(run.stepDays) > 0 ? ` (${((run.steps * run.stepDays!) / 365).toFixed(2)} years)` : '';
  const settings: [string, string][] = [
    ['model', input.model],
    ['runs per Monte Carlo', String(run.runs)],
    ['steps', `${run.steps} × ${run.step}${years}`],
    ['start', run.start ?? '—'],
    ["seed (the runs' random numbers)", String(run.seed)],
    ['engine', String(run.engine)],
    ['changes (--set)', (input.sets ?? []).length ? (input.sets ?? []).map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(', ') : 'none'],
    ...(input.command ? [['command', input.command] as [string, string]] : []),
    ...(input.version ? [['SDK version', input.version] as [string, string]] : []),
    ...(input.generated ? [['generated', input.generated] as [string, string]] : []),
  ];
  const body: string[] = [];
  input.analyses.forEach((a, i) => {
    if (a?.kind === 'sensitivity') body.push(...sensitivityHtml(a));
    else if (a?.kind === 'calibration') body.push(...calibrationHtml(a, xLabel));
    else if (a?.kind === 'risk') body.push(...riskHtml(a, xLabel));
    else bad(`analyses.${i}.kind`, (a as { kind?: unknown })?.kind, 'unknown analysis kind', 'Use "sensitivity", "calibration" or "risk".');
  });
  const heading = input.title ?? `Flywheel analysis: ${input.spec?.name ?? input.model}`;
  return reportPage(
    heading,
    [
      h('h1', heading),
      input.spec?.description ? h('p', input.spec.description) : '',
      h('h2', 'The Monte Carlo of each evaluation'),
      table(['setting', 'value'], settings, 'settings run-settings'),
      h(
        'p',
        'Every evaluation of an analysis is one whole Monte Carlo of the spec with these runs and this seed (common random numbers across points), with the analysed parameters set at one point. The same settings give the same numbers.',
        ' class="note"',
      ),
      ...body,
    ],
    `${REPORT_CSS}h3{font-size:15px;margin:14px 0 4px}.warnings{color:#a14000;font-size:13px}`,
  );
}

/**
 * The model's band for a calibration chart, from a run of the spec at the fitted values (the
 * steps up to the last observation, as `calibrate` runs them). For `level` observations: every
 * step from the first observation's to the last, its p5–p95 of the runs and the fit's statistic
 * (p50 or mean), which at the observations' steps are the fitted model values. For `sum`
 * observations (flows summed between dates): at each observation, the p5 and p95 over the runs
 * of each run's own sum over the observation's window (the result must keep its runs), and the
 * fitted model value.
 * @throws FlywheelError RESULT_UNKNOWN_METRIC when the result lacks the metric, RUN_INVALID_OPTION when `sum` needs runs the result did not keep
 */
export function calibrationBand(result: Pick<RunResult, 'metric' | 'paths' | 'steps' | 'hasRuns'>, calibration: CalibrationResult, aggregate: 'level' | 'sum' = 'level'): FitBand {
  const rows = [...calibration.fit, ...(calibration.backtest?.forecast ?? [])];
  const m = result.metric(calibration.metric);
  const stat = calibration.stat === 'mean' ? m.mean : m.p50;
  if (aggregate === 'level') {
    const first = rows.length ? Math.min(...rows.map((r) => r.step)) : 0;
    const last = Math.min(result.steps, rows.length ? Math.max(...rows.map((r) => r.step)) : result.steps);
    const x = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
    return { x, p5: x.map((t) => m.p5[t]!), p95: x.map((t) => m.p95[t]!), line: x.map((t) => stat[t]!) };
  }
  if (!result.hasRuns) bad('result', 'runs not kept', "the band of summed observations needs every run's path", 'Run the spec at the fitted values with keepRuns: true.');
  const paths = result.paths(calibration.metric);
  // each observation's window, as calibrate sums it: (previous observation's step, its step]
  const steps = rows.map((r) => r.step);
  const from = steps.map((t, i) => (i > 0 ? steps[i - 1]! : Math.max(0, t - (steps.length > 1 ? steps[1]! - t : t))));
  const sums = steps.map((t, i) =>
    paths.map((p) => {
      let s = 0;
      for (let k = from[i]! + 1; k <= t; k++) s += p[k]!;
      return s;
    }),
  );
  return { x: steps, p5: sums.map((s) => quantile(s, 0.05)), p95: sums.map((s) => quantile(s, 0.95)), line: rows.map((r) => r.model) };
}
