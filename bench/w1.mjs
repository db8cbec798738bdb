// The reference workload W1 (performance issue): 3,650 daily steps, 1,000 provider agents,
// 100 Monte Carlo runs, as a Flywheel spec.
export function w1Spec({ runs = 100, agents = 1000, steps = 3650, seed = 1 } = {}) {
  return {
    specVersion: 1,
    name: 'w1',
    description: 'Benchmark workload W1',
    token: { symbol: 'W', initialSupply: 50_000_000, initialCirculating: 50_000_000, maxSupply: 223_000_000 },
    time: { step: 'day', steps },
    groups: { providers: { kind: 'providers' } },
    emissions: { e: { kind: 'halving', rate: { amount: 15_000_000 / 365, per: 'day' }, every: { amount: 730, unit: 'day' }, to: { providers: 1 } } },
    burn: { kind: 'burnAndMint', share: 1 },
    demand: { initial: { amount: 1000, per: 'day' }, growth: { rate: 0.0002, per: 'day' }, volatility: 0.1 },
    price: { kind: 'impact', initial: 0.03, sensitivity: 5, volatility: { rate: 0.03, per: 'day' } },
    providers: { count: agents, cost: { kind: 'uniform', min: 0.5, max: 1.5 }, costPer: 'day', window: 30, reentry: { probability: 0.01, threshold: 1.2 } },
    monteCarlo: { runs, seed },
  };
}

/** The outputs W1 asks for. */
export const W1_METRICS = ['totalSupply', 'circulatingSupply', 'cumulativeBurned', 'price', 'demandUsd', 'activeProviders'];
