// The provider-population kernel: one step of every agent (window bits, exits, re-entries) over
// structure-of-arrays in linear memory, in agent order. Driven by the population block
// (populationBlock.ts) of the program interpreter (program.ts).
import { geometric } from '../rng';

// Sum of the active agents' capacity, set by agentsStep (unless capacity is constant).
export let activeCapacity: f64 = 0;
// Re-entry: probability per eligible agent-step, flog(1 − p), and the run's countdown of trials
// still to fail before the next success (a geometric gap; ∞ when p = 0).
export let reP: f64 = 0;
export let reLogQ: f64 = 0;
export let reGap: f64 = 0;

/** One re-entry trial of an eligible inactive agent: true on success (then the next gap is drawn). */
// @ts-ignore: decorator
@inline function reentryTrial(): bool {
  if (reGap == 0) {
    reGap = geometric(reP, reLogQ);
    return true;
  }
  reGap -= 1;
  return false;
}

/** Updates agent i (see agentsStep) and returns 1 if it is active afterwards. `r`: the revenue per unit an inactive agent compares with its re-entry threshold. */
// @ts-ignore: decorator
@inline function agentOne(i: i32, mask: usize, cpc: usize, psum: usize, exitAt: usize, joinAt: usize, recent: usize, r: f64, sFull: f64, cFull: f64,
  full: u32, lowFull: u32, W: i32, minActive: u32): u32 {
  const io = <usize>i << 3;
  const mo = mask + (<usize>i << 2);
  const word = load<u32>(mo);
  if (word == 0) {
    // inactive for the whole window: only a re-entry can change anything
    if (r > load<f64>(joinAt + io) && reentryTrial()) {
      store<u32>(mo, <u32>1 << 31);
      return 1;
    }
    return 0;
  }
  const c = load<f64>(cpc + io);
  let act = word >>> 31;
  let m = (word << 1) & full;
  if (act) {
    m |= 1;
    if ((word & lowFull) == lowFull) {
      if (sFull < load<f64>(exitAt + io)) act = 0;
    } else {
      // Window revenue: the revenue of the active steps, oldest first. For an agent active on
      // each step since it joined (bits 0..n−1), that is last step's sum plus this step's
      // revenue, the same additions in the same order, so it is carried in psum.
      const n = popcnt<u32>(m);
      let s: f64 = 0;
      if ((m & (m + 1)) == 0 && (word & full) == (m >>> 1)) {
        s = (n == 1 ? 0 : load<f64>(psum + io)) + load<f64>(recent);
        store<f64>(psum + io, s);
      } else {
        let b = m;
        while (b != 0) {
          const k = 31 - clz<u32>(b);
          s += load<f64>(recent + (<usize>k << 3));
          b ^= <u32>1 << <u32>k;
        }
        store<f64>(psum + io, s);
      }
      if (n >= minActive && s < c * <f64>n) act = 0;
    }
  } else if (r > load<f64>(joinAt + io)) {
    if (reentryTrial()) act = 1;
  }
  const next = m | (act << 31);
  if (next != word) store<u32>(mo, next);
  return act;
}

// @ts-ignore: decorator
@inline function sum4(v: v128): i32 {
  return i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3);
}

/**
 * One step of the provider agents: window bits, exits, re-entries, in agent order. Returns the
 * number active and leaves their capacity in `activeCapacity`. A separate function (binaryen does
 * not inline functions with loops) keeps the hot loop's registers free of simulate()'s locals.
 *
 * The SIMD build looks at four agents at once. Re-entry trials are counted down from a geometric
 * gap, so when the gap exceeds the number of eligible inactive agents among the four, none of
 * them re-enters: the gap drops by that number and their window bits shift, all in vector
 * registers. Agents active over the whole window whose window revenue covers their cost do not
 * change. Only the rest (active over part of the window, leaving, or a group holding a success)
 * takes the scalar update, in agent order. The comparisons are the scalar ones, lane by lane, so
 * both builds give the same numbers.
 */
export function agentsStep(N: i32, mask: usize, cpc: usize, cap: usize, psum: usize, exitAt: usize, joinAt: usize, recent: usize, r: f64, sFull: f64,
  cFull: f64, full: u32, capConst: bool, minActive: u32): i32 {
  const lowFull = full >>> 1;
  const W = <i32>cFull;
  let nAct: i32 = 0;
  let capSum: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vSteady = i32x4.splat(<i32>((<u32>1 << 31) | full));
    const vFull = i32x4.splat(<i32>full);
    const vS = f64x2.splat(sFull);
    const vR = f64x2.splat(r);
    let gap = reGap; // kept in a local here: a global would put a store and a load on the loop's critical path
    const vZero = i32x4.splat(0);
    let vCount = i32x4.splat(0); // active lanes settled in vector registers, per lane
    for (; i + 4 <= N; i += 4) {
      const mo = mask + (<usize>i << 2);
      const w = v128.load(mo);
      const x01 = v128.load(exitAt + (<usize>i << 3));
      const x23 = v128.load(exitAt + (<usize>i << 3), 16);
      const j01 = v128.load(joinAt + (<usize>i << 3));
      const j23 = v128.load(joinAt + (<usize>i << 3), 16);
      // lane masks: active now, active over the whole window, would leave, eligible to re-enter
      const aV = i32x4.lt_s(w, vZero);
      const sV = i32x4.eq(w, vSteady);
      const xV = i8x16.shuffle(f64x2.lt(vS, x01), f64x2.lt(vS, x23), 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
      const jV = i8x16.shuffle(f64x2.gt(vR, j01), f64x2.gt(vR, j23), 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
      // Settled in vector registers when every active lane is active over the whole window and
      // covers its cost, and the gap exceeds any number of re-entry trials four lanes can make:
      // inactive lanes shift their window bits, the eligible ones count their failed trials, and the
      // active ones are counted in a vector.
      if (capConst && gap >= 4 && !v128.any_true(v128.andnot(aV, v128.andnot(sV, xV)))) {
        v128.store(mo, v128.bitselect(w, v128.and(i32x4.shl(w, 1), vFull), aV));
        vCount = i32x4.sub(vCount, aV);
        gap -= <f64>popcnt<i32>(i32x4.bitmask(v128.andnot(jV, aV)));
        continue;
      }
      const active = i32x4.bitmask(aV);
      const steady = i32x4.bitmask(sV);
      const exits = i32x4.bitmask(xV);
      const eligible = i32x4.bitmask(jV) & ~active;
      const trials = <f64>popcnt<i32>(eligible);
      if (gap >= trials) {
        // no re-entry among these four: inactive lanes shift their window bits
        gap -= trials;
        v128.store(mo, v128.bitselect(w, v128.and(i32x4.shl(w, 1), vFull), aV));
        const stays = steady & ~exits;
        const scalar = active & ~stays; // active over part of the window, or leaving
        if (scalar == 0 && capConst) {
          nAct += popcnt<i32>(stays);
          continue;
        }
        for (let j = 0; j < 4; j++) {
          const bit = 1 << j;
          let on: bool = (stays & bit) != 0;
          if (scalar & bit) on = agentOne(i + j, mask, cpc, psum, exitAt, joinAt, recent, r, sFull, cFull, full, lowFull, W, minActive) != 0;
          if (on) {
            nAct++;
            if (!capConst) capSum += load<f64>(cap + (<usize>(i + j) << 3));
          }
        }
        continue;
      }
      reGap = gap;
      for (let j = 0; j < 4; j++) {
        if (agentOne(i + j, mask, cpc, psum, exitAt, joinAt, recent, r, sFull, cFull, full, lowFull, W, minActive)) {
          nAct++;
          if (!capConst) capSum += load<f64>(cap + (<usize>(i + j) << 3));
        }
      }
      gap = reGap;
    }
    reGap = gap;
    nAct += sum4(vCount);
  }
  for (; i < N; i++) {
    if (agentOne(i, mask, cpc, psum, exitAt, joinAt, recent, r, sFull, cFull, full, lowFull, W, minActive)) {
      nAct++;
      if (!capConst) capSum += load<f64>(cap + (<usize>i << 3));
    }
  }
  activeCapacity = capSum;
  return nAct;
}

/** Sets the re-entry trial state of the population about to be stepped. */
export function setReentry(p: f64, logQ: f64, gap: f64): void {
  reP = p;
  reLogQ = logQ;
  reGap = gap;
}

/** Sets the countdown of re-entry trials (e.g. the first gap drawn at a run's start). */
export function setGap(gap: f64): void {
  reGap = gap;
}

