import fc from 'fast-check';
import { init } from '@flywheel/core-wasm';
import { compile, statsReference, StreamingStats, validateSpec, WasmSession } from '@flywheel/sdk';
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
      const rows = [
        Float64Array.from({ length: runs }, (_, i) => i),
        Float64Array.from({ length: runs }, (_, i) => runs - i),
        new Float64Array(runs).fill(3.25),
      ];
      for (const row of rows) {
        const values = new Float64Array(2 * runs);
        values.set(row);
        values.set(row.map((x) => -x), runs);
        const session = new WasmSession(ex, model(runs), runs);
        session.values().set(values);
        expect(Array.from(session.stats())).toEqual(Array.from(statsReference(values, 2, runs)));
      }
    }
  });
});

describe('wasm P² fold = TypeScript P² fold (StreamingStats)', () => {
  it('for arbitrary values folded in arbitrary blocks', async () => {
    const { wasmFolder } = await import('../src/engine/wasm.js');
    const ex = await init();
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e9, max: 1e9, noNaN: true }));
    await fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }), fc.array(value, { minLength: 64, maxLength: 64 }), (cells, blocks, pool) => {
        const ts = new StreamingStats(cells);
        const wasm = new StreamingStats(cells, undefined, wasmFolder(ex));
        let i = 0;
        for (const runs of blocks) {
          const stride = runs + 3; // rows with slack, as in the engine's blocks
          const values = Float64Array.from({ length: cells * stride }, () => pool[i++ % pool.length]! * (1 + (i % 7)));
          ts.add(values, runs, stride);
          wasm.add(values, runs, stride);
        }
        expect(Array.from(wasm.result())).toEqual(Array.from(ts.result()));
        for (const k of ['sum', 'q', 'n', 'd'] as const) expect(Array.from(wasm.state[k])).toEqual(Array.from(ts.state[k]));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
