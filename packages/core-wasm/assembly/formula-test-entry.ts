// Test entry (not part of the engine build): the formula interpreter with the run's random
// stream, compiled on the fly by packages/sdk/test/formula.test.ts to check it against the
// reference engine's interpreter.
import { seedRun, uniform, normal } from './rng';

export { evalFormula } from './formula';
export { seedRun };

/** Bump allocation from the stub runtime. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** One uniform draw of the run's stream (to compare streams). */
export function drawUniform(): f64 {
  return uniform();
}

/** One normal draw of the run's stream (to compare streams). */
export function drawNormal(): f64 {
  return normal();
}
