// price: the asset's USD price signal `<asset>.price` (a path, GBM, or impact of the step's net
// burn). Kernels: assembly/blocks/price.ts and priceRef in price.ref.ts.
import type { PriceBlockSchema } from '@flywheel/spec';
import { I_PRICE, PK_CONSTANT, PK_GBM, PK_IMPACT, PK_PATH } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
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
