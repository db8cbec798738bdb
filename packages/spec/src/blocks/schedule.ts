import { z } from 'zod';
import { DurationSchema, RateSchema } from '../schema.js';
import { blockBase, TargetSchema, WhenV2Schema } from './common.js';

/** Time-based issuance curves, resolved into a per-step table at compile time. */
export const IssuanceCurveSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), rate: RateSchema, from: WhenV2Schema.optional(), until: WhenV2Schema.optional() }),
  z.strictObject({ kind: z.literal('halving'), rate: RateSchema, every: DurationSchema, from: WhenV2Schema.optional() }),
  z.strictObject({
    kind: z.literal('table'),
    entries: z.array(z.strictObject({ from: WhenV2Schema, rate: RateSchema })).min(1),
    /** After the last entry, halve every period (calendar years with time.start: Helium's Aug 1 halvings). */
    then: z.strictObject({ halvingEvery: DurationSchema }).optional(),
  }),
  /** total × (1 − 2^(−τ/halfLife)) released by time τ since `origin` (the protocol's phase: a date or step, default the start). */
  z.strictObject({ kind: z.literal('halfLife'), total: z.number().min(0), halfLife: DurationSchema, origin: WhenV2Schema.optional() }),
  /** rate × factor^k in period k (k = 0, 1, ...) of length `every`, from `from`, for `periods` periods (io.net's monthly decay). */
  z.strictObject({ kind: z.literal('geometric'), rate: RateSchema, factor: z.number().gt(0).max(1), every: DurationSchema, periods: z.int().min(1).optional(), from: WhenV2Schema.optional() }),
]);

/** `schedule`: mints a time-based issuance curve from the asset's issuer into a target. Output: `<id>.amount`. */
export const ScheduleBlockSchema = z.strictObject({
  kind: z.literal('schedule'),
  ...blockBase,
  asset: z.string().min(1),
  to: TargetSchema,
  curve: IssuanceCurveSchema,
});

export type IssuanceCurve = z.output<typeof IssuanceCurveSchema>;

/** Names a schedule block adds. */
export const scheduleOutputs = (b: { id: string }): string[] => [`${b.id}.amount`];

/** A schedule block has no formulas. */
export const scheduleFormulas = (_b: unknown): [string, string][] => [];
