import { ErrorCodes, fail, getPath, type ModelSpec } from '@flywheel/spec';
import { Rng } from '../engine/rng.js';
import type { RunResult } from '../result.js';
import { run, type RunOptions } from '../run.js';
import { evaluatePoints, stepOf } from './output.js';
import { normalCdf, normalQuantile, quantile, wilson } from './stats.js';

/** A user-defined event on one metric's path in a run, e.g. `price<0.5@end`, `activeProviders<100@any`. */
export interface RiskEvent {
  /** The text it was parsed from. */
  label: string;
  metric: string;
  op: '<' | '<=' | '>' | '>=' | '==' | '!=';
  threshold: number;
  /** `end`, `any` (some step 1 … end), `all` (every step 1 … end), a step index, or a date YYYY-MM-DD. */
  when: string;
}

function bad(path: string, value: unknown, message: string, hint: string): never {
  fail(ErrorCodes.RUN_INVALID_OPTION, path, value, message, hint);
}

/**
 * Parses `metric op threshold @ when`: op one of < <= > >= == !=; when `end`, `any`, `all`, a
 * step or a date.
 * @throws FlywheelError RUN_INVALID_OPTION
 * @example
 * ```ts
 * parseEvent('LPT.treasury==0@any'); // { metric: 'LPT.treasury', op: '==', threshold: 0, when: 'any', … }
 * ```
 */
export function parseEvent(text: string, path = 'events'): RiskEvent {
  const m = typeof text === 'string' ? /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*@\s*(end|any|all|\d+|\d{4}-\d{2}-\d{2})\s*$/i.exec(text) : null;
  if (!m) bad(path, text, `cannot read the event "${text}"`, 'Write metric<threshold@when, e.g. price<0.5@end, activeProviders<100@any, HNT.liquid==0@any (when: end, any, all, a step or a date).');
  return { label: text.trim(), metric: m[1]!, op: m[2] as RiskEvent['op'], threshold: Number(m[3]), when: m[4]!.toLowerCase() };
}

const test = (op: RiskEvent['op'], v: number, x: number): boolean => (op === '<' ? v < x : op === '<=' ? v <= x : op === '>' ? v > x : op === '>=' ? v >= x : op === '==' ? v === x : v !== x);

/**
 * How far a value is inside the event's region, in units of max(|threshold|, 1): > 0 (≥ 0 for
 * <=, >=) inside. The rare-event estimator uses it as a continuous score.
 */
const margin = (op: RiskEvent['op'], v: number, x: number): number => {
  const s = Math.max(Math.abs(x), 1);
  if (op === '<' || op === '<=') return (x - v) / s;
  if (op === '>' || op === '>=') return (v - x) / s;
  return op === '==' ? -Math.abs(v - x) / s : Math.abs(v - x) / s;
};

/** Per run: did the event happen, and its score (the margin at the event's step, max over steps for any, min for all). */
export function eventRuns(result: RunResult, e: RiskEvent, path = 'events'): { hit: Uint8Array; score: Float64Array } {
  const paths = result.paths(e.metric);
  const fixed = e.when === 'any' || e.when === 'all' ? -1 : stepOf(result, e.when, path);
  const hit = new Uint8Array(paths.length);
  const score = new Float64Array(paths.length);
  paths.forEach((p, r) => {
    if (fixed >= 0) {
      hit[r] = test(e.op, p[fixed]!, e.threshold) ? 1 : 0;
      score[r] = margin(e.op, p[fixed]!, e.threshold);
      return;
    }
    let any = false;
    let all = true;
    let best = e.when === 'any' ? -Infinity : Infinity;
    for (let t = 1; t < p.length; t++) {
      const h = test(e.op, p[t]!, e.threshold);
      any ||= h;
      all &&= h;
      const mg = margin(e.op, p[t]!, e.threshold);
      best = e.when === 'any' ? Math.max(best, mg) : Math.min(best, mg);
    }
    hit[r] = (e.when === 'any' ? any : all) ? 1 : 0;
    score[r] = best;
  });
  return { hit, score };
}

/** One event's probability over the runs of a Monte Carlo. */
export interface EventProbability {
  event: string;
  runs: number;
  /** Runs in which the event happened. */
  hits: number;
  probability: number;
  /** Wilson score interval at the confidence level. */
  interval: [number, number];
  /** The step at which the event first held, median over the runs where it did (any/all events); null otherwise. */
  medianFirstStep: number | null;
}

/** What {@link risk} returns. */
export interface RiskResult {
  model: string;
  runs: number;
  confidence: number;
  events: EventProbability[];
}

/**
 * The probability of each event over the runs of one Monte Carlo of the spec, with Wilson score
 * intervals. The runs' paths are kept for the events' metrics only.
 * @throws FlywheelError RUN_INVALID_OPTION for a malformed event, RESULT_UNKNOWN_METRIC for a metric the model does not have
 * @example
 * ```ts
 * const r = await risk(helium({ runs: 1000 }), { events: ['price<2@end', 'activeProviders<200000@any'] });
 * r.events[0]!.probability; r.events[0]!.interval;
 * ```
 */
export async function risk(spec: ModelSpec, options: { events: readonly string[]; confidence?: number }, runOptions: RunOptions = {}): Promise<RiskResult> {
  if (!Array.isArray(options?.events) || options.events.length === 0) bad('events', options?.events, 'name at least one event', 'e.g. events: ["price<0.5@end"]');
  const conf = options.confidence ?? 0.95;
  if (!(conf > 0 && conf < 1)) bad('confidence', conf, 'the confidence level is between 0 and 1', 'e.g. 0.95');
  const events = options.events.map((t, i) => parseEvent(t, `events.${i}`));
  const result = await run(spec, { ...runOptions, keepRuns: true, statistics: 'exact', metrics: [...new Set(events.map((e) => e.metric))] });
  return {
    model: result.model,
    runs: result.runs,
    confidence: conf,
    events: events.map((e, i) => {
      const { hit } = eventRuns(result, e, `events.${i}`);
      const hits = hit.reduce((s, h) => s + h, 0);
      let medianFirstStep: number | null = null;
      if ((e.when === 'any' || e.when === 'all') && hits > 0) {
        const firsts: number[] = [];
        result.paths(e.metric).forEach((p, r) => {
          if (!hit[r]) return;
          for (let t = 1; t < p.length; t++) if (test(e.op, p[t]!, e.threshold)) return void firsts.push(t);
        });
        medianFirstStep = firsts.length ? quantile(firsts, 0.5) : null;
      }
      return { event: e.label, runs: result.runs, hits, probability: hits / result.runs, interval: wilson(hits, result.runs, conf), medianFirstStep };
    }),
  };
}

/** An uncertain parameter's distribution for the rare-event estimator. */
export type ParamDistribution = { uniform: readonly [number, number] } | { normal: readonly [number, number] } | { lognormal: readonly [number, number] };

/** Options of {@link rareEvent} and {@link rareEventOf}. */
export interface RareEventOptions {
  /** Uncertain parameters (spec paths, or any names for {@link rareEventOf}) and their distributions: uniform [lo, hi], normal [mean, sd], lognormal [median, sigma]. */
  params: Readonly<Record<string, ParamDistribution>>;
  /** Parameter samples of the final importance-sampling stage (default 200). */
  samples?: number;
  /** Samples per cross-entropy level (default 100). */
  levelSamples?: number;
  /** The elite fraction ρ of the cross-entropy method (default 0.1). */
  rho?: number;
  /** Most cross-entropy levels (default 10). */
  maxLevels?: number;
  /** Seed of the parameter draws (default 0). */
  seed?: number;
  /** Also run plain Monte Carlo over the prior with the same number of evaluations, to measure the variance reduction (default true). */
  compare?: boolean;
  confidence?: number;
}

/** An estimate with its standard error. */
export interface Estimate {
  probability: number;
  standardError: number;
  interval: [number, number];
  evaluations: number;
}

/** What {@link rareEvent} returns. */
export interface RareEventResult {
  event: string;
  /**
   * What is estimated: P(event) = E_θ[P(event | θ)] with θ drawn from the parameters'
   * distributions and, for each θ, P(event | θ) the fraction of the spec's runs in which it happens.
   */
  estimand: string;
  /** The importance-sampling estimate (cross-entropy proposal). */
  importance: Estimate;
  /** The proposal found, per parameter, in standard-normal coordinates (mean, sd) and as a value at its mean. */
  proposal: Record<string, { mean: number; sd: number; valueAtMean: number }>;
  levels: number;
  /** Plain Monte Carlo over the prior with as many evaluations (when compared). */
  plain?: Estimate & { hits: number };
  /**
   * Variance reduction at equal cost: Var(plain estimator) / Var(IS estimator), the first from the
   * IS estimate of E[P(E|θ)²] − p² (unbiased even when the plain run sees no event) over all the
   * evaluations (cross-entropy levels included).
   */
  varianceReduction: number;
  /** The same ratio with the plain run's own sample variance (undefined without a plain hit). */
  varianceReductionMeasured?: number;
  warnings: string[];
}

/** The value of a standard normal coordinate under a distribution. */
function fromZ(d: ParamDistribution, z: number): number {
  if ('uniform' in d) return d.uniform[0] + (d.uniform[1] - d.uniform[0]) * normalCdf(z);
  if ('normal' in d) return d.normal[0] + d.normal[1] * z;
  return d.lognormal[0] * Math.exp(d.lognormal[1] * z);
}

function checkDists(params: RareEventOptions['params']): string[] {
  if (params === null || typeof params !== 'object' || Object.keys(params).length === 0)
    bad('params', params, 'name at least one uncertain parameter with its distribution', 'e.g. { "params.growth": { normal: [0.4, 0.15] } }');
  for (const [k, d] of Object.entries(params)) {
    const v = (d as Record<string, readonly number[]>)?.[Object.keys(d ?? {})[0] ?? ''];
    const kind = Object.keys(d ?? {})[0];
    const ok =
      Array.isArray(v) &&
      v.length === 2 &&
      v.every(Number.isFinite) &&
      Object.keys(d).length === 1 &&
      (kind === 'uniform' ? v[0]! < v[1]! : kind === 'normal' ? v[1]! > 0 : kind === 'lognormal' ? v[0]! > 0 && v[1]! > 0 : false);
    if (!ok) bad(`params.${k}`, d, 'a distribution is { uniform: [lo, hi] }, { normal: [mean, sd > 0] } or { lognormal: [median > 0, sigma > 0] }', 'e.g. { normal: [0.4, 0.15] }');
  }
  return Object.keys(params);
}

/** Smoothing of the cross-entropy updates. */
const SMOOTH = 0.7;

type Evaluate = (values: Float64Array[]) => Promise<{ p: number; score: number }[]>;

async function crossEntropy(label: string, names: string[], dists: ParamDistribution[], evaluate: Evaluate, options: RareEventOptions): Promise<RareEventResult> {
  const d = names.length;
  const n = options.samples ?? 200;
  const nl = options.levelSamples ?? 100;
  const rho = options.rho ?? 0.1;
  const maxLevels = options.maxLevels ?? 10;
  const conf = options.confidence ?? 0.95;
  for (const [k, v, lo] of [
    ['samples', n, 2],
    ['levelSamples', nl, 10],
    ['maxLevels', maxLevels, 0],
  ] as const) {
    if (!(Number.isInteger(v) && v >= lo && v <= 1_000_000)) bad(k, v, `${k} must be a whole number ≥ ${lo}`, `e.g. ${k}: ${k === 'maxLevels' ? 8 : 200}`);
  }
  if (!(rho > 0 && rho < 0.5)) bad('rho', rho, 'the elite fraction is between 0 and 0.5', 'e.g. rho: 0.1');
  const z = normalQuantile(0.5 + conf / 2);
  const rng = new Rng(options.seed ?? 0, 0x2a2e);
  const normal = () => normalQuantile(Math.min(1 - 1e-16, Math.max(1e-16, rng.uniform())));
  const mu = new Float64Array(d);
  const sd = new Float64Array(d).fill(1);
  const draw = (m: Float64Array, s: Float64Array, k: number) => Array.from({ length: k }, () => Float64Array.from({ length: d }, (_, j) => m[j]! + s[j]! * normal()));
  // log prior / proposal density ratio of a point in z-space
  const logW = (x: Float64Array, m: Float64Array, s: Float64Array) => {
    let l = 0;
    for (let j = 0; j < d; j++) l += -0.5 * x[j]! ** 2 + 0.5 * ((x[j]! - m[j]!) / s[j]!) ** 2 + Math.log(s[j]!);
    return l;
  };
  const values = (zs: Float64Array[]) => zs.map((x) => Float64Array.from(dists, (dist, j) => fromZ(dist, x[j]!)));
  let evaluations = 0;
  let levels = 0;
  const warnings: string[] = [];
  // all evaluations, for the estimate of E_prior[Y²] (each weighted against the proposal it came from)
  const second: number[] = [];
  for (; levels < maxLevels; levels++) {
    const zs = draw(mu, sd, nl);
    const ev = await evaluate(values(zs));
    evaluations += zs.length;
    const scores = ev.map((e) => e.score);
    const gamma = Math.min(0, quantile(scores, 1 - rho));
    const w = zs.map((x) => Math.exp(logW(x, mu, sd)));
    ev.forEach((e, i) => second.push(w[i]! * e.p * e.p));
    // Intermediate levels move only the proposal's mean, to the mean of the elites (score ≥ γ):
    // fitting their spread too would shrink it by the elites' share each level and stall the climb.
    // The last level fits mean and spread to prior/proposal × P(E | θ), the optimal proposal's shape
    // (∝ prior × P(E | θ)). The final estimate is weighted by prior/proposal, so it is unbiased.
    // done when the level reaches the event, or when enough samples already see it (an event that
    // the runs' own randomness drives more than the parameters never lifts the score's quantile)
    const done = gamma >= 0 || ev.filter((e) => e.p > 0).length >= rho * nl;
    const ew = zs.map((_, i) => (done ? w[i]! * ev[i]!.p : scores[i]! >= gamma ? 1 : 0));
    const total = ew.reduce((s, v) => s + v, 0);
    if (!(total > 0)) {
      warnings.push(`cross-entropy level ${levels + 1}: no weight on the elite samples; the proposal is kept`);
      continue;
    }
    // smoothed (α = 0.7, as de Boer et al. 2005 recommend); the spread kept in [0.1, 2]
    for (let j = 0; j < d; j++) {
      const m = zs.reduce((s, x, i) => s + ew[i]! * x[j]!, 0) / total;
      const v = zs.reduce((s, x, i) => s + ew[i]! * (x[j]! - m) ** 2, 0) / total;
      mu[j] = SMOOTH * m + (1 - SMOOTH) * mu[j]!;
      if (done) sd[j] = Math.max(0.1, Math.min(2, SMOOTH * Math.sqrt(v) + (1 - SMOOTH) * sd[j]!));
    }
    if (done) {
      levels++;
      break;
    }
  }
  if (levels >= maxLevels) warnings.push(`the cross-entropy levels did not reach the event in ${maxLevels} levels: the proposal may be poor; raise maxLevels or levelSamples`);
  const zs = draw(mu, sd, n);
  const ev = await evaluate(values(zs));
  evaluations += n;
  const terms = zs.map((x, i) => Math.exp(logW(x, mu, sd)) * ev[i]!.p);
  ev.forEach((e, i) => second.push(Math.exp(logW(zs[i]!, mu, sd)) * e.p * e.p));
  const p = terms.reduce((s, v) => s + v, 0) / n;
  const varTerm = terms.reduce((s, v) => s + (v - p) ** 2, 0) / (n - 1);
  const se = Math.sqrt(varTerm / n);
  const importance: Estimate = { probability: p, standardError: se, interval: [Math.max(0, p - z * se), Math.min(1, p + z * se)], evaluations };
  // Var of one plain sample Y = P(E | θ), θ ~ prior: E[Y²] − p², with E[Y²] from every weighted evaluation
  const ey2 = second.reduce((s, v) => s + v, 0) / second.length;
  const varPlainOne = Math.max(ey2 - p * p, 0);
  const varianceReduction = se > 0 ? varPlainOne / evaluations / (se * se) : Infinity;
  const proposal = Object.fromEntries(names.map((nm, j) => [nm, { mean: mu[j]!, sd: sd[j]!, valueAtMean: fromZ(dists[j]!, mu[j]!) }]));
  const out: RareEventResult = {
    event: label,
    estimand: "P(event) = E over the parameter distributions of P(event | parameters), P(event | parameters) the fraction of the spec's runs with the event",
    importance,
    proposal,
    levels,
    varianceReduction,
    warnings,
  };
  if (options.compare ?? true) {
    const pz = draw(new Float64Array(d), new Float64Array(d).fill(1), evaluations);
    const pe = await evaluate(values(pz));
    const ys = pe.map((e) => e.p);
    const pm = ys.reduce((s, v) => s + v, 0) / ys.length;
    const vy = ys.reduce((s, v) => s + (v - pm) ** 2, 0) / Math.max(1, ys.length - 1);
    const pse = Math.sqrt(vy / ys.length);
    const hits = ys.filter((v) => v > 0).length;
    const [wl, wh] = wilson(Math.round(pm * ys.length), ys.length, conf);
    out.plain = { probability: pm, standardError: pse, interval: hits > 0 ? [Math.max(0, pm - z * pse), Math.min(1, pm + z * pse)] : [wl, wh], evaluations: ys.length, hits };
    if (hits > 0 && se > 0) out.varianceReductionMeasured = vy / ys.length / (se * se);
  }
  return out;
}

/**
 * The rare-event estimator on a pure function: `fn` maps parameter values (one Float64Array per
 * sample, in the order of `options.params`) to P(event | θ) and a score (> 0 inside the event,
 * continuous; the cross-entropy levels climb it). See {@link rareEvent}.
 */
export async function rareEventOf(
  fn: (values: Float64Array[]) => Promise<{ p: number; score: number }[]> | { p: number; score: number }[],
  options: RareEventOptions & { event?: string },
): Promise<RareEventResult> {
  const names = checkDists(options.params);
  return crossEntropy(
    options.event ?? 'event',
    names,
    names.map((n) => options.params[n]!),
    async (v) => fn(v),
    options,
  );
}

/**
 * The probability of a rare event under **parameter uncertainty**, by importance sampling with a
 * proposal found by the cross-entropy method (Rubinstein 1999; de Boer et al. 2005). It is not a
 * rare-event method over the engine's own random streams (the engine draws them inside each run;
 * splitting would need to restart runs from saved states): it estimates
 * P(E) = E_θ[P(E | θ)] where θ are uncertain parameters with given distributions and P(E | θ) is
 * the fraction of the spec's runs (its seed, common random numbers) with the event. The
 * cross-entropy levels shift a normal proposal (in standard-normal coordinates of θ) toward the
 * parameter values that make the event likely, climbing the event's margin (how far a run gets
 * into the event) level by level; the final stage weights P(E | θ) by prior / proposal. The
 * variance reduction against plain Monte Carlo over the prior at the same number of evaluations
 * is reported (and measured directly when the plain run sees the event).
 * @throws FlywheelError RUN_INVALID_OPTION for bad options, SPEC_* for parameter values the spec refuses
 * @example
 * ```ts
 * const r = await rareEvent(helium({ years: 2, runs: 20 }), 'price<1@end', {
 *   params: { 'params.growth': { normal: [0.4, 0.15] } },
 * });
 * r.importance.probability; r.varianceReduction;
 * ```
 */
export async function rareEvent(spec: ModelSpec, event: string, options: RareEventOptions, runOptions: RunOptions = {}): Promise<RareEventResult> {
  const e = parseEvent(event, 'event');
  const names = checkDists(options.params);
  for (const n of names) if (typeof getPath(spec, n) !== 'number') bad(`params.${n}`, getPath(spec, n), `${n} is not a number in the spec`, 'Give a numeric spec path.');
  const evaluate: Evaluate = async (values) =>
    evaluatePoints(
      spec,
      names,
      values,
      (r) => {
        const { hit, score } = eventRuns(r, e, 'event');
        const p = hit.reduce((s, h) => s + h, 0) / hit.length;
        return { p, score: quantile(score, 0.9) };
      },
      [e.metric],
      { ...runOptions, keepRuns: true, statistics: 'exact' },
    );
  return crossEntropy(
    e.label,
    names,
    names.map((n) => options.params[n]!),
    evaluate,
    options,
  );
}
