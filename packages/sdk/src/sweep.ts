import { ErrorCodes, fail, getPath, setPath, validateSpec, type ModelSpec, type ValidSpec } from '@flywheel/spec';
import { compile, type CompiledModel } from './compile.js';
import { Rng } from './engine/rng.js';
import { availableThreads, runJobsOnWorkers } from './engine/pool.js';
import type { RunResult, Summary } from './result.js';
import { resolveStatistics, run, statsOf, toResult, type RunOptions } from './run.js';
import { StreamingStats } from './streaming.js';

/**
 * What to vary. Exactly one of `grid`, `zip`, `random`, `lhs`:
 * - `grid`: every combination of the listed values (cartesian product);
 * - `zip`: the i-th values of every list together (lists of equal length);
 * - `random`: `samples` points uniform in [lo, hi] per path;
 * - `lhs`: `samples` points by Latin-hypercube sampling of [lo, hi] per path.
 * Paths are dotted spec paths, initial state included (e.g. `token.initialCirculating`).
 */
export interface SweepPlan {
  grid?: Record<string, readonly unknown[]>;
  zip?: Record<string, readonly unknown[]>;
  random?: Record<string, readonly [number, number]>;
  lhs?: Record<string, readonly [number, number]>;
  /** Points for `random` and `lhs`. */
  samples?: number;
  /** Seed for `random` and `lhs` sampling (default 0). */
  seed?: number;
}

/** One point of a sweep: its parameters and its result. */
export interface SweepPoint {
  index: number;
  params: Record<string, unknown>;
  result: RunResult;
}

/** The points of a sweep, in plan order, with CSV/JSON export of parameters and summaries. */
export class SweepResult {
  constructor(readonly points: readonly SweepPoint[]) {}

  /**
   * One row per point: index, parameters, the summary's fields, then how the point's percentiles
   * were computed (`statistics`: exact or streaming, as `statistics: 'auto'` chose for that point,
   * and `percentileBound`, 0 when exact).
   */
  rows(): Array<{ index: number } & Record<string, unknown> & Partial<Summary>> {
    return this.points.map((p) => ({ index: p.index, ...p.params, ...p.result.summary(), statistics: p.result.statistics, percentileBound: p.result.percentileBound }));
  }

  toCSV(): string {
    const rows = this.rows();
    const head = Object.keys(rows[0] ?? {});
    const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
    return `${[head.join(','), ...rows.map((r) => head.map((h) => cell((r as Record<string, unknown>)[h])).join(','))].join('\n')}\n`;
  }

  toJSON(): { points: Array<{ index: number; params: Record<string, unknown>; statistics: 'exact' | 'streaming'; percentileBound: number; summary: Summary }> } {
    return { points: this.points.map((p) => ({ index: p.index, params: p.params, statistics: p.result.statistics, percentileBound: p.result.percentileBound, summary: p.result.summary() })) };
  }
}

function bad(path: string, value: unknown, message: string, hint: string): never {
  fail(ErrorCodes.RUN_INVALID_OPTION, path, value, message, hint);
}

/**
 * The parameter sets a plan describes, in order.
 * @throws FlywheelError RUN_INVALID_OPTION
 * @example
 * ```ts
 * sweepPoints({ grid: { a: [1, 2], b: [3] } }); // [{ a: 1, b: 3 }, { a: 2, b: 3 }]
 * ```
 */
/** Most points one sweep may have (each is a whole Monte Carlo): a larger plan is refused before any work. */
export const MAX_SWEEP_POINTS = 1_000_000;

export function sweepPoints(plan: SweepPlan): Record<string, unknown>[] {
  const kinds = (['grid', 'zip', 'random', 'lhs'] as const).filter((k) => plan[k] !== undefined);
  if (kinds.length !== 1) bad('sweep', kinds, 'give exactly one of grid, zip, random, lhs', 'e.g. { grid: { "params.growth": [0.1, 0.2] } }');
  const kind = kinds[0]!;
  const axes = Object.entries(plan[kind] as Record<string, readonly unknown[]>);
  if (axes.length === 0) bad(`sweep.${kind}`, plan[kind], 'no parameter to vary', 'Name at least one spec path.');
  const tooMany = (n: number, path: string) =>
    n > MAX_SWEEP_POINTS &&
    bad(path, n, `the plan has ${n} points; at most ${MAX_SWEEP_POINTS.toLocaleString('en')} per sweep`, 'Sample the space (random or lhs with fewer samples), or split the sweep into parts.');
  if (kind === 'grid') {
    let points: Record<string, unknown>[] = [{}];
    let count = 1;
    for (const [path, values] of axes) {
      if (!Array.isArray(values) || values.length === 0) bad(`sweep.grid.${path}`, values, 'needs a non-empty list of values', 'e.g. [0.1, 0.2, 0.3]');
      count *= values.length;
    }
    tooMany(count, 'sweep.grid');
    for (const [path, values] of axes) {
      points = points.flatMap((p) => values.map((v) => ({ ...p, [path]: v })));
    }
    return points;
  }
  if (kind === 'zip') {
    const n = axes[0]![1].length;
    tooMany(n, `sweep.zip.${axes[0]![0]}`);
    for (const [path, values] of axes) if (values.length !== n) bad(`sweep.zip.${path}`, values.length, `zip lists must have equal length (${n})`, 'Give every path the same number of values.');
    return Array.from({ length: n }, (_, i) => Object.fromEntries(axes.map(([p, v]) => [p, v[i]])));
  }
  const n = plan.samples;
  if (!(Number.isInteger(n) && n! >= 1)) bad('sweep.samples', n, 'random and lhs sweeps need a whole number of samples', 'e.g. samples: 100');
  tooMany(n!, 'sweep.samples');
  for (const [path, range] of axes) {
    const [lo, hi] = range as readonly number[];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo! <= hi!)) bad(`sweep.${kind}.${path}`, range, 'needs [lo, hi] with lo ≤ hi', 'e.g. [0, 1]');
  }
  const rng = new Rng(plan.seed ?? 0, 0x5eed);
  const points: Record<string, unknown>[] = Array.from({ length: n! }, () => ({}));
  for (const [path, range] of axes) {
    const [lo, hi] = range as readonly [number, number];
    if (kind === 'random') points.forEach((p) => (p[path] = lo + (hi - lo) * rng.uniform()));
    else {
      // Latin hypercube: one sample in each of n equal strata, strata shuffled per dimension.
      const strata = Array.from({ length: n! }, (_, i) => i);
      for (let i = n! - 1; i > 0; i--) {
        const j = Math.floor(rng.uniform() * (i + 1));
        [strata[i], strata[j]] = [strata[j]!, strata[i]!];
      }
      points.forEach((p, i) => (p[path] = lo + ((hi - lo) * (strata[i]! + rng.uniform())) / n!));
    }
  }
  return points;
}

/**
 * Points per worker per wave of a parallel sweep: only one wave of compiled models is held.
 * @example
 * ```ts
 * SWEEP_WAVE * 2; // 256 points per wave on 2 threads
 * ```
 */
export const SWEEP_WAVE = 128;

/** Streaming statistics of a full set of per-run values ([cell][run]), folded in run order as run() folds its blocks. */
function streamed(model: CompiledModel, values: Float64Array): { stats: Float64Array; percentileBound: number } {
  const stream = new StreamingStats(model.metrics.length * (model.steps + 1));
  stream.add(values, model.runs);
  return { stats: stream.result(), percentileBound: stream.bound() };
}

/**
 * Runs a parameter sweep: one Monte Carlo per point, points spread over worker threads. Each
 * point's result is exactly what `run` gives for that point's spec.
 *
 * @throws FlywheelError RUN_INVALID_OPTION for a bad plan, SPEC_UNKNOWN_PATH for a path not in the spec, SPEC_* for a point whose spec is invalid
 * @example
 * ```ts
 * const s = await sweep(helium({ runs: 50 }), { grid: { 'params.growth': [0.1, 0.4, 1] } });
 * console.log(s.toCSV());
 * ```
 */
export async function sweep(spec: ModelSpec, plan: SweepPlan, options: RunOptions = {}): Promise<SweepResult> {
  const params = sweepPoints(plan);
  for (const path of Object.keys(params[0] ?? {})) getPath(spec, path);
  const specs: (ValidSpec | undefined)[] = params.map((p, i) => {
    const s = Object.entries(p).reduce((acc, [path, v]) => setPath(acc, path, v), spec);
    try {
      return validateSpec(s);
    } catch (e) {
      (e as Error).message = `sweep point ${i} (${JSON.stringify(p)}): ${(e as Error).message}`;
      throw e;
    }
  });
  const engine = options.engine ?? 'wasm';
  const t = options.threads ?? 'auto';
  const threads = t === 'auto' ? Math.min(specs.length, await availableThreads()) : t;
  const points: SweepPoint[] = new Array(specs.length);
  if (threads <= 1 || specs.length === 1) {
    for (let i = 0; i < specs.length; i++) points[i] = { index: i, params: params[i]!, result: await run(specs[i]!, { ...options, threads: 1 }) };
    return new SweepResult(points);
  }
  // Waves of SWEEP_WAVE points per worker: models are compiled for a wave, dealt round-robin,
  // and dropped once the wave's results are in, so memory holds one wave of models and values.
  const waveSize = SWEEP_WAVE * threads;
  for (let w0 = 0; w0 < specs.length; w0 += waveSize) {
    const ids = Array.from({ length: Math.min(waveSize, specs.length - w0) }, (_, k) => w0 + k);
    const models = new Map(ids.map((i) => [i, compile(specs[i]!, options.metrics)]));
    for (const i of ids) specs[i] = undefined; // the compiled model is all the wave needs
    const lists = Array.from({ length: threads }, (_, w) => ids.filter((i) => i % threads === w)).filter((l) => l.length > 0);
    const pending: Promise<void>[] = [];
    await runJobsOnWorkers(
      { engine, chunk: Number.MAX_SAFE_INTEGER },
      lists.map((l) => l.map((i) => ({ model: models.get(i)!, runStart: 0, runEnd: models.get(i)!.runs }))),
      (w, j, _offset, values) => {
        const i = lists[w]![j]!;
        const model = models.get(i)!;
        // the same statistics as run() would compute for this point, whatever the thread count
        const statistics = resolveStatistics(model, options);
        const stats = statistics === 'exact' ? statsOf(model, engine, values, options.wasm).then((st) => ({ stats: st, percentileBound: 0 })) : Promise.resolve(streamed(model, values));
        const runValues = options.keepRuns ? values : undefined;
        pending.push(
          stats.then((st) => void (points[i] = { index: i, params: params[i]!, result: toResult(model, engine, st.stats, { statistics, runValues, percentileBound: st.percentileBound }) })),
        );
      },
    );
    await Promise.all(pending);
  }
  return new SweepResult(points);
}
