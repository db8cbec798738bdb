import { helium } from '@flywheel/models';
import { run, Rng, setPath } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

describe('determinism', () => {
  it('same spec and seed twice → identical JSON; another seed → different stochastic series', async () => {
    const spec = helium({ years: 1, runs: 5, agents: 100 });
    const a = JSON.stringify(await run(spec));
    const b = JSON.stringify(await run(spec));
    expect(a).toBe(b);
    const c = await run(setPath(spec, 'monteCarlo.seed', 43));
    const pa = JSON.parse(a).metrics.price.p50 as number[];
    expect(c.metric('price').p50[0]).toBe(pa[0]); // initial state is not random
    expect(Array.from(c.metric('price').p50)).not.toEqual(pa);
  });

  it('run r depends only on (seed, r): the first runs of a larger Monte Carlo are the same runs', async () => {
    // with one run, p50 is the run itself; with 3 runs the bands give back all three order statistics:
    // p5 = x0 + 0.1(x1 − x0), p50 = x1, p95 = x1 + 0.9(x2 − x1)
    const one = await run(w1(1, 50, 100));
    const many = await run(setPath(w1(1, 50, 100), 'monteCarlo.runs', 3));
    const priceOne = one.metric('price').p50[100]!;
    const b = many.metric('price');
    const x1 = b.p50[100]!;
    const x0 = (b.p5[100]! - 0.1 * x1) / 0.9;
    const x2 = (b.p95[100]! - 0.1 * x1) / 0.9;
    const closest = Math.min(...[x0, x1, x2].map((x) => Math.abs(x / priceOne - 1)));
    expect(closest).toBeLessThan(1e-12);
    // and the PRNG stream of run 0 is independent of how many runs there are
    const r0 = new Rng(7, 0);
    const again = new Rng(7, 0);
    for (let i = 0; i < 100; i++) expect(r0.nextU32()).toBe(again.nextU32());
    expect(new Rng(7, 1).nextU32()).not.toBe(new Rng(7, 0).nextU32());
  });

  it('the PRNG gives uniform (0,1) values and standard normals', () => {
    const rng = new Rng(123, 4);
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      const z = rng.normal();
      sum += z;
      sq += z * z;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n)).toBeLessThan(0.01); // se 0.0022
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02); // se 0.0032
  });

  it('no NaN or Infinity in any output of the Helium model, even under stress', async () => {
    // v2 paths: the initial demand is a parameter; price and hotspots are blocks, found by id
    const block = (id: string) => `blocks.${helium().blocks.findIndex((b) => b.id === id)}`;
    expect(block('price')).not.toBe('blocks.-1');
    expect(block('hotspots')).not.toBe('blocks.-1');
    for (const edit of [{}, { 'params.dcUsd0': 1e12 }, { [`${block('price')}.model.volatility.rate`]: 5 }, { [`${block('hotspots')}.cost.median`]: 1e6 }]) {
      let spec = helium({ years: 2, runs: 4, agents: 100 });
      for (const [p, v] of Object.entries(edit)) spec = setPath(spec, p, v);
      const json = (await run(spec)).toJSON();
      for (const [name, m] of Object.entries(json.metrics)) {
        for (const series of Object.values(m)) {
          expect(series.every(Number.isFinite), `${name} ${JSON.stringify(edit)}`).toBe(true);
        }
      }
      expect(Math.max(...json.metrics.totalSupply!.p95)).toBeLessThanOrEqual(223_000_000);
    }
  });
});
