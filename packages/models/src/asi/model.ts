import type { BlockSpec, ModelSpec } from '@flywheel/spec';

/**
 * Sources, as tagged in shared/reference/projects.md §8 (ASI Alliance): [SEED] the seed article
 * (Oct 2024), [OFF] the fetch.ai blog and SingularityDAO's MigrateToken contract (./rules.ts),
 * [DER] derived here by arithmetic (shown), [3P] a third-party page, [ASSUMPTION] a modelling
 * choice, [UNC] uncertain.
 */

/** FET supply before the merger: 1,152,997,575 [OFF fetch.ai blog 2024-05-03]. */
export const FET_SUPPLY_BEFORE = 1_152_997_575;
/** FET pre-minted for AGIX holders: 866,700,367 [OFF same]. */
export const AGIX_RESERVE = 866_700_367;
/** FET pre-minted for OCEAN holders: 610,849,199 [OFF same]. */
export const OCEAN_RESERVE = 610_849_199;
/** The merged supply: 1,152,997,575 + 866,700,367 + 610,849,199 = 2,630,547,141 FET/ASI [OFF same; DER sum]. */
export const MERGED_SUPPLY = FET_SUPPLY_BEFORE + AGIX_RESERVE + OCEAN_RESERVE;
/** 1 AGIX → 0.433350 FET [OFF MigrateToken clone ratio; blog]. */
export const AGIX_RATIO = 0.43335;
/** 1 OCEAN → 0.433226 FET [OFF same]. */
export const OCEAN_RATIO = 0.433226;
/** AGIX supply the reserve covers: 866,700,367 / 0.43335 = 2,000,000,847 [DER]. */
export const AGIX_SUPPLY = AGIX_RESERVE / AGIX_RATIO;
/** OCEAN supply the reserve covers: 610,849,199 / 0.433226 = 1,410,001,244 [DER; the deploy script's OCEAN_TOTAL_SUPPLY is 1.41B]. */
export const OCEAN_SUPPLY = OCEAN_RESERVE / OCEAN_RATIO;
/** 1 FET = 112.427 CUDOS before the fee [3P asi-calculator; UNC]. */
export const CUDOS_PER_FET = 112.427;
/** 1 FET = 118.344 CUDOS with the fee [3P asi-calculator `1/118.344`; UNC]; the fee 1 − 112.427/118.344 = 5.0% [DER]. */
export const CUDOS_PER_FET_WITH_FEE = 118.344;
export const CUDOS_FEE = 1 - CUDOS_PER_FET / CUDOS_PER_FET_WITH_FEE;
/** CUDOS total supply 10,000,000,000 [3P medium.com/cudos "Cudos token migration update", 2022; UNC at the merger]. */
export const CUDOS_SUPPLY = 10_000_000_000;
/** FET price at the start ≈ $1.40 [3P market data around 2024-10-01; UNC: the seed quotes no price]. */
export const FET_PRICE_USD = 1.4;
/** Fetch.ai: ~6,700 monthly active users, 30 active agents on Agentverse, 950 interactions [SEED]. */
export const MONTHLY_ACTIVE_USERS = 6_700;
export const ACTIVE_AGENTS = 30;
export const AGENT_INTERACTIONS = 950;
/** AI-agent market CAGR 44.8% to 2030 [SEED citing MarketsandMarkets]. */
export const AGENT_MARKET_CAGR = 0.448;
/** Cosmos SDK unbonding time 21 days on the Fetch.ai network [3P; UNC], 3 weekly steps. */
export const UNBONDING_WEEKS = 3;

/** Options of {@link asi}. */
export interface AsiOptions {
  /** Horizon in years (default 10), rounded to whole weeks. */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  seed?: number;
  /**
   * Share of the AGIX and OCEAN supply already converted at the start, 2024-10-01, three months into
   * phase 1 [ASSUMPTION; default 0.5: no chain reading]. CUDOS starts unconverted (its conversion
   * opened after the September 2024 governance votes [SEED]).
   */
  convertedAtStart?: number;
  /** Share of each remaining unconverted balance converted per week (the uptake; default 0.02) [ASSUMPTION]. */
  uptake?: number;
  /** Simulated agent operators (default 200). */
  agents?: number;
}

/**
 * The ASI alliance (Oct 2024), weekly: AGIX, OCEAN and CUDOS converted into FET (renamed ASI in
 * phase 2) by `conversion` blocks at the contracts' ratios — AGIX burnt and paid out of its
 * pre-minted FET reserve, OCEAN sent to the burn address and paid out of its reserve, CUDOS burnt
 * and minted net of the 5% fee — with the uptake an input; each source token priced by arbitrage at
 * ratio × the FET price; then the economy on the merged token: users buy FET to pay Agentverse
 * agents, a share of the payments goes to stakers, agent operators (a population whose capacity
 * caps the payments) sell what they earn, converted tokens are partly sold, stakers bond on the
 * APR.
 *
 * Order of a week: conversions; demand (agent payments, capped by the operators' capacity);
 * payments bought and split; operators paid and updated; stakers' rewards compounded; staking;
 * operator sales; the FET price; the source tokens' arbitrage prices.
 *
 * @example
 * ```ts
 * import { asi } from '@flywheel/models/asi';
 * import { run } from '@flywheel/sdk';
 * const result = await run(asi({ runs: 100 }), { metrics: ['FET.circulating', 'agix.amount', 'price'] });
 * result.metric('FET.circulating').p50.at(-1); // circulating FET after ten years
 * ```
 */
export function asi(options: AsiOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const c = options.convertedAtStart ?? 0.5;
  const agents = options.agents ?? 200;
  // [ASSUMPTION] 20% of the circulating FET is staked at the start (no seed figure).
  const bondedShare = 0.2;
  const circulating0 = FET_SUPPLY_BEFORE + c * (AGIX_RESERVE + OCEAN_RESERVE);
  const bonded = bondedShare * circulating0;
  // [ASSUMPTION] 30 active agents [SEED] out of 45 would-be operators; each handles ~950/30 interactions a month [SEED] and more as it grows (capacity lognormal).
  const activeShare = 2 / 3;
  const blocks: BlockSpec[] = [
    {
      id: 'agix',
      kind: 'conversion',
      from: { asset: 'AGIX', account: 'holders' },
      to: { asset: 'FET', account: 'liquid' },
      description: 'MigrateToken clone AGIX → FET: burnFrom the holder, pay out of the pre-minted FET [OFF]',
      amount: 'uptake * AGIX.holders',
      ratio: AGIX_RATIO,
      reserve: 'agixReserve',
    },
    {
      id: 'ocean',
      kind: 'conversion',
      from: { asset: 'OCEAN', account: 'holders' },
      to: { asset: 'FET', account: 'liquid' },
      description: 'MigrateToken clone OCEAN → FET: OCEAN is not burnable, sent to 0x…dEaD; paid out of the pre-minted FET [OFF]',
      amount: 'uptake * OCEAN.holders',
      ratio: OCEAN_RATIO,
      reserve: 'oceanReserve',
      sink: 'deadAddress',
    },
    {
      id: 'cudos',
      kind: 'conversion',
      from: { asset: 'CUDOS', account: 'holders' },
      to: { asset: 'FET', account: 'liquid' },
      description: 'CUDOS reconciliation on the Fetch.ai network: 112.427 CUDOS per FET less the 5% fee (118.344 net) [3P; UNC]; FET minted [UNC]',
      amount: 'uptake * CUDOS.holders',
      ratio: 1 / CUDOS_PER_FET,
      fee: CUDOS_FEE,
    },
    {
      id: 'demand',
      kind: 'signal',
      set: 'demandUsd',
      // potential agent payments grow at the seed's agent-market CAGR, noisy; the operators' capacity caps what is served
      formula: 'min(demand0 * (1 + growth) ^ years * exp(sigma * normal() - sigma ^ 2 / 2), operators.capacity * usdPerInteraction)',
    },
    {
      id: 'payments',
      kind: 'transfer',
      asset: 'FET',
      from: 'liquid',
      to: 'payments',
      description: 'users buy FET on the market to pay agents on Agentverse [SEED token use]',
      amount: 'demandUsd / FET.price',
    },
    {
      id: 'fees',
      kind: 'split',
      asset: 'FET',
      from: 'payments',
      rest: 'operatorEarnings',
      description: "[ASSUMPTION] a share of agent payments goes to stakers (staking for AI reputation [SEED]); the rest to the agents' operators",
      parts: [{ to: 'stakerRewards', share: 'stakerShare' }],
    },
    {
      id: 'operators',
      kind: 'population',
      count: agents,
      population: ACTIVE_AGENTS / activeShare,
      initialActive: activeShare,
      // [ASSUMPTION] an agent's hosting and upkeep: median $20/week; interactions per agent per week lognormal around 950/30 × 12/52 ≈ 7.3, with room to grow ×50.
      cost: { kind: 'lognormal', median: 20, sigma: 0.8 },
      costPer: 'week',
      capacity: { kind: 'lognormal', median: 50 * (AGENT_INTERACTIONS / ACTIVE_AGENTS) * (12 / 52), sigma: 0.6 },
      window: 8,
      minActiveSteps: 8,
      reentry: { probability: 0.05, threshold: 1.1 },
      pays: { asset: 'FET', from: 'operatorEarnings', to: 'operatorHeld' },
    },
    {
      id: 'compound',
      kind: 'transfer',
      asset: 'FET',
      from: 'stakerRewards',
      to: 'bonded',
      description: "stakers' rewards restaked",
      amount: 'FET.stakerRewards',
    },
    {
      id: 'staking',
      kind: 'bond',
      asset: 'FET',
      liquid: 'liquid',
      bonded: 'bonded',
      unbonding: 'unbonding',
      delay: UNBONDING_WEEKS,
      // [ASSUMPTION] holders bond when the fee APR beats their hurdle, unbond slowly below it; 0.1%/week churn.
      bond: 'bondResponse * FET.liquid * max(0, stakingApr / hurdle - 1)',
      unbond: 'bondResponse * FET.bonded * min(1, max(0, 1 - stakingApr / hurdle)) * 0.1 + churn * FET.bonded',
    },
    {
      id: 'operatorSales',
      kind: 'transfer',
      asset: 'FET',
      from: 'operatorHeld',
      to: 'liquid',
      description: 'operators sell the FET they earn',
      amount: 'operatorSellShare * FET.operatorHeld',
    },
    {
      id: 'price',
      kind: 'price',
      asset: 'FET',
      // [ASSUMPTION] price ×= exp(sensitivity × net buys / circulating): agent payments bought against sold conversions and operators' sales; 90%/yr volatility.
      model: {
        kind: 'impact',
        initial: FET_PRICE_USD,
        sensitivity: 1,
        volatility: { rate: 0.9, per: 'year' },
        floor: 0.01,
        flow: '(payments.amount - conversionSellShare * (agix.out + ocean.out + cudos.out) - operatorSales.amount) / FET.circulating',
      },
    },
    // arbitrage: a holder can always convert, so each source token trades at ratio × the FET price (net of the fee for CUDOS)
    { id: 'agixPrice', kind: 'signal', set: 'agixPriceUsd', formula: 'agixRatio * FET.price' },
    { id: 'oceanPrice', kind: 'signal', set: 'oceanPriceUsd', formula: 'oceanRatio * FET.price' },
    { id: 'cudosPrice', kind: 'signal', set: 'cudosPriceUsd', formula: 'cudosNet * FET.price' },
    {
      id: 'apr',
      kind: 'signal',
      set: 'stakingApr',
      formula: 'fees.amount * 52 / max(FET.bonded, 1)',
    },
  ];
  return {
    specVersion: 2,
    name: 'asi',
    description: 'ASI alliance (Oct 2024): AGIX, OCEAN and CUDOS converted into FET (renamed ASI) from pre-minted reserves at fixed ratios, arbitrage prices, agent payments, staking.',
    time: { step: 'week', steps: Math.round(years * 52), start: '2024-10-01' },
    mainAsset: 'FET',
    signals: {
      demandUsd: { initial: 0, unit: 'USD/week', description: 'agent payments in USD in the week' },
      stakingApr: { initial: 0, lag: true, description: "stakers' share of agent payments, annualised, over bonded FET" },
      agixPriceUsd: { initial: AGIX_RATIO * FET_PRICE_USD, unit: 'USD/AGIX', description: 'AGIX price by arbitrage: 0.433350 × FET' },
      oceanPriceUsd: { initial: OCEAN_RATIO * FET_PRICE_USD, unit: 'USD/OCEAN', description: 'OCEAN price by arbitrage: 0.433226 × FET' },
      cudosPriceUsd: { initial: FET_PRICE_USD / CUDOS_PER_FET_WITH_FEE, unit: 'USD/CUDOS', description: 'CUDOS price by arbitrage: FET / 118.344' },
    },
    assets: {
      FET: {
        kind: 'token',
        decimals: 18,
        description: "FET, renamed ASI in phase 2: the merged token. The migration clones' pre-minted reserves are not circulating",
        circulating: ['liquid', 'bonded', 'unbonding', 'held'],
        accounts: {
          liquid: { initial: circulating0 - bonded, tag: 'liquid' },
          bonded: { initial: bonded, tag: 'bonded' },
          unbonding: { tag: 'unbonding' },
          agixReserve: { initial: (1 - c) * AGIX_RESERVE, tag: 'reserves', description: 'FET pre-minted into the AGIX MigrateToken clone, not yet claimed' },
          oceanReserve: { initial: (1 - c) * OCEAN_RESERVE, tag: 'reserves', description: 'FET pre-minted into the OCEAN MigrateToken clone, not yet claimed' },
          payments: { tag: 'escrow', description: 'agent payments of the week before the split' },
          stakerRewards: { tag: 'rewards', description: "stakers' share of the week's payments" },
          operatorEarnings: { tag: 'rewards', description: "operators' share of the week's payments" },
          operatorHeld: { tag: 'held', description: 'FET operators hold before selling' },
        },
      },
      AGIX: {
        kind: 'token',
        decimals: 8,
        description: 'SingularityNET AGIX (ERC-20, burnable): burnt as it converts',
        accounts: { holders: { initial: (1 - c) * AGIX_SUPPLY, tag: 'liquid' } },
      },
      OCEAN: {
        kind: 'token',
        decimals: 18,
        description: 'Ocean Protocol OCEAN (ERC-20, not burnable): converted tokens sit at the burn address',
        circulating: ['liquid'],
        accounts: { holders: { initial: (1 - c) * OCEAN_SUPPLY, tag: 'liquid' }, deadAddress: { initial: c * OCEAN_SUPPLY, tag: 'held', description: '0x000…dEaD' } },
      },
      CUDOS: {
        kind: 'token',
        decimals: 18,
        description: 'CUDOS (Cosmos), burnt as it converts on the Fetch.ai network',
        accounts: { holders: { initial: CUDOS_SUPPLY, tag: 'liquid' } },
      },
    },
    params: {
      uptake: options.uptake ?? 0.02,
      // [ASSUMPTION] $1 of agent payments per interaction; potential payments at the start: 950 interactions a month [SEED] × 12/52 × $1.
      usdPerInteraction: 1,
      demand0: AGENT_INTERACTIONS * (12 / 52),
      growth: AGENT_MARKET_CAGR,
      sigma: 0.3,
      // [ASSUMPTION] 10% of agent payments to stakers; operators sell 30% of their FET a week; 30% of converted FET is sold.
      stakerShare: 0.1,
      operatorSellShare: 0.3,
      conversionSellShare: 0.3,
      // [ASSUMPTION] stakers' hurdle 5%/yr, 2%/week response, 0.1%/week churn.
      hurdle: 0.05,
      bondResponse: 0.02,
      churn: 0.001,
      agixRatio: AGIX_RATIO,
      oceanRatio: OCEAN_RATIO,
      cudosNet: 1 / CUDOS_PER_FET_WITH_FEE,
    },
    blocks,
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
