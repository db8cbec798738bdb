import type { BlockSpec, ModelSpec } from '@flywheel/spec';

/**
 * Sources, as tagged in shared/reference/projects.md §5 (Akash): [SEED] the seed article (Oct
 * 2024), [OFF] akash-network/node (the code ./rules.ts ports, commits there) and Akash's forum and
 * docs, [DER] derived here by arithmetic (shown), [3P] a third-party page, [ASSUMPTION] a
 * modelling choice, [UNC] uncertain.
 */

/** Max supply ≈ 3.89 M0: 388,539,008 AKT [OFF AEP-22; exact figure UNC]. */
export const MAX_SUPPLY = 388_539_008;
/** Circulating ratio 63.92% of max supply [SEED]. */
export const CIRCULATING_RATIO = 0.6392;
/** Supply at the start: 63.92% × 388,539,008 = 248,354,134 AKT, all of it circulating [DER from SEED]. */
export const AKT_SUPPLY = CIRCULATING_RATIO * MAX_SUPPLY;
/** Market cap $995M [SEED]; price = $995M / 248.35M = $4.006 [DER]. */
export const MARKET_CAP_USD = 995_000_000;
export const AKT_PRICE_USD = MARKET_CAP_USD / AKT_SUPPLY;
/** Annual inflation 13.00% [SEED]: the mint module's `inflation` at the start. */
export const INFLATION = 0.13;
/** Staking APR 15.39% [SEED]. */
export const STAKING_APR = 0.1539;
/**
 * x/distribution `community_tax` 20% [UNC: Akash raised it from 2% (a 2022 proposal took it to
 * 10% [3P polkachu.com/gov_proposals]); 20% at the seed date is not re-read on chain].
 */
export const COMMUNITY_TAX = 0.2;
/**
 * Bonded ratio at the start, from the seed's APR: 13% × (1 − 20%) / 15.39% = 0.6758 [DER from SEED, UNC tax];
 * "more than half of circulating supply is staked" [SEED].
 */
export const BONDED_RATIO = (INFLATION * (1 - COMMUNITY_TAX)) / STAKING_APR;
/** Community pool 4.7% of circulating supply [SEED] = 11.67M AKT [DER] (the seed's "$30M" is $2.57/AKT: it contradicts the $995M market cap; docs/models/akash.md). */
export const COMMUNITY_POOL_SHARE = 0.047;
/** Mint params: `goal_bonded` 67% [OFF Akash forum "Proposal: Inflation Update 2.0": "a target staked ratio of 67%"; Cosmos default]. */
export const GOAL_BONDED = 0.67;
/** `inflation_rate_change` 500% a year [OFF forum "Proposal: Inflation Update 3.0" (Jan 2022); later changes UNC]. */
export const INFLATION_RATE_CHANGE = 5;
/** `inflation_max` 15%, `inflation_min` 5% [OFF forum "Akash Inflation Proposal 4" (2022), the last of the hand-set proposals the reference has; UNC at the seed date]. */
export const INFLATION_MAX = 0.15;
export const INFLATION_MIN = 0.05;
/** `blocks_per_year` 5,256,000: 6-second blocks, 14,400 a day [OFF the constant of akash-network/node inflation_calculator_test.go; UNC on chain]. */
export const BLOCKS_PER_YEAR = 5_256_000;
export const BLOCKS_PER_DAY = BLOCKS_PER_YEAR / 365;
/**
 * The x/inflation band of the `'x-inflation'` rule version: akash-network/node's own test parameters
 * (I0 = 48.546257% at genesis 2021-03-08, T½ = 2.10306569 years of 31,557,600 s, variance 5%) [OFF
 * inflation_calculator_test.go @ 61fd2633], I0 taken as a fraction (0.48546257; the code reads it
 * in percent, docs/models/akash.md). Never live on mainnet [OFF forum "Akash Inflation Proposal 4"].
 */
export const IDEAL_INITIAL = 0.48546257;
export const IDEAL_HALF_LIFE_YEARS = 2.10306569;
export const IDEAL_VARIANCE = 0.05;
export const IDEAL_ORIGIN = '2021-03-08';
/** Take rates: 4% on AKT leases, 20% on USDC leases, into the community pool [SEED; OFF x/take, x/escrow sendFeeToCommunityPool]. */
export const TAKE_RATE_AKT = 0.04;
export const TAKE_RATE_USDC = 0.2;
/** Daily revenue ~$4,000 [SEED]. */
export const DAILY_REVENUE_USD = 4_000;
/** ~20,000 CPUs [SEED], utilisation ~20% [SEED] (15–70% range). */
export const CPUS = 20_000;
export const UTILISATION = 0.2;
/** Lease revenue per used CPU-day: $4,000 / (20,000 × 20%) = $1.00 [DER from SEED]. */
export const USD_PER_CPU_DAY = DAILY_REVENUE_USD / (CPUS * UTILISATION);
/** Unbonding period 21 days [UNC: the Cosmos default, not re-read]. */
export const UNBONDING_DAYS = 21;

/** Options of {@link akash}; every field has a documented default. */
export interface AkashOptions {
  /** Horizon in years (default 10), rounded to whole days. */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Simulated provider agents (default 200; they stand for 450 providers, 300 of them active). */
  agents?: number;
  /**
   * Rule version (default `'2024-10'`): the mint module as it ran at the seed date (Cosmos
   * `NextInflationRate` between the hand-set min and max). `'x-inflation'` adds Akash's band around
   * the decaying ideal curve (the x/inflation design, which never ran on mainnet).
   */
  rules?: '2024-10' | 'x-inflation';
  /** Share of lease demand paid in USDC (default 0.5 [ASSUMPTION]: AEP-23 stable payments went live in 2024, the split is not in the sources). */
  usdcShare?: number;
}

/**
 * The Akash (AKT) model, one step a day (14,400 blocks of 6 s), start 2024-10-01: the mint
 * module moves the annual inflation every block toward the 67% bonded goal (500%/yr at most)
 * between 5% and 15% (or, with `rules: 'x-inflation'`, inside ±5% of the decaying ideal curve), and
 * mints supply × inflation / blocks per year each block; 20% of the mint goes to the community pool,
 * the rest to stakers, who bond and unbond (21 days) on the staking APR; tenants pay leases in AKT
 * and in USDC (a second asset), the take fee (4% AKT, 20% USDC) goes to the community pool, and the
 * rest to providers (a population paid in both, with CPU capacity that caps the demand served);
 * the community pool funds provider incentives; AKT's price moves on tenants' buys against
 * stakers' and providers' sales.
 * See docs/models/akash.md.
 *
 * Order of a step: demand (potential USD demand, served up to the providers' capacity); the mint
 * (bonded ratio at the start of the day); the community tax; leases (AKT bought by tenants, USDC
 * bridged in), the take fees; community-pool provider incentives; providers paid and updated;
 * staking; sales; the price.
 *
 * @example
 * ```ts
 * import { akash } from '@flywheel/models/akash';
 * import { run } from '@flywheel/sdk';
 * const result = await run(akash({ runs: 100 }), { metrics: ['totalSupply', 'inflation.rate', 'stakingApr'] });
 * result.metric('inflation.rate').p50.at(-1); // the annual inflation after ten years
 * ```
 */
export function akash(options: AkashOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const agents = options.agents ?? 200;
  const band = options.rules === 'x-inflation';
  const pool = COMMUNITY_POOL_SHARE * AKT_SUPPLY;
  const bonded = BONDED_RATIO * AKT_SUPPLY;
  // [ASSUMPTION] 300 providers stand behind the 20,000 CPUs (≈67 each); the pool of would-be providers is 1.5× the active ones.
  const providers = 300;
  const activeShare = 2 / 3;
  const blocks: BlockSpec[] = [
    {
      id: 'demand',
      kind: 'signal',
      set: 'demandUsd',
      // potential demand grows and is noisy; the providers' capacity (at most maxUtilisation) caps what is served
      formula: 'min(demand0 * (1 + growth) ^ years * exp(sigma * normal() - sigma ^ 2 / 2), maxUtilisation * providers.capacity * usdPerCpuDay)',
    },
    {
      id: 'inflation',
      kind: 'bandController',
      asset: 'AKT',
      to: 'rewards',
      description: 'Cosmos x/mint BeginBlocker: NextInflationRate then BlockProvision, 14,400 blocks a day [OFF cosmos-sdk v0.45.16 x/mint; akash-network/node app.go]',
      ratio: 'AKT.bonded / AKT.totalSupply',
      goal: GOAL_BONDED,
      rateChange: INFLATION_RATE_CHANGE,
      initial: INFLATION,
      ticksPerYear: BLOCKS_PER_YEAR,
      ticksPerStep: BLOCKS_PER_DAY,
      // x/inflation replaces [min, max] by the band [max(0, I − I·v), I + I·v] around the ideal curve [OFF inflation_calculator.go]
      ...(band
        ? { ideal: { initial: IDEAL_INITIAL, halfLife: { amount: IDEAL_HALF_LIFE_YEARS * 365.25, unit: 'day' as const }, variance: IDEAL_VARIANCE, origin: IDEAL_ORIGIN } }
        : { min: INFLATION_MIN, max: INFLATION_MAX }),
    },
    {
      id: 'distribution',
      kind: 'split',
      asset: 'AKT',
      from: 'rewards',
      rest: 'liquid',
      description: 'x/distribution: community_tax to the community pool [OFF]; stakers restake part of their rewards [ASSUMPTION]',
      parts: [
        { to: 'communityPool', share: COMMUNITY_TAX },
        { to: 'bonded', share: '(1 - communityTax) * restake' },
      ],
    },
    {
      id: 'aktLeases',
      kind: 'transfer',
      asset: 'AKT',
      from: 'liquid',
      to: 'leases',
      description: 'tenants buy AKT and pay AKT leases (escrow settles them the same day)',
      amount: 'demandUsd * (1 - usdcShare) / AKT.price',
    },
    {
      id: 'aktTake',
      kind: 'split',
      asset: 'AKT',
      from: 'leases',
      rest: 'providerEarnings',
      description: 'x/take SubtractFees at 4% on uakt, fee to the community pool [OFF; SEED]',
      parts: [{ to: 'communityPool', share: TAKE_RATE_AKT }],
    },
    {
      id: 'usdcLeases',
      kind: 'transfer',
      asset: 'USDC',
      from: 'issuer',
      to: 'leases',
      description: 'USDC bridged in (IBC) by tenants and paid for leases',
      amount: 'demandUsd * usdcShare / USDC.price',
    },
    {
      id: 'usdcTake',
      kind: 'split',
      asset: 'USDC',
      from: 'leases',
      rest: 'providers',
      description: 'x/take at 20% on USDC, fee to the community pool [OFF; SEED]',
      parts: [{ to: 'communityPool', share: TAKE_RATE_USDC }],
    },
    {
      id: 'incentives',
      kind: 'transfer',
      asset: 'AKT',
      from: 'communityPool',
      to: 'providerEarnings',
      description: 'community-pool spends on provider incentives [ASSUMPTION: a share of the pool a year, as the 2024 GPU provider incentive proposals]',
      amount: 'incentiveRate * AKT.communityPool',
    },
    {
      id: 'providers',
      kind: 'population',
      count: agents,
      population: providers / activeShare,
      initialActive: activeShare,
      // [ASSUMPTION] a provider's hardware, power and operations: median $25/day, wide spread; CPUs per provider lognormal around 67.
      cost: { kind: 'lognormal', median: 25, sigma: 0.6 },
      costPer: 'day',
      capacity: { kind: 'lognormal', median: (CPUS / providers) * Math.exp(-0.5 * 0.5 * 0.5), sigma: 0.5 },
      // [ASSUMPTION] providers judge on 30 days of revenue; 2%/day join when revenue per CPU beats 1.2 × cost per CPU.
      window: 30,
      minActiveSteps: 30,
      reentry: { probability: 0.02, threshold: 1.2 },
      pays: { asset: 'AKT', from: 'providerEarnings', to: 'providerHeld' },
      usd: 'usdcTake.amount * (1 - takeRateUsdc) * USDC.price',
    },
    {
      id: 'staking',
      kind: 'bond',
      asset: 'AKT',
      liquid: 'liquid',
      bonded: 'bonded',
      unbonding: 'unbonding',
      delay: UNBONDING_DAYS,
      // [ASSUMPTION] holders bond (or unbond) a share of their liquid (bonded) AKT a day in proportion to how far the APR is above (below) their hurdle.
      bond: 'bondResponse * AKT.liquid * max(0, stakingApr / hurdle - 1)',
      unbond: 'bondResponse * AKT.bonded * max(0, 1 - stakingApr / hurdle) + churn * AKT.bonded',
    },
    {
      id: 'providerSales',
      kind: 'transfer',
      asset: 'AKT',
      from: 'providerHeld',
      to: 'liquid',
      description: 'providers sell the AKT they earn to pay their costs',
      amount: 'providerSellShare * AKT.providerHeld',
    },
    {
      id: 'price',
      kind: 'price',
      asset: 'AKT',
      // [ASSUMPTION] price ×= exp(sensitivity × net buys / circulating): tenants' AKT buys against stakers' sold rewards and providers' sales; 90%/yr volatility.
      model: {
        kind: 'impact',
        initial: AKT_PRICE_USD,
        sensitivity: 1,
        volatility: { rate: 0.9, per: 'year' },
        floor: 0.01,
        flow: '(aktLeases.amount - rewardSellShare * (distribution.amount * (1 - communityTax) * (1 - restake)) - providerSales.amount) / AKT.circulating',
      },
    },
    { id: 'usdcPrice', kind: 'price', asset: 'USDC', model: { kind: 'constant', initial: 1 } },
  ];
  return {
    specVersion: 2,
    name: 'akash',
    description: 'Akash AKT + USDC: Cosmos mint toward 67% bonded (or the x/inflation band), community tax, take rates, staking on APR, providers paid by leases (Oct 2024).',
    time: { step: 'day', steps: Math.round(years * 365), start: '2024-10-01' },
    mainAsset: 'AKT',
    signals: {
      demandUsd: { initial: DAILY_REVENUE_USD, unit: 'USD/day', description: 'USD of leases paid in the day (AKT and USDC)' },
      stakingApr: { initial: STAKING_APR, lag: true, description: "inflation × (1 − community tax) × supply / bonded: a delegator's APR before commission" },
    },
    assets: {
      AKT: {
        kind: 'token',
        decimals: 6,
        // the community pool counts as circulating: the seed quotes it as 4.7% "of circulating supply" and its 63.92% is all of the supply [DER]
        circulating: ['liquid', 'bonded', 'unbonding', 'held', 'treasury'],
        description: 'uncapped mint (the ~388.5M max is where the curve leads, not a cap in code [OFF]); all of the supply circulates [DER from SEED]',
        accounts: {
          liquid: { initial: AKT_SUPPLY - bonded - pool, tag: 'liquid' },
          bonded: { initial: bonded, tag: 'bonded', description: '67.6% of supply [DER from the seed APR]' },
          unbonding: { tag: 'unbonding' },
          rewards: { tag: 'rewards', description: "the day's mint before distribution" },
          communityPool: { initial: pool, tag: 'treasury', description: '4.7% of circulating [SEED]' },
          leases: { tag: 'escrow', description: 'AKT lease payments of the day before the take fee' },
          providerEarnings: { tag: 'rewards', description: 'what providers are paid in AKT this day (leases net of the take fee, incentives)' },
          providerHeld: { tag: 'held', description: 'AKT providers hold before selling' },
        },
      },
      USDC: {
        kind: 'token',
        decimals: 6,
        circulating: ['liquid', 'held', 'treasury'],
        description: 'USDC on Akash (IBC): minted here when tenants bridge it in to pay leases',
        accounts: {
          leases: { tag: 'escrow', description: 'USDC lease payments of the day before the take fee' },
          providers: { tag: 'held', description: 'USDC paid to providers (80%)' },
          communityPool: { tag: 'treasury', description: 'USDC take fees (20%)' },
        },
      },
    },
    params: {
      demand0: DAILY_REVENUE_USD,
      // [ASSUMPTION] potential lease demand grows 60%/yr (AI workloads; Akash's spend grew several-fold in 2024), lognormal daily noise sigma 0.3.
      growth: 0.6,
      sigma: 0.3,
      // [ASSUMPTION] at most 70% of capacity can be leased (the top of the seed's 15–70% range).
      maxUtilisation: 0.7,
      usdPerCpuDay: USD_PER_CPU_DAY,
      usdcShare: options.usdcShare ?? 0.5,
      takeRateUsdc: TAKE_RATE_USDC,
      communityTax: COMMUNITY_TAX,
      // [ASSUMPTION] half of the stakers' rewards are restaked, half withdrawn; 30% of those withdrawn are sold.
      restake: 0.5,
      rewardSellShare: 0.3,
      // [ASSUMPTION] stakers' hurdle: the seed APR (15.39%), so the start is an equilibrium; 1%/day response, 0.01%/day churn.
      hurdle: STAKING_APR,
      bondResponse: 0.01,
      churn: 0.0001,
      // [ASSUMPTION] 5% of the community pool a year funds provider incentives; providers sell 10% of their AKT a day.
      incentiveRate: 0.05 / 365,
      providerSellShare: 0.1,
    },
    blocks: [
      ...blocks,
      {
        id: 'apr',
        kind: 'signal',
        set: 'stakingApr',
        formula: 'inflation.rate * (1 - communityTax) * AKT.totalSupply / max(AKT.bonded, 1)',
      },
    ],
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
