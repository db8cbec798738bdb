// signal: a declared signal set to a formula each step (AS: the I_SET instruction of program.ts).
import type { SignalBlockSchema } from '@flywheel/spec';
import { I_SET } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { CompileContext } from '../program/context.js';

/** Compiles a signal block: one I_SET. */
export function compileSignal(b: z.output<typeof SignalBlockSchema>, ctx: CompileContext, path: string): void {
  ctx.b.step.emit(I_SET, [ctx.b.named(b.set), ctx.b.formula(b.formula, `${path}.formula`)]);
}
