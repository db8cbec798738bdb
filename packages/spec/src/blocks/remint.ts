import * as z from 'zod/mini';
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
  asset: z.string().check(z.minLength(1)),
  /** The per-step value averaged, e.g. `HNT.burned` or a block output such as `dataCredits.burned`. */
  of: z.string().check(z.minLength(1)),
  fraction: z.optional(z.number().check(z.gte(0), z.lte(1))),
  window: z.int().check(z.gte(1), z.lte(10_000)),
  cap: z.optional(RateSchema),
  to: TargetSchema,
});

/** Names a remint block adds. */
export const remintOutputs = (b: { id: string }): string[] => [`${b.id}.amount`];

/** A remint block has no formulas (`of` is a name). */
export const remintFormulas = (_b: unknown): [string, string][] => [];
