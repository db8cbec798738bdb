import type { ModelSpec } from '@flywheel/spec';

/**
 * Sources, as tagged in shared/reference/projects.md §7 (Bittensor): [SEED] the seed article
 * (Oct 2024), [OFF] opentensor/subtensor @ 14bc6f9f (the code ./rules.ts ports), [DER] derived
 * here by arithmetic (shown), [ASSUMPTION] a modelling choice, [UNC] uncertain.
 */

/** TotalSupply = 21,000,000 TAO. [OFF pallets/subtensor/src/lib.rs] */
export const TAO_MAX_SUPPLY = 21_000_000;
/** DefaultBlockEmission = 1 TAO per block; 12 s blocks, 7,200 a day. [OFF lib.rs; common/src/lib.rs] */
export const TAO_PER_BLOCK = 1;
export const BLOCKS_PER_DAY = 7_200;
/** Subnet owner cut 11,796 / 65,535 = 18%; the rest 50/50 to miners and validators: 18/41/41. [OFF runtime/src/lib.rs; run_coinbase.rs; SEED] */
export const OWNER_SHARE = 11_796 / 65_535;
export const MINER_SHARE = (1 - OWNER_SHARE) / 2;
/** Circulating supply 7.7M TAO in Oct 2024, 77% of it staked [SEED]. */
export const TAO_SUPPLY = 7_700_000;
export const STAKED_SHARE = 0.77;
/** Price from the seed's "~2,000 TAO (~$1.1M)" of average subnet-owner stake: $550. [DER from SEED] */
export const TAO_PRICE_USD = 1_100_000 / 2_000;

/** Options of {@link bittensor}; every field has a documented default. */
export interface BittensorOptions {
  /** Horizon in years (default 10). */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** TAO recycled by registrations per day (default 100) [ASSUMPTION: subnet and neuron registration costs, not in the reference]. */
  recycledPerDay?: number;
  /** Rule version (default '2024-10': before dTAO, 2025). */
  rules?: '2024-10';
}

/**
 * The Bittensor (TAO) model (start 2024-10-01, daily steps of 7,200 blocks):
 * 1 TAO per block, halved whenever the issuance crosses 21M · (1 − 2^−k) — the exact block of the
 * crossing, even inside a day; registration costs recycled to the issuer (which lowers the
 * issuance and delays the halving); the 18/41/41 owner/miner/validator split, validators'
 * and miners' emission staked (owners' liquid); staking and unstaking; a GBM price. See docs/models/bittensor.md.
 *
 * @example
 * ```ts
 * import { bittensor } from '@flywheel/models/bittensor';
 * import { run } from '@flywheel/sdk';
 * const result = await run(bittensor({ runs: 100 }), { metrics: ['totalSupply', 'emission.rate'] });
 * result.metric('emission.rate').p50; // TAO per block, day by day
 * ```
 */
export function bittensor(options: BittensorOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  return {
    specVersion: 2,
    name: 'bittensor',
    description: 'Bittensor TAO: 21M cap, halvings by issuance, recycling, 18/41/41 split, staking (Oct 2024).',
    time: { step: 'day', steps: Math.round(years * 365), start: '2024-10-01' },
    mainAsset: 'TAO',
    assets: {
      TAO: {
        kind: 'token',
        decimals: 9,
        cap: TAO_MAX_SUPPLY,
        circulating: ['liquid', 'bonded', 'unbonding'],
        description: 'issuance = every TAO in an account; recycling returns TAO to the issuer',
        accounts: {
          // whole TAO, so that the issuance is exact at the start (1,771,000 + 5,929,000)
          liquid: { initial: TAO_SUPPLY - Math.round(TAO_SUPPLY * STAKED_SHARE), tag: 'liquid' },
          bonded: { initial: Math.round(TAO_SUPPLY * STAKED_SHARE), tag: 'bonded', description: '77% of circulating staked [SEED]' },
          unbonding: { tag: 'unbonding' },
          emission: { tag: 'rewards', description: "the day's block emission before it is split" },
        },
      },
    },
    params: {
      recycledPerDay: options.recycledPerDay ?? 100,
      // [ASSUMPTION] holders stake 0.1% of their liquid TAO and unstake 0.03% of the staked TAO a day.
      stakeRate: 0.001,
      unstakeRate: 0.0003,
    },
    blocks: [
      {
        id: 'emission',
        kind: 'issuanceHalving',
        asset: 'TAO',
        to: 'emission',
        perTick: TAO_PER_BLOCK,
        ticksPerStep: BLOCKS_PER_DAY,
        description: 'get_block_emission_for_issuance per block [OFF coinbase/block_emission.rs]',
      },
      {
        id: 'split',
        kind: 'split',
        asset: 'TAO',
        from: 'emission',
        rest: 'bonded',
        parts: [{ to: 'liquid', share: OWNER_SHARE }],
        description: "owners 18% liquid; miners' and validators' 82% added to their hotkeys' stake [OFF run_coinbase.rs; SEED; UNC: before dTAO]",
      },
      { id: 'recycle', kind: 'transfer', asset: 'TAO', from: 'liquid', to: 'issuer', amount: 'recycledPerDay', description: 'registration costs recycled [OFF; amount ASSUMPTION]' },
      { id: 'staking', kind: 'bond', asset: 'TAO', liquid: 'liquid', bonded: 'bonded', unbonding: 'unbonding', delay: 1, bond: 'stakeRate * TAO.liquid', unbond: 'unstakeRate * TAO.bonded' },
      // [ASSUMPTION] TAO's price as a GBM, 100%/yr volatility, no drift.
      { id: 'price', kind: 'price', asset: 'TAO', model: { kind: 'gbm', initial: TAO_PRICE_USD, drift: { rate: 0, per: 'year' }, volatility: { rate: 1, per: 'year' }, floor: 0.01 } },
    ],
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
