// bandController (the Cosmos SDK mint module's NextInflationRate and BlockProvision, with Akash's
// x/inflation band around a decaying ideal curve). Kernels: assembly/blocks/bandController.ts and
// bandControllerRef in bandController.ref.ts. The band of each step is resolved into a table at compile time.
import type { BandControllerBlockSchema } from '@flywheel/spec';
import { I_BAND_CONTROLLER } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import { fexp } from '../engine/math.js';
import type { CompileContext } from '../program/context.js';

const LN2 = 0.6931471805599453;

/**
 * The band [low, high] of each step t = 1 … steps (index 2t, 2t + 1; index 0 and 1 unused): [min, max],
 * narrowed by the ideal curve I = initial × 2^(−age / halfLife) evaluated at the step's start, to
 * [max(min, I − I·v), min(max, I + I·v)]; when the two do not meet, both bounds are the low one
 * (the Cosmos clamp order: cap at the top, then floor at the bottom).
 */
export function bandTable(b: z.output<typeof BandControllerBlockSchema>, ctx: CompileContext): number[] {
  const min = b.min ?? 0,
    max = b.max ?? Infinity;
  const out = new Array<number>(2 * (ctx.steps + 1)).fill(0);
  const id = b.ideal;
  const origin = id?.origin === undefined ? 0 : ctx.whenToDay(id.origin);
  const h = id === undefined ? 1 : id.halfLife.amount * ctx.periodDays(id.halfLife.unit);
  for (let t = 0; t <= ctx.steps; t++) {
    let lo = min,
      hi = max;
    if (id !== undefined) {
      const day = Math.max(0, t - 1) * ctx.stepDays;
      const ideal = id.initial * fexp(-((day - origin) / h) * LN2);
      lo = Math.max(lo, ideal - ideal * id.variance);
      hi = Math.min(hi, ideal + ideal * id.variance);
    }
    if (lo > hi) hi = lo;
    out[2 * t] = lo;
    out[2 * t + 1] = hi;
  }
  return out;
}

/** Compiles a bandController block: its parameters, band table and rate, one I_BAND_CONTROLLER. */
export function compileBandController(b: z.output<typeof BandControllerBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const P = B.slots(4);
  [b.goal, b.rateChange, b.ticksPerYear, b.ticksPerStep ?? 1].forEach((v, i) => (B.state[P + i] = v));
  const S = B.slot(b.initial);
  const band = bandTable(b, ctx);
  const table = B.table(band);
  B.state[B.named(`${b.id}.rate`)] = b.initial;
  B.state[B.named(`${b.id}.low`)] = band[2]!;
  B.state[B.named(`${b.id}.high`)] = band[3]!;
  B.step.emit(I_BAND_CONTROLLER, [
    B.named(`${b.id}.rate`),
    B.named(`${b.id}.amount`),
    B.named(`${b.id}.low`),
    B.named(`${b.id}.high`),
    B.formula(b.ratio, `${path}.ratio`).formulaPc,
    B.formula(b.supply ?? `${b.asset}.totalSupply`, `${path}.supply`).formulaPc,
    P,
    S,
    table,
    ...ctx.move(b.asset, 'issuer', b.to),
  ]);
}
