// lock (collateral toward a target). Kernels: assembly/blocks/lock.ts and lockRef below.
import type { LockBlockSchema } from '@flywheel/spec';
import { I_LOCK } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import { accountSlot, type CompileContext } from '../program/context.js';

/** Compiles a lock block: one I_LOCK. */
export function compileLock(b: z.output<typeof LockBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  B.step.emit(I_LOCK, [B.named(`${b.id}.amount`), B.formula(b.target, `${path}.target`).formulaPc, B.constant(b.rate ?? 1), accountSlot(B, b.asset, b.from), accountSlot(B, b.asset, b.locked)]);
}

/** Reference kernel of I_LOCK. */
export function lockRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const from = code[pc + 5]!, locked = code[pc + 6]!;
  let m = (evalFormula(code, code[pc + 3]!, s, rng) - s[locked]!) * s[code[pc + 4]!]!;
  if (m > 0 || m !== m) {
    const held = s[from]!;
    if (m > held) m = held > 0 ? held : 0;
    s[from] = s[from]! - m;
    s[locked] = s[locked]! + m;
  } else if (m < 0) {
    let r = -m;
    const held = s[locked]!;
    if (r > held) r = held > 0 ? held : 0;
    s[locked] = s[locked]! - r;
    s[from] = s[from]! + r;
    m = -r;
  }
  s[code[pc + 2]!] = m;
}
