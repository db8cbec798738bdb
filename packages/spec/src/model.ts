import * as z from 'zod/mini';
import { BLOCK_SCHEMAS } from './blocks/index.js';

/**
 * The model spec, version 2: a ledger of assets and accounts, named parameters and signals, and
 * an ordered program of mechanism blocks. Every balance change is a transfer between two accounts
 * of one asset; minting is a transfer from the asset's issuer, burning one to its `burned` account.
 * See docs/spec.md.
 */

/** A name usable in formulas: letters, digits and `_`, starting with a letter or `_`. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names that are properties of every JavaScript object (`constructor`, `__proto__`, `toString`, …): refused as names. */
export const RESERVED_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype);
const name = () =>
  z.string().check(
    z.regex(NAME_PATTERN, { message: 'must be a name: letters, digits and _, starting with a letter or _' }),
    z.refine((n: string) => !RESERVED_NAMES.includes(n), { message: 'is reserved (a property of every JavaScript object): choose another name' }),
  );

/** Account tags. Tags decide what an asset's circulating supply counts (`circulating` lists tags). */
export const AccountTagSchema = z.enum(['liquid', 'rewards', 'treasury', 'vesting', 'escrow', 'bonded', 'unbonding', 'pledge', 'endowment', 'reserves', 'locked', 'held']);

/** An account of an asset, besides its implicit `issuer` and `burned`. */
export const AccountSchema = z.strictObject({
  /** Balance at the start, in whole tokens. Default 0. */
  initial: z.optional(z.number().check(z.gte(0))),
  tag: AccountTagSchema,
  description: z.optional(z.string()),
});

/** A token or a credit (a USD-pegged, non-transferable unit such as Helium's Data Credits). */
export const AssetSchema = z.strictObject({
  kind: z.enum(['token', 'credit']),
  description: z.optional(z.string()),
  /** Maximum supply in whole tokens: the issuer holds cap − issued and minting stops when it is empty. Uncapped if absent (the issuer may go negative). */
  cap: z.optional(z.number().check(z.gt(0))),
  /** Decimals of the base unit (HNT 8, FIL 18, TAO 9): for exact conversions at the edges. */
  decimals: z.int().check(z.gte(0), z.lte(36)),
  /** Account tags counted as circulating supply (default ['liquid']). Total supply counts every account but issuer and burned. */
  circulating: z.optional(z.array(AccountTagSchema).check(z.minLength(1))),
  /** A credit's USD price (e.g. 0.00001 for Data Credits). */
  priceUsd: z.optional(z.number().check(z.gt(0))),
  accounts: z.record(name(), AccountSchema),
});

/** A named per-step value, written by exactly one block. */
export const SignalSchema = z.strictObject({
  /** Value at step 0 (before the first step). Default 0. */
  initial: z.optional(z.number()),
  /** Blocks placed before the writer read the previous step's value. Without `lag: true` that is an error (SPEC_CYCLE). */
  lag: z.optional(z.boolean()),
  unit: z.optional(z.string()),
  description: z.optional(z.string()),
});

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }));

/** A step of a calendar period, or a protocol clock given in seconds with its name (`{ seconds: 69120, name: 'round' }`). */
export const TimeStepSchema = z.union([z.enum(['hour', 'day', 'week', 'month']), z.strictObject({ seconds: z.number().check(z.gt(0), z.lte(366 * 86_400)), name: name() })]);

/** The model spec schema (specVersion 2). */
export const ModelSpecSchema = z.strictObject({
  specVersion: z.literal(2),
  name: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  time: z.strictObject({
    step: TimeStepSchema,
    steps: z.int().check(z.gte(1), z.lte(10_000_000)),
    start: z.optional(isoDate),
  }),
  /** The asset whose figures the canonical metrics (totalSupply, minted, burned, price, ...) report. */
  mainAsset: name(),
  assets: z.record(name(), AssetSchema),
  /** Named constants for formulas (`--set params.growth=0.3`). */
  params: z.optional(z.record(name(), z.number().check(z.refine(Number.isFinite, { message: 'must be a finite number' })))),
  signals: z.optional(z.record(name(), SignalSchema)),
  blocks: z.array(z.discriminatedUnion('kind', BLOCK_SCHEMAS)).check(z.minLength(1)),
  monteCarlo: z.strictObject({
    runs: z.int().check(z.gte(1), z.lte(10_000_000)),
    seed: z.int().check(z.gte(0), z.lte(0xffffffff)),
  }),
});

/** A model spec as written by a user or a model module (plain JSON). */
export type ModelSpec = z.input<typeof ModelSpecSchema>;
/** A spec after validation (optional fields keep their documented defaults at compile time). */
export type ValidSpec = z.output<typeof ModelSpecSchema>;
export type AssetSpec = z.output<typeof AssetSchema>;
export type AccountSpec = z.output<typeof AccountSchema>;
export type SignalSpec = z.output<typeof SignalSchema>;
export type TimeStep = z.output<typeof TimeStepSchema>;
export type BlockSpec = ValidSpec['blocks'][number];
