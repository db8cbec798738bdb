// The analysis charts' structure: one bar per parameter and series, whisker ends at the intervals'
// pixels, rows in order, axes that hold every point, nothing drawn for values that are not
// numbers (and a note that says so), no NaN in any attribute, labels escaped and cut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalibrationResult, RiskResult, SensitivityResult } from '../src/index.js';
import {
  calibrationChart,
  calibrationResiduals,
  fitChart,
  intervalBarChart,
  morrisChart,
  niceDomain,
  probabilityChart,
  rareEventChart,
  riskChart,
  scatterChart,
  sobolChart,
  svgToString,
  wrapText,
  type SvgNode,
} from '../src/report.js';

/** Every node of a tree, depth first. */
const nodes = (n: SvgNode): SvgNode[] => [n, ...(n.children ?? []).flatMap(nodes)];
const byClass = (n: SvgNode, cls: string) =>
  nodes(n).filter((x) =>
    String(x.attrs.class ?? '')
      .split(' ')
      .includes(cls),
  );
const texts = (n: SvgNode) => nodes(n).flatMap((x) => (x.text !== undefined ? [x.text] : []));
const nums = (s: string | number | undefined) => String(s).split(' ').map(Number);

/** No attribute of any node is NaN, Infinity or empty, and the markup holds neither. */
function expectClean(chart: SvgNode): void {
  for (const n of nodes(chart)) {
    for (const [k, v] of Object.entries(n.attrs)) {
      expect(String(v), `${n.tag}.${k}`).not.toMatch(/NaN|Infinity|undefined|null/);
      if (['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'width', 'height', 'r'].includes(k)) expect(Number.isFinite(Number(v)), `${n.tag}.${k}=${v}`).toBe(true);
    }
    if (n.tag === 'path') expect(String(n.attrs.d)).toMatch(/^M[\d.,LZh-]+$/);
  }
  expect(svgToString(chart)).not.toMatch(/NaN|Infinity/);
}

/** The pixel x of value v on a chart's linear or log value axis, from its data attributes. */
function pixelX(chart: SvgNode, v: number): number {
  const [lo, hi] = nums(chart.attrs['data-domain']) as [number, number];
  const [x0, x1] = nums(chart.attrs['data-plot']) as [number, number];
  const t = chart.attrs['data-scale'] === 'log' ? Math.log10(v / lo) / Math.log10(hi / lo) : (v - lo) / (hi - lo);
  return x0 + (x1 - x0) * t;
}

function sobolResult(rows: { param: string; S1: number; ST: number; lo?: number; hi?: number }[]): SensitivityResult {
  return {
    method: 'sobol',
    output: 'finalPriceP50',
    params: rows.map((r) => r.param),
    evaluations: 64 * (rows.length + 2),
    mean: 1,
    variance: 1,
    confidence: 0.95,
    warnings: [],
    sobol: rows.map((r) => ({
      param: r.param,
      S1: r.S1,
      S1Conf: 0.1,
      S1Interval: [r.S1 - (r.lo ?? 0.1), r.S1 + (r.hi ?? 0.1)],
      ST: r.ST,
      STConf: 0.1,
      STInterval: [r.ST - (r.lo ?? 0.05), r.ST + (r.hi ?? 0.15)],
    })),
  };
}

describe('Sobol interval bars', () => {
  const r = sobolResult([
    { param: 'params.sigma', S1: 0.03, ST: 0.16 },
    { param: 'params.growth', S1: 0.71, ST: 0.72 },
    { param: 'params.dcUsd0', S1: -0.05, ST: 0.3, lo: 0.2 },
    { param: 'params.elasticity', S1: 0.22, ST: 0.35 },
  ]);
  const chart = sobolChart(r);

  it('draws one S1 and one ST bar per parameter, rows sorted by ST, largest first', () => {
    const bars = byClass(chart, 'bar');
    expect(bars).toHaveLength(8);
    expect(chart.attrs['data-bars']).toBe(8);
    expect(chart.attrs['data-rows']).toBe(4);
    const st = bars.filter((b) => String(b.attrs['data-series']).startsWith('ST'));
    expect(st.map((b) => b.attrs['data-row'])).toEqual(['params.growth', 'params.elasticity', 'params.dcUsd0', 'params.sigma']);
    // drawn top to bottom in that order
    const ys = st.map((b) => Number(b.attrs.y));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(texts(chart)).toEqual(expect.arrayContaining(['params.growth', 'S1 (first order)', 'ST (total)']));
    expectClean(chart);
  });

  it("puts each whisker's ends at its interval's pixels, each bar from zero to its value", () => {
    const whiskers = byClass(chart, 'whisker');
    expect(whiskers).toHaveLength(8);
    for (const s of r.sobol!) {
      for (const [series, iv, v] of [
        ['S1', s.S1Interval, s.S1],
        ['ST', s.STInterval, s.ST],
      ] as const) {
        const w = whiskers.find((x) => x.attrs['data-row'] === s.param && String(x.attrs['data-series']).startsWith(series))!;
        expect(Number(w.attrs.x1)).toBeCloseTo(pixelX(chart, iv[0]), 0);
        expect(Number(w.attrs.x2)).toBeCloseTo(pixelX(chart, iv[1]), 0);
        expect([w.attrs['data-lo'], w.attrs['data-hi']]).toEqual([iv[0], iv[1]]);
        const bar = byClass(chart, 'bar').find((x) => x.attrs['data-row'] === s.param && String(x.attrs['data-series']).startsWith(series))!;
        const [x, width] = [Number(bar.attrs.x), Number(bar.attrs.width)];
        const [a, b] = [pixelX(chart, Math.min(0, v)), pixelX(chart, Math.max(0, v))];
        expect(x).toBeCloseTo(a, 0); // a negative S1 extends left of zero
        expect(x + width).toBeCloseTo(b, 0);
      }
    }
  });

  it('its axis covers [0, 1] and every value and interval end', () => {
    const [lo, hi] = nums(chart.attrs['data-domain']) as [number, number];
    expect(lo).toBeLessThanOrEqual(-0.25); // dcUsd0's S1 interval starts at -0.25
    expect(hi).toBeGreaterThanOrEqual(1);
    const wide = sobolChart(sobolResult([{ param: 'a', S1: 1.4, ST: 1.9, hi: 0.6 }]));
    expect(nums(wide.attrs['data-domain'])[1]).toBeGreaterThanOrEqual(2.5);
  });

  it('draws nothing for NaN or null, says so, and draws no whisker without an interval (bootstrap 0)', () => {
    const x = sobolResult([
      { param: 'a', S1: 0.5, ST: 0.6 },
      { param: 'b', S1: Number.NaN, ST: 0.2 },
    ]);
    for (const s of x.sobol!) {
      s.S1Interval = [Number.NaN, Number.NaN];
      s.STInterval = [Number.NaN, Number.NaN];
    }
    const c = sobolChart(x);
    expect(byClass(c, 'bar')).toHaveLength(3);
    expect(byClass(c, 'whisker')).toHaveLength(0);
    expect(c.attrs['data-skipped']).toBe(1);
    const notes = byClass(c, 'note')
      .map((n) => n.text)
      .join(' ');
    expect(notes).toContain('S1 (first order) of b');
    expect(notes).toMatch(/no interval/);
    expectClean(c);
    // the same through JSON (NaN becomes null)
    const j = sobolChart(JSON.parse(JSON.stringify(x)));
    expect(byClass(j, 'bar')).toHaveLength(3);
    expectClean(j);
  });

  it('an empty result and a one-parameter result', () => {
    const empty = sobolChart(sobolResult([]));
    expect(byClass(empty, 'bar')).toHaveLength(0);
    expect(byClass(empty, 'empty')).toHaveLength(1);
    expectClean(empty);
    const one = sobolChart(sobolResult([{ param: 'only', S1: 0, ST: 0 }]));
    expect(byClass(one, 'bar')).toHaveLength(2);
    expect(byClass(one, 'bar').map((b) => Number(b.attrs.width))).toEqual([0, 0]); // zero-width bars at 0 (a hairline stroke shows them)
    expectClean(one);
  });

  it('escapes and cuts long labels, with the whole label as a tooltip', () => {
    const evil = `<script>alert("x")</script>${'x'.repeat(60)}`;
    const c = sobolChart(sobolResult([{ param: evil, S1: 0.2, ST: 0.4 }]));
    const svg = svgToString(c);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)');
    const row = byClass(c, 'row-label')[0]!;
    expect([...row.text!].length).toBe(28);
    expect(row.text!.endsWith('…')).toBe(true);
    expect(nodes(c).find((n) => n.tag === 'title')?.text).toBe(evil);
    expect(byClass(c, 'bar').every((b) => b.attrs['data-row'] === evil)).toBe(true);
    // the left margin holds the cut label, not the whole one
    expect(nums(c.attrs['data-plot'])[0]).toBeLessThan(250);
  });

  it('refuses what is not a Sobol result, and inputs that are not lists', () => {
    expect(() => sobolChart({ ...sobolResult([]), method: 'morris' })).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'result' }));
    expect(() => intervalBarChart({ title: 't', series: [], rows: 'x' as never })).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'intervalBarChart.rows' }));
    expect(() => intervalBarChart(null as never)).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION' }));
  });
});

describe('Morris scatter', () => {
  const r: SensitivityResult = {
    method: 'morris',
    output: 'burnMintCrossoverYear',
    params: ['params.growth', 'params.dcUsd0', 'params.elasticity', 'params.sigma', 'blocks.5.cost.median'],
    evaluations: 60,
    mean: 6.8,
    variance: 2,
    confidence: 0.95,
    warnings: [],
    morris: [
      { param: 'params.growth', mu: -3, muStar: 3, muStarConf: 0.7, sigma: 1.22 },
      { param: 'params.dcUsd0', mu: -2.85, muStar: 2.85, muStarConf: 0.95, sigma: 1.65 },
      { param: 'params.elasticity', mu: 1.5, muStar: 1.5, muStarConf: 0.41, sigma: 0.71 },
      { param: 'params.sigma', mu: 0, muStar: 1.2, muStarConf: 0.88, sigma: 2 },
      { param: 'blocks.5.cost.median', mu: -0.15, muStar: 1.05, muStarConf: 0.7, sigma: 1.65 },
    ],
  };

  it('one labelled point per parameter at (μ*, σ), inside axes that hold every point and whisker', () => {
    const c = morrisChart(r);
    const pts = byClass(c, 'point');
    expect(pts).toHaveLength(5);
    expect(pts.map((p) => [p.attrs['data-label'], p.attrs['data-x'], p.attrs['data-y']])).toEqual(r.morris!.map((m) => [m.param, m.muStar, m.sigma]));
    expect(
      byClass(c, 'point-label')
        .map((t) => t.text)
        .sort(),
    ).toEqual([...r.params].sort());
    const [xlo, xhi] = nums(c.attrs['data-domain-x']) as [number, number];
    const [ylo, yhi] = nums(c.attrs['data-domain-y']) as [number, number];
    const [l, t, rr, b] = nums(c.attrs['data-plot']) as [number, number, number, number];
    for (const m of r.morris!) {
      expect(xlo).toBeLessThanOrEqual(Math.min(0, m.muStar - m.muStarConf));
      expect(xhi).toBeGreaterThanOrEqual(m.muStar + m.muStarConf);
      expect(ylo).toBeLessThanOrEqual(m.sigma);
      expect(yhi).toBeGreaterThanOrEqual(m.sigma);
    }
    for (const p of pts) {
      expect(Number(p.attrs.cx)).toBeGreaterThanOrEqual(l);
      expect(Number(p.attrs.cx)).toBeLessThanOrEqual(rr);
      expect(Number(p.attrs.cy)).toBeGreaterThanOrEqual(t);
      expect(Number(p.attrs.cy)).toBeLessThanOrEqual(b);
      const w = byClass(c, 'whisker').find((x) => x.attrs['data-label'] === p.attrs['data-label'])!;
      const m = r.morris!.find((x) => x.param === p.attrs['data-label'])!;
      expect(Number(w.attrs.x1)).toBeCloseTo(l + ((rr - l) * (m.muStar - m.muStarConf - xlo)) / (xhi - xlo), 0);
      expect(Number(w.attrs.x2)).toBeCloseTo(l + ((rr - l) * (m.muStar + m.muStarConf - xlo)) / (xhi - xlo), 0);
    }
    expect(byClass(c, 'reference')).toHaveLength(1); // σ = μ*
    expectClean(c);
  });

  it('μ* is never below 0, nor is its whisker: an interval reaching below 0 is cut there, and the axis starts at 0', () => {
    const c = morrisChart({ ...r, morris: [{ param: 'p', mu: 0.1, muStar: 0.5, muStarConf: 0.9, sigma: 0.4 }] });
    const w = byClass(c, 'whisker')[0]!;
    expect([w.attrs['data-lo'], w.attrs['data-hi']]).toEqual([0, 1.4]);
    expect(nums(c.attrs['data-domain-x'])[0]).toBe(0);
    expect(Number(w.attrs.x1)).toBe(nums(c.attrs['data-plot'])[0]);
  });

  it('labels of points at one place do not sit on each other; NaN points are left out and named', () => {
    const c = scatterChart({
      title: 't',
      xName: 'x',
      yName: 'y',
      points: [...['a', 'b', 'c', 'd'].map((label) => ({ label, x: 1, y: 1 })), { label: 'gone', x: Number.NaN, y: 1 }, { label: 'null', x: 1, y: null }],
    });
    expect(byClass(c, 'point')).toHaveLength(4);
    const ys = byClass(c, 'point-label').map((t) => Number(t.attrs.y));
    expect(new Set(ys).size).toBe(4);
    expect(c.attrs['data-skipped']).toBe(2);
    expect(
      byClass(c, 'note')
        .map((n) => n.text)
        .join(' '),
    ).toContain('gone, null');
    expectClean(c);
  });

  it('negative coordinates widen the axes below zero; empty input draws an empty chart', () => {
    const c = scatterChart({
      title: 't',
      xName: 'x',
      yName: 'y',
      points: [
        { label: 'p', x: -2, y: -0.5 },
        { label: 'q', x: 3, y: 4 },
      ],
    });
    expect(nums(c.attrs['data-domain-x'])[0]).toBeLessThanOrEqual(-2);
    expect(nums(c.attrs['data-domain-y'])[0]).toBeLessThanOrEqual(-0.5);
    expectClean(c);
    const e = scatterChart({ title: 't', xName: 'x', yName: 'y', points: [] });
    expect(byClass(e, 'point')).toHaveLength(0);
    expect(byClass(e, 'empty')).toHaveLength(1);
    expectClean(e);
    expect(() => morrisChart({ ...r, method: 'sobol' })).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION' }));
  });
});

describe('fit against observations', () => {
  const row = (step: number, observed: number, model: number) => ({ date: `d${step}`, step, observed, model, residual: (model - observed) / observed });
  const r = {
    metric: 'cumulativeMinted',
    stat: 'p50',
    loss: 'relative',
    params: { 'params.powerGrowth': 0.48 },
    initial: { 'params.powerGrowth': 0 },
    uncertainty: {},
    correlation: [[1]],
    sse: 0,
    fit: [row(31, 3.9e6, 3.95e6), row(61, 7.7e6, 7.77e6), row(92, 11.7e6, 11.6e6)],
    fitError: { rmse: 0, mape: 0 },
    backtest: { fraction: 0.6, trainCount: 3, forecast: [row(123, 15.6e6, 15.7e6), row(151, 19.2e6, 19e6)], error: { rmse: 0, mape: 0 }, initialError: { rmse: 0, mape: 0 } },
    evaluations: 40,
    converged: true,
    confidence: 0.95,
    warnings: [],
  } as unknown as CalibrationResult;

  it('draws every observation (fitted filled, held out hollow), the band, the line and the split between the parts', () => {
    const x = Array.from({ length: 121 }, (_, i) => 31 + i);
    const band = { x, p5: x.map((t) => t * 1.2e5), line: x.map((t) => t * 1.27e5), p95: x.map((t) => t * 1.35e5) };
    const c = calibrationChart(r, band);
    const obs = byClass(c, 'observed');
    expect(obs).toHaveLength(5);
    expect(obs.map((o) => o.attrs['data-part'])).toEqual(['fit', 'fit', 'fit', 'test', 'test']);
    expect(obs.filter((o) => o.attrs.fill === '#fff')).toHaveLength(2);
    expect(byClass(c, 'band')).toHaveLength(1);
    expect(byClass(c, 'model')).toHaveLength(1);
    const split = byClass(c, 'split')[0]!;
    expect(split.attrs['data-x']).toBe((92 + 123) / 2);
    const [l, , rr] = nums(c.attrs['data-plot']) as [number, number, number];
    const [xlo, xhi] = nums(c.attrs['data-domain-x']) as [number, number];
    const X = (v: number) => l + ((rr - l) * (v - xlo)) / (xhi - xlo);
    expect(Number(split.attrs.x1)).toBeCloseTo(X(107.5), 0);
    obs.forEach((o, i) => expect(Number(o.attrs.cx)).toBeCloseTo(X([31, 61, 92, 123, 151][i]!), 0));
    const [ylo, yhi] = nums(c.attrs['data-domain']) as [number, number];
    for (const v of [...band.p5, ...band.p95, ...obs.map((o) => Number(o.attrs['data-value']))]) {
      expect(v).toBeGreaterThanOrEqual(ylo);
      expect(v).toBeLessThanOrEqual(yhi);
    }
    expectClean(c);
  });

  it('without a band, the line goes through the fitted model values; residuals are stems from zero', () => {
    const c = calibrationChart(r);
    expect(byClass(c, 'band')).toHaveLength(0);
    expect(String(byClass(c, 'model')[0]!.attrs.d).split('L')).toHaveLength(5);
    const res = calibrationResiduals(r);
    const stems = byClass(res, 'residual');
    expect(stems.map((s) => s.attrs['data-value'])).toEqual([...r.fit, ...r.backtest!.forecast].map((x) => x.residual));
    expect(new Set(stems.map((s) => s.attrs.y1)).size).toBe(1); // all from the zero line
    expectClean(res);
  });

  it('a gap in the model breaks the band and the line; NaN and null observations are not drawn', () => {
    const c = fitChart({
      title: 't',
      model: { x: [0, 1, 2, 3, 4], p5: [1, 1, null, 1, 1], line: [2, 2, Number.NaN, 2, 2], p95: [3, 3, 3, 3, 3] },
      observed: [
        { x: 0, value: 2 },
        { x: 1, value: Number.NaN },
        { x: 2, value: null },
        { x: 3, value: -1 },
      ],
    });
    expect(byClass(c, 'band')).toHaveLength(2);
    expect(byClass(c, 'model')).toHaveLength(2);
    expect(byClass(c, 'observed')).toHaveLength(2);
    expect(c.attrs['data-skipped']).toBe(2);
    expect(nums(c.attrs['data-domain'])[0]).toBeLessThanOrEqual(-1); // a negative observation
    expect(
      byClass(c, 'note')
        .map((n) => n.text)
        .join(' '),
    ).toMatch(/observation 2.*observation 3/);
    expectClean(c);
    const empty = fitChart({ title: 't', observed: [] });
    expect(byClass(empty, 'empty')).toHaveLength(1);
    expectClean(empty);
    const one = fitChart({ title: 't', observed: [{ x: 5, value: 0 }] });
    expect(byClass(one, 'observed')).toHaveLength(1);
    expectClean(one);
  });
});

describe('tail probabilities', () => {
  const risk: RiskResult = {
    model: 'helium',
    runs: 1000,
    confidence: 0.95,
    events: [
      { event: 'price<1@end', runs: 1000, hits: 214, probability: 0.214, interval: [0.19, 0.241], medianFirstStep: null },
      { event: 'activeProviders<150000@any', runs: 1000, hits: 662, probability: 0.662, interval: [0.632, 0.691], medianFirstStep: 1771 },
      { event: 'price<0.01@any', runs: 1000, hits: 0, probability: 0, interval: [0, 0.0038], medianFirstStep: null },
    ],
  };

  it('linear by default when the figures are near each other: a bar per event, whiskers at the Wilson ends', () => {
    const c = riskChart({ ...risk, events: risk.events.slice(0, 2) });
    expect(c.attrs['data-scale']).toBe('linear');
    expect(byClass(c, 'bar')).toHaveLength(2);
    for (const e of risk.events.slice(0, 2)) {
      const w = byClass(c, 'whisker').find((x) => x.attrs['data-row'] === e.event)!;
      expect(Number(w.attrs.x1)).toBeCloseTo(pixelX(c, e.interval[0]), 0);
      expect(Number(w.attrs.x2)).toBeCloseTo(pixelX(c, e.interval[1]), 0);
    }
    expect(texts(c)).toContain('0.214 (214/1000)');
    expectClean(c);
  });

  it('log for rare events: the axis spans the decades, a zero is marked at the floor and its whisker starts there', () => {
    const c = riskChart(risk);
    expect(c.attrs['data-scale']).toBe('log'); // 0.691 / 0.0038 > 100
    const [lo, hi] = nums(c.attrs['data-domain']) as [number, number];
    expect(lo).toBe(0.001);
    expect(hi).toBe(1);
    expect(byClass(c, 'bar')).toHaveLength(2);
    expect(byClass(c, 'at-floor')).toHaveLength(1);
    const w = byClass(c, 'whisker').find((x) => x.attrs['data-row'] === 'price<0.01@any')!;
    expect(String(w.attrs.class)).toContain('clipped');
    expect(Number(w.attrs.x1)).toBeCloseTo(pixelX(c, lo), 0);
    expect(Number(w.attrs.x2)).toBeCloseTo(pixelX(c, 0.0038), 0);
    for (const e of risk.events.slice(0, 2)) {
      const bar = byClass(c, 'bar').find((x) => x.attrs['data-row'] === e.event)!;
      expect(Number(bar.attrs.x) + Number(bar.attrs.width)).toBeCloseTo(pixelX(c, e.probability), 0);
    }
    expect(
      byClass(c, 'note')
        .map((n) => n.text)
        .join(' '),
    ).toMatch(/zero, negative.*price<0\.01@any/);
    expectClean(c);
    expect(riskChart(risk, { scale: 'linear' }).attrs['data-scale']).toBe('linear');
  });

  it('a rare event of 3e-5 on a log axis; values that are not probabilities are not drawn', () => {
    const c = probabilityChart({
      title: 't',
      scale: 'log',
      items: [
        { label: 'IS', probability: 3.17e-5, interval: [2.6e-5, 3.7e-5] },
        { label: 'bad', probability: 1.5 },
        { label: 'neg', probability: -0.1 },
        { label: 'none', probability: null },
      ],
    });
    expect(nums(c.attrs['data-domain'])[0]).toBe(1e-5);
    expect(byClass(c, 'bar')).toHaveLength(1);
    expect(byClass(c, 'tick').map((t) => t.text)).toEqual(['1e-5', '1e-4', '0.001', '0.01', '0.1', '1']);
    const notes = byClass(c, 'note')
      .map((n) => n.text)
      .join(' ');
    expect(notes).toContain('bad: 1.5 is not a probability');
    expect(notes).toContain('neg: -0.1 is not a probability');
    expect(notes).toContain('none');
    expect(c.attrs['data-skipped']).toBe(3);
    expectClean(c);
    expect(() => probabilityChart({ title: 't', items: [], scale: 'cubic' as never })).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'probabilityChart.scale' }));
    const empty = probabilityChart({ title: 't', items: [], scale: 'log' });
    expect(byClass(empty, 'empty')).toHaveLength(1);
    expectClean(empty);
  });

  it('a rare-event estimate draws importance sampling beside plain Monte Carlo', () => {
    const c = rareEventChart({
      event: 'demandUsd<5000@end',
      estimand: '',
      levels: 2,
      proposal: {},
      varianceReduction: 28,
      warnings: [],
      importance: { probability: 0.0185, standardError: 0.0016, interval: [0.0153, 0.0217], evaluations: 160 },
      plain: { probability: 0.0206, standardError: 0.0074, interval: [0.0061, 0.0352], evaluations: 160, hits: 4 },
    });
    expect(byClass(c, 'bar').map((b) => b.attrs['data-row'])).toEqual(['importance sampling', 'plain Monte Carlo']);
    expect(byClass(c, 'whisker').map((w) => [w.attrs['data-lo'], w.attrs['data-hi']])).toEqual([
      [0.0153, 0.0217],
      [0.0061, 0.0352],
    ]);
    expectClean(c);
  });
});

describe('any input', () => {
  const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, null as unknown as number, undefined as unknown as number));
  const labelArb = fc.string({ maxLength: 80 });

  it('interval bars, scatters, fits and probabilities never write NaN, and their axes hold every value drawn', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ label: labelArb, v: value, lo: value, hi: value, y: value }), { maxLength: 12 }), fc.constantFrom('linear', 'log', 'auto'), (items, scale) => {
        const bars = intervalBarChart({
          title: 'p',
          series: [{ name: 'a' }],
          rows: items.map((i) => ({ label: i.label, bars: [{ value: i.v, interval: [i.lo, i.hi] }] })),
          scale: scale === 'log' ? 'log' : 'linear',
          sortBy: 0,
        });
        expectClean(bars);
        const [lo, hi] = nums(bars.attrs['data-domain']) as [number, number];
        for (const b of byClass(bars, 'bar')) {
          const v = Number(b.attrs['data-value']);
          expect(v >= lo && v <= hi).toBe(true);
        }
        for (const w of byClass(bars, 'whisker')) expect(Number(w.attrs['data-hi']) <= hi).toBe(true);
        // sorted: the drawn values do not increase down the chart
        const drawn = byClass(bars, 'bar').map((b) => Number(b.attrs['data-value']));
        expect([...drawn].sort((a, b) => b - a)).toEqual(drawn);
        const sc = scatterChart({ title: 's', xName: 'x', yName: 'y', points: items.map((i) => ({ label: i.label, x: i.v, y: i.y, xInterval: [i.lo, i.hi] })) });
        expectClean(sc);
        const [sx0, sx1] = nums(sc.attrs['data-domain-x']) as [number, number];
        const [sy0, sy1] = nums(sc.attrs['data-domain-y']) as [number, number];
        for (const p of byClass(sc, 'point')) {
          const [x, y] = [Number(p.attrs['data-x']), Number(p.attrs['data-y'])];
          expect(x >= sx0 && x <= sx1 && y >= sy0 && y <= sy1, `${x},${y}`).toBe(true);
        }
        for (const w of byClass(sc, 'whisker')) expect(Number(w.attrs['data-lo']) >= sx0 && Number(w.attrs['data-hi']) <= sx1).toBe(true);
        const fit = fitChart({
          title: 'f',
          observed: items.map((i, k) => ({ x: k, value: i.v })),
          model: { x: items.map((_, k) => k), p5: items.map((i) => i.lo), line: items.map((i) => i.y), p95: items.map((i) => i.hi) },
        });
        expectClean(fit);
        const [fy0, fy1] = nums(fit.attrs['data-domain']) as [number, number];
        for (const o of byClass(fit, 'observed')) expect(Number(o.attrs['data-value']) >= fy0 && Number(o.attrs['data-value']) <= fy1).toBe(true);
        expectClean(probabilityChart({ title: 'q', items: items.map((i) => ({ label: i.label, probability: i.v === null ? null : Math.abs(i.v) / 1e6, interval: [i.lo, i.hi] })), scale }));
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('nice domains contain their ends and notes wrap at spaces', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1e9, noNaN: true }), (a, w) => {
        const [lo, hi] = niceDomain(a, a + w);
        expect(lo).toBeLessThanOrEqual(a);
        expect(hi).toBeGreaterThanOrEqual(a + w);
        expect(hi).toBeGreaterThan(lo);
      }),
      { numRuns: 300, seed: 3 },
    );
    expect(wrapText('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapText('x'.repeat(12), 5)).toEqual(['xxxx…']);
  });
});
