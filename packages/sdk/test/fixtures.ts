import type { ModelSpec } from '@flywheel/sdk';

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

/** The W1 reference workload of the performance issue, as a spec (small sizes by default). */
export function w1(runs = 4, agents = 100, steps = 365): ModelSpec {
  return {
    specVersion: 1,
    name: 'w1',
    token: { symbol: 'W', initialSupply: 50_000_000, initialCirculating: 50_000_000, maxSupply: 223_000_000 },
    time: { step: 'day', steps },
    groups: { providers: { kind: 'providers' } },
    emissions: { e: { kind: 'halving', rate: { amount: 15_000_000 / 365, per: 'day' }, every: { amount: 730, unit: 'day' }, to: { providers: 1 } } },
    burn: { kind: 'burnAndMint', share: 1 },
    demand: { initial: { amount: 1000, per: 'day' }, growth: { rate: 0.0002, per: 'day' }, volatility: 0.1 },
    price: { kind: 'impact', initial: 0.03, sensitivity: 5, volatility: { rate: 0.03, per: 'day' } },
    providers: {
      count: agents,
      cost: { kind: 'uniform', min: 0.5, max: 1.5 },
      costPer: 'day',
      window: 30,
      reentry: { probability: 0.01, threshold: 1.2 },
    },
    monteCarlo: { runs, seed: 7 },
  };
}
