// bond (staking with an unbonding delay). Kernels: assembly/blocks/bond.ts and bondRef below.
import type { BondBlockSchema } from '@flywheel/spec';
import { I_BOND } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { accountSlot, type CompileContext } from '../program/context.js';
import { clipTo } from './state.js';

/** Compiles a bond block: its ring of unbonding cohorts, one I_BOND. */
export function compileBond(b: z.output<typeof BondBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const ring = B.slots(b.delay);
  B.step.emit(I_BOND, [
    B.named(`${b.id}.bonded`), B.named(`${b.id}.unbonded`), B.named(`${b.id}.released`),
    B.formula(b.bond, `${path}.bond`).formulaPc, B.formula(b.unbond, `${path}.unbond`).formulaPc,
    accountSlot(B, b.asset, b.liquid), accountSlot(B, b.asset, b.bonded), accountSlot(B, b.asset, b.unbonding), ring, b.delay,
  ]);
}

/** Reference kernel of I_BOND. */
export function bondRef(code: Int32Array, pc: number, s: Float64Array, t: number, rng: Rng): void {
  const liquid = code[pc + 7]!, bonded = code[pc + 8]!, unbonding = code[pc + 9]!;
  const j = code[pc + 10]! + (t % code[pc + 11]!);
  const rel = clipTo(s[j]!, s[unbonding]!);
  s[unbonding] = s[unbonding]! - rel;
  s[liquid] = s[liquid]! + rel;
  const b = clipTo(evalFormula(code, code[pc + 5]!, s, rng), s[liquid]!);
  s[liquid] = s[liquid]! - b;
  s[bonded] = s[bonded]! + b;
  const u = clipTo(evalFormula(code, code[pc + 6]!, s, rng), s[bonded]!);
  s[bonded] = s[bonded]! - u;
  s[unbonding] = s[unbonding]! + u;
  s[j] = u;
  s[code[pc + 2]!] = b;
  s[code[pc + 3]!] = u;
  s[code[pc + 4]!] = rel;
}
