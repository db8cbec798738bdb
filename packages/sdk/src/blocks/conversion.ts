// conversion (a cross-asset token migration, e.g. the ASI alliance's MigrateToken._migrateTokens:
// burn or send away X of the old token, mint or pay out of a pre-minted reserve X · ratio of the new
// one). Kernels: assembly/blocks/conversion.ts and conversionRef in conversion.ref.ts.
import type { ConversionBlockSchema } from '@flywheel/spec';
import { I_CONVERSION } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { CompileContext } from '../program/context.js';

/** Compiles a conversion block: [ratio, fee] parameters and one I_CONVERSION with two MOVE groups (source side, then paying side). */
export function compileConversion(b: z.output<typeof ConversionBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const P = B.slots(2);
  B.state[P] = b.ratio;
  B.state[P + 1] = b.fee ?? 0;
  B.step.emit(I_CONVERSION, [
    B.named(`${b.id}.amount`),
    B.named(`${b.id}.out`),
    B.named(`${b.id}.fee`),
    B.formula(b.amount, `${path}.amount`).formulaPc,
    P,
    ...ctx.move(b.from.asset, b.from.account, b.sink ?? 'burned'),
    ...ctx.move(b.to.asset, b.reserve ?? 'issuer', b.to.account),
  ]);
}
