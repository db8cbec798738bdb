import * as z from 'zod/mini';
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
  count: z.int().check(z.gte(1), z.lte(10_000_000)),
  population: z.optional(z.number().check(z.gt(0))),
  initialActive: z.optional(z.number().check(z.gte(0), z.lte(1))),
  cost: DistributionSchema,
  costPer: PeriodSchema,
  capacity: z.optional(DistributionSchema),
  window: z.int().check(z.gte(1), z.lte(31)),
  minActiveSteps: z.optional(z.int().check(z.gte(1), z.lte(31))),
  reentry: z.strictObject({ probability: z.number().check(z.gte(0), z.lte(1)), threshold: z.number().check(z.gte(0)) }),
  /**
   * Hardware bought on joining: `usd` per provider, to be earned back over `payback`. An inactive
   * agent joins only when the revenue per unit beats threshold × its cost per unit plus its capex
   * per unit per step of the payback period. (Collateral: a `lock` block whose target reads
   * `<id>.capacity`, e.g. `200 * miners.capacity`.)
   */
  capex: z.optional(z.strictObject({ usd: z.number().check(z.gte(0)), payback: DurationSchema })),
  pays: z.optional(z.strictObject({ asset: z.string().check(z.minLength(1)), from: AccountRefSchema, to: AccountRefSchema })),
  usd: z.optional(FormulaSchema),
  /**
   * The agent kernel. `screening` (the default): agents ordered by cost once per run, steady exits
   * and re-entry eligibility found by binary search, only agents with partial windows updated one by
   * one; re-entry trials run over the eligible agents in join-threshold order. `perAgent`: every
   * agent visited every step in agent order (trials in agent order). Both follow the same law; the
   * random numbers go to different agents, so runs differ. A population with non-constant capacity
   * always uses `perAgent` (its capacity sum is summed in agent order).
   */
  kernel: z.optional(z.enum(['screening', 'perAgent'])),
});

/** Names a population block adds. */
export const populationOutputs = (b: { id: string }): string[] => [`${b.id}.active`, `${b.id}.capacity`, `${b.id}.revenueUsd`];

/** The formulas of a population block, by field path. */
export const populationFormulas = (b: { usd?: string | undefined }): [string, string][] => (b.usd === undefined ? [] : [['usd', b.usd]]);
