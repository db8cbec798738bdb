// The reference engine's population kernels (per-agent and screening), apart from the compile step
// (population.ts) so that apps running only the wasm engine do not load them.
import { layout as L } from '@flywheel/core-wasm';
import {
  POP_CAP_A,
  POP_CAP_B,
  POP_CAP_KIND,
  POP_COST_A,
  POP_COST_B,
  POP_COST_KIND,
  POP_INIT_ACTIVE,
  POP_MIN_ACTIVE,
  POP_CAPEX,
  POP_REENTRY_P,
  POP_REENTRY_TH,
  POP_S_CAPSUM,
  POP_S_GAP,
  POP_S_NACT,
  POP_S_NPART,
  POP_S_RING,
  POP_S_SHI,
  POP_WEIGHT,
  POP_WINDOW,
} from '@flywheel/core-wasm/program-layout';
import { fexp } from '../engine/math.js';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';

/**
 * Steps 1–3 of a population step, shared by both reference kernels (the wasm engine's
 * populationBlock.ts has them once too): the whole balance of `from` and the USD revenue make the
 * pool, moved to `to` when there is capacity C; returns the pool (USD).
 */
function payProviders(code: Int32Array, pc: number, s: Float64Array, rng: Rng, C: number): number {
  const from = code[pc + 7]!;
  const to = code[pc + 8]!;
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
  return pool;
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
    const weight = s[P + POP_WEIGHT]!;
    const C = weight * s[S + POP_S_CAPSUM]!;
    const pool = payProviders(code, pc, s, rng, C);
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

/** Agents 0..n−1 sorted by key ascending, ties by agent index. */
function orderBy(key: Float64Array): Uint32Array<ArrayBuffer> {
  const idx = Array.from({ length: key.length }, (_, i) => i);
  idx.sort((a, b) => (key[a]! < key[b]! ? -1 : key[a]! > key[b]! ? 1 : a - b));
  return Uint32Array.from(idx);
}

/**
 * The reference engine's screening kernel (population `kernel: 'screening'`), step by step the wasm
 * engine's assembly/blocks/populationScreen.ts: agents ordered once per run by exitAt (E order) and
 * joinAt (J order); steady exits from a cut point over E ranks; re-entry trials over the eligible
 * agents in J order (a Fenwick tree of inactive agents over J ranks); only active agents with
 * partial windows updated one by one, agents that left aged lazily on re-entry. Constant capacity
 * only (populationKernel). The wasm kernel also walks a bitset when a step has many re-entries and
 * rebuilds its Fenwick tree after many changes: the same agents and integers, so no step differs.
 */
export class PopulationScreenRef {
  private readonly costPerCapacity: Float64Array;
  private readonly exitAt: Float64Array;
  private readonly joinAt: Float64Array;
  /** bit 31: active; bits 0..W−1: active k + 1 steps before this step (the wasm engine's mask word) */
  private readonly mask: Uint32Array;
  private eSorted = new Float64Array(0);
  private jSorted = new Float64Array(0);
  private eAgent: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private jAgent: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private readonly eRank: Uint32Array;
  private readonly jRank: Uint32Array;
  /** Fenwick tree (1-based) of the inactive agents over J ranks */
  private readonly fen: Int32Array;
  private readonly partial: Uint32Array;
  private readonly next: Uint32Array;
  private readonly succ: Uint32Array;
  /** the step an inactive agent left (0: never active): its window bits are aged lazily */
  private readonly leftAt: Int32Array;
  /** steady agents by E rank */
  private readonly steady: Uint32Array;

  constructor(readonly n: number) {
    this.costPerCapacity = new Float64Array(n);
    this.exitAt = new Float64Array(n);
    this.joinAt = new Float64Array(n);
    this.mask = new Uint32Array(n);
    this.eRank = new Uint32Array(n);
    this.jRank = new Uint32Array(n);
    this.fen = new Int32Array(n + 1);
    this.partial = new Uint32Array(n);
    this.next = new Uint32Array(n);
    this.succ = new Uint32Array(n);
    this.leftAt = new Int32Array(n);
    this.steady = new Uint32Array((n + 31) >>> 5);
  }

  private draw(rng: Rng, kind: number, a: number, b: number): number {
    if (kind === L.DIST_UNIFORM) return a + (b - a) * rng.uniform();
    if (kind === L.DIST_LOGNORMAL) return a * fexp(b * rng.normal());
    return a;
  }

  private fenAdd(i0: number, d: number): void {
    for (let i = i0 + 1; i <= this.n; i += i & -i) this.fen[i] = this.fen[i]! + d;
  }

  private fenPrefix(k: number): number {
    let s = 0;
    for (let i = k; i > 0; i -= i & -i) s += this.fen[i]!;
    return s;
  }

  private fenSelect(k: number): number {
    let pos = 0;
    for (let step = 1 << (31 - Math.clz32(this.n)); step > 0; step >>= 1) {
      const q = pos + step;
      if (q <= this.n && this.fen[q]! < k) {
        pos = q;
        k -= this.fen[q]!;
      }
    }
    return pos;
  }

  /** I_POP_INIT [12, next, pop, work, n, P, S, outActive, outCapacity]: the per-agent kernel's draws, then the orders. */
  init(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
    const P = code[pc + 5]!;
    const S = code[pc + 6]!;
    const N = this.n;
    const initActive = s[P + POP_INIT_ACTIVE]!;
    const W = s[P + POP_WINDOW]!;
    let nAct = 0;
    for (let i = 0; i < N; i++) {
      const c = this.draw(rng, s[P + POP_COST_KIND]!, s[P + POP_COST_A]!, s[P + POP_COST_B]!);
      const k = this.draw(rng, s[P + POP_CAP_KIND]!, s[P + POP_CAP_A]!, s[P + POP_CAP_B]!);
      const cu = c / k;
      this.costPerCapacity[i] = cu;
      this.exitAt[i] = cu * W;
      this.joinAt[i] = s[P + POP_REENTRY_TH]! * cu + s[P + POP_CAPEX]! / k;
      const a = i < initActive ? 1 : 0;
      this.mask[i] = (a << 31) >>> 0;
      nAct += a;
    }
    const capSum = s[P + POP_CAP_A]! * nAct;
    s[S + POP_S_CAPSUM] = capSum;
    s[S + POP_S_GAP] = N > 0 ? rng.geometric(s[P + POP_REENTRY_P]!) : Infinity;
    this.eAgent = orderBy(this.exitAt);
    this.jAgent = orderBy(this.joinAt);
    this.eSorted = new Float64Array(N);
    this.jSorted = new Float64Array(N);
    for (let r = 0; r < N; r++) {
      const a = this.eAgent[r]!;
      const b = this.jAgent[r]!;
      this.eSorted[r] = this.exitAt[a]!;
      this.eRank[a] = r;
      this.jSorted[r] = this.joinAt[b]!;
      this.jRank[b] = r;
    }
    const fen = this.fen;
    fen[0] = 0;
    for (let i = 1; i <= N; i++) fen[i] = this.mask[this.jAgent[i - 1]!]! >>> 31 ? 0 : 1;
    for (let i = 1; i <= N; i++) {
      const j = i + (i & -i);
      if (j <= N) fen[j] = fen[j]! + fen[i]!;
    }
    this.leftAt.fill(0);
    this.steady.fill(0);
    let nPart = 0;
    for (let i = 0; i < N; i++) if (this.mask[i]! >>> 31) this.partial[nPart++] = i;
    s[S + POP_S_SHI] = -1;
    s[S + POP_S_NPART] = nPart;
    s[S + POP_S_NACT] = nAct;
    const weight = s[P + POP_WEIGHT]!;
    s[code[pc + 7]!] = weight * nAct;
    s[code[pc + 8]!] = weight * capSum;
  }

  /** I_POP_STEP [13, next, pop, work, n, P, S, from, to, price, usdPc, outActive, outCapacity, outRevenue]. */
  step(code: Int32Array, pc: number, s: Float64Array, t: number, rng: Rng): void {
    const P = code[pc + 5]!;
    const S = code[pc + 6]!;
    const N = this.n;
    const weight = s[P + POP_WEIGHT]!;
    const C = weight * s[S + POP_S_CAPSUM]!;
    const pool = payProviders(code, pc, s, rng, C);
    const r = C > 0 ? pool / C : 0;
    const paid = C > 0 ? pool : 0;
    const W = s[P + POP_WINDOW]!;
    const at = S + POP_S_RING + (W - 1 - (t % W));
    s[at] = r;
    s[at + W] = r;
    let sFull = 0;
    for (let k = W - 1; k >= 0; k--) sFull += s[at + k]!;
    const rJoin = C > 0 ? r : pool / weight;
    const minActive = s[P + POP_MIN_ACTIVE]!;
    const p = s[P + POP_REENTRY_P]!;
    const full = (2 ** W - 1) >>> 0;
    const lowFull = full >>> 1;
    const { mask, steady, eAgent, jAgent, eRank, jRank, partial, next, succ, leftAt } = this;
    let gap = s[S + POP_S_GAP]!;
    let nAct = s[S + POP_S_NACT]!;
    let shi = s[S + POP_S_SHI]!;
    // (1) re-entry trials over the eligible agents (inactive, J rank below the cut) in J order
    let lo = 0;
    let hi = N;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.jSorted[mid]! < rJoin) lo = mid + 1;
      else hi = mid;
    }
    const K = this.fenPrefix(lo);
    let nSucc = 0;
    if (K > gap) {
      let pos = gap;
      while (pos < K) {
        succ[nSucc++] = jAgent[this.fenSelect(pos + 1)]!;
        pos = pos + 1 + rng.geometric(p);
      }
      gap = pos - K;
    } else gap -= K;
    // (2) steady exits: steady agents at E ranks from the first whose exitAt exceeds sFull
    let nNext = 0;
    if (W >= minActive && shi >= 0) {
      lo = 0;
      hi = N;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (!(sFull < this.eSorted[mid]!)) lo = mid + 1;
        else hi = mid;
      }
      const cut = lo;
      if (cut <= shi) {
        for (let wi = cut >>> 5; wi <= shi >>> 5; wi++) {
          let bits = steady[wi]!;
          if (wi === cut >>> 5) bits = (bits & ((~0 << (cut & 31)) >>> 0)) >>> 0;
          if (bits === 0) continue;
          steady[wi] = steady[wi]! & ~bits;
          while (bits !== 0) {
            const rank = (wi << 5) + (31 - Math.clz32(bits & -bits));
            bits = (bits & (bits - 1)) >>> 0;
            const a = eAgent[rank]!;
            mask[a] = full;
            leftAt[a] = t;
            nAct--;
            this.fenAdd(jRank[a]!, 1);
          }
        }
        shi = cut - 1;
      }
    }
    // (4) re-entries: an inactive agent's word is the one after the step it left, aged a shift a step
    const nPart = s[S + POP_S_NPART]!;
    for (let j = 0; j < nSucc; j++) {
      const a = succ[j]!;
      nAct++;
      this.fenAdd(jRank[a]!, -1);
      const k = t - leftAt[a]!;
      const m = k >= W ? 0 : ((mask[a]! << k) & full) >>> 0;
      mask[a] = (m | 0x80000000) >>> 0;
      next[nNext++] = a;
    }
    // (3) the partial agents (active over part of the window), (5) where each is next step
    const cpc = this.costPerCapacity;
    for (let j = 0; j < nPart; j++) {
      const a = partial[j]!;
      const m = (((mask[a]! << 1) & full) | 1) >>> 0;
      const n = popcount(m);
      let sum = 0;
      for (let k = W - 1; k >= 0; k--) if ((m >>> k) & 1) sum += s[at + k]!;
      if (n >= minActive && sum < cpc[a]! * n) {
        nAct--;
        this.fenAdd(jRank[a]!, 1);
        mask[a] = m;
        leftAt[a] = t;
      } else if ((m & lowFull) === lowFull) {
        mask[a] = (0x80000000 | full) >>> 0;
        const rank = eRank[a]!;
        steady[rank >>> 5] = (steady[rank >>> 5]! | (1 << (rank & 31))) >>> 0;
        if (rank > shi) shi = rank;
      } else {
        mask[a] = (m | 0x80000000) >>> 0;
        next[nNext++] = a;
      }
    }
    partial.set(next.subarray(0, nNext));
    s[S + POP_S_GAP] = gap;
    s[S + POP_S_NACT] = nAct;
    s[S + POP_S_NPART] = nNext;
    s[S + POP_S_SHI] = shi;
    const capSum = s[P + POP_CAP_A]! * nAct;
    s[S + POP_S_CAPSUM] = capSum;
    s[code[pc + 11]!] = weight * nAct;
    s[code[pc + 12]!] = weight * capSum;
    s[code[pc + 13]!] = paid;
  }
}
