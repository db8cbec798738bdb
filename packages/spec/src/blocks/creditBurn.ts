import * as z from 'zod/mini';
import { AccountRefSchema, blockBase, FormulaSchema } from './common.js';

/**
 * `creditBurn` (burn-and-mint): USD demand buys credits by burning the token at the price signal
 * (read when the block runs), clipped to what `from` holds; the credits are minted and used
 * (burned) in the same step (issuer → burned of the credit asset). Outputs: `<id>.burned` (tokens), `<id>.credits`, `<id>.usd` (USD settled).
 */
export const CreditBurnBlockSchema = z.strictObject({
  kind: z.literal('creditBurn'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  from: AccountRefSchema,
  /** The credit asset (kind `credit`, with `priceUsd`): minted from its issuer and burned on use. */
  credit: z.string().check(z.minLength(1)),
  /** USD demand in the step (a formula). */
  usd: FormulaSchema,
  /** Fraction of it settled by burning. Default 1. */
  share: z.optional(z.number().check(z.gte(0), z.lte(1))),
  /**
   * Where the burned tokens go: `burned` (default), or back to the `issuer`, so that the cap bounds
   * the supply rather than the cumulative issuance (Helium's HIP-20: burned HNT makes room for net
   * emissions). Either way they count in `<asset>.burned`.
   */
  burnTo: z.optional(z.enum(['burned', 'issuer'])),
  /** The token price the burn uses (a formula; default `<asset>.price`). Helium's oracle haircut goes here. */
  price: z.optional(FormulaSchema),
});

/** Names a creditBurn block adds. */
export const creditBurnOutputs = (b: { id: string }): string[] => [`${b.id}.burned`, `${b.id}.credits`, `${b.id}.usd`];

/** The formulas of a creditBurn block, by field path. */
export const creditBurnFormulas = (b: { usd: string; price?: string | undefined }): [string, string][] =>
  b.price === undefined
    ? [['usd', b.usd]]
    : [
        ['usd', b.usd],
        ['price', b.price],
      ];
