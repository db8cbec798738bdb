// population: providers paid pro rata to capacity who leave or join on profitability, simulated as
// agents over structure-of-arrays. Kernels: assembly/blocks/populationBlock.ts (with the agent
// loop of assembly/blocks/population.ts) and PopulationRef below, which follows the v1 reference
// provider loop: the same arithmetic in the same order, so both engines give the same bits.
import { layout as L } from '@flywheel/core-wasm';
import {
  I_POP_INIT, I_POP_STEP, POP_CAP_A, POP_CAP_B, POP_CAP_KIND, POP_COST_A, POP_COST_B, POP_COST_KIND, POP_INIT_ACTIVE,
  POP_MIN_ACTIVE, POP_CAPEX, POP_PARAMS, POP_REENTRY_LOGQ, POP_REENTRY_P, POP_REENTRY_TH, POP_S_CAPSUM, POP_S_GAP, POP_S_RING,
  POP_STATE, POP_WEIGHT, POP_WINDOW,
} from '@flywheel/core-wasm/program-layout';
import type { Distribution, PopulationBlockSchema } from '@flywheel/spec';
import type { z } from 'zod';
import { fexp, flog } from '../engine/math.js';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { accountSlot, type CompileContext } from '../program/context.js';

/** Bytes of agent memory for n agents (the wasm engine's agentBytes). */
export const populationBytes = (n: number) => n * 8 * 5 + n * 4 + 64;

function dist(d: Distribution, scale: number): [number, number, number] {
  switch (d.kind) {
    case 'constant':
      return [L.DIST_CONSTANT, d.value * scale, 0];
    case 'uniform':
      return [L.DIST_UNIFORM, d.min * scale, d.max * scale];
    case 'lognormal':
      return [L.DIST_LOGNORMAL, d.median * scale, d.sigma];
  }
}

/** Compiles a population block: its parameters and run state in slots, its agent memory, I_POP_INIT and I_POP_STEP. */
export function compilePopulation(b: z.output<typeof PopulationBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const N = b.count;
  const P = B.slots(POP_PARAMS);
  const S = B.slots(POP_STATE);
  const cost = dist(b.cost, ctx.stepDays / ctx.periodDays(b.costPer));
  const cap = dist(b.capacity ?? { kind: 'constant', value: 1 }, 1);
  const p = b.reentry.probability;
  const set = (i: number, v: number) => (B.state[P + i] = v);
  set(POP_WEIGHT, (b.population ?? N) / N);
  set(POP_INIT_ACTIVE, Math.round((b.initialActive ?? 1) * N));
  set(POP_COST_KIND, cost[0]);
  set(POP_COST_A, cost[1]);
  set(POP_COST_B, cost[2]);
  set(POP_CAP_KIND, cap[0]);
  set(POP_CAP_A, cap[1]);
  set(POP_CAP_B, cap[2]);
  set(POP_WINDOW, b.window);
  set(POP_REENTRY_P, p);
  set(POP_REENTRY_LOGQ, flog(1 - p));
  set(POP_REENTRY_TH, b.reentry.threshold);
  set(POP_MIN_ACTIVE, b.minActiveSteps ?? 1);
  // capex: USD per provider, earned back over the payback period: per step of it
  set(POP_CAPEX, b.capex ? b.capex.usd / ((b.capex.payback.amount * ctx.periodDays(b.capex.payback.unit)) / ctx.stepDays) : 0);
  const work = B.work(populationBytes(N));
  const pop = ctx.populations.length;
  ctx.populations.push({ id: b.id, count: N, offset: work });
  const active = B.named(`${b.id}.active`);
  const capacity = B.named(`${b.id}.capacity`);
  B.init.emit(I_POP_INIT, [pop, work, N, P, S, active, capacity]);
  const from = b.pays ? accountSlot(B, b.pays.asset, b.pays.from) : -1;
  const to = b.pays ? accountSlot(B, b.pays.asset, b.pays.to) : -1;
  const price = b.pays ? B.named(`${b.pays.asset}.price`) : B.constant(0);
  const usd = b.usd === undefined ? -1 : B.formula(b.usd, `${path}.usd`).formulaPc;
  B.step.emit(I_POP_STEP, [pop, work, N, P, S, from, to, price, usd, active, capacity, B.named(`${b.id}.revenueUsd`)]);
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v >>>= 1) n += v & 1;
  return n;
}

/** The reference engine's agents of one population block. */
export class PopulationRef {
  private readonly costPerCapacity: Float64Array;
  private readonly capacity: Float64Array;
  /** revenue per unit above which an inactive agent joins: threshold × cost per unit + capex per unit */
  private readonly joinAt: Float64Array;
  /** bit k set = active k steps ago (bit 0 = this step) */
  private readonly activity: Uint32Array;
  private readonly active: Uint8Array;

  constructor(readonly n: number) {
    this.costPerCapacity = new Float64Array(n);
    this.capacity = new Float64Array(n);
    this.joinAt = new Float64Array(n);
    this.activity = new Uint32Array(n);
    this.active = new Uint8Array(n);
  }

  private draw(rng: Rng, kind: number, a: number, b: number): number {
    if (kind === L.DIST_UNIFORM) return a + (b - a) * rng.uniform();
    if (kind === L.DIST_LOGNORMAL) return a * fexp(b * rng.normal());
    return a;
  }

  private activeCount(): number {
    let k = 0;
    for (let i = 0; i < this.n; i++) k += this.active[i]!;
    return k;
  }

  private activeCapacity(s: Float64Array, P: number): number {
    if (s[P + POP_CAP_KIND] === L.DIST_CONSTANT) return s[P + POP_CAP_A]! * this.activeCount();
    let sum = 0;
    for (let i = 0; i < this.n; i++) if (this.active[i]) sum += this.capacity[i]!;
    return sum;
  }

  /** I_POP_INIT [12, next, pop, work, n, P, S, outActive, outCapacity]. */
  init(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
    const P = code[pc + 5]!;
    const S = code[pc + 6]!;
    const initActive = s[P + POP_INIT_ACTIVE]!;
    for (let i = 0; i < this.n; i++) {
      const c = this.draw(rng, s[P + POP_COST_KIND]!, s[P + POP_COST_A]!, s[P + POP_COST_B]!);
      const k = this.draw(rng, s[P + POP_CAP_KIND]!, s[P + POP_CAP_A]!, s[P + POP_CAP_B]!);
      this.capacity[i] = k;
      const cu = c / k;
      this.costPerCapacity[i] = cu;
      this.joinAt[i] = s[P + POP_REENTRY_TH]! * cu + s[P + POP_CAPEX]! / k;
      this.activity[i] = 0;
      this.active[i] = i < initActive ? 1 : 0;
    }
    const capSum = this.activeCapacity(s, P);
    s[S + POP_S_CAPSUM] = capSum;
    s[S + POP_S_GAP] = this.n > 0 ? rng.geometric(s[P + POP_REENTRY_P]!) : Infinity;
    const weight = s[P + POP_WEIGHT]!;
    s[code[pc + 7]!] = weight * this.activeCount();
    s[code[pc + 8]!] = weight * capSum;
  }

  /** I_POP_STEP [13, next, pop, work, n, P, S, from, to, price, usdPc, outActive, outCapacity, outRevenue]. */
  step(code: Int32Array, pc: number, s: Float64Array, t: number, rng: Rng): void {
    const P = code[pc + 5]!;
    const S = code[pc + 6]!;
    const from = code[pc + 7]!;
    const to = code[pc + 8]!;
    const weight = s[P + POP_WEIGHT]!;
    const C = weight * s[S + POP_S_CAPSUM]!;
    let tok = 0;
    if (from >= 0) {
      tok = s[from]!;
      if (tok < 0) tok = 0;
    }
    const usdPc = code[pc + 10]!;
    const usd = usdPc >= 0 ? evalFormula(code, usdPc, s, rng) : 0;
    const pool = tok * s[code[pc + 9]!]! + usd;
    if (C > 0 && tok > 0) {
      s[from] = s[from]! - tok;
      s[to] = s[to]! + tok;
    }
    const r = C > 0 ? pool / C : 0;
    const paid = C > 0 ? pool : 0;
    const W = s[P + POP_WINDOW]!;
    const fullMask = 2 ** W - 1;
    // The ring holds step u's revenue at W − 1 − u mod W and again W slots on, so the window,
    // newest first, is W consecutive slots from this step's: recent[k] = k steps ago (0 before
    // the run's first step, as the ring starts at 0).
    const at = S + POP_S_RING + (W - 1 - (t % W));
    s[at] = r;
    s[at + W] = r;
    const recent = s.subarray(at, at + W);
    let fullWindowRevenue = 0;
    for (let k = W - 1; k >= 0; k--) fullWindowRevenue += recent[k]!;
    const entrantRevenue = C > 0 ? r : pool / weight;
    const minActive = s[P + POP_MIN_ACTIVE]!;
    const p = s[P + POP_REENTRY_P]!;
    let gap = s[S + POP_S_GAP]!;
    for (let i = 0; i < this.n; i++) {
      const a = (((this.activity[i]! << 1) & fullMask) | this.active[i]!) >>> 0;
      this.activity[i] = a;
      const cpc = this.costPerCapacity[i]!;
      if (this.active[i]) {
        let windowRevenue = 0;
        if (a === fullMask) windowRevenue = fullWindowRevenue;
        else for (let k = W - 1; k >= 0; k--) if ((a >>> k) & 1) windowRevenue += recent[k]!;
        const activeSteps = popcount(a);
        if (activeSteps >= minActive && windowRevenue < cpc * activeSteps) this.active[i] = 0;
      } else if (entrantRevenue > this.joinAt[i]!) {
        if (gap === 0) {
          this.active[i] = 1;
          gap = rng.geometric(p);
        } else gap -= 1;
      }
    }
    s[S + POP_S_GAP] = gap;
    const capSum = this.activeCapacity(s, P);
    s[S + POP_S_CAPSUM] = capSum;
    s[code[pc + 11]!] = weight * this.activeCount();
    s[code[pc + 12]!] = weight * capSum;
    s[code[pc + 13]!] = paid;
  }
}
