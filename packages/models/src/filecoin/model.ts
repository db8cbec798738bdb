import type { ModelSpec } from '@flywheel/spec';

/**
 * Sources, as tagged in shared/reference/projects.md §1 (Filecoin): [SEED] the seed article
 * (Oct 2024), [OFF] filecoin-project/builtin-actors @ b0a3bdd6 (the same code ./rules.ts ports),
 * [DER] derived here by arithmetic (shown), [ASSUMPTION] a modelling choice, [UNC] uncertain.
 */

/** FIL_BASE: maximum supply, 2,000,000,000 FIL. [OFF spec.filecoin.io token allocation] */
export const FIL_MAX_SUPPLY = 2_000_000_000;
/** SIMPLE_TOTAL = 330M FIL and BASELINE_TOTAL = 770M FIL. [OFF actors/reward/src/logic.rs] */
export const SIMPLE_TOTAL_FIL = 330_000_000;
export const BASELINE_TOTAL_FIL = 770_000_000;
/** Epoch = 30 s; 2,880 epochs a day; the reward curves' year is 365 × 2,880 = 1,051,200 epochs. [OFF runtime/src/builtin/network.rs; logic.rs] */
export const EPOCH_SECONDS = 30;
export const EPOCHS_IN_YEAR = 1_051_200;
/** BASELINE_INITIAL_VALUE = 2,888,888,880,000,000,000 bytes (≈ 2.5 EiB), doubling every year. [OFF logic.rs] */
export const BASELINE_INITIAL_BYTES = 2_888_888_880_000_000_000;
/** 1 EiB in bytes. */
export const EIB = 2 ** 60;
/**
 * Epochs from mainnet genesis to the model's start (2024-10-01 00:00 UTC): genesis at
 * 2020-08-24 22:00:00 UTC [UNC: Lotus' mainnet genesis timestamp 1598306400, not re-read here],
 * 1,498 days and 2 hours = 4,314,240 + 240 = 4,314,480 epochs. [DER] The seed's "about 4.28 million blocks" [SEED]
 * counts blocks, not epochs (some epochs have no block; most have several).
 */
export const EPOCHS_AT_START = 1_498 * 2_880 + 240;
/** Network storage capacity 4.7 EiB [SEED], used as the network power against the baseline. */
export const NETWORK_POWER_BYTES = 4.7 * EIB;
/** FIL minted Sep 2023 – Sep 2024: > 46.5M [SEED]; burned in the same year ≈ 1.4M [SEED]. */
export const MINTED_PER_YEAR_SEED = 46_500_000;
export const BURNED_PER_YEAR_SEED = 1_400_000;
/** Pledged collateral ≈ 149.7M FIL (7.49% of 2B) [SEED]. */
export const PLEDGE_FIL = 149_700_000;
/** Circulating 30% of the maximum supply [SEED]: 600M FIL. [DER] */
export const CIRCULATING_FIL = 0.3 * FIL_MAX_SUPPLY;
/** Price = market cap $5.35B [SEED] / 600M circulating = $8.917. [DER] */
export const FIL_PRICE_USD = 5_350_000_000 / CIRCULATING_FIL;

const LN2 = Math.LN2;
const lambdaPerEpoch = LN2 / (6 * EPOCHS_IN_YEAR);
const gPerEpoch = LN2 / EPOCHS_IN_YEAR;

/** Simple minting per day at τ epochs: 330M · (e^(−λτ) − e^(−λ(τ + 2880))). [OFF logic.rs, continuous form] */
const simplePerDay = (tau: number) => SIMPLE_TOTAL_FIL * (Math.exp(-lambdaPerEpoch * tau) - Math.exp(-lambdaPerEpoch * (tau + 2880)));

/**
 * Effective network time θ at the start, in epochs, chosen so that simple + baseline minting run
 * at the seed's 46.5M FIL a year at the start with the network power below the baseline
 * (dθ/dτ = power / b(θ)):
 * 770M · λ · e^(−λθ) · power / (b0 · 2^(θ/year)) · 2880 = 46.5M / 365 − simple per day. [DER]
 * Solved by bisection: θ ≈ 2.46 years (2.59M epochs). [DER from SEED]
 */
export function calibratedTheta(power = NETWORK_POWER_BYTES): number {
  const target = MINTED_PER_YEAR_SEED / 365 - simplePerDay(EPOCHS_AT_START);
  const baselinePerDay = (theta: number) =>
    BASELINE_TOTAL_FIL * lambdaPerEpoch * Math.exp(-lambdaPerEpoch * theta) * Math.min(1, power / (BASELINE_INITIAL_BYTES * Math.exp(gPerEpoch * theta))) * 2880;
  let lo = 0;
  let hi = EPOCHS_AT_START;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (baselinePerDay(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The calibrated θ and what simple and baseline minting had released at the start, as literals so
 * that the spec is the same data in every runtime (the derivations are {@link calibratedTheta}
 * and {@link mintedAtStart}; test/v2-models.test.ts checks that they agree). [DER]
 */
export const THETA_AT_START = 2_588_671.6123427358;
export const MINTED_SIMPLE_AT_START = 124_603_769.10120207;
export const MINTED_BASELINE_AT_START = 190_653_182.90645257;

/** What simple (330M · (1 − e^(−λτ))) and baseline (770M · (1 − e^(−λθ))) minting had released at the start. [DER] */
export function mintedAtStart(theta = calibratedTheta()): { simple: number; baseline: number } {
  return { simple: SIMPLE_TOTAL_FIL * (1 - Math.exp(-lambdaPerEpoch * EPOCHS_AT_START)), baseline: BASELINE_TOTAL_FIL * (1 - Math.exp(-lambdaPerEpoch * theta)) };
}

/** Options of {@link filecoin}; every field has a documented default. */
export interface FilecoinOptions {
  /** Horizon in years (default 10). */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Growth of network power per year (default 0: flat at 4.7 EiB) [ASSUMPTION]. */
  powerGrowth?: number;
  /** Rule version (default '2024-10': the seed's rules; FIP-0100's daily fee, 2025, is not modelled yet). */
  rules?: '2024-10';
}

/**
 * The Filecoin (FIL) model, as of the seed's snapshot (start 2024-10-01, daily steps):
 * simple minting (330M on a 6-year half-life) and baseline minting (770M on effective network
 * time against the doubling baseline) aggregated per day in closed form; 25% of block rewards
 * liquid at once and 75% vesting linearly over 180 days; initial pledge locking toward a
 * consensus-pledge target; base-fee and penalty burns; a GBM price. Network power is an input.
 * See docs/models/filecoin.md for every source and what the model reproduces.
 *
 * Order of a step: network power; simple + baseline minting into the reward pool; vesting (this
 * step's release of earlier rewards, then 25/75 of this step's); pledge toward its target;
 * burns; price.
 *
 * @example
 * ```ts
 * import { filecoin } from '@flywheel/models/filecoin';
 * import { run } from '@flywheel/sdk';
 * const result = await run(filecoin({ runs: 100 }), { metrics: ['totalSupply', 'FIL.pledge'] });
 * result.metric('FIL.pledge').p50.at(-1); // pledged FIL after ten years
 * ```
 */
export function filecoin(options: FilecoinOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const theta0 = THETA_AT_START;
  // Storage-mining rewards not yet minted at the start: 1.1B less what simple and baseline minting released. [DER]
  const unminted = SIMPLE_TOTAL_FIL + BASELINE_TOTAL_FIL - MINTED_SIMPLE_AT_START - MINTED_BASELINE_AT_START;
  // Rewards vesting at the start, at the seed's minting rate in steady state: 75% × 127.4k/day × 181/2 days. [DER from SEED, OFF]
  const vesting = ((0.75 * MINTED_PER_YEAR_SEED) / 365) * (181 / 2);
  // Everything else issued and not circulating (mining reserve 300M, unvested allocations, burnt funds so far). [DER]
  const reserve = FIL_MAX_SUPPLY - unminted - CIRCULATING_FIL - PLEDGE_FIL - vesting;
  return {
    specVersion: 2,
    name: 'filecoin',
    description: 'Filecoin FIL: simple + baseline minting, 180-day reward vesting, pledge, burns (Oct 2024).',
    time: { step: 'day', steps: Math.round(years * 365), start: '2024-10-01' },
    mainAsset: 'FIL',
    assets: {
      FIL: {
        kind: 'token',
        decimals: 18,
        cap: FIL_MAX_SUPPLY,
        circulating: ['liquid'],
        description: 'the issuer holds the storage-mining rewards not yet minted; every other FIL is in an account',
        accounts: {
          liquid: { initial: CIRCULATING_FIL, tag: 'liquid', description: 'circulating: 30% of 2B [SEED]' },
          pledge: { initial: PLEDGE_FIL, tag: 'pledge', description: "miners' collateral, 149.7M [SEED]" },
          vesting: { initial: vesting, tag: 'vesting', description: 'block rewards vesting over 180 days [DER]' },
          rewards: { tag: 'rewards', description: 'block rewards of the day before vesting' },
          reserve: { initial: reserve, tag: 'reserves', description: 'mining reserve, unvested allocations, earlier burns [DER]' },
        },
      },
    },
    params: {
      power0: NETWORK_POWER_BYTES,
      powerGrowth: options.powerGrowth ?? 0,
      // Consensus pledge: 30% of circulating supply × the network's share of max(baseline, network power). [OFF monies.rs LOCK_TARGET_FACTOR 3/10]
      lockTargetFactor: 0.3,
      // Initial pledge also holds 20 days of projected block reward. [OFF monies.rs INITIAL_PLEDGE_FACTOR = 20]
      pledgeRewardDays: 20,
      // [ASSUMPTION] network QAP = 10 × raw power (Filecoin Plus deals count 10×) and the pledge moves toward its target as sectors renew (~540 days).
      qapMultiplier: 10,
      // Base-fee and penalty burns, 1.4M FIL a year [SEED], in FIL per day.
      burnPerDay: BURNED_PER_YEAR_SEED / 365,
    },
    signals: { power: { initial: NETWORK_POWER_BYTES, unit: 'bytes', description: 'network raw-byte power' } },
    blocks: [
      { id: 'network', kind: 'signal', set: 'power', formula: 'power0 * (1 + powerGrowth) ^ years' },
      {
        id: 'minting',
        kind: 'baselineMinting',
        asset: 'FIL',
        to: 'rewards',
        power: 'power',
        description: 'simple + baseline minting [OFF actors/reward/src/logic.rs]; θ at the start calibrated [DER from SEED]',
        tickSeconds: EPOCH_SECONDS,
        simpleTotal: SIMPLE_TOTAL_FIL,
        baselineTotal: BASELINE_TOTAL_FIL,
        halfLifeTicks: 6 * EPOCHS_IN_YEAR,
        baselineInitial: BASELINE_INITIAL_BYTES,
        baselineDoublingTicks: EPOCHS_IN_YEAR,
        elapsedAtStart: EPOCHS_AT_START,
        thetaAtStart: theta0,
      },
      {
        id: 'vest',
        kind: 'escrow',
        asset: 'FIL',
        from: 'rewards',
        immediate: 0.25,
        locked: 'vesting',
        to: 'liquid',
        over: 180,
        description: '25% at once, 75% linearly over 180 days [OFF actors/miner/src/monies.rs LOCKED_REWARD_FACTOR, policy.rs REWARD_VESTING_SPEC]',
      },
      {
        id: 'pledging',
        kind: 'lock',
        asset: 'FIL',
        from: 'liquid',
        locked: 'pledge',
        rate: 1 / 540,
        target: 'lockTargetFactor * FIL.circulating * min(1, qapMultiplier * power / minting.baselinePower) + pledgeRewardDays * minting.amount',
        description: 'initial pledge = 20 days of rewards + consensus pledge [OFF monies.rs initial_pledge_for_power], aggregated [ASSUMPTION]',
      },
      { id: 'burn', kind: 'transfer', asset: 'FIL', from: 'liquid', to: 'burned', amount: 'burnPerDay', description: 'base fee and penalties [SEED]' },
      // [ASSUMPTION] FIL's price as a GBM, 90%/yr volatility, no drift.
      { id: 'price', kind: 'price', asset: 'FIL', model: { kind: 'gbm', initial: FIL_PRICE_USD, drift: { rate: 0, per: 'year' }, volatility: { rate: 0.9, per: 'year' }, floor: 0.01 } },
    ],
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
