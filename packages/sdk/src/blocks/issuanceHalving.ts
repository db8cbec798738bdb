// issuanceHalving (Bittensor's block emission by issuance). Kernels:
// assembly/blocks/issuanceHalving.ts and issuanceHalvingRef in issuanceHalving.ref.ts; the exact rule is
// @flywheel/models/bittensor's blockEmissionForIssuance.
import type { IssuanceHalvingBlockSchema } from '@flywheel/spec';
import { I_ISSUANCE_HALVING } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { CompileContext } from '../program/context.js';

/** Compiles an issuanceHalving block: its parameters, one I_ISSUANCE_HALVING. */
export function compileIssuanceHalving(b: z.output<typeof IssuanceHalvingBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const P = B.slots(3);
  [b.perTick, b.ticksPerStep, b.cap ?? ctx.spec.assets[b.asset]!.cap!].forEach((v, i) => (B.state[P + i] = v));
  B.state[B.named(`${b.id}.rate`)] = b.perTick;
  B.step.emit(I_ISSUANCE_HALVING, [
    B.named(`${b.id}.amount`),
    B.named(`${b.id}.rate`),
    B.formula(b.issuance ?? `${b.asset}.totalSupply`, `${path}.issuance`).formulaPc,
    P,
    ...ctx.move(b.asset, 'issuer', b.to),
  ]);
}
