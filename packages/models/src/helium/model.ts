import type { ModelSpec } from '@flywheel/spec';

/**
 * Sources, as tagged in shared/reference/projects.md §10 (Helium):
 * [SEED] the seed article (Oct 2024), [OFF] official HIPs and helium-program-library,
 * [DER] derived here by arithmetic (shown), [ASSUMPTION] a modelling choice, not a fact.
 */

/** HNT per day from 2024-08-01 = 15M/365. [OFF helium-program-library emissions/hnt.json; HIP-20] */
export const HNT_PER_DAY_2024 = 41_095.89041096;
/** HNT per day from 2025-08-01 = 7.5M/365. [OFF emissions/hnt.json; HIP-20] */
export const HNT_PER_DAY_2025 = 20_547.94520548;
/** HST holders' share of HNT emissions until 2025-01-28, 0 after. [OFF emissions/hst.json; HIP-138] */
export const HST_SHARE = 0.3;
/** Max supply ("true max supply"). [OFF HIP-20] */
export const HNT_MAX_SUPPLY = 223_000_000;
/** Net-emissions re-mint cap, HNT per day, on a 7-epoch average of burns. [OFF HIP-20; HIP-149; helium-sub-daos backstop.rs] */
export const NET_EMISSIONS_CAP_PER_DAY = 1_644;
/** 1 DC = $0.00001. [SEED; OFF data-credits mint_data_credits_v0.rs] */
export const DC_PRICE_USD = 0.00001;
/** DC burned in 24 h, IOT + MOBILE: 9,780,594 + 552,799,701. [SEED table] */
export const DC_BURNED_PER_DAY = 9_780_594 + 552_799_701;
/** Active hotspots, IOT + MOBILE: 355,996 + 18,462. [SEED table] */
export const ACTIVE_HOTSPOTS = 355_996 + 18_462;
/** HNT market cap $1.47B and circulating ratio 77% (of max supply). [SEED] */
export const HNT_MARKET_CAP_USD = 1_470_000_000;
export const HNT_CIRCULATING_RATIO = 0.77;
/** Circulating HNT = 0.77 × 223M = 171,710,000. [DER from SEED + OFF] */
export const HNT_CIRCULATING = HNT_CIRCULATING_RATIO * HNT_MAX_SUPPLY;
/** HNT price = $1.47B / 171.71M = $8.5609. [DER from SEED] */
export const HNT_PRICE_USD = HNT_MARKET_CAP_USD / HNT_CIRCULATING;
/**
 * Total supply on 2024-10-01 = max supply − issuance still scheduled after that day:
 * 304 days × 41,095.89041096 (to 2025-08-01) = 12,493,150.68, plus 7.5M × 2 × (1 + 1/2 + 1/4 + …) = 30,000,000,
 * so 223,000,000 − 42,493,150.68 = 180,506,849.32. [DER from OFF HIP-20 and hnt.json]
 * (The model's calendar halvings pay whole daily rates through leap days, about 13,700 HNT more
 * than this 365-day arithmetic over all future halvings; the 223M cap clips it.)
 */
export const HNT_TOTAL_SUPPLY_2024_10_01 = HNT_MAX_SUPPLY - 304 * HNT_PER_DAY_2024 - 30_000_000;

/** Options of {@link helium}; every field has a documented default. */
export interface HeliumOptions {
  /** Horizon in years (default 10). */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /** Simulated hotspot cohorts (default 1,000; each stands for population / count hotspots). */
  agents?: number;
}


/**
 * The Helium (HNT) model, as of the seed's snapshot (start 2024-10-01):
 * HNT and Data Credits as two assets; HIP-20 issuance on the Solana daily schedule with calendar
 * halvings every two years on Aug 1; HST's 30% until HIP-138; the 223M cap (the issuer holds
 * what is left to mint); DC minted by burning HNT at the price and burned on use; the
 * net-emissions re-mint of the 7-day average burn, capped at 1,644 HNT/day; hotspot operators
 * who leave when rewards no longer cover their costs; an impact price.
 * The IOT and MOBILE sub-DAOs are not modelled yet: HNT routed to their treasuries is paid to
 * hotspots (it is what backs their rewards). Every number's source is above and in
 * docs/models/helium.md.
 *
 * Order of a step: demand (USD of Data Credits, responding to last step's coverage); issuance to
 * the rewards account; re-mint; the DC burn at last step's price; hotspots paid and updated; the
 * price moves on the step's net burn.
 *
 * @example
 * ```ts
 * import { helium } from '@flywheel/models/helium';
 * import { run } from '@flywheel/sdk';
 * const result = await run(helium({ runs: 100 }));
 * ```
 */
export function helium(options: HeliumOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const agents = options.agents ?? 1000;
  // [ASSUMPTION] the pool of would-be hotspots is 1.5× today's active ones (as in the v1 model).
  const activeAgents = Math.max(1, Math.round((2 / 3) * agents));
  const population = (ACTIVE_HOTSPOTS * agents) / activeAgents;
  return {
    specVersion: 2,
    name: 'helium',
    description: 'Helium HNT + Data Credits: HIP-20 halvings, DC burn-and-mint, net emissions, hotspot churn (Oct 2024).',
    time: { step: 'day', steps: Math.round(years * 365), start: '2024-10-01' },
    mainAsset: 'HNT',
    assets: {
      HNT: {
        kind: 'token',
        decimals: 8,
        cap: HNT_MAX_SUPPLY,
        description: 'circulating 77% of max supply [SEED]; the rest of the issued supply is locked (veHNT, treasuries) [DER]',
        accounts: {
          liquid: { initial: HNT_CIRCULATING, tag: 'liquid' },
          locked: { initial: HNT_TOTAL_SUPPLY_2024_10_01 - HNT_CIRCULATING, tag: 'locked' },
          rewards: { tag: 'rewards', description: 'HNT issued to the sub-DAO treasuries, paid out to hotspots each day' },
        },
      },
      DC: { kind: 'credit', decimals: 0, priceUsd: DC_PRICE_USD, accounts: {}, description: '1 DC = $0.00001, minted by burning HNT, burned on use [SEED; OFF]' },
    },
    params: {
      // $5,625.80 per day of Data Credits [DER: 562,580,295 DC × $0.00001, SEED]
      dcUsd0: DC_BURNED_PER_DAY * DC_PRICE_USD,
      // [ASSUMPTION] 40%/yr trend: below 2024's ~4× growth in Mobile subscribers [SEED], which will not last.
      growth: 0.4,
      // [ASSUMPTION] day-to-day DC burn noise, lognormal sigma 0.3, mean 1.
      sigma: 0.3,
      // [ASSUMPTION] coverage drives usage: demand ∝ active capacity^0.5.
      elasticity: 0.5,
      capacity0: ACTIVE_HOTSPOTS,
    },
    signals: { demandUsd: { initial: DC_BURNED_PER_DAY * DC_PRICE_USD, unit: 'USD/day', description: 'USD of Data Credits bought in the day' } },
    blocks: [
      {
        id: 'demand', kind: 'signal', set: 'demandUsd',
        formula: 'dcUsd0 * (1 + growth) ^ years * exp(sigma * normal() - sigma ^ 2 / 2) * (hotspots.capacity / capacity0) ^ elasticity',
      },
      {
        id: 'issuance', kind: 'schedule', asset: 'HNT', to: 'rewards',
        description: 'Sub-DAO share of the HIP-20 schedule: 70% until 2025-01-28, then 100% (HIP-138) [OFF; DER]',
        curve: {
          kind: 'table',
          entries: [
            { from: '2024-08-01', rate: { amount: HNT_PER_DAY_2024 * (1 - HST_SHARE), per: 'day' } },
            { from: '2025-01-28', rate: { amount: HNT_PER_DAY_2024, per: 'day' } },
            { from: '2025-08-01', rate: { amount: HNT_PER_DAY_2025, per: 'day' } },
          ],
          then: { halvingEvery: { amount: 2, unit: 'year' } },
        },
      },
      {
        id: 'hst', kind: 'schedule', asset: 'HNT', to: 'liquid',
        description: 'HST 30% of issuance from 2024-08-01 until 2025-01-28 (HIP-138) [OFF]',
        curve: { kind: 'fixed', rate: { amount: HNT_PER_DAY_2024 * HST_SHARE, per: 'day' }, from: '2024-08-01', until: '2025-01-28' },
      },
      {
        id: 'netEmissions', kind: 'remint', asset: 'HNT', of: 'HNT.burned', window: 7, to: 'rewards',
        cap: { amount: NET_EMISSIONS_CAP_PER_DAY, per: 'day' },
        description: 'HIP-20 net emissions: burned HNT re-minted on a 7-epoch average, at most 1,644 HNT/day [OFF]',
      },
      {
        id: 'dataCredits', kind: 'creditBurn', asset: 'HNT', from: 'liquid', credit: 'DC', usd: 'demandUsd', burnTo: 'issuer',
        description: 'DC minted by burning HNT at the price; the 223M max supply bounds the supply, so burned HNT makes room for net emissions [OFF HIP-20]',
      },
      {
        id: 'hotspots', kind: 'population', count: agents, population, initialActive: activeAgents / agents,
        // [ASSUMPTION] power + backhaul + hardware amortisation, median $0.20/day, wide spread.
        cost: { kind: 'lognormal', median: 0.2, sigma: 0.8 }, costPer: 'day',
        // [ASSUMPTION] operators judge on 30 days of rewards, once they have 30 days of them; 1%/day join when revenue > 1.2 × cost.
        window: 30, minActiveSteps: 30, reentry: { probability: 0.01, threshold: 1.2 },
        pays: { asset: 'HNT', from: 'rewards', to: 'liquid' },
      },
      {
        id: 'price', kind: 'price', asset: 'HNT',
        // [ASSUMPTION] price ×= exp(1 · net burn / circulating) per day, plus 90%/yr volatility (HNT's order of magnitude).
        model: { kind: 'impact', initial: HNT_PRICE_USD, sensitivity: 1, volatility: { rate: 0.9, per: 'year' }, floor: 0.01 },
      },
    ],
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
