/**
 * Calendar unlocks as engine formulas, shared by the models with vesting buckets (io.net, Aethir).
 *
 * A vesting bucket is an account that releases fixed fractions of its allocation on calendar dates
 * (a cliff, then equal monthly parts; a share at TGE; …). The engine has no date arithmetic in the
 * step loop, so a bucket is a `transfer` whose amount is `total × (F(t) − F(t − 1))`, where F is the
 * cumulative released fraction as a step function of the step index written with `table()`. The
 * formula reads only `t`, so the compiler folds it into one per-step table (no cost in the loop).
 * @packageDocumentation
 */
import { addMonths, daysBetween, formatDate, parseDate } from '@flywheel/spec';

/** The date `n` calendar months after `iso` (day of month kept, clamped to the month's end), as the spec's calendar rule does. */
export function monthsAfter(iso: string, n: number): string {
  return formatDate(addMonths(parseDate(iso), n));
}

/** The step whose span holds `date` (the clock rule of docs/spec.md: floor(days / stepDays + 1e-9) + 1); ≤ 0 before the start. */
export function stepOfDate(start: string, date: string, stepDays: number): number {
  return Math.floor(daysBetween(start, date) / stepDays + 1e-9) + 1;
}

/** One unlock event: `fraction` of the bucket's allocation becomes liquid on `date`. */
export interface Unlock {
  readonly date: string;
  readonly fraction: number;
}

/**
 * Equal parts of a bucket on consecutive monthly anniversaries: `parts` unlocks of 1/parts each
 * (times `share`), the first `firstMonth` calendar months after `tge`.
 * @example
 * ```ts
 * monthlyUnlocks('2024-06-11', 13, 24); // investors: end of month 13 … end of month 36
 * ```
 */
export function monthlyUnlocks(tge: string, firstMonth: number, parts: number, share = 1): Unlock[] {
  return Array.from({ length: parts }, (_, k) => ({ date: monthsAfter(tge, firstMonth + k), fraction: share / parts }));
}

/** A bucket's unlocks on a model clock: what was released before the start, and the transfer formula of the rest. */
export interface UnlockPlan {
  /** Fraction of the allocation released on or before step 0 (dates before the start). */
  readonly releasedAtStart: number;
  /** Fraction still locked at the start. */
  readonly lockedAtStart: number;
  /** The transfer amount, in tokens: `total × (F(t) − F(t − 1))` (`"0"` if nothing is left to release). */
  readonly formula: string;
  /** The steps with an unlock, and the fraction released at each (for tests and docs). */
  readonly steps: readonly { step: number; fraction: number }[];
}

/**
 * The formula of a bucket of `total` tokens with these unlocks, on a clock from `start` with
 * `stepDays` days a step. Unlocks dated before the start count as released at the start.
 * @example
 * ```ts
 * const plan = unlockPlan(181_600_000, monthlyUnlocks('2024-06-11', 13, 24), '2024-10-01', 1);
 * plan.formula; // "181600000 * (table(t, [...]) - table(t - 1, [...]))"
 * ```
 */
export function unlockPlan(total: number, unlocks: readonly Unlock[], start: string, stepDays: number): UnlockPlan {
  let releasedAtStart = 0;
  const bySteps = new Map<number, number>();
  for (const u of unlocks) {
    const s = stepOfDate(start, u.date, stepDays);
    if (s <= 0) releasedAtStart += u.fraction;
    else bySteps.set(s, (bySteps.get(s) ?? 0) + u.fraction);
  }
  const steps = [...bySteps.entries()].sort((a, b) => a[0] - b[0]).map(([step, fraction]) => ({ step, fraction }));
  const lockedAtStart = steps.reduce((a, s) => a + s.fraction, 0);
  if (steps.length === 0) return { releasedAtStart, lockedAtStart: 0, formula: '0', steps };
  // F: 0 up to the step before the first unlock, then the cumulative fraction, stepping at each unlock.
  const points: [number, number][] = [];
  let cum = 0;
  for (const s of steps) {
    const prev = points[points.length - 1];
    if (!prev || prev[0] < s.step - 1) points.push([s.step - 1, cum]);
    cum += s.fraction;
    points.push([s.step, cum]);
  }
  const pts = `[${points.map(([x, y]) => `[${x}, ${y}]`).join(', ')}]`;
  return { releasedAtStart, lockedAtStart, formula: `${total} * (table(t, ${pts}) - table(t - 1, ${pts}))`, steps };
}

/**
 * A piecewise-constant value of the date as a formula of `t`: `values[i].value` from the step holding
 * `values[i].from` (dates sorted; before the first, `before`). Folded into a per-step table.
 * @example
 * ```ts
 * piecewise('2024-10-01', 1, 21, [{ from: '2024-11-01', value: 100 }, { from: '2025-06-13', value: 21 }]);
 * // "table(t, [[31, 21], [32, 100], [255, 100], [256, 21]])"
 * ```
 */
export function piecewise(start: string, stepDays: number, before: number, values: readonly { from: string; value: number }[]): string {
  let current = before;
  const points: [number, number][] = [];
  for (const v of values) {
    const s = stepOfDate(start, v.from, stepDays);
    if (s <= 1) {
      current = v.value;
      continue;
    }
    const prev = points[points.length - 1];
    if (!prev || prev[0] < s - 1) points.push([s - 1, current]);
    current = v.value;
    points.push([s, current]);
  }
  if (points.length === 0) return String(current);
  return `table(t, [${points.map(([x, y]) => `[${x}, ${y}]`).join(', ')}])`;
}
