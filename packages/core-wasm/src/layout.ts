// The memory layout shared by the AssemblyScript engine (assembly/) and the TypeScript side
// (compiler, reference engine). This file is compiled by both asc and tsc: plain integer
// constants only.

// ---- Parameter block: f64 slots at the params pointer --------------------------------------
export const P_STEPS = 0;
export const P_AGENTS = 1;
export const P_STEPS_PER_YEAR = 2;
export const P_INIT_SUPPLY = 3;
export const P_INIT_CIRC = 4;
export const P_INIT_STAKED = 5;
export const P_MAX_SUPPLY = 6; // Infinity when uncapped
export const P_SH_ON = 7; // supply-driven halving present (0/1)
export const P_SH_COUNT = 8; // number of thresholds
export const P_SH_PROV = 9; // fraction of it to providers
export const P_SH_CIRC = 10; // fraction to circulating (providers included)
export const P_SH_STAKE = 11; // fraction to staked
export const P_BURN_SHARE = 12; // fraction of demand USD settled by burning
export const P_NE_ON = 13; // net-emissions re-mint (0/1)
export const P_NE_CAP = 14; // cap per step
export const P_NE_WINDOW = 15; // moving-average length in steps
export const P_NE_PROV = 16;
export const P_NE_CIRC = 17;
export const P_NE_STAKE = 18;
export const P_DEM_SIGMA = 19; // lognormal sigma per step
export const P_DEM_MU = 20; // added to sigma*z (−sigma²/2 when mean-corrected, else 0)
export const P_DEM_CAP_ON = 21; // capacity-responsive demand (0/1)
export const P_DEM_ELAST = 22;
export const P_DEM_SAT = 23; // USD per capacity unit per step; 0 = no saturation
export const P_DEM_PROV_SHARE = 24; // fraction of demand USD paid to providers
export const P_PRICE_KIND = 25; // PRICE_* below
export const P_PRICE_INIT = 26;
export const P_PRICE_DRIFT = 27; // per step, already including −σ²/2 for GBM
export const P_PRICE_VOL = 28; // per step
export const P_PRICE_SENS = 29;
export const P_PRICE_FLOOR = 30;
export const P_AG_WEIGHT = 31; // real providers per simulated agent
export const P_AG_INIT_ACTIVE = 32; // number of agents active at the start (the first ones)
export const P_AG_COST_KIND = 33; // DIST_* below; cost in USD per step
export const P_AG_COST_A = 34;
export const P_AG_COST_B = 35;
export const P_AG_CAP_KIND = 36;
export const P_AG_CAP_A = 37;
export const P_AG_CAP_B = 38;
export const P_AG_WINDOW = 39; // 1..31 steps
export const P_AG_REENTRY_P = 40;
export const P_AG_REENTRY_TH = 41;
export const P_SEED = 42;
export const P_NSLOTS = 43; // number of stored metrics
export const P_SLOT = 44; // P_SLOT + metric id = storage slot of that metric, or −1 if not stored
export const P_AG_MIN_ACTIVE = 60; // an agent may exit only once active on at least this many steps of its window
export const P_COUNT = 64; // size of the parameter block (f64 slots)

export const PRICE_CONSTANT = 0;
export const PRICE_PATH = 1;
export const PRICE_GBM = 2;
export const PRICE_IMPACT = 3;

export const DIST_CONSTANT = 0; // a
export const DIST_UNIFORM = 1; // a + (b − a)·u
export const DIST_LOGNORMAL = 2; // a·exp(b·z): a = median, b = sigma

// ---- Tables: consecutive f64 arrays of length steps + 1 at the tables pointer ------------
export const T_MINT = 0; // scheduled (time-based) emission in step t, all recipients
export const T_PROV = 1; // ... of which to provider groups
export const T_CIRC = 2; // ... of which to circulating groups (providers included)
export const T_STAKE = 3; // ... of which to staked groups
export const T_DEMAND = 4; // demand trend in USD per step (before noise and capacity)
export const T_PRICE = 5; // exogenous price path (only for PRICE_PATH)
export const T_COUNT = 6;
// After the T_COUNT tables: 64 supply-halving thresholds, then 64 rates per step (rate after k halvings).
export const SH_MAX = 64;

// ---- Metrics: ids, in the order of METRIC_NAMES in the SDK --------------------------------
export const M_TOTAL_SUPPLY = 0;
export const M_CIRCULATING_SUPPLY = 1;
export const M_MINTED = 2;
export const M_BURNED = 3;
export const M_CUMULATIVE_MINTED = 4;
export const M_CUMULATIVE_BURNED = 5;
export const M_PRICE = 6;
export const M_MARKET_CAP = 7;
export const M_FDV = 8;
export const M_DEMAND_USD = 9;
export const M_STAKED_SUPPLY = 10;
export const M_ACTIVE_PROVIDERS = 11;
export const M_PROVIDER_REVENUE_USD = 12;
export const M_INFLATION_ANNUALISED = 13;
export const M_BURN_MINT_RATIO = 14;
export const M_COUNT = 15;

// ---- Statistics written per stored metric: consecutive arrays of length steps + 1 ---------
export const S_MEAN = 0;
export const S_P5 = 1;
export const S_P50 = 2;
export const S_P95 = 3;
export const S_COUNT = 4;
