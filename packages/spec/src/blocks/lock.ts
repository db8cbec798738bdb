import * as z from 'zod/mini';
import { AccountRefSchema, blockBase, FormulaSchema } from './common.js';

/**
 * `lock` (collateral): moves tokens between `from` and `locked` so that `locked` approaches
 * `target` (a formula, tokens): `rate` (default 1) of the gap each step, clipped to what the
 * source holds. Filecoin's pledge, io.net's device stake. Output: `<id>.amount` (locked this
 * step; negative when released).
 */
export const LockBlockSchema = z.strictObject({
  kind: z.literal('lock'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  from: AccountRefSchema,
  locked: AccountRefSchema,
  target: FormulaSchema,
  rate: z.optional(z.number().check(z.gt(0), z.lte(1))),
});

/** Names a lock block adds. */
export const lockOutputs = (b: { id: string }): string[] => [`${b.id}.amount`];
/** The formulas of a lock block. */
export const lockFormulas = (b: { target: string }): [string, string][] => [['target', b.target]];
