import { z } from 'zod';
import { RateSchema } from '../schema.js';
import { blockBase, TargetSchema } from './common.js';

/**
 * `remint` (net emissions): mints `fraction` × the average of a per-step value over the last
 * `window` completed steps (the current step excluded; steps before the start count as 0), at most
 * `cap` per step, from the asset's issuer into a target. Output: `<id>.amount`.
 */
export const RemintBlockSchema = z.strictObject({
  kind: z.literal('remint'),
  ...blockBase,
  asset: z.string().min(1),
  /** The per-step value averaged, e.g. `HNT.burned` or a block output such as `dataCredits.burned`. */
  of: z.string().min(1),
  fraction: z.number().min(0).max(1).optional(),
  window: z.int().min(1).max(10_000),
  cap: RateSchema.optional(),
  to: TargetSchema,
});

/** Names a remint block adds. */
export const remintOutputs = (b: { id: string }): string[] => [`${b.id}.amount`];

/** A remint block has no formulas (`of` is a name). */
export const remintFormulas = (_b: unknown): [string, string][] => [];
