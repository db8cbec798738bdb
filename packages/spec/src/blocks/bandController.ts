import * as z from 'zod/mini';
import { DurationSchema } from '../schema.js';
import { blockBase, FormulaSchema, TargetSchema, WhenV2Schema } from './common.js';

/**
 * `bandController` (the Cosmos SDK mint module's `NextInflationRate`, and Akash's x/inflation
 * band): an annual rate that moves each protocol tick by (1 − ratio / goal) × `rateChange` /
 * `ticksPerYear`, capped at the band's top and floored at its bottom, and a mint of
 * `supply` × rate / `ticksPerYear` per tick. The band is [`min`, `max`], narrowed, when `ideal` is
 * set, to [I(t)(1 − v), I(t)(1 + v)] around the decaying ideal curve I(t) = initial × 2^(−age / halfLife).
 * The `ticksPerStep` ticks of a step are aggregated in closed form (the rate moves linearly until
 * it meets a bound); `ratio`, `supply` and the band are held for the step.
 * Outputs: `<id>.rate` (annual, after this step's ticks), `<id>.amount`, `<id>.low`, `<id>.high`.
 */
export const BandControllerBlockSchema = z.strictObject({
  kind: z.literal('bandController'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  to: TargetSchema,
  /** The measured ratio, e.g. `AKT.bonded / AKT.totalSupply` (Cosmos: bonded tokens / staking supply). */
  ratio: FormulaSchema,
  /** What the rate applies to (default `<asset>.totalSupply`). */
  supply: z.optional(FormulaSchema),
  /** The goal ratio (Cosmos `goal_bonded`); > 0. */
  goal: z.number().check(z.gt(0)),
  /** Largest change of the annual rate per year (Cosmos `inflation_rate_change`). */
  rateChange: z.number().check(z.gte(0)),
  /** Annual rate at the start. */
  initial: z.number().check(z.gte(0)),
  /** Lowest annual rate (Cosmos `inflation_min`; default 0). */
  min: z.optional(z.number().check(z.gte(0))),
  /** Highest annual rate (Cosmos `inflation_max`; default none). */
  max: z.optional(z.number().check(z.gte(0))),
  /** The ideal curve whose band [I(1 − variance), I(1 + variance)] bounds the rate too (Akash x/inflation). */
  ideal: z.optional(
    z.strictObject({
      /** I at the origin (annual rate). */
      initial: z.number().check(z.gte(0)),
      halfLife: DurationSchema,
      /** Half-width of the band as a fraction of I (Akash `variance`). */
      variance: z.number().check(z.gte(0), z.lte(1)),
      /** When the curve starts (Akash: genesis); default the start. A date before the start is allowed. */
      origin: z.optional(WhenV2Schema),
    }),
  ),
  /** Protocol ticks (blocks) per year: the rate's change and the mint are per year / this. */
  ticksPerYear: z.number().check(z.gt(0)),
  /** Protocol ticks per model step (default 1). */
  ticksPerStep: z.optional(z.int().check(z.gte(1), z.lte(1_000_000_000))),
});

/** Names a bandController block adds. */
export const bandControllerOutputs = (b: { id: string }): string[] => [`${b.id}.rate`, `${b.id}.amount`, `${b.id}.low`, `${b.id}.high`];
/** The formulas of a bandController block. */
export const bandControllerFormulas = (b: { ratio: string; supply?: string | undefined }): [string, string][] =>
  b.supply === undefined
    ? [['ratio', b.ratio]]
    : [
        ['ratio', b.ratio],
        ['supply', b.supply],
      ];
