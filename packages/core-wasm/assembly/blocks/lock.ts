// lock (collateral toward a target): I_LOCK [15, next, out, targetPc, rate, from, locked].
import { formulaValue } from '../formula';
import { sadd, sset, sv, w } from '../state';

/** Moves rate × (target − locked) between `from` and `locked`, clipped to what the source holds. */
export function lockStep(code: usize, pc: i32, state: usize): void {
  const from = w(code, pc + 5), locked = w(code, pc + 6);
  let m = (formulaValue(code, w(code, pc + 3), state) - sv(state, locked)) * sv(state, w(code, pc + 4));
  if (m > 0 || m != m) {
    const held = sv(state, from);
    if (m > held) m = held > 0 ? held : 0;
    sadd(state, from, -m);
    sadd(state, locked, m);
  } else if (m < 0) {
    let r = -m;
    const held = sv(state, locked);
    if (r > held) r = held > 0 ? held : 0;
    sadd(state, locked, -r);
    sadd(state, from, r);
    m = -r;
  }
  sset(state, w(code, pc + 2), m);
}
