// remint (net emissions): fraction × the average of a per-step value over the last `window`
// completed steps, capped per step, minted from the issuer. Kernels: assembly/blocks/remint.ts
// and remintAmountRef/ringPushRef below.
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

/** Reference kernel of I_REMINT's amount (the same additions as the wasm kernel). */
export function remintAmountRef(code: Int32Array, pc: number, s: Float64Array): number {
  const ring = code[pc + 3]!;
  const window = code[pc + 4]!;
  let sum = 0;
  for (let j = 0; j < window; j++) sum += s[ring + j]!;
  let a = s[code[pc + 5]!]! * (sum / window);
  const cap = s[code[pc + 6]!]!;
  if (a > cap) a = cap;
  return a;
}

/** Reference kernel of I_RING_PUSH. */
export function ringPushRef(code: Int32Array, pc: number, s: Float64Array, t: number): void {
  s[code[pc + 2]! + (t % code[pc + 3]!)] = s[code[pc + 4]!]!;
}
