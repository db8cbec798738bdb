// amm: a constant-product pool (x · y = k) between a token and a base asset, with virtual base
// liquidity (Virtuals' FPair / FRouter bonding curve; a Uniswap v2 pool with none). Kernels:
// assembly/blocks/amm.ts and ammRef in amm.ref.ts.
import type { AmmBlockSchema } from '@flywheel/spec';
import { I_AMM } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { CompileContext } from '../program/context.js';

/**
 * Compiles an amm block: [buyTax, sellTax] and one I_AMM with six one-target MOVE groups (7 words
 * each): buy tax (buyer → taxTo), buy net (buyer → base pool), buy out (token pool → buy.to), sell in
 * (seller → token pool), sell tax (base pool → taxTo), sell out (base pool → sell.to). An absent
 * side's groups are the pool to itself with amount 0 (nothing moves).
 */
export function compileAmm(b: z.output<typeof AmmBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const P = B.slots(2);
  B.state[P] = b.buyTax ?? 0;
  B.state[P + 1] = b.sellTax ?? 0;
  const T = b.token.asset,
    A = b.base.asset;
  const taxTo = b.taxTo ?? b.base.pool;
  const buyFrom = b.buy?.from ?? b.base.pool,
    buyTo = b.buy?.to ?? b.token.pool;
  const sellFrom = b.sell?.from ?? b.token.pool,
    sellTo = b.sell?.to ?? b.base.pool;
  const pc = (f: string | undefined, p: string) => (f === undefined ? -1 : B.formula(f, p).formulaPc);
  const id = b.id;
  // the price is a state output: its value at the start is the pool's initial price
  const acc = (a: string, n: string) => ctx.spec.assets[a]!.accounts[n]?.initial ?? 0;
  const tokenPool = acc(T, b.token.pool);
  // (known at compile time when the virtual liquidity is absent or a number literal; 0 otherwise until the block runs)
  const v0 = b.virtualBase === undefined ? 0 : Number(b.virtualBase);
  B.state[B.named(`${id}.price`)] = tokenPool > 0 && Number.isFinite(v0) ? (acc(A, b.base.pool) + v0) / tokenPool : 0;
  B.step.emit(I_AMM, [
    B.named(`${id}.bought`),
    B.named(`${id}.baseIn`),
    B.named(`${id}.sold`),
    B.named(`${id}.baseOut`),
    B.named(`${id}.tax`),
    B.named(`${id}.price`),
    pc(b.virtualBase, `${path}.virtualBase`),
    pc(b.buy?.amount, `${path}.buy.amount`),
    pc(b.sell?.amount, `${path}.sell.amount`),
    P,
    ...ctx.move(A, buyFrom, taxTo),
    ...ctx.move(A, buyFrom, b.base.pool),
    ...ctx.move(T, b.token.pool, buyTo),
    ...ctx.move(T, sellFrom, b.token.pool),
    ...ctx.move(A, b.base.pool, taxTo),
    ...ctx.move(A, b.base.pool, sellTo),
  ]);
}

export const M = 7; // words of a one-target MOVE group
