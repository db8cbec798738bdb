/**
 * The reference engine: the step loop in plain TypeScript, written for reading rather than speed.
 * It is the oracle for the wasm engine (same PRNG, same order of floating-point operations, so the
 * parity suite requires identical numbers) and the fallback where WebAssembly is unavailable.
 * The semantics are documented step by step in docs/architecture.md.
 */
import { layout as L } from '@flywheel/core-wasm';
import type { CompiledModel, CompiledModelV1 } from '../compile.js';
import { simulateProgramReference } from './interpreter.js';
import { fexp, flog } from './math.js';
import { Rng } from './rng.js';

interface Provider {
  /** running cost per unit of capacity, USD per step */
  costPerCapacity: number;
  capacity: number;
  /** bit k set = active k steps ago (bit 0 = this step) */
  activity: number;
  active: boolean;
}

function draw(rng: Rng, kind: number, a: number, b: number): number {
  if (kind === L.DIST_UNIFORM) return a + (b - a) * rng.uniform();
  if (kind === L.DIST_LOGNORMAL) return a * fexp(b * rng.normal());
  return a;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v >>>= 1) n += v & 1;
  return n;
}

/**
 * Simulates runs [runStart, runEnd) and returns every stored metric as
 * out[(slot · (steps+1) + t) · nRuns + (run − runStart)], the wasm engine's layout.
 */
export function simulateReference(model: CompiledModel, runStart: number, runEnd: number): Float64Array {
  if (model.version === 2) return simulateProgramReference(model.program, model.steps, model.seed, runStart, runEnd);
  return simulateV1(model, runStart, runEnd);
}

function simulateV1(model: CompiledModelV1, runStart: number, runEnd: number): Float64Array {
  const P = model.params;
  const S = model.steps;
  const n1 = S + 1;
  const nRuns = runEnd - runStart;
  const table = (id: number, t: number) => model.tables[id * n1 + t]!;
  const shBase = L.T_COUNT * n1;
  const out = new Float64Array(model.metrics.length * n1 * nRuns);
  const slotOf = (metric: number) => P[L.P_SLOT + metric]!;

  const N = P[L.P_AGENTS]!;
  const W = P[L.P_AG_WINDOW]!;
  const fullMask = 2 ** W - 1; // W ≤ 31
  const weight = P[L.P_AG_WEIGHT]!;
  const maxSupply = P[L.P_MAX_SUPPLY]!;
  const neWindow = P[L.P_NE_WINDOW]!;

  for (let run = runStart; run < runEnd; run++) {
    const rng = new Rng(P[L.P_SEED]!, run);
    const record = (t: number, values: readonly number[]) => {
      values.forEach((v, metric) => {
        const slot = slotOf(metric);
        if (slot >= 0) out[(slot * n1 + t) * nRuns + (run - runStart)] = v;
      });
    };

    // Initial state.
    let total = P[L.P_INIT_SUPPLY]!;
    let circ = P[L.P_INIT_CIRC]!;
    let staked = P[L.P_INIT_STAKED]!;
    let price = P[L.P_PRICE_KIND] === L.PRICE_PATH ? table(L.T_PRICE, 0) : P[L.P_PRICE_INIT]!;
    let cumMinted = 0;
    let cumBurned = 0;
    const providers: Provider[] = [];
    for (let i = 0; i < N; i++) {
      const cost = draw(rng, P[L.P_AG_COST_KIND]!, P[L.P_AG_COST_A]!, P[L.P_AG_COST_B]!);
      const capacity = draw(rng, P[L.P_AG_CAP_KIND]!, P[L.P_AG_CAP_A]!, P[L.P_AG_CAP_B]!);
      providers.push({ costPerCapacity: cost / capacity, capacity, activity: 0, active: i < P[L.P_AG_INIT_ACTIVE]! });
    }
    // With one capacity for all agents, active capacity is capacity × active count (one rounding);
    // otherwise the active agents' capacities added in agent order.
    const constantCapacity = P[L.P_AG_CAP_KIND] === L.DIST_CONSTANT;
    const activeCount = () => {
      let n = 0;
      for (const p of providers) if (p.active) n++;
      return n;
    };
    const activeCapacity = () => {
      if (constantCapacity) return P[L.P_AG_CAP_A]! * activeCount();
      let sum = 0;
      for (const p of providers) if (p.active) sum += p.capacity;
      return sum;
    };
    // Re-entry trials still to fail before the next success (see the provider step).
    let reentryGap = N > 0 ? rng.geometric(P[L.P_AG_REENTRY_P]!) : Infinity;
    let capSum = activeCapacity();
    const capacity0 = weight * capSum;
    const revenueRing = new Array<number>(32).fill(0);
    const burnRing = new Array<number>(neWindow).fill(0);
    const fdvSupply = () => (maxSupply < Infinity ? maxSupply : total);

    record(0, [total, circ, 0, 0, 0, 0, price, price * circ, price * fdvSupply(), table(L.T_DEMAND, 0), staked, weight * activeCount(), 0, 0, 0]);

    for (let t = 1; t <= S; t++) {
      // 1. Demand: trend × lognormal noise × capacity response, capped by saturation.
      let demand = table(L.T_DEMAND, t);
      if (P[L.P_DEM_SIGMA]! > 0) demand *= fexp(P[L.P_DEM_SIGMA]! * rng.normal() + P[L.P_DEM_MU]!);
      if (P[L.P_DEM_CAP_ON]) {
        const C = weight * capSum;
        demand = C > 0 ? demand * fexp(P[L.P_DEM_ELAST]! * flog(C / capacity0)) : 0;
        if (P[L.P_DEM_SAT]! > 0 && demand > P[L.P_DEM_SAT]! * C) demand = P[L.P_DEM_SAT]! * C;
      }

      // 2. Emission: schedule table + supply halving + net-emission re-mint, capped at max supply.
      let minted = table(L.T_MINT, t);
      let toProviders = table(L.T_PROV, t);
      let toCirculating = table(L.T_CIRC, t);
      let toStaked = table(L.T_STAKE, t);
      if (P[L.P_SH_ON]) {
        let k = 0;
        while (k < P[L.P_SH_COUNT]! && total >= model.tables[shBase + k]!) k++;
        const a = model.tables[shBase + L.SH_MAX + k]!;
        minted += a;
        toProviders += a * P[L.P_SH_PROV]!;
        toCirculating += a * P[L.P_SH_CIRC]!;
        toStaked += a * P[L.P_SH_STAKE]!;
      }
      if (P[L.P_NE_ON]) {
        let burnedRecently = 0;
        for (let j = 0; j < neWindow; j++) burnedRecently += burnRing[j]!;
        const remint = Math.min(burnedRecently / neWindow, P[L.P_NE_CAP]!);
        minted += remint;
        toProviders += remint * P[L.P_NE_PROV]!;
        toCirculating += remint * P[L.P_NE_CIRC]!;
        toStaked += remint * P[L.P_NE_STAKE]!;
      }
      const room = Math.max(maxSupply - total, 0);
      if (minted > room) {
        const f = room / minted;
        minted = room;
        toProviders *= f;
        toCirculating *= f;
        toStaked *= f;
      }

      // 3. Burn: USD demand buys credits with tokens at the start-of-step price.
      const burned = Math.min((demand * P[L.P_BURN_SHARE]!) / price, circ + toCirculating);

      // 4. Supply.
      const totalBefore = total;
      const circBefore = circ;
      total += minted - burned;
      circ += toCirculating - burned;
      staked += toStaked;
      cumMinted += minted;
      cumBurned += burned;
      if (P[L.P_NE_ON]) burnRing[t % neWindow] = burned;

      // 5. Providers: revenue per unit of capacity, windowed averages, exits and re-entries.
      const pool = toProviders * price + demand * P[L.P_DEM_PROV_SHARE]!;
      const C = weight * capSum;
      const revenuePerUnit = C > 0 ? pool / C : 0;
      const paid = C > 0 ? pool : 0;
      if (N > 0) {
        revenueRing[t % W] = revenuePerUnit;
        // With no capacity active, a would-be entrant judges the pool as if one unit were active.
        const entrantRevenue = C > 0 ? revenuePerUnit : pool / weight;
        // revenue per unit k steps ago (k = 0: this step), 0 before the start
        const recent = Array.from({ length: W }, (_, k) => (t - k >= 0 ? revenueRing[(t - k) % W]! : 0));
        // the same sum for every agent active over the whole window, added oldest first
        let fullWindowRevenue = 0;
        for (let k = W - 1; k >= 0; k--) fullWindowRevenue += recent[k]!;
        for (const p of providers) {
          p.activity = (((p.activity << 1) & fullMask) | (p.active ? 1 : 0)) >>> 0;
          if (p.active) {
            // revenue of the agent's active steps in the window, added oldest first
            let windowRevenue = 0;
            if (p.activity === fullMask) windowRevenue = fullWindowRevenue;
            else for (let k = W - 1; k >= 0; k--) if ((p.activity >>> k) & 1) windowRevenue += recent[k]!;
            // it may leave once active on at least minActive steps of the window
            const activeSteps = popcount(p.activity);
            if (activeSteps >= P[L.P_AG_MIN_ACTIVE]! && windowRevenue < p.costPerCapacity * activeSteps) p.active = false;
          } else if (entrantRevenue > P[L.P_AG_REENTRY_TH]! * p.costPerCapacity) {
            // One Bernoulli(probability) trial. The run's trials, in order, are decided by counting
            // down a geometric gap: the number of failures before the next success.
            if (reentryGap === 0) {
              p.active = true;
              reentryGap = rng.geometric(P[L.P_AG_REENTRY_P]!);
            } else reentryGap -= 1;
          }
        }
        capSum = activeCapacity();
      }

      // 6. Price.
      const kind = P[L.P_PRICE_KIND];
      const vol = P[L.P_PRICE_VOL]!;
      if (kind === L.PRICE_PATH) price = table(L.T_PRICE, t);
      else if (kind === L.PRICE_GBM) price *= fexp(P[L.P_PRICE_DRIFT]! + (vol > 0 ? vol * rng.normal() : 0));
      else if (kind === L.PRICE_IMPACT) {
        const impact = circBefore > 0 ? (P[L.P_PRICE_SENS]! * (burned - minted)) / circBefore : 0;
        price *= fexp(impact + P[L.P_PRICE_DRIFT]! + (vol > 0 ? vol * rng.normal() : 0));
      }
      if (price < P[L.P_PRICE_FLOOR]!) price = P[L.P_PRICE_FLOOR]!;

      // 7. Record.
      record(t, [
        total, circ, minted, burned, cumMinted, cumBurned, price, price * circ, price * fdvSupply(), demand, staked,
        weight * activeCount(), paid,
        totalBefore > 0 ? ((minted - burned) / totalBefore) * P[L.P_STEPS_PER_YEAR]! : 0,
        minted > 0 ? burned / minted : 0,
      ]);
    }
  }
  return out;
}

/**
 * Mean and p5/p50/p95 for `cells` rows of `nRuns` values (row-major), returned as
 * [stat · cells + cell]. Percentiles interpolate linearly between order statistics.
 */
export function statsReference(values: Float64Array, cells: number, nRuns: number): Float64Array {
  const out = new Float64Array(L.S_COUNT * cells);
  const q = (sorted: Float64Array, p: number) => {
    const h = (nRuns - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, nRuns - 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  };
  for (let c = 0; c < cells; c++) {
    const row = values.slice(c * nRuns, (c + 1) * nRuns);
    let sum = 0;
    for (let i = 0; i < nRuns; i++) sum += row[i]!;
    row.sort();
    out[L.S_MEAN * cells + c] = sum / nRuns;
    out[L.S_P5 * cells + c] = q(row, 0.05);
    out[L.S_P50 * cells + c] = q(row, 0.5);
    out[L.S_P95 * cells + c] = q(row, 0.95);
  }
  return out;
}
