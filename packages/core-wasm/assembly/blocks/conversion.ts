// conversion (a cross-asset token migration, e.g. ASI's MigrateToken._migrateTokens): I_CONVERSION
// [40, next, outAmount, outOut, outFee, amountPc, P, MOVE(source → sink, 7 words), MOVE(reserve → to...)];
// P: [ratio, fee].
import { formulaValue } from '../formula';
import { move } from '../ledger';
import { sset, sv, w } from '../state';

/** Takes x of the source asset (burn or send to a sink) and pays x · ratio · (1 − fee) of the other asset from its reserve or issuer. */
export function conversionStep(code: usize, pc: i32, state: usize): void {
  const P = w(code, pc + 6);
  const ratio = sv(state, P), fee = sv(state, P + 1);
  const net = ratio * (1 - fee);
  let x = formulaValue(code, w(code, pc + 5), state);
  const src = pc + 7, dst = pc + 14;
  if (w(code, dst + 1) != 0 && x > 0) {
    const can = sv(state, w(code, dst)) / net;
    if (x > can) x = can > 0 ? can : 0;
  }
  x = move(code, src, state, x);
  const out = move(code, dst, state, x * net);
  sset(state, w(code, pc + 2), x);
  sset(state, w(code, pc + 3), out);
  sset(state, w(code, pc + 4), x * ratio - out);
}
