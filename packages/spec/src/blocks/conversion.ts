import * as z from 'zod/mini';
import { AccountRefSchema, blockBase, FormulaSchema, TargetSchema } from './common.js';

/**
 * `conversion` (a token migration or redemption across two assets, e.g. the ASI alliance's
 * `MigrateToken._migrateTokens`): takes `amount` (a formula, in tokens of `from.asset`) out of
 * `from.account` into `sink` (default `burned`: a burn; an account: the old tokens are sent to a
 * burn address that still counts as supply), and pays `amount` × `ratio` × (1 − `fee`) of `to.asset`
 * out of `reserve` (default `issuer`: a mint; an account: a pre-minted reserve) into `to.account`.
 * The amount is clipped to what `from.account` holds and, when the reserve is limited, to what the
 * reserve can pay (reserve / (ratio × (1 − fee))). The fee stays in the reserve (not minted). Each
 * side is a move of one asset, so every asset is conserved.
 * Outputs: `<id>.amount` (source tokens taken), `<id>.out` (tokens of `to.asset` paid),
 * `<id>.fee` (tokens of `to.asset` withheld: amount × ratio − out).
 */
export const ConversionBlockSchema = z.strictObject({
  kind: z.literal('conversion'),
  ...blockBase,
  from: z.strictObject({ asset: z.string().check(z.minLength(1)), account: AccountRefSchema }),
  to: z.strictObject({ asset: z.string().check(z.minLength(1)), account: TargetSchema }),
  /** Tokens of `from.asset` converted this step (the uptake). */
  amount: FormulaSchema,
  /** Tokens of `to.asset` per token of `from.asset`, before the fee; > 0. */
  ratio: z.number().check(z.gt(0)),
  /** Fraction of the converted amount withheld (default 0). */
  fee: z.optional(z.number().check(z.gte(0), z.lt(1))),
  /** The account of `to.asset` that pays (default `issuer`: minted). */
  reserve: z.optional(AccountRefSchema),
  /** Where the source tokens go: `burned` (default) or an account of `from.asset` (a burn address). */
  sink: z.optional(AccountRefSchema),
});

/** Names a conversion block adds. */
export const conversionOutputs = (b: { id: string }): string[] => [`${b.id}.amount`, `${b.id}.out`, `${b.id}.fee`];
/** The formulas of a conversion block. */
export const conversionFormulas = (b: { amount: string }): [string, string][] => [['amount', b.amount]];
