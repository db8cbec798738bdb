import * as z from 'zod/mini';
import { PeriodSchema } from '../schema.js';
import { blockBase, FormulaSchema } from './common.js';

const floor = { floor: z.optional(z.number().check(z.gt(0))), ceiling: z.optional(z.number().check(z.gt(0))) };
const rate = z.strictObject({ rate: z.number().check(z.refine(Number.isFinite, { message: 'must be a finite number' })), per: PeriodSchema });
const vol = z.strictObject({ rate: z.number().check(z.gte(0)), per: PeriodSchema });

/** How the price moves each step (it writes the signal `<asset>.price`). */
export const PriceModelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), initial: z.number().check(z.gt(0)), ...floor }),
  z.strictObject({ kind: z.literal('path'), values: z.array(z.number().check(z.gt(0))).check(z.minLength(1)), ...floor }),
  z.strictObject({ kind: z.literal('gbm'), initial: z.number().check(z.gt(0)), drift: rate, volatility: vol, ...floor }),
  /**
   * price ×= exp(sensitivity · flow + drift + σ·z): `flow` defaults to the asset's net burn of the
   * step over its circulating supply at the start of the step, (burned − minted) / circulating.
   */
  z.strictObject({
    kind: z.literal('impact'),
    initial: z.number().check(z.gt(0)),
    sensitivity: z.number().check(z.gte(0)),
    flow: z.optional(FormulaSchema),
    drift: z.optional(rate),
    volatility: vol,
    ...floor,
  }),
]);

/** `price`: the asset's USD price. Output: the signal `<asset>.price` (before this block: last step's price). */
export const PriceBlockSchema = z.strictObject({
  kind: z.literal('price'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  model: PriceModelSchema,
});

export type PriceModel = z.output<typeof PriceModelSchema>;

/** Names a price block adds: the asset's price signal. */
export const priceOutputs = (b: { asset: string }): string[] => [`${b.asset}.price`];

/** The formulas of a price block, by field path. */
export const priceFormulas = (b: { model: PriceModel }): [string, string][] => (b.model.kind === 'impact' && b.model.flow !== undefined ? [['model.flow', b.model.flow]] : []);
