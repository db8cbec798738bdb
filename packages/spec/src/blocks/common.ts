import * as z from 'zod/mini';

/** A block's id: a name (letters, digits, `_`); its outputs are `<id>.<output>` in formulas and metrics. */
export const BlockIdSchema = z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be a name: letters, digits and _, starting with a letter or _' }));

/** A formula: a safe expression over parameters, signals, balances and block outputs (docs/spec.md#formulas). */
export const FormulaSchema = z.string().check(z.minLength(1));

/** A name of an account of the block's asset (`liquid`, `rewards`, ...; `issuer` and `burned` always exist). */
export const AccountRefSchema = z.string().check(z.minLength(1));

/** Where an amount goes: one account, or shares by account that sum to 1. */
export const TargetSchema = z.union([AccountRefSchema, z.record(z.string().check(z.minLength(1)), z.number().check(z.gte(0), z.lte(1)))]);

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }));
/** A point in time: an ISO date (needs `time.start`) or a step index (0 = the start). */
export const WhenV2Schema = z.union([isoDate, z.int().check(z.gte(0))]);

/** When a block runs: every `every` steps (default 1) from step `from` (default 1), until before `until`. */
export const ClockSchema = z.strictObject({
  every: z.optional(z.int().check(z.gte(1), z.lte(1_000_000))),
  from: z.optional(WhenV2Schema),
  until: z.optional(WhenV2Schema),
});

/** Fields every block has. */
export const blockBase = {
  id: BlockIdSchema,
  description: z.optional(z.string()),
  clock: z.optional(ClockSchema),
};

export type Target = z.output<typeof TargetSchema>;
export type Clock = z.output<typeof ClockSchema>;
