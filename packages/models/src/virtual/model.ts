import type { BlockSpec, ModelSpec } from '@flywheel/spec';

/**
 * Sources, as tagged in shared/reference/projects.md §9 (Virtuals Protocol): [SEED] the seed article
 * (Oct 2024), [OFF] Virtual-Protocol/protocol-contracts (the code ./rules.ts ports, commits there)
 * and the whitepaper, [DER] derived here by arithmetic (shown), [3P] a third-party page,
 * [ASSUMPTION] a modelling choice, [UNC] uncertain.
 */

/** VIRTUAL max supply 1,000,000,000 (ERC-20 with a cap) [OFF etherscan token page]. */
export const VIRTUAL_SUPPLY = 1_000_000_000;
/** 35% ecosystem treasury [3P MEXC research]. */
export const TREASURY_SHARE = 0.35;
/** 306 agents created at the seed date [SEED]. */
export const AGENTS_AT_START = 306;
/** ~15.2M VIRTUAL (1.5% of supply) locked in agent pools [SEED]. */
export const VIRTUAL_LOCKED = 15_200_000;
/** Creation fee 100 VIRTUAL to the treasury [OFF `NEW_LAUNCHPAD_FEE_AMOUNT = 100e18`; Bonding.launch `_feeTo`]. */
export const CREATION_FEE = 100;
/** 1B agent tokens per agent [OFF whitepaper IAO; Bonding `initialSupply` 1e9 in test/bonding.js]. */
export const AGENT_TOKEN_SUPPLY = 1_000_000_000;
/** Agent tokens in each agent's Uniswap pool: 125M of the 1B [OFF test/genesis/setup.js `GENESIS_LP_SUPPLY` default]. */
export const LP_TOKENS_PER_AGENT = 125_000_000;
/** `assetRate` 5000 [UNC: the reference's v1 assumption], so k = K × 10000 / 5000 = 6e12 [DER]. */
export const ASSET_RATE = 5_000;
/** Virtual VIRTUAL per new pair: k / 1B = 6,000 [DER from Bonding.launch at assetRate 5000]. */
export const VIRTUAL_LIQUIDITY = (3e12 * 10_000) / ASSET_RATE / AGENT_TOKEN_SUPPLY;
/** Graduation at 125M tokens left in the pair [DER]: 6e12 / 125M = 48,000 VIRTUAL reserve, i.e. 42,000 real [DER; UNC]. */
export const GRAD_THRESHOLD_TOKENS = 125_000_000;
export const GRAD_REAL_VIRTUAL = (VIRTUAL_LIQUIDITY * AGENT_TOKEN_SUPPLY) / GRAD_THRESHOLD_TOKENS - VIRTUAL_LIQUIDITY;
/**
 * Launchpad v2 (post-seed, 2025-09, `rules: 'launchpad-v2'`): 450M of each agent's 1B tokens in the
 * pair, 550M to the team; 14,000 virtual VIRTUAL; graduation at 200,000 real VIRTUAL, 29,439,252
 * tokens left [OFF contracts/launchpadv2/BondingV2.sol and README @ ba4aef6f; DER].
 */
export const V2_CURVE_TOKENS = 450_000_000;
export const V2_TEAM_TOKENS = 550_000_000;
export const V2_VIRTUAL_LIQUIDITY = 14_000;
export const V2_GRAD_REAL_VIRTUAL = 200_000;
/** Trading tax 1% on buys and sells [OFF launchpadv2 README `BUY_TAX = 1`, `SELL_TAX = 1`; UNC for Oct 2024]. */
export const TRADING_TAX = 0.01;
/** Top-3 agent pools share 60M VIRTUAL of emissions over the first 12 months of Protocol V2 [SEED]. */
export const TOP3_INCENTIVES = 60_000_000;
/** LP locked 10 years (`maturityDuration`) [OFF AgentFactoryV3; whitepaper]. */
export const LP_LOCK_YEARS = 10;
/** VIRTUAL price ≈ $0.07 at 2024-10-01 [3P market data; UNC: the seed quotes none]. */
export const VIRTUAL_PRICE_USD = 0.07;
/** Creators' share of the trading tax: AgentTax `creatorFeeRate` 3000 of DENOM 10,000 [OFF contracts/tax/AgentTax.sol; effective split UNC]. */
export const CREATOR_TAX_SHARE = 0.3;
/** Would-be service-running agents the operator population stands for: 3,000, 306 active at the start [ASSUMPTION]. */
export const SERVICE_AGENTS = 3_000;
/** Luna's TikTok livestream revenue ~$700 [SEED]. */
export const LUNA_REVENUE_USD = 700;

/** Options of {@link virtual}. */
export interface VirtualOptions {
  /** Horizon in years (default 10), rounded to whole weeks. */
  years?: number;
  runs?: number;
  seed?: number;
  /**
   * Rule version: `'2024-10'` (default): the first bonding curve (contracts/fun, Nov 2024, the
   * earliest on chain) with the reference's v1 parameters; `'launchpad-v2'`: BondingV2 (2025-09),
   * 450M tokens on the curve and 550M to the team, 14,000 virtual VIRTUAL, graduation at 200,000.
   * The anti-sniper buy tax (99% → 1% over the first 30 minutes) is inside a week and left out.
   */
  rules?: '2024-10' | 'launchpad-v2';
  /** Simulated service-agent operators (default 300). */
  agents?: number;
  /** New agents a week at the start (default 10: 306 agents from the Base launch in March to October 2024, ~30 weeks [DER, SEED dates]). */
  launchesPerWeek?: number;
}

/**
 * Virtuals Protocol (Oct 2024), weekly, with the agent tokens as one aggregate asset `AGENT` and
 * two representative pools: the pre-graduation bonding curves (one constant-product `amm` whose
 * reserves are the sum of every live curve's, with 6,000 virtual VIRTUAL per curve) and the
 * graduated Uniswap pools (an `amm` with the 15.2M locked VIRTUAL and 306 agents' LP tokens at the
 * start). Constant-product pools are homogeneous of degree one, so N equal pools trading a/N each
 * are one pool of N times the reserves trading a; the aggregate is exact for equal pools and an
 * approximation otherwise (docs/models/virtual.md).
 *
 * Order of a week: new agents (fee to the treasury, 1B tokens minted into the curves); curve
 * trading (1% tax); graduation (the share of curves past 42,000 real VIRTUAL, their reserves moved
 * to the locked Uniswap pools); pool trading (1% tax); agent revenue buys back and burns agent
 * tokens; the top-3 incentive emission; taxes split between the agents' operators (a population
 * whose active agents earn the service revenue) and the treasury; operators' sales; the VIRTUAL price.
 *
 * @example
 * ```ts
 * import { virtual } from '@flywheel/models/virtual';
 * import { run } from '@flywheel/sdk';
 * const result = await run(virtual({ runs: 100 }), { metrics: ['agents', 'lockedVirtual', 'price'] });
 * result.metric('lockedVirtual').p50.at(-1); // VIRTUAL locked in agent pools after ten years
 * ```
 */
export function virtual(options: VirtualOptions = {}): ModelSpec {
  const years = options.years ?? 10;
  const v2 = options.rules === 'launchpad-v2';
  const treasury = TREASURY_SHARE * VIRTUAL_SUPPLY;
  const agentsTokens = AGENTS_AT_START * AGENT_TOKEN_SUPPLY;
  const lpTokens = AGENTS_AT_START * LP_TOKENS_PER_AGENT;
  const blocks: BlockSpec[] = [
    { id: 'launch', kind: 'signal', set: 'launches', formula: 'launch0 * (1 + launchGrowth) ^ years * exp(sigma * normal() - sigma ^ 2 / 2)' },
    { id: 'count', kind: 'signal', set: 'agents', formula: 'agents + launches' },
    // live curves: last week's, less those that graduated, plus this week's launches
    { id: 'live', kind: 'signal', set: 'curves', formula: 'curves * (1 - gradShare) + launches' },
    {
      id: 'creationFee',
      kind: 'transfer',
      asset: 'VIRTUAL',
      from: 'liquid',
      to: 'treasury',
      description: 'Bonding.launch: the fee to _feeTo (the treasury) [OFF]',
      amount: 'creationFee * launches',
    },
    {
      id: 'mintAgents',
      kind: 'transfer',
      asset: 'AGENT',
      from: 'issuer',
      to: 'curve',
      description: v2 ? 'BondingV2: 450M of the 1B into the pair [OFF]' : 'FERC20: 1B tokens per agent, all into the pair (addInitialLiquidity) [OFF]',
      amount: 'curveSupply * launches',
    },
    ...(v2
      ? [
          {
            id: 'teamTokens',
            kind: 'transfer',
            asset: 'AGENT',
            from: 'issuer',
            to: 'team',
            description: 'BondingV2: 550M per agent to teamTokenReservedWallet [OFF]; held (not sold) [ASSUMPTION]',
            amount: 'teamSupply * launches',
          } satisfies BlockSpec,
        ]
      : []),
    {
      id: 'curveTrade',
      kind: 'amm',
      token: { asset: 'AGENT', pool: 'curve' },
      base: { asset: 'VIRTUAL', pool: 'curvePool' },
      description: 'FRouter.buy / sell on the aggregate of live curves: x · y = k with 6,000 virtual VIRTUAL per curve [OFF; DER]',
      virtualBase: 'virtualPerCurve * curves',
      // [ASSUMPTION] each new curve takes its creator's initial purchase plus traders' buys in its launch week (in USD); holders sell a share a week
      buy: { amount: '(initialPurchaseUsd + curveBuyUsd) * launches * exp(sigma * normal() - sigma ^ 2 / 2) / VIRTUAL.price', from: 'liquid', to: 'curveHolders' },
      sell: { amount: 'curveSellShare * AGENT.curveHolders', from: 'curveHolders', to: 'liquid' },
      buyTax: TRADING_TAX,
      sellTax: TRADING_TAX,
      taxTo: 'taxVault',
    },
    // [ASSUMPTION] the share of live curves past 42,000 real VIRTUAL is the curves' mean progress p = curve VIRTUAL / (curves × 42,000), capped at 1
    // (Markov's bound P(progress ≥ 1) ≤ p: the most skewed spread of progress the mean allows, as on launchpads where most tokens stall)
    { id: 'graduation', kind: 'signal', set: 'gradShare', formula: 'min(1, VIRTUAL.curvePool / max(curves * gradReal, 1))' },
    {
      id: 'gradVirtual',
      kind: 'transfer',
      asset: 'VIRTUAL',
      from: 'curvePool',
      to: 'lpPool',
      description: "_openTradingOnUniswap: the pair's real VIRTUAL to the agent's Uniswap pool, LP locked 10 years [OFF]",
      amount: 'gradShare * VIRTUAL.curvePool',
    },
    {
      id: 'gradTokens',
      kind: 'transfer',
      asset: 'AGENT',
      from: 'curve',
      to: 'lp',
      description: "the pair's remaining tokens to the Uniswap pool (FERC20 burnt, agent token minted 1:1: one aggregate asset here) [OFF]",
      amount: 'gradShare * AGENT.curve',
    },
    {
      id: 'unwrap',
      kind: 'transfer',
      asset: 'AGENT',
      from: 'curveHolders',
      to: 'holders',
      description: "Bonding.unwrapToken: holders' fun tokens become agent tokens 1:1 [OFF]",
      amount: 'gradShare * AGENT.curveHolders',
    },
    {
      id: 'poolTrade',
      kind: 'amm',
      token: { asset: 'AGENT', pool: 'lp' },
      base: { asset: 'VIRTUAL', pool: 'lpPool' },
      description: "trading in the graduated agents' Uniswap pools (VIRTUAL pairs), 1% agent-token tax [OFF; UNC rate]",
      buy: { amount: 'poolBuyUsd * agents * exp(sigma * normal() - sigma ^ 2 / 2) / VIRTUAL.price', from: 'liquid', to: 'holders' },
      sell: { amount: 'poolSellShare * AGENT.holders', from: 'holders', to: 'liquid' },
      buyTax: TRADING_TAX,
      sellTax: TRADING_TAX,
      taxTo: 'taxVault',
    },
    // agents' service revenue: $700 a week for the 306 at the start [SEED Luna], per active service agent, growing with usage
    { id: 'revenue', kind: 'signal', set: 'revenueUsd', formula: 'revenue0 / agents0 * operators.active * (1 + revenueGrowth) ^ years' },
    {
      id: 'buyVirtual',
      kind: 'transfer',
      asset: 'VIRTUAL',
      from: 'liquid',
      to: 'buyback',
      description: "agents' API revenue is paid in VIRTUAL [SEED]",
      amount: 'revenueUsd / VIRTUAL.price',
    },
    {
      id: 'buyback',
      kind: 'amm',
      token: { asset: 'AGENT', pool: 'lp' },
      base: { asset: 'VIRTUAL', pool: 'lpPool' },
      description: 'the paid VIRTUAL buys back agent tokens in their pools, which are burnt [SEED]',
      buy: { amount: 'VIRTUAL.buyback', from: 'buyback', to: 'burned' },
    },
    {
      id: 'incentives',
      kind: 'transfer',
      asset: 'VIRTUAL',
      from: 'treasury',
      to: 'liquid',
      clock: { until: 53 },
      description: "Protocol V2: 60M VIRTUAL over the first 12 months to the top-3 agent pools' LPs [SEED], paid weekly",
      amount: 'top3 / 52',
    },
    {
      id: 'taxes',
      kind: 'split',
      asset: 'VIRTUAL',
      from: 'taxVault',
      rest: 'treasury',
      description: "the tax vault: the creators' share to the agents' operators, the rest to the treasury (AgentTax creatorFeeRate 3000 / 10000 [OFF contracts/tax/AgentTax.sol; effective split UNC])",
      parts: [{ to: 'creatorFees', share: CREATOR_TAX_SHARE }],
    },
    {
      id: 'operators',
      kind: 'population',
      count: options.agents ?? 300,
      population: SERVICE_AGENTS,
      initialActive: AGENTS_AT_START / SERVICE_AGENTS,
      // [ASSUMPTION] agents that run a service (inference, hosting, socials): cost median $30/week; paid by the creators' share of the trading tax; 5%/week join when it beats 1.1 × cost.
      cost: { kind: 'lognormal', median: 30, sigma: 0.8 },
      costPer: 'week',
      window: 8,
      minActiveSteps: 8,
      reentry: { probability: 0.05, threshold: 1.1 },
      pays: { asset: 'VIRTUAL', from: 'creatorFees', to: 'creatorsHeld' },
    },
    {
      id: 'creatorSales',
      kind: 'transfer',
      asset: 'VIRTUAL',
      from: 'creatorsHeld',
      to: 'liquid',
      description: 'operators sell the VIRTUAL they earn to pay their costs',
      amount: 'creatorSellShare * VIRTUAL.creatorsHeld',
    },
    {
      id: 'price',
      kind: 'price',
      asset: 'VIRTUAL',
      // [ASSUMPTION] price ×= exp(sensitivity × net VIRTUAL demand / circulating): VIRTUAL taken into pools and the treasury against the incentives sold; 120%/yr volatility; a week's flow term is clamped to ±0.5 (a market deeper than the pools' order flow).
      model: {
        kind: 'impact',
        initial: VIRTUAL_PRICE_USD,
        sensitivity: 1,
        volatility: { rate: 1.2, per: 'year' },
        floor: 0.0001,
        flow: 'clamp((curveTrade.baseIn + curveTrade.tax - curveTrade.baseOut + poolTrade.baseIn + poolTrade.tax - poolTrade.baseOut + buyVirtual.amount + creationFee.amount - incentiveSellShare * incentives.amount - creatorSales.amount) / max(VIRTUAL.circulating, 1), -0.5, 0.5)',
      },
    },
    { id: 'locked', kind: 'signal', set: 'lockedVirtual', formula: 'VIRTUAL.curvePool + VIRTUAL.lpPool' },
  ];
  return {
    specVersion: 2,
    name: 'virtual',
    description:
      'Virtuals Protocol (Oct 2024): agent launches on constant-product bonding curves with virtual liquidity, graduation to 10-year-locked VIRTUAL pools, 1% tax, revenue buyback and burn, top-3 incentives.',
    time: { step: 'week', steps: Math.round(years * 52), start: '2024-10-01' },
    mainAsset: 'VIRTUAL',
    signals: {
      launches: { initial: 0, description: 'agents created in the week' },
      agents: { initial: AGENTS_AT_START, lag: true, description: 'agents created so far' },
      curves: { initial: 0, lag: true, description: 'live (not yet graduated) bonding curves' },
      gradShare: { initial: 0, lag: true, description: 'share of live curves that graduated this week' },
      revenueUsd: { initial: 0, unit: 'USD', description: "agents' API revenue in the week" },
      lockedVirtual: { initial: VIRTUAL_LOCKED, description: 'VIRTUAL in agent pools (curves and locked LP)' },
    },
    assets: {
      VIRTUAL: {
        kind: 'token',
        decimals: 18,
        cap: VIRTUAL_SUPPLY,
        circulating: ['liquid', 'held'],
        description: 'VIRTUAL on Base: the base pair of every agent token',
        accounts: {
          liquid: { initial: VIRTUAL_SUPPLY - treasury - VIRTUAL_LOCKED, tag: 'liquid' },
          treasury: { initial: treasury, tag: 'treasury', description: '35% ecosystem treasury [3P]' },
          curvePool: { tag: 'locked', description: 'real VIRTUAL in live bonding curves' },
          lpPool: { initial: VIRTUAL_LOCKED, tag: 'locked', description: "VIRTUAL in graduated agents' Uniswap pools, LP locked 10 years [OFF]" },
          taxVault: { tag: 'treasury', description: 'trading taxes of the week' },
          buyback: { tag: 'held', description: "VIRTUAL paid for agents' services, about to buy back agent tokens" },
          creatorFees: { tag: 'rewards', description: "the creators' share of the week's taxes" },
          creatorsHeld: { tag: 'held', description: "VIRTUAL the agents' operators hold before selling" },
        },
      },
      AGENT: {
        kind: 'token',
        decimals: 18,
        circulating: ['liquid'],
        description: 'every agent token together (1B each), valued in VIRTUAL by the pools',
        accounts: {
          curve: { tag: 'locked', description: 'tokens in live bonding curves' },
          curveHolders: { tag: 'liquid', description: 'holders of pre-graduation (fun) tokens' },
          lp: { initial: lpTokens, tag: 'locked', description: '125M tokens per graduated agent in its pool [OFF genesis default]' },
          holders: { initial: agentsTokens - lpTokens, tag: 'liquid' },
          ...(v2 ? { team: { tag: 'held' as const, description: 'launchpad v2: the 550M team tokens of each agent' } } : {}),
        },
      },
    },
    params: {
      launch0: options.launchesPerWeek ?? 10,
      // [ASSUMPTION] launches grow 30%/yr; weekly lognormal noise 0.5.
      launchGrowth: 0.3,
      sigma: 0.5,
      creationFee: CREATION_FEE,
      curveSupply: v2 ? V2_CURVE_TOKENS : AGENT_TOKEN_SUPPLY,
      ...(v2 ? { teamSupply: V2_TEAM_TOKENS } : {}),
      virtualPerCurve: v2 ? V2_VIRTUAL_LIQUIDITY : VIRTUAL_LIQUIDITY,
      gradReal: v2 ? V2_GRAD_REAL_VIRTUAL : GRAD_REAL_VIRTUAL,
      // [ASSUMPTION] creators buy $70 (1,000 VIRTUAL at the start price) of their agent at launch; traders buy $600 of each new agent in its launch week; holders sell 20% of their curve tokens a week.
      initialPurchaseUsd: 70,
      curveBuyUsd: 600,
      curveSellShare: 0.2,
      // [ASSUMPTION] $100 a week of buys per agent in the graduated pools; holders sell 0.5% of their tokens a week.
      poolBuyUsd: 100,
      poolSellShare: 0.005,
      // [ASSUMPTION] agents' revenue: $700 a week for the 306 agents at the start (Luna's reported livestream revenue [SEED]), growing 30%/yr and with the agents.
      revenue0: LUNA_REVENUE_USD,
      agents0: AGENTS_AT_START,
      revenueGrowth: 0.3,
      top3: TOP3_INCENTIVES,
      // [ASSUMPTION] LPs sell 50% of the incentives they receive; operators sell 50% of their VIRTUAL a week.
      incentiveSellShare: 0.5,
      creatorSellShare: 0.5,
    },
    blocks,
    monteCarlo: { runs: options.runs ?? 200, seed: options.seed ?? 42 },
  };
}
