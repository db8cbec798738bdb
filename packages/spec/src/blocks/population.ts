import { z } from 'zod';
import { DistributionSchema, DurationSchema, PeriodSchema } from '../schema.js';
import { AccountRefSchema, blockBase, FormulaSchema } from './common.js';

/**
 * `population`: providers (simulated as `count` agents, each standing for population / count
 * real ones) who are paid pro rata to capacity and leave or join on profitability. Each step the
 * block pays out what `pays.from` holds to `pays.to` (tokens valued at `<asset>.price`) plus `usd`
 * (a formula, USD), then updates every agent. Entries take effect from the next step.
 * Outputs: `<id>.active` (providers), `<id>.capacity` (active capacity), `<id>.revenueUsd`.
 */
export const PopulationBlockSchema = z.strictObject({
  kind: z.literal('population'),
  ...blockBase,
  count: z.int().min(1).max(10_000_000),
  population: z.number().gt(0).optional(),
  initialActive: z.number().min(0).max(1).optional(),
  cost: DistributionSchema,
  costPer: PeriodSchema,
  capacity: DistributionSchema.optional(),
  window: z.int().min(1).max(31),
  minActiveSteps: z.int().min(1).max(31).optional(),
  reentry: z.strictObject({ probability: z.number().min(0).max(1), threshold: z.number().min(0) }),
  /**
   * Hardware bought on joining: `usd` per provider, to be earned back over `payback`. An inactive
   * agent joins only when the revenue per unit beats threshold × its cost per unit plus its capex
   * per unit per step of the payback period. (Collateral: a `lock` block whose target reads
   * `<id>.capacity`, e.g. `200 * miners.capacity`.)
   */
  capex: z.strictObject({ usd: z.number().min(0), payback: DurationSchema }).optional(),
  pays: z.strictObject({ asset: z.string().min(1), from: AccountRefSchema, to: AccountRefSchema }).optional(),
  usd: FormulaSchema.optional(),
});

/** Names a population block adds. */
export const populationOutputs = (b: { id: string }): string[] => [`${b.id}.active`, `${b.id}.capacity`, `${b.id}.revenueUsd`];

/** The formulas of a population block, by field path. */
export const populationFormulas = (b: { usd?: string | undefined }): [string, string][] => (b.usd === undefined ? [] : [['usd', b.usd]]);
