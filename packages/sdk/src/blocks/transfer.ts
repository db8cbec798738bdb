// transfer: a formula amount moved between accounts of one asset (mint from the issuer, burn to
// `burned`, recycle to the issuer). Kernel: the ledger's move (assembly/ledger.ts, program/ledger.ts).
import type { TransferBlockSchema } from '@flywheel/spec';
import { I_TRANSFER } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { CompileContext } from '../program/context.js';

/** Compiles a transfer block: one I_TRANSFER. */
export function compileTransfer(b: z.output<typeof TransferBlockSchema>, ctx: CompileContext, path: string): void {
  ctx.b.step.emit(I_TRANSFER, [ctx.b.named(`${b.id}.amount`), ctx.b.formula(b.amount, `${path}.amount`), ...ctx.move(b.asset, b.from, b.to)]);
}
