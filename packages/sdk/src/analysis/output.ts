import { ErrorCodes, fail, getPath, parseDate, type ModelSpec } from '@flywheel/spec';
import type { RunResult, Summary } from '../result.js';
import type { RunOptions } from '../run.js';
import { sweep } from '../sweep.js';

/**
 * What an analysis reads from one Monte Carlo: a key of {@link RunResult.summary} (`finalPriceP50`,
 * `burnMintRatioOverall`, …), a derived figure (`burnMintCrossoverYear`, `minActiveProvidersP50`),
 * a metric statistic at a step written `metric:stat@when` (stat mean|p5|p50|p95; when a step
 * index, `end`, a date `YYYY-MM-DD`, `min` or `max` over the steps), or a function of the result.
 */
export type OutputSpec = string | { label: string; metrics?: readonly string[]; of: (result: RunResult) => number };

/** A parsed output: its label, the metrics a run must store for it, and how to read it. */
export interface ParsedOutput {
  label: string;
  /** Metrics to store (undefined: the run's defaults). */
  metrics: readonly string[] | undefined;
  of: (result: RunResult) => number;
}

/** The metrics each summary figure needs. */
const SUMMARY_METRICS: Record<Exclude<keyof Summary, 'years'>, readonly string[]> = {
  finalTotalSupplyP50: ['totalSupply'],
  finalCirculatingSupplyP50: ['circulatingSupply'],
  finalPriceP5: ['price'],
  finalPriceP50: ['price'],
  finalPriceP95: ['price'],
  cumulativeMintedMean: ['cumulativeMinted'],
  cumulativeBurnedMean: ['cumulativeBurned'],
  burnMintRatioOverall: ['cumulativeMinted', 'cumulativeBurned'],
  supplyGrowthPerYear: ['totalSupply'],
  finalActiveProvidersP50: ['activeProviders'],
  peakActiveProvidersP50: ['activeProviders'],
};

/** Derived figures beyond the summary. */
const DERIVED: Record<string, { metrics: readonly string[]; doc: string; of: (r: RunResult) => number }> = {
  burnMintCrossoverYear: {
    metrics: ['cumulativeMinted', 'cumulativeBurned'],
    doc: 'the first year (1, 2, …) whose mean burn is at least its mean mint; years + 1 when no year of the horizon gets there (censored)',
    of: (r) => {
      const rows = r.yearly();
      const hit = rows.find((y) => y.minted !== null && y.burned !== null && y.burned >= y.minted);
      return hit ? hit.year : rows.length + 1;
    },
  },
  minActiveProvidersP50: {
    metrics: ['activeProviders'],
    doc: 'the lowest p50 of active providers over the horizon',
    of: (r) => r.metric('activeProviders').p50.reduce((m, v) => Math.min(m, v), Infinity),
  },
};

/** Every output name that is not of the `metric:stat@when` form, with what it means. */
export const OUTPUT_NAMES: readonly string[] = [...Object.keys(SUMMARY_METRICS), ...Object.keys(DERIVED)];

/** The step index `when` names in a result: an integer, `end`, or a date (rounded to the nearest step). */
export function stepOf(result: Pick<RunResult, 'steps' | 'start' | 'stepDays'>, when: string, path = 'output'): number {
  if (when === 'end') return result.steps;
  if (/^\d+$/.test(when)) {
    const t = Number(when);
    if (t > result.steps) fail(ErrorCodes.RUN_INVALID_OPTION, path, when, `step ${t} is beyond the horizon (${result.steps} steps)`, `Use a step from 0 to ${result.steps}, or "end".`);
    return t;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(when)) {
    const ms = parseDate(when);
    if (!Number.isFinite(ms)) fail(ErrorCodes.RUN_INVALID_OPTION, path, when, 'not a calendar date', 'Use YYYY-MM-DD.');
    if (result.start === undefined) fail(ErrorCodes.RUN_INVALID_OPTION, path, when, 'a date needs a model with time.start', 'Use a step index instead.');
    const t = Math.round((ms - parseDate(result.start)) / 86_400_000 / result.stepDays);
    if (t < 0 || t > result.steps)
      fail(ErrorCodes.RUN_INVALID_OPTION, path, when, `${when} is outside the horizon (${result.start} + ${result.steps} steps)`, 'Give a date inside the horizon, or lengthen it (--years).');
    return t;
  }
  return fail(ErrorCodes.RUN_INVALID_OPTION, path, when, `unknown time "${when}"`, 'Use a step index, "end" or a date YYYY-MM-DD.');
}

/**
 * Parses an output name (see {@link OutputSpec}).
 * @throws FlywheelError RUN_INVALID_OPTION for an unknown name or a malformed `metric:stat@when`
 * @example
 * ```ts
 * parseOutput('price:p50@end').label; // 'price:p50@end'
 * parseOutput('finalPriceP50').metrics; // ['price']
 * ```
 */
export function parseOutput(output: OutputSpec, path = 'output'): ParsedOutput {
  if (typeof output === 'object' && output !== null && typeof output.of === 'function') {
    return { label: output.label, metrics: output.metrics, of: output.of };
  }
  if (typeof output !== 'string' || output === '')
    fail(ErrorCodes.RUN_INVALID_OPTION, path, output, 'an output names what to read from each run', `Use a summary figure (${OUTPUT_NAMES.join(', ')}) or metric:stat@when, e.g. price:p50@end.`);
  if (Object.hasOwn(SUMMARY_METRICS, output)) {
    const key = output as keyof typeof SUMMARY_METRICS;
    return {
      label: output,
      metrics: SUMMARY_METRICS[key],
      of: (r) => {
        const v = r.summary()[key];
        if (v === null)
          fail(
            ErrorCodes.RESULT_UNKNOWN_METRIC,
            path,
            output,
            `${output} is not available for this model (it has no ${SUMMARY_METRICS[key].join('/')} metric)`,
            'Pick another output, or a metric the model has (metric:stat@when).',
          );
        return v;
      },
    };
  }
  if (Object.hasOwn(DERIVED, output)) {
    const d = DERIVED[output]!;
    return { label: output, metrics: d.metrics, of: d.of };
  }
  const m = /^([A-Za-z_][A-Za-z0-9_.]*):(mean|p5|p50|p95)@([A-Za-z0-9-]+)$/.exec(output);
  if (!m)
    fail(
      ErrorCodes.RUN_INVALID_OPTION,
      path,
      output,
      `unknown output "${output}"`,
      `Use a summary figure (${OUTPUT_NAMES.join(', ')}) or metric:stat@when (stat mean|p5|p50|p95; when a step, end, a date, min or max), e.g. price:p50@end.`,
    );
  const [, metric, stat, when] = m as unknown as [string, string, 'mean' | 'p5' | 'p50' | 'p95', string];
  return {
    label: output,
    metrics: [metric],
    of: (r) => {
      const series = r.metric(metric)[stat];
      if (when === 'min') return series.reduce((a, v) => Math.min(a, v), Infinity);
      if (when === 'max') return series.reduce((a, v) => Math.max(a, v), -Infinity);
      return series[stepOf(r, when, path)]!;
    },
  };
}

/** What the analyses need from a spec path: its lower and upper bound. */
export type ParamRanges = Readonly<Record<string, readonly [number, number]>>;

/** Checks parameter ranges: at least one, each a spec path holding a number, lo < hi. */
export function checkRanges(spec: ModelSpec | undefined, params: ParamRanges, path = 'params'): string[] {
  if (params === null || typeof params !== 'object') fail(ErrorCodes.RUN_INVALID_OPTION, path, params, 'params maps spec paths to [lo, hi]', 'e.g. { "params.growth": [0.1, 0.6] }');
  const names = Object.keys(params);
  if (names.length === 0) fail(ErrorCodes.RUN_INVALID_OPTION, path, params, 'no parameter to vary', 'Name at least one spec path with its range, e.g. { "params.growth": [0.1, 0.6] }.');
  for (const p of names) {
    const r = params[p];
    if (!(Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1])) {
      fail(ErrorCodes.RUN_INVALID_OPTION, `${path}.${p}`, r, 'a range is [lo, hi] with lo < hi', 'e.g. [0.1, 0.6]');
    }
    if (spec) {
      const v = getPath(spec, p);
      if (typeof v !== 'number') fail(ErrorCodes.RUN_INVALID_OPTION, `${path}.${p}`, v, `${p} holds ${typeof v}, not a number`, 'Vary a numeric field (e.g. params.growth, blocks.3.cost.median).');
    }
  }
  return names;
}

/** Points in the unit cube mapped to the ranges. */
export function scalePoints(unit: readonly ArrayLike<number>[], ranges: readonly (readonly [number, number])[]): Float64Array[] {
  return unit.map((u) => Float64Array.from(ranges, ([lo, hi], j) => lo + (hi - lo) * u[j]!));
}

/** Most points one batch of an analysis sends to `sweep` (their results are read and dropped). */
export const ANALYSIS_BATCH = 256;

/**
 * Runs one Monte Carlo per point (through {@link sweep}: worker threads, each point's result what
 * `run` gives for its spec) and reads `read` from each result. Points go in batches of
 * {@link ANALYSIS_BATCH}, and only the metrics `metrics` names are stored, so memory holds one batch.
 */
export async function evaluatePoints<T>(
  spec: ModelSpec,
  paths: readonly string[],
  points: readonly ArrayLike<number>[],
  read: (result: RunResult, index: number) => T,
  metrics: readonly string[] | undefined,
  options: RunOptions = {},
  onBatch?: (done: number, total: number) => void,
): Promise<T[]> {
  const out: T[] = [];
  const { onProgress: _ignored, ...rest } = options;
  const runOptions: RunOptions = metrics ? { ...rest, metrics: [...new Set(metrics)] } : rest;
  for (let b = 0; b < points.length; b += ANALYSIS_BATCH) {
    const part = points.slice(b, b + ANALYSIS_BATCH);
    const zip = Object.fromEntries(paths.map((p, j) => [p, part.map((x) => x[j]!)]));
    const s = await sweep(spec, { zip }, runOptions);
    s.points.forEach((pt, i) => out.push(read(pt.result, b + i)));
    onBatch?.(Math.min(points.length, b + ANALYSIS_BATCH), points.length);
  }
  return out;
}
