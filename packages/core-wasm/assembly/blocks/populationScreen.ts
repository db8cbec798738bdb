// The screening kernel of a population (population field `kernel: 'screening'`): exact, with work per
// step that grows with the agents that change, not with the population. The reference engine's
// PopulationScreenRef (packages/sdk/src/blocks/population.ts) follows this file step by step.
//
// An agent active over its whole window (steady) leaves exactly when the window's revenue per unit
// is below its exitAt (cost per unit × window), and an inactive agent is eligible to re-enter
// exactly when this step's revenue per unit is above its joinAt. So, with the agents ordered once
// per run by exitAt (the E order) and by joinAt (the J order), ties by agent index:
// - steady exits are the steady agents at E ranks from a cut point found by binary search
//   (a bitset over E ranks holds the steady agents);
// - the eligible agents are the inactive ones at J ranks below a cut point; a Fenwick tree over J
//   ranks counts them, and the geometric-gap countdown of re-entry trials runs over them in J order,
//   so a success is found by a Fenwick select (or, when a step expects many, by a walk over the
//   inactive bitset), and a step with none costs O(log N);
// - only the agents on the partial list (active over part of the window) are updated one by one;
//   steady agents are not touched, and inactive ones only on re-entry (their window bits are aged
//   lazily from the step they left).
// Capacity is constant (the compiler falls back to the per-agent kernel otherwise), so the active
// capacity is the count × the capacity, exact.
//
// Memory (bytes from `scr`, after the per-agent arrays): eSorted f64[N], jSorted f64[N],
// eAgent u32[N] (E rank → agent), jAgent u32[N], jRank u32[N] (agent → J rank), eRank u32[N],
// fen i32[N + 1] (Fenwick of inactive agents over J ranks, 1-based), partial u32[N], next u32[N],
// succ u32[N], leftAt i32[N] (the step an inactive agent left: its window bits are aged lazily, so
// agents that left are not on the partial list), steady u32[⌈N/32⌉], inactive u32[⌈N/32⌉] (the
// Fenwick tree's ones as bits by J rank, scanned instead of selected when a step has many successes).
import { geometric } from '../rng';

/** Byte offset of the screening memory from the population's base (populationBytes in the sdk). */
export function screenOffset(N: i32): usize {
  return (<usize>N * 40) + ((((<usize>N << 2) + 64 + 7) >>> 3) << 3);
}

// @ts-ignore: decorator
@inline function u32At(p: usize, i: i32): u32 { return load<u32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function u32Set(p: usize, i: i32, v: u32): void { store<u32>(p + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }

/**
 * Agents 0..N−1 sorted by key[agent] ascending, ties by agent index: on return idx[r] is the agent
 * of rank r and sorted[r] its key. A bottom-up merge sort of (key, agent) pairs, so every pass reads
 * and writes in order (a sort of indices that looked keys up would miss the cache at each compare).
 * `tmpKey` (N f64) and `tmpIdx` (N u32) are scratch.
 */
function sortBy(key: usize, sorted: usize, idx: usize, tmpKey: usize, tmpIdx: usize, N: i32): void {
  memory.copy(sorted, key, <usize>N << 3);
  for (let i = 0; i < N; i++) u32Set(idx, i, <u32>i);
  let sk = sorted, si = idx, dk = tmpKey, di = tmpIdx;
  for (let width = 1; width < N; width <<= 1) {
    for (let lo = 0; lo < N; lo += width << 1) {
      const mid = min(lo + width, N), hi = min(lo + (width << 1), N);
      let a = lo, b = mid, o = lo;
      while (a < mid && b < hi) {
        const kx = f64At(sk, a), ky = f64At(sk, b);
        const x = u32At(si, a), y = u32At(si, b);
        if (ky < kx || (ky == kx && y < x)) {
          store<f64>(dk + (<usize>o << 3), ky); u32Set(di, o++, y); b++;
        } else {
          store<f64>(dk + (<usize>o << 3), kx); u32Set(di, o++, x); a++;
        }
      }
      if (a < mid) { memory.copy(dk + (<usize>o << 3), sk + (<usize>a << 3), <usize>(mid - a) << 3); memory.copy(di + (<usize>o << 2), si + (<usize>a << 2), <usize>(mid - a) << 2); }
      if (b < hi) { memory.copy(dk + (<usize>(o + mid - a) << 3), sk + (<usize>b << 3), <usize>(hi - b) << 3); memory.copy(di + (<usize>(o + mid - a) << 2), si + (<usize>b << 2), <usize>(hi - b) << 2); }
    }
    let t = sk; sk = dk; dk = t;
    t = si; si = di; di = t;
  }
  if (sk != sorted) { memory.copy(sorted, sk, <usize>N << 3); memory.copy(idx, si, <usize>N << 2); }
}

// @ts-ignore: decorator
@inline function fenAdd(fen: usize, N: i32, i0: i32, d: i32): void {
  for (let i = i0 + 1; i <= N; i += i & -i) store<i32>(fen + (<usize>i << 2), load<i32>(fen + (<usize>i << 2)) + d);
}

// Changes to the inactive set this step, and the number above which the Fenwick tree is rebuilt
// from the bitset at the step's end (O(N), in order) rather than updated one change at a time
// (O(log N) scattered writes each): the same integers either way.
let fenChanges: i32 = 0;
let fenLimit: i32 = 0;

/** An agent at J rank j becomes inactive (d = 1) or active (d = −1): the bitset, and the Fenwick tree unless it is to be rebuilt. */
// @ts-ignore: decorator
@inline function setInactive(fen: usize, inact: usize, N: i32, j: i32, d: i32): void {
  if (++fenChanges <= fenLimit) fenAdd(fen, N, j, d);
  const p = inact + (<usize>(j >>> 5) << 2);
  if (d > 0) store<u32>(p, load<u32>(p) | (<u32>1 << <u32>(j & 31)));
  else store<u32>(p, load<u32>(p) & ~(<u32>1 << <u32>(j & 31)));
}

/** The Fenwick tree of the inactive bitset, built in O(N). */
function fenBuild(fen: usize, inact: usize, N: i32): void {
  store<i32>(fen, 0);
  for (let i = 1; i <= N; i++) store<i32>(fen + (<usize>i << 2), <i32>((u32At(inact, (i - 1) >>> 5) >>> <u32>((i - 1) & 31)) & 1));
  for (let i = 1; i <= N; i++) {
    const j = i + (i & -i);
    if (j <= N) store<i32>(fen + (<usize>j << 2), load<i32>(fen + (<usize>j << 2)) + load<i32>(fen + (<usize>i << 2)));
  }
}

function fenPrefix(fen: usize, n: i32): i32 {
  let s = 0;
  for (let i = n; i > 0; i -= i & -i) s += load<i32>(fen + (<usize>i << 2));
  return s;
}

/** The 0-based position of the k-th (1-based) one. */
function fenSelect(fen: usize, N: i32, k: i32): i32 {
  let pos = 0;
  for (let step = 1 << (31 - clz<i32>(N)); step > 0; step >>= 1) {
    const q = pos + step;
    if (q <= N) {
      const v = load<i32>(fen + (<usize>q << 2));
      if (v < k) { pos = q; k -= v; }
    }
  }
  return pos;
}

/**
 * The screening structures of a run, after the agents' draws (per-agent arrays filled, mask words
 * set: bit 31 = active). Returns the steady agents' highest E rank (−1: none) and leaves the
 * partial list's length in `screenPartial`.
 */
export let screenPartial: i32 = 0;
export function screenInit(scr: usize, N: i32, psum: usize, exitAt: usize, joinAt: usize, mask: usize): i32 {
  const eSorted = scr, jSorted = scr + (<usize>N << 3);
  const eAgent = scr + (<usize>N << 4), jAgent = eAgent + (<usize>N << 2), jRank = jAgent + (<usize>N << 2), eRank = jRank + (<usize>N << 2);
  const fen = eRank + (<usize>N << 2), partial = fen + (<usize>(N + 1) << 2), next = partial + (<usize>N << 2);
  const succ = next + (<usize>N << 2), leftAt = succ + (<usize>N << 2), steady = leftAt + (<usize>N << 2), inact = steady + (<usize>((N + 31) >>> 5) << 2);
  // scratch for the sorts: psum (not read before the first step writes it) and the next list
  sortBy(exitAt, eSorted, eAgent, psum, next, N);
  sortBy(joinAt, jSorted, jAgent, psum, next, N);
  for (let r = 0; r < N; r++) {
    u32Set(eRank, <i32>u32At(eAgent, r), <u32>r);
    u32Set(jRank, <i32>u32At(jAgent, r), <u32>r);
  }
  memory.fill(steady, 0, <usize>((N + 31) >>> 5) << 2);
  memory.fill(inact, 0, <usize>((N + 31) >>> 5) << 2);
  for (let j = 0; j < N; j++) {
    if (!(u32At(mask, <i32>u32At(jAgent, j)) >>> 31)) u32Set(inact, j >>> 5, u32At(inact, j >>> 5) | (<u32>1 << <u32>(j & 31)));
  }
  // the Fenwick tree of the inactive agents over J ranks
  fenBuild(fen, inact, N);
  let nPart = 0;
  const shi = -1;
  for (let i = 0; i < N; i++) {
    // every active agent starts on the partial list (an agent on it whose window is in fact full
    // gets the steady rule's decision there: the same sum in the same order)
    if (u32At(mask, i) >>> 31) u32Set(partial, nPart++, <u32>i);
  }
  screenPartial = nPart;
  return shi;
}

// Results of screenStep besides the active count.
export let screenGap: f64 = 0;
export let screenShi: i32 = -1;

/**
 * One step of the screening kernel; returns the number of agents active afterwards. Order: (1) the
 * re-entry trials over the eligible agents (inactive at the step's start, joinAt < rJoin) in J order,
 * (2) the steady agents' exits (E ranks from the cut), (4) the re-entries take effect (onto the
 * partial list), (3) the partial agents' (active over part of the window) window bits and exits,
 * each (5) filed as steady or partial for the next step; agents that leave are off the list.
 */
export function screenStep(scr: usize, N: i32, t: i32, cpc: usize, psum: usize, mask: usize, recent: usize, rJoin: f64, sFull: f64, W: i32, minActive: u32,
  p: f64, logQ: f64, gapIn: f64, nActIn: i32, nPartIn: i32, shiIn: i32): i32 {
  const eSorted = scr, jSorted = scr + (<usize>N << 3);
  const eAgent = scr + (<usize>N << 4), jAgent = eAgent + (<usize>N << 2), jRank = jAgent + (<usize>N << 2), eRank = jRank + (<usize>N << 2);
  const fen = eRank + (<usize>N << 2), partial = fen + (<usize>(N + 1) << 2), next = partial + (<usize>N << 2);
  const succ = next + (<usize>N << 2), leftAt = succ + (<usize>N << 2), steady = leftAt + (<usize>N << 2), inact = steady + (<usize>((N + 31) >>> 5) << 2);
  const full: u32 = (<u32>1 << <u32>W) - 1;
  const lowFull = full >>> 1;
  let gap = gapIn, nAct = nActIn, shi = shiIn;
  fenChanges = 0;
  fenLimit = N >>> 4;
  // (1) re-entry trials: the eligible agents are the inactive ones at J ranks below jcut
  let lo = 0, hi = N;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (f64At(jSorted, mid) < rJoin) lo = mid + 1; else hi = mid;
  }
  const K = <f64>fenPrefix(fen, lo);
  let nSucc = 0;
  if (K > gap) {
    let pos = gap; // the trial (0-based, in J order over the eligible agents) that succeeds next
    if ((K - gap) * p * <f64>(32 - clz<i32>(N)) > <f64>(lo >>> 5)) {
      // many successes expected: walk the inactive bitset word by word (the same agents a select finds)
      let wi = 0, before = 0; // ones in the words before wi
      while (pos < K) {
        const target = <i32>pos;
        let c = popcnt<u32>(u32At(inact, wi));
        while (before + c <= target) { before += c; wi++; c = popcnt<u32>(u32At(inact, wi)); }
        let bits = u32At(inact, wi);
        for (let k = target - before; k > 0; k--) bits &= bits - 1;
        u32Set(succ, nSucc++, u32At(jAgent, (wi << 5) + <i32>ctz<u32>(bits)));
        pos = pos + 1 + geometric(p, logQ);
      }
    } else {
      while (pos < K) {
        u32Set(succ, nSucc++, u32At(jAgent, fenSelect(fen, N, <i32>pos + 1)));
        pos = pos + 1 + geometric(p, logQ);
      }
    }
    gap = pos - K;
  } else gap -= K;
  // (2) steady exits: steady agents at E ranks ≥ cut (the first rank whose exitAt exceeds sFull)
  let nNext = 0;
  if (<u32>W >= minActive && shi >= 0) {
    lo = 0; hi = N;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (!(sFull < f64At(eSorted, mid))) lo = mid + 1; else hi = mid;
    }
    const cut = lo;
    if (cut <= shi) {
      for (let wi = cut >>> 5; wi <= shi >>> 5; wi++) {
        let bits = u32At(steady, wi);
        if (wi == cut >>> 5) bits &= ~<u32>0 << <u32>(cut & 31);
        if (bits == 0) continue;
        u32Set(steady, wi, u32At(steady, wi) & ~bits);
        while (bits != 0) {
          const r = (wi << 5) + <i32>ctz<u32>(bits);
          bits &= bits - 1;
          const a = <i32>u32At(eAgent, r);
          u32Set(mask, a, full); // active over the whole window, inactive from now on
          store<i32>(leftAt + (<usize>a << 2), t);
          nAct--;
          setInactive(fen, inact, N, <i32>u32At(jRank, a), 1);
        }
      }
      shi = cut - 1;
    }
  }
  // (4) re-entries (they take effect now: the partial agents below are the active ones only). An
  // inactive agent's word is the one it had after the step it left (leftAt), aged one shift a step
  // since: at this step, shifted t − leftAt times, with its re-entry bit set; it goes on the list.
  const nPart = nPartIn;
  for (let j = 0; j < nSucc; j++) {
    const a = <i32>u32At(succ, j);
    nAct++;
    setInactive(fen, inact, N, <i32>u32At(jRank, a), -1);
    const k = t - load<i32>(leftAt + (<usize>a << 2));
    const m: u32 = k >= W ? 0 : (u32At(mask, a) << <u32>k) & full;
    u32Set(mask, a, m | (<u32>1 << 31));
    u32Set(next, nNext++, <u32>a);
  }
  // (3) the partial agents (the ones on the list at the step's start: all active)
  for (let j = 0; j < nPart; j++) {
    const a = <i32>u32At(partial, j);
    const word = u32At(mask, a);
    const m = ((word << 1) & full) | 1;
    const n = popcnt<u32>(m);
    let s: f64 = 0;
    if ((m & (m + 1)) == 0 && (word & full) == (m >>> 1)) {
      // active on each step since it joined: last step's window sum plus this step's revenue,
      // the same additions in the same order as the loop below (psum, as in the per-agent kernel)
      s = (n == 1 ? 0 : load<f64>(psum + (<usize>a << 3))) + load<f64>(recent);
    } else {
      let b = m;
      while (b != 0) {
        const k = 31 - clz<u32>(b);
        s += load<f64>(recent + (<usize>k << 3));
        b ^= <u32>1 << <u32>k;
      }
    }
    store<f64>(psum + (<usize>a << 3), s);
    if (n >= minActive && s < f64At(cpc, a) * <f64>n) {
      // leaves: off the list, its bits aged lazily from here
      nAct--;
      setInactive(fen, inact, N, <i32>u32At(jRank, a), 1);
      u32Set(mask, a, m);
      store<i32>(leftAt + (<usize>a << 2), t);
    } else if ((m & lowFull) == lowFull) {
      // (5) steady from the next step
      u32Set(mask, a, (<u32>1 << 31) | full);
      const r = <i32>u32At(eRank, a);
      u32Set(steady, r >>> 5, u32At(steady, r >>> 5) | (<u32>1 << <u32>(r & 31)));
      if (r > shi) shi = r;
    } else {
      u32Set(mask, a, m | (<u32>1 << 31));
      u32Set(next, nNext++, <u32>a);
    }
  }
  if (fenChanges > fenLimit) fenBuild(fen, inact, N);
  memory.copy(partial, next, <usize>nNext << 2);
  screenPartial = nNext;
  screenGap = gap;
  screenShi = shi;
  return nAct;
}
