import { ErrorCodes, fail, getPath, parseDate, setPath, type ModelSpec } from '@flywheel/spec';
import type { RunResult } from '../result.js';
import { run, type RunOptions } from '../run.js';
import { nelderMead } from './nelder-mead.js';
import { checkRanges, evaluatePoints, type ParamRanges } from './output.js';
import { normalQuantile } from './stats.js';

/** One observation: a date and the metric's value then. */
export interface Observation {
  date: string;
  value: number;
}

function bad(path: string, value: unknown, message: string, hint: string): never {
  fail(ErrorCodes.RUN_INVALID_OPTION, path, value, message, hint);
}

/**
 * Parses an observed series from CSV: two columns, `date` (YYYY-MM-DD) and `value`, one row per
 * observation, an optional header row, `#` comment lines ignored. Dates must increase.
 * @throws FlywheelError RUN_INVALID_OPTION at `data` (with the line number) for a malformed row
 * @example
 * ```ts
 * parseSeriesCSV('date,value\n2024-11-01,3875000\n'); // [{ date: '2024-11-01', value: 3875000 }]
 * ```
 */
export function parseSeriesCSV(text: string, path = 'data'): Observation[] {
  const out: Observation[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [date, value, ...rest] = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    if (out.length === 0 && i === text.split(/\r?\n/).findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#')) && !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) return; // header
    if (rest.length > 0 || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') || !Number.isFinite(parseDate(date!)))
      bad(path, line, `line ${i + 1}: expected "YYYY-MM-DD,value"`, 'Write one observation per line: date,value (e.g. 2024-11-01,3875000).');
    const v = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(v)) bad(path, line, `line ${i + 1}: the value is not a number`, 'Write plain numbers (no thousands separators, no units).');
    if (out.length > 0 && parseDate(date!) <= parseDate(out[out.length - 1]!.date)) bad(path, line, `line ${i + 1}: dates must increase`, 'Sort the rows by date; one row per date.');
    out.push({ date: date!, value: v });
  });
  if (out.length === 0) bad(path, text.slice(0, 80), 'no observations', 'Give at least one row date,value.');
  return out;
}

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  /** The parameters to fit, as spec paths with bounds [lo, hi]. */
  params: ParamRanges;
  /** The observed series (or its CSV text, see {@link parseSeriesCSV}). */
  data: readonly Observation[] | string;
  /** The metric the series observes (any metric of the model: `cumulativeBurned`, `activeProviders`, `demandUsd`, …). */
  metric: string;
  /** Which Monte Carlo statistic the model offers for it (default `p50`, the median). */
  stat?: 'p50' | 'mean';
  /**
   * `level` (default): the observation is the metric's value at the step of its date (stocks,
   * cumulative totals). `sum`: the sum of the metric over the steps since the previous date (flows:
   * a monthly burn against the daily `burned` metric); the first observation covers as many steps
   * before it as lie between it and the second.
   */
  aggregate?: 'level' | 'sum';
  /** Residuals: `relative` (default: (model − observed) / observed), `log` (ln(model / observed)) or `absolute`. */
  loss?: 'relative' | 'log' | 'absolute';
  /** Fraction of the observations (from the start) to fit on; the rest are forecast and scored. */
  backtest?: number;
  /** Starting point (default: the spec's own values, moved into the bounds). */
  start?: Readonly<Record<string, number>>;
  /** Most model evaluations of the optimiser (default 150). */
  maxEvaluations?: number;
  /** Confidence level of the parameter intervals (default 0.95). */
  confidence?: number;
}

/** One observation against the model. */
export interface FitRow {
  date: string;
  step: number;
  observed: number;
  model: number;
  residual: number;
}

/** Error figures of a set of rows. */
export interface FitError {
  /** Root mean square of the residuals (in the loss's units). */
  rmse: number;
  /** Mean absolute percentage error, |model − observed| / |observed|, as a fraction. */
  mape: number;
}

/** What {@link calibrate} returns. */
export interface CalibrationResult {
  metric: string;
  stat: 'p50' | 'mean';
  loss: 'relative' | 'log' | 'absolute';
  /** The best-fitting values. */
  params: Record<string, number>;
  /** The spec's own values of the parameters, for comparison. */
  initial: Record<string, number>;
  /**
   * Uncertainty of each fitted value: the standard error from the Gauss–Newton approximation of the
   * Hessian at the optimum, s² (JᵀJ)⁻¹ with J the residuals' Jacobian by central finite differences
   * and s² = SSE / (n − p); the interval is value ± z·SE, clipped to the bounds. NaN when n ≤ p;
   * Infinity when the data do not identify the parameter (JᵀJ singular).
   */
  uncertainty: Record<string, { standardError: number; interval: [number, number] }>;
  /** Correlations of the estimates (from the same covariance), in the order of `params`. */
  correlation: number[][];
  /** Sum of squared residuals at the optimum (the loss minimised). */
  sse: number;
  /** The fit on the observations it was fitted to. */
  fit: FitRow[];
  fitError: FitError;
  /** Backtest: the forecast of the held-out observations, its error, and the error of the spec's own values there. */
  backtest?: { fraction: number; trainCount: number; forecast: FitRow[]; error: FitError; initialError: FitError };
  evaluations: number;
  converged: boolean;
  confidence: number;
  warnings: string[];
}

interface Target {
  obs: readonly Observation[];
  steps: number[];
  /** previous step (exclusive start) of each observation's sum window */
  from: number[];
}

const stepDaysOf = (spec: ModelSpec): number => {
  const step = spec.time.step as unknown;
  if (typeof step === 'object' && step !== null) return (step as { seconds: number }).seconds / 86_400;
  return ({ hour: 1 / 24, day: 1, week: 7, month: 365 / 12 } as Record<string, number>)[step as string] ?? Number.NaN;
};

function targets(spec: ModelSpec, obs: readonly Observation[], aggregate: 'level' | 'sum'): Target {
  const start = spec.time.start;
  if (!start) bad('data', obs[0]?.date, 'calibration to dated observations needs a model with time.start', 'Give the spec a start date (every registered model has one).');
  const days = stepDaysOf(spec);
  const t0 = parseDate(start);
  const steps = obs.map((o) => Math.round((parseDate(o.date) - t0) / 86_400_000 / days));
  steps.forEach((t, i) => {
    if (t < (aggregate === 'sum' ? 1 : 0))
      bad('data', obs[i]!.date, `${obs[i]!.date} is before the model's start (${start})`, "Observations must lie in the model's horizon: drop earlier rows, or start the model earlier (time.start).");
  });
  for (let i = 1; i < steps.length; i++)
    if (steps[i] === steps[i - 1]) bad('data', obs[i]!.date, `${obs[i - 1]!.date} and ${obs[i]!.date} fall on the same model step`, 'Use observations at least one model step apart.');
  const from = steps.map((t, i) => (i > 0 ? steps[i - 1]! : Math.max(0, t - (steps.length > 1 ? steps[1]! - t : t))));
  return { obs, steps, from };
}

function modelValues(result: RunResult, metric: string, stat: 'p50' | 'mean', aggregate: 'level' | 'sum', tg: Target): number[] {
  const series = result.metric(metric)[stat];
  return tg.steps.map((t, i) => {
    if (aggregate === 'level') return series[t]!;
    let s = 0;
    for (let k = tg.from[i]! + 1; k <= t; k++) s += series[k]!;
    return s;
  });
}

function residual(loss: 'relative' | 'log' | 'absolute', model: number, observed: number): number {
  if (loss === 'absolute') return model - observed;
  if (loss === 'relative') return (model - observed) / observed;
  return model > 0 ? Math.log(model / observed) : Number.POSITIVE_INFINITY;
}

function errorOf(rows: readonly FitRow[]): FitError {
  if (rows.length === 0) return { rmse: Number.NaN, mape: Number.NaN };
  return {
    rmse: Math.sqrt(rows.reduce((s, r) => s + r.residual ** 2, 0) / rows.length),
    mape: rows.reduce((s, r) => s + Math.abs(r.model - r.observed) / Math.abs(r.observed), 0) / rows.length,
  };
}

/** Inverts a small symmetric matrix by Gauss–Jordan with partial pivoting; undefined if singular. */
function invert(a: number[][]): number[][] | undefined {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...a.map((r, i) => Math.abs(r[i]!)), 1e-300);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) <= 1e-12 * scale) return undefined;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const d = m[c]![c]!;
    for (let k = 0; k < 2 * n; k++) m[c]![k] = m[c]![k]! / d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      if (f !== 0) for (let k = 0; k < 2 * n; k++) m[r]![k] = m[r]![k]! - f * m[c]![k]!;
    }
  }
  return m.map((row) => row.slice(n));
}

/**
 * Fits parameters of a model to an observed series of one of its metrics: Nelder–Mead (on the
 * parameters scaled to [0, 1], projected into their bounds) minimises the sum of squared
 * residuals between the series and the model's Monte Carlo median (or mean) at the observations'
 * steps. Every evaluation is a Monte Carlo with the spec's own runs and seed (common random
 * numbers, so the loss is a deterministic function of the parameters). It reports the fit and its
 * residuals, each parameter's standard error and interval from the Gauss–Newton Hessian at the
 * optimum (see {@link CalibrationResult.uncertainty}), and with `backtest` the error of the
 * forecast of the held-out part of the series.
 *
 * The model runs as far as the last observation (`time.steps` is set to its step).
 * @throws FlywheelError RUN_INVALID_OPTION for bad options or data, RESULT_UNKNOWN_METRIC for a metric the model does not have
 * @example
 * ```ts
 * const r = await calibrate(filecoin({ runs: 4 }), {
 *   params: { 'params.powerGrowth': [0, 2] },
 *   data: readFileSync('packages/examples/data/filecoin-minted-2024-25.csv', 'utf8'),
 *   metric: 'cumulativeMinted',
 * });
 * r.params['params.powerGrowth']; // the growth of network power the minted figures imply
 * ```
 */
export async function calibrate(spec: ModelSpec, options: CalibrateOptions, runOptions: RunOptions = {}): Promise<CalibrationResult> {
  if (options === null || typeof options !== 'object') bad('options', options, 'calibrate needs options', 'e.g. { params, data, metric }');
  const names = checkRanges(spec, options.params);
  const ranges = names.map((n) => options.params[n]!);
  const stat = options.stat ?? 'p50';
  if (stat !== 'p50' && stat !== 'mean') bad('stat', stat, 'unknown statistic', 'Use "p50" or "mean".');
  const aggregate = options.aggregate ?? 'level';
  if (aggregate !== 'level' && aggregate !== 'sum') bad('aggregate', aggregate, 'unknown aggregate', 'Use "level" or "sum".');
  const loss = options.loss ?? 'relative';
  if (!['relative', 'log', 'absolute'].includes(loss)) bad('loss', loss, 'unknown loss', 'Use "relative", "log" or "absolute".');
  const conf = options.confidence ?? 0.95;
  if (!(conf > 0 && conf < 1)) bad('confidence', conf, 'the confidence level is between 0 and 1', 'e.g. 0.95');
  if (typeof options.metric !== 'string' || options.metric === '') bad('metric', options.metric, 'name the metric the series observes', 'e.g. metric: "cumulativeBurned"');
  const all = typeof options.data === 'string' ? parseSeriesCSV(options.data) : options.data;
  if (!Array.isArray(all) || all.length === 0) bad('data', options.data, 'no observations', 'Give [{ date, value }, …] or CSV text.');
  for (const [i, o] of all.entries()) {
    if (!(typeof o?.date === 'string' && Number.isFinite(parseDate(o.date)) && Number.isFinite(o.value)))
      bad(`data.${i}`, o, 'an observation is { date: "YYYY-MM-DD", value: number }', 'Check the series.');
    if (loss !== 'absolute' && !(loss === 'log' ? o.value > 0 : o.value !== 0))
      bad(`data.${i}`, o, `the ${loss} loss needs ${loss === 'log' ? 'positive' : 'non-zero'} observations`, 'Use loss "absolute" for series with zeros.');
  }
  let train = all;
  let test: readonly Observation[] = [];
  if (options.backtest !== undefined) {
    const f = options.backtest;
    if (!(f > 0 && f < 1)) bad('backtest', f, 'the backtest fraction is between 0 and 1 (exclusive)', 'e.g. 0.7: fit on the first 70% of the observations, forecast the rest');
    const k = Math.round(f * all.length);
    if (k < 1 || k >= all.length) bad('backtest', f, `${all.length} observations cannot be split at ${f}: both parts need one`, 'Use more observations or another fraction.');
    train = all.slice(0, k);
    test = all.slice(k);
  }
  const tgAll = targets(spec, all, aggregate);
  const tgTrain: Target = { obs: train, steps: tgAll.steps.slice(0, train.length), from: tgAll.from.slice(0, train.length) };
  const horizon = tgAll.steps[tgAll.steps.length - 1]!;
  const base = setPath(spec, 'time.steps', Math.max(1, horizon));
  const initial = Object.fromEntries(names.map((n) => [n, getPath(spec, n) as number]));
  const { onProgress: _p, ...ro } = runOptions;
  const opts: RunOptions = { ...ro, metrics: runOptions.metrics ?? [options.metric] };
  const toUnit = (x: number, j: number) => (x - ranges[j]![0]) / (ranges[j]![1] - ranges[j]![0]);
  const fromUnit = (u: ArrayLike<number>) => Float64Array.from(ranges, ([lo, hi], j) => lo + (hi - lo) * u[j]!);
  const specAt = (theta: ArrayLike<number>) => names.reduce((s, n, j) => setPath(s, n, theta[j]), base);
  const rowsOf = (result: RunResult, tg: Target): FitRow[] => {
    const m = modelValues(result, options.metric, stat, aggregate, tg);
    return tg.obs.map((o, i) => ({ date: o.date, step: tg.steps[i]!, observed: o.value, model: m[i]!, residual: residual(loss, m[i]!, o.value) }));
  };
  const sse = (rows: FitRow[]) => rows.reduce((s, r) => s + r.residual ** 2, 0);
  let evaluations = 0;
  const lossAt = async (u: Float64Array) => {
    evaluations++;
    return sse(rowsOf(await run(specAt(fromUnit(u)), opts), tgTrain));
  };
  const batch = async (us: Float64Array[]) => {
    evaluations += us.length;
    return evaluatePoints(base, names, us.map(fromUnit), (r) => sse(rowsOf(r, tgTrain)), opts.metrics, opts);
  };
  const startTheta = names.map((n, j) => {
    const v = options.start?.[n] ?? initial[n]!;
    return Math.min(ranges[j]![1], Math.max(ranges[j]![0], Number.isFinite(v) ? v : (ranges[j]![0] + ranges[j]![1]) / 2));
  });
  const nm = await nelderMead(lossAt, startTheta.map(toUnit), {
    lower: names.map(() => 0),
    upper: names.map(() => 1),
    step: 0.15,
    maxEvaluations: options.maxEvaluations ?? 150,
    fTolerance: 1e-9,
    xTolerance: 1e-4,
    batch,
  });
  const best = fromUnit(nm.x);
  const bestResult = await run(specAt(best), opts);
  evaluations++;
  const fit = rowsOf(bestResult, tgTrain);
  const warnings: string[] = [];
  // Gauss–Newton covariance: J by central differences (one-sided at a bound), h = 1% of the range
  const p = names.length;
  const n = fit.length;
  const hs = ranges.map(([lo, hi]) => 0.01 * (hi - lo));
  const probes: Float64Array[] = [];
  const widths: number[] = [];
  names.forEach((_, j) => {
    const up = best.slice();
    const down = best.slice();
    up[j] = Math.min(ranges[j]![1], best[j]! + hs[j]!);
    down[j] = Math.max(ranges[j]![0], best[j]! - hs[j]!);
    probes.push(up, down);
    widths.push(up[j]! - down[j]!);
  });
  const probeRows = await evaluatePoints(base, names, probes, (r) => rowsOf(r, tgTrain).map((x) => x.residual), opts.metrics, opts);
  evaluations += probes.length;
  const J = Array.from({ length: n }, (_, i) => names.map((_, j) => (probeRows[2 * j]![i]! - probeRows[2 * j + 1]![i]!) / widths[j]!));
  const JtJ = names.map((_, a) => names.map((_, b) => J.reduce((s, row) => s + row[a]! * row[b]!, 0)));
  const s2 = n > p ? sse(fit) / (n - p) : Number.NaN;
  const inv = invert(JtJ);
  const z = normalQuantile(0.5 + conf / 2);
  const uncertainty: CalibrationResult['uncertainty'] = {};
  let correlation: number[][] = names.map((_, a) => names.map((_, b) => (a === b ? 1 : Number.NaN)));
  if (!inv) warnings.push('the data do not identify every parameter (JᵀJ is singular at the optimum): their standard errors are infinite; fit fewer parameters or add observations');
  if (n <= p) warnings.push(`${n} observations for ${p} parameters: no residual variance is left to estimate the uncertainty`);
  names.forEach((name, j) => {
    const se = inv ? Math.sqrt(Math.max(0, s2 * inv[j]![j]!)) : Infinity;
    uncertainty[name] = { standardError: se, interval: [Math.max(ranges[j]![0], best[j]! - z * se), Math.min(ranges[j]![1], best[j]! + z * se)] };
  });
  if (inv) correlation = names.map((_, a) => names.map((_, b) => inv[a]![b]! / Math.sqrt(inv[a]![a]! * inv[b]![b]!)));
  names.forEach((name, j) => {
    if (Math.abs(best[j]! - ranges[j]![0]) < 1e-3 * (ranges[j]![1] - ranges[j]![0]) || Math.abs(best[j]! - ranges[j]![1]) < 1e-3 * (ranges[j]![1] - ranges[j]![0]))
      warnings.push(`${name} ended at a bound of its range (${best[j]}): widen the range if the data allow it`);
  });
  if (!nm.converged) warnings.push(`the optimiser stopped at its evaluation budget (${options.maxEvaluations ?? 150}) before its tolerances`);
  const result: CalibrationResult = {
    metric: options.metric,
    stat,
    loss,
    params: Object.fromEntries(names.map((nme, j) => [nme, best[j]!])),
    initial,
    uncertainty,
    correlation,
    sse: sse(fit),
    fit,
    fitError: errorOf(fit),
    evaluations,
    converged: nm.converged,
    confidence: conf,
    warnings,
  };
  if (test.length > 0) {
    const tgTest: Target = { obs: test, steps: tgAll.steps.slice(train.length), from: tgAll.from.slice(train.length) };
    const forecast = rowsOf(bestResult, tgTest);
    const initialRows = rowsOf(await run(base, opts), tgTest);
    evaluations++;
    result.evaluations = evaluations;
    result.backtest = { fraction: options.backtest!, trainCount: train.length, forecast, error: errorOf(forecast), initialError: errorOf(initialRows) };
  }
  return result;
}
