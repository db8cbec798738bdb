/**
 * Flywheel's DePIN models, one module per project. Each returns a plain spec with sourced defaults.
 * @packageDocumentation
 */
import type { ModelSpec } from '@flywheel/spec';
import { helium } from './helium.js';

export * as heliumSources from './helium.js';
export { helium, type HeliumOptions } from './helium.js';

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
};
