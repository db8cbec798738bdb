// A straightforward typed-array JavaScript implementation of W1, the comparator named in the
// performance issue ("a straightforward typed-array JavaScript loop"). Not Flywheel code: it is
// here only so `npm run bench` can report Flywheel's speed against it in the same run.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
}

/** Simulates runs [a, b) of W1; returns per-run outputs [metric][t][run − a] (6 metrics). */
export function baselineBlock(a, b, steps = 3650, N = 1000) {
  const n = b - a,
    S1 = steps + 1;
  const out = new Float64Array(6 * S1 * n);
  const cost = new Float64Array(N),
    sum = new Float64Array(N),
    cnt = new Int32Array(N);
  const active = new Uint8Array(N),
    hist = new Uint8Array(N * 30),
    rev = new Float64Array(30);
  for (let run = a; run < b; run++) {
    const u = rng(run * 2654435761 + 1);
    const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    for (let i = 0; i < N; i++) {
      cost[i] = 0.5 + u();
      sum[i] = 0;
      cnt[i] = 0;
      active[i] = 1;
    }
    hist.fill(0);
    rev.fill(0);
    let total = 5e7,
      circ = 5e7,
      burnedCum = 0,
      price = 0.03,
      nAct = N;
    const put = (m, t, v) => {
      out[(m * S1 + t) * n + (run - a)] = v;
    };
    put(0, 0, total);
    put(1, 0, circ);
    put(2, 0, 0);
    put(3, 0, price);
    put(4, 0, 1000);
    put(5, 0, N);
    for (let t = 1; t <= steps; t++) {
      let minted = (15e6 / 365) * Math.pow(0.5, Math.floor((t - 1) / 730));
      if (total + minted > 223e6) minted = Math.max(0, 223e6 - total);
      const demand = 1000 * Math.pow(1.0002, t) * Math.exp(0.1 * normal());
      const burned = Math.min(demand / price, circ + minted);
      const r = nAct > 0 ? (minted * price) / nAct : 0;
      const slot = t % 30,
        old = rev[slot];
      rev[slot] = r;
      let next = 0;
      for (let i = 0; i < N; i++) {
        const h = i * 30 + slot;
        if (hist[h]) {
          sum[i] -= old;
          cnt[i]--;
        }
        hist[h] = active[i];
        if (active[i]) {
          sum[i] += r;
          cnt[i]++;
          if (sum[i] / cnt[i] < cost[i]) active[i] = 0;
        } else if (r > 1.2 * cost[i] && u() < 0.01) active[i] = 1;
        next += active[i];
      }
      nAct = next;
      const circBefore = circ;
      total += minted - burned;
      circ += minted - burned;
      burnedCum += burned;
      price *= Math.exp((5 * (burned - minted)) / circBefore + 0.03 * normal());
      put(0, t, total);
      put(1, t, circ);
      put(2, t, burnedCum);
      put(3, t, price);
      put(4, t, demand);
      put(5, t, nAct);
    }
  }
  return out;
}

function aggregate(values, cells, R) {
  const out = new Float64Array(4 * cells);
  const row = new Float64Array(R);
  for (let c = 0; c < cells; c++) {
    let s = 0;
    for (let i = 0; i < R; i++) {
      row[i] = values[c * R + i];
      s += row[i];
    }
    row.sort();
    const q = (p) => {
      const h = (R - 1) * p,
        lo = Math.floor(h),
        hi = Math.min(lo + 1, R - 1);
      return row[lo] + (h - lo) * (row[hi] - row[lo]);
    };
    out[c] = s / R;
    out[cells + c] = q(0.05);
    out[2 * cells + c] = q(0.5);
    out[3 * cells + c] = q(0.95);
  }
  return out;
}

/** Runs W1 with the baseline on `threads` worker threads (1 = this thread). */
export async function baselineW1(runs = 100, threads = 1, steps = 3650, agents = 1000) {
  const cells = 6 * (steps + 1);
  const all = new Float64Array(cells * runs);
  const place = (a, b, block) => {
    const n = b - a;
    for (let c = 0; c < cells; c++) all.set(block.subarray(c * n, (c + 1) * n), c * runs + a);
  };
  if (threads <= 1) place(0, runs, baselineBlock(0, runs, steps, agents));
  else {
    await Promise.all(
      Array.from({ length: threads }, (_, k) => {
        const a = Math.floor((runs * k) / threads),
          b = Math.floor((runs * (k + 1)) / threads);
        return new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), { workerData: { a, b, steps, agents } });
          w.once('message', (block) => {
            place(a, b, block);
            w.terminate();
            resolve();
          });
          w.once('error', reject);
        });
      }),
    );
  }
  return aggregate(all, cells, runs);
}

if (!isMainThread && workerData) {
  const { a, b, steps, agents } = workerData;
  const block = baselineBlock(a, b, steps, agents);
  parentPort.postMessage(block, [block.buffer]);
}
