import * as z from 'zod/mini';
import { blockBase, FormulaSchema, TargetSchema } from './common.js';

/**
 * `stepController` (Livepeer's Minter): each tick, the rate moves one `step` toward the target:
 * up when the measured `ratio` is below `target`, down (not below `floor`) when above, then
 * `supply` × rate is minted into the target. `ratio` and `supply` are read once per step, before
 * the mint (Livepeer reads the bonding rate before the round's rewards are bonded).
 * Outputs: `<id>.rate` (per tick, after this step's moves), `<id>.amount`.
 */
export const StepControllerBlockSchema = z.strictObject({
  kind: z.literal('stepController'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  to: TargetSchema,
  /** The measured ratio, e.g. `LPT.bonded / LPT.totalSupply`. */
  ratio: FormulaSchema,
  /** What the rate applies to (default `<asset>.totalSupply`). */
  supply: z.optional(FormulaSchema),
  target: z.number(),
  step: z.number().check(z.gte(0)),
  /** Rate per tick at the start. */
  initial: z.number().check(z.gte(0)),
  floor: z.optional(z.number().check(z.gte(0))),
  max: z.optional(z.number().check(z.gte(0))),
  /** Protocol ticks per model step (default 1: the step is the protocol's round). */
  ticksPerStep: z.optional(z.int().check(z.gte(1), z.lte(1_000_000))),
});

/** Names a stepController block adds. */
export const stepControllerOutputs = (b: { id: string }): string[] => [`${b.id}.rate`, `${b.id}.amount`];
/** The formulas of a stepController block. */
export const stepControllerFormulas = (b: { ratio: string; supply?: string | undefined }): [string, string][] =>
  b.supply === undefined
    ? [['ratio', b.ratio]]
    : [
        ['ratio', b.ratio],
        ['supply', b.supply],
      ];
