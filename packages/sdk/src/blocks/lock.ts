// lock (collateral toward a target). Kernels: assembly/blocks/lock.ts and lockRef in lock.ref.ts.
import type { LockBlockSchema } from '@flywheel/spec';
import { I_LOCK } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import { accountSlot, type CompileContext } from '../program/context.js';

/** Compiles a lock block: one I_LOCK. */
export function compileLock(b: z.output<typeof LockBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  B.step.emit(I_LOCK, [B.named(`${b.id}.amount`), B.formula(b.target, `${path}.target`).formulaPc, B.constant(b.rate ?? 1), accountSlot(B, b.asset, b.from), accountSlot(B, b.asset, b.locked)]);
}
