// issuanceHalving (Bittensor's block emission by issuance). Kernels:
// assembly/blocks/issuanceHalving.ts and issuanceHalvingRef below; the exact rule is
// @flywheel/models/bittensor's blockEmissionForIssuance.
import type { IssuanceHalvingBlockSchema } from '@flywheel/spec';
import { I_ISSUANCE_HALVING } from '@flywheel/core-wasm/program-layout';
import type { z } from 'zod';
import type { Rng } from '../engine/rng.js';
import { evalFormula } from '../formula/evaluate.js';
import type { CompileContext } from '../program/context.js';
import { moveRef } from '../program/ledger.js';

/** Compiles an issuanceHalving block: its parameters, one I_ISSUANCE_HALVING. */
export function compileIssuanceHalving(b: z.output<typeof IssuanceHalvingBlockSchema>, ctx: CompileContext, path: string): void {
  const B = ctx.b;
  const P = B.slots(3);
  [b.perTick, b.ticksPerStep, b.cap ?? ctx.spec.assets[b.asset]!.cap!].forEach((v, i) => (B.state[P + i] = v));
  B.state[B.named(`${b.id}.rate`)] = b.perTick;
  B.step.emit(I_ISSUANCE_HALVING, [
    B.named(`${b.id}.amount`), B.named(`${b.id}.rate`), B.formula(b.issuance ?? `${b.asset}.totalSupply`, `${path}.issuance`).formulaPc, P,
    ...ctx.move(b.asset, 'issuer', b.to),
  ]);
}

/** Reference kernel of I_ISSUANCE_HALVING. */
export function issuanceHalvingRef(code: Int32Array, pc: number, s: Float64Array, rng: Rng): void {
  const P = code[pc + 5]!;
  const perTick = s[P]!, cap = s[P + 2]!;
  let remaining = s[P + 1]!;
  let issuance = evalFormula(code, code[pc + 4]!, s, rng);
  let total = 0;
  let rate = 0;
  for (let guard = 0; guard < 70; guard++) {
    let h = 0;
    let half = 0.5;
    while (h < 64 && issuance >= cap * (1 - half)) {
      h++;
      half *= 0.5;
    }
    if (h >= 64 || !(remaining > 0)) {
      rate = h >= 64 ? 0 : perTick * half * 2;
      break;
    }
    rate = perTick * half * 2;
    const next = cap * (1 - half);
    // ticks before the crossing, judged to a millionth of a tick: the protocol counts whole base
    // units, and the f64 issuance (a sum of balances) is within about 1e-8 tokens of it
    const n = Math.ceil((next - issuance) / rate - 1e-6);
    if (n >= remaining) {
      total += rate * remaining;
      break;
    }
    total += rate * n;
    issuance += rate * n;
    remaining -= n;
  }
  s[code[pc + 2]!] = moveRef(code, pc + 6, s, total);
  s[code[pc + 3]!] = rate;
}
