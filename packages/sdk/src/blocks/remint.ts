// remint (net emissions): fraction × the average of a per-step value over the last `window`
// completed steps, capped per step, minted from the issuer. Kernels: assembly/blocks/remint.ts
// and remintAmountRef/ringPushRef in remint.ref.ts.
import type { RemintBlockSchema } from '@flywheel/spec';
import { I_REMINT, I_RING_PUSH } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { CompileContext } from '../program/context.js';

/** Compiles a remint block: its ring of `window` slots, one I_REMINT, and an I_RING_PUSH at the end of each step. */
export function compileRemint(b: z.output<typeof RemintBlockSchema>, ctx: CompileContext, _path: string): void {
  const B = ctx.b;
  const ring = B.slots(b.window);
  const cap = b.cap ? ctx.perStep(b.cap.amount, b.cap.per) : Infinity;
  B.step.emit(I_REMINT, [B.named(`${b.id}.amount`), ring, b.window, B.constant(b.fraction ?? 1), B.constant(cap), ...ctx.move(b.asset, 'issuer', b.to)]);
  ctx.epilogue.push(() => B.step.emit(I_RING_PUSH, [ring, b.window, B.named(b.of)]));
}
