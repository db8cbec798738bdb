import type { ModelSpec } from '@flywheel/sdk';
// @ts-expect-error: a plain ESM module without types, shared with the benchmark suite
import { w1Spec } from '../../../bench/w1.mjs';

/** A minimal deterministic spec: 10 daily steps, a fixed emission of 100/day, a constant price. */
export function base(): ModelSpec {
  return {
    specVersion: 2,
    name: 'test',
    time: { step: 'day', steps: 10 },
    mainAsset: 'TST',
    assets: { TST: { kind: 'token', decimals: 0, accounts: { liquid: { initial: 1000, tag: 'liquid' }, treasury: { tag: 'treasury' } } } },
    blocks: [
      { id: 'e', kind: 'schedule', asset: 'TST', to: 'liquid', curve: { kind: 'fixed', rate: { amount: 100, per: 'day' } } },
      { id: 'price', kind: 'price', asset: 'TST', model: { kind: 'constant', initial: 2 } },
    ],
    monteCarlo: { runs: 1, seed: 1 },
  };
}

/** The W1 reference workload of the performance issue (bench/w1.mjs), small sizes by default. */
export function w1(runs = 4, agents = 100, steps = 365): ModelSpec {
  return w1Spec({ runs, agents, steps, seed: 7 }) as ModelSpec;
}
