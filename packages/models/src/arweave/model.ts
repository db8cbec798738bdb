import type { ModelSpec } from '@flywheel/spec';

/**
 * Sources, as tagged in shared/reference/projects.md §2 (Arweave): [SEED] the seed article
 * (Oct 2024), [OFF] ArweaveTeam/arweave @ 50e47de6 (the code ./rules.ts ports), [3P] a
 * third-party page, [DER] derived here by arithmetic (shown), [ASSUMPTION] a modelling choice,
 * [UNC] uncertain.
 */

/** Genesis balances, 55,000,000 AR. [OFF ar.hrl GENESIS_TOKENS] */
export const GENESIS_AR = 55_000_000;
/** Mining inflation 0.2 × 55M = 11,000,000 AR on a one-year half-life in blocks. [OFF ar_inflation.erl calculate_base] */
export const INFLATION_TOTAL_AR = 11_000_000;
/** Genesis + total emission, 66,000,015.859279336957 AR. [OFF ar_pricing.hrl TOTAL_SUPPLY] */
export const TOTAL_SUPPLY_AR = 66_000_015.859279336957;
/** Blocks per year, 31,536,000 / 120 = 262,800: the half-life in blocks. [OFF ar_inflation.erl blocks_per_year] */
export const BLOCKS_PER_YEAR = 262_800;
/**
 * Average block interval 128.9 s, the figure ar_pricing_transition.erl uses to date its 2.7.2
 * transition start (the target is 120 s). [OFF comment in ar_pricing_transition.erl]
 * So 86,400 / 128.9 = 670.29 blocks a day [DER], and a halving every 262,800 blocks takes 392 days.
 */
export const BLOCK_SECONDS = 128.9;
export const BLOCKS_PER_DAY = 86_400 / BLOCK_SECONDS;
/**
 * Height at the model's start (2024-10-01 00:00 UTC): the protocol dates height 1,551,470 at
 * 2024-11-20 14:00 UTC (ar_pricing_transition.erl: 1,189,560 + 361,910) [OFF]; 50 days 14 hours
 * earlier at 128.9 s a block is 4,370,400 / 128.9 = 33,905 blocks before it: 1,517,565. [DER]
 */
export const START_HEIGHT = 1_551_470 - Math.round(4_370_400 / BLOCK_SECONDS);
/** Height 1,551,470: the 2.7.2 transition starts (the 340 cap is lifted). [OFF ar_pricing_transition.erl] */
export const TRANSITION_272_START = 1_551_470;
/** Height 2,069,870 = 1,551,470 + 518,400: v2 pricing (1/21, debt supply, latch) from here. [OFF is_v2_pricing_height] */
export const V2_PRICING_HEIGHT = 2_069_870;
/** 2.6.8 transition: from 1,369,065 over 388,800 blocks, from 400 winston/GiB-minute. [OFF ar_pricing_transition.erl] */
export const TRANSITION_268_START = 1_369_065;
export const TRANSITION_268_LENGTH = 388_800;
/** Price bounds between fork 2.7.2 and the 2.7.2 transition start: 170 … 340 winston per GiB-minute. [OFF] */
export const PRICE_CAP_272 = 340;
export const PRICE_FLOOR_272 = 170;
/** Replicas the fee pays for: 20 from fork 2.6. [OFF ar_pricing.hrl N_REPLICATIONS] */
export const N_REPLICATIONS = 20;
/** −ln 0.995 = 0.005012541823544286: 0.5%/yr decline of storage cost. [OFF ar_pricing.hrl LN_PRICE_DECAY_ANNUAL] */
export const NEG_LN_DECAY = 0.005012541823544286;
/**
 * AR per GiB for each winston per GiB-minute of price: 525,600 minutes × 20 replicas / 0.0050125 × 1.05
 * (the 1/20 miner markup) / 10^12 = 2.2021e-3. [DER from OFF ar_pricing.erl get_tx_fee/1]
 */
export const FEE_AR_PER_GIB_PER_PRICE = (525_600 * N_REPLICATIONS * 1.05) / NEG_LN_DECAY / 1e12;
/** Reset threshold of the Kryder+ latch, 10^16 winston = 10,000 AR. [OFF ar_pricing.hrl] */
export const LATCH_THRESHOLD_AR = 10_000;
/**
 * The legacy (2.5) burden: USD per GB-year 0.000925 in 2019 declining 0.5%/yr [OFF ar_pricing.hrl USD_PER_GBY_2019,
 * ar_pricing.erl usd_p_gby], × 20 replicas, at the rate fixed at fork 2.6, 1/10 AR per USD [OFF
 * FORK_2_6_PRE_TRANSITION_USD_TO_AR_RATE], scaled by inflation(h) / inflation(fork 2.6 = 1,132,210) [OFF usd_to_ar].
 * Years from 2019-06-30 to the start: 5.2548. [DER]
 */
export const USD_PER_GB_YEAR_2019 = 0.000925;
export const YEARS_2019_06_30_TO_START = 1_919 / 365.25;
export const FORK_26_HEIGHT = 1_132_210;
/** 1 GiB costs ≈ 0.74868 AR ($13.60) on 2024-10-10. [SEED] */
export const SEED_AR_PER_GB = 0.74868;
/** Uploads ≈ 6.5 TiB a month paying ≈ 5,000 AR of fees. [SEED] */
export const SEED_UPLOAD_TIB_PER_MONTH = 6.5;
export const SEED_FEES_AR_PER_MONTH = 5_000;
/** FDV $1.18B [SEED] on the 66M maximum: $17.88 per AR. [DER] */
export const FDV_USD = 1_180_000_000;
export const AR_PRICE_USD = FDV_USD / 66_000_000;
/** 99% of the supply circulating. [SEED] */
export const CIRCULATING_RATIO = 0.99;
/**
 * Endowment pool at the start: 300,000 AR [UNC: a third-party page (arweavehub.com) puts it at
 * "almost 330,000 AR" when written, in 2025; backdated by the seed's ≈ 4,200 AR a month of inflow].
 */
export const ENDOWMENT_AR = 300_000;
/**
 * Weave size at the start: 250 TiB [UNC: 125 TB in March 2023 (3P yourresearchedge.substack.com),
 * plus 19 months of the seed's 6.5 TiB]. The seed's "Filecoin stores ≈ 7,000× Arweave" gives
 * 4.7 EiB / 7,000 = 704 TiB [DER from SEED], which looks like capacity with replicas, not the weave.
 */
export const WEAVE_TIB = 250;
/**
 * Miners: 3,000, storing 24 PB in all (≈ 200 replicas of the 2023 weave) [3P yourresearchedge.substack.com, 2023]:
 * 7.45 TiB each [DER]. Stored data drives the v2 price (reward per GiB-minute stored).
 */
export const MINERS = 3_000;
export const MINER_TIB = 24e15 / 2 ** 40 / MINERS;
/** Remaining inflation after height h: 11M · 2^(−h/262,800) AR (the continuous form of calculate_base). [DER] */
export const unmintedAfter = (height: number) => INFLATION_TOTAL_AR * 2 ** (-height / BLOCKS_PER_YEAR);
/** Total supply at the start: TOTAL_SUPPLY − the inflation still to come, 65.80M AR. [DER] */
export const SUPPLY_AT_START = TOTAL_SUPPLY_AR - unmintedAfter(START_HEIGHT);

/** Options of {@link arweave}; every field has a documented default. */
export interface ArweaveOptions {
  /** Horizon in years (default 10), rounded to whole days. */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
  /**
   * Rule version (default '2024-10'):
   * - '2024-10': the code deployed at the seed date, with its scheduled switch: the legacy rules
   *   (miner 1/6 of fees, the 2.5 storage burden with no debt, the price capped at 340 winston per
   *   GiB-minute until 2024-11-20, then interpolated toward the v2 price) until height 2,069,870
   *   (≈ 2026-11), then v2 pricing (miner 1/21, the expected reward of 20 replicas drawn from the
   *   endowment, debt supply and the Kryder+ latch);
   * - 'legacy': the source document's reading: 1/6 and the 2.5 burden for the whole horizon, the price at 340;
   * - 'v2': v2 pricing from the start.
   */
  rules?: '2024-10' | 'legacy' | 'v2';
  /** Growth of uploads per year at a constant USD price (default 0.3) [ASSUMPTION]. */
  uploadGrowth?: number;
  /** Elasticity of uploads to the USD price of a GiB (default 1: a constant USD budget) [ASSUMPTION]. */
  elasticity?: number;
}

/**
 * The Arweave (AR) model, daily steps from 2024-10-01 (height 1,517,565, 670.29 blocks a day):
 * inflation of 11M AR on a 262,800-block half-life at the protocol's phase; uploads (GiB a day, an
 * input with growth, noise and a price response) pay the perpetual-storage fee of 20 replicas for
 * 1/(−ln 0.995) = 199.5 years plus 1/20; the fee splits between the miners and the endowment;
 * the endowment pays the miners what inflation and fees fall short of the storage the protocol
 * expects, and under v2 pricing mints debt supply when it cannot, doubling the fee through the
 * Kryder+ latch; miners (a population) store data and leave or join on profit; the v2 price per
 * GiB-minute follows the reward per GiB stored; an impact price. See docs/models/arweave.md.
 *
 * Order of a step: v2 price (from yesterday's rewards and stored data), the protocol's price per
 * GiB-minute, the fee per GiB, uploads, weave; inflation; fees (miner share, endowment);
 * expected reward, shortfall, draw, debt; Kryder+ multiplier then latch; miners; AR price.
 *
 * @example
 * ```ts
 * import { arweave } from '@flywheel/models/arweave';
 * import { run } from '@flywheel/sdk';
 * const result = await run(arweave({ runs: 100 }), { metrics: ['AR.endowment', 'debt.amount'] });
 * result.metric('AR.endowment').p50.at(-1); // the endowment pool after ten years
 * ```
 */
export function arweave(options: ArweaveOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const rules = options.rules ?? '2024-10';
  const never = 1e15;
  const uploads0 = (SEED_UPLOAD_TIB_PER_MONTH * 1024) / (365 / 12); // GiB a day [DER from SEED]
  const feePerGiB0 = PRICE_CAP_272 * FEE_AR_PER_GIB_PER_PRICE;
  // Miner reward on day 1 at the seed's rules: inflation + 1/6 of fees. [DER]
  const inflationDay1 = INFLATION_TOTAL_AR * (2 ** (-START_HEIGHT / BLOCKS_PER_YEAR) - 2 ** (-(START_HEIGHT + BLOCKS_PER_DAY) / BLOCKS_PER_YEAR));
  const reward0 = inflationDay1 + (uploads0 * feePerGiB0) / 6;
  const storedGiB0 = MINERS * MINER_TIB * 1024;
  const v2Price0 = (reward0 * 1e12) / 1440 / storedGiB0;
  // [ASSUMPTION] the median miner's cost is 80% of the average miner's revenue at the start.
  const minerCost = (0.8 * reward0 * AR_PRICE_USD) / MINERS;
  return {
    specVersion: 2,
    name: 'arweave',
    description: 'Arweave AR: 11M inflation on a 1-year block half-life, perpetual-storage fees, the endowment, debt supply and the Kryder+ latch (Oct 2024).',
    time: { step: 'day', steps: Math.round(years * 365), start: '2024-10-01' },
    mainAsset: 'AR',
    assets: {
      AR: {
        kind: 'token',
        decimals: 12,
        circulating: ['liquid'],
        description: 'uncapped: debt supply may mint past TOTAL_SUPPLY; the issuer holds no reserve (it goes negative by what is minted)',
        accounts: {
          liquid: { initial: SUPPLY_AT_START - ENDOWMENT_AR, tag: 'liquid', description: 'everything but the endowment [DER]' },
          endowment: { initial: ENDOWMENT_AR, tag: 'endowment', description: 'the storage endowment pool [UNC]' },
          rewards: { tag: 'rewards', description: "the day's block rewards before miners are paid" },
        },
      },
    },
    params: {
      h0: START_HEIGHT,
      blocksPerDay: BLOCKS_PER_DAY,
      blocksPerYear: BLOCKS_PER_YEAR,
      inflationTotal: INFLATION_TOTAL_AR,
      replicas: N_REPLICATIONS,
      feeFactor: FEE_AR_PER_GIB_PER_PRICE,
      start268: TRANSITION_268_START,
      length268: TRANSITION_268_LENGTH,
      cap272: PRICE_CAP_272,
      floor272: PRICE_FLOOR_272,
      // The rule version sets when the 2.7.2 transition starts and when v2 pricing begins.
      start272: rules === 'v2' ? 0 : rules === 'legacy' ? never : TRANSITION_272_START,
      v2Height: rules === 'v2' ? 0 : rules === 'legacy' ? never : V2_PRICING_HEIGHT,
      frozenPrice: rules === 'legacy' ? PRICE_CAP_272 : 0,
      latchThreshold: LATCH_THRESHOLD_AR,
      usdPerGbYear2019: USD_PER_GB_YEAR_2019,
      years2019: YEARS_2019_06_30_TO_START,
      fork26: FORK_26_HEIGHT,
      uploads0,
      uploadGrowth: options.uploadGrowth ?? 0.3,
      elasticity: options.elasticity ?? 1,
      // [ASSUMPTION] day-to-day noise of uploads, 30%.
      uploadSigma: 0.3,
      usdPerGiB0: feePerGiB0 * AR_PRICE_USD,
      // [ASSUMPTION] the protocol estimates the v2 price from 3 months of reward history (ar_pricing.hrl
      // REWARD_HISTORY_BLOCKS): an EMA with α = 2 / (90 + 1) a day.
      priceAlpha: 2 / 91,
    },
    signals: {
      v2Price: { initial: v2Price0, lag: true, description: 'the v2 price: miner reward per GiB-minute stored, winston [DER from OFF get_v2_price_per_gib_minute]' },
      gibPrice: { initial: PRICE_CAP_272, description: "the protocol's price per GiB-minute, winston [OFF get_transition_price]" },
      feePerGiB: { initial: feePerGiB0, description: 'the fee for 1 GiB, AR [OFF get_tx_fee/1]' },
      feeUsdPerGiB: { initial: feePerGiB0 * AR_PRICE_USD, description: 'the fee for 1 GiB in USD' },
      uploads: { initial: uploads0, description: 'GiB uploaded in the day' },
      weave: { initial: WEAVE_TIB * 1024, lag: true, description: 'weave size, GiB' },
      v2On: { initial: rules === 'v2' ? 1 : 0, description: '1 once v2 pricing applies (is_v2_pricing_height)' },
      minerShare: { initial: rules === 'v2' ? 1 / 21 : 1 / 6, description: "the miners' share of fees" },
      expected: { initial: 0, description: 'the reward the protocol expects for the day, AR' },
      shortfall: { initial: 0, description: 'expected − inflation − miner fee share, at least 0, AR' },
      kryder: { initial: 1, lag: true, description: 'the Kryder+ rate multiplier' },
      latch: { initial: 0, lag: true, description: 'the Kryder+ latch' },
      minerReward: { initial: reward0, lag: true, description: 'what the miners received in the day, AR' },
      storedReplicas: { initial: storedGiB0 / (WEAVE_TIB * 1024), description: 'data stored by miners over the weave size' },
    },
    blocks: [
      {
        id: 'v2Pricing',
        kind: 'signal',
        set: 'v2Price',
        description: 'reward per GiB-minute of the data the miners store, averaged over the reward history [DER from OFF get_v2_price_per_gib_minute]',
        formula: 'v2Price + priceAlpha * (minerReward * 1e12 / 1440 / max(1, miners.capacity * 1024) - v2Price)',
      },
      {
        id: 'pricing',
        kind: 'signal',
        set: 'gibPrice',
        description: 'ar_pricing_transition:get_transition_price [OFF]',
        formula:
          'frozenPrice > 0 ? frozenPrice : (h0 + t * blocksPerDay < start272 ? clamp((400 * (start268 + length268 - h0 - t * blocksPerDay) + v2Price * (h0 + t * blocksPerDay - start268)) / length268, floor272, cap272) : (h0 + t * blocksPerDay < v2Height ? (cap272 * (v2Height - h0 - t * blocksPerDay) + v2Price * (h0 + t * blocksPerDay - start272)) / max(1, v2Height - start272) : v2Price))',
      },
      { id: 'fee', kind: 'signal', set: 'feePerGiB', formula: 'gibPrice * feeFactor * kryder', description: 'ar_pricing:get_tx_fee/1 per GiB [OFF]' },
      { id: 'feeUsd', kind: 'signal', set: 'feeUsdPerGiB', formula: 'feePerGiB * AR.price' },
      {
        id: 'demand',
        kind: 'signal',
        set: 'uploads',
        description: "[ASSUMPTION] the seed's 6.5 TiB a month, growing, lognormal noise, elastic to the USD price of a GiB",
        formula: 'uploads0 * (1 + uploadGrowth) ^ years * (feeUsdPerGiB / usdPerGiB0) ^ (0 - elasticity) * exp(uploadSigma * normal() - uploadSigma ^ 2 / 2)',
      },
      { id: 'weaveSize', kind: 'signal', set: 'weave', formula: 'weave + uploads' },
      { id: 'v2Switch', kind: 'signal', set: 'v2On', formula: 'h0 + t * blocksPerDay >= v2Height ? 1 : 0', description: 'is_v2_pricing_height [OFF]' },
      { id: 'share', kind: 'signal', set: 'minerShare', formula: 'v2On > 0 ? 1 / 21 : 1 / 6', description: 'MINER_FEE_SHARE 1/21 or MINING_REWARD_MULTIPLIER 2/12 [OFF]' },
      {
        id: 'inflation',
        kind: 'transfer',
        asset: 'AR',
        from: 'issuer',
        to: 'rewards',
        description: "Σ ar_inflation:calculate over the day's heights, continuous form [OFF; DER]",
        amount: 'inflationTotal * (2 ^ (0 - (h0 + (t - 1) * blocksPerDay) / blocksPerYear) - 2 ^ (0 - (h0 + t * blocksPerDay) / blocksPerYear))',
      },
      {
        id: 'fees',
        kind: 'split',
        asset: 'AR',
        from: 'liquid',
        amount: 'uploads * feePerGiB',
        parts: [{ to: 'rewards', share: 'minerShare' }],
        rest: 'endowment',
        description: 'distribute_transaction_fees (1/6) or distribute_transaction_fees2 (1/21) [OFF]',
      },
      {
        id: 'expectation',
        kind: 'signal',
        set: 'expected',
        description: 'v2: N · weave · price · interval / 60 per block [OFF get_miner_reward_endowment_pool_debt_supply]; legacy: the 2.5 burden [OFF get_miner_reward_and_endowment_pool]',
        formula:
          'v2On > 0 ? replicas * weave * gibPrice * 1440 / 1e12 : weave * usdPerGbYear2019 * 0.995 ^ (years2019 + years) * replicas * 0.1 * 2 ^ (0 - (h0 + t * blocksPerDay - fork26) / blocksPerYear) * blocksPerDay / blocksPerYear',
      },
      { id: 'gap', kind: 'signal', set: 'shortfall', formula: 'max(0, expected - inflation.amount - fees.amount * minerShare)' },
      { id: 'draw', kind: 'transfer', asset: 'AR', from: 'endowment', to: 'rewards', amount: 'shortfall', description: 'the take, clipped to the pool [OFF]' },
      {
        id: 'debt',
        kind: 'transfer',
        asset: 'AR',
        from: 'issuer',
        to: 'rewards',
        amount: 'v2On * max(0, shortfall - draw.amount)',
        description: 'debt supply: what the pool cannot pay (v2 only) [OFF]',
      },
      {
        id: 'kryderPlus',
        kind: 'signal',
        set: 'kryder',
        formula: 'debt.amount > 0 && latch == 0 ? kryder * 2 : kryder',
        description: 'the multiplier doubles when the pool runs dry and the latch is open [OFF]',
      },
      {
        id: 'kryderLatch',
        kind: 'signal',
        set: 'latch',
        formula: 'debt.amount > 0 ? 1 : (shortfall > 0 && latch == 1 && AR.endowment > latchThreshold ? 0 : latch)',
        description: 'the latch closes with the doubling and opens on a draw that leaves the pool above 10,000 AR [OFF]',
      },
      { id: 'paid', kind: 'signal', set: 'minerReward', formula: 'AR.rewards' },
      {
        // [ASSUMPTION] 6,000 potential miners, half of them (3,000 [3P]) active at the start, so stored data can grow as well as shrink.
        id: 'miners',
        kind: 'population',
        count: 200,
        population: 2 * MINERS,
        initialActive: 0.5,
        capacity: { kind: 'constant', value: MINER_TIB },
        // [ASSUMPTION] cost per miner lognormal around 80% of the start's average revenue; 30-day window; 1%/day join above 1.2 × cost.
        cost: { kind: 'lognormal', median: minerCost, sigma: 0.5 },
        costPer: 'day',
        window: 30,
        minActiveSteps: 30,
        reentry: { probability: 0.01, threshold: 1.2 },
        pays: { asset: 'AR', from: 'rewards', to: 'liquid' },
      },
      { id: 'replication', kind: 'signal', set: 'storedReplicas', formula: 'miners.capacity * 1024 / weave' },
      // [ASSUMPTION] AR's price: tokens locked in the endowment net of draws and mints move it (sensitivity 1), 70%/yr volatility.
      {
        id: 'price',
        kind: 'price',
        asset: 'AR',
        model: {
          kind: 'impact',
          initial: AR_PRICE_USD,
          sensitivity: 1,
          volatility: { rate: 0.7, per: 'year' },
          floor: 0.01,
          flow: '(fees.amount * (1 - minerShare) - draw.amount - AR.minted) / AR.circulating',
        },
      },
    ],
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
