/**
 * Canonical metric names, in the engine's metric-id order (M_* in @flywheel/core-wasm/layout).
 * Series index 0 is the initial state; index t is the state after step t (length steps + 1).
 */
export const METRICS = [
  'totalSupply',
  'circulatingSupply',
  'minted',
  'burned',
  'cumulativeMinted',
  'cumulativeBurned',
  'price',
  'marketCap',
  'fdv',
  'demandUsd',
  'stakedSupply',
  'activeProviders',
  'providerRevenueUsd',
  'inflationAnnualised',
  'burnMintRatio',
] as const;

/** One of the canonical {@link METRICS}. */
export type MetricName = (typeof METRICS)[number];

/** What each metric means, with its unit (used by the CLI, the docs and exports). */
export const METRIC_DOCS: Readonly<Record<MetricName, string>> = {
  totalSupply: 'tokens in existence at the end of the step',
  circulatingSupply: 'tokens in circulation (excludes treasuries and staked tokens)',
  minted: 'tokens minted during the step (schedules, supply halving, net-emission re-mint), after the max-supply cap',
  burned: 'tokens burned during the step',
  cumulativeMinted: 'tokens minted since the start',
  cumulativeBurned: 'tokens burned since the start',
  price: 'token price in USD at the end of the step',
  marketCap: 'price × circulating supply, USD',
  fdv: 'price × max supply (or total supply when uncapped), USD',
  demandUsd: 'USD demand for the network during the step',
  stakedSupply: 'tokens staked',
  activeProviders: 'providers active at the end of the step (agents × providers per agent)',
  providerRevenueUsd: 'USD paid to all active providers during the step (rewards at the start-of-step price + demand share)',
  inflationAnnualised: '(minted − burned) / total supply at the start of the step × steps per year; 0 when supply is 0',
  burnMintRatio: 'burned / minted in the step; 0 when nothing was minted',
};
