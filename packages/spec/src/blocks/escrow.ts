import * as z from 'zod/mini';
import { AccountRefSchema, blockBase, FormulaSchema } from './common.js';

/**
 * `escrow` (a vesting ring): each step takes `amount` (default: everything `from` holds), sends
 * `immediate` of it to `to` at once and locks the rest in `locked`, which releases each step's
 * locked inflow linearly over the next `over` steps (Filecoin: 25% now, 75% over 180 days).
 * Order inside the step: this step's release of earlier inflows, then the new inflow.
 * Outputs: `<id>.released`, `<id>.locked` (locked this step), `<id>.immediate`.
 */
export const EscrowBlockSchema = z.strictObject({
  kind: z.literal('escrow'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  from: AccountRefSchema,
  amount: z.optional(FormulaSchema),
  immediate: z.optional(z.number().check(z.gte(0), z.lte(1))),
  locked: AccountRefSchema,
  to: AccountRefSchema,
  /** Steps over which each inflow is released (1 to 100,000). */
  over: z.int().check(z.gte(1), z.lte(100_000)),
  /** `linear` (default): what `locked` holds at the start releases as if it had flowed in evenly over the last `over` steps; `none`: it stays locked. */
  initialRelease: z.optional(z.enum(['linear', 'none'])),
});

/** Names an escrow block adds. */
export const escrowOutputs = (b: { id: string }): string[] => [`${b.id}.released`, `${b.id}.locked`, `${b.id}.immediate`];
/** The formulas of an escrow block. */
export const escrowFormulas = (b: { amount?: string | undefined }): [string, string][] => (b.amount === undefined ? [] : [['amount', b.amount]]);
