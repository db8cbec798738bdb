// creditBurn (burn-and-mint): USD demand buys credits by burning the token at a price; the
// credits are minted from the credit's issuer and used (burned) in the same step.
// Kernels: assembly/blocks/creditBurn.ts and creditBurnRef below.
import type { CreditBurnBlockSchema } from '@flywheel/spec';
import { I_CREDIT_BURN } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { accountSlot, type CompileContext } from '../program/context.js';

/** Compiles a creditBurn block: one I_CREDIT_BURN. */
export function compileCreditBurn(b: z.output<typeof CreditBurnBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const credit = ctx.spec.assets[b.credit]!;
  B.step.emit(I_CREDIT_BURN, [
    B.named(`${b.id}.burned`), B.named(`${b.id}.credits`), B.named(`${b.id}.usd`),
    B.formula(b.usd, `${path}.usd`), B.constant(b.share ?? 1), B.formula(b.price ?? `${b.asset}.price`, `${path}.price`), B.constant(credit.priceUsd!),
    accountSlot(B, b.asset, b.from), accountSlot(B, b.asset, b.burnTo ?? 'burned'), B.named(`${b.asset}.burned`),
    accountSlot(B, b.credit, 'issuer'), accountSlot(B, b.credit, 'burned'), B.named(`${b.credit}.minted`), B.named(`${b.credit}.burned`),
  ]);
}

/** Reference kernel of I_CREDIT_BURN (the same operations, in the same order, as the wasm kernel). */
export function creditBurnRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const usd = evalFormula(code, code[pc + 5]!, s, rng) * s[code[pc + 6]!]!;
  const price = evalFormula(code, code[pc + 7]!, s, rng);
  const from = code[pc + 9]!;
  let tok = usd / price;
  const held = s[from]!;
  if (tok > held) tok = held > 0 ? held : 0;
  if (tok < 0) tok = 0;
  s[from] = s[from]! - tok;
  s[code[pc + 10]!] = s[code[pc + 10]!]! + tok;
  s[code[pc + 11]!] = s[code[pc + 11]!]! + tok;
  const settled = tok > 0 ? tok * price : 0; // nothing burned settles nothing, even at an infinite price
  const credits = settled / s[code[pc + 8]!]!;
  s[code[pc + 12]!] = s[code[pc + 12]!]! - credits;
  s[code[pc + 14]!] = s[code[pc + 14]!]! + credits;
  s[code[pc + 13]!] = s[code[pc + 13]!]! + credits;
  s[code[pc + 15]!] = s[code[pc + 15]!]! + credits;
  s[code[pc + 2]!] = tok;
  s[code[pc + 3]!] = credits;
  s[code[pc + 4]!] = settled;
}
