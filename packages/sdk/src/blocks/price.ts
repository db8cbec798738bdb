// price: the asset's USD price signal `<asset>.price` (a path, GBM, or impact of the step's net
// burn). Kernels: assembly/blocks/price.ts and priceRef below.
import type { PriceBlockSchema } from '@flywheel/spec';
import { I_PRICE, PK_CONSTANT, PK_GBM, PK_IMPACT, PK_PATH } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import { fexp } from '../engine/math.js';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import type { CompileContext } from '../program/context.js';

/** The default price ceiling, USD: far above any real price, it keeps an exploding impact price finite (the floor's counterpart). */
export const PRICE_CEILING = 1e100;

/** Initial value of the price signal. */
export function initialPrice(b: z.output<typeof PriceBlockSchema>): number {
  return b.model.kind === 'path' ? b.model.values[0]! : b.model.initial;
}

/** Compiles a price block: one I_PRICE with per-step drift and volatility. */
export function compilePrice(b: z.output<typeof PriceBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const m = b.model;
  const slot = B.named(`${b.asset}.price`);
  const floor = B.constant(m.floor ?? 1e-9);
  const ceiling = B.constant(m.ceiling ?? PRICE_CEILING);
  const zero = B.constant(0);
  const a = b.asset;
  const flows = [B.named(`${a}.burned`), B.named(`${a}.minted`), B.named(`${a}.circulating`)];
  const volPerStep = (v: { rate: number; per: Parameters<CompileContext['periodDays']>[0] }) => v.rate * Math.sqrt(ctx.stepDays / ctx.periodDays(v.per));
  switch (m.kind) {
    case 'constant':
      return void B.step.emit(I_PRICE, [slot, PK_CONSTANT, zero, zero, zero, -1, floor, 0, ...flows, ceiling]);
    case 'path':
      return void B.step.emit(I_PRICE, [slot, PK_PATH, zero, zero, zero, -1, floor, B.table(m.values.slice(0, ctx.steps + 1)), ...flows, ceiling]);
    case 'gbm': {
      const vol = volPerStep(m.volatility);
      const drift = m.drift.rate * (ctx.stepDays / ctx.periodDays(m.drift.per)) - 0.5 * vol * vol;
      return void B.step.emit(I_PRICE, [slot, PK_GBM, B.constant(drift), B.constant(vol), zero, -1, floor, 0, ...flows, ceiling]);
    }
    case 'impact': {
      // without a flow formula, the kernel computes the default: (burned − minted) / circulating at the start of the step
      const flow = m.flow === undefined ? -1 : B.formula(m.flow, `${path}.model.flow`);
      const drift = m.drift ? m.drift.rate * (ctx.stepDays / ctx.periodDays(m.drift.per)) : 0;
      return void B.step.emit(I_PRICE, [slot, PK_IMPACT, B.constant(drift), B.constant(volPerStep(m.volatility)), B.constant(m.sensitivity), flow, floor, 0, ...flows, ceiling]);
    }
  }
}

/** Reference kernel of I_PRICE. */
export function priceRef(code: Int32Array, pc: number, s: Float64Array, tables: Float64Array, t: number, rng: Rng): void {
  const slot = code[pc + 2]!;
  const kind = code[pc + 3]!;
  let p = s[slot]!;
  if (kind === PK_PATH) p = tables[code[pc + 9]! + t]!;
  else if (kind === PK_GBM || kind === PK_IMPACT) {
    const vol = s[code[pc + 5]!]!;
    let x = 0;
    if (kind === PK_IMPACT) {
      const flowPc = code[pc + 7]!;
      let flow: number;
      if (flowPc >= 0) flow = evalFormula(code, flowPc, s, rng);
      else {
        const circ = s[code[pc + 12]!]!;
        flow = circ > 0 ? (s[code[pc + 10]!]! - s[code[pc + 11]!]!) / circ : 0;
      }
      x = s[code[pc + 6]!]! * flow;
    }
    p *= fexp(x + s[code[pc + 4]!]! + (vol > 0 ? vol * rng.normal() : 0));
  }
  const floor = s[code[pc + 8]!]!;
  if (p < floor) p = floor;
  const ceiling = s[code[pc + 13]!]!;
  if (p > ceiling) p = ceiling;
  s[slot] = p;
}
