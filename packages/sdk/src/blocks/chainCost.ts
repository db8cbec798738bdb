// chainCost: a network's on-chain operations, their fees in the chain's native token, their USD
// cost and the chain's throughput used. Kernels: assembly/blocks/chainCost.ts and chainCostRef in chainCost.ref.ts.
// It moves no tokens.
import type { ChainCostBlockSchema } from '@flywheel/spec';
import { I_CHAIN_COST } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { CompileContext } from '../program/context.js';

/** Compiles a chainCost block: one I_CHAIN_COST. A number field is compiled as a constant formula. */
export function compileChainCost(b: z.output<typeof ChainCostBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const pcOf = (v: number | string, field: string) => B.formula(typeof v === 'number' ? String(v) : v, `${path}.${field}`).formulaPc;
  const ops = b.operations.flatMap((o, k) => [pcOf(o.count, `operations.${k}.count`), pcOf(o.fee, `operations.${k}.fee`), B.named(`${b.id}.${o.name}`)]);
  B.step.emit(I_CHAIN_COST, [
    B.named(`${b.id}.ops`),
    B.named(`${b.id}.fee`),
    B.named(`${b.id}.costUsd`),
    B.named(`${b.id}.utilisation`),
    pcOf(b.nativePrice, 'nativePrice'),
    B.constant(b.capacity * ctx.stepDays * 86_400),
    b.operations.length,
    ...ops,
  ]);
}
