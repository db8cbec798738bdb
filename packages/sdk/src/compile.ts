import { layout as L } from '@flywheel/core-wasm';
import {
  ErrorCodes,
  fail,
  daysBetween,
  offsetDays,
  periodDays,
  stepDays,
  stepsPerYear,
  type Distribution,
  type EmissionSpec,
  type Period,
  type ValidSpec,
  type ValidSpecV2,
  validateSpec,
  validateSpecV2,
  type When,
} from '@flywheel/spec';
import { fexp, flog, fpow } from './engine/math.js';
import { METRICS, type MetricName } from './metrics.js';
import { compileProgram, type Program } from './program/compile.js';

/** A version-2 spec compiled to a block program (engine v2). */
export interface CompiledModelV2 {
  readonly version: 2;
  readonly spec: ValidSpecV2;
  readonly steps: number;
  readonly runs: number;
  readonly seed: number;
  /** Agents of all populations (for the work estimate of threads: 'auto'). */
  readonly agents: number;
  readonly metrics: readonly string[];
  readonly program: Program;
  /** The step's name in results (`day`, `round`, ...). */
  readonly step: string;
  readonly stepDays: number;
}

/** A compiled model of either spec version; the engines dispatch on `version`. */
export type CompiledModel = CompiledModelV1 | CompiledModelV2;

/** Compiles a validated version-2 spec. @throws FlywheelError for an unknown metric or a formula that does not compile */
export function compileV2(spec: ValidSpecV2, only?: readonly string[]): CompiledModelV2 {
  const { program, metrics, step, stepDays } = compileProgram(spec, only);
  const agents = program.populations.reduce((n, p) => n + p.count, 0);
  return { version: 2, spec, steps: spec.time.steps, runs: spec.monteCarlo.runs, seed: spec.monteCarlo.seed, agents, metrics, program, step, stepDays };
}

/**
 * Validates and compiles a spec of either version (`specVersion` 1 or 2).
 * @throws FlywheelError for an invalid spec or an unknown metric
 */
export function compileSpec(spec: unknown, only?: readonly string[]): CompiledModel {
  return compileValid(validateAny(spec), only);
}

/** Validates a spec of either version (`specVersion` 2, else version 1). @throws FlywheelError */
export function validateAny(spec: unknown): ValidSpec | ValidSpecV2 {
  if (spec !== null && typeof spec === 'object' && (spec as { specVersion?: unknown }).specVersion === 2) return validateSpecV2(spec);
  return validateSpec(spec);
}

/** Compiles a validated spec of either version. @throws FlywheelError for an unknown metric */
export function compileValid(spec: ValidSpec | ValidSpecV2, only?: readonly string[]): CompiledModel {
  return spec.specVersion === 2 ? compileV2(spec, only) : compile(spec, only);
}

/**
 * A spec turned into flat buffers both engines read: a parameter block, per-step tables and the
 * list of stored metrics. Everything time-based (dates, calendar halvings, growth) is resolved
 * here, once, so no date arithmetic runs inside the step loop.
 */
export interface CompiledModelV1 {
  readonly version?: 1;
  readonly spec: ValidSpec;
  readonly steps: number;
  readonly runs: number;
  readonly seed: number;
  readonly agents: number;
  /** f64 parameter block, indexed by the P_* constants of @flywheel/core-wasm/layout. */
  readonly params: Float64Array;
  /** T_COUNT tables of steps + 1 values, then supply-halving thresholds and rates (2 × SH_MAX). */
  readonly tables: Float64Array;
  /** Metrics stored and reported, in slot order. */
  readonly metrics: readonly MetricName[];
}

/** A piecewise-constant daily rate: `rate` tokens/day from `day` until the next segment. */
interface Segment {
  day: number;
  rate: number;
}

const perDay = (amount: number, per: Period, spec: ValidSpec): number => amount / periodDays(per, spec.time.step);

function whenToDay(w: When, spec: ValidSpec): number {
  return typeof w === 'number' ? w * stepDays(spec.time.step) : daysBetween(spec.time.start!, w);
}

/** Integral of a piecewise-constant daily rate over [a, b) days. Segments sorted by day. */
function integrate(segs: readonly Segment[], a: number, b: number): number {
  let total = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const lo = Math.max(a, s.day);
    const hi = Math.min(b, i + 1 < segs.length ? segs[i + 1]!.day : Infinity);
    if (hi > lo && s.rate !== 0) total += s.rate * (hi - lo);
  }
  return total;
}

function halvings(fromDay: number, rate: number, e: { amount: number; unit: Period }, horizonDay: number, spec: ValidSpec): Segment[] {
  const segs: Segment[] = [];
  for (let k = 1; k <= 1100; k++) {
    const day = offsetDays(fromDay, e, k, spec.time.step, spec.time.start);
    if (day >= horizonDay) break;
    segs.push({ day, rate: rate / 2 ** k });
  }
  return segs;
}

/** Daily-rate segments of a time-based emission (all kinds but halfLife and supplyHalving). */
export function emissionSegments(e: EmissionSpec, spec: ValidSpec): Segment[] {
  const horizon = spec.time.steps * stepDays(spec.time.step);
  switch (e.kind) {
    case 'fixed': {
      const from = e.from === undefined ? -Infinity : whenToDay(e.from, spec);
      const segs: Segment[] = [{ day: from, rate: perDay(e.rate.amount, e.rate.per, spec) }];
      if (e.until !== undefined) segs.push({ day: whenToDay(e.until, spec), rate: 0 });
      return segs;
    }
    case 'halving': {
      const from = e.from === undefined ? 0 : whenToDay(e.from, spec);
      const r = perDay(e.rate.amount, e.rate.per, spec);
      return [{ day: from, rate: r }, ...halvings(from, r, e.every, horizon, spec)];
    }
    case 'schedule': {
      const segs = e.entries
        .map((en) => ({ day: whenToDay(en.from, spec), rate: perDay(en.rate.amount, en.rate.per, spec) }))
        .sort((a, b) => a.day - b.day);
      const last = segs[segs.length - 1]!;
      if (e.then) segs.push(...halvings(last.day, last.rate, e.then.halvingEvery, horizon, spec));
      return segs;
    }
    default:
      return [];
  }
}

interface Fractions {
  prov: number;
  circ: number;
  stake: number;
}

function fractions(to: Record<string, number>, spec: ValidSpec): Fractions {
  const f: Fractions = { prov: 0, circ: 0, stake: 0 };
  for (const [g, share] of Object.entries(to)) {
    const kind = spec.groups[g]!.kind;
    if (kind === 'providers') {
      f.prov += share;
      f.circ += share;
    } else if (kind === 'circulating') f.circ += share;
    else if (kind === 'staked') f.stake += share;
  }
  return f;
}

function distParams(d: Distribution, scale: number): [number, number, number] {
  switch (d.kind) {
    case 'constant':
      return [L.DIST_CONSTANT, d.value * scale, 0];
    case 'uniform':
      return [L.DIST_UNIFORM, d.min * scale, d.max * scale];
    case 'lognormal':
      return [L.DIST_LOGNORMAL, d.median * scale, d.sigma];
  }
}

/**
 * Metrics that mean something for this spec (the others are not stored or reported).
 * @example
 * ```ts
 * metricsFor(validateSpec(helium())).includes('stakedSupply'); // false: Helium has no staking
 * ```
 */
export function metricsFor(spec: ValidSpec): MetricName[] {
  const hasStake = (spec.token.initialStaked ?? 0) > 0 || Object.values(spec.groups).some((g) => g.kind === 'staked');
  return METRICS.filter((m) => {
    switch (m) {
      case 'burned':
      case 'cumulativeBurned':
      case 'burnMintRatio':
        return spec.burn !== undefined;
      case 'demandUsd':
        return spec.demand !== undefined;
      case 'stakedSupply':
        return hasStake;
      case 'activeProviders':
      case 'providerRevenueUsd':
        return spec.providers !== undefined;
      default:
        return true;
    }
  });
}

/**
 * Compiles a validated spec into the engines' flat input.
 * @param only - store and report only these metrics (default: every metric that means something for the spec)
 * @throws FlywheelError RUN_INVALID_OPTION for a metric the spec does not produce
 * @example
 * ```ts
 * const compiled = compile(validateSpec(helium()));
 * compiled.tables.length; // (T_COUNT × (steps + 1)) + 2 × SH_MAX
 * ```
 */
export function compile(spec: ValidSpec, only?: readonly string[]): CompiledModelV1 {
  const S = spec.time.steps;
  const n1 = S + 1;
  const step = spec.time.step;
  const dayLen = stepDays(step);
  const p = new Float64Array(L.P_COUNT);
  const tables = new Float64Array(L.T_COUNT * n1 + 2 * L.SH_MAX);
  const T = (table: number, t: number) => table * n1 + t;
  const toStep = (amount: number, per: Period) => (amount * dayLen) / periodDays(per, step);

  p[L.P_STEPS] = S;
  p[L.P_STEPS_PER_YEAR] = stepsPerYear(step);
  p[L.P_INIT_SUPPLY] = spec.token.initialSupply;
  p[L.P_INIT_CIRC] = spec.token.initialCirculating;
  p[L.P_INIT_STAKED] = spec.token.initialStaked ?? 0;
  p[L.P_MAX_SUPPLY] = spec.token.maxSupply ?? Infinity;
  p[L.P_SEED] = spec.monteCarlo.seed;

  // ---- emissions ----
  for (const e of Object.values(spec.emissions)) {
    const f = fractions(e.to, spec);
    if (e.kind === 'supplyHalving') {
      const max = spec.token.maxSupply ?? Infinity;
      const thresholds = e.thresholds ?? Array.from({ length: L.SH_MAX - 1 }, (_, k) => max * (1 - 2 ** -(k + 1)));
      const rate = toStep(e.rate.amount, e.rate.per);
      p[L.P_SH_ON] = 1;
      p[L.P_SH_COUNT] = thresholds.length;
      p[L.P_SH_PROV] = f.prov;
      p[L.P_SH_CIRC] = f.circ;
      p[L.P_SH_STAKE] = f.stake;
      const base = L.T_COUNT * n1;
      thresholds.forEach((th, k) => (tables[base + k] = th));
      for (let k = 0; k < L.SH_MAX; k++) tables[base + L.SH_MAX + k] = rate / 2 ** k;
      continue;
    }
    const amounts = new Float64Array(n1);
    if (e.kind === 'halfLife') {
      const lambda = flog(2) / (e.halfLife.amount * periodDays(e.halfLife.unit, step));
      for (let t = 1; t <= S; t++) amounts[t] = e.total * (fexp(-lambda * (t - 1) * dayLen) - fexp(-lambda * t * dayLen));
    } else {
      const segs = emissionSegments(e, spec);
      for (let t = 1; t <= S; t++) amounts[t] = integrate(segs, (t - 1) * dayLen, t * dayLen);
    }
    for (let t = 1; t <= S; t++) {
      const a = amounts[t]!;
      tables[T(L.T_MINT, t)]! += a;
      tables[T(L.T_PROV, t)]! += a * f.prov;
      tables[T(L.T_CIRC, t)]! += a * f.circ;
      tables[T(L.T_STAKE, t)]! += a * f.stake;
    }
  }

  // ---- burn ----
  if (spec.burn) {
    p[L.P_BURN_SHARE] = spec.burn.share;
    const ne = spec.burn.netEmissions;
    if (ne) {
      const f = fractions(ne.to, spec);
      p[L.P_NE_ON] = 1;
      p[L.P_NE_CAP] = toStep(ne.cap.amount, ne.cap.per);
      p[L.P_NE_WINDOW] = ne.averageOver;
      p[L.P_NE_PROV] = f.prov;
      p[L.P_NE_CIRC] = f.circ;
      p[L.P_NE_STAKE] = f.stake;
    }
  }

  // ---- demand ----
  const d = spec.demand;
  if (d) {
    const d0 = toStep(d.initial.amount, d.initial.per);
    const g = d.growth;
    const perStepGrowth = g ? dayLen / periodDays(g.per, step) : 0;
    for (let t = 0; t <= S; t++) tables[T(L.T_DEMAND, t)] = g && g.rate !== 0 ? d0 * fpow(1 + g.rate, t * perStepGrowth) : d0;
    const sigma = d.volatility ?? 0;
    p[L.P_DEM_SIGMA] = sigma;
    p[L.P_DEM_MU] = d.meanCorrected ? -0.5 * sigma * sigma : 0;
    if (d.capacity) {
      p[L.P_DEM_CAP_ON] = 1;
      p[L.P_DEM_ELAST] = d.capacity.elasticity;
      p[L.P_DEM_SAT] = d.capacity.saturation ? toStep(d.capacity.saturation.amount, d.capacity.saturation.per) : 0;
    }
    p[L.P_DEM_PROV_SHARE] = d.providerShare ?? 0;
  }

  // ---- price ----
  const pr = spec.price;
  p[L.P_PRICE_FLOOR] = pr.floor ?? 1e-9;
  switch (pr.kind) {
    case 'constant':
      p[L.P_PRICE_KIND] = L.PRICE_CONSTANT;
      p[L.P_PRICE_INIT] = pr.initial;
      break;
    case 'path':
      p[L.P_PRICE_KIND] = L.PRICE_PATH;
      p[L.P_PRICE_INIT] = pr.values[0]!;
      for (let t = 0; t <= S; t++) tables[T(L.T_PRICE, t)] = pr.values[t]!;
      break;
    case 'gbm': {
      const dt = dayLen / periodDays(pr.drift.per, step);
      const dtv = dayLen / periodDays(pr.volatility.per, step);
      const vol = pr.volatility.rate * Math.sqrt(dtv);
      p[L.P_PRICE_KIND] = L.PRICE_GBM;
      p[L.P_PRICE_INIT] = pr.initial;
      p[L.P_PRICE_DRIFT] = pr.drift.rate * dt - 0.5 * vol * vol;
      p[L.P_PRICE_VOL] = vol;
      break;
    }
    case 'impact': {
      const dtv = dayLen / periodDays(pr.volatility.per, step);
      p[L.P_PRICE_KIND] = L.PRICE_IMPACT;
      p[L.P_PRICE_INIT] = pr.initial;
      p[L.P_PRICE_VOL] = pr.volatility.rate * Math.sqrt(dtv);
      p[L.P_PRICE_SENS] = pr.sensitivity;
      break;
    }
  }

  // ---- providers ----
  const pv = spec.providers;
  let agents = 0;
  if (pv) {
    agents = pv.count;
    const costScale = dayLen / periodDays(pv.costPer, step);
    const [ck, ca, cb] = distParams(pv.cost, costScale);
    const [kk, ka, kb] = distParams(pv.capacity ?? { kind: 'constant', value: 1 }, 1);
    p[L.P_AGENTS] = agents;
    p[L.P_AG_WEIGHT] = (pv.population ?? pv.count) / pv.count;
    p[L.P_AG_INIT_ACTIVE] = Math.round((pv.initialActive ?? 1) * pv.count);
    p[L.P_AG_COST_KIND] = ck;
    p[L.P_AG_COST_A] = ca;
    p[L.P_AG_COST_B] = cb;
    p[L.P_AG_CAP_KIND] = kk;
    p[L.P_AG_CAP_A] = ka;
    p[L.P_AG_CAP_B] = kb;
    p[L.P_AG_WINDOW] = pv.window;
    p[L.P_AG_REENTRY_P] = pv.reentry.probability;
    p[L.P_AG_REENTRY_TH] = pv.reentry.threshold;
    p[L.P_AG_MIN_ACTIVE] = pv.minActiveSteps ?? 1;
  } else {
    p[L.P_AG_WINDOW] = 1;
    p[L.P_AG_MIN_ACTIVE] = 1;
  }

  // ---- stored metrics ----
  const available = metricsFor(spec);
  let metrics = available;
  if (only !== undefined) {
    for (const m of only) {
      if (!available.includes(m as MetricName)) {
        fail(ErrorCodes.RUN_INVALID_OPTION, 'metrics', m, `this model does not produce "${m}"`, `Choose from: ${available.join(', ')}.`);
      }
    }
    metrics = available.filter((m) => only.includes(m));
    if (metrics.length === 0) fail(ErrorCodes.RUN_INVALID_OPTION, 'metrics', only, 'no metric selected', `Choose at least one of: ${available.join(', ')}.`);
  }
  for (let m = 0; m < L.M_COUNT; m++) p[L.P_SLOT + m] = -1;
  metrics.forEach((name, slot) => (p[L.P_SLOT + METRICS.indexOf(name)] = slot));
  p[L.P_NSLOTS] = metrics.length;

  return { spec, steps: S, runs: spec.monteCarlo.runs, seed: spec.monteCarlo.seed, agents, params: p, tables, metrics };
}
