import { ErrorCodes, fail, type ModelSpec } from '@flywheel/spec';
import { Rng } from '../engine/rng.js';
import type { RunOptions } from '../run.js';
import { checkRanges, evaluatePoints, parseOutput, scalePoints, type OutputSpec, type ParamRanges } from './output.js';
import { sobolPoints } from './sobol-sequence.js';
import { mean, normalQuantile, quantile, variance } from './stats.js';

/** Options of {@link sensitivity} and {@link sensitivityOf}. */
export interface SensitivityOptions {
  /** Spec paths (or, for {@link sensitivityOf}, any names) with their ranges [lo, hi], sampled uniformly. */
  params: ParamRanges;
  /** `sobol` (default): first-order and total indices; `morris`: elementary effects, the cheap screen. */
  method?: 'sobol' | 'morris';
  /**
   * Sobol: N, the base samples (cost N·(d + 2) evaluations; default 256; a power of two keeps the
   * sequence balanced). Morris: r, the trajectories (cost r·(d + 1); default 20).
   */
  samples?: number;
  /** Seed of the bootstrap resampling and of the Morris trajectories (default 0). */
  seed?: number;
  /** Bootstrap resamples for the confidence intervals (default 500). */
  bootstrap?: number;
  /** Confidence level of the intervals (default 0.95). */
  confidence?: number;
  /** Sobol: points of the Sobol' sequence skipped first (default 1000, as SALib's saltelli.sample did up to 1.3). */
  skip?: number;
  /** Morris: grid levels p (even, default 4); the step is Δ = p / (2 (p − 1)) of each range. */
  levels?: number;
}

/** The defaults of {@link SensitivityOptions} that do not depend on the method's sample count. */
export const SENSITIVITY_DEFAULTS = { bootstrap: 500, seed: 0, skip: 1000, levels: 4 } as const;

/**
 * The settings an analysis ran with, defaults filled in (what a report shows): bootstrap
 * resamples, seed, and Sobol's skipped points or Morris's levels.
 * @example
 * ```ts
 * sensitivitySettings({ params: { a: [0, 1] }, method: 'morris' }); // { bootstrap: 500, seed: 0, levels: 4 }
 * ```
 */
export function sensitivitySettings(o: SensitivityOptions): { bootstrap: number; seed: number; skip?: number; levels?: number } {
  const d = SENSITIVITY_DEFAULTS;
  const common = { bootstrap: o.bootstrap ?? d.bootstrap, seed: o.seed ?? d.seed };
  return (o.method ?? 'sobol') === 'sobol' ? { ...common, skip: o.skip ?? d.skip } : { ...common, levels: o.levels ?? d.levels };
}

/** One parameter's Sobol indices with bootstrap intervals. */
export interface SobolIndex {
  param: string;
  /** First-order index S1: the share of the output's variance this parameter explains alone. */
  S1: number;
  /** Half-width of S1's interval, z · bootstrap standard deviation (SALib's S1_conf). */
  S1Conf: number;
  /** Bootstrap percentile interval of S1. */
  S1Interval: [number, number];
  /** Total index ST: its share with every interaction it takes part in. */
  ST: number;
  STConf: number;
  STInterval: [number, number];
}

/** One parameter's Morris elementary effects (in output units per whole range of the parameter). */
export interface MorrisEffect {
  param: string;
  /** Mean elementary effect (signs can cancel). */
  mu: number;
  /** Mean absolute elementary effect μ* (Campolongo et al. 2007): the ranking measure. */
  muStar: number;
  /** Half-width of μ*'s bootstrap interval (z · bootstrap standard deviation). */
  muStarConf: number;
  /** Standard deviation of the effects: non-linearity or interactions. */
  sigma: number;
}

/** The result of a sensitivity analysis. */
export interface SensitivityResult {
  method: 'sobol' | 'morris';
  output: string;
  params: string[];
  /** Model evaluations (each one Monte Carlo when run on a spec). */
  evaluations: number;
  /** Mean and variance of the output over the samples. */
  mean: number;
  variance: number;
  confidence: number;
  /** Sobol indices, one per parameter (method sobol). */
  sobol?: SobolIndex[];
  /** Elementary effects, one per parameter (method morris). */
  morris?: MorrisEffect[];
  /** Things to know when reading the result (e.g. a constant output). */
  warnings: string[];
}

interface Plan {
  method: 'sobol' | 'morris';
  names: string[];
  ranges: (readonly [number, number])[];
  unit: Float64Array[];
  finish: (y: Float64Array) => Omit<SensitivityResult, 'output'>;
}

function bad(path: string, value: unknown, message: string, hint: string): never {
  fail(ErrorCodes.RUN_INVALID_OPTION, path, value, message, hint);
}

function plan(options: SensitivityOptions, spec?: ModelSpec): Plan {
  if (options === null || typeof options !== 'object') bad('options', options, 'sensitivity needs options', 'e.g. { params: { "params.growth": [0.1, 0.6] }, output: "finalPriceP50" }');
  const method = options.method ?? 'sobol';
  if (method !== 'sobol' && method !== 'morris') bad('method', method, 'unknown method', 'Use "sobol" or "morris".');
  const names = checkRanges(spec, options.params);
  const ranges = names.map((n) => options.params[n]!);
  const d = names.length;
  const boot = options.bootstrap ?? SENSITIVITY_DEFAULTS.bootstrap;
  if (!(Number.isInteger(boot) && boot >= 0 && boot <= 100_000)) bad('bootstrap', boot, 'bootstrap resamples must be a whole number from 0 to 100,000', 'e.g. bootstrap: 500');
  const conf = options.confidence ?? 0.95;
  if (!(conf > 0 && conf < 1)) bad('confidence', conf, 'the confidence level is between 0 and 1', 'e.g. 0.95');
  const seed = options.seed ?? SENSITIVITY_DEFAULTS.seed;
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) bad('seed', seed, 'the seed is an integer from 0 to 2^32 − 1', 'e.g. seed: 1');
  const z = normalQuantile(0.5 + conf / 2);
  if (method === 'sobol') {
    const n = options.samples ?? 256;
    if (!(Number.isInteger(n) && n >= 2 && n * (d + 2) <= 1_000_000))
      bad('samples', n, `Sobol needs a whole number N ≥ 2 of base samples, with N·(d + 2) ≤ 1,000,000 evaluations`, 'e.g. samples: 256 (a power of two)');
    const skip = options.skip ?? SENSITIVITY_DEFAULTS.skip;
    const base = sobolPoints(n, 2 * d, skip);
    const unit = saltelliRows(base, d);
    return { method, names, ranges, unit, finish: (y) => sobolFinish(names, y, n, d, boot, z, conf, seed) };
  }
  const r = options.samples ?? 20;
  if (!(Number.isInteger(r) && r >= 2 && r * (d + 1) <= 1_000_000)) bad('samples', r, 'Morris needs a whole number r ≥ 2 of trajectories', 'e.g. samples: 20');
  const p = options.levels ?? SENSITIVITY_DEFAULTS.levels;
  if (!(Number.isInteger(p) && p >= 2 && p % 2 === 0)) bad('levels', p, 'Morris levels p must be an even whole number ≥ 2', 'e.g. levels: 4');
  const { unit, moves } = morrisTrajectories(d, r, p, seed);
  return { method, names, ranges, unit, finish: (y) => morrisFinish(names, y, moves, r, d, boot, z, conf, seed) };
}

/**
 * Saltelli's sample (Saltelli 2002; Saltelli et al. 2010): from the rows of a 2d-dimensional
 * Sobol' sequence, A = its first d columns, B = the last d; each base row i gives, in order,
 * A_i, AB_i^(1) … AB_i^(d) (A_i with column j taken from B_i), B_i: N·(d + 2) points, SALib's
 * layout for first and total indices.
 */
export function saltelliRows(base: readonly Float64Array[], d: number): Float64Array[] {
  const rows: Float64Array[] = [];
  for (const x of base) {
    const a = x.slice(0, d);
    const b = x.slice(d, 2 * d);
    rows.push(a);
    for (let j = 0; j < d; j++) {
      const ab = a.slice();
      ab[j] = b[j]!;
      rows.push(ab);
    }
    rows.push(b);
  }
  return rows;
}

/** S1 (Saltelli et al. 2010, eq. b) and ST (Jansen 1999) of parameter j from the rows `idx` of the sample. */
function sobolAt(y: Float64Array, idx: ArrayLike<number>, d: number, out: Float64Array): void {
  const n = idx.length;
  const stride = d + 2;
  // variance of the outputs at A and B together (SALib: np.var(np.r_[A, B]))
  let s = 0;
  let s2 = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]! * stride;
    const a = y[i]!;
    const b = y[i + d + 1]!;
    s += a + b;
    s2 += a * a + b * b;
  }
  const m = s / (2 * n);
  const v = s2 / (2 * n) - m * m;
  for (let j = 0; j < d; j++) {
    let first = 0;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const i = idx[k]! * stride;
      const a = y[i]!;
      const ab = y[i + 1 + j]!;
      const b = y[i + d + 1]!;
      first += b * (ab - a);
      total += (a - ab) ** 2;
    }
    out[j] = v > 0 ? first / n / v : 0;
    out[d + j] = v > 0 ? (0.5 * total) / n / v : 0;
  }
}

function sobolFinish(names: string[], y: Float64Array, n: number, d: number, boot: number, z: number, conf: number, seed: number): Omit<SensitivityResult, 'output'> {
  // Centred on the mean of every output first, as SALib does (it standardises Y): Saltelli's S1
  // estimator mean(f_B (f_AB − f_A)) is not invariant to a shift of f in a finite sample (the
  // shift times mean(f_AB − f_A) adds to it), so an output with a large mean would bias it.
  const m0 = mean(y);
  const yc = y.map((v) => v - m0);
  const all = Float64Array.from({ length: n }, (_, i) => i);
  const est = new Float64Array(2 * d);
  sobolAt(yc, all, d, est);
  const draws = Array.from({ length: 2 * d }, () => new Float64Array(boot));
  const rng = new Rng(seed, 0xb0075);
  const idx = new Float64Array(n);
  const tmp = new Float64Array(2 * d);
  for (let b = 0; b < boot; b++) {
    for (let k = 0; k < n; k++) idx[k] = Math.floor(rng.uniform() * n);
    sobolAt(yc, idx, d, tmp);
    for (let j = 0; j < 2 * d; j++) draws[j]![b] = tmp[j]!;
  }
  const lo = (1 - conf) / 2;
  const ci = (j: number): [number, number, number] =>
    boot >= 2 ? [z * Math.sqrt(variance(draws[j]!, 1)), quantile(draws[j]!, lo), quantile(draws[j]!, 1 - lo)] : [Number.NaN, Number.NaN, Number.NaN];
  const AB = Float64Array.from({ length: 2 * n }, (_, k) => y[Math.floor(k / 2) * (d + 2) + (k % 2 ? d + 1 : 0)]!);
  const v = variance(AB);
  const warnings: string[] = [];
  if (!(v > 0)) warnings.push('the output does not vary over the samples: every index is 0');
  return {
    method: 'sobol',
    params: names,
    evaluations: y.length,
    mean: mean(AB),
    variance: v,
    confidence: conf,
    sobol: names.map((param, j) => {
      const [s1c, s1l, s1h] = ci(j);
      const [stc, stl, sth] = ci(d + j);
      return { param, S1: est[j]!, S1Conf: s1c, S1Interval: [s1l, s1h], ST: est[d + j]!, STConf: stc, STInterval: [stl, sth] };
    }),
    warnings,
  };
}

/**
 * Morris trajectories (Morris 1991) on a p-level grid: a random base point on the levels
 * 0, 1/(p−1), …, 1 − Δ, then one move of ±Δ per parameter in a random order, with a random sign per
 * parameter. Returns the points and, per trajectory, which parameter each move changed and by how much.
 */
export function morrisTrajectories(d: number, r: number, p: number, seed: number): { unit: Float64Array[]; moves: { param: number; delta: number }[][] } {
  const rng = new Rng(seed, 0x3055);
  const delta = p / (2 * (p - 1));
  const baseLevels = p / 2; // levels 0 … p/2 − 1 can move up by Δ
  const unit: Float64Array[] = [];
  const moves: { param: number; delta: number }[][] = [];
  for (let t = 0; t < r; t++) {
    const x = new Float64Array(d);
    const up = new Array<boolean>(d);
    for (let j = 0; j < d; j++) {
      const base = Math.floor(rng.uniform() * baseLevels) / (p - 1);
      up[j] = rng.uniform() < 0.5;
      x[j] = up[j] ? base : base + delta;
    }
    const order = Array.from({ length: d }, (_, j) => j);
    for (let j = d - 1; j > 0; j--) {
      const k = Math.floor(rng.uniform() * (j + 1));
      [order[j], order[k]] = [order[k]!, order[j]!];
    }
    unit.push(x.slice());
    const mv: { param: number; delta: number }[] = [];
    for (const j of order) {
      const step = up[j] ? delta : -delta;
      x[j] = x[j]! + step;
      unit.push(x.slice());
      mv.push({ param: j, delta: step });
    }
    moves.push(mv);
  }
  return { unit, moves };
}

function morrisFinish(
  names: string[],
  y: Float64Array,
  moves: { param: number; delta: number }[][],
  r: number,
  d: number,
  boot: number,
  z: number,
  conf: number,
  seed: number,
): Omit<SensitivityResult, 'output'> {
  // ee[j][t]: the effect of parameter j in trajectory t, per whole range (unit-cube step Δ)
  const ee = Array.from({ length: d }, () => new Float64Array(r));
  for (let t = 0; t < r; t++) {
    const o = t * (d + 1);
    moves[t]!.forEach((m, k) => (ee[m.param]![t] = (y[o + k + 1]! - y[o + k]!) / m.delta));
  }
  const rng = new Rng(seed, 0xb0076);
  const warnings: string[] = [];
  const v = variance(y);
  if (!(v > 0)) warnings.push('the output does not vary over the samples: every effect is 0');
  return {
    method: 'morris',
    params: names,
    evaluations: y.length,
    mean: mean(y),
    variance: v,
    confidence: conf,
    morris: names.map((param, j) => {
      const e = ee[j]!;
      const abs = e.map(Math.abs);
      const draws = new Float64Array(boot);
      for (let b = 0; b < boot; b++) {
        let s = 0;
        for (let k = 0; k < r; k++) s += abs[Math.floor(rng.uniform() * r)]!;
        draws[b] = s / r;
      }
      return { param, mu: mean(e), muStar: mean(abs), muStarConf: boot >= 2 ? z * Math.sqrt(variance(draws, 1)) : Number.NaN, sigma: r > 1 ? Math.sqrt(variance(e, 1)) : 0 };
    }),
    warnings,
  };
}

/**
 * The sample points of a sensitivity analysis, for evaluating them elsewhere (other machines,
 * another simulator): the SALib-style workflow sample → evaluate → {@link sensitivityAnalyze}.
 * Points are in the parameters' units, in the order of `names`.
 * @throws FlywheelError RUN_INVALID_OPTION for bad options
 * @example
 * ```ts
 * const { names, points } = sensitivitySample({ params: { a: [0, 1], b: [0, 1] }, samples: 64 });
 * const y = points.map(([a, b]) => a! + 2 * b!); // or sweep(spec, { zip: … }) in shards
 * const r = sensitivityAnalyze({ params: { a: [0, 1], b: [0, 1] }, samples: 64 }, y);
 * ```
 */
export function sensitivitySample(options: SensitivityOptions): { names: string[]; points: Float64Array[] } {
  const p = plan(options);
  return { names: p.names, points: scalePoints(p.unit, p.ranges) };
}

/**
 * The indices (or effects) from the outputs at the points of {@link sensitivitySample} with the
 * same options, in the same order.
 * @throws FlywheelError RUN_INVALID_OPTION for a wrong number of outputs or a non-finite one
 */
export function sensitivityAnalyze(options: SensitivityOptions, outputs: ArrayLike<number>, label = 'f'): SensitivityResult {
  return finish(plan(options), Float64Array.from(outputs), label);
}

/**
 * Global sensitivity of a pure function (no engine): `fn` maps a batch of points (one
 * Float64Array per point, parameters in the order of `options.params`, in their ranges) to one
 * output each. The analytic benchmarks (Ishigami, Sobol G) run through this.
 * @throws FlywheelError RUN_INVALID_OPTION for bad options or a non-finite output
 * @example
 * ```ts
 * const r = await sensitivityOf((xs) => xs.map((x) => x[0]! + 2 * x[1]!), { params: { a: [0, 1], b: [0, 1] } });
 * r.sobol![1]!.S1; // ≈ 0.8
 * ```
 */
export async function sensitivityOf(fn: (points: Float64Array[]) => ArrayLike<number> | Promise<ArrayLike<number>>, options: SensitivityOptions & { output?: string }): Promise<SensitivityResult> {
  const p = plan(options);
  const pts = scalePoints(p.unit, p.ranges);
  const y = Float64Array.from(await fn(pts));
  return finish(p, y, options.output ?? 'f');
}

function finish(p: Plan, y: Float64Array, label: string): SensitivityResult {
  if (y.length !== p.unit.length) bad('output', y.length, `the evaluator returned ${y.length} values for ${p.unit.length} points`, 'Return one value per point.');
  const i = y.findIndex((v) => !Number.isFinite(v));
  if (i >= 0)
    bad(
      'output',
      y[i],
      `the output is ${y[i]} at sample ${i} (${p.names.map((n, j) => `${n}=${p.ranges[j]![0] + (p.ranges[j]![1] - p.ranges[j]![0]) * p.unit[i]![j]!}`).join(', ')})`,
      'Narrow the ranges, or pick an output that exists over the whole range.',
    );
  return { output: label, ...p.finish(y) };
}

/**
 * Global sensitivity of a model's output to spec parameters: Sobol first-order and total indices
 * (Saltelli sampling on a Sobol' sequence, the Saltelli 2010 and Jansen estimators, bootstrap
 * intervals) or Morris elementary effects. Each sample point is one Monte Carlo of the spec with
 * those parameter values and the spec's own runs and seed (common random numbers across points),
 * run through {@link sweep} on worker threads; the output is read from each result (see
 * {@link OutputSpec}). The same options give the same numbers.
 *
 * @throws FlywheelError RUN_INVALID_OPTION for bad options, SPEC_UNKNOWN_PATH for a path not in the spec, SPEC_* for a sample point whose spec is invalid
 * @example
 * ```ts
 * const r = await sensitivity(helium({ years: 10, runs: 20 }), {
 *   params: { 'params.growth': [0.1, 0.7], 'params.elasticity': [0.2, 0.8] },
 *   output: 'burnMintRatioOverall', samples: 128,
 * });
 * r.sobol!.map((s) => `${s.param}: S1 ${s.S1.toFixed(2)}, ST ${s.ST.toFixed(2)}`);
 * ```
 */
export async function sensitivity(
  spec: ModelSpec,
  options: SensitivityOptions & { output: OutputSpec },
  runOptions: RunOptions = {},
  onBatch?: (done: number, total: number) => void,
): Promise<SensitivityResult> {
  const p = plan(options, spec);
  const out = parseOutput(options.output);
  const pts = scalePoints(p.unit, p.ranges);
  const y = Float64Array.from(await evaluatePoints(spec, p.names, pts, (r) => out.of(r), runOptions.metrics ?? out.metrics, runOptions, onBatch));
  return finish(p, y, out.label);
}
