// baselineMinting (Filecoin's simple + baseline minting), aggregated over a step in closed form.
// Kernels: assembly/blocks/baselineMinting.ts and baselineRef in baselineMinting.ref.ts. The exact per-epoch rules
// are @flywheel/models/filecoin's rules (computeReward, computeRTheta, ...); the model's tests
// compare the two.
import type { BaselineMintingBlockSchema } from '@flywheel/spec';
import { I_BASELINE } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import { fexp } from '../engine/math.js';
import type { CompileContext } from '../program/context.js';

const LN2 = 0.6931471805599453;

/** Compiles a baselineMinting block: its parameters and state (τ, cumulative realized power, θ), one I_BASELINE. */
export function compileBaselineMinting(b: z.output<typeof BaselineMintingBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const ticks = (ctx.stepDays * 86_400) / b.tickSeconds;
  const lambda = LN2 / b.halfLifeTicks;
  const g = LN2 / b.baselineDoublingTicks;
  const P = B.slots(6);
  [ticks, lambda, b.simpleTotal, b.baselineTotal, b.baselineInitial, g].forEach((v, i) => (B.state[P + i] = v));
  const S = B.slots(3);
  B.state[S] = b.elapsedAtStart;
  // the cumulative realized power that puts θ where it is: b0/g · (e^(gθ) − 1)
  B.state[S + 1] = (b.baselineInitial / g) * (fexp(g * b.thetaAtStart) - 1);
  B.state[S + 2] = b.thetaAtStart;
  B.state[B.named(`${b.id}.theta`)] = b.thetaAtStart;
  B.state[B.named(`${b.id}.baselinePower`)] = b.baselineInitial * fexp(g * b.elapsedAtStart);
  const out = (o: string) => B.named(`${b.id}.${o}`);
  B.step.emit(I_BASELINE, [
    out('amount'),
    out('simple'),
    out('baseline'),
    out('theta'),
    out('baselinePower'),
    B.formula(b.power, `${path}.power`).formulaPc,
    P,
    S,
    ...ctx.move(b.asset, 'issuer', b.to),
  ]);
}
