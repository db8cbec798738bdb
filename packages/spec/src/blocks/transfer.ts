import * as z from 'zod/mini';
import { AccountRefSchema, blockBase, FormulaSchema, TargetSchema } from './common.js';

/**
 * `transfer`: moves `amount` (a formula, whole tokens) of one asset from an account to a target,
 * clipped to what the source holds. From `issuer` it is a mint (clipped to the cap), to `burned`
 * a burn, to `issuer` a recycle. Output: `<id>.amount`, what was moved.
 */
export const TransferBlockSchema = z.strictObject({
  kind: z.literal('transfer'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  from: AccountRefSchema,
  to: TargetSchema,
  amount: FormulaSchema,
});

/** Names a transfer block adds. */
export const transferOutputs = (b: { id: string }): string[] => [`${b.id}.amount`];

/** The formulas of a transfer block, by field path. */
export const transferFormulas = (b: { amount: string }): [string, string][] => [['amount', b.amount]];
