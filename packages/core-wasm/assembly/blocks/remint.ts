// remint (net emissions): fraction × the average of a per-step value over the last `window`
// completed steps, at most `cap`. I_REMINT [8, next, out, ring, window, fraction, cap, MOVE...];
// I_RING_PUSH [9, next, ring, window, src] runs at the end of each step.
import { sv, w } from '../state';


/** The amount a remint block mints this step (the ring holds the last `window` completed steps, oldest first by t % window). */
export function remintAmount(code: usize, pc: i32, state: usize): f64 {
  const ring = w(code, pc + 3), window = w(code, pc + 4);
  let sum: f64 = 0;
  for (let j = 0; j < window; j++) sum += sv(state, ring + j);
  let a = sv(state, w(code, pc + 5)) * (sum / <f64>window);
  const cap = sv(state, w(code, pc + 6));
  if (a > cap) a = cap;
  return a;
}

/** Stores this step's value of the averaged quantity in the ring. */
export function ringPush(code: usize, pc: i32, state: usize, t: i32): void {
  const ring = w(code, pc + 2), window = w(code, pc + 3);
  store<f64>(state + (<usize>(ring + t % window) << 3), sv(state, w(code, pc + 4)));
}
