import { filecoin } from '@flywheel/models';
import { run, setPath } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { calibrate, parseSeriesCSV } from '../src/analysis/calibrate.js';
import { nelderMead } from '../src/analysis/nelder-mead.js';

describe('Nelder–Mead', () => {
  it('finds the minimum of Rosenbrock from the classic start (−1.2, 1)', async () => {
    const r = await nelderMead(([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2, [-1.2, 1], { maxEvaluations: 1000, fTolerance: 1e-14, xTolerance: 1e-8 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.f).toBeLessThan(1e-8);
    expect(r.evaluations).toBeLessThan(400); // the textbook runs take ~200–300
  });

  it('respects bounds: the constrained optimum of a bowl centred outside them is on the bound', async () => {
    const r = await nelderMead(([x, y]) => (x! - 3) ** 2 + (y! - 0.5) ** 2, [0.2, 0.2], { lower: [0, 0], upper: [1, 1], maxEvaluations: 500 });
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(0.5, 4);
  });

  it('minimises a 4-d quadratic with a batch evaluator, deterministically', async () => {
    const f = (x: Float64Array) => x.reduce((s, v, i) => s + (i + 1) * (v - i) ** 2, 0);
    const batch = async (xs: Float64Array[]) => xs.map(f);
    const a = await nelderMead(f, [1, 1, 1, 1], { batch, maxEvaluations: 2000, fTolerance: 1e-14, xTolerance: 1e-7 });
    a.x.forEach((v, i) => expect(v).toBeCloseTo(i, 4));
    const b = await nelderMead(f, [1, 1, 1, 1], { batch, maxEvaluations: 2000, fTolerance: 1e-14, xTolerance: 1e-7 });
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
  });
});

describe('observed series', () => {
  it('parses date,value CSV with a header and comments; refuses bad rows with their line', () => {
    expect(parseSeriesCSV('# source: x\ndate,value\n2024-11-01,10\n2024-12-01, 12.5\n')).toEqual([
      { date: '2024-11-01', value: 10 },
      { date: '2024-12-01', value: 12.5 },
    ]);
    expect(() => parseSeriesCSV('2024-11-01,10\n2024-10-01,3')).toThrow(/line 2: dates must increase/);
    expect(() => parseSeriesCSV('2024-11-01,1k')).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'data' }));
    expect(() => parseSeriesCSV('2024-13-01,1')).toThrow(/line 1/);
  });
});

describe('calibration on the engine (Filecoin, 1 year, 2 runs)', () => {
  const spec = filecoin({ years: 1, runs: 2 });
  const months = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2024, 10 + m, 1)).toISOString().slice(0, 10));

  it('recovers a known network-power growth from the series it produced, with a tight standard error, and backtests', async () => {
    const truth = await run(setPath(spec, 'params.powerGrowth', 0.5), { metrics: ['cumulativeMinted'] });
    const day = (d: string) => Math.round((Date.parse(d) - Date.parse('2024-10-01')) / 86_400_000);
    // ±0.5% deterministic measurement noise, so that the residuals (and the standard error) are not 0
    const data = months.map((date, i) => ({ date, value: truth.metric('cumulativeMinted').p50[day(date)]! * (1 + 0.005 * Math.sin(7 * i)) }));
    const r = await calibrate(spec, { params: { 'params.powerGrowth': [0, 2] }, data, metric: 'cumulativeMinted', backtest: 0.75 }, { threads: 1 });
    expect(Math.abs(r.params['params.powerGrowth']! - 0.5)).toBeLessThan(0.05);
    expect(r.initial['params.powerGrowth']).toBe(0);
    expect(r.fitError.mape).toBeLessThan(0.006);
    expect(r.fit).toHaveLength(9);
    expect(r.backtest!.forecast).toHaveLength(3);
    expect(r.backtest!.error.mape).toBeLessThan(0.01);
    expect(r.backtest!.initialError.mape).toBeGreaterThan(10 * r.backtest!.error.mape); // the spec's own growth (0) forecasts worse
    const u = r.uncertainty['params.powerGrowth']!;
    expect(u.standardError).toBeGreaterThan(0);
    expect(u.standardError).toBeLessThan(0.05);
    expect(u.interval[0]).toBeLessThan(0.5);
    expect(u.interval[1]).toBeGreaterThan(0.5);
  });

  it('sums a flow over the steps between observations (aggregate sum) and fits the same growth', async () => {
    const truth = await run(setPath(spec, 'params.powerGrowth', 0.8), { metrics: ['minted'] });
    const day = (d: string) => Math.round((Date.parse(d) - Date.parse('2024-10-01')) / 86_400_000);
    const steps = months.map(day);
    const minted = truth.metric('minted').p50;
    const data = months.map((date, i) => {
      const from = i > 0 ? steps[i - 1]! : steps[0]! - (steps[1]! - steps[0]!);
      let s = 0;
      for (let t = from + 1; t <= steps[i]!; t++) s += minted[t]!;
      return { date, value: s };
    });
    const r = await calibrate(spec, { params: { 'params.powerGrowth': [0, 2] }, data, metric: 'minted', aggregate: 'sum', loss: 'log' }, { threads: 1 });
    expect(r.params['params.powerGrowth']).toBeCloseTo(0.8, 2);
  });

  it('refuses observations outside the horizon or before the start, and an unknown metric', async () => {
    await expect(calibrate(spec, { params: { 'params.powerGrowth': [0, 2] }, data: [{ date: '2024-01-01', value: 1 }], metric: 'cumulativeMinted' })).rejects.toMatchObject({
      code: 'RUN_INVALID_OPTION',
      path: 'data',
    });
    await expect(calibrate(spec, { params: { 'params.powerGrowth': [0, 2] }, data: [{ date: '2024-11-01', value: 1 }], metric: 'nope' })).rejects.toMatchObject({ code: 'RESULT_UNKNOWN_METRIC' });
    await expect(calibrate(spec, { params: { 'params.nope': [0, 2] }, data: [{ date: '2024-11-01', value: 1 }], metric: 'price' })).rejects.toMatchObject({ code: 'SPEC_UNKNOWN_PATH' });
  });
});
