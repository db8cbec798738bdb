import fc from 'fast-check';
import { init } from '@flywheel/core-wasm';
import { compile, SKETCH_BUCKETS, sketchBound, statsReference, StreamingStats, validateSpec, WasmSession } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

// The wasm statistics find order statistics by selection; the reference sorts each row. They must
// agree bit for bit for any values, including ties, and any number of runs.
describe('wasm statistics = reference statistics', () => {
  const model = (runs: number) => compile(validateSpec(w1(runs, 2, 1)), ['price']); // 1 metric × 2 steps = 2 cells

  it('for arbitrary rows (ties, negatives, few and many runs)', async () => {
    const ex = await init();
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 400 }), fc.array(value, { minLength: 800, maxLength: 800 }), async (runs, pool) => {
        const m = model(runs);
        const cells = 2;
        const values = Float64Array.from({ length: cells * runs }, (_, i) => pool[i % pool.length]! + (i >= pool.length ? i : 0));
        const session = new WasmSession(ex, m, runs);
        session.values().set(values);
        const got = session.stats();
        const want = statsReference(values, cells, runs);
        expect(Array.from(got)).toEqual(Array.from(want));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('for sorted, reversed and constant rows (quickselect worst cases)', async () => {
    const ex = await init();
    for (const runs of [1, 2, 3, 17, 18, 100, 1001]) {
      const rows = [Float64Array.from({ length: runs }, (_, i) => i), Float64Array.from({ length: runs }, (_, i) => runs - i), new Float64Array(runs).fill(3.25)];
      for (const row of rows) {
        const values = new Float64Array(2 * runs);
        values.set(row);
        values.set(
          row.map((x) => -x),
          runs,
        );
        const session = new WasmSession(ex, model(runs), runs);
        session.values().set(values);
        expect(Array.from(session.stats())).toEqual(Array.from(statsReference(values, 2, runs)));
      }
    }
  });
});

describe('the streaming quantile sketch (StreamingStats)', () => {
  const heavy = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.double({ min: -1e12, max: 1e12, noNaN: true }),
    fc.double({ min: 1e-6, max: 1e6, noNaN: true }).map((x) => x * x * x), // heavy right tail
  );
  const fold = (cells: number, blocks: number[], pool: number[], order: 'run' | 'reversed') => {
    const s = new StreamingStats(cells);
    const all: number[][] = Array.from({ length: cells }, () => []);
    let i = 0;
    const made = blocks.map((runs) => {
      const stride = runs + 3; // rows with slack, as in the engine's blocks
      const values = Float64Array.from({ length: cells * stride }, () => pool[i++ % pool.length]! * (1 + (i % 7)));
      return { runs, stride, values };
    });
    let first = 0;
    const firsts = made.map((b) => ((first += b.runs), first - b.runs));
    const seq = order === 'run' ? made.map((_, k) => k) : made.map((_, k) => made.length - 1 - k);
    for (const k of seq) {
      const b = made[k]!;
      s.foldCells(b.values, b.runs, b.stride, 0, cells, firsts[k]!);
      s.countRuns(b.runs);
    }
    for (const b of made) for (let c = 0; c < cells; c++) for (let r = 0; r < b.runs; r++) all[c]!.push(b.values[c * b.stride + r]!);
    return { s, all };
  };

  it('every percentile is within the stated bound of the exact one (cells of one sign), exact for ≤ 8 runs, and the buckets do not depend on the order of the blocks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
        fc.array(heavy, { minLength: 50, maxLength: 400 }),
        fc.boolean(),
        (cells, blocks, pool, positive) => {
          const values = positive ? pool.map((x) => Math.abs(x) + 1e-3) : pool;
          const { s, all } = fold(cells, blocks, values, 'run');
          const runs = blocks.reduce((a, b) => a + b, 0);
          const exact = statsReference(Float64Array.from(all.flat()), cells, runs);
          const out = s.result();
          const bound = s.bound();
          if (runs <= 8) expect(bound).toBe(0);
          for (let c = 0; c < cells; c++) {
            const row = all[c]!;
            const oneSign = row.every((x) => x >= 0) || row.every((x) => x <= 0);
            const scale = Math.max(...row.map(Math.abs));
            for (let k = 1; k <= 3; k++) {
              const e = exact[k * cells + c]!;
              const a = out[k * cells + c]!;
              if (runs <= 8) expect(a).toBe(e);
              else if (oneSign) expect(Math.abs(a - e)).toBeLessThanOrEqual(bound * Math.abs(e) * (1 + 1e-12));
              else expect(Math.abs(a - e)).toBeLessThanOrEqual(bound * scale * (1 + 1e-12));
            }
          }
          // the same buckets whatever order the blocks arrive in (sums aside, which are kept in run order)
          const reversed = fold(cells, blocks, values, 'reversed').s;
          expect(Array.from(reorder(s, reversed))).toEqual(Array.from(s.state.counts));
          expect(Array.from(reversed.result())).toEqual(Array.from(s.result().map((x, j) => (j < cells ? reversed.result()[j]! : x)))); // percentiles identical
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('the bound widens by levels as a cell spans more binades: 0.78% within 2^8, 1.55% within 2^16, 3.1% within 2^32', () => {
    const span = (ratio: number) => {
      const s = new StreamingStats(1);
      const n = 1000;
      s.add(
        Float64Array.from({ length: n }, (_, i) => ratio ** (i / (n - 1))),
        n,
      );
      return s.bound();
    };
    expect(span(200)).toBeCloseTo(1 / 129, 12);
    expect(span(60_000)).toBeCloseTo(sketchBound(1), 12);
    expect(span(4e9)).toBeCloseTo(sketchBound(2), 12);
    expect(sketchBound(1)).toBeCloseTo(0.0155, 4);
    expect(sketchBound(2)).toBeCloseTo(0.031, 3);
  });
});

/** The counts of `b` with each cell-sign window moved to the base of `a`'s (windows may be placed differently). */
function reorder(a: StreamingStats, b: StreamingStats): Uint32Array {
  const W = SKETCH_BUCKETS;
  const out = new Uint32Array(a.state.counts.length);
  for (let cs = 0; cs < a.state.counts.length / W; cs++) {
    const c = cs >> 1;
    const g = cs & 1;
    const ma = a.state.meta;
    const mb = b.state.meta;
    expect(mb[c * 8 + g * 4]).toBe(ma[c * 8 + g * 4]); // same level
    for (let i = 0; i < W; i++) {
      const n = b.state.counts[cs * W + i]!;
      if (n) out[cs * W + mb[c * 8 + g * 4 + 1]! + i - ma[c * 8 + g * 4 + 1]!] = n;
    }
  }
  return out;
}
