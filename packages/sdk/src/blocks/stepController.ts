// stepController (Livepeer's Minter.setInflation and mintable tokens). Kernels:
// assembly/blocks/stepController.ts and stepControllerRef in stepController.ref.ts.
import type { StepControllerBlockSchema } from '@flywheel/spec';
import { I_STEP_CONTROLLER } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { CompileContext } from '../program/context.js';

/** Compiles a stepController block: its parameters and rate, one I_STEP_CONTROLLER. */
export function compileStepController(b: z.output<typeof StepControllerBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const P = B.slots(5);
  [b.target, b.step, b.floor ?? 0, b.max ?? Infinity, b.ticksPerStep ?? 1].forEach((v, i) => (B.state[P + i] = v));
  const S = B.slot(b.initial);
  B.state[B.named(`${b.id}.rate`)] = b.initial;
  B.step.emit(I_STEP_CONTROLLER, [
    B.named(`${b.id}.rate`),
    B.named(`${b.id}.amount`),
    B.formula(b.ratio, `${path}.ratio`).formulaPc,
    B.formula(b.supply ?? `${b.asset}.totalSupply`, `${path}.supply`).formulaPc,
    P,
    S,
    ...ctx.move(b.asset, 'issuer', b.to),
  ]);
}
