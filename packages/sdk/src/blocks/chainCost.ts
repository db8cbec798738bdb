// chainCost: a network's on-chain operations, their fees in the chain's native token, their USD
// cost and the chain's throughput used. Kernels: assembly/blocks/chainCost.ts and chainCostRef below.
// It moves no tokens.
import type { ChainCostBlockSchema } from '@flywheel/spec';
import { I_CHAIN_COST } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import type { CompileContext } from '../program/context.js';

/** Compiles a chainCost block: one I_CHAIN_COST. A number field is compiled as a constant formula. */
export function compileChainCost(b: z.output<typeof ChainCostBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const pcOf = (v: number | string, field: string) => B.formula(typeof v === 'number' ? String(v) : v, `${path}.${field}`).formulaPc;
  const ops = b.operations.flatMap((o, k) => [pcOf(o.count, `operations.${k}.count`), pcOf(o.fee, `operations.${k}.fee`), B.named(`${b.id}.${o.name}`)]);
  B.step.emit(I_CHAIN_COST, [
    B.named(`${b.id}.ops`), B.named(`${b.id}.fee`), B.named(`${b.id}.costUsd`), B.named(`${b.id}.utilisation`),
    pcOf(b.nativePrice, 'nativePrice'), B.constant(b.capacity * ctx.stepDays * 86_400), b.operations.length, ...ops,
  ]);
}

/** Reference kernel of I_CHAIN_COST (the same operation order as the wasm kernel). */
export function chainCostRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const n = code[pc + 8]!;
  let ops = 0;
  let fee = 0;
  for (let i = 0; i < n; i++) {
    const q = pc + 9 + i * 3;
    let c = evalFormula(code, code[q]!, s, rng);
    if (c < 0) c = 0;
    const f = evalFormula(code, code[q + 1]!, s, rng);
    s[code[q + 2]!] = c;
    ops += c;
    fee += c * f;
  }
  const price = evalFormula(code, code[pc + 6]!, s, rng);
  s[code[pc + 2]!] = ops;
  s[code[pc + 3]!] = fee;
  s[code[pc + 4]!] = fee * price;
  s[code[pc + 5]!] = ops / s[code[pc + 7]!]!;
}
