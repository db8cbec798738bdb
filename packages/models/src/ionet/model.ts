import type { ModelSpec } from '@flywheel/spec';
import { monthlyUnlocks, unlockPlan } from '../unlocks.js';

/**
 * Sources, as tagged in shared/reference/projects.md §4 (io.net): [SEED] the seed article (Oct 2024,
 * line 69), [OFF] io.net's own documents (docs.io.net/docs/io-tokenomics, docs.io.net/docs/io-staking,
 * docs.iog.net/docs/token-emission-schedule, io.net/docs/guides/coin/ionet-monthly-token-emission-schedule),
 * [3P] third-party pages quoting the official tokenomics, [DER] derived here by arithmetic (shown),
 * [ASSUMPTION] a modelling choice, [UNC] uncertain. ./rules.ts ports the documents' formulas exactly.
 */

/** Maximum supply 800,000,000 IO. [OFF docs.io.net/docs/io-tokenomics] */
export const MAX_SUPPLY = 800_000_000;
/** 500,000,000 IO at launch: the base of the hourly inflation rate. [OFF same] */
export const LAUNCH_SUPPLY = 500_000_000;
/** Launch (first distribution date) 2024-06-11, the day IO listed [3P; UNC: the schedule page's example starts 2024-04-28, the launch was later]. */
export const TGE = '2024-06-11';
/** Model start: the seed's snapshot. [SEED] */
export const START = '2024-10-01';
/** Inflation_Rate_1 = 8% / 8,760 per hourly epoch. [OFF docs.iog.net/docs/token-emission-schedule] */
export const INITIAL_HOURLY_RATE = 0.08 / 8_760;
/** Disinflation_Rate = 0.0013886952395979300000% per epoch. [OFF same] */
export const HOURLY_DISINFLATION = 1.38869523959793e-5;
/** 175,319 hourly epochs (20 years). [OFF same] */
export const EMISSION_EPOCHS = 175_319;
/**
 * The hourly recurrence summed over a day of 24 epochs: 500M × rate₁ × (1 − q²⁴) / d IO on day 0 of
 * emissions (q = 1 − d), then × q²⁴ each day. [DER from OFF] (109,571.54 IO on the first day)
 */
export const DAILY_EMISSION_0 = (LAUNCH_SUPPLY * INITIAL_HOURLY_RATE * (1 - (1 - HOURLY_DISINFLATION) ** 24)) / HOURLY_DISINFLATION;
/** Daily factor q²⁴ = 0.99966677. [DER] */
export const DAILY_FACTOR = (1 - HOURLY_DISINFLATION) ** 24;
/** Days with emissions: ceil(175,319 / 24) = 7,305 (the last day has 23 epochs; the model pays it whole, clipped by the cap). [DER] */
export const EMISSION_DAYS = Math.ceil(EMISSION_EPOCHS / 24);
/** Monthly proposal: 0.667% of 500M a month (3,333,333 IO), × 0.989849199 a month, 240 months from July 2024. [OFF io.net/docs/guides/coin/ionet-monthly-token-emission-schedule] */
export const MONTHLY_EMISSION_0 = (LAUNCH_SUPPLY * 0.08) / 12;
export const MONTHLY_FACTOR = 0.989849199;
export const MONTHLY_PERIODS = 240;
export const MONTHLY_FROM = '2024-07-01';
/**
 * IO emitted from launch to the start: epochs 1 … 2,688 (112 days), 500M × rate₁ × (1 − q²⁶⁸⁸) / d =
 * 12,047,796 IO. [DER from OFF]
 */
export const EMITTED_AT_START = (LAUNCH_SUPPLY * INITIAL_HOURLY_RATE * (1 - (1 - HOURLY_DISINFLATION) ** 2_688)) / HOURLY_DISINFLATION;
/** FDV $1.5B and a 15% circulating ratio. [SEED line 69] */
export const FDV_USD = 1_500_000_000;
export const CIRCULATING_RATIO = 0.15;
/** Price = FDV / max supply = $1.875. [DER from SEED] */
export const PRICE_USD = FDV_USD / MAX_SUPPLY;
/** Circulating at the start: 15% of 800M = 120M IO. [DER from SEED] */
export const CIRCULATING_AT_START = CIRCULATING_RATIO * MAX_SUPPLY;
/** Allocation, as shares of the 800M held once all IO exists: seed investors 12.5%, Series A 10.2%, core contributors 11.3%, R&D and ecosystem 16%, community 50% (of which the 300M emissions). [3P Odaily quoting the official tokenomics] */
export const INVESTORS_IO = (0.125 + 0.102) * MAX_SUPPLY;
export const TEAM_IO = 0.113 * MAX_SUPPLY;
/** Investors: 24 equal monthly unlocks from the end of month 13 to the end of month 36; employees: 36 from the end of month 13 to the end of month 48. [3P same] */
export const INVESTOR_UNLOCKS = monthlyUnlocks(TGE, 13, 24);
export const TEAM_UNLOCKS = monthlyUnlocks(TGE, 13, 36);
/** Not yet circulating at the start (R&D and ecosystem, community reserves): total − circulating − vesting = 120.05M IO. [DER] */
export const TREASURY_AT_START = LAUNCH_SUPPLY + EMITTED_AT_START - CIRCULATING_AT_START - INVESTORS_IO - TEAM_IO;
/** Fees: reservation 0.25% charged to the renter and 0.25% to the supplier; 2% on USDC payments and USDC withdrawals, 0 in IO. [OFF docs.io.net/docs/io-tokenomics] */
export const RESERVATION_FEE = 0.0025;
export const USDC_PAYMENT_FEE = 0.02;
/** Minimum stake 200 IO × max(1, multiplier) per GPU [OFF docs.io.net/docs/io-staking]; 14-day unstaking cooldown [3P]. */
export const MIN_STAKE_PER_GPU = 200;
export const UNSTAKE_DAYS = 14;
/** More than 300,000 verified GPUs; only 2% of clusters fully running. [SEED line 65, 67] */
export const VERIFIED_GPUS = 300_000;
export const UTILISATION = 0.02;
/** Average rental price of a GPU-hour on the network: $0.30 [ASSUMPTION: consumer GPUs dominate the count; an H100 rents for ~$2]. */
export const GPU_HOUR_USD = 0.3;
/** Rental demand at the start: 300,000 GPUs × 2% × $0.30 × 24 h = $43,200 a day. [DER from SEED and ASSUMPTION] */
export const DEMAND_USD_PER_DAY = VERIFIED_GPUS * UTILISATION * GPU_HOUR_USD * 24;

/** Options of {@link ionet}; every field has a documented default. */
export interface IonetOptions {
  /** Horizon in years (default 10), rounded to whole days. */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Simulated supplier agents (default 300), standing for 400,000 potential GPUs. */
  agents?: number;
  /**
   * Emission rule (default '2024-10': the hourly schedule in force at the seed date). 'monthly' is the
   * later proposal (0.989849199 a month from July 2024, 240 months), applied from the start.
   */
  rules?: '2024-10' | 'monthly';
}

/**
 * The io.net (IO) model on daily steps from 2024-10-01: the hourly disinflationary emission (8% of
 * 500M a year at launch, × (1 − 0.0013887%) an hour, 175,319 hours) summed per day into a rewards
 * pool paid to GPU suppliers (a population: they join or leave on rewards and rental income against
 * their costs); investor and employee unlocks (cliff to the end of month 13, then 24 or 36 monthly
 * parts) and an ecosystem release, half of it sold; reservation and payment fees bought back and
 * burned at the IO price; the minimum stake of 200 IO per staking GPU, bonded and unbonded with a
 * 14-day cooldown; a price moved by burns against sold unlocks and rewards. Demand grows and follows
 * capacity (the flywheel loop). See docs/models/ionet.md.
 *
 * @example
 * ```ts
 * import { ionet } from '@flywheel/models/ionet';
 * import { run } from '@flywheel/sdk';
 * const result = await run(ionet({ runs: 100 }), { metrics: ['emission.amount', 'buyback.amount', 'price'] });
 * result.metric('buyback.amount').p50.at(-1); // IO burned on the last day
 * ```
 */
export function ionet(options: IonetOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const rules = options.rules ?? '2024-10';
  const investors = unlockPlan(INVESTORS_IO, INVESTOR_UNLOCKS, START, 1);
  const team = unlockPlan(TEAM_IO, TEAM_UNLOCKS, START, 1);
  const curve =
    rules === 'monthly'
      ? {
          kind: 'geometric' as const,
          rate: { amount: MONTHLY_EMISSION_0, per: 'month' as const },
          factor: MONTHLY_FACTOR,
          every: { amount: 730, unit: 'hour' as const },
          periods: MONTHLY_PERIODS,
          from: MONTHLY_FROM,
        }
      : { kind: 'geometric' as const, rate: { amount: DAILY_EMISSION_0, per: 'day' as const }, factor: DAILY_FACTOR, every: { amount: 1, unit: 'day' as const }, periods: EMISSION_DAYS, from: TGE };
  return {
    specVersion: 2,
    name: 'ionet',
    description: 'io.net IO: hourly disinflationary emissions to GPU suppliers, investor and team unlocks, fee buyback-and-burn, device staking (Oct 2024).',
    time: { step: 'day', steps: Math.round(years * 365), start: START },
    mainAsset: 'IO',
    assets: {
      IO: {
        kind: 'token',
        decimals: 8,
        cap: MAX_SUPPLY,
        circulating: ['liquid', 'bonded', 'unbonding'],
        description: '800M cap; 500M at launch plus 12.05M emitted by the start; 15% of the cap circulating [SEED]',
        accounts: {
          liquid: { initial: CIRCULATING_AT_START, tag: 'liquid', description: 'circulating IO held by the market and suppliers' },
          rewards: { tag: 'rewards', description: "the day's emissions before they are paid to suppliers" },
          investors: { initial: INVESTORS_IO * investors.lockedAtStart, tag: 'vesting', description: 'seed + Series A, 22.7% of 800M [3P]' },
          team: { initial: TEAM_IO * team.lockedAtStart, tag: 'vesting', description: 'core contributors, 11.3% of 800M [3P]' },
          treasury: { initial: TREASURY_AT_START, tag: 'treasury', description: 'R&D, ecosystem and community IO not yet circulating [DER]' },
          staked: { tag: 'bonded', description: 'device stakes' },
          unstaking: { tag: 'unbonding', description: 'the 14-day unstaking queue' },
        },
      },
    },
    params: {
      demand0: DEMAND_USD_PER_DAY,
      // [ASSUMPTION] rental demand grows 40% a year, with daily lognormal noise, and follows capacity
      // with elasticity 0.5 (more GPUs, more clusters one can rent): the flywheel loop.
      growth: 0.4,
      sigma: 0.2,
      elasticity: 0.5,
      gpus0: VERIFIED_GPUS,
      reservationFee: RESERVATION_FEE,
      paymentFee: USDC_PAYMENT_FEE,
      // [ASSUMPTION] half of the renters pay in USDC and half of the suppliers withdraw in USDC (0% fee in IO).
      usdcShare: 0.5,
      // [OFF] "Revenues … are used to purchase and burn $IO": all of the fees.
      buybackShare: 1,
      minStake: MIN_STAKE_PER_GPU,
      // [ASSUMPTION] a third of the active GPUs stake (the others earn no block rewards), at multiplier 1;
      // stakes close a tenth of the gap to the requirement each day.
      stakedShare: 0.3,
      multiplier: 1,
      stakeSpeed: 0.1,
      // [ASSUMPTION] the treasury releases 25% of its balance a year into circulation.
      treasuryRelease: 0.25,
      // [ASSUMPTION] half of unlocked and released IO and half of the suppliers' rewards are sold.
      unlockSell: 0.5,
      rewardSell: 0.5,
    },
    signals: {
      demandUsd: { initial: DEMAND_USD_PER_DAY, unit: 'USD/day', description: "GPU reservations paid in the day (the renters' compute cost, before fees)" },
      feesUsd: { unit: 'USD/day', description: 'reservation and payment fees of the day: the revenue bought back and burned' },
    },
    blocks: [
      {
        id: 'demand',
        kind: 'signal',
        set: 'demandUsd',
        formula: 'demand0 * (1 + growth) ^ years * (gpus.capacity / gpus0) ^ elasticity * exp(sigma * normal() - sigma ^ 2 / 2)',
      },
      { id: 'fees', kind: 'signal', set: 'feesUsd', formula: 'demandUsd * (2 * reservationFee + 2 * usdcShare * paymentFee)' },
      {
        id: 'emission',
        kind: 'schedule',
        asset: 'IO',
        to: 'rewards',
        curve,
        description: rules === 'monthly' ? 'monthly proposal [OFF]' : 'hourly epochs summed per day [OFF docs.iog.net/docs/token-emission-schedule]; rules.epochEmission is exact',
      },
      { id: 'investorUnlock', kind: 'transfer', asset: 'IO', from: 'investors', to: 'liquid', amount: investors.formula, description: '24 monthly parts from the end of month 13 [3P]' },
      { id: 'teamUnlock', kind: 'transfer', asset: 'IO', from: 'team', to: 'liquid', amount: team.formula, description: '36 monthly parts from the end of month 13 [3P]' },
      { id: 'ecosystem', kind: 'transfer', asset: 'IO', from: 'treasury', to: 'liquid', amount: 'IO.treasury * treasuryRelease / stepsPerYear' },
      {
        id: 'gpus',
        kind: 'population',
        count: options.agents ?? 300,
        population: 400_000,
        initialActive: 0.75,
        description: 'GPU suppliers, one GPU each: 300,000 of 400,000 active at the start [SEED 300k verified; ASSUMPTION the pool of 400k]',
        // [ASSUMPTION] the running cost of keeping a GPU listed (power, bandwidth, attention): lognormal, median $8 a month.
        cost: { kind: 'lognormal', median: 8, sigma: 0.8 },
        costPer: 'month',
        window: 30,
        minActiveSteps: 30,
        reentry: { probability: 0.02, threshold: 1.1 },
        pays: { asset: 'IO', from: 'rewards', to: 'liquid' },
        usd: 'demandUsd * (1 - reservationFee - usdcShare * paymentFee)',
      },
      {
        id: 'staking',
        kind: 'bond',
        asset: 'IO',
        liquid: 'liquid',
        bonded: 'staked',
        unbonding: 'unstaking',
        delay: UNSTAKE_DAYS,
        description: 'minimum stake 200 IO × max(1, multiplier) per staking GPU [OFF]; 14-day cooldown [3P]',
        bond: 'stakeSpeed * max(0, gpus.capacity * stakedShare * minStake * max(1, multiplier) - IO.staked)',
        unbond: 'stakeSpeed * max(0, IO.staked - gpus.capacity * stakedShare * minStake * max(1, multiplier))',
      },
      { id: 'buyback', kind: 'transfer', asset: 'IO', from: 'liquid', to: 'burned', amount: 'buybackShare * feesUsd / IO.price', description: 'fees buy IO at the price and burn it [OFF]' },
      {
        id: 'price',
        kind: 'price',
        asset: 'IO',
        // [ASSUMPTION] an impact price: burns lift it, sold unlocks and rewards press it, over the circulating supply; 100%/yr volatility.
        model: {
          kind: 'impact',
          initial: PRICE_USD,
          sensitivity: 1,
          volatility: { rate: 1, per: 'year' },
          floor: 0.001,
          flow: '(buyback.amount - unlockSell * (investorUnlock.amount + teamUnlock.amount + ecosystem.amount) - rewardSell * emission.amount) / IO.circulating',
        },
      },
    ],
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
