import { SKETCH_BUCKETS, StreamingStats, statsReference } from '@flywheel/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The sketch's fold has a fast path (a value inside its side's current key range goes straight to
// its bucket) and a slow one (first value, a new extreme that moves the window, a collapse). These
// properties hold it to an independent oracle: the buckets after any sequence of blocks equal the
// histogram of every value's level-0 key shifted by the final level, and how the runs were cut
// into blocks changes no bit of the state.

/** The level-0 key of |x| as the sketch defines it: the biased exponent and top six mantissa bits. */
function key0(x: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return (v.getUint32(0) & 0x7fffffff) >>> 14;
}

/** Values of one cell: mixed signs, zeros, tiny and huge magnitudes (heavy tails). */
const cellValues = fc.array(
  fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    fc.constantFrom(0, -0, 1, 1e300, -1e-300, 5e-324),
    fc.integer({ min: -60, max: 60 }).map((e) => 1.5 * 2 ** e),
  ),
  { minLength: 1, maxLength: 300 },
);

/** Folds per-cell values (all cells the same number of runs) in the blocks `cuts` gives. */
function foldInBlocks(cells: Float64Array[], cuts: number[]): StreamingStats {
  const runs = cells[0]!.length;
  const s = new StreamingStats(cells.length);
  let r0 = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < runs).sort((a, b) => a - b), runs]) {
    if (cut <= r0) continue;
    const n = cut - r0;
    const block = new Float64Array(cells.length * n);
    cells.forEach((v, c) => block.set(v.subarray(r0, cut), c * n));
    s.add(block, n);
    r0 = cut;
  }
  return s;
}

describe('the sketch fold', () => {
  it('buckets equal the histogram of the keys at the final level, for any cut into blocks; the cut changes no bit', () => {
    fc.assert(
      fc.property(fc.array(cellValues, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(300), { maxLength: 12 }), (raw, cuts) => {
        const runs = Math.min(...raw.map((v) => v.length));
        const cells = raw.map((v) => Float64Array.from(v.slice(0, runs)));
        const s = foldInBlocks(cells, cuts);
        const whole = foldInBlocks(cells, []);
        for (const k of Object.keys(s.state) as (keyof typeof s.state)[]) expect(Array.from(s.state[k])).toEqual(Array.from(whole.state[k]));
        expect(Array.from(s.result())).toEqual(Array.from(whole.result()));
        cells.forEach((values, c) => {
          let zeros = 0;
          for (let sign = 0; sign < 2; sign++) {
            const [level, base] = [s.state.meta[c * 8 + sign * 4]!, s.state.meta[c * 8 + sign * 4 + 1]!];
            const want = new Map<number, number>();
            for (const x of values) {
              const k = key0(x);
              if (k < 64) continue;
              if ((x < 0 ? 1 : 0) !== sign) continue;
              want.set(k >> level, (want.get(k >> level) ?? 0) + 1);
            }
            const got = new Map<number, number>();
            const counts = s.state.counts.subarray((c * 2 + sign) * SKETCH_BUCKETS, (c * 2 + sign + 1) * SKETCH_BUCKETS);
            counts.forEach((n, i) => n && got.set(base + i, n));
            expect(got).toEqual(want);
          }
          for (const x of values) if (key0(x) < 64) zeros++;
          expect(s.state.zeros[c]).toBe(zeros);
        });
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('percentiles of same-sign heavy-tailed values are within the bound of the exact ones, whatever the blocks', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 9, maxLength: 400 }), fc.array(fc.nat(400), { maxLength: 8 }), (logs, cuts) => {
        const values = Float64Array.from(logs, (l) => Math.exp(l)); // lognormal-like: 17 decades
        const s = foldInBlocks([values], cuts);
        const out = s.result();
        const exact = statsReference(Float64Array.from(values), 1, values.length);
        for (let k = 1; k <= 3; k++) expect(Math.abs(out[k]! / exact[k]! - 1)).toBeLessThanOrEqual(s.bound() * (1 + 1e-12));
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
