import { run, setPath, sweep, sweepPoints } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

describe('parameter sweeps', () => {
  it('grid: cartesian product, each point labelled and equal to a plain run of its spec', async () => {
    const spec = w1(3, 20, 60);
    const s = await sweep(spec, { grid: { 'params.growth': [0, 0.01], 'assets.W.accounts.liquid.initial': [4e7, 5e7] } }, { threads: 2 });
    expect(s.points.map((p) => p.params)).toEqual([
      { 'params.growth': 0, 'assets.W.accounts.liquid.initial': 4e7 },
      { 'params.growth': 0, 'assets.W.accounts.liquid.initial': 5e7 },
      { 'params.growth': 0.01, 'assets.W.accounts.liquid.initial': 4e7 },
      { 'params.growth': 0.01, 'assets.W.accounts.liquid.initial': 5e7 },
    ]);
    const p2 = s.points[2]!;
    const direct = await run(setPath(setPath(spec, 'params.growth', 0.01), 'assets.W.accounts.liquid.initial', 4e7));
    expect(JSON.stringify(p2.result)).toBe(JSON.stringify(direct));
    expect(p2.result.metric('circulatingSupply').p50[0]).toBe(4e7);
    const one = await sweep(spec, { grid: { 'params.growth': [0, 0.01], 'assets.W.accounts.liquid.initial': [4e7, 5e7] } }, { threads: 1 });
    expect(JSON.stringify(one.toJSON())).toBe(JSON.stringify(s.toJSON()));
    const csv = s.toCSV().trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(/^index,params\.growth,assets\.W\.accounts\.liquid\.initial,/);
  });

  it('zip pairs values; random and lhs sample inside the ranges, lhs one point per stratum', () => {
    expect(sweepPoints({ zip: { a: [1, 2], b: [3, 4] } })).toEqual([
      { a: 1, b: 3 },
      { a: 2, b: 4 },
    ]);
    const lhs = sweepPoints({ lhs: { x: [0, 10], y: [-1, 1] }, samples: 50, seed: 3 });
    const strata = lhs.map((p) => Math.floor(((p.x as number) / 10) * 50)).sort((a, b) => a - b);
    expect(strata).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const rnd = sweepPoints({ random: { x: [2, 3] }, samples: 100, seed: 1 });
    expect(rnd.every((p) => (p.x as number) >= 2 && (p.x as number) <= 3)).toBe(true);
    expect(sweepPoints({ random: { x: [2, 3] }, samples: 100, seed: 1 })).toEqual(rnd);
  });

  it('bad plans are FlywheelErrors with paths', async () => {
    expect(() => sweepPoints({})).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'sweep' }));
    expect(() => sweepPoints({ zip: { a: [1], b: [1, 2] } })).toThrow(expect.objectContaining({ path: 'sweep.zip.b' }));
    expect(() => sweepPoints({ lhs: { a: [1, 0] }, samples: 3 })).toThrow(expect.objectContaining({ path: 'sweep.lhs.a' }));
    await expect(sweep(w1(1, 5, 5), { grid: { 'nope.x': [1] } })).rejects.toMatchObject({ code: 'SPEC_UNKNOWN_PATH' });
    await expect(sweep(w1(1, 5, 5), { grid: { 'monteCarlo.runs': [0] } })).rejects.toMatchObject({ code: 'SPEC_OUT_OF_RANGE', path: 'monteCarlo.runs' });
  });
});
