import * as z from 'zod/mini';
import { AccountRefSchema, blockBase, FormulaSchema } from './common.js';

/**
 * `amm` (a constant-product pool x · y = k between a token and a base asset, with optional virtual
 * liquidity on the base side, e.g. Virtuals' bonding-curve pair FPair/FRouter or a Uniswap v2
 * pool): each time it runs, first a buy (base in → tokens out), then a sell (tokens in → base out),
 * priced on the pool's balances: the token reserve `token.pool` and the base reserve
 * `base.pool` + `virtualBase`. A buy of a pays `buyTax` × a to `taxTo` and puts the rest n into the
 * pool for reserveToken × n / (reserveBase + n) tokens; a sell of x pays reserveBase × x /
 * (reserveToken + x), never more than the real base in the pool, less `sellTax` of it to `taxTo`.
 * The virtual liquidity is never paid out. Every move is within one asset, so both are conserved.
 * Outputs: `<id>.bought` (tokens out), `<id>.baseIn` (base into the pool), `<id>.sold` (tokens in),
 * `<id>.baseOut` (base paid to the seller), `<id>.tax` (base, both sides), `<id>.price` (base per
 * token after the trades: (base pool + virtual) / token pool; a state output).
 */
export const AmmBlockSchema = z.strictObject({
  kind: z.literal('amm'),
  ...blockBase,
  /** The token traded and the account holding the pool's token reserve. */
  token: z.strictObject({ asset: z.string().check(z.minLength(1)), pool: AccountRefSchema }),
  /** The base asset (e.g. VIRTUAL) and the account holding the pool's real base reserve. */
  base: z.strictObject({ asset: z.string().check(z.minLength(1)), pool: AccountRefSchema }),
  /** Virtual base liquidity added to the base reserve in pricing (a formula, base tokens; default 0). */
  virtualBase: z.optional(FormulaSchema),
  /** A buy: `amount` of base (formula) from a base account; the tokens go to a token account, or `burned` (a buyback and burn). */
  buy: z.optional(z.strictObject({ amount: FormulaSchema, from: AccountRefSchema, to: AccountRefSchema })),
  /** A sell: `amount` of tokens (formula) from a token account; the base goes to a base account. */
  sell: z.optional(z.strictObject({ amount: FormulaSchema, from: AccountRefSchema, to: AccountRefSchema })),
  /** Tax on a buy, a fraction of the base paid (FRouter `buyTax` / 100; default 0). */
  buyTax: z.optional(z.number().check(z.gte(0), z.lt(1))),
  /** Tax on a sell, a fraction of the base out (FRouter `sellTax` / 100; default 0). */
  sellTax: z.optional(z.number().check(z.gte(0), z.lt(1))),
  /** The base account taxes go to (required with a tax > 0). */
  taxTo: z.optional(AccountRefSchema),
});

/** Names an amm block adds. */
export const ammOutputs = (b: { id: string }): string[] => ['bought', 'baseIn', 'sold', 'baseOut', 'tax', 'price'].map((o) => `${b.id}.${o}`);
/** The formulas of an amm block. */
export const ammFormulas = (b: { virtualBase?: string | undefined; buy?: { amount: string } | undefined; sell?: { amount: string } | undefined }): [string, string][] => [
  ...(b.virtualBase === undefined ? [] : [['virtualBase', b.virtualBase] as [string, string]]),
  ...(b.buy === undefined ? [] : [['buy.amount', b.buy.amount] as [string, string]]),
  ...(b.sell === undefined ? [] : [['sell.amount', b.sell.amount] as [string, string]]),
];
