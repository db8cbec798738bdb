import * as z from 'zod/mini';
import { AccountRefSchema, blockBase, FormulaSchema } from './common.js';

/**
 * `split`: divides `amount` (default: everything `from` holds) between parts, each a share of
 * the amount that is paid only while the receiving account holds less than `untilBalance`
 * (Livepeer's 10% treasury cut until the treasury holds 750,000 LPT), and sends the rest to
 * `rest`. Output: `<id>.amount`.
 */
export const SplitBlockSchema = z.strictObject({
  kind: z.literal('split'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  from: AccountRefSchema,
  amount: z.optional(FormulaSchema),
  /**
   * Each part's share of the amount: a number, or a formula evaluated each step (a time-varying
   * split, or weights from signals, e.g. `iotScore / (iotScore + mobileScore)`). The parts' shares
   * should sum to at most 1 (numbers are checked; a formula share is clipped to [0, 1 − earlier parts]).
   */
  parts: z
    .array(z.strictObject({ to: AccountRefSchema, share: z.union([z.number().check(z.gte(0), z.lte(1)), FormulaSchema]), untilBalance: z.optional(z.number().check(z.gte(0))) }))
    .check(z.minLength(1), z.maxLength(64)),
  rest: AccountRefSchema,
});

/** Names a split block adds. */
export const splitOutputs = (b: { id: string }): string[] => [`${b.id}.amount`];
/** The formulas of a split block. */
export const splitFormulas = (b: { amount?: string | undefined; parts: { share: number | string }[] }): [string, string][] => [
  ...(b.amount === undefined ? [] : ([['amount', b.amount]] as [string, string][])),
  ...b.parts.flatMap((p, k): [string, string][] => (typeof p.share === 'string' ? [[`parts.${k}.share`, p.share]] : [])),
];
