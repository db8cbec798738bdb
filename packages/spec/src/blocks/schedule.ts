import * as z from 'zod/mini';
import { DurationSchema, RateSchema } from '../schema.js';
import { blockBase, TargetSchema, WhenV2Schema } from './common.js';

/** Time-based issuance curves, resolved into a per-step table at compile time. */
export const IssuanceCurveSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), rate: RateSchema, from: z.optional(WhenV2Schema), until: z.optional(WhenV2Schema) }),
  z.strictObject({ kind: z.literal('halving'), rate: RateSchema, every: DurationSchema, from: z.optional(WhenV2Schema) }),
  z.strictObject({
    kind: z.literal('table'),
    entries: z.array(z.strictObject({ from: WhenV2Schema, rate: RateSchema })).check(z.minLength(1)),
    /** After the last entry, halve every period (calendar years with time.start: Helium's Aug 1 halvings). */
    then: z.optional(z.strictObject({ halvingEvery: DurationSchema })),
  }),
  /** total × (1 − 2^(−τ/halfLife)) released by time τ since `origin` (the protocol's phase: a date or step, default the start). */
  z.strictObject({ kind: z.literal('halfLife'), total: z.number().check(z.gte(0)), halfLife: DurationSchema, origin: z.optional(WhenV2Schema) }),
  /** rate × factor^k in period k (k = 0, 1, ...) of length `every`, from `from`, for `periods` periods (io.net's monthly decay). */
  z.strictObject({
    kind: z.literal('geometric'),
    rate: RateSchema,
    factor: z.number().check(z.gt(0), z.lte(1)),
    every: DurationSchema,
    periods: z.optional(z.int().check(z.gte(1))),
    from: z.optional(WhenV2Schema),
  }),
]);

/** `schedule`: mints a time-based issuance curve from the asset's issuer into a target. Output: `<id>.amount`. */
export const ScheduleBlockSchema = z.strictObject({
  kind: z.literal('schedule'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  to: TargetSchema,
  curve: IssuanceCurveSchema,
});

export type IssuanceCurve = z.output<typeof IssuanceCurveSchema>;

/** Names a schedule block adds. */
export const scheduleOutputs = (b: { id: string }): string[] => [`${b.id}.amount`];

/** A schedule block has no formulas. */
export const scheduleFormulas = (_b: unknown): [string, string][] => [];
