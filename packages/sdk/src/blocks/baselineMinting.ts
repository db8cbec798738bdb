// baselineMinting (Filecoin's simple + baseline minting), aggregated over a step in closed form.
// Kernels: assembly/blocks/baselineMinting.ts and baselineRef below. The exact per-epoch rules
// are @flywheel/models/filecoin's rules (computeReward, computeRTheta, ...); the model's tests
// compare the two.
import type { BaselineMintingBlockSchema } from '@flywheel/spec';
import { I_BASELINE } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import { fexp, flog } from '../engine/math.js';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import type { CompileContext } from '../program/context.js';
import { moveRef } from '../program/ledger.js';

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
  B.step.emit(I_BASELINE, [out('amount'), out('simple'), out('baseline'), out('theta'), out('baselinePower'), B.formula(b.power, `${path}.power`).formulaPc, P, S, ...ctx.move(b.asset, 'issuer', b.to)]);
}

/** Reference kernel of I_BASELINE. */
export function baselineRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const P = code[pc + 8]!, S = code[pc + 9]!;
  const n = s[P]!, lambda = s[P + 1]!, simpleTotal = s[P + 2]!, baselineTotal = s[P + 3]!, b0 = s[P + 4]!, g = s[P + 5]!;
  const tau = s[S]!;
  const tau1 = tau + n;
  const simple = simpleTotal * (fexp(-lambda * tau) - fexp(-lambda * tau1));
  const power = evalFormula(code, code[pc + 7]!, s, rng);
  let realized = 0;
  if (power > 0) {
    let lo = flog(power / b0) / g;
    if (lo < tau) lo = tau;
    if (lo > tau1) lo = tau1;
    realized = (b0 / g) * (fexp(g * lo) - fexp(g * tau)) + power * (tau1 - lo);
  } else if (power !== power) realized = power;
  const R = s[S + 1]! + realized;
  const theta0 = s[S + 2]!;
  const theta1 = flog(1 + (g * R) / b0) / g;
  const baseline = baselineTotal * (fexp(-lambda * theta0) - fexp(-lambda * theta1));
  s[S] = tau1;
  s[S + 1] = R;
  s[S + 2] = theta1;
  s[code[pc + 2]!] = moveRef(code, pc + 10, s, simple + baseline);
  s[code[pc + 3]!] = simple;
  s[code[pc + 4]!] = baseline;
  s[code[pc + 5]!] = theta1;
  s[code[pc + 6]!] = b0 * fexp(g * tau1);
}
