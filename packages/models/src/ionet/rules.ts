/**
 * Exact io.net (IO) rules, in bigint: the hourly emission schedule, the monthly schedule that was
 * proposed to replace it, the investor and employee unlock calendars, the minimum device stake and
 * the fees.
 *
 * io.net publishes no emission or fee code (the `ionet-official` repositories hold its agent SDKs,
 * not the IOG network's reward or billing services). These functions port the **official
 * documents' formulas** exactly, and say so for each:
 *
 * - hourly emissions: docs.iog.net/docs/token-emission-schedule ("Token Emission Schedule": the
 *   recurrence Inflation_Rate_T = Inflation_Rate_{T−1} × (1 − Disinflation_Rate), Emissions_T =
 *   500,000,000 × Inflation_Rate_T, Inflation_Rate_1 = 8% / 8,760, Disinflation_Rate =
 *   0.0013886952395979300000% per epoch, 175,319 hourly epochs, and a table of the first 6 hours);
 * - the monthly proposal: io.net/docs/guides/coin/ionet-monthly-token-emission-schedule
 *   (0.667% a month at the start, disinflation factor 0.989849199 a month, 240 periods);
 * - fees and the burn: docs.io.net/docs/io-tokenomics; the minimum stake: docs.io.net/docs/io-staking;
 * - unlocks: the official tokenomics as quoted by Odaily (2024-06-06) [3P in shared/reference/projects.md §4].
 *
 * The documents give formulas, not an implementation: where they are silent on rounding, these
 * functions keep the rate in 40-digit fixed point (floored at each epoch) and floor amounts to base
 * units. IO is an SPL token; its base unit is taken as 10^-8 IO (`DECIMALS`) [UNC].
 *
 * @packageDocumentation
 */
import { ErrorCodes, fail } from '@flywheel/spec';

const check = (ok: boolean, path: string, value: unknown, message: string, hint: string): void => {
  if (!ok) fail(ErrorCodes.RULE_INVALID_ARGUMENT, path, value, message, hint);
};

/**
 * Decimals of the IO base unit [UNC: the SPL mint's decimals are not in the reference].
 * @example
 * ```ts
 * 10n ** DECIMALS; // base units per IO
 * ```
 */
export const DECIMALS = 8n;
/**
 * Base units per IO.
 * @example
 * ```ts
 * 500_000_000n * IO; // the launch supply in base units
 * ```
 */
export const IO = 10n ** DECIMALS;
/**
 * Maximum supply: 800,000,000 IO. Ports "The total supply of $IO is capped at 800 million coins", docs.io.net/docs/io-tokenomics.
 * @example
 * ```ts
 * MAX_SUPPLY - LAUNCH_SUPPLY; // 300M IO to emit
 * ```
 */
export const MAX_SUPPLY = 800_000_000n * IO;
/**
 * Supply at launch: 500,000,000 IO, the base of every epoch's emission. Ports "500 million $IO will be distributed at launch", docs.io.net/docs/io-tokenomics.
 * @example
 * ```ts
 * LAUNCH_SUPPLY / IO; // 500000000n
 * ```
 */
export const LAUNCH_SUPPLY = 500_000_000n * IO;
/**
 * Hourly epochs of the schedule: 175,319. Ports "This equates to 175,319 periods (or epochs)", docs.iog.net/docs/token-emission-schedule.
 * @example
 * ```ts
 * EMISSION_EPOCHS / 8_760n; // 20n (years)
 * ```
 */
export const EMISSION_EPOCHS = 175_319n;
/**
 * Fixed-point scale of the inflation rate (10^40 = 100%).
 * @example
 * ```ts
 * inflationRate(1n) * 8_760n * 100n / RATE_SCALE; // 7n (8% a year, floored)
 * ```
 */
export const RATE_SCALE = 10n ** 40n;
/**
 * Inflation_Rate_1 = 8% / 8,760 hours (0.0009132420091324200000%), scaled by RATE_SCALE and floored. Ports docs.iog.net/docs/token-emission-schedule ("the starting inflation rate of 8% yearly divided by 8,760").
 * @example
 * ```ts
 * INITIAL_HOURLY_RATE === (8n * RATE_SCALE) / (100n * 8_760n); // true
 * ```
 */
export const INITIAL_HOURLY_RATE = (8n * RATE_SCALE) / (100n * 8_760n);
/**
 * Disinflation_Rate per epoch: 0.0013886952395979300000% = 138,869,523,959,793 / 10^19. Ports docs.iog.net/docs/token-emission-schedule ("always fixed at 0.0013886952395979300000% for each epoch").
 * @example
 * ```ts
 * Number(DISINFLATION_NUM) / Number(DISINFLATION_DEN); // 1.38869523959793e-5
 * ```
 */
export const DISINFLATION_NUM = 138_869_523_959_793n;
/** Denominator of {@link DISINFLATION_NUM}: 10^19. @example ```ts DISINFLATION_DEN; // 10n ** 19n ``` */
export const DISINFLATION_DEN = 10n ** 19n;

/**
 * Inflation_Rate_T of hourly epoch T ≥ 1 (scaled by RATE_SCALE): Inflation_Rate_1, then
 * × (1 − Disinflation_Rate) each epoch, floored; 0 after epoch 175,319.
 * @example
 * ```ts
 * inflationRate(2n); // 0.00091322932698411300% of RATE_SCALE (the document's second row)
 * ```
 * Ports the recurrence of docs.iog.net/docs/token-emission-schedule ("Second Epoch").
 */
export function inflationRate(epoch: bigint): bigint {
  check(epoch >= 1n, 'epoch', epoch, 'epochs are numbered from 1', 'epoch 1 is the first hour after launch');
  if (epoch > EMISSION_EPOCHS) return 0n;
  let r = INITIAL_HOURLY_RATE;
  for (let e = 1n; e < epoch; e++) r = (r * (DISINFLATION_DEN - DISINFLATION_NUM)) / DISINFLATION_DEN;
  return r;
}

/**
 * Emissions_T = 500,000,000 IO × Inflation_Rate_T, in base units (floored).
 * @example
 * ```ts
 * epochEmission(1n); // 456_621_004_566n (4,566.21004566 IO)
 * ```
 * Ports "Emissions_T = 500,000,000 × Inflation_Rate_T", docs.iog.net/docs/token-emission-schedule.
 */
export function epochEmission(epoch: bigint): bigint {
  return (LAUNCH_SUPPLY * inflationRate(epoch)) / RATE_SCALE;
}

/**
 * Emissions of epochs `from` … `to` (inclusive), in base units, each floored as {@link epochEmission}, clipped so that launch + emissions never pass the 800M cap.
 * One pass over the epochs (the rate is carried, not recomputed).
 * @example
 * ```ts
 * emissionsBetween(1n, 24n); // the first day's emissions
 * ```
 */
export function emissionsBetween(from: bigint, to: bigint, emittedBefore = 0n): bigint {
  check(from >= 1n && to >= from - 1n, 'from', from, 'need 1 ≤ from ≤ to + 1', 'epochs are numbered from 1');
  let r = inflationRate(from);
  let sum = 0n;
  const cap = MAX_SUPPLY - LAUNCH_SUPPLY - emittedBefore;
  for (let e = from; e <= to && e <= EMISSION_EPOCHS; e++) {
    sum += (LAUNCH_SUPPLY * r) / RATE_SCALE;
    r = (r * (DISINFLATION_DEN - DISINFLATION_NUM)) / DISINFLATION_DEN;
  }
  return sum > cap ? cap : sum;
}

/**
 * Monthly disinflation factor of the monthly proposal: 0.989849199 (989,849,199 / 10^9). Ports io.net/docs/guides/coin/ionet-monthly-token-emission-schedule ("Disinflation Factor: ~0.989849199 per month").
 * @example
 * ```ts
 * Number(MONTHLY_FACTOR_NUM) / 1e9; // 0.989849199
 * ```
 */
export const MONTHLY_FACTOR_NUM = 989_849_199n;
/** Denominator of {@link MONTHLY_FACTOR_NUM}: 10^9. @example ```ts MONTHLY_FACTOR_DEN; // 10n ** 9n ``` */
export const MONTHLY_FACTOR_DEN = 10n ** 9n;
/**
 * Months of the monthly proposal: 240 (20 years × 12). Ports the same page ("Disinflation periods: 240").
 * @example
 * ```ts
 * MONTHLY_PERIODS / 12n; // 20n
 * ```
 */
export const MONTHLY_PERIODS = 240n;

/**
 * Emission of month m = 0 … 239 under the monthly schedule: 500M × 8% / 12 × factor^m, in base units
 * (floored each month). `factorNum / factorDen` defaults to the proposal's 0.989849199; the
 * reference's reading of the launch docs ("1.02% a month") is factor 0.9898.
 * @example
 * ```ts
 * monthlyEmission(0n) / IO; // 3_333_333n (July 2024 in the proposal's table)
 * ```
 * Ports io.net/docs/guides/coin/ionet-monthly-token-emission-schedule ("Starting Inflation Rate: 8% per year (0.667% per month)").
 */
export function monthlyEmission(month: bigint, factorNum = MONTHLY_FACTOR_NUM, factorDen = MONTHLY_FACTOR_DEN): bigint {
  check(month >= 0n, 'month', month, 'months are numbered from 0', 'month 0 is the first month of emissions');
  if (month >= MONTHLY_PERIODS) return 0n;
  let e = (LAUNCH_SUPPLY * 8n * RATE_SCALE) / (100n * 12n);
  for (let m = 0n; m < month; m++) e = (e * factorNum) / factorDen;
  return e / RATE_SCALE;
}

/**
 * IO released by month `months` after the first distribution date from an allocation that unlocks in
 * `parts` equal parts at the ends of months `firstMonth` … `firstMonth + parts − 1` (floored; the
 * last part releases the remainder, so the whole allocation is released).
 * @example
 * ```ts
 * unlocked(2_400n, 13n, 13n, 24n); // 100n: the first of 24 parts at the end of month 13
 * ```
 * Ports the transfer restrictions of the official tokenomics (investors: "starting from the end of the
 * 13th month … in 24 equal parts … until the end of the 36th month"; employees: 36 parts until the end
 * of the 48th month), as quoted by Odaily 2024-06-06 [3P].
 */
export function unlocked(allocation: bigint, months: bigint, firstMonth: bigint, parts: bigint): bigint {
  check(parts >= 1n && firstMonth >= 0n, 'parts', parts, 'need parts ≥ 1 and firstMonth ≥ 0', 'e.g. investors: firstMonth 13, parts 24');
  const k = months < firstMonth ? 0n : months - firstMonth + 1n;
  return k >= parts ? allocation : (allocation * k) / parts;
}

/** Investors (seed and Series A): 24 equal parts from the end of month 13 to the end of month 36 [3P]. @example ```ts investorUnlocked(24n * IO, 36n); // all of it ``` */
export const investorUnlocked = (allocation: bigint, months: bigint): bigint => unlocked(allocation, months, 13n, 24n);
/** io.net Inc. employees: 36 equal parts from the end of month 13 to the end of month 48 [3P]. @example ```ts teamUnlocked(36n * IO, 13n); // IO ``` */
export const teamUnlocked = (allocation: bigint, months: bigint): bigint => unlocked(allocation, months, 13n, 36n);

/**
 * Minimum stake per GPU: 200 IO. Ports "Minimum stake = 200 × max(1, earning multiplier) × number of GPUs", docs.io.net/docs/io-staking.
 * @example
 * ```ts
 * MIN_STAKE_PER_GPU / IO; // 200n
 * ```
 */
export const MIN_STAKE_PER_GPU = 200n * IO;

/**
 * Minimum stake of a device: 200 IO × max(1, multiplier) × GPUs, in base units. The multiplier is
 * `multiplierNum / multiplierDen` (fractional multipliers exist); the product is floored.
 * @example
 * ```ts
 * minimumStake(8n, 10n) / IO; // 16_000n: 8 × H100 at multiplier 10 (the document's example)
 * ```
 * Ports docs.io.net/docs/io-staking.
 */
export function minimumStake(gpus: bigint, multiplierNum: bigint, multiplierDen = 1n): bigint {
  check(gpus >= 0n && multiplierNum >= 0n && multiplierDen >= 1n, 'gpus', gpus, 'need gpus ≥ 0, multiplier ≥ 0', 'e.g. minimumStake(8n, 10n)');
  const m = multiplierNum < multiplierDen ? multiplierDen : multiplierNum;
  return (MIN_STAKE_PER_GPU * m * gpus) / multiplierDen;
}

/**
 * Unstaking cooldown: 14 days [3P cryptodataspace, financesfeed, as tagged in shared/reference/projects.md §4].
 * @example
 * ```ts
 * UNSTAKE_COOLDOWN_DAYS * 24n; // 336n hours
 * ```
 */
export const UNSTAKE_COOLDOWN_DAYS = 14n;

/** Fees in basis points (1/10,000): reservation 25 (0.25%) for renter and supplier, USDC payment 200 (2%), IO payment 0. Ports docs.io.net/docs/io-tokenomics ("Revenue Streams and Fee Structure"). @example ```ts RESERVATION_FEE_BPS; // 25n ``` */
export const RESERVATION_FEE_BPS = 25n;
/** The 2% payment fee on USDC payments and USDC withdrawals (0 for IO). @example ```ts USDC_PAYMENT_FEE_BPS; // 200n ``` */
export const USDC_PAYMENT_FEE_BPS = 200n;
/** Basis points in 100%. @example ```ts BPS; // 10_000n ``` */
export const BPS = 10_000n;

/** How a party pays or is paid. */
export type Currency = 'USDC' | 'IO';

/**
 * The fees of one reservation of `cost` (in the payment currency's base units): the renter pays
 * cost + 0.25% reservation fee + 2% payment fee if paying in USDC; the supplier is charged 0.25% and,
 * when withdrawing in USDC, 2%. Each fee is floored to a base unit [ASSUMPTION: the documents do not
 * say how fees round].
 * @example
 * ```ts
 * reservationFees(1_000_000_000n, 'USDC', 'USDC'); // $1,000 in USDC micro-units
 * // { renterPays: 1_022_500_000n, supplierReceives: 977_500_000n, protocol: 45_000_000n, … }
 * ```
 * Ports docs.io.net/docs/io-tokenomics ("GPU Renter Fees", "GPU Supplier Fees").
 */
export function reservationFees(cost: bigint, renterPaysIn: Currency, supplierPaidIn: Currency) {
  check(cost >= 0n, 'cost', cost, 'cost must be ≥ 0', 'the reservation cost in base units');
  const renterReservation = (cost * RESERVATION_FEE_BPS) / BPS;
  const renterPayment = renterPaysIn === 'USDC' ? (cost * USDC_PAYMENT_FEE_BPS) / BPS : 0n;
  const supplierReservation = (cost * RESERVATION_FEE_BPS) / BPS;
  const supplierPayment = supplierPaidIn === 'USDC' ? (cost * USDC_PAYMENT_FEE_BPS) / BPS : 0n;
  return {
    renterReservation,
    renterPayment,
    supplierReservation,
    supplierPayment,
    renterPays: cost + renterReservation + renterPayment,
    supplierReceives: cost - supplierReservation - supplierPayment,
    protocol: renterReservation + renterPayment + supplierReservation + supplierPayment,
  };
}

/**
 * IO bought back and burned with `revenue` (USDC micro-units) at `priceMicroUsdPerIo` (USDC micro-units
 * per whole IO): the burn is "adjusted dynamically based on $IO's price", i.e. revenue / price, floored
 * to IO base units. Ports docs.io.net/docs/io-tokenomics ("Burn Mechanism").
 * @example
 * ```ts
 * buybackBurn(1_875_000n, 1_875_000n); // 1 IO (100_000_000n) for $1.875 at $1.875
 * ```
 */
export function buybackBurn(revenue: bigint, priceMicroUsdPerIo: bigint): bigint {
  check(priceMicroUsdPerIo > 0n, 'price', priceMicroUsdPerIo, 'the price must be > 0', 'USDC micro-units per IO');
  return (revenue * IO) / priceMicroUsdPerIo;
}
