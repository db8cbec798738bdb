import { compile, EXACT_AUTO_BYTES, resolveStatistics, run, sketchBound, StreamingStats, statsReference, sweep, validateSpec } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { helium } from '@flywheel/models';
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

  it('sketch percentiles are within the stated bound of the exact ones; exact for at most eight runs', async () => {
    const spec = w1(400, 30, 200);
    const [approx, exact] = await Promise.all([run(spec, { statistics: 'streaming' }), run(spec)]);
    expect(approx.percentileBound).toBeGreaterThan(0);
    expect(approx.percentileBound).toBeLessThanOrEqual(0.031);
    expect(exact.percentileBound).toBe(0);
    for (const m of ['price', 'totalSupply', 'activeProviders'] as const) {
      for (const stat of ['p5', 'p50', 'p95'] as const) {
        approx.metric(m)[stat].forEach((a, t) => {
          const e = exact.metric(m)[stat][t]!;
          if (Math.abs(a - e) > approx.percentileBound * Math.abs(e)) throw new Error(`${m} ${stat} step ${t}: ${a} vs exact ${e}`);
        });
      }
    }
    const few = w1(8, 10, 50);
    const fewStream = await run(few, { statistics: 'streaming' });
    expect(JSON.stringify(fewStream.toJSON().metrics)).toBe(JSON.stringify((await run(few)).toJSON().metrics));
    expect(fewStream.percentileBound).toBe(0);
  });

  it('on heavy tails (Helium, 1,000 runs, 10 years of a GBM price): every percentile of every step within the bound', async () => {
    const spec = helium({ years: 10, runs: 1000, agents: 20 });
    const metrics = ['price', 'circulatingSupply', 'burned'];
    const [approx, exact] = await Promise.all([run(spec, { statistics: 'streaming', metrics }), run(spec, { statistics: 'exact', metrics })]);
    const final = exact.metric('price');
    expect(final.p95.at(-1)! / final.p5.at(-1)!).toBeGreaterThan(100); // the tail is heavy: p95/p5 of the final price
    let worst = 0;
    for (const m of metrics) {
      for (const stat of ['p5', 'p50', 'p95'] as const) {
        approx.metric(m)[stat].forEach((a, t) => {
          const e = exact.metric(m)[stat][t]!;
          worst = Math.max(worst, e === 0 ? Math.abs(a) : Math.abs(a / e - 1));
        });
      }
    }
    expect(worst).toBeLessThanOrEqual(approx.percentileBound);
    // the prices of 1,000 runs span more than 2^16 at some steps (level 2), less than 2^32
    expect(approx.percentileBound).toBe(sketchBound(2));
    expect(worst).toBeGreaterThan(sketchBound(1)); // the bound is not loose: some percentile comes close to it
    expect(approx.toJSON().percentileBound).toBe(approx.percentileBound);
  });

  it('the sketch against a known distribution: uniform values 0..9999 in shuffled order', () => {
    const n = 10_000;
    const order = Array.from({ length: n }, (_, i) => (i * 7919) % n); // a permutation (7919 is prime)
    const s = new StreamingStats(1);
    s.add(Float64Array.from(order), n);
    const out = s.result();
    const exact = statsReference(Float64Array.from(order), 1, n);
    expect(out[0]).toBe(exact[0]); // mean
    for (let k = 1; k <= 3; k++) expect(Math.abs(out[k]! / exact[k]! - 1)).toBeLessThanOrEqual(s.bound());
  });

  it('an unknown statistics mode is a coded error', async () => {
    await expect(run(w1(2, 5, 5), { statistics: 'approx' as 'exact' })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'statistics' });
  });
});

describe('choosing the statistics; keeping every run', () => {
  it("'auto' is exact while the per-run values fit in 256 MiB, streaming beyond", () => {
    // W1 stores 14 metrics: 14 × 3,651 steps × 8 bytes = 408,912 bytes per run, so 656 runs fit
    const model = (runs: number) => compile(validateSpec(w1(runs, 10, 3650)));
    expect(model(1).metrics).toHaveLength(14);
    expect(Math.floor(EXACT_AUTO_BYTES / (14 * 3651 * 8))).toBe(656);
    expect(resolveStatistics(model(656), {})).toBe('exact');
    expect(resolveStatistics(model(657), {})).toBe('streaming');
    expect(resolveStatistics(model(657), { statistics: 'exact' })).toBe('exact');
    expect(resolveStatistics(model(657), { keepRuns: true })).toBe('exact');
    expect(resolveStatistics(model(2), { statistics: 'streaming' })).toBe('streaming');
    // fewer stored metrics move the limit: 2 metrics → 4,595 runs
    expect(resolveStatistics(compile(validateSpec(w1(4595, 10, 3650)), ['price', 'activeProviders']), {})).toBe('exact');
    expect(resolveStatistics(compile(validateSpec(w1(4596, 10, 3650)), ['price', 'activeProviders']), {})).toBe('streaming');
  });

  it('the result says which statistics it holds', async () => {
    const r = await run(w1(3, 5, 10));
    expect(r.statistics).toBe('exact');
    expect(r.toJSON().statistics).toBe('exact');
    expect((await run(w1(3, 5, 10), { statistics: 'streaming' })).toJSON().statistics).toBe('streaming');
  });

  it('keepRuns: every run’s path, the same for any thread count and engine, consistent with the bands', async () => {
    const spec = w1(7, 20, 60);
    const one = await run(spec, { keepRuns: true, threads: 1 });
    const two = await run(spec, { keepRuns: true, threads: 2 });
    const ref = await run(spec, { keepRuns: true, engine: 'reference' });
    expect(one.hasRuns).toBe(true);
    const paths = one.paths('price');
    expect(paths).toHaveLength(7);
    expect(paths[0]).toHaveLength(61);
    expect(two.paths('price')).toEqual(paths);
    expect(ref.paths('price')).toEqual(paths);
    for (const t of [0, 30, 60]) {
      const at = paths.map((p) => p[t]!);
      expect(one.metric('price').mean[t]).toBe(at.reduce((s, x) => s + x, 0) / 7); // summed in run order
      expect(one.metric('price').p50[t]).toBe([...at].sort((a, b) => a - b)[3]); // 7 runs: the 4th smallest
    }
    // runs differ from each other (a seeded stream per run)
    expect(new Set(paths.map((p) => p[60])).size).toBe(7);
    // keeping the runs does not change the statistics
    expect(JSON.stringify(one)).toBe(JSON.stringify(await run(spec, { threads: 1 })));
  });

  it('paths are only kept when asked for; contradictory options are coded errors', async () => {
    const r = await run(w1(2, 5, 10));
    expect(r.hasRuns).toBe(false);
    expect(() => r.paths('price')).toThrow(expect.objectContaining({ code: 'RESULT_NO_RUNS', path: 'price' }));
    expect(() => r.paths('nope' as 'price')).toThrow(expect.objectContaining({ code: 'RESULT_UNKNOWN_METRIC' }));
    await expect(run(w1(2, 5, 5), { keepRuns: true, statistics: 'streaming' })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'keepRuns' });
    await expect(run(w1(2, 5, 5), { keepRuns: 'yes' as unknown as boolean })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'keepRuns' });
  });

  it('a streaming sweep gives the same numbers on 1 and 2 threads', async () => {
    const plan = { grid: { 'params.growth': [0, 0.01] } };
    const a = await sweep(w1(70, 10, 40), plan, { statistics: 'streaming', threads: 1 });
    const b = await sweep(w1(70, 10, 40), plan, { statistics: 'streaming', threads: 2 });
    expect(JSON.stringify(b.points.map((p) => p.result))).toBe(JSON.stringify(a.points.map((p) => p.result)));
    expect(b.points[0]!.result.statistics).toBe('streaming');
  });
});

describe('memory limits fail before the run, with a coded error', () => {
  it('10^7 daily steps: exact → RUN_TOO_LARGE at time.steps (one run does not fit); streaming → RUN_TOO_LARGE (sketches would take 550 GiB)', () => {
    const spec = w1(2, 5, 10);
    const huge = { ...spec, time: { ...spec.time, steps: 10_000_000 } };
    const model = compile(validateSpec(huge));
    expect(() => resolveStatistics(model, {})).toThrow(expect.objectContaining({ code: 'RUN_TOO_LARGE', path: 'time.steps' }));
    expect(() => resolveStatistics(model, { statistics: 'streaming' })).toThrow(expect.objectContaining({ code: 'RUN_TOO_LARGE', path: 'time.steps' }));
    // one metric fits
    expect(resolveStatistics(compile(validateSpec(huge), ['price']), {})).toBe('exact');
  });

  it("'auto' stays exact when the sketch would take more memory than the per-run values", () => {
    // 300 runs × 8 B < 4.2 kB per cell, even above the 256 MiB budget (336 MB of per-run values)
    const spec = w1(300, 5, 10);
    const model = compile(validateSpec({ ...spec, time: { ...spec.time, steps: 10_000 } }));
    expect(model.metrics.length * 10_001 * 300 * 8).toBeGreaterThan(EXACT_AUTO_BYTES);
    expect(resolveStatistics(model, {})).toBe('exact');
  });

  it('a model of 10^6 steps compiles (its per-step tables overflowed the call stack: a raw RangeError)', () => {
    const spec = helium({ years: 1, runs: 1, agents: 5 });
    const model = compile(validateSpec({ ...spec, time: { ...spec.time, steps: 1_000_000 } }), ['totalSupply']);
    expect(model.steps).toBe(1_000_000);
  });
});

describe('work that would take hours', () => {
  it('is refused with an estimate unless allowLong (W1 with 10^6 agents × 10^4 runs × 3,650 steps)', async () => {
    const spec = w1(10_000, 1_000_000, 3650);
    const e = await run(spec).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ code: 'RUN_TOO_LARGE', path: 'monteCarlo.runs' });
    expect((e as Error).message).toMatch(/hours on one core/);
    expect((e as { hint: string }).hint).toMatch(/allowLong: true/);
  });
});
