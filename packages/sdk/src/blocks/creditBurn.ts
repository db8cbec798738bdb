// creditBurn (burn-and-mint): USD demand buys credits by burning the token at a price; the
// credits are minted from the credit's issuer and used (burned) in the same step.
// Kernels: assembly/blocks/creditBurn.ts and creditBurnRef in creditBurn.ref.ts.
import type { CreditBurnBlockSchema } from '@flywheel/spec';
import { I_CREDIT_BURN } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import { accountSlot, type CompileContext } from '../program/context.js';

/** Compiles a creditBurn block: one I_CREDIT_BURN. */
export function compileCreditBurn(b: z.output<typeof CreditBurnBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const credit = ctx.spec.assets[b.credit]!;
  B.step.emit(I_CREDIT_BURN, [
    B.named(`${b.id}.burned`),
    B.named(`${b.id}.credits`),
    B.named(`${b.id}.usd`),
    B.formula(b.usd, `${path}.usd`),
    B.constant(b.share ?? 1),
    B.formula(b.price ?? `${b.asset}.price`, `${path}.price`),
    B.constant(credit.priceUsd!),
    accountSlot(B, b.asset, b.from),
    accountSlot(B, b.asset, b.burnTo ?? 'burned'),
    B.named(`${b.asset}.burned`),
    accountSlot(B, b.credit, 'issuer'),
    accountSlot(B, b.credit, 'burned'),
    B.named(`${b.credit}.minted`),
    B.named(`${b.credit}.burned`),
  ]);
}
