// compare(): each figure against the models' own results (runs of the same specs, figures
// recomputed here from their metrics), null (never NaN) where a model does not define a figure,
// the burn-above-mint date on a spec whose crossing is known in closed form, and the
// `flywheel compare` command (table, JSON, CSV, errors), in the style of cli.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chains, models, withChain } from '@flywheel/models';
import { compare, compareMetrics, compareRow, compareSpec, INCENTIVES_SIGNAL, run, type CompareResult, type ModelSpec } from '@flywheel/sdk';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: tmpdir(), timeout: 120_000, env: { ...process.env, FLYWHEEL_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NAMES = ['helium', 'livepeer', 'render', 'hivemapper'];
const OPTS = { years: 1, runs: 3, seed: 5, chain: 'solana', threads: 1 } as const;

describe('compare()', () => {
  let c: CompareResult;
  beforeAll(async () => {
    c = await compare(NAMES, OPTS);
  });

  it('gives one row per model named, in order, with the options used', () => {
    expect(c.rows.map((r) => r.model)).toEqual(NAMES);
    expect([c.years, c.runs, c.seed, c.chain]).toEqual([1, 3, 5, 'solana']);
  });

  it('never gives NaN or Infinity: a figure is a finite number or null', () => {
    for (const r of c.rows) for (const [k, v] of Object.entries(r)) if (typeof v === 'number') expect(Number.isFinite(v), `${r.model}.${k}`).toBe(true);
    expect(JSON.stringify(c)).not.toMatch(/NaN|Infinity/);
  });

  for (const name of NAMES) {
    it(`${name}: every figure matches the model's own result`, async () => {
      const row = c.rows.find((r) => r.model === name)!;
      const base = models[name]!.create({ years: 1, runs: 3, seed: 5 });
      // the model alone: compare's extra signal and chain block change none of its own metrics
      const plain = await run(base, { metrics: ['totalSupply', 'cumulativeMinted', 'cumulativeBurned'] });
      const spec = withChain(
        {
          ...base,
          signals: { ...(base.signals ?? {}), [INCENTIVES_SIGNAL]: { initial: 0 } },
          blocks: [...base.blocks, { id: INCENTIVES_SIGNAL, kind: 'signal', set: INCENTIVES_SIGNAL, formula: `${base.mainAsset}.minted * ${base.mainAsset}.price` } as never],
        },
        'solana',
      );
      // payback: the first population with a hardware cost
      const pop = spec.blocks.find((b) => b.kind === 'population' && (b as any).capex?.usd > 0) as any;
      const r = await run(spec, {
        metrics: [
          'totalSupply',
          'circulatingSupply',
          'cumulativeMinted',
          'cumulativeBurned',
          'chain.costUsd',
          ...['stakedSupply', 'demandUsd'].filter((m) => compareMetrics(spec).includes(m)),
          INCENTIVES_SIGNAL,
          ...(pop ? [`${pop.id}.active`, `${pop.id}.revenueUsd`] : []),
        ],
      });
      const S = r.steps,
        T = r.metric('totalSupply').mean,
        years = (S * r.stepDays) / 365;
      expect(Array.from(r.metric('totalSupply').mean)).toEqual(Array.from(plain.metric('totalSupply').mean));
      expect(row.steps).toBe(S);
      expect(row.inflationPerYear).toBeCloseTo((T[S]! / T[0]!) ** (1 / years) - 1, 12);
      const cm = r.metric('cumulativeMinted').mean[S]!,
        cb = r.metric('cumulativeBurned').mean[S]!;
      expect(row.burnMintRatio).toBeCloseTo(cb / cm, 12);
      expect(row.circulatingRatio).toBeCloseTo(r.metric('circulatingSupply').mean[S]! / T[S]!, 12);
      if (r.has('stakedSupply')) expect(row.stakingRatio).toBeCloseTo(r.metric('stakedSupply').mean[S]! / T[S]!, 12);
      else expect(row.stakingRatio).toBeNull();
      const total = (m: string) => {
        let s = 0;
        const x = r.metric(m).mean;
        for (let t = 1; t <= S; t++) s += x[t]!;
        return s;
      };
      const incentives = total(INCENTIVES_SIGNAL);
      expect(row.incentivesUsd! / incentives).toBeCloseTo(1, 12);
      if (r.has('demandUsd')) {
        expect(row.revenueUsd! / total('demandUsd')).toBeCloseTo(1, 12);
        expect(row.revenueToIncentives!).toBeCloseTo(total('demandUsd') / incentives, 12);
      } else expect([row.revenueUsd, row.revenueToIncentives]).toEqual([null, null]);
      expect(row.chainCostUsdPerYear! / (total('chain.costUsd') / years)).toBeCloseTo(1, 12);
      // payback: the population's capex against the mean revenue per provider less its running cost
      if (!pop) {
        expect(row.providerPaybackYears).toBeNull();
        expect(row.providerPaybackNote).toBe(spec.blocks.some((b) => b.kind === 'population') ? 'no hardware cost' : 'no providers');
      } else {
        const d = pop.cost;
        const mean = d.kind === 'constant' ? d.value : d.kind === 'uniform' ? (d.min + d.max) / 2 : d.median * Math.exp(d.sigma ** 2 / 2);
        const perDays = { day: 1, week: 7, month: 365 / 12, year: 365, hour: 1 / 24 }[pop.costPer as 'day'] ?? r.stepDays;
        const rev = r.metric(`${pop.id}.revenueUsd`).mean,
          act = r.metric(`${pop.id}.active`).mean;
        let net = 0,
          at: number | null = null;
        for (let t = 1; t <= S && at === null; t++) {
          net += rev[t]! / act[t]! - (mean * r.stepDays) / perDays;
          if (net >= pop.capex.usd) at = t;
        }
        if (at === null) expect([row.providerPaybackYears, row.providerPaybackNote]).toEqual([null, 'not within the horizon']);
        else expect(row.providerPaybackYears).toBeCloseTo((at * r.stepDays) / 365, 12);
      }
    });
  }

  it('the date burn first exceeds mint: a spec minting 100 a day and burning 5·t a day crosses over 30 days at step 35', async () => {
    const spec: ModelSpec = {
      specVersion: 2,
      name: 'cross',
      time: { step: 'day', steps: 60, start: '2024-10-01' },
      mainAsset: 'T',
      assets: { T: { kind: 'token', decimals: 0, accounts: { liquid: { initial: 1e6, tag: 'liquid' } } } },
      blocks: [
        { id: 'mint', kind: 'transfer', asset: 'T', from: 'issuer', to: 'liquid', amount: '100' },
        { id: 'burn', kind: 'transfer', asset: 'T', from: 'liquid', to: 'burned', amount: '5 * t' },
      ],
      monteCarlo: { runs: 1, seed: 1 },
    };
    const s = compareSpec(spec);
    const row = compareRow('cross', s, await run(s, { metrics: compareMetrics(s) }));
    // trailing 30 days at t ≥ 30: burned 5·(30t − 435) > minted 3,000 ⇔ t > 34.5
    expect(row.burnExceedsMintStep).toBe(35);
    expect(row.burnExceedsMintDate).toBe('2024-11-05');
    // no price: no incentives; no population: no payback; no chain
    expect([row.incentivesUsd, row.revenueToIncentives, row.providerPaybackYears, row.providerPaybackNote, row.chainCostUsdPerYear]).toEqual([null, null, null, 'no providers', null]);
  });

  it('with no names it compares every registered model; unknown names and chains are refused', async () => {
    const all = await compare([], { years: 0.1, runs: 1, threads: 1 });
    expect(all.rows.map((r) => r.model)).toEqual(Object.keys(models));
    expect(all.rows.every((r) => r.chainCostUsdPerYear === null)).toBe(true);
    await expect(compare(['heliun'])).rejects.toThrowError(/unknown model "heliun"/);
    await expect(compare(['helium'], { chain: 'cardano' })).rejects.toThrowError(/unknown chain/);
  });
});

describe('flywheel compare', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx turbo run build)`);
  });

  it("--format json gives the SDK's result; csv one line per model; the table one row per model with — where undefined", async () => {
    const args = ['compare', 'helium', 'livepeer', '--years', '1', '--runs', '3', '--seed', '5', '--chain', 'peaq', '--quiet'];
    const json = cli(...args, '--format', 'json');
    expect(json.status, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as CompareResult;
    const sdk = await compare(['helium', 'livepeer'], { years: 1, runs: 3, seed: 5, chain: 'peaq' });
    expect(parsed).toEqual(JSON.parse(JSON.stringify(sdk)));
    expect(parsed.rows[1]!.revenueUsd).toBeNull();
    const csv = cli(...args, '--format', 'csv');
    const lines = csv.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(',')).toContain('chainCostUsdPerYear');
    expect(lines[2]!.startsWith('livepeer,')).toBe(true);
    const table = cli(...args);
    expect(table.status).toBe(0);
    const rows = table.stdout.split('\n').filter((l) => /^(helium|livepeer) /.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('—');
    expect(table.stdout).toContain('chain $/yr');
    expect(table.stdout).not.toMatch(/NaN/);
  });

  it('bad input exits 2 with the code and a hint', () => {
    for (const [args, code] of [
      [['compare', 'nope'], 'MODEL_UNKNOWN'],
      [['compare', '--chain', 'cardano'], 'MODEL_UNKNOWN'],
      [['compare', '--format', 'xml'], 'CLI_INVALID_ARGUMENT'],
      [['compare', '--years', '0'], 'CLI_INVALID_ARGUMENT'],
    ] as const) {
      const out = cli(...args);
      expect(out.status, out.stderr).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain(code);
      expect(out.stderr).toContain('hint');
    }
  });

  it("flywheel run --chain adds the chain's metrics and a cost line", () => {
    const out = cli('run', 'helium', '--steps', '30', '--runs', '2', '--chain', 'solana', '--format', 'json');
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    for (const m of ['chain.costUsd', 'chain.ops', 'chain.utilisation', 'chain.fee', 'totalSupply']) expect(Object.keys(r.metrics)).toContain(m);
    const cost = r.metrics['chain.costUsd'].mean,
      fee = r.metrics['chain.fee'].mean;
    for (let t = 1; t <= 30; t++) expect(cost[t] / (fee[t] * chains.solana.nativePriceUsd.value)).toBeCloseTo(1, 12);
    const table = cli('run', 'helium', '--steps', '30', '--runs', '2', '--chain', 'solana');
    expect(table.stdout).toMatch(/on-chain \(mean\): \$[\d.]+k?\/yr/);
    const bad = cli('run', 'helium', '--chain', 'cardano');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('MODEL_UNKNOWN');
  });
});
