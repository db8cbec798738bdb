import type { ModelSpec } from '@flywheel/spec';
import { ErrorCodes, fail } from '@flywheel/spec';
import { EMISSION_SCHEDULES, HIP149_INFLATION_START, vehntMultiplier } from './rules.js';

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
  /** Simulated hotspot cohorts (default 1,000; each stands for population / count hotspots). With `subDaos`, split evenly between the IOT and MOBILE populations. */
  agents?: number;
  /**
   * Model the IOT and MOBILE sub-DAOs (default false: the HNT-only model of the tests and the
   * bench). With true: IOT and MOBILE as assets with their own schedules, the HNT split by DAO
   * utility score (V × D × A), the sub-DAO treasuries and the redemption floor, veHNT cohorts,
   * two hotspot populations paid in their sub-DAO token. A `rules` other than '2024-10' implies it.
   */
  subDaos?: boolean;
  /**
   * Rule version (sub-DAO model only):
   * - '2024-10' (default): the rules live at the seed date (helium-program-library c0bb5245);
   * - 'hip-138': from 2024-12-07 no IOT/MOBILE emissions, hotspots paid in HNT by a veHNT-only,
   *   90-day-smoothed utility score, 6% of each sub-DAO's HNT to delegators, 2.9M HNT to the
   *   MOBILE treasury until 2025-08-01 (4172cf4c0);
   * - 'hip-149': 'hip-138' plus HIP-149's operations supplement (98,000 HNT per sub-DAO per day
   *   from 2026-08-05 for 360 days, then a 720-day taper; 141.12M HNT) and the cap raised by it.
   */
  rules?: '2024-10' | 'hip-138' | 'hip-149';
  /** Average lockup of the veHNT cohorts in months (default 24, i.e. 50× veHNT per HNT; sub-DAO model only). */
  lockMonths?: number;
  /**
   * Re-delegation of veHNT (sub-DAO model only; default 0: delegations stay as in the seed). With
   * r > 0, each day r × (y_b − y_a) / (y_a + y_b) of sub-DAO a's delegated veHNT moves to b when b
   * pays its delegators more per veHNT (y = the delegators' 6% in USD ÷ veHNT). [ASSUMPTION]
   */
  redelegation?: number;
}

/**
 * HNT's issuance blocks, the same in both Helium models: the HIP-20 schedule's sub-DAO share
 * (hnt.json), HST's 30% until HIP-138, and the net-emissions re-mint.
 */
function hntIssuanceBlocks(): ModelSpec['blocks'] {
  return [
    {
      id: 'issuance',
      kind: 'schedule',
      asset: 'HNT',
      to: 'rewards',
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
      id: 'hst',
      kind: 'schedule',
      asset: 'HNT',
      to: 'liquid',
      description: 'HST 30% of issuance from 2024-08-01 until 2025-01-28 (HIP-138) [OFF]',
      curve: { kind: 'fixed', rate: { amount: HNT_PER_DAY_2024 * HST_SHARE, per: 'day' }, from: '2024-08-01', until: '2025-01-28' },
    },
    {
      id: 'netEmissions',
      kind: 'remint',
      asset: 'HNT',
      of: 'HNT.burned',
      window: 7,
      to: 'rewards',
      cap: { amount: NET_EMISSIONS_CAP_PER_DAY, per: 'day' },
      description: 'HIP-20 net emissions: burned HNT re-minted on a 7-epoch average, at most 1,644 HNT/day [OFF]',
    },
  ];
}

/**
 * The Helium (HNT) model, as of the seed's snapshot (start 2024-10-01):
 * HNT and Data Credits as two assets; HIP-20 issuance on the Solana daily schedule with calendar
 * halvings every two years on Aug 1; HST's 30% until HIP-138; the 223M cap (the issuer holds
 * what is left to mint); DC minted by burning HNT at the price and burned on use; the
 * net-emissions re-mint of the 7-day average burn, capped at 1,644 HNT/day; hotspot operators
 * who leave when rewards no longer cover their costs; an impact price.
 * By default the IOT and MOBILE sub-DAOs are folded in: HNT routed to their treasuries is paid to
 * hotspots (it is what backs their rewards). With `subDaos: true` (or a later `rules` version)
 * they are modelled: IOT and MOBILE with their schedules, the HNT split by DAO utility score
 * (V × D × A), the treasuries and their redemption floor, veHNT cohorts and two hotspot
 * populations (see {@link HeliumOptions.subDaos}). Every number's source is above and in
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
 * const subDaos = await run(helium({ subDaos: true, runs: 100 }));
 * subDaos.metric('shareIot').p50[0]; // 0.2719: IOT's share of the sub-DAOs' HNT
 * ```
 */
export function helium(options: HeliumOptions = {}): ModelSpec {
  const rules = options.rules ?? '2024-10';
  if (rules !== '2024-10' && rules !== 'hip-138' && rules !== 'hip-149') {
    fail(ErrorCodes.SPEC_INVALID_ENUM, 'rules', rules, "must be '2024-10', 'hip-138' or 'hip-149'", "use rules: 'hip-138' for the Return to HNT, or leave it out for the seed's rules");
  }
  if (options.subDaos === false && rules !== '2024-10') {
    fail(
      ErrorCodes.SPEC_INCONSISTENT,
      'rules',
      rules,
      'the HIP-138 and HIP-149 rule versions change the sub-DAO layer, which subDaos: false leaves out',
      "drop subDaos: false, or use rules: '2024-10'",
    );
  }
  if (options.subDaos === true || rules !== '2024-10') return heliumSubDaos(options, rules);
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
        id: 'demand',
        kind: 'signal',
        set: 'demandUsd',
        formula: 'dcUsd0 * (1 + growth) ^ years * exp(sigma * normal() - sigma ^ 2 / 2) * (hotspots.capacity / capacity0) ^ elasticity',
      },
      ...hntIssuanceBlocks(),
      {
        id: 'dataCredits',
        kind: 'creditBurn',
        asset: 'HNT',
        from: 'liquid',
        credit: 'DC',
        usd: 'demandUsd',
        burnTo: 'issuer',
        description: 'DC minted by burning HNT at the price; the 223M max supply bounds the supply, so burned HNT makes room for net emissions [OFF HIP-20]',
      },
      {
        id: 'hotspots',
        kind: 'population',
        count: agents,
        population,
        initialActive: activeAgents / agents,
        // [ASSUMPTION] power + backhaul + hardware amortisation, median $0.20/day, wide spread.
        cost: { kind: 'lognormal', median: 0.2, sigma: 0.8 },
        costPer: 'day',
        // [ASSUMPTION] operators judge on 30 days of rewards, once they have 30 days of them; 1%/day join when revenue > 1.2 × cost.
        window: 30,
        minActiveSteps: 30,
        reentry: { probability: 0.01, threshold: 1.2 },
        pays: { asset: 'HNT', from: 'rewards', to: 'liquid' },
      },
      {
        id: 'price',
        kind: 'price',
        asset: 'HNT',
        // [ASSUMPTION] price ×= exp(1 · net burn / circulating) per day, plus 90%/yr volatility (HNT's order of magnitude).
        model: { kind: 'impact', initial: HNT_PRICE_USD, sensitivity: 1, volatility: { rate: 0.9, per: 'year' }, floor: 0.01 },
      },
    ],
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}

// ---------------------------------------------------------------------------------------------
// The sub-DAO model (subDaos: true): IOT, MOBILE, utility scores, treasuries, veHNT
// ---------------------------------------------------------------------------------------------

type Block = ModelSpec['blocks'][number];

/** IOT and MOBILE seed table rows (Oct 2024). [SEED table, seed lines 199–210; projects.md §10] */
export const SUBDAO_SEED = Object.freeze({
  iot: {
    utilityScore: 363_670_976_926,
    activeHotspots: 355_996,
    onboardingFeesUsd: 14_250_808.5,
    vehntDelegated: 598_502_751,
    dcBurnedPerDay: 9_780_594,
    treasuryHnt: 5_296_985,
    premium: -0.0249,
    marketCapUsd: 22_436_947,
    circulatingRatio: 0.16,
    hntEmissionShare: 0.2,
  },
  mobile: {
    utilityScore: 973_929_562_628,
    activeHotspots: 18_462,
    onboardingFeesUsd: 194_010,
    vehntDelegated: 624_148_052,
    dcBurnedPerDay: 552_799_701,
    treasuryHnt: 7_054_768,
    premium: 0.4802,
    marketCapUsd: 60_879_276,
    circulatingRatio: 0.44,
    hntEmissionShare: 0.5,
  },
});
/** IOT max supply 200B. [OFF HIP-52 0052-iot-dao.md] */
export const IOT_MAX_SUPPLY = 200_000_000_000;
/** MOBILE max supply 250B. [OFF HIP-53 0053-mobile-dao.md; HIP-77 expected 223.25B at the Solana migration] */
export const MOBILE_MAX_SUPPLY = 250_000_000_000;
/** veHNT delegators' share of each sub-DAO's emissions: 6%. [OFF HIP-51/52/53; issue_rewards_v0 `delegator_rewards_percent`] */
export const DELEGATOR_SHARE = 0.06;
/** HIP-138's first day of HNT-only rewards: the contract deployed for the epoch of 2024-12-07. [OFF issue_rewards_v0.rs at 4172cf4c0, "from December 7 to August 1st, 2025"] */
export const HIP138_START = '2024-12-07';
/** HIP-138: 2.9M HNT to the MOBILE treasury, 12,236.28691983 HNT a day until 2025-08-01. [OFF issue_rewards_v0.rs at 4172cf4c0] */
export const HIP138_MOBILE_TREASURY_PER_DAY = 12_236.28691983;
/** HIP-149 supplement: 98,000 HNT per sub-DAO per epoch, 2 sub-DAOs. [OFF supplement.rs at 145947ee] */
export const HIP149_SUPPLEMENT_PER_DAY = 2 * 98_000;
/** HIP-149 supplement in total: 2 × (98,000 × 360 + 98,000 × 720 / 2) = 141,120,000 HNT. [DER from OFF] */
export const HIP149_SUPPLEMENT_TOTAL = 2 * (98_000 * 360 + (98_000 * 720) / 2);

/** Per sub-DAO figures derived from the seed table (all [DER]; see docs/models/helium.md). */
export function subDaoDerived(which: 'iot' | 'mobile'): {
  circulating: number;
  priceUsd: number;
  supply: number;
  redemptionPriceUsd: number;
  onboardingFeePerHotspotUsd: number;
  dcUsdPerDay: number;
} {
  const row = SUBDAO_SEED[which];
  const max = which === 'iot' ? IOT_MAX_SUPPLY : MOBILE_MAX_SUPPLY;
  // circulating ratio read as a share of max supply (as for HNT) [ASSUMPTION]
  const circulating = row.circulatingRatio * max;
  const priceUsd = row.marketCapUsd / circulating;
  // premium = price / (H / S × HNT price) − 1, so S = H × HNT price × (1 + premium) / price
  const supply = (row.treasuryHnt * HNT_PRICE_USD * (1 + row.premium)) / priceUsd;
  return {
    circulating,
    priceUsd,
    supply,
    redemptionPriceUsd: (row.treasuryHnt / supply) * HNT_PRICE_USD,
    onboardingFeePerHotspotUsd: row.onboardingFeesUsd / row.activeHotspots,
    dcUsdPerDay: row.dcBurnedPerDay * DC_PRICE_USD,
  };
}

/** A schedule table of a sub-DAO token from the program's JSON (each entry from its start day). */
function dntTable(which: 'iot' | 'mobile'): { from: string; rate: { amount: number; per: 'day' } }[] {
  return EMISSION_SCHEDULES[which]
    .filter((e) => e.startUnixTime >= 1_722_470_401n) // from 2024-08-01 (the model starts 2024-10-01)
    .map((e) => ({
      from: new Date(Number(e.startUnixTime - 1n) * 1000).toISOString().slice(0, 10),
      rate: { amount: Number(e.emissionsPerEpoch) / 1e6, per: 'day' as const },
    }));
}

function stepOfDate(iso: string): number {
  return Math.floor((Date.parse(`${iso}T00:00:00Z`) - Date.parse('2024-10-01T00:00:00Z')) / 86_400_000) + 1;
}

/** IOT and MOBILE price volatility, per year. [ASSUMPTION: HNT's order of magnitude] */
export const DNT_VOLATILITY = 0.9;

/** The sub-DAO model; see {@link HeliumOptions.subDaos}. */
function heliumSubDaos(options: HeliumOptions, rules: '2024-10' | 'hip-138' | 'hip-149'): ModelSpec {
  const years = options.years ?? 10;
  const agents = options.agents ?? 1000;
  const lockMonths = options.lockMonths ?? 24;
  if (!(typeof lockMonths === 'number' && lockMonths > 0 && lockMonths <= 48)) {
    fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'lockMonths', lockMonths, 'must be a number in (0, 48]', 'veHNT lockups run up to 48 months, e.g. lockMonths: 24');
  }
  const redelegation = options.redelegation ?? 0;
  if (!(typeof redelegation === 'number' && redelegation >= 0 && redelegation <= 1)) {
    fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'redelegation', redelegation, 'must be a number in [0, 1]', 'a share of the delegated veHNT per day, e.g. redelegation: 0.01');
  }
  const after138 = rules !== '2024-10';
  const iot = subDaoDerived('iot');
  const mobile = subDaoDerived('mobile');
  // veHNT per HNT of a constant lockup of lockMonths months (rules.vehntMultiplier: 100× at 4 × 365 days).
  const mult = vehntMultiplier(BigInt(Math.round((lockMonths / 12) * 365 * 86_400)));
  const veIot = SUBDAO_SEED.iot.vehntDelegated / mult;
  const veMobile = SUBDAO_SEED.mobile.vehntDelegated / mult;
  const treasuries = SUBDAO_SEED.iot.treasuryHnt + SUBDAO_SEED.mobile.treasuryHnt;
  // The issued supply is the same as the HNT-only model's; the treasuries are the non-circulating part.
  const liquid = HNT_TOTAL_SUPPLY_2024_10_01 - treasuries - veIot - veMobile;
  const iotAgents = Math.max(1, Math.round(agents / 2));
  const mobileAgents = Math.max(1, agents - iotAgents);
  const pool = (active: number, n: number) => {
    const a = Math.max(1, Math.round((2 / 3) * n));
    return { initialActive: a / n, population: (active * n) / a };
  };
  const iotPool = pool(SUBDAO_SEED.iot.activeHotspots, iotAgents);
  const mobilePool = pool(SUBDAO_SEED.mobile.activeHotspots, mobileAgents);
  const s138 = stepOfDate(HIP138_START);
  // HIP-149 supplement: crank n (n = 0 mints for the epoch of 2026-08-05, cranked 2026-08-06 00:00)
  const s149 = Math.floor(Number(HIP149_INFLATION_START) / 86_400 - Date.parse('2024-10-01T00:00:00Z') / 86_400_000) + 1;

  const hnt = (name: string) => `HNT.${name}`;
  const blocks: Block[] = [
    {
      id: 'demandIot',
      kind: 'signal',
      set: 'demandIotUsd',
      formula: 'dcIotUsd0 * (1 + growthIot) ^ years * exp(sigma * normal() - sigma ^ 2 / 2) * (iotHotspots.capacity / iotCapacity0) ^ elasticity',
    },
    {
      id: 'demandMobile',
      kind: 'signal',
      set: 'demandMobileUsd',
      formula: 'dcMobileUsd0 * (1 + growthMobile) ^ years * exp(sigma * normal() - sigma ^ 2 / 2) * (mobileHotspots.capacity / mobileCapacity0) ^ elasticity',
    },
    { id: 'demand', kind: 'signal', set: 'demandUsd', formula: 'demandIotUsd + demandMobileUsd' },
    ...hntIssuanceBlocks(),
    {
      id: 'dcIot',
      kind: 'creditBurn',
      asset: 'HNT',
      from: 'liquid',
      credit: 'DC',
      usd: 'demandIotUsd',
      burnTo: 'issuer',
      description: 'IOT network Data Credits: HNT burned at the price, back to the issuer [OFF HIP-20]',
    },
    {
      id: 'dcMobile',
      kind: 'creditBurn',
      asset: 'HNT',
      from: 'liquid',
      credit: 'DC',
      usd: 'demandMobileUsd',
      burnTo: 'issuer',
      description: 'MOBILE network Data Credits: HNT burned at the price, back to the issuer [OFF HIP-20]',
    },
  ];
  if (after138) {
    blocks.push({
      id: 'hip138Mobile',
      kind: 'transfer',
      asset: 'HNT',
      from: 'issuer',
      to: 'mobileTreasury',
      amount: `${HIP138_MOBILE_TREASURY_PER_DAY}`,
      clock: { from: HIP138_START, until: '2025-08-01' },
      description: 'HIP-138: 2.9M HNT to the MOBILE treasury, 12,236.28691983 a day until 2025-08-01 [OFF issue_rewards_v0.rs at 4172cf4c0]',
    });
  }
  if (rules === 'hip-149') {
    blocks.push({
      id: 'supplement',
      kind: 'transfer',
      asset: 'HNT',
      from: 'issuer',
      to: 'liquid',
      amount: `supplementPerDay * (t - s149 < 360 ? 1 : (1079.5 - (t - s149)) / 720)`,
      clock: { from: s149, until: s149 + 1080 },
      description: 'HIP-149 operations supplement: 98,000 HNT per sub-DAO a day for 360 days, then tapering over 720 days [OFF supplement.rs at 145947ee]',
    });
  }
  // Utility scores (HIP-51): V × D × A at the seed's rules; V alone, smoothed over 90 days, after HIP-138.
  const seedScore = (v: string, dc: string, fee: string, pop: string) => `max(1, ${v}) * max(1, sqrt(${dc}.usd)) * max(1, (${fee} * ${pop}.active) ^ 0.25)`;
  const hip138Score = (v: string, u: string) => `${v} / 90 + 89 * ${u} / 90`;
  const vIot = 'HNT.veIot * vehntPerHnt';
  const vMobile = 'HNT.veMobile * vehntPerHnt';
  if (after138) {
    blocks.push(
      { id: 'scoreIot', kind: 'signal', set: 'utilityIot', formula: `t < s138 ? ${seedScore(vIot, 'dcIot', 'feeIot', 'iotHotspots')} : ${hip138Score(vIot, 'utilityIot')}` },
      { id: 'scoreMobile', kind: 'signal', set: 'utilityMobile', formula: `t < s138 ? ${seedScore(vMobile, 'dcMobile', 'feeMobile', 'mobileHotspots')} : ${hip138Score(vMobile, 'utilityMobile')}` },
    );
  } else {
    blocks.push(
      { id: 'scoreIot', kind: 'signal', set: 'utilityIot', formula: seedScore(vIot, 'dcIot', 'feeIot', 'iotHotspots') },
      { id: 'scoreMobile', kind: 'signal', set: 'utilityMobile', formula: seedScore(vMobile, 'dcMobile', 'feeMobile', 'mobileHotspots') },
    );
  }
  blocks.push({ id: 'shares', kind: 'signal', set: 'shareIot', formula: 'utilityIot / (utilityIot + utilityMobile)' });
  if (after138) {
    blocks.push({
      id: 'subDaoSplit',
      kind: 'split',
      asset: 'HNT',
      from: 'rewards',
      description: "issue_rewards_v0: HNT by utility share; to the treasuries before HIP-138, then 94% to each sub-DAO's hotspots and 6% to veHNT delegators [OFF]",
      parts: [
        { to: 'iotTreasury', share: '(t < s138) * shareIot' },
        { to: 'iotRewards', share: '(t >= s138) * (1 - delegatorShare) * shareIot' },
        { to: 'mobileRewards', share: '(t >= s138) * (1 - delegatorShare) * (1 - shareIot)' },
        { to: 'liquid', share: '(t >= s138) * delegatorShare' },
      ],
      rest: 'mobileTreasury',
    });
  } else {
    blocks.push({
      id: 'subDaoSplit',
      kind: 'split',
      asset: 'HNT',
      from: 'rewards',
      description: 'issue_rewards_v0: each sub-DAO treasury gets HNT × its utility score / the total [OFF c0bb5245]',
      parts: [{ to: 'iotTreasury', share: 'shareIot' }],
      rest: 'mobileTreasury',
    });
  }
  // Sub-DAO token emissions: 94% to hotspot rewards, 6% to veHNT delegators (liquid). Stopped by HIP-138.
  const dntClock = after138 ? { clock: { until: HIP138_START } } : {};
  blocks.push(
    {
      id: 'iotEmissions',
      kind: 'schedule',
      asset: 'IOT',
      to: { rewards: 1 - DELEGATOR_SHARE, liquid: DELEGATOR_SHARE },
      ...dntClock,
      description: 'IOT schedule (emissions/iot.json), 6% to veHNT delegators [OFF]',
      curve: { kind: 'table', entries: dntTable('iot'), then: { halvingEvery: { amount: 2, unit: 'year' } } },
    },
    {
      id: 'mobileEmissions',
      kind: 'schedule',
      asset: 'MOBILE',
      to: { rewards: 1 - DELEGATOR_SHARE, liquid: DELEGATOR_SHARE },
      ...dntClock,
      description: 'MOBILE schedule (emissions/mobile.json), 6% to veHNT delegators [OFF]',
      curve: { kind: 'table', entries: dntTable('mobile'), then: { halvingEvery: { amount: 2, unit: 'year' } } },
    },
  );
  // Treasury redemption (HIP-52, redeem_v0 with k = 0): DNT burned, HNT paid at H / S. Arbitrage
  // redeems while the market price is below the treasury price.
  for (const [dnt, treasury] of [
    ['IOT', 'iotTreasury'],
    ['MOBILE', 'mobileTreasury'],
  ] as const) {
    const lower = dnt === 'IOT' ? 'Iot' : 'Mobile';
    blocks.push(
      { id: `floor${lower}`, kind: 'signal', set: `redeem${lower}Usd`, formula: `${hnt(treasury)} / ${dnt}.totalSupply * HNT.price` },
      {
        id: `redeem${lower}`,
        kind: 'transfer',
        asset: dnt,
        from: 'liquid',
        to: 'burned',
        amount: `${dnt}.price < redeem${lower}Usd ? redeemRate * ${dnt}.liquid : 0`,
        description: `${dnt} redeemed for HNT while it trades below the treasury price [ASSUMPTION: ${'redeemRate'} of liquid a day]`,
      },
      {
        id: `redeem${lower}Hnt`,
        kind: 'transfer',
        asset: 'HNT',
        from: treasury,
        to: 'liquid',
        amount: `redeem${lower}.amount * ${hnt(treasury)} / ${dnt}.totalSupply`,
        description: 'treasury-management redeem_v0, linear curve: HNT = burned × H / S [OFF c0bb5245]',
      },
    );
  }
  // veHNT re-delegation toward the sub-DAO that pays its delegators more per veHNT.
  if (redelegation > 0) {
    const dntRatio = `${DELEGATOR_SHARE}`; // the emission block's amount is the whole emission; delegators get 6% of it
    const y = (dnt: 'IOT' | 'MOBILE', lower: string, share: string) => {
      const dntPart = `${lower === 'Iot' ? 'iot' : 'mobile'}Emissions.amount * ${dntRatio} * ${dnt}.price`;
      const hntPart = after138 ? ` + (t >= s138) * subDaoSplit.amount * ${share} * delegatorShare * HNT.price` : '';
      return `(${dntPart}${hntPart}) / max(HNT.ve${lower} * vehntPerHnt, 1)`;
    };
    blocks.push(
      { id: 'yieldIot', kind: 'signal', set: 'delegatorYieldIot', formula: y('IOT', 'Iot', 'shareIot') },
      { id: 'yieldMobile', kind: 'signal', set: 'delegatorYieldMobile', formula: y('MOBILE', 'Mobile', '(1 - shareIot)') },
      {
        id: 'redelegateToMobile',
        kind: 'transfer',
        asset: 'HNT',
        from: 'veIot',
        to: 'veMobile',
        amount: 'redelegation * max(0, (delegatorYieldMobile - delegatorYieldIot) / max(delegatorYieldMobile + delegatorYieldIot, 1e-300)) * HNT.veIot',
        description: 'veHNT positions re-delegated from IOT to MOBILE when MOBILE pays delegators more [ASSUMPTION]',
      },
      {
        id: 'redelegateToIot',
        kind: 'transfer',
        asset: 'HNT',
        from: 'veMobile',
        to: 'veIot',
        amount: 'redelegation * max(0, (delegatorYieldIot - delegatorYieldMobile) / max(delegatorYieldMobile + delegatorYieldIot, 1e-300)) * HNT.veMobile',
        description: 'and back [ASSUMPTION]',
      },
    );
  }
  // Hotspots: paid in their sub-DAO token; after HIP-138 also in HNT.
  const hotspot = (id: string, dnt: 'IOT' | 'MOBILE', p: { initialActive: number; population: number }, n: number, median: number, hntAccount: string): Block[] => {
    const out: Block[] = [];
    if (after138) {
      out.push({ id: `${id}Hnt`, kind: 'transfer', asset: 'HNT', from: hntAccount, to: 'liquid', amount: hnt(hntAccount), description: "HIP-138: the sub-DAO's HNT paid to its hotspots" });
    }
    out.push({
      id,
      kind: 'population',
      count: n,
      population: p.population,
      initialActive: p.initialActive,
      // [ASSUMPTION] cost per hotspot per day, lognormal
      cost: { kind: 'lognormal', median, sigma: 0.8 },
      costPer: 'day',
      window: 30,
      minActiveSteps: 30,
      reentry: { probability: 0.01, threshold: 1.2 },
      pays: { asset: dnt, from: 'rewards', to: 'liquid' },
      ...(after138 ? { usd: `${id}Hnt.amount * HNT.price` } : {}),
    });
    return out;
  };
  blocks.push(...hotspot('iotHotspots', 'IOT', iotPool, iotAgents, 0.05, 'iotRewards'));
  blocks.push(...hotspot('mobileHotspots', 'MOBILE', mobilePool, mobileAgents, 1.5, 'mobileRewards'));
  blocks.push(
    {
      id: 'price',
      kind: 'price',
      asset: 'HNT',
      model: { kind: 'impact', initial: HNT_PRICE_USD, sensitivity: 1, volatility: { rate: 0.9, per: 'year' }, floor: 0.01 },
    },
    {
      id: 'iotPrice',
      kind: 'price',
      asset: 'IOT',
      // [ASSUMPTION] net DNT issuance pushes the price down; arbitrage lifts it to the treasury price;
      // 90%/yr noise with a −σ²/2 drift (as gbm), so that the floor's reflection does not ratchet the price up.
      model: {
        kind: 'impact',
        initial: iot.priceUsd,
        sensitivity: 1,
        flow: 'max((IOT.burned - IOT.minted) / IOT.circulating, log(max(redeemIotUsd, 1e-12) / IOT.price))',
        drift: { rate: -(DNT_VOLATILITY * DNT_VOLATILITY) / 2, per: 'year' },
        volatility: { rate: DNT_VOLATILITY, per: 'year' },
        floor: 1e-9,
      },
    },
    {
      id: 'mobilePrice',
      kind: 'price',
      asset: 'MOBILE',
      model: {
        kind: 'impact',
        initial: mobile.priceUsd,
        sensitivity: 1,
        flow: 'max((MOBILE.burned - MOBILE.minted) / MOBILE.circulating, log(max(redeemMobileUsd, 1e-12) / MOBILE.price))',
        drift: { rate: -(DNT_VOLATILITY * DNT_VOLATILITY) / 2, per: 'year' },
        volatility: { rate: DNT_VOLATILITY, per: 'year' },
        floor: 1e-9,
      },
    },
  );

  const params: Record<string, number> = {
    dcIotUsd0: iot.dcUsdPerDay,
    dcMobileUsd0: mobile.dcUsdPerDay,
    // [ASSUMPTION] IOT usage is flat ("almost stagnant" [SEED]); MOBILE grows 40%/yr as in the HNT-only model.
    growthIot: 0,
    growthMobile: 0.4,
    sigma: 0.3,
    elasticity: 0.5,
    iotCapacity0: SUBDAO_SEED.iot.activeHotspots,
    mobileCapacity0: SUBDAO_SEED.mobile.activeHotspots,
    vehntPerHnt: mult,
    feeIot: iot.onboardingFeePerHotspotUsd,
    feeMobile: mobile.onboardingFeePerHotspotUsd,
    // [ASSUMPTION] arbitrageurs redeem 0.5% of the liquid DNT a day while it trades below the treasury price.
    redeemRate: 0.005,
  };
  if (redelegation > 0) params.redelegation = redelegation;
  if (after138) {
    params.s138 = s138;
    params.delegatorShare = DELEGATOR_SHARE;
  }
  if (rules === 'hip-149') {
    params.supplementPerDay = HIP149_SUPPLEMENT_PER_DAY;
    params.s149 = s149;
  }
  const initialIot = seedInitialScore('iot', mult);
  const initialMobile = seedInitialScore('mobile', mult);
  return {
    specVersion: 2,
    name: 'helium',
    description: `Helium HNT + IOT + MOBILE + Data Credits: sub-DAO split by utility score, treasuries and redemption, veHNT cohorts, two hotspot populations (rules ${rules}).`,
    time: { step: 'day', steps: Math.round(years * 365), start: '2024-10-01' },
    mainAsset: 'HNT',
    assets: {
      HNT: {
        kind: 'token',
        decimals: 8,
        cap: HNT_MAX_SUPPLY + (rules === 'hip-149' ? HIP149_SUPPLEMENT_TOTAL : 0),
        circulating: ['liquid', 'bonded'],
        description: 'issued supply as in the HNT-only model [DER]; the sub-DAO treasuries [SEED] are the non-circulating part; veHNT positions count as circulating',
        accounts: {
          liquid: { initial: liquid, tag: 'liquid' },
          veIot: { initial: veIot, tag: 'bonded', description: 'HNT locked in veHNT positions delegated to IOT (one constant-lockup cohort)' },
          veMobile: { initial: veMobile, tag: 'bonded', description: 'HNT locked in veHNT positions delegated to MOBILE' },
          iotTreasury: { initial: SUBDAO_SEED.iot.treasuryHnt, tag: 'treasury' },
          mobileTreasury: { initial: SUBDAO_SEED.mobile.treasuryHnt, tag: 'treasury' },
          rewards: { tag: 'rewards', description: 'HNT issued for the sub-DAOs, split the same day' },
          ...(after138 ? { iotRewards: { tag: 'rewards' as const }, mobileRewards: { tag: 'rewards' as const } } : {}),
        },
      },
      DC: { kind: 'credit', decimals: 0, priceUsd: DC_PRICE_USD, accounts: {}, description: '1 DC = $0.00001 [SEED; OFF]' },
      IOT: {
        kind: 'token',
        decimals: 6,
        cap: IOT_MAX_SUPPLY,
        description: 'IOT sub-DAO token (HIP-52); supply derived from the seed premium and treasury [DER]',
        accounts: {
          liquid: { initial: iot.circulating, tag: 'liquid' },
          locked: { initial: iot.supply - iot.circulating, tag: 'locked', description: 'issued, not circulating (veIOT, escrows) [DER]' },
          rewards: { tag: 'rewards' },
        },
      },
      MOBILE: {
        kind: 'token',
        decimals: 6,
        cap: MOBILE_MAX_SUPPLY,
        description: 'MOBILE sub-DAO token (HIP-53); supply derived from the seed premium and treasury [DER]',
        accounts: {
          liquid: { initial: mobile.circulating, tag: 'liquid' },
          locked: { initial: mobile.supply - mobile.circulating, tag: 'locked' },
          rewards: { tag: 'rewards' },
        },
      },
    },
    params,
    signals: {
      demandIotUsd: { initial: iot.dcUsdPerDay, unit: 'USD/day' },
      demandMobileUsd: { initial: mobile.dcUsdPerDay, unit: 'USD/day' },
      demandUsd: { initial: iot.dcUsdPerDay + mobile.dcUsdPerDay, unit: 'USD/day', description: 'USD of Data Credits bought in the day, both networks' },
      utilityIot: { initial: initialIot, lag: after138, description: 'IOT DAO utility score (V × D × A; veHNT only after HIP-138)' },
      utilityMobile: { initial: initialMobile, lag: after138, description: 'MOBILE DAO utility score' },
      shareIot: { initial: initialIot / (initialIot + initialMobile), description: "IOT's share of the sub-DAOs' HNT" },
      redeemIotUsd: { initial: iot.redemptionPriceUsd, unit: 'USD/IOT', description: 'treasury redemption value of 1 IOT: H / S × HNT price' },
      redeemMobileUsd: { initial: mobile.redemptionPriceUsd, unit: 'USD/MOBILE' },
      ...(redelegation > 0
        ? {
            delegatorYieldIot: { initial: 0, description: "USD a day to IOT's delegators per veHNT" },
            delegatorYieldMobile: { initial: 0, description: "USD a day to MOBILE's delegators per veHNT" },
          }
        : {}),
    },
    blocks,
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}

/** The utility score V × D × A of the seed table's inputs, in f64 (the model's step-0 value). */
function seedInitialScore(which: 'iot' | 'mobile', mult: number): number {
  const row = SUBDAO_SEED[which];
  const v = Math.max(1, (row.vehntDelegated / mult) * mult);
  const d = Math.max(1, Math.sqrt(row.dcBurnedPerDay * DC_PRICE_USD));
  const a = Math.max(1, Math.pow(row.onboardingFeesUsd, 0.25));
  return v * d * a;
}
