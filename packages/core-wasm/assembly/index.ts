// The Flywheel run loop. One call simulates a block of Monte Carlo runs entirely in wasm: no call
// back into JS per step or per agent. Parameters, tables and agent state live in linear memory
// (structure of arrays) at pointers the host allocated once. The semantics are written out in
// docs/architecture.md ("One step") and mirrored line by line by the reference engine.
import {
  P_STEPS, P_AGENTS, P_STEPS_PER_YEAR, P_INIT_SUPPLY, P_INIT_CIRC, P_INIT_STAKED, P_MAX_SUPPLY,
  P_SH_ON, P_SH_COUNT, P_SH_PROV, P_SH_CIRC, P_SH_STAKE, P_BURN_SHARE, P_NE_ON, P_NE_CAP,
  P_NE_WINDOW, P_NE_PROV, P_NE_CIRC, P_NE_STAKE, P_DEM_SIGMA, P_DEM_MU, P_DEM_CAP_ON, P_DEM_ELAST,
  P_DEM_SAT, P_DEM_PROV_SHARE, P_PRICE_KIND, P_PRICE_INIT, P_PRICE_DRIFT, P_PRICE_VOL,
  P_PRICE_SENS, P_PRICE_FLOOR, P_AG_WEIGHT, P_AG_INIT_ACTIVE, P_AG_COST_KIND, P_AG_COST_A,
  P_AG_COST_B, P_AG_CAP_KIND, P_AG_CAP_A, P_AG_CAP_B, P_AG_WINDOW, P_AG_REENTRY_P,
  P_AG_REENTRY_TH, P_AG_MIN_ACTIVE, P_SEED, P_SLOT, PRICE_PATH, PRICE_GBM, PRICE_IMPACT, DIST_UNIFORM, DIST_CONSTANT,
  DIST_LOGNORMAL, T_MINT, T_PROV, T_CIRC, T_STAKE, T_DEMAND, T_PRICE, T_COUNT, SH_MAX,
  M_TOTAL_SUPPLY, M_CIRCULATING_SUPPLY, M_MINTED, M_BURNED, M_CUMULATIVE_MINTED,
  M_CUMULATIVE_BURNED, M_PRICE, M_MARKET_CAP, M_FDV, M_DEMAND_USD, M_STAKED_SUPPLY,
  M_ACTIVE_PROVIDERS, M_PROVIDER_REVENUE_USD, M_INFLATION_ANNUALISED, M_BURN_MINT_RATIO, M_COUNT,
  S_MEAN, S_P5, S_P50, S_P95,
} from '../src/layout';
import { fexp, flog } from './math';
import { seedRun, uniform, normal, geometric } from './rng';
import { activeCapacity, agentsStep, setGap, setReentry } from './blocks/population';

export { fexp, flog };
export { simulateProgram } from './program';

/** Bump allocation from the stub runtime; the host allocates every buffer once per simulation. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Frees everything allocated so far (stub runtime). */
export function resetHeap(): void {
  heap.reset();
}

// @ts-ignore: decorator
@inline function par(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function tab(tb: usize, n1: i32, table: i32, t: i32): f64 {
  return load<f64>(tb + ((<usize>table * <usize>n1 + <usize>t) << 3));
}

// Host-visible scratch: bytes of agent working memory needed for n agents.
export function agentBytes(n: i32): usize {
  return <usize>n * 8 * 5 + <usize>n * 4 + 64;
}

function draw(kind: i32, a: f64, b: f64): f64 {
  if (kind == DIST_UNIFORM) return a + (b - a) * uniform();
  if (kind == DIST_LOGNORMAL) return a * fexp(b * normal());
  return a;
}

/**
 * Simulates runs [runStart, runEnd) and writes every stored metric into `out`, laid out as
 * out[(slot · (steps+1) + t) · stride + (run − runStart)] (stride ≥ runEnd − runStart).
 * `work` must hold agentBytes(agents) bytes.
 */
export function simulate(params: usize, tables: usize, work: usize, out: usize, stride: i32, runStart: i32, runEnd: i32): void {
  const S = <i32>par(params, P_STEPS);
  const n1 = S + 1;
  const N = <i32>par(params, P_AGENTS);
  const spy = par(params, P_STEPS_PER_YEAR);
  const maxSupply = par(params, P_MAX_SUPPLY);
  const shOn = par(params, P_SH_ON) != 0;
  const shCount = <i32>par(params, P_SH_COUNT);
  const shProv = par(params, P_SH_PROV), shCirc = par(params, P_SH_CIRC), shStake = par(params, P_SH_STAKE);
  const burnShare = par(params, P_BURN_SHARE);
  const neOn = par(params, P_NE_ON) != 0;
  const neCap = par(params, P_NE_CAP);
  const neW = <i32>par(params, P_NE_WINDOW);
  const neProv = par(params, P_NE_PROV), neCirc = par(params, P_NE_CIRC), neStake = par(params, P_NE_STAKE);
  const demSigma = par(params, P_DEM_SIGMA), demMu = par(params, P_DEM_MU);
  const capOn = par(params, P_DEM_CAP_ON) != 0;
  const elast = par(params, P_DEM_ELAST), sat = par(params, P_DEM_SAT);
  const demProv = par(params, P_DEM_PROV_SHARE);
  const priceKind = <i32>par(params, P_PRICE_KIND);
  const pDrift = par(params, P_PRICE_DRIFT), pVol = par(params, P_PRICE_VOL);
  const pSens = par(params, P_PRICE_SENS), pFloor = par(params, P_PRICE_FLOOR);
  const weight = par(params, P_AG_WEIGHT);
  const initActive = <i32>par(params, P_AG_INIT_ACTIVE);
  const costKind = <i32>par(params, P_AG_COST_KIND);
  const costA = par(params, P_AG_COST_A), costB = par(params, P_AG_COST_B);
  const capKind = <i32>par(params, P_AG_CAP_KIND);
  const capA = par(params, P_AG_CAP_A), capB = par(params, P_AG_CAP_B);
  // With one capacity for all agents the active capacity is capacity × active count (one rounding
  // instead of a running sum); both engines define it so.
  const capConst = capKind == DIST_CONSTANT;
  const W = <i32>par(params, P_AG_WINDOW);
  const full: u32 = (<u32>1 << <u32>W) - 1; // W ≤ 31
  const reTh = par(params, P_AG_REENTRY_TH);
  const minActive = <u32>par(params, P_AG_MIN_ACTIVE);
  const reP = par(params, P_AG_REENTRY_P);
  const reLogQ = flog(1 - reP);
  setReentry(reP, reLogQ, 0);
  const seed = <u32>par(params, P_SEED);
  const shTab = tables + ((<usize>T_COUNT * <usize>n1) << 3); // thresholds, then rates
  const fdvFixed = maxSupply < Infinity;

  // slots (−1 = not stored), as byte offsets of the metric's first cell
  const slotOff = memory.data(M_COUNT * 8); // scratch in static memory
  for (let m = 0; m < M_COUNT; m++) {
    const s = <i32>par(params, P_SLOT + m);
    store<i64>(slotOff + (<usize>m << 3), s < 0 ? -1 : <i64>s * <i64>n1 * <i64>stride * 8);
  }
  const rowBytes = <usize>stride << 3;

  // agent SoA
  const cpc = work;                        // f64[N] cost per capacity unit per step
  const cap = cpc + (<usize>N << 3);       // f64[N] capacity
  const psum = cap + (<usize>N << 3);      // f64[N] window revenue of an agent active since it (re)joined, fewer than W steps
  const exitAt = psum + (<usize>N << 3);  // f64[N] cost per unit × W: an agent active over the whole window leaves when the window revenue is below it
  const joinAt = exitAt + (<usize>N << 3); // f64[N] threshold × cost per unit: an inactive agent is eligible to re-enter when r is above it
  const mask = joinAt + (<usize>N << 3);   // u32[N] bit 31: active now; bits 0..W−1: activity in the trailing window (bit 0 = this step)
  const revRing = memory.data(32 * 8);
  const recent = memory.data(32 * 8); // recent[k] = revenue per unit k steps ago (k = 0: this step)
  const burnRing = memory.data(366 * 8);

  for (let run = runStart; run < runEnd; run++) {
    seedRun(seed, <u32>run);
    const col = out + (<usize>(run - runStart) << 3);

    // ---- initial state ----
    let total = par(params, P_INIT_SUPPLY);
    let circ = par(params, P_INIT_CIRC);
    let staked = par(params, P_INIT_STAKED);
    let price = priceKind == PRICE_PATH ? tab(tables, n1, T_PRICE, 0) : par(params, P_PRICE_INIT);
    let cumM: f64 = 0, cumB: f64 = 0;
    let nAct: i32 = 0;
    let capSum: f64 = 0;
    for (let i = 0; i < N; i++) {
      const c = draw(costKind, costA, costB);
      const k = draw(capKind, capA, capB);
      store<f64>(cap + (<usize>i << 3), k);
      const cu = c / k;
      store<f64>(cpc + (<usize>i << 3), cu);
      store<f64>(exitAt + (<usize>i << 3), cu * <f64>W);
      store<f64>(joinAt + (<usize>i << 3), reTh * cu);
      const a: u32 = i < initActive ? 1 : 0;
      store<u32>(mask + (<usize>i << 2), a << 31);
      if (a) { nAct++; capSum += k; }
    }
    if (capConst) capSum = capA * <f64>nAct;
    const cap0 = weight * capSum;
    setGap(N > 0 ? geometric(reP, reLogQ) : Infinity);
    for (let j = 0; j < 32; j++) store<f64>(revRing + (<usize>j << 3), 0);
    for (let j = 0; j < neW; j++) store<f64>(burnRing + (<usize>j << 3), 0);

    record(slotOff, col, rowBytes, 0, total, circ, 0, 0, 0, 0, price,
      fdvFixed ? maxSupply : total, tab(tables, n1, T_DEMAND, 0), staked, weight * <f64>nAct, 0, 0, 0);

    for (let t = 1; t <= S; t++) {
      // ---- 1. demand ----
      let demand = tab(tables, n1, T_DEMAND, t);
      if (demSigma > 0) demand *= fexp(demSigma * normal() + demMu);
      if (capOn) {
        const C = weight * capSum;
        demand = C > 0 ? demand * fexp(elast * flog(C / cap0)) : 0;
        if (sat > 0 && demand > sat * C) demand = sat * C;
      }

      // ---- 2. emission ----
      let minted = tab(tables, n1, T_MINT, t);
      let toProv = tab(tables, n1, T_PROV, t);
      let toCirc = tab(tables, n1, T_CIRC, t);
      let toStake = tab(tables, n1, T_STAKE, t);
      if (shOn) {
        let k = 0;
        while (k < shCount && total >= load<f64>(shTab + (<usize>k << 3))) k++;
        const a = load<f64>(shTab + (<usize>(SH_MAX + k) << 3));
        minted += a; toProv += a * shProv; toCirc += a * shCirc; toStake += a * shStake;
      }
      if (neOn) {
        let b: f64 = 0;
        for (let j = 0; j < neW; j++) b += load<f64>(burnRing + (<usize>j << 3));
        let re = b / <f64>neW;
        if (re > neCap) re = neCap;
        minted += re; toProv += re * neProv; toCirc += re * neCirc; toStake += re * neStake;
      }
      let room = maxSupply - total;
      if (room < 0) room = 0;
      if (minted > room) {
        const f = room / minted;
        minted = room; toProv *= f; toCirc *= f; toStake *= f;
      }

      // ---- 3. burn (at the price at the start of the step) ----
      let burned = demand * burnShare / price;
      const avail = circ + toCirc;
      if (burned > avail) burned = avail;

      // ---- 4. supply ----
      const totalPrev = total, circPrev = circ;
      total += minted - burned;
      circ += toCirc - burned;
      staked += toStake;
      cumM += minted;
      cumB += burned;
      if (neOn) store<f64>(burnRing + (<usize>(t % neW) << 3), burned);

      // ---- 5. providers ----
      const pool = toProv * price + demand * demProv;
      const C = weight * capSum;
      const r = C > 0 ? pool / C : 0;
      const paid = C > 0 ? pool : 0;
      if (N > 0) {
        store<f64>(revRing + (<usize>(t % W) << 3), r);
        // The window sum of an agent is the sum of the revenue of its active steps in the window,
        // added oldest first (so it is exact to recompute and never drifts). Agents active for the
        // whole window share one sum.
        let sFull: f64 = 0;
        for (let k = W - 1; k >= 0; k--) {
          const v = t - k >= 0 ? load<f64>(revRing + (<usize>((t - k) % W) << 3)) : 0;
          store<f64>(recent + (<usize>k << 3), v);
          sFull += v;
        }
        // With no capacity active, a would-be entrant judges the pool as if one unit were active.
        const rJoin = C > 0 ? r : pool / weight;
        nAct = agentsStep(N, mask, cpc, cap, psum, exitAt, joinAt, recent, rJoin, sFull, <f64>W, full, capConst, minActive);
        capSum = capConst ? capA * <f64>nAct : activeCapacity;
      }

      // ---- 6. price ----
      if (priceKind == PRICE_PATH) {
        price = tab(tables, n1, T_PRICE, t);
      } else if (priceKind == PRICE_GBM) {
        price *= fexp(pDrift + (pVol > 0 ? pVol * normal() : 0));
      } else if (priceKind == PRICE_IMPACT) {
        const x = circPrev > 0 ? pSens * (burned - minted) / circPrev : 0;
        price *= fexp(x + pDrift + (pVol > 0 ? pVol * normal() : 0));
      }
      if (price < pFloor) price = pFloor;

      // ---- 7. record ----
      record(slotOff, col, rowBytes, t, total, circ, minted, burned, cumM, cumB, price,
        fdvFixed ? maxSupply : total, demand, staked, weight * <f64>nAct, paid,
        totalPrev > 0 ? (minted - burned) / totalPrev * spy : 0,
        minted > 0 ? burned / minted : 0);
    }
  }
}



// @ts-ignore: decorator
@inline function put(slotOff: usize, m: i32, col: usize, rowBytes: usize, t: i32, v: f64): void {
  const off = load<i64>(slotOff + (<usize>m << 3));
  if (off >= 0) store<f64>(col + <usize>off + <usize>t * rowBytes, v);
}

// @ts-ignore: decorator
@inline function record(slotOff: usize, col: usize, rowBytes: usize, t: i32, total: f64, circ: f64,
  minted: f64, burned: f64, cumM: f64, cumB: f64, price: f64, fdvSupply: f64, demand: f64,
  staked: f64, active: f64, paid: f64, infl: f64, bmr: f64): void {
  put(slotOff, M_TOTAL_SUPPLY, col, rowBytes, t, total);
  put(slotOff, M_CIRCULATING_SUPPLY, col, rowBytes, t, circ);
  put(slotOff, M_MINTED, col, rowBytes, t, minted);
  put(slotOff, M_BURNED, col, rowBytes, t, burned);
  put(slotOff, M_CUMULATIVE_MINTED, col, rowBytes, t, cumM);
  put(slotOff, M_CUMULATIVE_BURNED, col, rowBytes, t, cumB);
  put(slotOff, M_PRICE, col, rowBytes, t, price);
  put(slotOff, M_MARKET_CAP, col, rowBytes, t, price * circ);
  put(slotOff, M_FDV, col, rowBytes, t, price * fdvSupply);
  put(slotOff, M_DEMAND_USD, col, rowBytes, t, demand);
  put(slotOff, M_STAKED_SUPPLY, col, rowBytes, t, staked);
  put(slotOff, M_ACTIVE_PROVIDERS, col, rowBytes, t, active);
  put(slotOff, M_PROVIDER_REVENUE_USD, col, rowBytes, t, paid);
  put(slotOff, M_INFLATION_ANNUALISED, col, rowBytes, t, infl);
  put(slotOff, M_BURN_MINT_RATIO, col, rowBytes, t, bmr);
}

// ---- Monte Carlo statistics ---------------------------------------------------------------

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }

/**
 * Quickselect (median-of-three pivots, Hoare partition, insertion sort below 17 values): reorders
 * p[lo..hi] so that p[k] holds the value of rank k in it, with no larger value before k and no
 * smaller one after.
 */
function selectRank(p: usize, lo: i32, hi: i32, k: i32): void {
  while (hi - lo > 16) {
    const mid = lo + ((hi - lo) >> 1);
    const a = at(p, lo), b = at(p, mid), c = at(p, hi);
    const pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
    let i = lo, j = hi;
    while (i <= j) {
      while (at(p, i) < pivot) i++;
      while (at(p, j) > pivot) j--;
      if (i <= j) {
        const x = at(p, i);
        store<f64>(p + (<usize>i << 3), at(p, j));
        store<f64>(p + (<usize>j << 3), x);
        i++; j--;
      }
    }
    // now p[lo..j] ≤ pivot, p[i..hi] ≥ pivot, and p[j+1..i−1] = pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
  for (let i = lo + 1; i <= hi; i++) {
    const x = at(p, i);
    let j = i - 1;
    while (j >= lo && at(p, j) > x) {
      store<f64>(p + (<usize>(j + 1) << 3), at(p, j));
      j--;
    }
    store<f64>(p + (<usize>(j + 1) << 3), x);
  }
}

/** Smallest of p[lo..hi] (lo ≤ hi). */
function minOf(p: usize, lo: i32, hi: i32): f64 {
  let m = at(p, lo);
  for (let i = lo + 1; i <= hi; i++) { const x = at(p, i); if (x < m) m = x; }
  return m;
}

// Quantile q of n values by linear interpolation between order statistics (type 7):
// x(k) + (h − k)·(x(k+1) − x(k)) with h = (n − 1)·q, k = ⌊h⌋, x(n) = x(n−1).
// @ts-ignore: decorator
@inline function interp(n: i32, q: f64, k: i32, a: f64, b: f64): f64 {
  return a + ((<f64>(n - 1) * q) - <f64>k) * (b - a);
}

// @ts-ignore: decorator
@inline function rankOf(n: i32, q: f64): i32 {
  return <i32>Math.floor(<f64>(n - 1) * q);
}

/**
 * For each of `cells` rows of `nRuns` values (row-major), writes mean, p5, p50, p95 to
 * dst[(stat · cells) + cell]. Reorders the rows in place. Percentiles interpolate linearly between
 * order statistics (numpy's default, "type 7"); the mean sums in run order. The order statistics
 * are found by selection, not a full sort: the median first, then p5 in the values below it and
 * p95 in those above; the next order statistic is the smallest value after the selected rank.
 */
export function stats(src: usize, cells: i32, nRuns: i32, dst: usize): void {
  const cb = <usize>cells << 3;
  const n = nRuns;
  const k5 = rankOf(n, 0.05), k50 = rankOf(n, 0.5), k95 = rankOf(n, 0.95);
  for (let c = 0; c < cells; c++) {
    const p = src + ((<usize>c * <usize>n) << 3);
    let s: f64 = 0;
    for (let i = 0; i < n; i++) s += at(p, i);
    selectRank(p, 0, n - 1, k50);
    const a50 = at(p, k50);
    const b50 = k50 + 1 < n ? minOf(p, k50 + 1, n - 1) : a50;
    let a5 = a50, b5 = b50;
    if (k5 < k50) {
      selectRank(p, 0, k50 - 1, k5);
      a5 = at(p, k5);
      b5 = minOf(p, k5 + 1, k50);
    }
    let a95 = a50, b95 = b50;
    if (k95 > k50) {
      selectRank(p, k50 + 1, n - 1, k95);
      a95 = at(p, k95);
      b95 = k95 + 1 < n ? minOf(p, k95 + 1, n - 1) : a95;
    }
    const o = dst + (<usize>c << 3);
    store<f64>(o + <usize>S_MEAN * cb, s / <f64>n);
    store<f64>(o + <usize>S_P5 * cb, interp(n, 0.05, k5, a5, b5));
    store<f64>(o + <usize>S_P50 * cb, interp(n, 0.5, k50, a50, b50));
    store<f64>(o + <usize>S_P95 * cb, interp(n, 0.95, k95, a95, b95));
  }
}

// ---- Streaming statistics (P²) ----------------------------------------------------------------
// The same algorithm and the same order of operations as StreamingStats in the SDK
// (packages/sdk/src/streaming.ts), so both give identical numbers. Per cell: sum[cell]; per cell
// and quantile j (p5, p50, p95): five marker heights q, positions n and desired positions d at
// offset ((cell · 3 + j) · 5) of each array.

// @ts-ignore: decorator
@inline function fa(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function fs(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }

function observe(q: usize, n: usize, d: usize, o: i32, p: f64, x: f64, k: i32): void {
  if (k < 5) {
    // keep the first five observations sorted
    let i = k;
    while (i > 0 && fa(q, o + i - 1) > x) {
      fs(q, o + i, fa(q, o + i - 1));
      i--;
    }
    fs(q, o + i, x);
    if (k == 4) {
      for (let m = 0; m < 5; m++) fs(n, o + m, <f64>m);
      fs(d, o, 0);
      fs(d, o + 1, 2 * p);
      fs(d, o + 2, 4 * p);
      fs(d, o + 3, 2 + 2 * p);
      fs(d, o + 4, 4);
    }
    return;
  }
  let cell: i32;
  if (x < fa(q, o)) {
    fs(q, o, x);
    cell = 0;
  } else if (x < fa(q, o + 1)) cell = 0;
  else if (x < fa(q, o + 2)) cell = 1;
  else if (x < fa(q, o + 3)) cell = 2;
  else if (x <= fa(q, o + 4)) cell = 3;
  else {
    fs(q, o + 4, x);
    cell = 3;
  }
  for (let m = cell + 1; m < 5; m++) fs(n, o + m, fa(n, o + m) + 1);
  fs(d, o + 1, fa(d, o + 1) + p / 2);
  fs(d, o + 2, fa(d, o + 2) + p);
  fs(d, o + 3, fa(d, o + 3) + (1 + p) / 2);
  fs(d, o + 4, fa(d, o + 4) + 1);
  for (let i = 1; i <= 3; i++) {
    const ni = fa(n, o + i);
    const delta = fa(d, o + i) - ni;
    const right = fa(n, o + i + 1) - ni;
    const left = fa(n, o + i - 1) - ni;
    if ((delta >= 1 && right > 1) || (delta <= -1 && left < -1)) {
      const s: f64 = delta > 0 ? 1 : -1;
      const si: i32 = delta > 0 ? 1 : -1;
      const qi = fa(q, o + i);
      const parabolic =
        qi +
        (s / (fa(n, o + i + 1) - fa(n, o + i - 1))) *
          (((ni - fa(n, o + i - 1) + s) * (fa(q, o + i + 1) - qi)) / right + ((fa(n, o + i + 1) - ni - s) * (qi - fa(q, o + i - 1))) / -left);
      if (fa(q, o + i - 1) < parabolic && parabolic < fa(q, o + i + 1)) fs(q, o + i, parabolic);
      else fs(q, o + i, qi + (s * (fa(q, o + i + si) - qi)) / (fa(n, o + i + si) - ni));
      fs(n, o + i, ni + s);
    }
  }
}

/**
 * Folds `runs` consecutive runs of `values` ([cell][run], `stride` per cell; the first of them the
 * `firstRun`-th folded) into the P² state of `cells` cells: sum[cells], q, n, d [cells · 15].
 * Each cell sees its runs in run order.
 */
export function foldP2(values: usize, runs: i32, stride: i32, cells: i32, firstRun: i32, sum: usize, q: usize, n: usize, d: usize): void {
  for (let c = 0; c < cells; c++) {
    const row = values + ((<usize>c * <usize>stride) << 3);
    for (let r = 0; r < runs; r++) {
      const x = fa(row, r);
      fs(sum, c, fa(sum, c) + x);
      const k = firstRun + r;
      observe(q, n, d, c * 15, 0.05, x, k);
      observe(q, n, d, c * 15 + 5, 0.5, x, k);
      observe(q, n, d, c * 15 + 10, 0.95, x, k);
    }
  }
}
