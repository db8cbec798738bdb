import type { Duration, Period, Step } from './schema.js';

/** Days in one period. A year is 365 days and a month 365/12 days unless calendar dates are used. */
export const PERIOD_DAYS: Readonly<Record<Exclude<Period, 'step'>, number>> = {
  hour: 1 / 24,
  day: 1,
  week: 7,
  month: 365 / 12,
  year: 365,
};

/** Days in one model step. */
export function stepDays(step: Step): number {
  return PERIOD_DAYS[step];
}

/** Length of a period in days, resolving `step` to the model's step. */
export function periodDays(per: Period, step: Step): number {
  return per === 'step' ? stepDays(step) : PERIOD_DAYS[per];
}

/** Steps per 365-day year, for a calendar step or a protocol clock (`{ seconds, name }`). */
export function stepsPerYear(step: Step | { seconds: number; name: string }): number {
  return typeof step === 'string' ? 365 / stepDays(step) : (365 * 86_400) / step.seconds;
}

/** Converts an amount per `per` to an amount per model step. */
export function perStep(amount: number, per: Period, step: Step): number {
  return (amount * stepDays(step)) / periodDays(per, step);
}

const MS_PER_DAY = 86_400_000;

/** Parses `YYYY-MM-DD` as a UTC date; returns NaN for an impossible date such as 2024-02-30. */
export function parseDate(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return Number.NaN;
  return t;
}

/** Whole days from `fromIso` to `toIso` (negative if before). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((parseDate(toIso) - parseDate(fromIso)) / MS_PER_DAY);
}

/** The last instant a JavaScript Date holds: +275760-09-13, 8.64·10^15 ms after 1970-01-01. */
export const MAX_DATE_MS = 8.64e15;

/** Formats a UTC timestamp as `YYYY-MM-DD` (years past 9999 as `+YYYYYY-MM-DD`, as ISO 8601 writes them). */
export function formatDate(t: number): string {
  const iso = new Date(t).toISOString();
  return iso.slice(0, iso.indexOf('T'));
}

/** Adds `n` calendar months to a UTC timestamp (day of month kept, clamped to the month's end). */
export function addMonths(t: number, n: number): number {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const day = d.getUTCDate();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(day, last));
}

/**
 * Day offset (from the model start) of `k` × `every` after the anchor day. With a start date,
 * whole years and months are calendar years and months (a halving "every 2 years on Aug 1" stays on Aug 1).
 */
export function offsetDays(anchorDay: number, every: Duration, k: number, step: Step, startIso?: string): number {
  const whole = Number.isInteger(every.amount);
  if (startIso !== undefined && whole && (every.unit === 'year' || every.unit === 'month')) {
    const start = parseDate(startIso);
    const anchor = start + anchorDay * MS_PER_DAY;
    const months = every.amount * k * (every.unit === 'year' ? 12 : 1);
    return Math.round((addMonths(anchor, months) - start) / MS_PER_DAY);
  }
  return anchorDay + k * every.amount * periodDays(every.unit, step);
}
