// The block program shared by the AssemblyScript interpreter (assembly/program.ts) and the
// TypeScript side (the compiler and the reference interpreter in @flywheel/sdk). Compiled by both
// asc and tsc: plain integer constants only.
//
// A program is i32 words. Every instruction (I_*) starts [op, next]: `next` is the pc of the following
// instruction. Value operands are slots of one f64 state vector per run; "pc" operands point to
// formula bytecode (formula-ops.ts) in the same code array; "table" operands are offsets into the
// f64 tables. A section ends with I_HALT. The engine core runs the init section once per run,
// records step 0, then for t = 1..steps runs the step section and records step t.

export const I_HALT = 0; // [0]
export const I_GUARD = 1; // [1, next, every, from, until, skipTo]: runs on to next when t ≥ from, t < until and (t − from) % every == 0, else jumps to skipTo
export const I_ZERO = 2; // [2, next, n, slot × n]: slots = 0
export const I_SUM = 3; // [3, next, dst, n, slot × n]: dst = ((0 + s0) + s1) + ...
export const I_SET = 4; // [4, next, dst, pc]: dst = formula
export const I_ACCUM = 5; // [5, next, dst, src]: dst += src
export const I_TRANSFER = 6; // [6, next, out, pc, MOVE...]: move formula amount
export const I_SCHEDULE = 7; // [7, next, out, table, MOVE...]: move tables[table + t]
export const I_REMINT = 8; // [8, next, out, ring, window, fraction, cap, MOVE...]: move min(fraction · Σ ring / window, cap)
export const I_RING_PUSH = 9; // [9, next, ring, window, src]: ring[t % window] = src
export const I_CREDIT_BURN = 10; // [10, next, outBurned, outCredits, outUsd, usdPc, share, pricePc, creditPrice, from, tokBurned, tokBurnFlow, credIssuer, credBurned, credMintFlow, credBurnFlow]
export const I_PRICE = 11; // [11, next, price, kind, drift, vol, sens, flowPc, floor, table, burned, minted, circulating, ceiling]: flowPc −1 = the asset's (burned − minted) / circulating
export const I_POP_INIT = 12; // [12, next, pop, work, n, P, S, outActive, outCapacity]
export const I_POP_STEP = 13; // [13, next, pop, work, n, P, S, from, to, price, usdPc, outActive, outCapacity, outRevenue]
export const I_ESCROW = 14; // [14, next, outReleased, outLocked, outImmediate, amountPc, from, limited, mintFlow, immediate, locked, to, ring, over, sum]
export const I_LOCK = 15; // [15, next, out, targetPc, rate, from, locked]
export const I_SPLIT = 16; // [16, next, out, amountPc, from, limited, mintFlow, rest, restBurnFlow, n, (to, share, until, burnFlow) × n]
export const I_BASELINE = 17; // [17, next, outAmount, outSimple, outBaseline, outTheta, outBaselinePower, powerPc, P, S, MOVE...]
export const I_STEP_CONTROLLER = 18; // [18, next, outRate, outAmount, ratioPc, supplyPc, P, S, MOVE...]
export const I_ISSUANCE_HALVING = 19; // [19, next, outAmount, outRate, issuancePc, P, MOVE...]
export const I_BOND = 20; // [20, next, outBonded, outUnbonded, outReleased, bondPc, unbondPc, liquid, bonded, unbonding, ring, delay]
export const I_BAND_CONTROLLER = 21; // [21, next, outRate, outAmount, outLow, outHigh, ratioPc, supplyPc, P, S, table, MOVE...]
export const I_CHAIN_COST = 22; // [22, next, outOps, outFee, outCost, outUtil, pricePc, capPerStep, n, (countPc, feePc, outCount) × n]
export const I_CONVERSION = 23; // [23, next, outAmount, outOut, outFee, amountPc, P, MOVE(source → sink, one target), MOVE(reserve → to)]
export const I_AMM = 24; // [24, next, outBought, outBaseIn, outSold, outBaseOut, outTax, outPrice, vPc, buyPc, sellPc, P, MOVE × 6 (one target, 7 words each)]
export const I_COUNT = 25;

// "amountPc" −1: the whole balance of the source account.
// baselineMinting parameters at P: [ticks per step, λ per tick, simpleTotal, baselineTotal, b0, g per tick]; state at S: [τ, cumulative realized, θ].
// stepController parameters at P: [target, step, floor, max, ticks per step]; state at S: [rate].
// bandController parameters at P: [goal, rateChange, ticks per year, ticks per step]; state at S: [rate] (annual); tables[table + 2t], tables[table + 2t + 1]: step t's band [low, high].
// issuanceHalving parameters at P: [per tick, ticks per step, cap].
// amm parameters at P: [buyTax, sellTax]; MOVE groups: buy tax (buyer → taxTo), buy net (buyer → base pool), buy out (token pool → buy.to), sell in (seller → token pool), sell tax (base pool → taxTo), sell out (base pool → sell.to).
// conversion parameters at P: [ratio, fee]; x is clipped to reserve / (ratio · (1 − fee)) when the reserve is limited, then to the source.

// MOVE operand group (transfer, schedule, remint): [from, limited, mintFlow, n, (to, share, burnFlow) × n].
// The amount is clipped to s[from] when `limited` (every account but an uncapped asset's issuer);
// negative amounts move nothing. mintFlow/burnFlow are the asset's per-step minted/burned slots
// (−1 when the move is not a mint or a burn). `share` is a state slot.

// Price kinds (I_PRICE).
export const PK_CONSTANT = 0;
export const PK_PATH = 1;
export const PK_GBM = 2;
export const PK_IMPACT = 3;

// Population parameters: P + POP_* slots of the state vector.
export const POP_WEIGHT = 0; // real providers per agent
export const POP_INIT_ACTIVE = 1; // agents active at the start (the first ones)
export const POP_COST_KIND = 2; // DIST_* of layout.ts; cost in USD per step
export const POP_COST_A = 3;
export const POP_COST_B = 4;
export const POP_CAP_KIND = 5;
export const POP_CAP_A = 6;
export const POP_CAP_B = 7;
export const POP_WINDOW = 8; // 1..31
export const POP_REENTRY_P = 9;
export const POP_REENTRY_LOGQ = 10; // flog(1 − p)
export const POP_REENTRY_TH = 11;
export const POP_MIN_ACTIVE = 12;
export const POP_CAPEX = 13; // hardware cost per provider per step of its payback period, USD (0 = none)
export const POP_KERNEL = 14; // 0 = per agent, 1 = screening (assembly/blocks/populationScreen.ts; its memory follows the per-agent arrays)
export const POP_PARAMS = 15;

// Population run state: S + POP_S_* slots.
export const POP_S_CAPSUM = 0; // active capacity (agent units)
export const POP_S_GAP = 1; // re-entry trials still to fail before the next success
export const POP_S_RING = 2; // 64 slots: revenue per unit of step u at window − 1 − u % window and window slots on (the window, newest first, is consecutive)
export const POP_S_NACT = 66; // screening: agents active
export const POP_S_NPART = 67; // screening: agents on the partial list (active over part of the window)
export const POP_S_SHI = 68; // screening: highest cost rank that may hold a steady agent (−1: none)
export const POP_STATE = 69;
