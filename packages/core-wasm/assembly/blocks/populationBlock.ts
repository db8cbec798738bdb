// population: the provider agents of one population block, over structure-of-arrays at `work`.
// I_POP_INIT [12, next, pop, work, n, P, S, outActive, outCapacity]
// I_POP_STEP [13, next, pop, work, n, P, S, from, to, price, usdPc, outActive, outCapacity, outRevenue]
// Parameters at P + POP_*, run state at S + POP_S_* (program-layout.ts). The agent kernel is
// agentsStep in population.ts; the reference interpreter mirrors this file.
import {
  POP_WEIGHT, POP_INIT_ACTIVE, POP_COST_KIND, POP_COST_A, POP_COST_B, POP_CAP_KIND, POP_CAP_A, POP_CAP_B,
  POP_WINDOW, POP_REENTRY_P, POP_REENTRY_LOGQ, POP_REENTRY_TH, POP_MIN_ACTIVE, POP_CAPEX, POP_KERNEL, POP_S_CAPSUM, POP_S_GAP, POP_S_RING,
  POP_S_NACT, POP_S_NPART, POP_S_SHI,
} from '../../src/program-layout';
import { DIST_UNIFORM, DIST_LOGNORMAL, DIST_CONSTANT } from '../../src/layout';
import { formulaValue } from '../formula';
import { fexp } from '../math';
import { uniform, normal, geometric } from '../rng';
import { activeCapacity, agentsStep, reGap, setReentry } from './population';
import { screenGap, screenInit, screenOffset, screenPartial, screenShi, screenStep } from './populationScreen';
import { sset, sv, w } from '../state';


function draw(kind: i32, a: f64, b: f64): f64 {
  if (kind == DIST_UNIFORM) return a + (b - a) * uniform();
  if (kind == DIST_LOGNORMAL) return a * fexp(b * normal());
  return a;
}

/** Draws every agent's cost and capacity (in agent order, cost first) and the first re-entry gap. */
export function populationInit(code: usize, pc: i32, state: usize, work: usize): void {
  const base = work + <usize>w(code, pc + 3);
  const N = w(code, pc + 4);
  const P = w(code, pc + 5), S = w(code, pc + 6);
  const cpc = base, cap = cpc + (<usize>N << 3), psum = cap + (<usize>N << 3);
  const exitAt = psum + (<usize>N << 3), joinAt = exitAt + (<usize>N << 3), mask = joinAt + (<usize>N << 3);
  const W = sv(state, P + POP_WINDOW);
  const th = sv(state, P + POP_REENTRY_TH);
  const capex = sv(state, P + POP_CAPEX);
  const initActive = <i32>sv(state, P + POP_INIT_ACTIVE);
  const costKind = <i32>sv(state, P + POP_COST_KIND), costA = sv(state, P + POP_COST_A), costB = sv(state, P + POP_COST_B);
  const capKind = <i32>sv(state, P + POP_CAP_KIND), capA = sv(state, P + POP_CAP_A), capB = sv(state, P + POP_CAP_B);
  let nAct: i32 = 0;
  let capSum: f64 = 0;
  for (let i = 0; i < N; i++) {
    const c = draw(costKind, costA, costB);
    const k = draw(capKind, capA, capB);
    store<f64>(cap + (<usize>i << 3), k);
    const cu = c / k;
    store<f64>(cpc + (<usize>i << 3), cu);
    store<f64>(exitAt + (<usize>i << 3), cu * W);
    // an inactive agent joins when revenue per unit beats threshold × cost plus the capex to earn back per unit
    store<f64>(joinAt + (<usize>i << 3), th * cu + capex / k);
    const a: u32 = i < initActive ? 1 : 0;
    store<u32>(mask + (<usize>i << 2), a << 31);
    if (a) { nAct++; capSum += k; }
  }
  if (capKind == DIST_CONSTANT) capSum = capA * <f64>nAct;
  if (sv(state, P + POP_KERNEL) == 1) {
    // the screening kernel (populationScreen.ts): orders, Fenwick tree, partial list; no draws
    sset(state, S + POP_S_SHI, <f64>screenInit(base + screenOffset(N), N, psum, exitAt, joinAt, mask));
    sset(state, S + POP_S_NPART, <f64>screenPartial);
    sset(state, S + POP_S_NACT, <f64>nAct);
  }
  sset(state, S + POP_S_CAPSUM, capSum);
  sset(state, S + POP_S_GAP, N > 0 ? geometric(sv(state, P + POP_REENTRY_P), sv(state, P + POP_REENTRY_LOGQ)) : Infinity);
  const weight = sv(state, P + POP_WEIGHT);
  sset(state, w(code, pc + 7), weight * <f64>nAct);
  sset(state, w(code, pc + 8), weight * capSum);
}

/** Pays the population (tokens at the price plus USD), then steps every agent. */
export function populationStep(code: usize, pc: i32, state: usize, work: usize, t: i32): void {
  const base = work + <usize>w(code, pc + 3);
  const N = w(code, pc + 4);
  const P = w(code, pc + 5), S = w(code, pc + 6);
  const from = w(code, pc + 7), to = w(code, pc + 8);
  const weight = sv(state, P + POP_WEIGHT);
  const C = weight * sv(state, S + POP_S_CAPSUM);
  let tok: f64 = 0;
  if (from >= 0) { tok = sv(state, from); if (tok < 0) tok = 0; }
  const usdPc = w(code, pc + 10);
  const usd = usdPc >= 0 ? formulaValue(code, usdPc, state) : 0;
  const pool = tok * sv(state, w(code, pc + 9)) + usd;
  if (C > 0 && tok > 0) {
    sset(state, from, sv(state, from) - tok);
    sset(state, to, sv(state, to) + tok);
  }
  const r = C > 0 ? pool / C : 0;
  const paid = C > 0 ? pool : 0;
  const Wf = sv(state, P + POP_WINDOW);
  const W = <i32>Wf;
  // The ring holds step u's revenue at W − 1 − u mod W and again W slots on, so the window,
  // newest first, is W consecutive slots from this step's: recent[k] = k steps ago (0 before the
  // run's first step, as the ring starts at 0). No copy per step.
  const at = S + POP_S_RING + (W - 1 - t % W);
  sset(state, at, r);
  sset(state, at + W, r);
  const recent = state + (<usize>at << 3);
  let sFull: f64 = 0;
  for (let k = W - 1; k >= 0; k--) sFull += load<f64>(recent + (<usize>k << 3));
  const rJoin = C > 0 ? r : pool / weight;
  const cpc = base, cap = cpc + (<usize>N << 3), psum = cap + (<usize>N << 3);
  const exitAt = psum + (<usize>N << 3), joinAt = exitAt + (<usize>N << 3), mask = joinAt + (<usize>N << 3);
  const capConst = <i32>sv(state, P + POP_CAP_KIND) == DIST_CONSTANT;
  let nAct: i32;
  if (sv(state, P + POP_KERNEL) == 1) {
    nAct = screenStep(base + screenOffset(N), N, t, cpc, psum, mask, recent, rJoin, sFull, W, <u32>sv(state, P + POP_MIN_ACTIVE),
      sv(state, P + POP_REENTRY_P), sv(state, P + POP_REENTRY_LOGQ), sv(state, S + POP_S_GAP),
      <i32>sv(state, S + POP_S_NACT), <i32>sv(state, S + POP_S_NPART), <i32>sv(state, S + POP_S_SHI));
    sset(state, S + POP_S_GAP, screenGap);
    sset(state, S + POP_S_NACT, <f64>nAct);
    sset(state, S + POP_S_NPART, <f64>screenPartial);
    sset(state, S + POP_S_SHI, <f64>screenShi);
  } else {
    setReentry(sv(state, P + POP_REENTRY_P), sv(state, P + POP_REENTRY_LOGQ), sv(state, S + POP_S_GAP));
    const full: u32 = (<u32>1 << <u32>W) - 1;
    nAct = agentsStep(N, mask, cpc, cap, psum, exitAt, joinAt, recent, rJoin, sFull, Wf, full, capConst, <u32>sv(state, P + POP_MIN_ACTIVE));
    sset(state, S + POP_S_GAP, reGap);
  }
  const capSum = capConst ? sv(state, P + POP_CAP_A) * <f64>nAct : activeCapacity;
  sset(state, S + POP_S_CAPSUM, capSum);
  sset(state, w(code, pc + 11), weight * <f64>nAct);
  sset(state, w(code, pc + 12), weight * capSum);
  sset(state, w(code, pc + 13), paid);
}
