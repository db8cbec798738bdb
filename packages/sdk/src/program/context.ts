import { daysBetween, offsetDays, PERIOD_DAYS, type Duration, type Period, type Target, type ValidSpec } from '@flywheel/spec';
import type { ProgramBuilder } from './builder.js';

/** A population block as the engines see it: where its agents live. */
export interface PopulationInfo {
  readonly id: string;
  readonly count: number;
  /** Byte offset of its agent memory in the work region. */
  readonly offset: number;
  /** The agent kernel it runs on (populationKernel: screening unless asked or capacity varies). */
  readonly kernel: 'screening' | 'perAgent';
}

/**
 * What a block kind's compile step gets: the builder, the spec, time conversions and the ledger's
 * move operands. A compile step emits its instructions into `b.step` (and `b.init`), and may add
 * end-of-step work to `epilogue`.
 */
export interface CompileContext {
  readonly b: ProgramBuilder;
  readonly spec: ValidSpec;
  /** Days in one step. */
  readonly stepDays: number;
  readonly steps: number;
  /** Work run at the end of each step, after every block (e.g. pushing a ring). */
  readonly epilogue: (() => void)[];
  readonly populations: PopulationInfo[];
  /** Days from the start to a point in time. */
  whenToDay(w: string | number): number;
  /** Length of a period in days (`step` = the model's step). */
  periodDays(per: Period): number;
  /** Day offset of the k-th multiple of a duration after an anchor day (calendar years and months with a start date). */
  offsetDays(anchorDay: number, every: Duration, k: number): number;
  /** An amount per `per` converted to per step. */
  perStep(amount: number, per: Period): number;
  /** The MOVE operand group for moving an asset from an account to a target (program-layout.ts). */
  move(asset: string, from: string, to: Target): number[];
}

/** The slot of an asset's account, its issuer or its burned account. */
export function accountSlot(b: ProgramBuilder, asset: string, account: string): number {
  return b.named(`${asset}.${account === 'issuer' ? 'unissued' : account === 'burned' ? '#burned' : account}`);
}

/** Builds the compile context of a validated spec. */
export function compileContext(b: ProgramBuilder, spec: ValidSpec, stepDays: number): CompileContext {
  const start = spec.time.start;
  const periodDays = (per: Period) => (per === 'step' ? stepDays : PERIOD_DAYS[per]);
  const ctx: CompileContext = {
    b,
    spec,
    stepDays,
    steps: spec.time.steps,
    epilogue: [],
    populations: [],
    whenToDay: (w) => (typeof w === 'number' ? w * stepDays : daysBetween(start!, w)),
    periodDays,
    offsetDays: (anchor, every, k) => (every.unit === 'step' ? anchor + k * every.amount * stepDays : offsetDays(anchor, every, k, 'day', start)),
    perStep: (amount, per) => (amount * stepDays) / periodDays(per),
    move(asset, from, to) {
      const def = spec.assets[asset]!;
      const src = accountSlot(b, asset, from);
      const limited = from === 'issuer' && def.cap === undefined ? 0 : 1;
      const mintFlow = from === 'issuer' ? b.named(`${asset}.minted`) : -1;
      const targets: [string, number][] = typeof to === 'string' ? [[to, 1]] : Object.entries(to);
      const words = [src, limited, mintFlow, targets.length];
      for (const [acc, share] of targets) {
        const burns = acc === 'burned' || acc === 'issuer';
        words.push(accountSlot(b, asset, acc), b.constant(share), burns ? b.named(`${asset}.burned`) : -1);
      }
      return words;
    },
  };
  return ctx;
}
