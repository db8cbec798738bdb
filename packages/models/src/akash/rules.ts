/**
 * Exact Akash (AKT) inflation, minting, take-fee and staking rules, in bigint.
 *
 * At the seed date (Oct 2024) akash-network/node ran the **upstream Cosmos SDK v0.45.16 mint
 * module** (go.mod `github.com/cosmos/cosmos-sdk v0.45.16`, no replace; `app/app.go` wires
 * `mint.NewAppModule(appCodec, mintKeeper, acctKeeper)`, the variant with Akash's inflation
 * calculator commented out "todo akash-network/support#4"), so the per-block step is Cosmos'
 * `NextInflationRate`: the inflation moves by (1 − bonded/goal) × inflation_rate_change / blocks_per_year
 * and is clamped to [inflation_min, inflation_max], which governance set by hand. Akash's band
 * around the decaying ideal curve (x/inflation `inflationCalculator`) is ported too, as written at
 * its last live-code commit: it was never wired into mainnet (see {@link inflationCalculator}).
 *
 * Sources:
 * - akash-network/node @ d16d266357d278d61cf7697466c6e3b346347efe (2024-09-16, the last commit before the
 *   seed date): `go.mod`, `app/app.go`, `x/take/keeper/keeper.go` (`SubtractFees`, `findRate`),
 *   `x/escrow/keeper/keeper.go` (fees to the community pool).
 * - akash-network/node @ 61fd26331082be91e2d71e7029035a9b0ac44d61 (2022-10, the parent of 8c19e63a
 *   "use upstream cosmos-sdk v0.45.9", which commented the calculator out):
 *   `x/inflation/types/v1beta2/inflation_calculator.go` and its test.
 * - cosmos/cosmos-sdk v0.45.16 `x/mint/types/minter.go` (`NextInflationRate`, `NextAnnualProvisions`,
 *   `BlockProvision`), `x/mint/abci.go` (`BeginBlocker`), `x/staking/keeper/pool.go` (`BondedRatio`),
 *   `types/decimal.go` (`sdk.Dec`: 18 decimals; `Mul`/`Quo` round half to even, `QuoInt` and
 *   `TruncateInt` truncate toward zero). Test vectors: `x/mint/types/minter_test.go` (the same cases
 *   in the stored snapshot @ 02c2340970e245af02fea786fe008af23bf5aef1, under `math.Legacy*` names).
 *
 * Amounts are uakt (10^6 per AKT); rates are `sdk.Dec` values: bigint × 10^18.
 *
 * @packageDocumentation
 */
import { ErrorCodes, fail } from '@flywheel/spec';

/** `sdk.Dec` precision: 10^18 = 1.0. Ports `Precision = 18`, cosmos-sdk v0.45.16 `types/decimal.go`. @example `dec('0.13') === 130_000_000_000_000_000n` */
export const ONE = 10n ** 18n;
const FIVE = 5n * 10n ** 17n;
/** uakt per AKT (6 decimals). @example `100n * UAKT_PER_AKT === 100_000_000n` */
export const UAKT_PER_AKT = 1_000_000n;

/**
 * An `sdk.Dec` from a decimal string ("0.13", "-1.5"), as `sdk.NewDecFromStr` (at most 18 decimals).
 *
 * @example
 * ```ts
 * dec('0.67'); // 670_000_000_000_000_000n
 * ```
 * Ports: `NewDecFromStr`, cosmos-sdk v0.45.16 `types/decimal.go`.
 */
export function dec(s: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,18}))?$/.exec(s);
  if (!m) fail(ErrorCodes.SPEC_INVALID_TYPE, 'dec', s, `"${s}" is not a decimal with at most 18 decimals`, 'Write e.g. "0.13".');
  const v = BigInt(m[2]!) * ONE + BigInt((m[3] ?? '').padEnd(18, '0'));
  return m[1] === '-' ? -v : v;
}

/**
 * The decimal string of an `sdk.Dec`, 18 decimals, as `Dec.String()`.
 *
 * @example
 * ```ts
 * decString(dec('0.13')); // '0.130000000000000000'
 * ```
 */
export function decString(d: bigint): string {
  const neg = d < 0n;
  const a = neg ? -d : d;
  return `${neg ? '-' : ''}${a / ONE}.${(a % ONE).toString().padStart(18, '0')}`;
}

/** Drops 18 digits rounding half to even. Ports `chopPrecisionAndRound`, cosmos-sdk v0.45.16 `types/decimal.go`. */
function chop(d: bigint): bigint {
  if (d < 0n) return -chop(-d);
  const q = d / ONE,
    r = d % ONE;
  if (r < FIVE) return q;
  if (r > FIVE) return q + 1n;
  return q % 2n === 0n ? q : q + 1n;
}

/**
 * `Dec.Mul`: (a × b) / 10^18 rounded half to even.
 *
 * @example
 * ```ts
 * mul(dec('0.5'), dec('0.13')); // dec('0.065')
 * ```
 */
export const mul = (a: bigint, b: bigint): bigint => chop(a * b);

/**
 * `Dec.Quo`: (a × 10^36 / b, truncated toward zero) then rounded half to even at 18 decimals.
 *
 * @example
 * ```ts
 * quo(ONE, dec('3')); // 333_333_333_333_333_333n
 * ```
 */
export function quo(a: bigint, b: bigint): bigint {
  if (b === 0n) fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'quo', 0, 'division by zero', 'The divisor of Dec.Quo must not be 0 (Go panics).');
  return chop((a * ONE * ONE) / b);
}

/**
 * Cosmos mint parameters (`x/mint/types/params.go`), rates as `sdk.Dec`.
 */
export interface MintParams {
  /** `inflation_rate_change`: largest change of the annual inflation per year. */
  inflationRateChange: bigint;
  inflationMax: bigint;
  inflationMin: bigint;
  goalBonded: bigint;
  blocksPerYear: bigint;
}

/**
 * The Cosmos SDK's default mint parameters (`DefaultParams`: 13%, 20%, 7%, 67%, 60·60·8766/5 blocks).
 *
 * @example
 * ```ts
 * DEFAULT_MINT_PARAMS.blocksPerYear; // 6_311_520n
 * ```
 * Ports: `DefaultParams`, cosmos-sdk v0.45.16 `x/mint/types/params.go`.
 */
export const DEFAULT_MINT_PARAMS: MintParams = {
  inflationRateChange: dec('0.13'),
  inflationMax: dec('0.2'),
  inflationMin: dec('0.07'),
  goalBonded: dec('0.67'),
  blocksPerYear: BigInt((60 * 60 * 8766) / 5),
};

/**
 * The bonded ratio the mint module reads: bonded tokens / staking token supply (`Dec.QuoInt`,
 * truncated), 0 when the supply is 0.
 *
 * @example
 * ```ts
 * bondedRatio(2n, 3n); // 666_666_666_666_666_666n
 * ```
 * Ports: `Keeper.BondedRatio`, cosmos-sdk v0.45.16 `x/staking/keeper/pool.go`.
 */
export function bondedRatio(bondedTokens: bigint, stakingSupply: bigint): bigint {
  return stakingSupply > 0n ? (bondedTokens * ONE) / stakingSupply : 0n;
}

/**
 * The annual inflation for the next block: inflation + (1 − bondedRatio / goalBonded) ×
 * inflationRateChange / blocksPerYear, capped at inflationMax, then floored at inflationMin.
 *
 * @example
 * ```ts
 * // 0% bonded: +13% a year over 6,311,520 blocks
 * decString(nextInflationRate(dec('0.07'), DEFAULT_MINT_PARAMS, 0n) - dec('0.07')); // '0.000000020597257079'
 * ```
 * Ports: `Minter.NextInflationRate`, cosmos-sdk v0.45.16 `x/mint/types/minter.go`.
 */
export function nextInflationRate(inflation: bigint, params: MintParams, bonded: bigint): bigint {
  const perYear = mul(ONE - quo(bonded, params.goalBonded), params.inflationRateChange);
  const change = quo(perYear, params.blocksPerYear * ONE);
  let next = inflation + change;
  if (next > params.inflationMax) next = params.inflationMax;
  if (next < params.inflationMin) next = params.inflationMin;
  return next;
}

/**
 * Annual provisions: inflation × total staking supply (`Dec.MulInt`, exact), an `sdk.Dec` of uakt.
 *
 * @example
 * ```ts
 * nextAnnualProvisions(dec('0.1'), 1_000n); // dec('100')
 * ```
 * Ports: `Minter.NextAnnualProvisions`, cosmos-sdk v0.45.16 `x/mint/types/minter.go`.
 */
export const nextAnnualProvisions = (inflation: bigint, totalSupply: bigint): bigint => inflation * totalSupply;

/**
 * The block's mint in uakt: annualProvisions / blocksPerYear (`QuoInt`), truncated to an integer.
 *
 * @example
 * ```ts
 * blockProvision(dec('6311520'), 6_311_520n); // 1n
 * ```
 * Ports: `Minter.BlockProvision`, cosmos-sdk v0.45.16 `x/mint/types/minter.go`.
 */
export const blockProvision = (annualProvisions: bigint, blocksPerYear: bigint): bigint => annualProvisions / blocksPerYear / ONE;

/** The mint module's state between blocks. */
export interface MintState {
  /** The minter's annual inflation (`sdk.Dec`). */
  inflation: bigint;
  /** Staking token supply, uakt. */
  supply: bigint;
  /** Bonded tokens, uakt (the mint does not change it: rewards are withdrawn, not bonded). */
  bonded: bigint;
}

/**
 * One block of the mint module: the inflation moves (`NextInflationRate` on the bonded ratio before
 * the block's mint), annual provisions = inflation × supply, and the block provision is minted
 * (to the fee collector, then distribution). Returns the new state and the minted uakt.
 *
 * @example
 * ```ts
 * beginBlocker({ inflation: dec('0.13'), supply: 250_000_000n * UAKT_PER_AKT, bonded: 167_500_000n * UAKT_PER_AKT }, DEFAULT_MINT_PARAMS).minted;
 * ```
 * Ports: `BeginBlocker`, cosmos-sdk v0.45.16 `x/mint/abci.go`.
 */
export function beginBlocker(s: MintState, params: MintParams): { state: MintState; minted: bigint } {
  const inflation = nextInflationRate(s.inflation, params, bondedRatio(s.bonded, s.supply));
  const minted = blockProvision(nextAnnualProvisions(inflation, s.supply), params.blocksPerYear);
  return { state: { inflation, supply: s.supply + minted, bonded: s.bonded }, minted };
}

/**
 * Runs `blocks` blocks of {@link beginBlocker} and returns the state and the total minted.
 *
 * @example
 * ```ts
 * runBlocks({ inflation: dec('0.13'), supply: 10n ** 14n, bonded: 6n * 10n ** 13n }, DEFAULT_MINT_PARAMS, 14_400).minted;
 * ```
 */
export function runBlocks(s: MintState, params: MintParams, blocks: number): { state: MintState; minted: bigint } {
  let st = s,
    minted = 0n;
  for (let k = 0; k < blocks; k++) {
    const r = beginBlocker(st, params);
    st = r.state;
    minted += r.minted;
  }
  return { state: st, minted };
}

/** Akash x/inflation parameters (akash-api `inflation/v1beta2` Params), as `sdk.Dec`. */
export interface InflationParams {
  /** T½ in years. */
  inflationDecayFactor: bigint;
  /** I0, in **percent** in Akash's own tests (48.546257), while the minter's inflation is a fraction. */
  initialInflation: bigint;
  variance: bigint;
}

/** Seconds per year in the calculator: 60 × 60 × 8766 = 31,557,600. Ports inflation_calculator.go. @example `SECONDS_PER_YEAR === 31_557_600n` */
export const SECONDS_PER_YEAR = 31_557_600n;

// 2^(−x) with the calculator's decimal context: ericlagergren/decimal at 18 significant digits.
const P50 = 10n ** 50n;
const LN2_50 = 69314718055994530941723212145817656807550013436026n; // ln 2 × 10^50
/** Rounds a positive fixed-point value (scale 10^50) to `digits` significant digits, half to even (the decimal context's mode). */
function roundSig(v: bigint, digits: number): bigint {
  const len = v.toString().length;
  if (len <= digits) return v;
  const f = 10n ** BigInt(len - digits);
  const q = v / f,
    r = v % f,
    half = f / 2n;
  const up = r > half || (r === half && q % 2n === 1n);
  return (up ? q + 1n : q) * f;
}
/** e^(−z) × 10^50 for z ≥ 0 given × 10^50 (Taylor series of e^z, then the reciprocal). */
function expNeg50(z: bigint): bigint {
  let term = P50,
    sum = P50;
  for (let k = 1n; k < 200n && term !== 0n; k++) {
    term = (term * z) / (P50 * k);
    sum += term;
  }
  return (P50 * P50) / sum;
}

/**
 * Akash's dynamic inflation (never live on mainnet): the ideal I(t) = initialInflation ×
 * 2^(−t/decayFactor), t = (block time − genesis) / 31,557,600 s, its coefficient truncated to 6
 * decimals; the Cosmos step inflation + (1 − bonded/goal) × inflationRateChange / blocksPerYear;
 * then the result is clamped to [max(0, I − I·variance), I + I·variance] (floor first, then cap,
 * as the code does). Times are Unix seconds.
 *
 * The code mixes units: `initialInflation` is in percent in Akash's own test (48.546257) while the
 * minter's inflation is a fraction (0.23), so the test's result is the band's floor in percent
 * (31.97), which the mint module would read as 3,197% a year. It was commented out in 8c19e63a
 * (Oct 2022, "todo ovrclk/engineering#603") before any mainnet use; governance set min and max by
 * hand instead (forum.akash.network "Akash Inflation Proposal 4": "the dynamic inflation feature
 * ... didn't make it into production").
 *
 * @example
 * ```ts
 * decString(inflationCalculator(1650306506n, 1615215600n, dec('0.230326319830867266'),
 *   { ...DEFAULT_MINT_PARAMS, blocksPerYear: 5_256_000n, inflationRateChange: dec('0.05') },
 *   { inflationDecayFactor: dec('2.10306569'), initialInflation: dec('48.546257'), variance: dec('0.05') },
 *   dec('0.7324'))); // '31.967899564902300000'
 * ```
 * Ports: `inflationCalculator`, akash-network/node `x/inflation/types/v1beta2/inflation_calculator.go`
 * @ 61fd26331082be91e2d71e7029035a9b0ac44d61.
 */
export function inflationCalculator(blockTime: bigint, genesisTime: bigint, inflation: bigint, mparams: MintParams, iparams: InflationParams, bonded: bigint): bigint {
  if (iparams.inflationDecayFactor <= 0n)
    fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'inflationDecayFactor', decString(iparams.inflationDecayFactor), 'the decay factor must be positive', 'The Go code panics on an invalid decay factor.');
  // yearsPassed and yearsPassed / decayFactor at 18 significant digits (scale 10^50)
  const years = roundSig(((blockTime - genesisTime) * P50) / SECONDS_PER_YEAR, 18);
  const x = roundSig((years * ONE) / iparams.inflationDecayFactor, 18);
  const pow = roundSig(expNeg50((x * LN2_50) / P50), 18); // 2^(−x)
  const coef = (((pow * 1_000_000n) / P50) * ONE) / 1_000_000n; // truncated to 6 decimals, as sdk.Dec
  const ideal = mul(iparams.initialInflation, coef);
  const perYear = mul(ONE - quo(bonded, mparams.goalBonded), mparams.inflationRateChange);
  let current = inflation + quo(perYear, mparams.blocksPerYear * ONE);
  let lo = ideal - mul(ideal, iparams.variance);
  const hi = ideal + mul(ideal, iparams.variance);
  if (lo < 0n) lo = 0n;
  if (current < lo) current = lo;
  else if (current > hi) current = hi;
  return current;
}

/**
 * The take fee on a lease payment: fee = amount × rate / 100 truncated, the provider keeps the rest.
 * `ratePercent` is the integer percent of the payment's denom (or the default rate).
 *
 * @example
 * ```ts
 * subtractFees(100_000_000n, 20n); // { earnings: 80_000_000n, fee: 20_000_000n } (100 USDC at 20%)
 * ```
 * Ports: `Keeper.SubtractFees` and `findRate`, akash-network/node `x/take/keeper/keeper.go`
 * @ d16d266357d278d61cf7697466c6e3b346347efe; the fee goes to the community pool
 * (`sendFeeToCommunityPool`, `x/escrow/keeper/keeper.go`).
 */
export function subtractFees(amount: bigint, ratePercent: bigint): { earnings: bigint; fee: bigint } {
  const rate = quo(ratePercent * ONE, 100n * ONE);
  const fee = mul(amount * ONE, rate) / ONE;
  return { earnings: amount - fee, fee };
}

/**
 * Staking APR of a delegator as explorers quote it: inflation × (1 − communityTax) / bondedRatio,
 * times (1 − commission) for the validator's cut. Not protocol code: it is what the distribution
 * module pays per bonded token per year at a constant inflation and supply (x/distribution sends
 * communityTax of the block's mint to the community pool and the rest to validators by power).
 *
 * @example
 * ```ts
 * decString(stakingApr(dec('0.13'), dec('0.2'), dec('0.6757'), 0n)); // '0.153914459079473139'
 * ```
 */
export function stakingApr(inflation: bigint, communityTax: bigint, bonded: bigint, commission: bigint): bigint {
  return mul(quo(mul(inflation, ONE - communityTax), bonded), ONE - commission);
}
