import type { ModelSpec } from '@flywheel/sdk';
// @ts-expect-error: a plain ESM module without types, shared with the benchmark suite
import { w1Spec } from '../../../bench/w1.mjs';

/** A minimal deterministic spec: 10 daily steps, fixed emission of 100/day to providers-kind group. */
export function base(): ModelSpec {
  return {
    specVersion: 1,
    name: 'test',
    token: { symbol: 'TST', initialSupply: 1000, initialCirculating: 1000 },
    time: { step: 'day', steps: 10 },
    groups: { miners: { kind: 'providers' }, treasury: { kind: 'treasury' } },
    emissions: { e: { kind: 'fixed', rate: { amount: 100, per: 'day' }, to: { miners: 1 } } },
    price: { kind: 'constant', initial: 2 },
    monteCarlo: { runs: 1, seed: 1 },
  };
}

/** The W1 reference workload of the performance issue (bench/w1.mjs), small sizes by default. */
export function w1(runs = 4, agents = 100, steps = 365): ModelSpec {
  return w1Spec({ runs, agents, steps, seed: 7 }) as ModelSpec;
}
