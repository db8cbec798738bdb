// `flywheel compare`: every model (or the ones named) over the same horizon, one row of headline
// figures each. A figure a model does not define is null (the table prints —), never NaN.
import { chains, models, withChain, type ChainName } from '@flywheel/models';
import { ErrorCodes, fail, PERIOD_DAYS, validateSpec, type ModelSpec } from '@flywheel/spec';
import { defaultMetrics } from './program/compile.js';
import type { RunResult } from './result.js';
import { run, type EngineName } from './run.js';

/** Options of {@link compare}. */
export interface CompareOptions {
  /** Horizon in years for every model (default 10), rounded to whole steps of each model's clock. */
  years?: number;
  /** Monte Carlo runs per model (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Adds the on-chain cost on this chain of the catalogue (`withChain`): the yearly cost and the peak utilisation. */
  chain?: ChainName | string;
  engine?: EngineName;
  threads?: number | 'auto';
  /** Called after each model with (models done, models in all, the model just run). */
  onModel?: (done: number, total: number, name: string) => void;
}

/** Why a figure is null. */
export type PaybackNote = 'no hardware cost' | 'not within the horizon' | 'no providers';

/** One model's row of {@link CompareResult}. Every figure is null where the model does not define it. */
export interface CompareRow {
  model: string;
  /** The model's step (`day`, `week`, `round`, ...) and the steps of the horizon. */
  step: string;
  steps: number;
  /** Compound yearly growth of the mean total supply over the horizon (RunResult.summary().supplyGrowthPerYear). */
  inflationPerYear: number | null;
  /** Cumulative burned / cumulative minted over the horizon (means); null if nothing was minted. */
  burnMintRatio: number | null;
  /**
   * End date of the first step at which burning exceeds minting: the mean burned over the trailing
   * 30 days (at least one step) above the mean minted over the same days, on the model's default
   * demand path. Null if it never does within the horizon (`burnExceedsMintStep` null too).
   */
  burnExceedsMintDate: string | null;
  burnExceedsMintStep: number | null;
  /** Mean circulating supply / mean total supply at the horizon. */
  circulatingRatio: number | null;
  /** Mean staked supply (the main asset's `bonded` accounts) / mean total supply at the horizon; null without staking. */
  stakingRatio: number | null;
  /** Σ demandUsd over the horizon (mean): the USD users pay; null without a `demandUsd` signal. */
  revenueUsd: number | null;
  /** Σ minted × price over the horizon (mean of each step's product): the USD value of new tokens; null without a price. */
  incentivesUsd: number | null;
  /** revenueUsd / incentivesUsd; null if either is null or nothing was minted. */
  revenueToIncentives: number | null;
  /**
   * Years until a provider who joins at the start earns back its hardware: the first step at which
   * Σ (mean provider revenue / mean active providers − mean running cost per provider) reaches the
   * `capex.usd` of the first population that has one. Null with a note where it is not defined or not reached.
   */
  providerPaybackYears: number | null;
  providerPaybackNote: PaybackNote | null;
  /** With a chain: the mean on-chain cost in USD per year over the horizon. */
  chainCostUsdPerYear: number | null;
  /** With a chain: the highest mean utilisation of the chain's throughput over the horizon's steps. */
  chainUtilisationPeak: number | null;
}

/** What {@link compare} returns: the options used and one row per model. */
export interface CompareResult {
  years: number;
  runs: number;
  seed: number;
  chain: string | null;
  rows: CompareRow[];
}

/** Name of the signal compare adds to a model to value its mint at the step's price. */
export const INCENTIVES_SIGNAL = 'compare_incentivesUsd';

/** Mean of a running-cost distribution. */
function meanOf(d: { kind: string; value?: number; min?: number; max?: number; median?: number; sigma?: number }): number {
  if (d.kind === 'constant') return d.value!;
  if (d.kind === 'uniform') return (d.min! + d.max!) / 2;
  return d.median! * Math.exp((d.sigma! * d.sigma!) / 2);
}

type PopulationBlock = Extract<ModelSpec['blocks'][number], { kind: 'population' }>;

/** The population whose payback compare reports: the first with a hardware cost (`capex.usd` > 0). */
function paybackPopulation(spec: ModelSpec): PopulationBlock | undefined {
  return spec.blocks.find((b): b is PopulationBlock => b.kind === 'population' && (b.capex?.usd ?? 0) > 0);
}

/** The spec compare runs: the model, a signal valuing each step's mint at the price (if the main asset has one) and the chain (if any). */
export function compareSpec(spec: ModelSpec, chain?: string): ModelSpec {
  let s = spec;
  const main = spec.mainAsset;
  if (spec.blocks.some((b) => b.kind === 'price' && b.asset === main)) {
    s = {
      ...s,
      signals: { ...(s.signals ?? {}), [INCENTIVES_SIGNAL]: { initial: 0, unit: 'USD', description: "the USD value of the step's mint at the step's price" } },
      blocks: [...s.blocks, { id: INCENTIVES_SIGNAL, kind: 'signal', set: INCENTIVES_SIGNAL, formula: `${main}.minted * ${main}.price` } as ModelSpec['blocks'][number]],
    };
  }
  return chain === undefined ? s : withChain(s, chain);
}

/**
 * The row of figures of one result (of a spec made by {@link compareSpec}); `spec` is that spec.
 * @example
 * ```ts
 * const spec = compareSpec(helium({ years: 1 }));
 * const row = compareRow('helium', spec, await run(spec, { metrics: compareMetrics(spec) }));
 * ```
 */
export function compareRow(name: string, spec: ModelSpec, r: RunResult): CompareRow {
  const S = r.steps;
  const s = r.summary();
  const opt = (m: string) => (r.has(m) ? r.metric(m) : undefined);
  const total = r.metric('totalSupply').mean;
  const finite = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);
  const cm = s.cumulativeMintedMean,
    cb = s.cumulativeBurnedMean;

  // burn above mint over a trailing 30 days
  const w = Math.max(1, Math.round(30 / r.stepDays));
  const cumM = r.metric('cumulativeMinted').mean,
    cumB = r.metric('cumulativeBurned').mean;
  let cross: number | null = null;
  for (let t = 1; t <= S && cross === null; t++) {
    const a = Math.max(0, t - w);
    if (cumB[t]! - cumB[a]! > cumM[t]! - cumM[a]!) cross = t;
  }

  const staked = opt('stakedSupply')?.mean;
  const circ = r.metric('circulatingSupply').mean;
  const sum = (x: Float64Array | undefined) => (x ? x.reduce((acc, v, t) => (t === 0 ? acc : acc + v), 0) : null);
  const revenue = sum(opt('demandUsd')?.mean);
  const incentives = sum(opt(INCENTIVES_SIGNAL)?.mean);

  // provider payback
  let payback: number | null = null;
  let note: PaybackNote | null = null;
  const pop = paybackPopulation(spec);
  if (!spec.blocks.some((b) => b.kind === 'population')) note = 'no providers';
  else if (!pop?.capex) note = 'no hardware cost';
  else {
    const per = pop.costPer === 'step' ? r.stepDays : PERIOD_DAYS[pop.costPer];
    const costStep = (meanOf(pop.cost) * r.stepDays) / per;
    const rev = r.metric(`${pop.id}.revenueUsd`).mean,
      active = r.metric(`${pop.id}.active`).mean;
    let net = 0;
    for (let t = 1; t <= S && payback === null; t++) {
      net += (active[t]! > 0 ? rev[t]! / active[t]! : 0) - costStep;
      if (net >= pop.capex.usd) payback = (t * r.stepDays) / 365;
    }
    if (payback === null) note = 'not within the horizon';
  }

  const chainCost = opt('chain.costUsd')?.mean;
  const util = opt('chain.utilisation')?.mean;
  return {
    model: name,
    step: r.step,
    steps: S,
    inflationPerYear: finite(s.supplyGrowthPerYear),
    burnMintRatio: cm !== null && cb !== null && cm > 0 ? cb / cm : null,
    burnExceedsMintDate: cross === null ? null : r.dateAt(cross),
    burnExceedsMintStep: cross,
    circulatingRatio: total[S]! > 0 ? circ[S]! / total[S]! : null,
    stakingRatio: staked && total[S]! > 0 ? staked[S]! / total[S]! : null,
    revenueUsd: revenue,
    incentivesUsd: incentives,
    revenueToIncentives: revenue !== null && incentives !== null && incentives > 0 ? revenue / incentives : null,
    providerPaybackYears: payback,
    providerPaybackNote: note,
    chainCostUsdPerYear: chainCost ? (sum(chainCost)! / (S * r.stepDays)) * 365 : null,
    chainUtilisationPeak: util ? util.reduce((m, v) => Math.max(m, v), 0) : null,
  };
}

/** The metrics compare stores for a spec made by {@link compareSpec}. */
export function compareMetrics(spec: ModelSpec): string[] {
  const valid = validateSpec(spec);
  const want = ['totalSupply', 'circulatingSupply', 'cumulativeMinted', 'cumulativeBurned', 'stakedSupply', 'demandUsd', INCENTIVES_SIGNAL, 'chain.costUsd', 'chain.utilisation'];
  const have = new Set([...defaultMetrics(valid), ...valid.blocks.filter((b) => b.kind === 'chainCost').flatMap((b) => [`${b.id}.costUsd`, `${b.id}.utilisation`])]);
  const pop = paybackPopulation(spec);
  return [...want.filter((m) => have.has(m)), ...(pop ? [`${pop.id}.active`, `${pop.id}.revenueUsd`] : [])];
}

/**
 * Runs models over the same horizon and returns one row of headline figures per model:
 * annualised inflation, burn/mint ratio, when burning first exceeds minting, circulating and
 * staking ratios, revenue against token incentives, provider payback and, with a chain, the
 * yearly on-chain cost. With no names it compares every registered model.
 *
 * @throws FlywheelError `MODEL_UNKNOWN` for a name that is not a registered model or a chain not in the catalogue
 * @example
 * ```ts
 * const { rows } = await compare(['helium', 'render'], { years: 5, runs: 100, chain: 'solana' });
 * rows[0].burnMintRatio;
 * ```
 */
export async function compare(names: readonly string[] = [], options: CompareOptions = {}): Promise<CompareResult> {
  const list = names.length > 0 ? [...names] : Object.keys(models);
  for (const n of list) {
    if (!Object.hasOwn(models, n)) fail(ErrorCodes.MODEL_UNKNOWN, 'model', n, `unknown model "${n}"`, `Known models: ${Object.keys(models).join(', ')}.`);
  }
  if (options.chain !== undefined && !Object.hasOwn(chains, options.chain))
    fail(ErrorCodes.MODEL_UNKNOWN, 'chain', options.chain, `unknown chain "${options.chain}"`, `Known chains: ${Object.keys(chains).join(', ')}.`);
  const years = options.years ?? 10;
  if (!(Number.isFinite(years) && years > 0)) fail(ErrorCodes.RUN_INVALID_OPTION, 'years', years, 'years must be a positive number', 'Use e.g. years: 10.');
  const runs = options.runs ?? 200,
    seed = options.seed ?? 42;
  const rows: CompareRow[] = [];
  for (const [i, name] of list.entries()) {
    const spec = compareSpec(models[name]!.create({ years, runs, seed }), options.chain);
    const r = await run(spec, { engine: options.engine ?? 'wasm', threads: options.threads ?? 'auto', metrics: compareMetrics(spec) });
    rows.push(compareRow(name, spec, r));
    options.onModel?.(i + 1, list.length, name);
  }
  return { years, runs, seed, chain: options.chain ?? null, rows };
}

const COLUMNS: [keyof CompareRow, string, 'pct' | 'ratio' | 'usd' | 'date' | 'years' | 'text'][] = [
  ['model', 'model', 'text'],
  ['inflationPerYear', 'inflation/yr', 'pct'],
  ['burnMintRatio', 'burn/mint', 'ratio'],
  ['burnExceedsMintDate', 'burn > mint from', 'date'],
  ['circulatingRatio', 'circulating', 'pct'],
  ['stakingRatio', 'staked', 'pct'],
  ['revenueUsd', 'revenue', 'usd'],
  ['incentivesUsd', 'incentives', 'usd'],
  ['revenueToIncentives', 'rev/incent.', 'ratio'],
  ['providerPaybackYears', 'payback', 'years'],
  ['chainCostUsdPerYear', 'chain $/yr', 'usd'],
  ['chainUtilisationPeak', 'chain util.', 'pct'],
];

const money = (v: number): string => {
  const a = Math.abs(v);
  if (a >= 1e9) return `$${(v / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `$${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `$${(v / 1e3).toFixed(1)}k`;
  return `$${v.toFixed(2)}`;
};

function cell(row: CompareRow, key: keyof CompareRow, kind: string): string {
  const v = row[key];
  if (key === 'providerPaybackYears' && v === null) return row.providerPaybackNote === 'not within the horizon' ? 'never' : '—';
  if (v === null) return '—';
  if (kind === 'text' || kind === 'date') return String(v);
  const n = v as number;
  if (kind === 'pct') return Math.abs(n) < 1e-9 ? '0.00%' : Math.abs(n) < 1e-4 ? `${(n * 100).toExponential(1)}%` : `${(n * 100).toFixed(2)}%`; // below 1e-9: rounding of a constant supply
  if (kind === 'ratio') return n.toFixed(3);
  if (kind === 'years') return `${n.toFixed(1)} yr`;
  return money(n);
}

/** The comparison as a text table (what `flywheel compare` prints). */
export function formatCompareTable(c: CompareResult): string {
  const cols = COLUMNS.filter(([k]) => c.chain !== null || !k.startsWith('chain'));
  const head = cols.map(([, h]) => h);
  const body = c.rows.map((r) => cols.map(([k, , kind]) => cell(r, k, kind)));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  return [
    `${c.rows.length} models over ${c.years} years, ${c.runs} runs each, seed ${c.seed}${c.chain ? `, on-chain cost on ${c.chain}` : ''}`,
    'means over the runs; inflation: compound growth of total supply; burn/mint: cumulative; burn > mint from: the first 30 days burning more than minting;',
    'circulating, staked: shares of total supply at the horizon; revenue: Σ demandUsd; incentives: Σ minted × price; payback: a provider joining at the start; — not defined',
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ].join('\n');
}

/** The comparison as CSV: one row per model, the figures as numbers (empty where null). */
export function compareCSV(c: CompareResult): string {
  const keys: (keyof CompareRow)[] = [
    'model',
    'step',
    'steps',
    'inflationPerYear',
    'burnMintRatio',
    'burnExceedsMintDate',
    'burnExceedsMintStep',
    'circulatingRatio',
    'stakingRatio',
    'revenueUsd',
    'incentivesUsd',
    'revenueToIncentives',
    'providerPaybackYears',
    'providerPaybackNote',
    'chainCostUsdPerYear',
    'chainUtilisationPeak',
  ];
  const esc = (v: unknown) => (v === null ? '' : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  return `${keys.join(',')}\n${c.rows.map((r) => keys.map((k) => esc(r[k])).join(',')).join('\n')}\n`;
}
