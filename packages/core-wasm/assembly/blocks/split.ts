// split: I_SPLIT [16, next, out, amountPc, from, limited, mintFlow, rest, restBurnFlow, n,
// (to, share, until, burnFlow) × n]. A part is paid while its account holds less than `until`.
import { takeAmount } from '../ledger';
import { sadd, sset, sv, w } from '../state';

/** Divides the amount between the parts still below their balance and the rest. */
export function splitStep(code: usize, pc: i32, state: usize): void {
  const a = takeAmount(code, pc + 3, state);
  let left = a;
  const n = w(code, pc + 9);
  for (let i = 0; i < n; i++) {
    const q = pc + 10 + i * 4;
    const to = w(code, q);
    if (sv(state, to) < sv(state, w(code, q + 2))) {
      // never more than is left, never negative (a formula share may be anything)
      let part = a * sv(state, w(code, q + 1));
      if (part > left) part = left;
      if (part < 0) part = 0;
      left -= part;
      sadd(state, to, part);
      const bf = w(code, q + 3);
      if (bf >= 0) sadd(state, bf, part);
    }
  }
  sadd(state, w(code, pc + 7), left);
  const rbf = w(code, pc + 8);
  if (rbf >= 0) sadd(state, rbf, left);
  sset(state, w(code, pc + 2), a);
}
