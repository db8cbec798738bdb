import { run } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

// The wasm engine records up to eight runs one after the other and then places them into the
// [cell][run] buffer (transposeRuns); the reference engine writes each value in place. Every
// stored value of every run must be the same, for full and partial tiles and any thread split.
describe('runs recorded in tiles', () => {
  it('21 runs (two tiles of 8 and one of 5): every path of every metric equals the reference engine, on 1 and 3 threads', async () => {
    const spec = w1(21, 15, 40);
    const ref = await run(spec, { keepRuns: true, engine: 'reference' });
    for (const threads of [1, 3]) {
      const wasm = await run(spec, { keepRuns: true, threads });
      expect(wasm.metrics).toEqual(ref.metrics);
      for (const m of ref.metrics) {
        const got = wasm.paths(m);
        expect(got).toHaveLength(21);
        got.forEach((path, r) => expect(Array.from(path), `${m} run ${r} (${threads} threads)`).toEqual(Array.from(ref.paths(m)[r]!)));
      }
      expect(JSON.stringify(wasm.toJSON().metrics)).toBe(JSON.stringify(ref.toJSON().metrics));
    }
  });
});
