import type { ModelSpec } from '@flywheel/spec';

type Block = ModelSpec['blocks'][number];

/**
 * Sources, as tagged in shared/reference/projects.md §3 (Render): [SEED] the seed article (Oct 2024),
 * [OFF] rendernetwork/RNPs @ a7ced774 (the proposals ./rules.ts ports; no protocol code is public) and the
 * Render Foundation's announcement of BME emissions, [DER] derived here by arithmetic (shown),
 * [UNC] uncertain, [ASSUMPTION] a modelling choice, not a fact.
 */

/** BME emissions began Wednesday 2023-12-20; an epoch is 7 days. [OFF medium.com/render-token "RENDER Burn Mint Equilibrium Emissions Are Live"] */
export const BME_START = '2023-12-20';
/** Original RNDR supply 536,870,912 (2^29). [UNC projects.md §3; OFF know.rendernetwork.com token metrics] */
export const ORIGINAL_SUPPLY = 536_870_912;
/** Supply added by RNP-001: 107,374,182. [OFF RNP-001 appendix] */
export const ADDED_SUPPLY = 107_374_182;
/** Cap = 536,870,912 + 107,374,182 = 644,245,094. [DER] (aggregators list 644,168,762 [UNC]) */
export const RENDER_CAP = ORIGINAL_SUPPLY + ADDED_SUPPLY;
/** Year-1 emissions 9,126,804 (760,567 a month). [OFF RNP-006] */
export const YEAR1_EMISSIONS = 9_126_804;
/** Years 2 and 3: 492,132 a month = 5,905,584 ("5.9M"). [OFF RNP-023 "Current (BME year 3)"; RNP-018; RNP-022] */
export const YEAR2_EMISSIONS = 492_132 * 12;
/** Growth-phase damping per year. [OFF RNP-001 appendix] */
export const DAMPING = 0.945;
/** The cap is reached in BME year 60. [OFF RNP-023 "reached approximately 57 years from now, in BME year 60"] */
export const CAP_YEAR = 60;
/** Years 4 and 5 (the end of the launch phase) are not in any RNP: taken equal to year 3. [ASSUMPTION; UNC: the RNP-001 spreadsheet was not retrieved] */
export const LAUNCH_YEARS = 5;
/**
 * Growth phase: BME year n ≥ 6 emits E6 × 0.945^(n − 6), E6 set so that years 6 … 60 emit what is left of the
 * 107,374,182 after years 1–5: E6 = R5 × (1 − 0.945) / (1 − 0.945^55), R5 = 107,374,182 − 9,126,804 − 4 × 5,905,584
 * = 74,625,042, so E6 = 4,295,708. [DER from OFF RNP-001 (damping, added supply) and RNP-023 (year 60)]
 */
export const GROWTH_START_EMISSIONS = ((ADDED_SUPPLY - YEAR1_EMISSIONS - (LAUNCH_YEARS - 1) * YEAR2_EMISSIONS) * (1 - DAMPING)) / (1 - DAMPING ** (CAP_YEAR - LAUNCH_YEARS));

/** Emissions of BME year n (1, 2, …), tokens: the schedule above; 0 after year 60. [OFF/DER/ASSUMPTION as above] */
export function bmeYearEmissions(n: number): number {
  if (n < 1 || n > CAP_YEAR) return 0;
  if (n === 1) return YEAR1_EMISSIONS;
  if (n <= LAUNCH_YEARS) return YEAR2_EMISSIONS;
  return GROWTH_START_EMISSIONS * DAMPING ** (n - LAUNCH_YEARS - 1);
}

/** Foundation share of emissions: 50% (years 1–3). [OFF RNP-003; RNP-006; RNP-018; RNP-022] */
export const FOUNDATION_SHARE = 0.5;
/** Node operators' share of all emissions: 50% of the Network half = 25%. [OFF RNP-006; RNP-018/022 "25% of Year 2 emissions"] */
export const NODE_SHARE = 0.25;
/** FDV $2.81B, circulating ratio 74%. [SEED] */
export const FDV_USD = 2_810_000_000;
export const CIRCULATING_RATIO = 0.74;
/** Price = FDV / cap = $2.81B / 644,245,094 = $4.3617. [DER from SEED; the canonical fdv is price × cap] */
export const RENDER_PRICE_USD = FDV_USD / RENDER_CAP;
/** Burns were 3.83% of emissions from 2024-01-08 to 2024-09-10, and cumulative burn 0.02% of total supply. [SEED] */
export const BURN_TO_EMISSIONS = 0.0383;
export const CUMULATIVE_BURN_SHARE = 0.0002;
/** Burned before the start: 0.02% × 536,870,912 = 107,374. [DER from SEED] */
export const BURNED_BEFORE_START = CUMULATIVE_BURN_SHARE * ORIGINAL_SUPPLY;
/**
 * Job demand at the start, $15,347 a week: the burn is 3.83% of the Network's emissions (the half not going to the
 * Foundation: 7 × 9,126,804 / 366 / 2 = 87,275 RENDER a week in BME year 1, a leap year), 3,342.6 RENDER × $4.3617,
 * over the 95% that is burned. [DER from SEED; reading "emissions" as Network emissions, see docs/models/render.md]
 */
export const USD_PER_WEEK_AT_START = (0.0383 * 0.5 * 7 * (9_126_804 / 366) * (2_810_000_000 / 644_245_094)) / 0.95;
/** 5% transaction fee: 95% of what creators pay is burned. [OFF RNP-006 "burned ... after deducting a 5% transaction fee"; RNP-019/021 "95% of credits procure RENDER ... burned"] */
export const BURN_SHARE = 0.95;
/** Node operator payouts: 15,000 job rewards a weekly epoch + 25,000 a month availability = 20,769 a week. [DER from OFF RNP-013; RNP-018 "20.7K RENDER per week"] */
export const NODE_PAYOUT_PER_WEEK = 15_000 + (25_000 * 12) / 52;
/** From BME year 3: 15K job + 2.8K availability = 17.8K a weekly epoch. [OFF RNP-022] */
export const NODE_PAYOUT_PER_WEEK_Y3 = 17_800;
/** Foundation operations 2.24M and grants 0.80M in BME year 2. [OFF RNP-022 "Projected Outgoings ... BME Year 2"] */
export const FOUNDATION_SPEND_PER_YEAR = 2_240_000;
export const GRANTS_PER_YEAR = 800_000;
/** Compute-client rewards: 840,852 left on 2024-01-01 over 10 monthly epochs to 2024-10-31; paying remaining / months left, 84,085.2 remain for October. [DER from OFF RNP-006] */
export const COMPUTE_CLIENT_LEFT_AT_START = 840_852 / 10;
/** 75 RENDER per qualified node per monthly epoch. [OFF RNP-006] */
export const COMPUTE_CLIENT_CAP_PER_NODE = 75;
/** RNP-023 Salad: ~$4.3M of revenue in year 1, 73% SCE (60% burned, 56% to Chefs) and 27% SGS (35% burned, 31% to Chefs). [OFF RNP-023] */
export const SALAD_REVENUE_PER_YEAR = 4_300_000;
export const SALAD_BURN_SHARE = 0.73 * 0.6 + 0.27 * 0.35;
export const SALAD_REWARD_SHARE = 0.73 * 0.56 + 0.27 * 0.31;

const DAY_MS = 86_400_000;
const toDays = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10);
/** The date `years` calendar years after `iso` (same month and day). */
function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return isoOf(Date.UTC(y + years, m - 1, d) / DAY_MS);
}
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return isoOf(Date.UTC(y, m - 1 + months, d) / DAY_MS);
}

/** Emissions minted before `date` by the schedule (each BME year's emissions spread evenly over its days). [DER] */
export function emittedBefore(date: string): number {
  let sum = 0;
  const end = toDays(date);
  for (let n = 1; n <= CAP_YEAR; n++) {
    const a = toDays(addYears(BME_START, n - 1));
    const b = toDays(addYears(BME_START, n));
    if (end <= a) break;
    sum += (bmeYearEmissions(n) * (Math.min(end, b) - a)) / (b - a);
  }
  return sum;
}

/** Options of {@link render}; every field has a documented default. */
export interface RenderOptions {
  /** Horizon in years (default 10), rounded to whole weeks. */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Simulated node-operator agents (default 500; each stands for nodes / agents operators). */
  agents?: number;
  /** Active node operators at the start (default 2,000 [UNC: no RNP or seed figure]). */
  nodes?: number;
  /**
   * Rule version (default '2024-10'): '2024-10' is RNP-001/003/006 emissions and splits with RNP-013's node
   * payouts; '2026-03' adds RNP-022's 17.8K a week node payouts from BME year 3 and RNP-023's Salad subnet
   * (burns of 53.25% of its revenue, Chef rewards of 49.25% minted from pulled-forward emissions) from 2026-04-01.
   */
  rules?: '2024-10' | '2026-03';
  /**
   * Calendar start (default '2024-10-01'). An earlier start (e.g. '2023-12-20', BME launch) replays the
   * RNP-006 year-1 splits by month (liquidity 3 months, then 50/50 with artists for 6, then artists); the
   * start balances stay the Oct 2024 snapshot.
   */
  start?: string;
}

/**
 * The Render Network (RENDER) model, weekly epochs from 2024-10-01: RENDER and Render Credits (USD-priced,
 * $1) as two assets; the BME emission schedule by BME year from 2023-12-20 (RNP-006's 9,126,804 in year 1,
 * 5,905,584 in years 2–5, then damped by 0.945 a year to the cap in year 60) minted into an emissions account and
 * split each week 50% Foundation, 25% node operators, the RNP-006 liquidity/artist share of the rest; the
 * compute-client pool rule (remaining / epochs left, at most 75 RENDER per qualified node a month) to
 * 2024-10-31; node operators (a population) paid RNP-013's weekly budget from their pool; creators' USD jobs
 * buy Render Credits by burning RENDER (95% of the price, 5% fee); job demand follows node capacity; the
 * Foundation and grant programmes spend their pools and a share of every payout is sold into an impact price.
 * Every number's source is above and in docs/models/render.md.
 *
 * Order of a step: demand; emission; the split; compute-client pool; node budget; Foundation and grant
 * spending; the credit burn (at last week's price); node operators paid and updated; price.
 *
 * @example
 * ```ts
 * import { render } from '@flywheel/models/render';
 * import { run } from '@flywheel/sdk';
 * const result = await run(render({ runs: 100 }), { metrics: ['burnMintRatio', 'activeProviders', 'price'] });
 * ```
 */
export function render(options: RenderOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const agents = options.agents ?? 500;
  const nodes = options.nodes ?? 2_000;
  const rules = options.rules ?? '2024-10';
  const start = options.start ?? '2024-10-01';
  const steps = Math.round((years * 365) / 7);
  const stepOf = (iso: string) => Math.floor((toDays(iso) - toDays(start)) / 7 + 1e-9) + 1;

  // Schedule: one table entry per BME year, at a daily rate that sums to the year's emissions. [OFF/DER]
  const entries = [];
  for (let n = 1; n <= CAP_YEAR + 1; n++) {
    const from = addYears(BME_START, n - 1);
    const days = toDays(addYears(BME_START, n)) - toDays(from);
    entries.push({ from, rate: { amount: bmeYearEmissions(n) / days, per: 'day' as const } });
  }
  // RNP-006: of the Network half, liquidity takes the rest in BME months 1–3 (25% of all), half of it in months 4–9 (12.5%), none after.
  const month4 = stepOf(addMonths(BME_START, 3));
  const month10 = stepOf(addMonths(BME_START, 9));
  const lpShare = `t < ${month4} ? 0.25 : (t < ${month10} ? 0.125 : 0)`;
  const computeEnd = stepOf('2024-10-31'); // the last week of RNP-006's last monthly epoch
  const salad = rules === '2026-03';
  const saladFrom = stepOf('2026-04-01'); // [ASSUMPTION] RNP-023 approved 2026-03; its milestones take up to a year
  const year3 = stepOf(addYears(BME_START, 2));

  const emitted = emittedBefore(start < '2024-10-01' ? '2024-10-01' : start);
  const totalSupply0 = ORIGINAL_SUPPLY + emitted - BURNED_BEFORE_START;
  const liquid0 = CIRCULATING_RATIO * RENDER_CAP;
  const weekShare = 7 / (365 / 12); // a week's part of a monthly epoch

  const sold = ['nodePay.amount', 'lpRewards.amount', 'grants.amount', 'foundationSpend.amount', 'computeClients.amount', ...(salad ? ['chefRewards.amount'] : [])];
  const burns = ['credits.burned', ...(salad ? ['saladBurn.burned'] : [])];

  const blocks: Block[] = [
    {
      id: 'demand',
      kind: 'signal',
      set: 'demandUsd',
      formula: 'usd0 * (1 + growth) ^ years * exp(sigma * normal() - sigma ^ 2 / 2) * (nodes.capacity / capacity0) ^ elasticity',
    },
    ...(salad ? [{ id: 'saladDemand', kind: 'signal', set: 'saladUsd', formula: `t >= ${saladFrom} ? saladUsd0 * (1 + saladGrowth) ^ (years - ${((saladFrom - 1) * 7) / 365}) : 0` } as Block] : []),
    {
      id: 'emission',
      kind: 'schedule',
      asset: 'RENDER',
      to: 'emissions',
      description: 'BME emissions by BME year from 2023-12-20: 9,126,804; 5,905,584 for years 2–5; then ×0.945 a year to the cap in year 60 [OFF RNP-006/018/022/023; DER; ASSUMPTION years 4–5]',
      curve: { kind: 'table', entries },
    },
    {
      id: 'allocation',
      kind: 'split',
      asset: 'RENDER',
      from: 'emissions',
      rest: 'artistPool',
      description: '50% Foundation (RNP-003), 25% node operators, the RNP-006 liquidity share of the Network rest by BME month, artists the rest [OFF RNP-006; RNP-018/022 25/25/50]',
      parts: [
        { to: 'foundation', share: FOUNDATION_SHARE },
        { to: 'nodePool', share: NODE_SHARE },
        { to: 'liquidityPool', share: lpShare },
      ],
    },
    {
      id: 'computeClients',
      kind: 'transfer',
      asset: 'RENDER',
      from: 'computePool',
      to: 'liquid',
      clock: { until: computeEnd + 1 },
      description: 'RNP-006 compute-client pool: remaining / epochs left, at most 75 RENDER per qualified node a month (weekly here)',
      amount: `min(RENDER.computePool / max(1, ${computeEnd + 1} - t), ccCapPerNode * computeNodes * ${weekShare})`,
    },
    {
      id: 'nodePay',
      kind: 'transfer',
      asset: 'RENDER',
      from: 'nodePool',
      to: 'nodeEpoch',
      description: 'the weekly node-operator budget (RNP-013: 15,000 job + 25,000/month availability; RNP-022 17.8K from year 3 in rules 2026-03)',
      amount: salad ? `min(RENDER.nodePool, t < ${year3} ? nodeBudget : nodeBudgetY3)` : 'min(RENDER.nodePool, nodeBudget)',
    },
    { id: 'lpRewards', kind: 'transfer', asset: 'RENDER', from: 'liquidityPool', to: 'liquid', amount: 'RENDER.liquidityPool', description: 'liquidity rewards paid out each epoch [OFF RNP-006]' },
    {
      id: 'grants',
      kind: 'transfer',
      asset: 'RENDER',
      from: 'artistPool',
      to: 'liquid',
      amount: 'grantsPerYear / stepsPerYear',
      description: 'artist and AI grants at the BME year-2 pace, 0.80M a year [OFF RNP-022]',
    },
    {
      id: 'foundationSpend',
      kind: 'transfer',
      asset: 'RENDER',
      from: 'foundation',
      to: 'liquid',
      amount: 'foundationSpendPerYear / stepsPerYear',
      description: 'Foundation operations at the BME year-2 pace, 2.24M a year [OFF RNP-022]',
    },
    {
      id: 'credits',
      kind: 'creditBurn',
      asset: 'RENDER',
      from: 'liquid',
      credit: 'RC',
      usd: 'demandUsd',
      share: BURN_SHARE,
      description: 'creators burn RENDER worth 95% of the USD job price (5% fee) for Render Credits [OFF RNP-001; RNP-006]',
    },
    ...(salad
      ? ([
          {
            id: 'saladBurn',
            kind: 'creditBurn',
            asset: 'RENDER',
            from: 'liquid',
            credit: 'RC',
            usd: 'saladUsd',
            share: SALAD_BURN_SHARE,
            description: 'RNP-023: 60% of SCE and 35% of SGS revenue burned (73/27 mix)',
          },
          {
            id: 'chefRewards',
            kind: 'transfer',
            asset: 'RENDER',
            from: 'issuer',
            to: 'liquid',
            amount: `saladUsd * ${SALAD_REWARD_SHARE} / RENDER.price`,
            description: 'RNP-023: Chef rewards, 56% of SCE and 31% of SGS revenue, minted from emissions brought forward (the cap is kept)',
          },
        ] as Block[])
      : []),
    {
      id: 'nodes',
      kind: 'population',
      count: agents,
      population: nodes,
      // [ASSUMPTION] power + upkeep of a consumer GPU node, median $20 a week, wide spread; a new node buys a $1,600 GPU (RTX 4090 class) to earn back in 2 years.
      cost: { kind: 'lognormal', median: 20, sigma: 0.7 },
      costPer: 'week',
      capex: { usd: 1600, payback: { amount: 2, unit: 'year' } },
      // [ASSUMPTION] operators judge on 8 weeks of rewards; 2% a week join when revenue beats 1.2 × cost.
      window: 8,
      minActiveSteps: 8,
      reentry: { probability: 0.02, threshold: 1.2 },
      pays: { asset: 'RENDER', from: 'nodeEpoch', to: 'liquid' },
    },
    {
      id: 'price',
      kind: 'price',
      asset: 'RENDER',
      // [ASSUMPTION] price ×= exp(net buying / circulating), where net buying is the burn less the share of payouts sold; 90%/yr volatility.
      model: {
        kind: 'impact',
        initial: RENDER_PRICE_USD,
        sensitivity: 1,
        flow: `(${burns.join(' + ')} - sellShare * (${sold.join(' + ')})) / RENDER.circulating`,
        volatility: { rate: 0.9, per: 'year' },
        floor: 0.01,
      },
    },
  ];

  return {
    specVersion: 2,
    name: 'render',
    description:
      'Render Network RENDER + Render Credits: BME emissions by year with the RNP-006 splits, node-operator payouts, USD jobs burning RENDER, compute-client pool, an impact price (Oct 2024).',
    time: { step: 'week', steps, start },
    mainAsset: 'RENDER',
    assets: {
      RENDER: {
        kind: 'token',
        decimals: 8,
        cap: RENDER_CAP,
        description: 'circulating 74% of the cap [SEED; DER]; the rest of the supply is locked (RNDR escrow and reserves) or in the emission pools',
        accounts: {
          liquid: { initial: liquid0, tag: 'liquid' },
          locked: { initial: totalSupply0 - liquid0 - COMPUTE_CLIENT_LEFT_AT_START, tag: 'locked', description: 'non-circulating supply: RNDR escrow, reserves, unspent treasuries [DER]' },
          emissions: { tag: 'rewards', description: "the week's BME mint before the split" },
          foundation: { tag: 'treasury', description: "the Foundation's 50% (RNP-003)" },
          nodePool: { tag: 'rewards', description: 'node-operator emissions not yet paid out (RNP-022: "balance for future allocation")' },
          nodeEpoch: { tag: 'rewards', description: "this epoch's node payout, paid to the operators" },
          liquidityPool: { tag: 'rewards', description: 'liquidity rewards (RNP-006 months 1–9)' },
          artistPool: { tag: 'rewards', description: 'artist and AI grants' },
          computePool: { initial: COMPUTE_CLIENT_LEFT_AT_START, tag: 'rewards', description: 'RNP-006 compute-client rewards left [DER]' },
        },
      },
      RC: { kind: 'credit', decimals: 2, priceUsd: 1, accounts: {}, description: 'Render Credits: $1 each ("burns $5 worth of RNDR to produce 5 Render Credits"), non-transferable [OFF RNP-001]' },
    },
    params: {
      // $15,347 a week: burns at the start are 3.83% of the Network's emissions (87,275 RENDER a week in BME year 1): 3,342.6 RENDER × $4.3617 / 0.95 [DER from SEED]
      usd0: USD_PER_WEEK_AT_START,
      // [ASSUMPTION] 40%/yr trend: below 2024's "nearly tripled" usage (RNP-018) and 2025's +87% (RNP-022), which will not last.
      growth: 0.4,
      // [ASSUMPTION] week-to-week job noise, lognormal sigma 0.3, mean 1.
      sigma: 0.3,
      // [ASSUMPTION] capacity draws jobs: demand ∝ active capacity^0.5.
      elasticity: 0.5,
      capacity0: nodes,
      nodeBudget: NODE_PAYOUT_PER_WEEK,
      ...(salad ? { nodeBudgetY3: NODE_PAYOUT_PER_WEEK_Y3, saladUsd0: (SALAD_REVENUE_PER_YEAR * 7) / 365, saladGrowth: 0.4 } : {}),
      grantsPerYear: GRANTS_PER_YEAR,
      foundationSpendPerYear: FOUNDATION_SPEND_PER_YEAR,
      ccCapPerNode: COMPUTE_CLIENT_CAP_PER_NODE,
      // [ASSUMPTION] qualified compute-client nodes in Oct 2024: RNP-006's example, 1,000.
      computeNodes: 1000,
      // [ASSUMPTION] operators, grantees and the Foundation sell 80% of what they are paid (RNP-001: "service providers only want to hold general purpose currencies").
      sellShare: 0.8,
    },
    signals: {
      demandUsd: { initial: USD_PER_WEEK_AT_START, unit: 'USD/week', description: 'USD of render and compute jobs paid in the week (before the 5% fee)' },
      ...(salad ? { saladUsd: { initial: 0, unit: 'USD/week', description: 'Salad subnet revenue in the week (RNP-023)' } } : {}),
    },
    blocks,
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
