import { run, StreamingStats, statsReference } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

describe('streaming statistics (bounded memory)', () => {
  it('the same numbers for 1, 2 and 3 threads, and the same means as the exact statistics', async () => {
    const spec = w1(150, 30, 120); // 150 runs: three blocks of 64, 64, 22
    const one = await run(spec, { statistics: 'streaming', threads: 1 });
    const two = await run(spec, { statistics: 'streaming', threads: 2 });
    const three = await run(spec, { statistics: 'streaming', threads: 3, engine: 'reference' });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(JSON.stringify(three.toJSON().metrics)).toBe(JSON.stringify(one.toJSON().metrics));
    const exact = await run(spec);
    for (const m of exact.metrics) expect(Array.from(one.metric(m).mean)).toEqual(Array.from(exact.metric(m).mean));
  });

  it('P² percentiles are close to the exact ones; exact for at most five runs', async () => {
    const spec = w1(400, 30, 200);
    const [approx, exact] = await Promise.all([run(spec, { statistics: 'streaming' }), run(spec)]);
    for (const stat of ['p5', 'p50', 'p95'] as const) {
      const a = approx.metric('price')[stat][200]!;
      const e = exact.metric('price')[stat][200]!;
      expect(Math.abs(a / e - 1), `${stat}: ${a} vs ${e}`).toBeLessThan(0.05);
    }
    const few = w1(5, 10, 50);
    expect(JSON.stringify((await run(few, { statistics: 'streaming' })).toJSON().metrics)).toBe(JSON.stringify((await run(few)).toJSON().metrics));
  });

  it('P² against a known distribution: uniform values 0..9999 in shuffled order', () => {
    const n = 10_000;
    const order = Array.from({ length: n }, (_, i) => (i * 7919) % n); // a permutation (7919 is prime)
    const s = new StreamingStats(1);
    s.add(Float64Array.from(order), n);
    const out = s.result();
    const exact = statsReference(Float64Array.from(order), 1, n);
    expect(out[0]).toBe(exact[0]); // mean
    for (let k = 1; k <= 3; k++) expect(Math.abs(out[k]! - exact[k]!)).toBeLessThan(0.01 * n); // within 1% of the range
  });

  it('an unknown statistics mode is a coded error', async () => {
    await expect(run(w1(2, 5, 5), { statistics: 'approx' as 'exact' })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'statistics' });
  });
});
