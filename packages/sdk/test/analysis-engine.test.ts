import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helium } from '@flywheel/models';
import { calibrate, parseOutput, rareEvent, risk, run, saltelliRows, sensitivity, sobolPoints, sweep } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';

// Engine-backed analyses on a small Helium (1 year, few runs, 100 agents), and the CLI commands.
const spec = helium({ years: 1, runs: 6, agents: 100 });
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
const EXAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/data/filecoin-minted-2024-25.csv');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, FLYWHEEL_DEBUG: '' } });

describe('outputs', () => {
  it('reads summary figures, derived figures and metric:stat@when from a result', async () => {
    const r = await run(spec, { threads: 1 });
    expect(parseOutput('finalPriceP50').of(r)).toBe(r.summary().finalPriceP50);
    expect(parseOutput('price:p95@end').of(r)).toBe(r.metric('price').p95[r.steps]);
    expect(parseOutput('price:mean@30').of(r)).toBe(r.metric('price').mean[30]);
    expect(parseOutput('price:p50@2025-01-01').of(r)).toBe(r.metric('price').p50[92]);
    expect(parseOutput('activeProviders:p50@min').of(r)).toBe(Math.min(...r.metric('activeProviders').p50));
    expect(parseOutput('minActiveProvidersP50').of(r)).toBe(Math.min(...r.metric('activeProviders').p50));
    const yearly = r.yearly()[0]!;
    expect(parseOutput('burnMintCrossoverYear').of(r)).toBe(yearly.burned! >= yearly.minted! ? 1 : 2);
    expect(() => parseOutput('price:p42@end')).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'output' }));
    expect(() => parseOutput('price:p50@9999').of(r)).toThrow(/beyond the horizon/);
  });
});

describe('sensitivity on the engine', () => {
  it('Sobol over spec paths: each sample is the Monte Carlo of its spec, deterministic, thread-independent', async () => {
    const params = { 'params.growth': [0.1, 0.9], 'params.elasticity': [0.2, 0.8] } as const;
    const o = { params, output: 'burnMintRatioOverall', samples: 8, skip: 8, bootstrap: 50, seed: 1 };
    const a = await sensitivity(spec, o, { threads: 2 });
    const b = await sensitivity(spec, o, { threads: 1 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.evaluations).toBe(8 * 4);
    // the outputs' mean over A and B is the mean of direct runs at those points of the Saltelli sample
    const rows = saltelliRows(sobolPoints(8, 4, 8), 2).filter((_, k) => k % 4 === 0 || k % 4 === 3);
    const direct = await sweep(spec, { zip: { 'params.growth': rows.map((u) => 0.1 + 0.8 * u[0]!), 'params.elasticity': rows.map((u) => 0.2 + 0.6 * u[1]!) } });
    const ys = direct.points.map((p) => p.result.summary().burnMintRatioOverall!);
    expect(a.mean).toBeCloseTo(ys.reduce((x, y) => x + y, 0) / ys.length, 12);
    expect(a.sobol!.every((x) => Number.isFinite(x.S1) && Number.isFinite(x.STConf))).toBe(true);
  });

  it('Morris on the engine ranks demand growth above the noise of the burn', async () => {
    const r = await sensitivity(spec, { params: { 'params.growth': [0.1, 0.9], 'params.sigma': [0.1, 0.5] }, output: 'cumulativeBurnedMean', method: 'morris', samples: 6, seed: 2 }, { threads: 1 });
    expect(r.evaluations).toBe(6 * 3);
    expect(r.morris![0]!.muStar).toBeGreaterThan(r.morris![1]!.muStar);
  });

  it('refuses a path that is not a number, and an output the model lacks', async () => {
    await expect(sensitivity(spec, { params: { 'time.start': [0, 1] }, output: 'finalPriceP50' })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION' });
    await expect(sensitivity(spec, { params: { 'params.growth': [0, 1] }, output: 'finalPriceP50x' })).rejects.toMatchObject({ path: 'output' });
  });
});

describe('the analysis commands', () => {
  it('flywheel sensitivity prints indices; json has them; bad input is a usage error', () => {
    const out = cli(
      'sensitivity',
      'helium',
      '--years',
      '1',
      '--runs',
      '4',
      '--set',
      'blocks.5.count=100',
      '--param',
      'params.growth=0.1..0.9',
      '--param',
      'params.elasticity=0.2..0.8',
      '--output',
      'finalPriceP50',
      '--samples',
      '4',
      '--skip',
      '4',
      '--quiet',
    );
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Sobol indices of finalPriceP50 over 2 parameters, 16 Monte Carlos/);
    expect(out.stdout).toMatch(/params\.growth/);
    const json = cli(
      'sensitivity',
      'helium',
      '--years',
      '1',
      '--runs',
      '4',
      '--param',
      'params.growth=0.1..0.9',
      '--output',
      'price:p50@end',
      '--method',
      'morris',
      '--samples',
      '3',
      '--format',
      'json',
    );
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).morris).toHaveLength(1);
    const bad = cli('sensitivity', 'helium', '--param', 'params.growth=0.9..0.1', '--output', 'finalPriceP50');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('CLI_INVALID_ARGUMENT');
    const wrong = cli('sensitivity', 'helium', '--param', 'params.growth=0.1..0.9', '--output', 'finalPriceP50', '--event', 'x<1@end');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--event is not an option of sensitivity');
  });

  it('flywheel calibrate fits the example series (Filecoin minting) and backtests it', () => {
    const out = cli('calibrate', 'filecoin', '--runs', '2', '--param', 'params.powerGrowth=0..2', '--data', EXAMPLE, '--metric', 'cumulativeMinted', '--backtest', '0.75', '--format', 'json');
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    // the document's 46.5M FIL minted a year implies network power growing about 49% a year
    expect(r.params['params.powerGrowth']).toBeGreaterThan(0.4);
    expect(r.params['params.powerGrowth']).toBeLessThan(0.6);
    expect(r.backtest.error.mape).toBeLessThan(0.01);
    expect(cli('calibrate', 'filecoin', '--param', 'params.powerGrowth=0..2', '--data', '/nonexistent.csv', '--metric', 'cumulativeMinted').stderr).toContain('cannot read --data');
  });

  it('flywheel risk prints event probabilities with Wilson intervals', () => {
    const out = cli('risk', 'helium', '--years', '1', '--runs', '20', '--event', 'price<8@end', '--event', 'price>1000@any', '--format', 'json');
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(r.events[1].hits).toBe(0);
    expect(r.events[1].interval[1]).toBeGreaterThan(0.1);
    const bad = cli('risk', 'helium', '--event', 'price<<1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('RUN_INVALID_OPTION');
  });
});

describe('risk on the engine', () => {
  it('rare events over parameter uncertainty and calibrations reuse the same engine runs', async () => {
    const r = await risk(spec, { events: ['price<8@end'] }, { threads: 1 });
    expect(r.events[0]!.runs).toBe(6);
    const x = await rareEvent(spec, 'price<8@end', { params: { 'params.growth': { uniform: [0, 1] } }, samples: 10, levelSamples: 10, maxLevels: 1, seed: 1 }, { threads: 1 });
    expect(x.importance.evaluations).toBeGreaterThanOrEqual(20);
    expect(typeof calibrate).toBe('function');
  });
});

describe('every registered model', async () => {
  const { models } = await import('@flywheel/models');
  for (const [name, entry] of Object.entries(models)) {
    it(`${name}: sensitivity, calibration and risk run on it`, async () => {
      const spec = entry.create({ years: 1, runs: 2 });
      const [param, value] = Object.entries(spec.params ?? {}).find(([, v]) => typeof v === 'number' && v > 0) as [string, number];
      const path = `params.${param}`;
      const range: [number, number] = [value * 0.8, value * 1.2];
      const s = await sensitivity(spec, { params: { [path]: range }, output: 'totalSupply:p50@end', method: 'morris', samples: 2 }, { threads: 1 });
      expect(s.morris).toHaveLength(1);
      expect(Number.isFinite(s.morris![0]!.muStar)).toBe(true);
      const r = await risk(spec, { events: ['totalSupply<0@any', 'circulatingSupply>0@end'] }, { threads: 1 });
      expect(r.events[0]!.probability).toBe(0);
      const truth = await run(spec, { metrics: ['cumulativeMinted'], threads: 1 });
      const data = [Math.round(truth.steps / 3), Math.round((2 * truth.steps) / 3), truth.steps].map((t) => ({ date: truth.dateAt(t)!, value: truth.metric('cumulativeMinted').p50[t]! + 1 }));
      const c = await calibrate(spec, { params: { [path]: range }, data, metric: 'cumulativeMinted', maxEvaluations: 6 }, { threads: 1 });
      expect(Number.isFinite(c.params[path])).toBe(true);
      expect(c.fit).toHaveLength(3);
    });
  }
});
