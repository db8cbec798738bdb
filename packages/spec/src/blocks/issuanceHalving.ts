import * as z from 'zod/mini';
import { blockBase, FormulaSchema, TargetSchema } from './common.js';

/**
 * `issuanceHalving` (Bittensor): `perTick` tokens per protocol tick, halved each time the
 * issuance crosses cap × (1 − 2^−k), k = 1, 2, …; a crossing inside a step is exact: the ticks
 * before it pay the old rate, the rest the new one. Issuance is `issuance` (default
 * `<asset>.totalSupply`, which recycling to the issuer lowers), read at the start of the step.
 * Outputs: `<id>.amount`, `<id>.rate` (per tick at the end of the step).
 */
export const IssuanceHalvingBlockSchema = z.strictObject({
  kind: z.literal('issuanceHalving'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  to: TargetSchema,
  perTick: z.number().check(z.gt(0)),
  ticksPerStep: z.int().check(z.gte(1), z.lte(10_000_000)),
  /** The supply the thresholds are fractions of (default the asset's cap). */
  cap: z.optional(z.number().check(z.gt(0))),
  issuance: z.optional(FormulaSchema),
});

/** Names an issuanceHalving block adds. */
export const issuanceHalvingOutputs = (b: { id: string }): string[] => [`${b.id}.amount`, `${b.id}.rate`];
/** The formulas of an issuanceHalving block. */
export const issuanceHalvingFormulas = (b: { issuance?: string | undefined }): [string, string][] => (b.issuance === undefined ? [] : [['issuance', b.issuance]]);
