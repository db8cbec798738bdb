/**
 * Charts of the analyses (sensitivity, calibration, tail risk) as plain SVG trees, drawn like the
 * fan charts of chart.ts: no chart library, no DOM, no `style` attribute, text as data (never
 * markup). `svgToString` writes them into the offline report; the playground turns them into DOM
 * with `createElementNS`.
 *
 * Every chart draws only finite numbers: a value that is null, undefined, NaN or ±Infinity (or, on a
 * log axis, zero or negative) is left out and a note under the chart names it, so no attribute is
 * ever `NaN`. The root of each chart carries data attributes that tests read: `data-domain` (the
 * value axis, `lo hi`), `data-plot` (its pixel extent), `data-skipped` (values not drawn).
 * @packageDocumentation
 */
import { ErrorCodes, fail } from '@flywheel/spec';
import type { CalibrationResult, FitRow } from './analysis/calibrate.js';
import type { RareEventResult, RiskResult } from './analysis/risk.js';
import type { SensitivityResult } from './analysis/sensitivity.js';
import { PALETTE, shortNumber, type SvgNode } from './chart.js';

const el = (tag: string, attrs: Record<string, string | number>, children?: SvgNode[], text?: string): SvgNode => ({
  tag,
  attrs,
  ...(children ? { children } : {}),
  ...(text !== undefined ? { text } : {}),
});

/** A finite number (not null, undefined, NaN or ±Infinity). */
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A pixel coordinate as written: one decimal. A coordinate that is not finite is a bug of the chart, never written. */
function px(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`chart: a coordinate is ${v}`);
  const s = v.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
}

function bad(path: string, value: unknown, message: string, hint: string): never {
  fail(ErrorCodes.RUN_INVALID_OPTION, path, value, message, hint);
}

function checkList(input: unknown, field: string, chart: string): void {
  if (input === null || typeof input !== 'object') bad(chart, input, `${chart} needs an input object`, `e.g. ${chart}({ title: 't', ${field}: [] })`);
  if (!Array.isArray((input as Record<string, unknown>)[field]))
    bad(`${chart}.${field}`, (input as Record<string, unknown>)[field], `${field} must be an array`, `Give ${field} as an array (it may be empty).`);
}

/** A label cut to `max` characters (with an ellipsis) when longer. */
export function clipLabel(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** A text label; when cut, the whole label is its tooltip (an SVG `title`, text, not markup). */
function label(attrs: Record<string, string | number>, text: string, max: number): SvgNode {
  const shown = clipLabel(text, max);
  const t = el('text', attrs, undefined, shown);
  return shown === text ? t : el('g', { class: 'label' }, [el('title', {}, undefined, text), t]);
}

/** The step of about `n` round ticks over [lo, hi]. */
function tickStep(lo: number, hi: number, n: number): number {
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * mag;
}

const clean = (v: number) => Number(v.toPrecision(12));

/** [lo, hi] widened to round tick values (and to a unit span when lo = hi). */
export function niceDomain(lo: number, hi: number, n = 5): [number, number] {
  const scale = Math.max(Math.abs(lo), Math.abs(hi));
  if (!(hi - lo > scale * 1e-12 && hi - lo > 1e-300)) {
    // one value (or a span too small to tick): a span around it
    const c = (lo + hi) / 2;
    if (Math.abs(c) <= 1e-300) return [lo < 0 ? -1 : 0, hi > 0 || lo >= 0 ? 1 : 0];
    const w = Math.abs(c) * 0.5;
    return [Math.min(lo, clean(c - w)), Math.max(hi, clean(c + w))];
  }
  const step = tickStep(lo, hi, n);
  const a = Math.floor(lo / step + 1e-9) * step;
  const b = Math.ceil(hi / step - 1e-9) * step;
  // rounded to 12 digits unless that would cut off an end
  return [clean(a) <= lo ? clean(a) : Math.min(a, lo), clean(b) >= hi ? clean(b) : Math.max(b, hi)];
}

/** The round tick values inside a nice domain. */
function linearTicks(lo: number, hi: number, n = 5): number[] {
  const step = tickStep(lo, hi, n);
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(clean(k * step));
  return out;
}

/** 10^k exactly as written (10 ** -5 is 0.000009999999999999999 in floating point). */
const pow10 = (k: number): number => Number(`1e${k}`);

/** A tick value as a label: the round number itself, or a short form from 10,000 up. */
export function tickLabel(v: number): string {
  return Math.abs(v) >= 1e4 ? shortNumber(v) : String(clean(v));
}

/** A power of ten as a label: 1, 0.1, 0.01, 0.001, then 1e-4, 1e-5, … */
function decade(v: number): string {
  const k = Math.round(Math.log10(v));
  return k >= -3 && k <= 3 ? String(pow10(k)) : `1e${k}`;
}

/** The notes under a chart, and how many values it did not draw. */
class Notes {
  lines: string[] = [];
  skipped = 0;
  private missing: string[] = [];
  private refused: string[] = [];
  private bare: string[] = [];
  /** A value not drawn because it is not a finite number. */
  miss(what: string): void {
    this.skipped++;
    this.missing.push(what);
  }
  /** A value not drawn for another reason (e.g. zero on a log axis), said in `why`. */
  refuse(what: string): void {
    this.skipped++;
    this.refused.push(what);
  }
  /** A value drawn without its interval (an end missing or not a number, or lo > hi). */
  noInterval(what: string): void {
    this.bare.push(what);
  }
  done(refusedWhy: string): string[] {
    const list = (xs: string[]) => (xs.length <= 4 ? xs.join(', ') : `${xs.slice(0, 4).join(', ')} and ${xs.length - 4} more`);
    return [
      ...(this.missing.length ? [`not drawn (no value: null or not a number): ${list(this.missing)}`] : []),
      ...(this.refused.length ? [`${refusedWhy}: ${list(this.refused)}`] : []),
      ...(this.bare.length ? [`no interval (an end missing or not a number): ${list(this.bare)}`] : []),
      ...this.lines,
    ];
  }
}

const TEXT = '#333';
const AXIS = '#888';
const GRID = '#e4e4e4';

function title(text: string, x: number): SvgNode {
  return el('text', { x, y: 16, 'font-size': 13, 'font-weight': 'bold', fill: '#222', class: 'title' }, undefined, text);
}

/** Lines of text broken at spaces to at most `max` characters (a longer word is cut). */
export function wrapText(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && [...line].length + 1 + [...word].length > max) {
      out.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : clipLabel(word, max);
  }
  if (line) out.push(line);
  return out;
}

/** The notes under a chart, wrapped to the chart's width; at most 12 lines (the rest is cut). */
function noteLines(lines: readonly string[], width: number): string[] {
  const all = lines.flatMap((l) => wrapText(l, Math.max(20, Math.floor((width - 24) / 5.2))));
  return all.length <= 12 ? all : [...all.slice(0, 11), `… and ${all.length - 11} more lines`];
}

function noteNodes(lines: readonly string[], x: number, y0: number): SvgNode[] {
  return lines.map((l, i) => el('text', { x, y: px(y0 + i * 13), 'font-size': 9.5, fill: '#666', class: 'note' }, undefined, l));
}

function root(cls: string, W: number, H: number, aria: string, data: Record<string, string | number>, children: SvgNode[]): SvgNode {
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': aria, class: cls, ...data }, children);
}

// ---- interval bars ------------------------------------------------------------------------------

/** One bar: its value and, optionally, its interval [lo, hi] (the whisker). */
export interface IntervalBar {
  value: number | null | undefined;
  interval?: readonly [number | null | undefined, number | null | undefined] | null | undefined;
  /** Text written after the value (e.g. `214/1000`). */
  detail?: string;
}

/** A row of an interval bar chart: its label and one bar per series. */
export interface IntervalBarRow {
  label: string;
  bars: readonly IntervalBar[];
}

/** Input of {@link intervalBarChart}. */
export interface IntervalBarChartInput {
  title: string;
  /** The series (one bar per row each), in the order drawn in a row. */
  series: readonly { name: string; color?: string }[];
  rows: readonly IntervalBarRow[];
  /** Sort the rows by this series' value, largest first (default: the rows' order). Rows without a value go last. */
  sortBy?: number;
  /** The value axis's name (under it). */
  xName?: string;
  /** A range the value axis always covers (e.g. [0, 1] for shares); widened to hold every value and whisker. */
  domain?: readonly [number, number];
  /** `linear` (default) or `log` (bars from the axis floor; zero and negative values cannot be drawn). */
  scale?: 'linear' | 'log';
  /** The lowest value of a log axis (default: the power of ten at or below the smallest positive value or interval end). */
  floor?: number;
  /** How a value is written after its bar (default: three decimals below 10, else {@link shortNumber}). */
  format?: (v: number) => string;
  /** Notes written under the chart (after the ones about values not drawn). */
  notes?: readonly string[];
  /** Row labels longer than this are cut, with the whole label as a tooltip (default 28). */
  maxLabelChars?: number;
  width?: number;
  /** The root's class (default `interval-bar-chart`). */
  className?: string;
}

const defaultFormat = (v: number) => (Math.abs(v) < 10 ? v.toFixed(3) : shortNumber(v));

/**
 * Horizontal bars with interval whiskers: one row per item (a parameter, an event), one bar per
 * series in each row (e.g. S1 and ST), the whisker from the interval's lower to its upper end.
 * Rows can be sorted by one series. Values that are not finite are not drawn (a note names them);
 * an interval with a missing or non-finite end draws no whisker. On a log axis, values at or below
 * zero are not drawn (a note says so) and a whisker whose lower end is at or below the floor starts
 * at the floor (class `whisker clipped`).
 *
 * Bars are `rect.bar` with `data-row`, `data-series`, `data-value`; whiskers `line.whisker` with
 * `data-lo`, `data-hi`; the root has `data-rows`, `data-bars`, `data-skipped`, `data-scale`,
 * `data-domain` and `data-plot` (the pixel x of the domain's ends).
 * @throws FlywheelError RUN_INVALID_OPTION when `rows` or `series` is not an array
 * @example
 * ```ts
 * intervalBarChart({ title: 'indices', series: [{ name: 'S1' }], rows: [{ label: 'growth', bars: [{ value: 0.7, interval: [0.5, 0.9] }] }] });
 * ```
 */
export function intervalBarChart(input: IntervalBarChartInput): SvgNode {
  checkList(input, 'rows', 'intervalBarChart');
  checkList(input, 'series', 'intervalBarChart');
  const log = input.scale === 'log';
  const W = input.width ?? 640;
  const ns = Math.max(1, input.series.length);
  const barH = ns > 1 ? 9 : 13;
  const rowH = ns * barH + (ns - 1) * 2 + 12;
  const maxChars = input.maxLabelChars ?? 28;
  const fmt = input.format ?? defaultFormat;
  const notes = new Notes();
  const colorOf = (i: number) => input.series[i]?.color ?? PALETTE[i % PALETTE.length]!;
  const nameOf = (i: number) => input.series[i]?.name ?? `series ${i + 1}`;
  // rows in the order drawn
  const rows = input.rows.map((r, i) => ({ label: String(r?.label ?? `row ${i + 1}`), bars: Array.isArray(r?.bars) ? r.bars : [], i }));
  if (input.sortBy !== undefined) {
    const key = (r: (typeof rows)[number]) => {
      const v = r.bars[input.sortBy!]?.value;
      return finite(v) ? v : -Infinity;
    };
    rows.sort((a, b) => key(b) - key(a) || a.i - b.i);
  }
  // what can be drawn
  const drawable = (v: unknown): v is number => finite(v) && (!log || v > 0);
  const values: number[] = [];
  for (const r of rows) {
    for (let s = 0; s < ns; s++) {
      const b = r.bars[s];
      if (drawable(b?.value)) values.push(b.value);
      for (const e of b?.interval ?? []) if (drawable(e)) values.push(e);
    }
  }
  let lo: number;
  let hi: number;
  if (log) {
    const minPos = values.length ? Math.min(...values) : 1e-3;
    const maxPos = values.length ? Math.max(...values) : 1;
    const given = finite(input.floor) && input.floor > 0 ? input.floor : undefined;
    lo = given ?? pow10(Math.max(-15, Math.floor(Math.log10(minPos) + 1e-9)));
    hi = pow10(Math.ceil(Math.log10(Math.max(maxPos, lo * 10)) - 1e-9));
    if (finite(input.domain?.[1]) && input.domain[1] > hi) hi = pow10(Math.ceil(Math.log10(input.domain[1]) - 1e-9));
  } else {
    const d = input.domain && finite(input.domain[0]) && finite(input.domain[1]) ? input.domain : [0, 0];
    [lo, hi] = niceDomain(Math.min(0, d[0], ...values), Math.max(0, d[1], ...values));
  }
  const labelChars = Math.min(maxChars, Math.max(4, ...rows.map((r) => [...r.label].length)));
  const m = { l: Math.round(labelChars * 6.8) + 20, r: 64, t: ns > 1 ? 44 : 30, b: 34 };
  const X = (v: number) => m.l + (W - m.l - m.r) * (log ? Math.log10(v / lo) / Math.log10(hi / lo) : (v - lo) / (hi - lo));
  const top = m.t;
  const plotBottom = top + Math.max(1, rows.length) * rowH;
  const body: SvgNode[] = [];
  // grid and axis
  const tickVals = log ? decades(lo, hi) : linearTicks(lo, hi, 5);
  for (const v of tickVals) {
    body.push(el('line', { x1: px(X(v)), x2: px(X(v)), y1: top - 4, y2: px(plotBottom), stroke: !log && v === 0 ? AXIS : GRID, 'stroke-width': 1 }));
    body.push(el('text', { x: px(X(v)), y: px(plotBottom + 14), 'font-size': 10, 'text-anchor': 'middle', fill: '#555', class: 'tick' }, undefined, log ? decade(v) : tickLabel(v)));
  }
  body.push(el('line', { x1: m.l, x2: W - m.r, y1: px(plotBottom), y2: px(plotBottom), stroke: AXIS }));
  if (input.xName)
    body.push(el('text', { x: px(m.l + (W - m.l - m.r) / 2), y: px(plotBottom + 28), 'font-size': 10.5, 'text-anchor': 'middle', fill: TEXT, class: 'axis-name' }, undefined, input.xName));
  let bars = 0;
  rows.forEach((r, k) => {
    const y0 = top + k * rowH + 6;
    body.push(label({ x: m.l - 8, y: px(y0 + (rowH - 12) / 2 + 4), 'font-size': 11, 'text-anchor': 'end', fill: TEXT, class: 'row-label' }, r.label, maxChars));
    for (let s = 0; s < ns; s++) {
      const b = r.bars[s];
      const what = ns > 1 ? `${nameOf(s)} of ${r.label}` : r.label;
      const v = b?.value;
      const cy = y0 + s * (barH + 2) + barH / 2;
      if (!finite(v)) {
        notes.miss(what);
        continue;
      }
      let right: number;
      if (log && v < lo) {
        notes.refuse(what);
        // a hollow mark at the floor: the value is there, the axis cannot show it
        body.push(el('circle', { cx: px(X(lo)), cy: px(cy), r: 3, fill: '#fff', stroke: colorOf(s), class: 'at-floor', 'data-row': r.label, 'data-series': nameOf(s), 'data-value': v }));
        right = X(lo) + 3;
      } else {
        const base = log ? X(lo) : X(0);
        const end = X(v);
        body.push(
          el('rect', {
            x: px(Math.min(base, end)),
            y: px(cy - barH / 2),
            width: px(Math.abs(end - base)),
            height: barH,
            fill: colorOf(s),
            'fill-opacity': 0.75,
            stroke: colorOf(s),
            'stroke-width': 0.5,
            class: 'bar',
            'data-row': r.label,
            'data-series': nameOf(s),
            'data-value': v,
          }),
        );
        bars++;
        right = Math.max(base, end);
      }
      const iv = b?.interval;
      if (iv && finite(iv[0]) && finite(iv[1]) && iv[0] <= iv[1]) {
        const [a, c] = [iv[0], iv[1]];
        if (log && c < lo) notes.lines.push(`the interval of ${what} lies below the log axis's floor: no whisker`);
        else {
          const clipped = log && a < lo;
          const x1 = X(clipped ? lo : a);
          const x2 = X(c);
          body.push(
            el('line', {
              x1: px(x1),
              x2: px(x2),
              y1: px(cy),
              y2: px(cy),
              stroke: '#222',
              'stroke-width': 1.2,
              class: clipped ? 'whisker clipped' : 'whisker',
              'data-row': r.label,
              'data-series': nameOf(s),
              'data-lo': a,
              'data-hi': c,
            }),
          );
          for (const [x, open] of [
            [x1, clipped],
            [x2, false],
          ] as const)
            if (!open) body.push(el('line', { x1: px(x), x2: px(x), y1: px(cy - 3.5), y2: px(cy + 3.5), stroke: '#222', 'stroke-width': 1.2, class: 'cap' }));
          right = Math.max(right, x2);
        }
      } else if (iv !== undefined && iv !== null) {
        notes.noInterval(what);
      }
      body.push(el('text', { x: px(right + 4), y: px(cy + 3.5), 'font-size': 9.5, fill: '#444', class: 'value' }, undefined, `${fmt(v)}${b?.detail ? ` (${b.detail})` : ''}`));
    }
  });
  if (rows.length === 0) body.push(el('text', { x: px(m.l), y: px(top + rowH / 2 + 4), 'font-size': 11, fill: '#666', class: 'empty' }, undefined, 'nothing to draw: no rows'));
  // legend
  if (ns > 1) {
    let lx = m.l;
    input.series.forEach((s, i) => {
      body.push(el('rect', { x: lx, y: 24, width: 12, height: 9, fill: colorOf(i), 'fill-opacity': 0.75 }));
      body.push(label({ x: lx + 16, y: 32, 'font-size': 10.5, fill: TEXT }, s.name, 24));
      lx += 16 + Math.min(24, [...s.name].length) * 6.3 + 16;
    });
  }
  const given = notes.done('not drawn (zero, negative or below the floor of the log axis; marked at the floor)');
  if (log) given.push(`log axis from ${decade(lo)}`);
  const lines = noteLines([...given, ...(input.notes ?? [])], W);
  const H = plotBottom + (input.xName ? 38 : 24) + lines.length * 13 + 4;
  body.push(...noteNodes(lines, 12, plotBottom + (input.xName ? 44 : 30)));
  return root(
    input.className ?? 'interval-bar-chart',
    W,
    H,
    input.title,
    { 'data-rows': rows.length, 'data-bars': bars, 'data-skipped': notes.skipped, 'data-scale': log ? 'log' : 'linear', 'data-domain': `${lo} ${hi}`, 'data-plot': `${px(m.l)} ${px(W - m.r)}` },
    [title(input.title, 12), ...body],
  );
}

/** The powers of ten from lo to hi (every k-th when there are many). */
function decades(lo: number, hi: number): number[] {
  const a = Math.round(Math.log10(lo));
  const b = Math.round(Math.log10(hi));
  const k = Math.max(1, Math.ceil((b - a) / 8));
  const out: number[] = [];
  for (let e = a; e <= b; e += k) out.push(pow10(e));
  return out;
}

// ---- scatter ------------------------------------------------------------------------------------

/** One point of a scatter chart, with an optional horizontal interval. */
export interface ScatterPoint {
  label: string;
  x: number | null | undefined;
  y: number | null | undefined;
  xInterval?: readonly [number | null | undefined, number | null | undefined] | null | undefined;
}

/** Input of {@link scatterChart}. */
export interface ScatterChartInput {
  title: string;
  xName: string;
  yName: string;
  points: readonly ScatterPoint[];
  /** Reference lines through the origin, y = slope · x (e.g. σ = μ*). */
  references?: readonly { slope: number; label: string }[];
  notes?: readonly string[];
  /** Point labels longer than this are cut, with the whole label as a tooltip (default 24). */
  maxLabelChars?: number;
  width?: number;
  height?: number;
  className?: string;
}

/**
 * A scatter chart with a label by each point (moved down or up where it would overlap another,
 * to the left of the point near the right edge), optional horizontal interval whiskers and
 * reference lines through the origin. Both axes start at 0 unless a value is negative. Points
 * with a coordinate that is not finite are not drawn (a note names them).
 *
 * Points are `circle.point` with `data-label`, `data-x`, `data-y`; the root has `data-points`,
 * `data-skipped`, `data-domain-x`, `data-domain-y` and `data-plot` (`left top right bottom` pixels).
 * @throws FlywheelError RUN_INVALID_OPTION when `points` is not an array
 */
export function scatterChart(input: ScatterChartInput): SvgNode {
  checkList(input, 'points', 'scatterChart');
  const W = input.width ?? 560;
  const H0 = input.height ?? 340;
  const maxChars = input.maxLabelChars ?? 24;
  const notes = new Notes();
  const pts: { label: string; x: number; y: number; iv?: [number, number] }[] = [];
  input.points.forEach((p, i) => {
    const name = String(p?.label ?? `point ${i + 1}`);
    if (!finite(p?.x) || !finite(p?.y)) return notes.miss(name);
    const iv = p.xInterval && finite(p.xInterval[0]) && finite(p.xInterval[1]) && p.xInterval[0] <= p.xInterval[1] ? ([p.xInterval[0], p.xInterval[1]] as [number, number]) : undefined;
    if (p.xInterval && !iv) notes.noInterval(name);
    pts.push({ label: name, x: p.x, y: p.y, ...(iv ? { iv } : {}) });
  });
  const xs = pts.flatMap((p) => [p.x, ...(p.iv ?? [])]);
  const ys = pts.map((p) => p.y);
  // a little room above and right of the farthest point, for its label
  const room = (lo: number, hi: number) => hi + (hi - lo) * 0.06;
  const [xlo, xhi] = niceDomain(Math.min(0, ...xs), room(Math.min(0, ...xs), Math.max(0, ...xs)));
  const [ylo, yhi] = niceDomain(Math.min(0, ...ys), room(Math.min(0, ...ys), Math.max(0, ...ys)));
  const m = { l: 64, r: 16, t: 30, b: 44 };
  const X = (v: number) => m.l + ((W - m.l - m.r) * (v - xlo)) / (xhi - xlo);
  const Y = (v: number) => H0 - m.b - ((H0 - m.t - m.b) * (v - ylo)) / (yhi - ylo);
  const body: SvgNode[] = [];
  for (const v of linearTicks(xlo, xhi, 5)) {
    body.push(el('line', { x1: px(X(v)), x2: px(X(v)), y1: m.t, y2: H0 - m.b, stroke: v === 0 ? AXIS : GRID }));
    body.push(el('text', { x: px(X(v)), y: H0 - m.b + 14, 'font-size': 10, 'text-anchor': 'middle', fill: '#555', class: 'tick' }, undefined, tickLabel(v)));
  }
  for (const v of linearTicks(ylo, yhi, 5)) {
    body.push(el('line', { x1: m.l, x2: W - m.r, y1: px(Y(v)), y2: px(Y(v)), stroke: v === 0 ? AXIS : GRID }));
    body.push(el('text', { x: m.l - 6, y: px(Y(v) + 4), 'font-size': 10, 'text-anchor': 'end', fill: '#555', class: 'tick' }, undefined, tickLabel(v)));
  }
  body.push(el('text', { x: px(m.l + (W - m.l - m.r) / 2), y: H0 - 10, 'font-size': 10.5, 'text-anchor': 'middle', fill: TEXT, class: 'axis-name' }, undefined, input.xName));
  const my = px(m.t + (H0 - m.t - m.b) / 2);
  body.push(el('text', { x: 14, y: my, 'font-size': 10.5, 'text-anchor': 'middle', fill: TEXT, transform: `rotate(-90 14 ${my})`, class: 'axis-name' }, undefined, input.yName));
  // reference lines y = slope x, clipped to the plot
  for (const ref of input.references ?? []) {
    if (!finite(ref.slope) || ref.slope <= 0) continue;
    const x0 = Math.max(xlo, ylo / ref.slope, 0);
    const x1 = Math.min(xhi, yhi / ref.slope);
    if (!(x1 > x0)) continue;
    body.push(
      el('line', { x1: px(X(x0)), y1: px(Y(ref.slope * x0)), x2: px(X(x1)), y2: px(Y(ref.slope * x1)), stroke: '#999', 'stroke-dasharray': '4 3', class: 'reference', 'data-slope': ref.slope }),
    );
    body.push(el('text', { x: px(X(x1) - 4), y: px(Y(ref.slope * x1) + 12), 'font-size': 9.5, 'text-anchor': 'end', fill: '#777' }, undefined, ref.label));
  }
  // points, whiskers, then labels placed so that they do not overlap
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const order = pts.map((_, i) => i).sort((a, b) => pts[b]!.y - pts[a]!.y || pts[a]!.x - pts[b]!.x);
  for (const p of pts) {
    if (p.iv) {
      body.push(
        el('line', {
          x1: px(X(p.iv[0])),
          x2: px(X(p.iv[1])),
          y1: px(Y(p.y)),
          y2: px(Y(p.y)),
          stroke: '#555',
          'stroke-width': 1,
          class: 'whisker',
          'data-label': p.label,
          'data-lo': p.iv[0],
          'data-hi': p.iv[1],
        }),
      );
      for (const e of p.iv) body.push(el('line', { x1: px(X(e)), x2: px(X(e)), y1: px(Y(p.y) - 3), y2: px(Y(p.y) + 3), stroke: '#555', class: 'cap' }));
    }
  }
  pts.forEach((p, i) =>
    body.push(
      el('circle', {
        cx: px(X(p.x)),
        cy: px(Y(p.y)),
        r: 4,
        fill: PALETTE[i % PALETTE.length]!,
        stroke: '#fff',
        'stroke-width': 0.8,
        class: 'point',
        'data-label': p.label,
        'data-x': p.x,
        'data-y': p.y,
      }),
    ),
  );
  for (const i of order) {
    const p = pts[i]!;
    const text = clipLabel(p.label, maxChars);
    const w = [...text].length * 6.2;
    const cx = X(p.x);
    const cy = Y(p.y);
    const left = cx + 6 + w > W - m.r;
    const bx0 = left ? cx - 6 - w : cx + 6;
    let y = cy - 6;
    for (const dy of [0, 12, -12, 24, -24, 36, -36]) {
      const yy = cy - 6 + dy;
      if (!placed.some((b) => bx0 < b.x1 && bx0 + w > b.x0 && yy - 9 < b.y1 && yy + 2 > b.y0)) {
        y = yy;
        break;
      }
    }
    placed.push({ x0: bx0, x1: bx0 + w, y0: y - 9, y1: y + 2 });
    body.push(label({ x: px(left ? cx - 6 : cx + 6), y: px(y), 'font-size': 10, 'text-anchor': left ? 'end' : 'start', fill: TEXT, class: 'point-label' }, p.label, maxChars));
  }
  if (pts.length === 0) body.push(el('text', { x: m.l + 8, y: px(m.t + 20), 'font-size': 11, fill: '#666', class: 'empty' }, undefined, 'nothing to draw: no points'));
  const lines = noteLines([...notes.done(''), ...(input.notes ?? [])], W);
  const H = H0 + lines.length * 13 + (lines.length ? 4 : 0);
  body.push(...noteNodes(lines, 12, H0 + 8));
  return root(
    input.className ?? 'scatter-chart',
    W,
    H,
    input.title,
    { 'data-points': pts.length, 'data-skipped': notes.skipped, 'data-domain-x': `${xlo} ${xhi}`, 'data-domain-y': `${ylo} ${yhi}`, 'data-plot': `${m.l} ${m.t} ${W - m.r} ${H0 - m.b}` },
    [title(input.title, 12), ...body],
  );
}

// ---- fit against observations ---------------------------------------------------------------------

/** An observation on a fit chart: where (x, a step), its value, and whether it was fitted or held out. */
export interface FitPoint {
  x: number;
  value: number | null | undefined;
  /** `fit` (default): used by the fit; `test`: held out (the backtest's forecast). */
  part?: 'fit' | 'test';
}

/** Input of {@link fitChart}. */
export interface FitChartInput {
  title: string;
  unit?: string;
  /** The model: at steps `x`, its p5–p95 band (optional) and its central line (p50 or mean). */
  model?: { x: ArrayLike<number>; p5?: ArrayLike<number | null>; line: ArrayLike<number | null>; p95?: ArrayLike<number | null>; label?: string };
  observed: readonly FitPoint[];
  /** The step where the backtest's held-out part starts (a dashed vertical line). */
  split?: number | null;
  /** Labels of the x axis at step x (e.g. dates); default the step. */
  xLabel?: (x: number) => string;
  notes?: readonly string[];
  width?: number;
  height?: number;
  className?: string;
}

/** Runs of consecutive indices where every one of `arrays` is finite. */
function finiteRuns(n: number, ok: (i: number) => boolean): number[][] {
  const runs: number[][] = [];
  let cur: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ok(i)) cur.push(i);
    else if (cur.length) {
      runs.push(cur);
      cur = [];
    }
  }
  if (cur.length) runs.push(cur);
  return runs;
}

/**
 * Observations over a model: the model's p5–p95 band and central line, the observed points on
 * top (filled where fitted, hollow where held out for the backtest) and a dashed line where the
 * held-out part starts. Model values that are not finite break the band and line (no point is
 * invented); observations that are not finite are not drawn (a note counts them).
 *
 * Observations are `circle.observed` with `data-x`, `data-value`, `data-part`; the band is
 * `path.band`, the line `path.model`, the split `line.split` with `data-x`; the root has
 * `data-observed`, `data-skipped`, `data-domain` (y), `data-domain-x` and `data-plot`.
 * @throws FlywheelError RUN_INVALID_OPTION when `observed` is not an array
 */
export function fitChart(input: FitChartInput): SvgNode {
  checkList(input, 'observed', 'fitChart');
  const W = input.width ?? 640;
  const H0 = input.height ?? 300;
  const notes = new Notes();
  const mod = input.model;
  const n = mod ? Math.min(mod.x.length, mod.line.length) : 0;
  const at = (a: ArrayLike<number | null> | undefined, i: number) => a?.[i];
  const obs = input.observed.filter((o, i) => {
    if (finite(o?.x) && finite(o?.value)) return true;
    notes.miss(`observation ${i + 1}${finite(o?.x) ? ` (step ${o.x})` : ''}`);
    return false;
  });
  const xs: number[] = obs.map((o) => o.x);
  const ys: number[] = obs.map((o) => o.value as number);
  let badModel = 0;
  for (let i = 0; i < n; i++) {
    const x = mod!.x[i];
    if (!finite(x)) continue;
    const vals = [at(mod!.line, i), at(mod!.p5, i), at(mod!.p95, i)];
    let any = false;
    for (const v of vals) {
      if (!finite(v)) continue;
      any = true;
      ys.push(v);
    }
    if (any) xs.push(x);
    if (!finite(at(mod!.line, i))) badModel++;
  }
  if (badModel > 0) notes.lines.push(`the model line has ${badModel} step${badModel > 1 ? 's' : ''} without a value (gaps left open)`);
  const split = finite(input.split) ? input.split : undefined;
  if (split !== undefined) xs.push(split);
  let [xlo, xhi] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  if (!(xhi > xlo)) [xlo, xhi] = [xlo - 1, xhi + 1];
  let ylo = ys.length ? Math.min(...ys) : 0;
  let yhi = ys.length ? Math.max(...ys) : 1;
  if (ylo > 0 && ylo < yhi * 0.35) ylo = 0;
  [ylo, yhi] = niceDomain(ylo, yhi, 5);
  const m = { l: 64, r: 14, t: 40, b: 34 };
  const X = (v: number) => m.l + ((W - m.l - m.r) * (v - xlo)) / (xhi - xlo);
  const Y = (v: number) => H0 - m.b - ((H0 - m.t - m.b) * (v - ylo)) / (yhi - ylo);
  const body: SvgNode[] = [];
  for (const v of linearTicks(ylo, yhi, 5)) {
    body.push(el('line', { x1: m.l, x2: W - m.r, y1: px(Y(v)), y2: px(Y(v)), stroke: GRID }));
    body.push(el('text', { x: m.l - 6, y: px(Y(v) + 4), 'font-size': 10, 'text-anchor': 'end', fill: '#555', class: 'tick' }, undefined, shortNumber(v)));
  }
  const xl = input.xLabel ?? ((t: number) => String(t));
  for (const t of linearTicks(xlo, xhi, 5).filter((t) => t >= xlo && t <= xhi)) {
    body.push(el('line', { x1: px(X(t)), x2: px(X(t)), y1: H0 - m.b, y2: H0 - m.b + 4, stroke: AXIS }));
    body.push(el('text', { x: px(X(t)), y: H0 - m.b + 16, 'font-size': 10, 'text-anchor': 'middle', fill: '#555', class: 'tick' }, undefined, xl(t)));
  }
  body.push(el('line', { x1: m.l, x2: W - m.r, y1: H0 - m.b, y2: H0 - m.b, stroke: AXIS }));
  const color = PALETTE[0]!;
  if (mod) {
    const bandOk = (i: number) => finite(mod.x[i]) && finite(at(mod.p5, i)) && finite(at(mod.p95, i));
    for (const run of finiteRuns(n, bandOk)) {
      const up = run.map((i) => `${px(X(mod.x[i]!))},${px(Y(at(mod.p95, i)!))}`);
      const down = run.map((i) => `${px(X(mod.x[i]!))},${px(Y(at(mod.p5, i)!))}`).reverse();
      body.push(el('path', { d: `M${up.join('L')}L${down.join('L')}Z`, fill: color, 'fill-opacity': 0.16, stroke: run.length === 1 ? color : 'none', class: 'band' }));
    }
    for (const run of finiteRuns(n, (i) => finite(mod.x[i]) && finite(at(mod.line, i)))) {
      const d = run.map((i) => `${px(X(mod.x[i]!))},${px(Y(at(mod.line, i)!))}`);
      body.push(el('path', { d: `M${d.join('L')}${run.length === 1 ? 'h0.1' : ''}`, fill: 'none', stroke: color, 'stroke-width': 1.6, class: 'model' }));
    }
  }
  if (split !== undefined) {
    body.push(el('line', { x1: px(X(split)), x2: px(X(split)), y1: m.t, y2: H0 - m.b, stroke: '#444', 'stroke-dasharray': '5 3', class: 'split', 'data-x': split }));
    body.push(el('text', { x: px(X(split) - 4), y: m.t + 10, 'font-size': 9.5, 'text-anchor': 'end', fill: '#444' }, undefined, 'fitted'));
    body.push(el('text', { x: px(X(split) + 4), y: m.t + 10, 'font-size': 9.5, fill: '#444' }, undefined, 'held out (backtest)'));
  }
  for (const o of obs) {
    const test = o.part === 'test';
    body.push(
      el('circle', {
        cx: px(X(o.x)),
        cy: px(Y(o.value as number)),
        r: 3.2,
        fill: test ? '#fff' : '#d62728',
        stroke: '#d62728',
        'stroke-width': 1.3,
        class: 'observed',
        'data-x': o.x,
        'data-value': o.value as number,
        'data-part': test ? 'test' : 'fit',
      }),
    );
  }
  if (obs.length === 0 && n === 0) body.push(el('text', { x: m.l + 8, y: px(m.t + 20), 'font-size': 11, fill: '#666', class: 'empty' }, undefined, 'nothing to draw: no observations and no model'));
  // legend
  const legend: [SvgNode, string][] = [];
  if (mod) legend.push([el('rect', { width: 14, height: 8, fill: color, 'fill-opacity': 0.3 }), `${mod.label ?? 'model'}${mod.p5 ? ' (band p5–p95 of runs)' : ''}`]);
  legend.push([el('circle', { r: 3.2, fill: '#d62728' }), 'observed (fitted)']);
  if (obs.some((o) => o.part === 'test')) legend.push([el('circle', { r: 3.2, fill: '#fff', stroke: '#d62728' }), 'observed (held out)']);
  let lx = m.l;
  for (const [mark, text] of legend) {
    if (mark.tag === 'rect') body.push(el('rect', { ...mark.attrs, x: lx, y: 24 }));
    else body.push(el('circle', { ...mark.attrs, cx: lx + 6, cy: 28 }));
    body.push(el('text', { x: lx + 18, y: 31, 'font-size': 10, fill: TEXT }, undefined, text));
    lx += 18 + text.length * 5.6 + 14;
  }
  const lines = noteLines([...notes.done(''), ...(input.notes ?? [])], W);
  const H = H0 + lines.length * 13 + (lines.length ? 4 : 0);
  body.push(...noteNodes(lines, 12, H0 + 6));
  return root(
    input.className ?? 'fit-chart',
    W,
    H,
    input.title,
    { 'data-observed': obs.length, 'data-skipped': notes.skipped, 'data-domain': `${ylo} ${yhi}`, 'data-domain-x': `${xlo} ${xhi}`, 'data-plot': `${m.l} ${m.t} ${W - m.r} ${H0 - m.b}` },
    [title(input.unit ? `${input.title} (${input.unit})` : input.title, 12), ...body],
  );
}

/** Input of {@link residualChart}. */
export interface ResidualChartInput {
  title: string;
  points: readonly FitPoint[];
  split?: number | null;
  xLabel?: (x: number) => string;
  /** The residuals' name on the y axis (e.g. `(model − observed) / observed`). */
  yName?: string;
  width?: number;
  height?: number;
}

/**
 * Residuals over time: a stem from zero to each residual (filled where fitted, hollow where held
 * out), a zero line and the backtest split. Stems are `line.residual` with `data-x` and
 * `data-value`; values that are not finite are not drawn (a note counts them).
 */
export function residualChart(input: ResidualChartInput): SvgNode {
  checkList(input, 'points', 'residualChart');
  const W = input.width ?? 640;
  const H0 = input.height ?? 200;
  const notes = new Notes();
  const pts = input.points.filter((p, i) => {
    if (finite(p?.x) && finite(p?.value)) return true;
    notes.miss(`residual ${i + 1}`);
    return false;
  });
  const split = finite(input.split) ? input.split : undefined;
  const xs = [...pts.map((p) => p.x), ...(split !== undefined ? [split] : [])];
  let [xlo, xhi] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  if (!(xhi > xlo)) [xlo, xhi] = [xlo - 1, xhi + 1];
  const pad = (xhi - xlo) * 0.03;
  xlo -= pad;
  xhi += pad;
  const vs = pts.map((p) => p.value as number);
  const [ylo, yhi] = niceDomain(Math.min(0, ...vs), Math.max(0, ...vs), 4);
  const m = { l: 64, r: 14, t: 26, b: 34 };
  const X = (v: number) => m.l + ((W - m.l - m.r) * (v - xlo)) / (xhi - xlo);
  const Y = (v: number) => H0 - m.b - ((H0 - m.t - m.b) * (v - ylo)) / (yhi - ylo);
  const body: SvgNode[] = [];
  for (const v of linearTicks(ylo, yhi, 4)) {
    body.push(el('line', { x1: m.l, x2: W - m.r, y1: px(Y(v)), y2: px(Y(v)), stroke: v === 0 ? AXIS : GRID }));
    body.push(el('text', { x: m.l - 6, y: px(Y(v) + 4), 'font-size': 10, 'text-anchor': 'end', fill: '#555', class: 'tick' }, undefined, tickLabel(v)));
  }
  const xl = input.xLabel ?? ((t: number) => String(t));
  for (const t of linearTicks(xlo, xhi, 5).filter((t) => t >= xlo && t <= xhi))
    body.push(el('text', { x: px(X(t)), y: H0 - m.b + 16, 'font-size': 10, 'text-anchor': 'middle', fill: '#555', class: 'tick' }, undefined, xl(t)));
  if (split !== undefined) body.push(el('line', { x1: px(X(split)), x2: px(X(split)), y1: m.t, y2: H0 - m.b, stroke: '#444', 'stroke-dasharray': '5 3', class: 'split', 'data-x': split }));
  for (const p of pts) {
    const test = p.part === 'test';
    body.push(
      el('line', {
        x1: px(X(p.x)),
        x2: px(X(p.x)),
        y1: px(Y(0)),
        y2: px(Y(p.value as number)),
        stroke: '#d62728',
        'stroke-width': 1.2,
        class: 'residual',
        'data-x': p.x,
        'data-value': p.value as number,
        'data-part': test ? 'test' : 'fit',
      }),
    );
    body.push(el('circle', { cx: px(X(p.x)), cy: px(Y(p.value as number)), r: 2.6, fill: test ? '#fff' : '#d62728', stroke: '#d62728' }));
  }
  if (input.yName) {
    const my = px(m.t + (H0 - m.t - m.b) / 2);
    body.push(el('text', { x: 12, y: my, 'font-size': 9.5, 'text-anchor': 'middle', fill: TEXT, transform: `rotate(-90 12 ${my})`, class: 'axis-name' }, undefined, clipLabel(input.yName, 30)));
  }
  if (pts.length === 0) body.push(el('text', { x: m.l + 8, y: px(m.t + 20), 'font-size': 11, fill: '#666', class: 'empty' }, undefined, 'nothing to draw: no residuals'));
  const lines = noteLines(notes.done(''), W);
  const H = H0 + lines.length * 13 + (lines.length ? 4 : 0);
  body.push(...noteNodes(lines, 12, H0 + 6));
  return root('residual-chart', W, H, input.title, { 'data-points': pts.length, 'data-skipped': notes.skipped, 'data-domain': `${ylo} ${yhi}`, 'data-plot': `${m.l} ${m.t} ${W - m.r} ${H0 - m.b}` }, [
    title(input.title, 12),
    ...body,
  ]);
}

// ---- probabilities ----------------------------------------------------------------------------------

/** One probability of a {@link probabilityChart}. */
export interface ProbabilityItem {
  label: string;
  probability: number | null | undefined;
  interval?: readonly [number | null | undefined, number | null | undefined] | null | undefined;
  /** Text written after the value, e.g. `214/1000`. */
  detail?: string;
}

/** Input of {@link probabilityChart}. */
export interface ProbabilityChartInput {
  title: string;
  items: readonly ProbabilityItem[];
  /**
   * `linear`, `log`, or `auto` (default): log when the largest positive figure drawn (probability
   * or interval end) is at least 100 times the smallest, so that a rare event's bar and interval
   * are visible beside a common one.
   */
  scale?: 'linear' | 'log' | 'auto';
  /** Lowest value of the log axis (default: the power of ten at or below the smallest positive figure). */
  floor?: number;
  notes?: readonly string[];
  maxLabelChars?: number;
  width?: number;
}

/** The scale `auto` picks for these probabilities. */
export function probabilityScale(items: readonly ProbabilityItem[]): 'linear' | 'log' {
  const pos = items.flatMap((i) => [i.probability, ...(i.interval ?? [])]).filter((v): v is number => finite(v) && v > 0 && v <= 1);
  return pos.length > 0 && Math.max(...pos) >= 100 * Math.min(...pos) ? 'log' : 'linear';
}

const probFormat = (v: number) => (v === 0 ? '0' : v < 1e-3 ? v.toExponential(2) : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '.0'));

/**
 * Event probabilities as horizontal bars with interval whiskers (Wilson intervals, an
 * estimator's ± z·SE), on a linear axis from 0 or a log axis for rare events (see `scale`). A
 * probability outside [0, 1] or not finite is not drawn (a note names it); on a log axis a
 * probability of 0 is a hollow mark at the floor and its whisker starts there. See
 * {@link intervalBarChart} for the elements and data attributes (the root's class is
 * `probability-chart`).
 * @throws FlywheelError RUN_INVALID_OPTION when `items` is not an array or `scale` is unknown
 * @example
 * ```ts
 * probabilityChart({ title: 'events', items: [{ label: 'price<1@end', probability: 0.214, interval: [0.19, 0.241] }] });
 * ```
 */
export function probabilityChart(input: ProbabilityChartInput): SvgNode {
  checkList(input, 'items', 'probabilityChart');
  const scale = input.scale ?? 'auto';
  if (scale !== 'auto' && scale !== 'linear' && scale !== 'log') bad('probabilityChart.scale', scale, 'unknown scale', 'Use "linear", "log" or "auto".');
  const notes: string[] = [];
  const rows: IntervalBarRow[] = input.items.map((it, i) => {
    const name = String(it?.label ?? `event ${i + 1}`);
    const p = it?.probability;
    const inRange = finite(p) && p >= 0 && p <= 1;
    if (finite(p) && !inRange) notes.push(`${name}: ${p} is not a probability (outside 0 … 1), not drawn`);
    return { label: name, bars: [{ value: inRange ? p : null, interval: it?.interval ?? null, ...(it?.detail ? { detail: it.detail } : {}) }] };
  });
  const s = scale === 'auto' ? probabilityScale(input.items) : scale;
  return intervalBarChart({
    title: input.title,
    series: [{ name: 'probability', color: '#d62728' }],
    rows,
    // a log axis runs up to certainty, so that how rare an event is shows as decades below 1
    domain: s === 'log' ? [0, 1] : [0, 0],
    scale: s,
    ...(input.floor !== undefined ? { floor: input.floor } : {}),
    format: probFormat,
    xName: s === 'log' ? 'probability (log scale)' : 'probability',
    notes: [...notes, ...(input.notes ?? [])],
    ...(input.maxLabelChars !== undefined ? { maxLabelChars: input.maxLabelChars } : {}),
    ...(input.width !== undefined ? { width: input.width } : {}),
    className: 'probability-chart',
  });
}

// ---- the analyses' results --------------------------------------------------------------------------

function need(cond: boolean, path: string, value: unknown, message: string, hint: string): asserts cond {
  if (!cond) bad(path, value, message, hint);
}

/**
 * The Sobol indices of a sensitivity result: per parameter an S1 and an ST bar with their
 * bootstrap percentile intervals as whiskers, sorted by ST (largest first), on an axis covering
 * [0, 1] (widened for estimates outside it).
 * @throws FlywheelError RUN_INVALID_OPTION for a result that is not a Sobol analysis
 * @example
 * ```ts
 * svgToString(sobolChart(await sensitivity(spec, { params, output: 'finalPriceP50' })));
 * ```
 */
export function sobolChart(r: SensitivityResult, options: { width?: number } = {}): SvgNode {
  need(
    r?.method === 'sobol' && Array.isArray(r.sobol),
    'result',
    r?.method,
    'sobolChart needs a Sobol sensitivity result',
    'Run sensitivity with method "sobol" (the default), or draw a Morris result with morrisChart.',
  );
  const pct = Math.round((r.confidence ?? 0.95) * 100);
  return intervalBarChart({
    title: `Sobol indices of ${r.output}`,
    series: [
      { name: 'S1 (first order)', color: PALETTE[0]! },
      { name: 'ST (total)', color: PALETTE[4]! },
    ],
    rows: r.sobol.map((s) => ({
      label: s.param,
      bars: [
        { value: s.S1, interval: s.S1Interval },
        { value: s.ST, interval: s.STInterval },
      ],
    })),
    sortBy: 1,
    domain: [0, 1],
    xName: 'share of the output variance',
    notes: [`whiskers: ${pct}% bootstrap percentile intervals; rows sorted by ST; ${r.evaluations} evaluations`],
    ...(options.width !== undefined ? { width: options.width } : {}),
    className: 'interval-bar-chart sobol-chart',
  });
}

/** μ*'s interval as drawn and tabled: μ* ± its half-width, the lower end cut at 0 (μ* is a mean of absolute values); null without one. */
export function morrisInterval(e: { muStar: number; muStarConf: number }): [number, number] | null {
  return finite(e.muStar) && finite(e.muStarConf) ? [Math.max(0, e.muStar - e.muStarConf), e.muStar + e.muStarConf] : null;
}

/**
 * The Morris screen of a sensitivity result: μ* on x (with its bootstrap interval) against σ on
 * y, a point per parameter labelled with its name, and the line σ = μ* (above it: non-linear or
 * interacting).
 * @throws FlywheelError RUN_INVALID_OPTION for a result that is not a Morris analysis
 */
export function morrisChart(r: SensitivityResult, options: { width?: number; height?: number } = {}): SvgNode {
  need(
    r?.method === 'morris' && Array.isArray(r.morris),
    'result',
    r?.method,
    'morrisChart needs a Morris sensitivity result',
    'Run sensitivity with method "morris", or draw a Sobol result with sobolChart.',
  );
  const pct = Math.round((r.confidence ?? 0.95) * 100);
  return scatterChart({
    title: `Morris screen of ${r.output}`,
    xName: 'μ* (mean |elementary effect|, output units per range)',
    yName: 'σ (spread of the effects)',
    points: r.morris.map((e) => ({ label: e.param, x: e.muStar, y: e.sigma, xInterval: morrisInterval(e) })),
    references: [{ slope: 1, label: 'σ = μ*' }],
    notes: [`whiskers: μ* ± ${pct}% bootstrap half-width (μ* ≥ 0: cut at 0); right: influential; above the dashed line: non-linear or interacting`],
    ...options,
    className: 'scatter-chart morris-chart',
  });
}

/** The model's band at the observations' steps (or at every step), for {@link calibrationChart}. */
export interface FitBand {
  x: readonly number[];
  p5: readonly (number | null)[];
  p95: readonly (number | null)[];
  /** The central line: the statistic the fit used (p50 or mean). */
  line: readonly (number | null)[];
}

const rowsToPoints = (rows: readonly FitRow[], part: 'fit' | 'test', key: 'observed' | 'residual'): FitPoint[] => rows.map((r) => ({ x: r.step, value: r[key], part }));

/** Where a calibration's held-out part starts: halfway between the last fitted and the first held-out step. */
export function splitStep(r: Pick<CalibrationResult, 'fit' | 'backtest'>): number | undefined {
  const last = r.fit[r.fit.length - 1];
  const first = r.backtest?.forecast[0];
  return last && first ? (last.step + first.step) / 2 : undefined;
}

/**
 * A calibration's fit against its observations: the observed series (fitted rows filled, the
 * backtest's held-out rows hollow), the model at the fitted values (its p5–p95 band and central
 * line when `band` is given, else the fitted model values of the rows) and the split.
 * @throws FlywheelError RUN_INVALID_OPTION for a result without fit rows
 */
export function calibrationChart(r: CalibrationResult, band?: FitBand, options: { xLabel?: (x: number) => string; unit?: string; width?: number } = {}): SvgNode {
  need(Array.isArray(r?.fit), 'result.fit', r?.fit, 'calibrationChart needs a calibration result', 'Pass what calibrate() returns.');
  const rows = [...r.fit, ...(r.backtest?.forecast ?? [])];
  const statName = r.stat === 'mean' ? 'mean' : 'p50';
  const model = band
    ? { x: band.x, p5: band.p5, p95: band.p95, line: band.line, label: `model at the fitted values, ${statName}` }
    : { x: rows.map((x) => x.step), line: rows.map((x) => x.model), label: `model at the fitted values, ${statName}` };
  const split = splitStep(r);
  return fitChart({
    title: `${r.metric}: fit against the observations`,
    ...(options.unit ? { unit: options.unit } : {}),
    model,
    observed: [...rowsToPoints(r.fit, 'fit', 'observed'), ...rowsToPoints(r.backtest?.forecast ?? [], 'test', 'observed')],
    split: split ?? null,
    ...(options.xLabel ? { xLabel: options.xLabel } : {}),
    ...(options.width !== undefined ? { width: options.width } : {}),
  });
}

/** A calibration's residuals over time (the loss's units), with the backtest split. */
export function calibrationResiduals(r: CalibrationResult, options: { xLabel?: (x: number) => string; width?: number } = {}): SvgNode {
  need(Array.isArray(r?.fit), 'result.fit', r?.fit, 'calibrationResiduals needs a calibration result', 'Pass what calibrate() returns.');
  const split = splitStep(r);
  const yName = r.loss === 'relative' ? '(model − observed) / observed' : r.loss === 'log' ? 'ln(model / observed)' : 'model − observed';
  return residualChart({
    title: `residuals (${r.loss})`,
    points: [...rowsToPoints(r.fit, 'fit', 'residual'), ...rowsToPoints(r.backtest?.forecast ?? [], 'test', 'residual')],
    split: split ?? null,
    yName,
    ...options,
  });
}

/** The event probabilities of a risk result with their Wilson intervals (`scale` as in {@link probabilityChart}). */
export function riskChart(r: RiskResult, options: { scale?: 'linear' | 'log' | 'auto'; width?: number } = {}): SvgNode {
  need(Array.isArray(r?.events), 'result.events', r?.events, 'riskChart needs a risk result', 'Pass what risk() returns.');
  const pct = Math.round((r.confidence ?? 0.95) * 100);
  return probabilityChart({
    title: `event probabilities over ${r.runs} runs`,
    items: r.events.map((e) => ({ label: e.event, probability: e.probability, interval: e.interval, detail: `${e.hits}/${e.runs}` })),
    notes: [`whiskers: Wilson ${pct}% intervals`],
    ...options,
  });
}

/** A rare-event estimate: importance sampling against plain Monte Carlo over the prior, each with its interval. */
export function rareEventChart(x: RareEventResult, options: { scale?: 'linear' | 'log' | 'auto'; width?: number } = {}): SvgNode {
  need(x !== null && typeof x === 'object' && typeof x.importance === 'object', 'result', x, 'rareEventChart needs a rare-event result', 'Pass what rareEvent() returns.');
  return probabilityChart({
    title: `P(${x.event}) under parameter uncertainty`,
    items: [
      { label: 'importance sampling', probability: x.importance.probability, interval: x.importance.interval, detail: `${x.importance.evaluations} MC` },
      ...(x.plain ? [{ label: 'plain Monte Carlo', probability: x.plain.probability, interval: x.plain.interval, detail: `${x.plain.evaluations} MC` }] : []),
    ],
    notes: ['whiskers: ± z·standard error (plain, with no hit: Wilson interval)'],
    ...options,
  });
}
