/**
 * The canonical metrics: every model that has the underlying mechanism reports them under these
 * names, with one meaning across models, for its main asset. Series index 0 is the initial
 * state; index t is the state after step t (length steps + 1). Every other name of a model
 * (signals, `<asset>.<account>` balances, asset aggregates such as `DC.burned`, block outputs
 * such as `minting.theta`) is a metric too: see `availableMetrics`.
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

/** A metric name: a canonical one ({@link METRICS}) or any name the model defines. */
export type MetricName = string;

/** What each canonical metric means, with its unit (used by the CLI, the docs and exports). */
export const METRIC_DOCS: Readonly<Record<(typeof METRICS)[number], string>> = {
  totalSupply: 'tokens issued and not burned at the end of the step: every account of the main asset but its issuer and burned',
  circulatingSupply: 'tokens in the accounts whose tags the main asset counts as circulating (default: liquid)',
  minted: 'tokens created during the step (every move out of the issuer)',
  burned: 'tokens destroyed during the step (every move to burned, and recycling back to the issuer)',
  cumulativeMinted: 'tokens minted since the start',
  cumulativeBurned: 'tokens burned since the start',
  price: 'main asset price in USD at the end of the step (models with a price block)',
  marketCap: 'price × circulating supply, USD',
  fdv: 'price × the cap (or total supply when uncapped), USD',
  demandUsd: 'the signal demandUsd, where a model declares it: USD demand in the step',
  stakedSupply: "tokens in the main asset's bonded accounts",
  activeProviders: 'providers active at the end of the step in the first population block (agents × providers per agent)',
  providerRevenueUsd: "USD paid to the first population block's active providers during the step",
  inflationAnnualised: '(minted − burned) / total supply at the start of the step × steps per year; 0 when supply is 0',
  burnMintRatio: 'burned / minted in the step; 0 when nothing was minted',
};
