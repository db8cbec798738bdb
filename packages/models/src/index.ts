/**
 * Flywheel's DePIN models, one module per project. Each returns a plain spec with sourced defaults.
 * @packageDocumentation
 */
import type { ModelSpec } from '@flywheel/spec';
import { bittensor } from './bittensor/model.js';
import { filecoin } from './filecoin/model.js';
import { helium } from './helium/model.js';
import { livepeer } from './livepeer/model.js';

export * as heliumSources from './helium/model.js';
export { helium, type HeliumOptions } from './helium/model.js';
export { filecoin, type FilecoinOptions } from './filecoin/model.js';
export { livepeer, type LivepeerOptions } from './livepeer/model.js';
export { bittensor, type BittensorOptions } from './bittensor/model.js';

/** A registered model: its name, a one-line description and a factory. */
export interface ModelEntry {
  readonly name: string;
  readonly description: string;
  /** Builds the default spec. */
  readonly create: () => ModelSpec;
}

/**
 * Every model, by name (what `flywheel list` shows).
 * @example
 * ```ts
 * import { models } from '@flywheel/models';
 * const spec = models.helium!.create();
 * ```
 */
export const models: Readonly<Record<string, ModelEntry>> = {
  helium: { name: 'helium', description: 'Helium HNT: HIP-20 halvings, Data Credit burn-and-mint, net emissions, hotspot churn (Oct 2024)', create: () => helium() },
  filecoin: { name: 'filecoin', description: 'Filecoin FIL: simple + baseline minting, 180-day reward vesting, pledge, burns (Oct 2024)', create: () => filecoin() },
  livepeer: { name: 'livepeer', description: 'Livepeer LPT: per-round inflation toward a 50% bonding target, treasury cut, unbonding (Oct 2024)', create: () => livepeer() },
  bittensor: { name: 'bittensor', description: 'Bittensor TAO: 21M cap, halvings by issuance, recycling, 18/41/41 split, staking (Oct 2024)', create: () => bittensor() },
};
