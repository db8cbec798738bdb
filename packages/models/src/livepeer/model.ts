import type { ModelSpec } from '@flywheel/spec';

/**
 * Sources, as tagged in shared/reference/projects.md §11 (Livepeer): [SEED] the seed article
 * (Oct 2024), [OFF] livepeer/protocol @ f225b10c (the code ./rules.ts ports), [DER] derived here
 * by arithmetic (shown), [ASSUMPTION] a modelling choice, [UNC] uncertain.
 */

/** roundLength = 5,760 blocks [OFF deploy/migrations.config.ts] of 12 s L1 blocks: 69,120 s (19.2 h). [DER] */
export const ROUND_SECONDS = 5_760 * 12;
/** inflationChange = 500 per 10^9: 0.00005% per round. [OFF migrations.config.ts arbitrumMainnet.minter] */
export const INFLATION_CHANGE = 500 / 1e9;
/** targetBondingRate = 500,000,000 per 10^9: 50%. [OFF migrations.config.ts] */
export const TARGET_BONDING_RATE = 0.5;
/** Treasury reward cut 10% (10^26 of 10^27) until the treasury holds 750,000 LPT. [OFF migrations.config.ts; BondingManager.sol] */
export const TREASURY_CUT = 0.1;
export const TREASURY_CEILING_LPT = 750_000;
/** Unbonding period: 7 rounds. [OFF migrations.config.ts] */
export const UNBONDING_ROUNDS = 7;
/** Market cap $424M, 100% circulating, 45.9% staked [SEED]. */
export const MARKET_CAP_USD = 424_000_000;
export const STAKING_RATIO = 0.459;
/** Token incentives of about $80M a year [SEED]. */
export const INCENTIVES_USD_PER_YEAR = 80_000_000;
/**
 * LPT supply at the start: 34,000,000 [UNC: the reference gives no supply at the seed date;
 * explorers showed about 34M in Oct 2024 — an assumption to check]. Price = $424M / 34M = $12.47. [DER]
 */
export const LPT_SUPPLY = 34_000_000;
export const LPT_PRICE_USD = MARKET_CAP_USD / LPT_SUPPLY;
/** Rounds per 365-day year: 365 × 86,400 / 69,120 = 456.25. [DER] */
export const ROUNDS_PER_YEAR = (365 * 86_400) / ROUND_SECONDS;
/**
 * Inflation per round at the start, from the seed's incentives: $80M / $12.47 = 6.42M LPT a year
 * on 34M, 18.9% a year, (1.189)^(1/456.25) − 1 = 0.0379% per round ≈ 379,000 per 10^9. [DER from SEED]
 * (The L2 migration value in Feb 2022 was 218,500 [OFF]; the rate has moved since.)
 */
export const INFLATION_AT_START = Math.round(((1 + INCENTIVES_USD_PER_YEAR / LPT_PRICE_USD / LPT_SUPPLY) ** (1 / ROUNDS_PER_YEAR) - 1) * 1e9) / 1e9;

/** Options of {@link livepeer}; every field has a documented default. */
export interface LivepeerOptions {
  /** Horizon in years (default 10), rounded to whole rounds. */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Rule version (default '2024-10'; the min/max inflation bounds of protocol PR #645 are not deployed at the seed date). */
  rules?: '2024-10';
}

/**
 * The Livepeer (LPT) model, one step per protocol round (5,760 L1 blocks, the
 * `round` clock), start 2024-10-01: the Minter's inflation moves ±0.00005% per round toward the
 * 50% bonding target (bonding rate read before the round's rewards are bonded), supply ×
 * inflation is minted each round; 10% of it goes to the treasury until it holds 750,000 LPT; the
 * rest is bonded to orchestrators and delegators; holders bond and unbond (7-round unbonding)
 * in response to the staking yield; supply is uncapped; a GBM price. ETH fees are not modelled.
 * See docs/models/livepeer.md.
 *
 * @example
 * ```ts
 * import { livepeer } from '@flywheel/models/livepeer';
 * import { run } from '@flywheel/sdk';
 * const result = await run(livepeer({ runs: 100 }), { metrics: ['totalSupply', 'inflation.rate'] });
 * result.metric('inflation.rate').p50.at(-1); // per-round inflation after ten years
 * ```
 */
export function livepeer(options: LivepeerOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  return {
    specVersion: 2,
    name: 'livepeer',
    description: 'Livepeer LPT: per-round inflation toward a 50% bonding target, treasury cut, bonding and unbonding (Oct 2024).',
    time: { step: { seconds: ROUND_SECONDS, name: 'round' }, steps: Math.round(years * ROUNDS_PER_YEAR), start: '2024-10-01' },
    mainAsset: 'LPT',
    assets: {
      LPT: {
        kind: 'token',
        decimals: 18,
        circulating: ['liquid', 'bonded', 'unbonding'],
        description: 'uncapped; 100% circulating [SEED]: staked LPT counts as circulating',
        accounts: {
          liquid: { initial: LPT_SUPPLY * (1 - STAKING_RATIO), tag: 'liquid' },
          bonded: { initial: LPT_SUPPLY * STAKING_RATIO, tag: 'bonded', description: '45.9% staked [SEED]' },
          unbonding: { tag: 'unbonding' },
          rewards: { tag: 'rewards', description: "the round's mint before it is split" },
          // [ASSUMPTION] the treasury's balance at the seed date is not in the reference: it starts empty.
          treasury: { tag: 'treasury' },
        },
      },
    },
    params: {
      // [ASSUMPTION] holders bond a share of their liquid LPT each round in proportion to how far the
      // yearly staking yield exceeds a 10% hurdle, and unbond 0.08% of the bonded stake each round.
      // These three numbers set where the bonding rate, and so the inflation, settle (docs/models/livepeer.md).
      bondResponse: 0.0005,
      hurdle: 0.1,
      unbondRate: 0.0008,
      roundsPerYear: ROUNDS_PER_YEAR,
    },
    blocks: [
      {
        id: 'inflation',
        kind: 'stepController',
        asset: 'LPT',
        to: 'rewards',
        description: 'Minter.setInflation then currentMintableTokens [OFF contracts/token/Minter.sol]',
        ratio: 'LPT.bonded / LPT.totalSupply',
        target: TARGET_BONDING_RATE,
        step: INFLATION_CHANGE,
        initial: INFLATION_AT_START,
        floor: 0,
      },
      {
        id: 'rewardCut',
        kind: 'split',
        asset: 'LPT',
        from: 'rewards',
        rest: 'bonded',
        parts: [{ to: 'treasury', share: TREASURY_CUT, untilBalance: TREASURY_CEILING_LPT }],
        description: 'treasury cut until the ceiling [OFF BondingManager.sol]; rewards stay bonded [OFF]',
      },
      {
        id: 'staking',
        kind: 'bond',
        asset: 'LPT',
        liquid: 'liquid',
        bonded: 'bonded',
        unbonding: 'unbonding',
        delay: UNBONDING_ROUNDS,
        bond: 'bondResponse * LPT.liquid * max(0, inflation.amount * roundsPerYear / LPT.bonded - hurdle) / hurdle',
        unbond: 'unbondRate * LPT.bonded',
      },
      // [ASSUMPTION] LPT's price as a GBM, 100%/yr volatility, no drift.
      { id: 'price', kind: 'price', asset: 'LPT', model: { kind: 'gbm', initial: LPT_PRICE_USD, drift: { rate: 0, per: 'year' }, volatility: { rate: 1, per: 'year' }, floor: 0.01 } },
    ],
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
