// The reference workload W1 of the performance issue, as a Flywheel spec.
/** The outputs W1 asks for. */
export const W1_METRICS = ['totalSupply', 'circulatingSupply', 'cumulativeBurned', 'price', 'demandUsd', 'activeProviders'];

/**
 * The reference workload W1 (performance issue) as a Flywheel spec (engine v2: a ledger and a
 * block program): 3,650 daily steps, 1,000 provider agents, 100 Monte Carlo runs. `noopBlocks`
 * adds that many transfer blocks that move nothing (amount 0, liquid to rewards) before the
 * population, to measure what a block costs the dispatch (bench: `w1-noop`).
 */
export function w1Spec({ runs = 100, agents = 1000, steps = 3650, seed = 1, noopBlocks = 0 } = {}) {
  const noops = Array.from({ length: noopBlocks }, (_, i) => ({ id: `noop${i}`, kind: 'transfer', asset: 'W', from: 'liquid', to: 'rewards', amount: '0' }));
  return {
    specVersion: 2,
    name: 'w1',
    description: 'Benchmark workload W1',
    time: { step: 'day', steps },
    mainAsset: 'W',
    assets: {
      W: { kind: 'token', decimals: 18, cap: 223_000_000, accounts: { liquid: { initial: 50_000_000, tag: 'liquid' }, rewards: { tag: 'rewards' } } },
      C: { kind: 'credit', decimals: 0, priceUsd: 1, accounts: {} },
    },
    params: { demand0: 1000, growth: 0.0002, sigma: 0.1 },
    signals: { demandUsd: { initial: 1000, unit: 'USD/day' } },
    blocks: [
      { id: 'demand', kind: 'signal', set: 'demandUsd', formula: 'demand0 * (1 + growth) ^ t * exp(sigma * normal())' },
      { id: 'emission', kind: 'schedule', asset: 'W', to: 'rewards', curve: { kind: 'halving', rate: { amount: 15_000_000 / 365, per: 'day' }, every: { amount: 730, unit: 'day' } } },
      { id: 'burn', kind: 'creditBurn', asset: 'W', from: 'liquid', credit: 'C', usd: 'demandUsd' },
      ...noops,
      {
        id: 'providers',
        kind: 'population',
        count: agents,
        cost: { kind: 'uniform', min: 0.5, max: 1.5 },
        costPer: 'day',
        window: 30,
        reentry: { probability: 0.01, threshold: 1.2 },
        pays: { asset: 'W', from: 'rewards', to: 'liquid' },
      },
      { id: 'price', kind: 'price', asset: 'W', model: { kind: 'impact', initial: 0.03, sensitivity: 5, volatility: { rate: 0.03, per: 'day' } } },
    ],
    monteCarlo: { runs, seed },
  };
}
