import * as z from 'zod/mini';

/**
 * Building blocks of the model spec shared by the block kinds: periods, rates, durations, points
 * in time and distributions. Every rate carries its period; the compiler converts rates to the step.
 */

const nonNeg = () => z.number().check(z.gte(0));

/** A period a rate is expressed in. `step` means the model's own time step. */
export const PeriodSchema = z.enum(['hour', 'day', 'week', 'month', 'year', 'step']);
/** The model's time step. */
export const StepSchema = z.enum(['hour', 'day', 'week', 'month']);

/** An amount per period, e.g. `{ amount: 41095.89, per: 'day' }`. */
export const RateSchema = z.strictObject({ amount: nonNeg(), per: PeriodSchema });
/**
 * The shortest duration, in its own unit: 10^-6 (3.6 ms of an hour, 32 s of a year). Shorter ones
 * can only overflow: a halving every 5e-324 days halved the rate 1,100 times within one step and
 * left a subnormal amount minted, whose burn/mint ratio was Infinity.
 */
export const MIN_DURATION = 1e-6;

/** A length of time, e.g. `{ amount: 2, unit: 'year' }`, at least {@link MIN_DURATION} of its unit. With `time.start` set, years and months are calendar years and months. */
export const DurationSchema = z.strictObject({ amount: z.number().check(z.gte(MIN_DURATION)), unit: PeriodSchema });

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }));
/** A point in time: an ISO date (needs `time.start`) or a step index (0 = the start). */
export const WhenSchema = z.union([isoDate, z.int().check(z.gte(0))]);

/** A distribution for per-agent parameters, drawn once per run from the run's random stream. */
export const DistributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: nonNeg() }),
  z.strictObject({ kind: z.literal('uniform'), min: nonNeg(), max: nonNeg() }),
  z.strictObject({ kind: z.literal('lognormal'), median: z.number().check(z.gt(0)), sigma: nonNeg() }),
]);

export type Period = z.infer<typeof PeriodSchema>;
export type Step = z.infer<typeof StepSchema>;
export type Rate = z.infer<typeof RateSchema>;
export type Duration = z.infer<typeof DurationSchema>;
export type When = z.infer<typeof WhenSchema>;
export type Distribution = z.infer<typeof DistributionSchema>;
