// amm: a constant-product pool (x · y = k) between a token and a base asset, with virtual base
// liquidity (Virtuals' FPair / FRouter bonding curve; a Uniswap v2 pool with none). Kernels:
// assembly/blocks/amm.ts and ammRef below.
import type { AmmBlockSchema } from '@flywheel/spec';
import { I_AMM } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import type { CompileContext } from '../program/context.js';
import { moveRef } from '../program/ledger.js';

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
  const T = b.token.asset, A = b.base.asset;
  const taxTo = b.taxTo ?? b.base.pool;
  const buyFrom = b.buy?.from ?? b.base.pool, buyTo = b.buy?.to ?? b.token.pool;
  const sellFrom = b.sell?.from ?? b.token.pool, sellTo = b.sell?.to ?? b.base.pool;
  const pc = (f: string | undefined, p: string) => (f === undefined ? -1 : B.formula(f, p).formulaPc);
  const id = b.id;
  // the price is a state output: its value at the start is the pool's initial price
  const acc = (a: string, n: string) => ctx.spec.assets[a]!.accounts[n]?.initial ?? 0;
  const tokenPool = acc(T, b.token.pool);
  // (known at compile time when the virtual liquidity is absent or a number literal; 0 otherwise until the block runs)
  const v0 = b.virtualBase === undefined ? 0 : Number(b.virtualBase);
  B.state[B.named(`${id}.price`)] = tokenPool > 0 && Number.isFinite(v0) ? (acc(A, b.base.pool) + v0) / tokenPool : 0;
  B.step.emit(I_AMM, [
    B.named(`${id}.bought`), B.named(`${id}.baseIn`), B.named(`${id}.sold`), B.named(`${id}.baseOut`), B.named(`${id}.tax`), B.named(`${id}.price`),
    pc(b.virtualBase, `${path}.virtualBase`), pc(b.buy?.amount, `${path}.buy.amount`), pc(b.sell?.amount, `${path}.sell.amount`), P,
    ...ctx.move(A, buyFrom, taxTo), ...ctx.move(A, buyFrom, b.base.pool), ...ctx.move(T, b.token.pool, buyTo),
    ...ctx.move(T, sellFrom, b.token.pool), ...ctx.move(A, b.base.pool, taxTo), ...ctx.move(A, b.base.pool, sellTo),
  ]);
}

const M = 7; // words of a one-target MOVE group

/** Reference kernel of I_AMM (same operations, in the same order, as the wasm kernel). */
export function ammRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const vPc = code[pc + 8]!, buyPc = code[pc + 9]!, sellPc = code[pc + 10]!, P = code[pc + 11]!;
  const g = pc + 12;
  const basePool = code[g + M + 4]!, tokenPool = code[g + 2 * M]!;
  const v = vPc >= 0 ? evalFormula(code, vPc, s, rng) : 0;
  let bought = 0, baseIn = 0, sold = 0, baseOut = 0, tax = 0;
  if (buyPc >= 0) {
    let a = evalFormula(code, buyPc, s, rng);
    const held = s[code[g]!]!;
    if (a > held) a = held > 0 ? held : 0;
    if (a > 0) {
      const t = a * s[P]!;
      const rb = s[basePool]! + v, rt = s[tokenPool]!;
      tax += moveRef(code, g, s, t);
      baseIn = moveRef(code, g + M, s, a - t);
      const d = rb + baseIn;
      bought = moveRef(code, g + 2 * M, s, d > 0 ? (rt * baseIn) / d : 0);
    }
  }
  if (sellPc >= 0) {
    let x = evalFormula(code, sellPc, s, rng);
    const held = s[code[g + 3 * M]!]!;
    if (x > held) x = held > 0 ? held : 0;
    if (x > 0) {
      const rb = s[basePool]! + v, rt = s[tokenPool]!;
      let gross = rt + x > 0 ? (rb * x) / (rt + x) : 0;
      const real = s[basePool]!;
      if (gross > real) gross = real > 0 ? real : 0;
      sold = moveRef(code, g + 3 * M, s, x);
      const t = gross * s[P + 1]!;
      tax += moveRef(code, g + 4 * M, s, t);
      baseOut = moveRef(code, g + 5 * M, s, gross - t);
    }
  }
  s[code[pc + 2]!] = bought;
  s[code[pc + 3]!] = baseIn;
  s[code[pc + 4]!] = sold;
  s[code[pc + 5]!] = baseOut;
  s[code[pc + 6]!] = tax;
  const rt = s[tokenPool]!;
  s[code[pc + 7]!] = rt > 0 ? (s[basePool]! + v) / rt : 0;
}
