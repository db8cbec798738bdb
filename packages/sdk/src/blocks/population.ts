// population: providers paid pro rata to capacity who leave or join on profitability, simulated as
// agents over structure-of-arrays. Kernels: assembly/blocks/populationBlock.ts (with the agent
// loop of assembly/blocks/population.ts) and PopulationRef in population-ref.ts, which follows the v1 reference
// provider loop: the same arithmetic in the same order, so both engines give the same bits.
import { layout as L } from '@flywheel/core-wasm';
import {
  I_POP_INIT,
  I_POP_STEP,
  POP_CAP_A,
  POP_CAP_B,
  POP_CAP_KIND,
  POP_COST_A,
  POP_COST_B,
  POP_COST_KIND,
  POP_INIT_ACTIVE,
  POP_MIN_ACTIVE,
  POP_CAPEX,
  POP_KERNEL,
  POP_PARAMS,
  POP_REENTRY_LOGQ,
  POP_REENTRY_P,
  POP_REENTRY_TH,
  POP_STATE,
  POP_WEIGHT,
  POP_WINDOW,
} from '@flywheel/core-wasm/program-layout';
import type { Distribution, PopulationBlockSchema } from '@flywheel/spec';
import type { z } from 'zod';
import { flog } from '../engine/math.js';
import { accountSlot, type CompileContext } from '../program/context.js';

/** Byte offset of the screening kernel's memory (the wasm engine's screenOffset): after the per-agent arrays. */
const screenOffset = (n: number) => n * 40 + Math.ceil((n * 4 + 64) / 8) * 8;

/** Bytes of agent memory for n agents (the wasm engine's layout; the screening kernel's arrays after the per-agent ones). */
export const populationBytes = (n: number, screening = false) => (screening ? screenOffset(n) + n * 52 + 4 + Math.ceil(n / 32) * 8 : n * 8 * 5 + n * 4 + 64);

/**
 * The kernel a population block runs on: `screening` unless the block asks for `perAgent` or its
 * capacity is not constant (the screening kernel keeps the active capacity as count × capacity;
 * a per-agent capacity sum is summed in agent order by the per-agent kernel).
 */
export function populationKernel(b: { kernel?: 'screening' | 'perAgent' | undefined; capacity?: Distribution | undefined }): 'screening' | 'perAgent' {
  if (b.kernel === 'perAgent') return 'perAgent';
  return b.capacity === undefined || b.capacity.kind === 'constant' ? 'screening' : 'perAgent';
}

function dist(d: Distribution, scale: number): [number, number, number] {
  switch (d.kind) {
    case 'constant':
      return [L.DIST_CONSTANT, d.value * scale, 0];
    case 'uniform':
      return [L.DIST_UNIFORM, d.min * scale, d.max * scale];
    case 'lognormal':
      return [L.DIST_LOGNORMAL, d.median * scale, d.sigma];
  }
}

/** Compiles a population block: its parameters and run state in slots, its agent memory, I_POP_INIT and I_POP_STEP. */
export function compilePopulation(b: z.output<typeof PopulationBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const N = b.count;
  const P = B.slots(POP_PARAMS);
  const S = B.slots(POP_STATE);
  const cost = dist(b.cost, ctx.stepDays / ctx.periodDays(b.costPer));
  const cap = dist(b.capacity ?? { kind: 'constant', value: 1 }, 1);
  const p = b.reentry.probability;
  const set = (i: number, v: number) => (B.state[P + i] = v);
  set(POP_WEIGHT, (b.population ?? N) / N);
  set(POP_INIT_ACTIVE, Math.round((b.initialActive ?? 1) * N));
  set(POP_COST_KIND, cost[0]);
  set(POP_COST_A, cost[1]);
  set(POP_COST_B, cost[2]);
  set(POP_CAP_KIND, cap[0]);
  set(POP_CAP_A, cap[1]);
  set(POP_CAP_B, cap[2]);
  set(POP_WINDOW, b.window);
  set(POP_REENTRY_P, p);
  set(POP_REENTRY_LOGQ, flog(1 - p));
  set(POP_REENTRY_TH, b.reentry.threshold);
  set(POP_MIN_ACTIVE, b.minActiveSteps ?? 1);
  // capex: USD per provider, earned back over the payback period: per step of it
  set(POP_CAPEX, b.capex ? b.capex.usd / ((b.capex.payback.amount * ctx.periodDays(b.capex.payback.unit)) / ctx.stepDays) : 0);
  const screening = populationKernel(b) === 'screening';
  set(POP_KERNEL, screening ? 1 : 0);
  const work = B.work(populationBytes(N, screening));
  const pop = ctx.populations.length;
  ctx.populations.push({ id: b.id, count: N, offset: work, kernel: screening ? 'screening' : 'perAgent' });
  const active = B.named(`${b.id}.active`);
  const capacity = B.named(`${b.id}.capacity`);
  B.init.emit(I_POP_INIT, [pop, work, N, P, S, active, capacity]);
  const from = b.pays ? accountSlot(B, b.pays.asset, b.pays.from) : -1;
  const to = b.pays ? accountSlot(B, b.pays.asset, b.pays.to) : -1;
  const price = b.pays ? B.named(`${b.pays.asset}.price`) : B.constant(0);
  const usd = b.usd === undefined ? -1 : B.formula(b.usd, `${path}.usd`).formulaPc;
  B.step.emit(I_POP_STEP, [pop, work, N, P, S, from, to, price, usd, active, capacity, B.named(`${b.id}.revenueUsd`)]);
}
