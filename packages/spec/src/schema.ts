import { z } from 'zod';

/**
 * The model spec schema (specVersion 1). A spec is plain JSON: it says what the economy is.
 * Every rate carries its period; the compiler converts rates to the step.
 * Optional fields with a default say so here; nothing else is filled in silently.
 */

const finite = () => z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const nonNeg = () => z.number().min(0);
const fraction = () => z.number().min(0).max(1);

/** A period a rate is expressed in. `step` means the model's own time step. */
export const PeriodSchema = z.enum(['hour', 'day', 'week', 'month', 'year', 'step']);
/** The model's time step. */
export const StepSchema = z.enum(['hour', 'day', 'week', 'month']);

/** An amount per period, e.g. `{ amount: 41095.89, per: 'day' }`. */
export const RateSchema = z.strictObject({ amount: nonNeg(), per: PeriodSchema });
/** A length of time, e.g. `{ amount: 2, unit: 'year' }`. With `time.start` set, years and months are calendar years and months. */
export const DurationSchema = z.strictObject({ amount: z.number().gt(0), unit: PeriodSchema });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' });
/** A point in time: an ISO date (needs `time.start`) or a step index (0 = the start). */
export const WhenSchema = z.union([isoDate, z.int().min(0)]);

/** Shares of an amount by recipient group id; they must sum to 1. */
export const SharesSchema = z.record(z.string(), fraction());

/** A distribution for per-agent parameters, drawn once per run from the run's random stream. */
export const DistributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: nonNeg() }),
  z.strictObject({ kind: z.literal('uniform'), min: nonNeg(), max: nonNeg() }),
  z.strictObject({ kind: z.literal('lognormal'), median: z.number().gt(0), sigma: nonNeg() }),
]);

const EmissionBase = { to: SharesSchema, description: z.string().optional() };

/** Emission sources. Time-based kinds are compiled to a per-step table; `supplyHalving` depends on state and runs in the engine. */
export const EmissionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), rate: RateSchema, from: WhenSchema.optional(), until: WhenSchema.optional(), ...EmissionBase }),
  z.strictObject({ kind: z.literal('halving'), rate: RateSchema, every: DurationSchema, from: WhenSchema.optional(), ...EmissionBase }),
  z.strictObject({
    kind: z.literal('schedule'),
    entries: z.array(z.strictObject({ from: WhenSchema, rate: RateSchema })).min(1),
    then: z.strictObject({ halvingEvery: DurationSchema }).optional(),
    ...EmissionBase,
  }),
  z.strictObject({ kind: z.literal('halfLife'), total: nonNeg(), halfLife: DurationSchema, ...EmissionBase }),
  z.strictObject({
    kind: z.literal('supplyHalving'),
    rate: RateSchema,
    thresholds: z.array(z.number().gt(0)).max(63).optional(),
    ...EmissionBase,
  }),
]);

/** Recipient group kinds: where minted tokens go. */
export const GroupKindSchema = z.enum(['providers', 'circulating', 'treasury', 'staked']);

export const GroupSchema = z.strictObject({ kind: GroupKindSchema, description: z.string().optional() });

/** Burn-and-mint equilibrium: a share of USD demand buys credits by burning tokens at the current price. */
export const BurnSchema = z.strictObject({
  kind: z.literal('burnAndMint'),
  /** Fraction of demand (USD) settled by burning the token. */
  share: fraction(),
  /** USD price of one credit (e.g. Helium DC = 0.00001). Documents the peg; the engine works in USD. Exact token↔credit conversions: `creditsFromBurn`, `tokensForCredits`. */
  creditPriceUsd: z.number().gt(0).optional(),
  /** Net emissions: burned tokens are re-minted, up to a cap, on a moving average of burns. */
  netEmissions: z
    .strictObject({ cap: RateSchema, averageOver: z.int().min(1).max(366), to: SharesSchema })
    .optional(),
});

export const DemandSchema = z.strictObject({
  /** Demand for the network's service in USD at the start. */
  initial: RateSchema,
  /** Growth of the demand trend, compounded: `rate` per `per`. */
  growth: z.strictObject({ rate: z.number().gt(-1), per: PeriodSchema }).optional(),
  /** Lognormal noise: demand is multiplied by exp(sigma·z) each step, z ~ N(0,1). `sigma` is per step. Default 0. */
  volatility: nonNeg().optional(),
  /** If true, noise is exp(sigma·z − sigma²/2), so its mean is 1. Default false. */
  meanCorrected: z.boolean().optional(),
  /** Demand responding to provider capacity: × (capacity / initial capacity)^elasticity, and at most `saturation` USD per unit of capacity. */
  capacity: z
    .strictObject({ elasticity: nonNeg(), saturation: RateSchema.optional() })
    .optional(),
  /** Fraction of demand (USD) paid to providers as revenue. Default 0. */
  providerShare: fraction().optional(),
});

const PriceFloor = { floor: z.number().gt(0).optional() };
export const PriceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), initial: z.number().gt(0), ...PriceFloor }),
  z.strictObject({ kind: z.literal('path'), values: z.array(z.number().gt(0)).min(1), ...PriceFloor }),
  z.strictObject({
    kind: z.literal('gbm'),
    initial: z.number().gt(0),
    drift: z.strictObject({ rate: finite(), per: PeriodSchema }),
    volatility: z.strictObject({ rate: nonNeg(), per: PeriodSchema }),
    ...PriceFloor,
  }),
  z.strictObject({
    kind: z.literal('impact'),
    initial: z.number().gt(0),
    /** price ×= exp(sensitivity · (burned − minted) / circulating + noise) each step. */
    sensitivity: nonNeg(),
    volatility: z.strictObject({ rate: nonNeg(), per: PeriodSchema }),
    ...PriceFloor,
  }),
]);

export const ProvidersSchema = z.strictObject({
  /** Number of simulated agents (cohorts). */
  count: z.int().min(1).max(10_000_000),
  /** Real providers the agents stand for (each agent = population / count providers). Default: count. */
  population: z.number().gt(0).optional(),
  /** Fraction of agents active at the start (the rest may join later). Default 1. */
  initialActive: fraction().optional(),
  /** Running cost per provider, in USD per `costPer`. */
  cost: DistributionSchema,
  costPer: PeriodSchema,
  /** Capacity per provider (in the network's capacity unit). Default constant 1. */
  capacity: DistributionSchema.optional(),
  /** Revenue is averaged over the steps the agent was active within this many trailing steps (1–31). */
  window: z.int().min(1).max(31),
  /** An agent may leave only once it has been active on at least this many steps of its window (1–window). Default 1: judged from its first step. */
  minActiveSteps: z.int().min(1).max(31).optional(),
  /** An inactive agent joins with `probability` per step when revenue per unit of capacity exceeds `threshold` × its cost per unit (with no capacity active: the pool as if one unit were active). */
  reentry: z.strictObject({ probability: fraction(), threshold: nonNeg() }),
});

export const ModelSpecSchema = z.strictObject({
  specVersion: z.literal(1),
  name: z.string().min(1),
  description: z.string().optional(),
  token: z.strictObject({
    symbol: z.string().min(1),
    initialSupply: nonNeg(),
    initialCirculating: nonNeg(),
    initialStaked: nonNeg().optional(),
    maxSupply: z.number().gt(0).optional(),
  }),
  time: z.strictObject({
    step: StepSchema,
    steps: z.int().min(1).max(10_000_000),
    start: isoDate.optional(),
  }),
  groups: z.record(z.string(), GroupSchema),
  emissions: z.record(z.string(), EmissionSchema),
  burn: BurnSchema.optional(),
  demand: DemandSchema.optional(),
  price: PriceSchema,
  providers: ProvidersSchema.optional(),
  monteCarlo: z.strictObject({
    runs: z.int().min(1).max(10_000_000),
    seed: z.int().min(0).max(0xffffffff),
  }),
});

/** A model spec as written by a user or a model module (plain JSON). */
export type ModelSpec = z.input<typeof ModelSpecSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Step = z.infer<typeof StepSchema>;
export type Rate = z.infer<typeof RateSchema>;
export type Duration = z.infer<typeof DurationSchema>;
export type When = z.infer<typeof WhenSchema>;
export type Distribution = z.infer<typeof DistributionSchema>;
export type EmissionSpec = z.infer<typeof EmissionSchema>;
export type GroupKind = z.infer<typeof GroupKindSchema>;
export type PriceSpec = z.infer<typeof PriceSchema>;
export type DemandSpec = z.infer<typeof DemandSchema>;
export type BurnSpec = z.infer<typeof BurnSchema>;
export type ProvidersSpec = z.infer<typeof ProvidersSchema>;
