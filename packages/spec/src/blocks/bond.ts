import * as z from 'zod/mini';
import { AccountRefSchema, blockBase, FormulaSchema } from './common.js';

/**
 * `bond` (staking with an unbonding delay): each step, first what started unbonding `delay`
 * steps ago returns to `liquid`; then `bond` tokens (a formula, clipped to what `liquid` holds)
 * move to `bonded`, and `unbond` tokens (clipped to `bonded`) move to `unbonding`.
 * Outputs: `<id>.bonded`, `<id>.unbonded` (this step), `<id>.released`.
 */
export const BondBlockSchema = z.strictObject({
  kind: z.literal('bond'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  liquid: AccountRefSchema,
  bonded: AccountRefSchema,
  unbonding: AccountRefSchema,
  bond: FormulaSchema,
  unbond: FormulaSchema,
  /** Steps from the start of unbonding to the return to `liquid` (1 to 10,000). */
  delay: z.int().check(z.gte(1), z.lte(10_000)),
});

/** Names a bond block adds. */
export const bondOutputs = (b: { id: string }): string[] => [`${b.id}.bonded`, `${b.id}.unbonded`, `${b.id}.released`];
/** The formulas of a bond block. */
export const bondFormulas = (b: { bond: string; unbond: string }): [string, string][] => [
  ['bond', b.bond],
  ['unbond', b.unbond],
];
