import type { ModelSpec } from '@flywheel/spec';

type Block = ModelSpec['blocks'][number];

/**
 * Sources, as tagged in shared/reference/projects.md §12 (Hivemapper): [SEED] the seed article (Oct 2024),
 * [OFF] the Hivemapper docs and Foundation pages (the rules ./rules.ts ports; the programs' source is not
 * public), [3P] streamingfast/substreams-hivemapper (an indexer of the programs), [DER] derived here by
 * arithmetic (shown), [UNC] uncertain, [ASSUMPTION] a modelling choice, not a fact.
 */

/** Maximum supply 10B HONEY. [OFF docs.hivemapper.com/honey-token/what-is-honey] */
export const MAX_SUPPLY = 10_000_000_000;
/** 40% to contributors, minted as Global Map Progress is made. [OFF same; global-map-progress] */
export const CONTRIBUTOR_POOL = 0.4 * MAX_SUPPLY;
/** First mint 2022-11-01. [OFF what-is-honey] */
export const FIRST_MINT = '2022-11-01';
/** Market cap $334M; circulating ratio 43%; 28% of the world's roads covered; >371M km mapped. [SEED] */
export const MARKET_CAP_USD = 334_000_000;
export const CIRCULATING_RATIO = 0.43;
export const COVERAGE = 0.28;
export const KM_MAPPED = 371_000_000;
/** Circulating HONEY = 43% of the max supply = 4.3B. [DER from SEED] */
export const HONEY_CIRCULATING = CIRCULATING_RATIO * MAX_SUPPLY;
/** Price = $334M / 4.3B = $0.077674. [DER from SEED] */
export const HONEY_PRICE_USD = MARKET_CAP_USD / HONEY_CIRCULATING;
/**
 * Contributor HONEY minted by 2024-10-01: 28% × 4B = 1.12B, reading "all 4 billion HONEY tokens will be minted as
 * Global Map Progress is made" as cumulative rewards = 4B × progress, with progress measured by the seed's
 * coverage. [DER; UNC: the function from progress to HONEY was not found]
 */
export const CONTRIBUTORS_MINTED = COVERAGE * CONTRIBUTOR_POOL;
/** Weeks from the first mint to 2024-10-01: 700 days = 100 weeks. [DER] */
export const WEEKS_SINCE_LAUNCH = 100;
/**
 * Coverage gain per week at the start: 28% in 100 weeks = 0.28 points a week; with fresh roads getting rarer as
 * (1 − coverage), the gain per week is 0.0028 / 0.72 = 0.003889 × (1 − coverage) at the start's contributors.
 * [DER from SEED; ASSUMPTION: the average pace of the first two years continues]
 */
export const COVERAGE_GAIN = COVERAGE / WEEKS_SINCE_LAUNCH / (1 - COVERAGE);
/** Minted, not circulating, at the start: 6B non-contributor allocations + 1.12B − 4.3B circulating = 2.82B. [DER] */
export const LOCKED_AT_START = MAX_SUPPLY - CONTRIBUTOR_POOL + CONTRIBUTORS_MINTED - HONEY_CIRCULATING;
/** The locked allocations unlock linearly until 2026-11-01, four years after the first mint. [ASSUMPTION; UNC: the vesting schedule was not found] */
export const UNLOCK_END = '2026-11-01';
/** Map Credit $0.005; $0.0075 from 2025-01-01 (MIP-19). [OFF hivemapperfoundation.org burn-and-mint; MIP-19] */
export const MAP_CREDIT_USD = 0.005;
export const MAP_CREDIT_USD_MIP19 = 0.0075;
export const MIP19_FROM = '2025-01-01';
/** MIP-15: 25% of the week's burn re-minted as Consumption Rewards, at most 500,000 HONEY a week. [OFF MIP-15] */
export const REMINT_FRACTION = 0.25;
export const REMINT_CAP_PER_WEEK = 500_000;
/** Map Credits consumed a week at the start: 8M ($40,000 at $0.005). [ASSUMPTION; UNC: neither the seed nor the docs give a burn figure] */
export const MAP_CREDITS_PER_WEEK = 8_000_000;
/** Active contributors at the start: 20,000. [ASSUMPTION; UNC: no count in the seed or the reference] */
export const CONTRIBUTORS = 20_000;

const DAY_MS = 86_400_000;
const toDays = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Options of {@link hivemapper}; every field has a documented default. */
export interface HivemapperOptions {
  /** Horizon in years (default 10), rounded to whole weeks. */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Simulated contributor agents (default 500; each stands for contributors / agents drivers). */
  agents?: number;
  /** Active contributors at the start (default 20,000 [UNC]). */
  contributors?: number;
  /**
   * Rule version (default '2024-10'): MIP-15's 25% re-mint capped at 500,000 a week and Map Credits at $0.005;
   * '2025-01' adds MIP-19's $0.0075 Map Credit from 2025-01-01 (the same data costs 50% more USD);
   * 'pre-mip15' re-mints 100% of the burn, uncapped (the rule before 2024-04-16).
   */
  rules?: '2024-10' | '2025-01' | 'pre-mip15';
}

/**
 * The Hivemapper (HONEY) model, weekly from 2024-10-01 (rewards are weekly, Monday to Sunday): HONEY and Map
 * Credits as assets; the 10B cap with the issuer holding what is left of the 4B contributor pool; weekly map
 * progress rewards of 4B × the week's gain in coverage, which grows with the active contributors and slows as
 * roads run out; data consumers burning HONEY for USD-priced Map Credits; MIP-15's re-mint of 25% of last week's
 * burn, at most 500,000 a week; the locked allocations unlocking into circulation; contributors (a population)
 * paid the week's rewards; demand that follows coverage; a share of payouts and unlocks sold into an impact
 * price. Every number's source is above and in docs/models/hivemapper.md.
 *
 * Order of a step: last week's coverage; this week's coverage; demand; map-progress mint; MIP-15 re-mint;
 * unlock; the credit burn (at last week's price); contributors paid and updated; price.
 *
 * @example
 * ```ts
 * import { hivemapper } from '@flywheel/models/hivemapper';
 * import { run } from '@flywheel/sdk';
 * const result = await run(hivemapper({ runs: 100 }), { metrics: ['coverage', 'progress.amount', 'consumption.amount', 'price'] });
 * ```
 */
export function hivemapper(options: HivemapperOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const agents = options.agents ?? 500;
  const contributors = options.contributors ?? CONTRIBUTORS;
  const rules = options.rules ?? '2024-10';
  const start = '2024-10-01';
  const steps = Math.round((years * 365) / 7);
  const stepOf = (iso: string) => Math.floor((toDays(iso) - toDays(start)) / 7 + 1e-9) + 1;
  const mip19 = rules === '2025-01';
  const s19 = stepOf(MIP19_FROM); // the week holding 2025-01-01
  const unlockEnd = stepOf(UNLOCK_END);
  const creditPrice = mip19 ? `(t < ${s19} ? ${MAP_CREDIT_USD} : ${MAP_CREDIT_USD_MIP19})` : String(MAP_CREDIT_USD);

  const burnBlocks: Block[] = mip19
    ? [
        { id: 'mapCreditsOld', kind: 'creditBurn', asset: 'HONEY', from: 'liquid', credit: 'MC', usd: 'demandUsd', clock: { until: s19 }, description: 'Map Credits at $0.005 until 2024-12-31' },
        {
          id: 'mapCredits',
          kind: 'creditBurn',
          asset: 'HONEY',
          from: 'liquid',
          credit: 'MC19',
          usd: 'demandUsd',
          clock: { from: s19 },
          description: 'Map Credits at $0.0075 from 2025-01-01 (MIP-19)',
        },
      ]
    : [
        {
          id: 'mapCredits',
          kind: 'creditBurn',
          asset: 'HONEY',
          from: 'liquid',
          credit: 'MC',
          usd: 'demandUsd',
          description: 'data consumers burn HONEY for Map Credits at the price [OFF burn-and-mint]',
        },
      ];

  const blocks: Block[] = [
    { id: 'lastCoverage', kind: 'signal', set: 'coveragePrev', formula: 'coverage' },
    {
      id: 'mapping',
      kind: 'signal',
      set: 'coverage',
      description: 'coverage grows with the active contributors, slowing as the uncovered roads run out [DER; ASSUMPTION]',
      formula: 'min(1, coverage + gain * (contributors.capacity / capacity0) * (1 - coverage))',
    },
    {
      id: 'demand',
      kind: 'signal',
      set: 'mapCreditsUsed',
      formula: 'credits0 * (1 + growth) ^ years * exp(sigma * normal() - sigma ^ 2 / 2) * (coverage / coverage0) ^ elasticity',
    },
    { id: 'demandInUsd', kind: 'signal', set: 'demandUsd', formula: `mapCreditsUsed * ${creditPrice}` },
    {
      id: 'progress',
      kind: 'transfer',
      asset: 'HONEY',
      from: 'issuer',
      to: 'rewards',
      description: 'weekly map-progress rewards: 4B × the week\'s gain in Global Map Progress (coverage) [OFF "all 4 billion ... minted as Global Map Progress is made"; UNC the function]',
      amount: 'contributorPool * max(0, coverage - coveragePrev)',
    },
    {
      id: 'consumption',
      kind: 'remint',
      asset: 'HONEY',
      of: 'HONEY.burned',
      window: 1,
      to: 'rewards',
      ...(rules === 'pre-mip15' ? { fraction: 1 } : { fraction: REMINT_FRACTION, cap: { amount: REMINT_CAP_PER_WEEK, per: 'week' as const } }),
      description:
        rules === 'pre-mip15'
          ? "Consumption Rewards before MIP-15: all of last week's burn re-minted"
          : "MIP-15 Consumption Rewards: 25% of last week's burn re-minted, at most 500,000 HONEY a week; the rest stays burned [OFF]",
    },
    {
      id: 'unlock',
      kind: 'transfer',
      asset: 'HONEY',
      from: 'locked',
      to: 'liquid',
      clock: { until: unlockEnd },
      description: 'the locked allocations released linearly to 2026-11-01 [ASSUMPTION]',
      amount: `${LOCKED_AT_START / (unlockEnd - 1)}`,
    },
    ...burnBlocks,
    {
      id: 'contributors',
      kind: 'population',
      count: agents,
      population: contributors,
      // [ASSUMPTION] a driver's data plan, wear and time, median $12 a week, wide spread; a $549 dashcam earned back in a year.
      cost: { kind: 'lognormal', median: 12, sigma: 0.8 },
      costPer: 'week',
      capex: { usd: 549, payback: { amount: 1, unit: 'year' } },
      // [ASSUMPTION] drivers judge on 8 weeks of rewards; 3% a week join when revenue beats 1.2 × cost.
      window: 8,
      minActiveSteps: 8,
      reentry: { probability: 0.03, threshold: 1.2 },
      pays: { asset: 'HONEY', from: 'rewards', to: 'liquid' },
    },
    {
      id: 'price',
      kind: 'price',
      asset: 'HONEY',
      // [ASSUMPTION] price ×= exp(net buying / circulating): the burn less the shares of rewards and unlocks sold; 100%/yr volatility.
      model: {
        kind: 'impact',
        initial: HONEY_PRICE_USD,
        sensitivity: 1,
        volatility: { rate: 1, per: 'year' },
        floor: 0.0001,
        flow: '(HONEY.burned - rewardSell * (progress.amount + consumption.amount) - unlockSell * unlock.amount) / HONEY.circulating',
      },
    },
  ];

  return {
    specVersion: 2,
    name: 'hivemapper',
    description: 'Hivemapper HONEY + Map Credits: weekly map-progress rewards from the 4B pool, the MIP-15 re-mint, unlocks, contributor churn (Oct 2024).',
    time: { step: 'week', steps, start },
    mainAsset: 'HONEY',
    assets: {
      HONEY: {
        kind: 'token',
        decimals: 9,
        cap: MAX_SUPPLY,
        description: 'circulating 43% of the max supply [SEED]; the issuer holds what is left of the 4B contributor pool [DER]',
        accounts: {
          liquid: { initial: HONEY_CIRCULATING, tag: 'liquid' },
          locked: { initial: LOCKED_AT_START, tag: 'vesting', description: 'investor, employee, Hivemapper Inc. and Foundation HONEY not yet circulating [DER]' },
          rewards: { tag: 'rewards', description: "the week's contributor rewards (map progress + consumption)" },
        },
      },
      MC: { kind: 'credit', decimals: 0, priceUsd: MAP_CREDIT_USD, accounts: {}, description: 'Map Credits, $0.005, non-transferable, only by burning HONEY [OFF]' },
      ...(mip19 ? { MC19: { kind: 'credit' as const, decimals: 0, priceUsd: MAP_CREDIT_USD_MIP19, accounts: {}, description: 'Map Credits at $0.0075 from 2025-01-01 (MIP-19) [OFF]' } } : {}),
    },
    params: {
      contributorPool: CONTRIBUTOR_POOL,
      gain: COVERAGE_GAIN,
      capacity0: contributors,
      credits0: MAP_CREDITS_PER_WEEK,
      // [ASSUMPTION] 30%/yr growth of map consumption; lognormal weekly noise sigma 0.3; demand ∝ coverage^0.5 (a map sells by what it covers).
      growth: 0.3,
      sigma: 0.3,
      elasticity: 0.5,
      coverage0: COVERAGE,
      // [ASSUMPTION] contributors sell 70% of their rewards, unlocked holders 50% of what unlocks.
      rewardSell: 0.7,
      unlockSell: 0.5,
    },
    signals: {
      coverage: { initial: COVERAGE, lag: true, description: "Global Map Progress: the share of the world's roads covered (28% at the start [SEED])" },
      coveragePrev: { initial: COVERAGE, description: "last week's coverage" },
      mapCreditsUsed: { initial: MAP_CREDITS_PER_WEEK, description: 'Map Credits consumed in the week' },
      demandUsd: { initial: MAP_CREDITS_PER_WEEK * MAP_CREDIT_USD, unit: 'USD/week', description: 'USD of Map Credits bought in the week' },
    },
    blocks,
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
