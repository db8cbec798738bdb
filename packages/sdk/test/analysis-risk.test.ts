import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { eventRuns, parseEvent, rareEvent, rareEventOf, risk } from '../src/analysis/risk.js';
import { normalCdf, normalQuantile, wilson } from '../src/analysis/stats.js';

describe('statistics helpers', () => {
  it('normal quantile and CDF agree with tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902, 6);
    expect(normalCdf(-4)).toBeCloseTo(3.167124183e-5, 11);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 8);
  });

  it('Wilson intervals: the textbook values (Newcombe 1998, 0/10 and 15/148)', () => {
    const [lo, hi] = wilson(0, 10);
    expect(lo).toBeCloseTo(0, 12);
    expect(hi).toBeCloseTo(0.2775, 4);
    const [a, b] = wilson(15, 148);
    expect(a).toBeCloseTo(0.0624, 4);
    expect(b).toBeCloseTo(0.1605, 4);
  });
});

describe('events', () => {
  it('parses metric op threshold @ when', () => {
    expect(parseEvent('price<0.5@end')).toMatchObject({ metric: 'price', op: '<', threshold: 0.5, when: 'end' });
    expect(parseEvent('activeProviders <= 1e5 @ any')).toMatchObject({ op: '<=', threshold: 1e5, when: 'any' });
    expect(parseEvent('LPT.treasury==0@all')).toMatchObject({ metric: 'LPT.treasury', op: '==', when: 'all' });
    expect(parseEvent('price>10@2026-10-01')).toMatchObject({ when: '2026-10-01' });
    expect(() => parseEvent('price<<1@end')).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION' }));
    expect(() => parseEvent('price<1')).toThrow(/when/);
  });

  it('probabilities over runs equal a count over the kept paths, with Wilson intervals', async () => {
    const spec = helium({ years: 1, runs: 40, agents: 100 });
    const r = await risk(spec, { events: ['price<8@end', 'price<6@any', 'price>0@all', 'price>1000@end'] }, { threads: 1 });
    const paths = (await run(spec, { keepRuns: true, metrics: ['price'], threads: 1 })).paths('price');
    const end = paths.filter((p) => p[p.length - 1]! < 8).length;
    const any = paths.filter((p) => p.slice(1).some((v) => v < 6)).length;
    expect(r.runs).toBe(40);
    expect(r.events[0]!.hits).toBe(end);
    expect(r.events[1]!.hits).toBe(any);
    expect(r.events[2]!.probability).toBe(1);
    expect(r.events[3]!.hits).toBe(0);
    expect(r.events[3]!.interval[1]).toBeCloseTo(wilson(0, 40)[1], 12);
    expect(r.events[0]!.interval).toEqual(wilson(end, 40));
    if (any > 0) expect(r.events[1]!.medianFirstStep).toBeGreaterThan(0);
    await expect(risk(spec, { events: ['nothing<1@end'] })).rejects.toMatchObject({ code: 'RESULT_UNKNOWN_METRIC' });
  });

  it('eventRuns scores the margin: positive exactly where the event holds', async () => {
    const result = await run(helium({ years: 1, runs: 10, agents: 100 }), { keepRuns: true, metrics: ['price'], threads: 1 });
    const { hit, score } = eventRuns(result, parseEvent('price<8.5@end'));
    hit.forEach((h, i) => expect(h === 1).toBe(score[i]! > 0));
  });
});

describe('rare events: cross-entropy importance sampling over parameter uncertainty', () => {
  it('estimates P(X > 4), X ~ N(0, 1) = 3.17e-5 within 15%, with a large measured variance reduction', async () => {
    const exact = 1 - normalCdf(4);
    const r = await rareEventOf((xs) => xs.map(([x]) => ({ p: x! > 4 ? 1 : 0, score: x! - 4 })), { params: { x: { normal: [0, 1] } }, samples: 2000, levelSamples: 500, seed: 1 });
    expect(Math.abs(r.importance.probability - exact) / exact).toBeLessThan(0.15);
    expect(r.importance.interval[0]).toBeLessThan(exact);
    expect(r.importance.interval[1]).toBeGreaterThan(exact);
    expect(r.proposal.x!.mean).toBeGreaterThan(3.5);
    // plain Monte Carlo with as many evaluations mostly sees nothing; the IS variance is ~1000× smaller
    expect(r.plain!.evaluations).toBe(r.importance.evaluations);
    expect(r.varianceReduction).toBeGreaterThan(100);
  });

  it('handles a two-parameter event on uniform priors (x + y > 1.96, x, y ~ U(0, 1): p = 0.04²/2 = 8e-4)', async () => {
    const r = await rareEventOf((xs) => xs.map(([x, y]) => ({ p: x! + y! > 1.96 ? 1 : 0, score: x! + y! - 1.96 })), {
      params: { x: { uniform: [0, 1] }, y: { uniform: [0, 1] } },
      samples: 4000,
      levelSamples: 500,
      seed: 2,
    });
    expect(Math.abs(r.importance.probability - 8e-4) / 8e-4).toBeLessThan(0.2);
    expect(r.varianceReduction).toBeGreaterThan(5);
    if (r.varianceReductionMeasured !== undefined) expect(r.varianceReductionMeasured).toBeGreaterThan(1);
  });

  it('runs on the engine: an event of Helium under an uncertain demand growth, deterministic for a seed', async () => {
    const spec = helium({ years: 1, runs: 8, agents: 50 });
    const o = { params: { 'params.growth': { normal: [0.4, 0.3] } as const }, samples: 24, levelSamples: 24, maxLevels: 2, seed: 3 };
    const a = await rareEvent(spec, 'price<5@end', o, { threads: 1 });
    expect(a.importance.probability).toBeGreaterThanOrEqual(0);
    expect(a.importance.probability).toBeLessThanOrEqual(1);
    expect(a.plain!.evaluations).toBe(a.importance.evaluations);
    const b = await rareEvent(spec, 'price<5@end', o, { threads: 1 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    await expect(rareEvent(spec, 'price<5@end', { params: { 'params.growth': { normal: [0.4, -1] } } })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'params.params.growth' });
  });
});
