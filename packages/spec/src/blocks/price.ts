import { z } from 'zod';
import { PeriodSchema } from '../schema.js';
import { blockBase, FormulaSchema } from './common.js';

const floor = { floor: z.number().gt(0).optional() };
const rate = z.strictObject({ rate: z.number().refine(Number.isFinite, { message: 'must be a finite number' }), per: PeriodSchema });
const vol = z.strictObject({ rate: z.number().min(0), per: PeriodSchema });

/** How the price moves each step (it writes the signal `<asset>.price`). */
export const PriceModelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), initial: z.number().gt(0), ...floor }),
  z.strictObject({ kind: z.literal('path'), values: z.array(z.number().gt(0)).min(1), ...floor }),
  z.strictObject({ kind: z.literal('gbm'), initial: z.number().gt(0), drift: rate, volatility: vol, ...floor }),
  /**
   * price ×= exp(sensitivity · flow + drift + σ·z): `flow` defaults to the asset's net burn of the
   * step over its circulating supply at the start of the step, (burned − minted) / circulating.
   */
  z.strictObject({ kind: z.literal('impact'), initial: z.number().gt(0), sensitivity: z.number().min(0), flow: FormulaSchema.optional(), drift: rate.optional(), volatility: vol, ...floor }),
]);

/** `price`: the asset's USD price. Output: the signal `<asset>.price` (before this block: last step's price). */
export const PriceBlockSchema = z.strictObject({
  kind: z.literal('price'),
  ...blockBase,
  asset: z.string().min(1),
  model: PriceModelSchema,
});

export type PriceModel = z.output<typeof PriceModelSchema>;

/** Names a price block adds: the asset's price signal. */
export const priceOutputs = (b: { asset: string }): string[] => [`${b.asset}.price`];

/** The formulas of a price block, by field path. */
export const priceFormulas = (b: { model: PriceModel }): [string, string][] =>
  b.model.kind === 'impact' && b.model.flow !== undefined ? [['model.flow', b.model.flow]] : [];
