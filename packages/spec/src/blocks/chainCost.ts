import * as z from 'zod/mini';
import { blockBase, FormulaSchema } from './common.js';

/** A per-step count or fee: a number, or a formula evaluated each time the block runs. */
const NumberOrFormula = z.union([z.number().check(z.gte(0)), FormulaSchema]);

/** Output names a chainCost block reserves; an operation may not take one of them as its name. */
export const CHAIN_COST_RESERVED = ['ops', 'fee', 'costUsd', 'utilisation'] as const;

/**
 * `chainCost`: the cost of a network's on-chain side on one chain. Each step it counts the
 * operations the model generates (`operations`: a count formula over the model's state, e.g.
 * device onboardings from a population's growth, reward claims from its active providers, burns
 * from a creditBurn's USD) and their fee in the chain's native token, prices the fees at
 * `nativePrice` (USD per native token) and compares the operations with the chain's throughput
 * (`capacity`, operations per second). It moves no tokens. Outputs: `<id>.ops` (operations in
 * the step), `<id>.fee` (native tokens spent), `<id>.costUsd`, `<id>.utilisation` (ops over the
 * capacity of the step's seconds) and `<id>.<name>` (the count of each operation).
 */
export const ChainCostBlockSchema = z.strictObject({
  kind: z.literal('chainCost'),
  ...blockBase,
  /** The chain's name (documentation: `solana`, `arbitrum`, ...). */
  chain: z.optional(z.string()),
  operations: z
    .array(
      z.strictObject({
        name: z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be a name: letters, digits and _, starting with a letter or _' })),
        /** Operations of this kind in the step (a negative count counts 0). */
        count: NumberOrFormula,
        /** Fee of one operation, in the chain's native token. */
        fee: NumberOrFormula,
        description: z.optional(z.string()),
      }),
    )
    .check(z.minLength(1), z.maxLength(64)),
  /** USD per native token: a number, or a formula (e.g. a signal with its own path). */
  nativePrice: z.union([z.number().check(z.gt(0)), FormulaSchema]),
  /** The chain's throughput, operations (transactions) per second. */
  capacity: z.number().check(z.gt(0)),
});

type ChainCostLike = { id: string; operations: { name: string; count: number | string; fee: number | string }[]; nativePrice: number | string };

/** Names a chainCost block adds. */
export const chainCostOutputs = (b: { id: string; operations: { name: string }[] }): string[] => [
  `${b.id}.ops`,
  `${b.id}.fee`,
  `${b.id}.costUsd`,
  `${b.id}.utilisation`,
  ...b.operations.map((o) => `${b.id}.${o.name}`),
];
/** The formulas of a chainCost block. */
export const chainCostFormulas = (b: ChainCostLike): [string, string][] => [
  ...b.operations.flatMap((o, k): [string, string][] => [
    ...(typeof o.count === 'string' ? ([[`operations.${k}.count`, o.count]] as [string, string][]) : []),
    ...(typeof o.fee === 'string' ? ([[`operations.${k}.fee`, o.fee]] as [string, string][]) : []),
  ]),
  ...(typeof b.nativePrice === 'string' ? ([['nativePrice', b.nativePrice]] as [string, string][]) : []),
];
