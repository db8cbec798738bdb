import * as z from 'zod/mini';
import { blockBase, FormulaSchema } from './common.js';

/** `signal`: sets a declared signal to the value of a formula (draws inside it happen here, in formula order). */
export const SignalBlockSchema = z.strictObject({
  kind: z.literal('signal'),
  ...blockBase,
  /** The declared signal it writes. */
  set: z.string().check(z.minLength(1)),
  formula: FormulaSchema,
});

/** Names a signal block adds (none: it writes a declared signal). */
export const signalOutputs = (_b: { id: string }): string[] => [];

/** The formulas of a signal block, by field path. */
export const signalFormulas = (b: { formula: string }): [string, string][] => [['formula', b.formula]];
