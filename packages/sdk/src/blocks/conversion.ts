// conversion (a cross-asset token migration, e.g. the ASI alliance's MigrateToken._migrateTokens:
// burn or send away X of the old token, mint or pay out of a pre-minted reserve X · ratio of the new
// one). Kernels: assembly/blocks/conversion.ts and conversionRef below.
import type { ConversionBlockSchema } from '@flywheel/spec';
import { I_CONVERSION } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import type { CompileContext } from '../program/context.js';
import { moveRef } from '../program/ledger.js';

/** Compiles a conversion block: [ratio, fee] parameters and one I_CONVERSION with two MOVE groups (source side, then paying side). */
export function compileConversion(b: z.output<typeof ConversionBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const P = B.slots(2);
  B.state[P] = b.ratio;
  B.state[P + 1] = b.fee ?? 0;
  B.step.emit(I_CONVERSION, [
    B.named(`${b.id}.amount`), B.named(`${b.id}.out`), B.named(`${b.id}.fee`), B.formula(b.amount, `${path}.amount`).formulaPc, P,
    ...ctx.move(b.from.asset, b.from.account, b.sink ?? 'burned'), ...ctx.move(b.to.asset, b.reserve ?? 'issuer', b.to.account),
  ]);
}

/** Reference kernel of I_CONVERSION (same operations, in the same order, as the wasm kernel). */
export function conversionRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const P = code[pc + 6]!;
  const ratio = s[P]!, fee = s[P + 1]!;
  const net = ratio * (1 - fee);
  let x = evalFormula(code, code[pc + 5]!, s, rng);
  const src = pc + 7, dst = pc + 14; // the source MOVE group has one target: 4 + 3 words
  // a limited reserve pays at most what it holds: x ≤ reserve / net
  if (code[dst + 1] !== 0 && x > 0) {
    const can = s[code[dst]!]! / net;
    if (x > can) x = can > 0 ? can : 0;
  }
  x = moveRef(code, src, s, x);
  const out = moveRef(code, dst, s, x * net);
  s[code[pc + 2]!] = x;
  s[code[pc + 3]!] = out;
  s[code[pc + 4]!] = x * ratio - out;
}
