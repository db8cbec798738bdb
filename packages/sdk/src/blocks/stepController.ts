// stepController (Livepeer's Minter.setInflation and mintable tokens). Kernels:
// assembly/blocks/stepController.ts and stepControllerRef below.
import type { StepControllerBlockSchema } from '@flywheel/spec';
import { I_STEP_CONTROLLER } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import type { CompileContext } from '../program/context.js';
import { moveRef } from '../program/ledger.js';

/** Compiles a stepController block: its parameters and rate, one I_STEP_CONTROLLER. */
export function compileStepController(b: z.output<typeof StepControllerBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const P = B.slots(5);
  [b.target, b.step, b.floor ?? 0, b.max ?? Infinity, b.ticksPerStep ?? 1].forEach((v, i) => (B.state[P + i] = v));
  const S = B.slot(b.initial);
  B.state[B.named(`${b.id}.rate`)] = b.initial;
  B.step.emit(I_STEP_CONTROLLER, [
    B.named(`${b.id}.rate`), B.named(`${b.id}.amount`), B.formula(b.ratio, `${path}.ratio`).formulaPc,
    B.formula(b.supply ?? `${b.asset}.totalSupply`, `${path}.supply`).formulaPc, P, S, ...ctx.move(b.asset, 'issuer', b.to),
  ]);
}

/** Reference kernel of I_STEP_CONTROLLER. */
export function stepControllerRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const P = code[pc + 6]!, S = code[pc + 7]!;
  const ratio = evalFormula(code, code[pc + 4]!, s, rng);
  const supply = evalFormula(code, code[pc + 5]!, s, rng);
  const target = s[P]!, step = s[P + 1]!, floor = s[P + 2]!, max = s[P + 3]!;
  const ticks = s[P + 4]!;
  let rate = s[S]!;
  let total = 0;
  for (let k = 0; k < ticks; k++) {
    if (ratio < target) {
      rate += step;
      if (rate > max) rate = max;
    } else if (ratio > target) {
      rate -= step;
      if (rate < floor) rate = floor;
    }
    total += supply * rate;
  }
  s[S] = rate;
  s[code[pc + 2]!] = rate;
  s[code[pc + 3]!] = moveRef(code, pc + 8, s, total);
}
