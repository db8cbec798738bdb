import * as z from 'zod/mini';
import { blockBase, FormulaSchema, TargetSchema } from './common.js';

/**
 * `baselineMinting` (Filecoin): simple minting, total × (1 − e^(−λτ)) over elapsed protocol time
 * τ, plus baseline minting, baselineTotal × (1 − e^(−λθ)) over the effective network time θ:
 * the time at which the cumulative baseline b0·e^(g·x) equals the cumulative realized power,
 * realized power being min(power, baseline) each tick. Aggregated over a step in closed form
 * (power constant within the step, the crossing of power and baseline inside it exact).
 * Outputs: `<id>.amount`, `<id>.simple`, `<id>.baseline` (tokens this step), `<id>.theta`
 * (effective network time, ticks), `<id>.baselinePower` (at the end of the step).
 */
export const BaselineMintingBlockSchema = z.strictObject({
  kind: z.literal('baselineMinting'),
  ...blockBase,
  asset: z.string().check(z.minLength(1)),
  to: TargetSchema,
  /** Network power, in the unit of `baselineInitial` (bytes), as a formula. */
  power: FormulaSchema,
  /** Seconds per protocol tick (Filecoin epoch: 30). */
  tickSeconds: z.number().check(z.gt(0)),
  simpleTotal: z.number().check(z.gte(0)),
  baselineTotal: z.number().check(z.gte(0)),
  /** Half-life of both curves, in ticks (Filecoin: 6 years of 1,051,200 epochs). */
  halfLifeTicks: z.number().check(z.gt(0)),
  /** Baseline power at tick 0 (Filecoin: 2,888,888,880,000,000,000 bytes). */
  baselineInitial: z.number().check(z.gt(0)),
  /** Ticks in which the baseline doubles (Filecoin: 1,051,200). */
  baselineDoublingTicks: z.number().check(z.gt(0)),
  /** Ticks elapsed since the protocol's tick 0 at the model's start. */
  elapsedAtStart: z.number().check(z.gte(0)),
  /** Effective network time θ (ticks) at the model's start. */
  thetaAtStart: z.number().check(z.gte(0)),
});

/** Names a baselineMinting block adds. */
export const baselineMintingOutputs = (b: { id: string }): string[] => ['amount', 'simple', 'baseline', 'theta', 'baselinePower'].map((o) => `${b.id}.${o}`);
/** The formulas of a baselineMinting block. */
export const baselineMintingFormulas = (b: { power: string }): [string, string][] => [['power', b.power]];
