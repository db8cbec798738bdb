import type { ModelSpec } from '@flywheel/spec';
import { monthlyUnlocks, monthsAfter, piecewise, unlockPlan, type Unlock } from '../unlocks.js';

/**
 * Sources, as tagged in shared/reference/projects.md §6 (Aethir): [SEED] the seed article (Oct 2024,
 * lines 93–111), [OFF] Aethir's documents (docs.aethir.com tokenomics and checker guide; docs.myedge.io
 * Edge emissions, mining FAQ, "How to Manage ATH Balances and Rewards"), [3P] tokenomics.com's audit
 * of the allocation and Zoofi's checker licence count, [DER] derived here (shown), [ASSUMPTION] a
 * modelling choice, [UNC] uncertain. ./rules.ts ports the documents' rules exactly.
 */

/** Total supply 42,000,000,000 ATH, fixed: every token exists at TGE. [OFF docs.aethir.com] */
export const TOTAL_SUPPLY = 42_000_000_000;
/** TGE 2024-06-12 (Arbitrum). [OFF] */
export const TGE = '2024-06-12';
/** Model start, the seed's snapshot. */
export const START = '2024-10-01';
/** Days from TGE to the start: 111 (the start is day 112 of the checker schedule). [DER] */
export const DAYS_TGE_TO_START = 111;
/** Allocation shares: containers 35%, checkers 15%, team 12.5%, investors 11.5%, ecosystem 8%, DAO 7%, airdrop 6%, advisors 5%. [3P tokenomics.com citing the official docs] */
export const SHARES = { containers: 0.35, checkers: 0.15, team: 0.125, investors: 0.115, ecosystem: 0.08, dao: 0.07, airdrop: 0.06, advisors: 0.05 } as const;
/** Edge allocation: up to 23% of supply, 9.66B ATH, over ~10 years [OFF docs.myedge.io]; taken here out of the 35% compute-provider bucket, leaving 12% (5.04B) for GPU containers [ASSUMPTION: the documents do not say which bucket funds Edge]. */
export const EDGE_ALLOCATION = 0.23 * TOTAL_SUPPLY;
export const CONTAINER_POOL = (SHARES.containers - 0.23) * TOTAL_SUPPLY;
/** Container rewards are released evenly over 4 years from TGE [ASSUMPTION: "by reward schedule", not published]. */
export const CONTAINER_DAYS = 1_460;
/** Checker base 10% of supply over 1,460 days, daily; bonus 5% over 16 quarters, uptime-gated (>95%) from the 5th quarter. [OFF docs.aethir.com checker guide] */
export const CHECKER_BASE = 0.1 * TOTAL_SUPPLY;
export const CHECKER_BONUS = 0.05 * TOTAL_SUPPLY;
export const CHECKER_DAYS = 1_460;
export const CHECKER_QUARTERS = 16;
/** 91,759 checker licences [3P Zoofi / Arbiscan]; the seed says 91,000+ sold for ~$140M [SEED]. */
export const CHECKER_LICENCES = 91_759;
/** Edge mining started 2024-06-20; per-device rewards 21 ATH/day, 100 ATH/day from 2024-11-01 to 2025-06-12, then 21. [OFF docs.myedge.io edge-token-reward-emissions] */
export const EDGE_MINING_START = '2024-06-20';
/** Year shares of the Edge allocation: 40%, 24.12%, 14.54%, 8.77%, 5.29% [OFF mining FAQ]; years 6–10 share the remaining 7.28% in the same ratio 0.603 a year [ASSUMPTION]. */
export const EDGE_YEAR_SHARES = (() => {
  const published = [0.4, 0.2412, 0.1454, 0.0877, 0.0529];
  const rest = 1 - published.reduce((a, b) => a + b, 0);
  const w = [1, 2, 3, 4, 5].map((k) => 0.603 ** k);
  const sw = w.reduce((a, b) => a + b, 0);
  return [...published, ...w.map((x) => (rest * x) / sw)];
})();
/** 5% network fee on Edge rewards. [OFF edge-token-reward-emissions] */
export const EDGE_FEE = 0.05;
/** Claimed Edge rewards: 30% at once, 30% after 90 days, 40% after 180 days. [OFF docs.myedge.io "How to Manage ATH Balances and Rewards"; SEED] */
export const EDGE_RELEASE = [0.3, 0.3, 0.4] as const;
/** 32,000+ Edge devices sold at $1,299. [SEED] */
export const EDGE_DEVICES = 32_000;
export const EDGE_CAPEX_USD = 1_299;
/** 43,000+ enterprise GPUs, >$36M annual recurring revenue. [SEED] */
export const GPUS = 43_000;
export const ARR_USD = 36_000_000;
/** 80% of service fees to Containers, 20% retained. [SEED; OFF myedge FAQ for Edge fees] */
export const CONTAINER_FEE_SHARE = 0.8;
/** Market cap $2.35B and circulating ratio 9.66%. [SEED line 111] */
export const MARKET_CAP_USD = 2_350_000_000;
export const CIRCULATING_RATIO = 0.0966;
/**
 * Price $2.35B / 42B = $0.05595, reading the seed's "market cap" as FDV [DER, UNC]: as a market cap of
 * 9.66% of the supply it would be $0.579, and the seed's "100 ATH a day ≈ $8" needs $0.08. The three
 * figures of the seed cannot all hold; the $0.056 is what ATH traded at in October 2024.
 */
export const PRICE_USD = MARKET_CAP_USD / TOTAL_SUPPLY;

/** Unlock calendars in months after TGE ("linear" read as equal monthly parts) [3P tokenomics.com]. */
export const CALENDARS: Readonly<Record<'team' | 'advisors' | 'investors' | 'ecosystem' | 'dao' | 'airdrop', Unlock[]>> = {
  team: monthlyUnlocks(TGE, 19, 36),
  advisors: monthlyUnlocks(TGE, 19, 36),
  investors: monthlyUnlocks(TGE, 13, 24),
  ecosystem: [{ date: TGE, fraction: 0.5 }, ...monthlyUnlocks(TGE, 1, 24, 0.5)],
  dao: monthlyUnlocks(TGE, 1, 48),
  airdrop: [
    { date: TGE, fraction: 0.25 },
    { date: monthsAfter(TGE, 8), fraction: 0.25 },
    { date: monthsAfter(TGE, 16), fraction: 0.5 },
  ],
};

/** Options of {@link aethir}; every field has a documented default. */
export interface AethirOptions {
  /** Horizon in years (default 10), rounded to whole days. */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Simulated agents per population (default 200). */
  agents?: number;
  /**
   * Edge reward rule (default '2024-10': 21 / 100 / 21 ATH a day per device). 'tokenomics-2.0' pays the
   * Bronze base of 10 ATH a day from 2025-10-01 [OFF edge-token-reward-emissions: "Q4 2025"; the date UNC].
   */
  rules?: '2024-10' | 'tokenomics-2.0';
}

/**
 * The Aethir (ATH) model on daily steps from 2024-10-01. The 42B supply is fixed; "emissions" are
 * releases from pools: the checker base pool (daily) and bonus pool (quarterly, uptime-gated from
 * the 5th quarter), the container pool paid with 80% of the ATH service fees to GPU containers (a
 * population), the Edge pool paying each device a daily reward (less 5%) that vests 30/30/40 at
 * 0/90/180 days, to Edge owners who bought a $1,299 device (a population with capex; the payback
 * period is an output), and six allocation buckets unlocking on their calendars, part of it sold.
 * See docs/models/aethir.md.
 *
 * @example
 * ```ts
 * import { aethir } from '@flywheel/models/aethir';
 * import { run } from '@flywheel/sdk';
 * const result = await run(aethir({ runs: 100 }), { metrics: ['paybackDays', 'circulatingSupply', 'price'] });
 * result.metric('paybackDays').p50[60]; // days to earn back an Edge device, two months in
 * ```
 */
export function aethir(options: AethirOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const agents = options.agents ?? 200;
  const rules = options.rules ?? '2024-10';
  const plans = Object.fromEntries((Object.keys(CALENDARS) as (keyof typeof CALENDARS)[]).map((b) => [b, unlockPlan(SHARES[b] * TOTAL_SUPPLY, CALENDARS[b], START, 1)])) as Record<
    keyof typeof CALENDARS,
    ReturnType<typeof unlockPlan>
  >;
  // Checker bonus: quarter k (1 … 16) is paid on TGE + 3k months; quarters 5 … 16 only to the uptime share.
  const quarter = (k: number) => ({ date: monthsAfter(TGE, 3 * k), fraction: 1 });
  const early = unlockPlan(1, [1, 2, 3, 4].map(quarter), START, 1);
  const late = unlockPlan(
    1,
    Array.from({ length: 12 }, (_, i) => quarter(i + 5)),
    START,
    1,
  );
  const bonusPaidBefore = (early.releasedAtStart + late.releasedAtStart) * (CHECKER_BONUS / CHECKER_QUARTERS);
  const checkerDaily = CHECKER_BASE / CHECKER_DAYS;
  const containerDaily = CONTAINER_POOL / CONTAINER_DAYS;
  const poolsEnd = CHECKER_DAYS - DAYS_TGE_TO_START + 1; // first step after day 1,460 of the schedules
  // Edge: 21 ATH a day per device from 2024-06-20 to the start (103 days), all 32,000 devices [ASSUMPTION].
  const edgeDaysBefore = 103;
  const edgeBefore = EDGE_DEVICES * 21 * edgeDaysBefore;
  const perDevice = piecewise(START, 1, 21, [{ from: '2024-11-01', value: 100 }, { from: '2025-06-13', value: 21 }, ...(rules === 'tokenomics-2.0' ? [{ from: '2025-10-01', value: 10 }] : [])]);
  const edgeCap = piecewise(START, 1, (EDGE_YEAR_SHARES[0]! * EDGE_ALLOCATION) / 365, [
    ...EDGE_YEAR_SHARES.slice(1).map((s, i) => ({ from: monthsAfter(EDGE_MINING_START, 12 * (i + 1)), value: (s * EDGE_ALLOCATION) / 365 })),
    { from: monthsAfter(EDGE_MINING_START, 120), value: 0 },
  ]);
  const locked = {
    team: SHARES.team * TOTAL_SUPPLY * plans.team.lockedAtStart,
    advisors: SHARES.advisors * TOTAL_SUPPLY * plans.advisors.lockedAtStart,
    investors: SHARES.investors * TOTAL_SUPPLY * plans.investors.lockedAtStart,
    ecosystem: SHARES.ecosystem * TOTAL_SUPPLY * plans.ecosystem.lockedAtStart,
    daoVesting: SHARES.dao * TOTAL_SUPPLY * plans.dao.lockedAtStart,
    airdrop: SHARES.airdrop * TOTAL_SUPPLY * plans.airdrop.lockedAtStart,
    checkerBase: CHECKER_BASE - checkerDaily * DAYS_TGE_TO_START,
    checkerBonus: CHECKER_BONUS - bonusPaidBefore,
    containerPool: CONTAINER_POOL - containerDaily * DAYS_TGE_TO_START,
    edgePool: EDGE_ALLOCATION - edgeBefore,
    dao: EDGE_FEE * edgeBefore,
  };
  const liquid = TOTAL_SUPPLY - Object.values(locked).reduce((a, b) => a + b, 0);
  const unlock = (id: keyof typeof CALENDARS, from: string) => ({ id: `${id}Unlock`, kind: 'transfer' as const, asset: 'ATH', from, to: 'liquid', amount: plans[id].formula });
  return {
    specVersion: 2,
    name: 'aethir',
    description: 'Aethir ATH: fixed 42B supply released from pools (checkers, containers, Edge with 30/30/40 vesting), 80/20 fee split, allocation unlocks, Edge payback (Oct 2024).',
    time: { step: 'day', steps: Math.round(years * 365), start: START },
    mainAsset: 'ATH',
    assets: {
      ATH: {
        kind: 'token',
        decimals: 18,
        cap: TOTAL_SUPPLY,
        circulating: ['liquid'],
        description: 'fixed 42B supply [OFF]: nothing is minted; pools and buckets release into liquid',
        accounts: {
          liquid: { initial: liquid, tag: 'liquid', description: 'released by the calendars and pools before the start [DER]' },
          team: { initial: locked.team, tag: 'vesting' },
          advisors: { initial: locked.advisors, tag: 'vesting' },
          investors: { initial: locked.investors, tag: 'vesting' },
          ecosystem: { initial: locked.ecosystem, tag: 'vesting' },
          daoVesting: { initial: locked.daoVesting, tag: 'vesting', description: 'the DAO treasury allocation, over 48 months' },
          airdrop: { initial: locked.airdrop, tag: 'vesting' },
          checkerBase: { initial: locked.checkerBase, tag: 'rewards' },
          checkerBonus: { initial: locked.checkerBonus, tag: 'rewards', description: 'what nodes below 95% uptime forfeit stays here' },
          containerPool: { initial: locked.containerPool, tag: 'rewards' },
          containerRewards: { tag: 'rewards', description: 'pool release + 80% of fees, paid to containers' },
          edgePool: { initial: locked.edgePool, tag: 'rewards' },
          edgeClaims: { tag: 'rewards', description: "the day's Edge rewards net of the 5% fee" },
          edgeEarned: { tag: 'escrow', description: 'claimed Edge rewards before the 30/30/40 split' },
          vest90: { tag: 'vesting' },
          vest90q: { tag: 'vesting', description: 'the 30% released after 90 days' },
          vest180: { tag: 'vesting' },
          vest180q: { tag: 'vesting', description: 'the 40% released after 180 days' },
          dao: { initial: locked.dao, tag: 'treasury', description: '20% of fees and the 5% Edge network fee' },
        },
      },
    },
    params: {
      demand0: ARR_USD / 365,
      // [ASSUMPTION] service demand grows 40% a year with daily noise and follows container capacity (elasticity 0.5).
      growth: 0.4,
      sigma: 0.2,
      elasticity: 0.5,
      gpus0: GPUS,
      feeToContainers: CONTAINER_FEE_SHARE,
      checkerDaily,
      containerDaily,
      quarterBonus: CHECKER_BONUS / CHECKER_QUARTERS,
      // [ASSUMPTION] 90% of checker base rewards are earned by nodes above 95% uptime.
      uptimeShare: 0.9,
      edgeCapex: EDGE_CAPEX_USD,
      edgeFee: EDGE_FEE,
      // [ASSUMPTION] an Edge device costs $0.10 a day to run (power, bandwidth).
      edgeOpexDay: 0.1,
      // [ASSUMPTION] half of unlocked ATH and half of released rewards are sold.
      unlockSell: 0.5,
      rewardSell: 0.5,
    },
    signals: {
      demandUsd: { initial: ARR_USD / 365, unit: 'USD/day', description: 'network service fees paid by users, priced in USD, settled in ATH' },
      paybackDays: { unit: 'day', description: "days for an Edge device to earn back $1,299 at this day's reward and price, net of its running cost (capped at 100 years)" },
    },
    blocks: [
      {
        id: 'demand',
        kind: 'signal',
        set: 'demandUsd',
        formula: 'demand0 * (1 + growth) ^ years * (containers.capacity / gpus0) ^ elasticity * exp(sigma * normal() - sigma ^ 2 / 2)',
      },
      unlock('team', 'team'),
      unlock('advisors', 'advisors'),
      unlock('investors', 'investors'),
      unlock('ecosystem', 'ecosystem'),
      unlock('dao', 'daoVesting'),
      unlock('airdrop', 'airdrop'),
      {
        id: 'checkerBaseRelease',
        kind: 'transfer',
        asset: 'ATH',
        from: 'checkerBase',
        to: 'liquid',
        amount: 'checkerDaily',
        clock: { until: poolsEnd },
        description: '4.2B / 1,460 a day to checkers [OFF]',
      },
      {
        id: 'checkerBonusRelease',
        kind: 'transfer',
        asset: 'ATH',
        from: 'checkerBonus',
        to: 'liquid',
        amount: `quarterBonus * (${early.formula}) + quarterBonus * uptimeShare * (${late.formula})`,
        description: '2.1B / 16 at each quarter end; from the 5th quarter only the share of nodes above 95% uptime [OFF]',
      },
      { id: 'containerRelease', kind: 'transfer', asset: 'ATH', from: 'containerPool', to: 'containerRewards', amount: 'containerDaily', clock: { until: poolsEnd } },
      {
        id: 'fees',
        kind: 'split',
        asset: 'ATH',
        from: 'liquid',
        amount: 'demandUsd / ATH.price',
        parts: [{ to: 'dao', share: '1 - feeToContainers' }],
        rest: 'containerRewards',
        description: 'users buy ATH to pay fees; 80% to containers, 20% retained [SEED]',
      },
      {
        id: 'containers',
        kind: 'population',
        count: agents,
        population: 50_000,
        initialActive: GPUS / 50_000,
        description: 'GPU containers: 43,000 of 50,000 potential enterprise GPUs active [SEED 43k; ASSUMPTION the pool]',
        // [ASSUMPTION] hosting an enterprise GPU for Aethir costs a median $150 a month beyond what it earns elsewhere.
        cost: { kind: 'lognormal', median: 150, sigma: 0.5 },
        costPer: 'month',
        window: 30,
        minActiveSteps: 30,
        reentry: { probability: 0.02, threshold: 1.1 },
        pays: { asset: 'ATH', from: 'containerRewards', to: 'liquid' },
      },
      {
        id: 'edgeRelease',
        kind: 'split',
        asset: 'ATH',
        from: 'edgePool',
        amount: `min(edge.active * ${perDevice}, ${edgeCap})`,
        parts: [{ to: 'dao', share: 'edgeFee' }],
        rest: 'edgeClaims',
        description: "devices × the per-device reward, at most the year's share / 365; 5% network fee to the DAO [OFF]",
      },
      {
        id: 'payback',
        kind: 'signal',
        set: 'paybackDays',
        description: "capex / (the day's net reward per device at the price it is paid at − running cost), before the devices update",
        formula: 'min(36500, edgeCapex / max(edgeCapex / 36500, edgeRelease.amount * (1 - edgeFee) * ATH.price / max(1, edge.active) - edgeOpexDay))',
      },
      {
        id: 'edge',
        kind: 'population',
        count: agents,
        population: 2 * EDGE_DEVICES,
        initialActive: 0.5,
        description: 'Edge devices: 32,000 of 64,000 potential owners active [SEED 32k; ASSUMPTION the pool]',
        cost: { kind: 'lognormal', median: 3, sigma: 0.5 },
        costPer: 'month',
        capex: { usd: EDGE_CAPEX_USD, payback: { amount: 12, unit: 'month' } },
        window: 30,
        minActiveSteps: 30,
        reentry: { probability: 0.01, threshold: 1 },
        pays: { asset: 'ATH', from: 'edgeClaims', to: 'edgeEarned' },
      },
      {
        id: 'edgeVesting',
        kind: 'split',
        asset: 'ATH',
        from: 'edgeEarned',
        rest: 'liquid',
        parts: [
          { to: 'vest90', share: EDGE_RELEASE[1] },
          { to: 'vest180', share: EDGE_RELEASE[2] },
        ],
        description: '30% at once, 30% after 90 days, 40% after 180 days [OFF]',
      },
      { id: 'release90', kind: 'bond', asset: 'ATH', liquid: 'liquid', bonded: 'vest90', unbonding: 'vest90q', delay: 90, bond: '0', unbond: 'ATH.vest90' },
      { id: 'release180', kind: 'bond', asset: 'ATH', liquid: 'liquid', bonded: 'vest180', unbonding: 'vest180q', delay: 180, bond: '0', unbond: 'ATH.vest180' },
      {
        id: 'price',
        kind: 'price',
        asset: 'ATH',
        // [ASSUMPTION] an impact price: ATH bought for fees lifts it; sold unlocks and rewards press it; 100%/yr volatility.
        model: {
          kind: 'impact',
          initial: PRICE_USD,
          sensitivity: 1,
          volatility: { rate: 1, per: 'year' },
          floor: 0.0001,
          flow: '(fees.amount - unlockSell * (teamUnlock.amount + advisorsUnlock.amount + investorsUnlock.amount + ecosystemUnlock.amount + daoUnlock.amount + airdropUnlock.amount) - rewardSell * (checkerBaseRelease.amount + checkerBonusRelease.amount + containerRelease.amount + edgeRelease.amount)) / ATH.circulating',
        },
      },
    ],
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
