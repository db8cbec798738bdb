/**
 * Fan charts as plain SVG, with no chart library and no DOM: a chart is a small tree of
 * {@link SvgNode}s that `svgToString` writes as markup (the offline HTML report) and the playground
 * turns into DOM nodes with `createElementNS` and `textContent` (so no string from a spec is ever
 * parsed as markup, and nothing needs `unsafe-inline` or `unsafe-eval` under a strict
 * Content-Security-Policy). Every colour and line style is an SVG presentation attribute, not a
 * `style` attribute, for the same reason.
 * @packageDocumentation
 */

/** An SVG element: its tag, attributes, children and text (text is data, never markup). */
export interface SvgNode {
  tag: string;
  attrs: Record<string, string | number>;
  children?: SvgNode[];
  text?: string;
}

/** One band of a fan chart: the p5–p95 band and the p50 line of one metric (or one scenario). */
export interface FanSeries {
  label: string;
  p5: ArrayLike<number>;
  p50: ArrayLike<number>;
  p95: ArrayLike<number>;
  /** Any CSS colour (default: a palette colour by position). */
  color?: string;
  /** Drawn dashed (e.g. the pinned scenario of a comparison). */
  dashed?: boolean;
  /** A few runs' own paths, drawn as thin lines over the band (sample paths). */
  paths?: ArrayLike<number>[];
}

/** Input of {@link fanChart}. */
export interface FanChartInput {
  title: string;
  /** Unit shown after the title (e.g. `HNT`, `USD`). */
  unit?: string;
  series: FanSeries[];
  /** Labels of the x axis at step t (e.g. dates); default the step number. */
  xLabel?: (t: number) => string;
  width?: number;
  height?: number;
  /** Most points drawn per line (default 400): longer series are thinned to every k-th step, with the last step kept. */
  maxPoints?: number;
}

/** The colours of the series, in order. */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];

/**
 * A number in a short form: 1.23B, 4.56M, 12.3k, 123, 1.23, 0.0123.
 * @example
 * ```ts
 * shortNumber(180_506_849); // '180.51M'
 * ```
 */
export function shortNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1e12) return `${(v / 1e12).toFixed(2)}T`;
  if (a >= 1e9) return `${(v / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return v.toFixed(2);
  if (a === 0) return '0';
  if (a >= 1e-4) return v.toFixed(4);
  return v.toExponential(2);
}

/** About `n` round tick values from lo to hi. */
export function ticks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** The steps drawn: every k-th of 0..n-1 with the last one kept. */
function thin(n: number, maxPoints: number): number[] {
  const k = Math.max(1, Math.ceil(n / maxPoints));
  const idx: number[] = [];
  for (let t = 0; t < n; t += k) idx.push(t);
  if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return idx;
}

const el = (tag: string, attrs: Record<string, string | number>, children?: SvgNode[], text?: string): SvgNode => ({
  tag,
  attrs,
  ...(children ? { children } : {}),
  ...(text !== undefined ? { text } : {}),
});

/**
 * A fan chart: for each series a p5–p95 band and a p50 line, with axes, ticks, a legend and a
 * title. Values that are not finite are skipped. The root carries `data-points` (points per line)
 * and `data-series` (series drawn), which tests read.
 * @example
 * ```ts
 * const s = result.metric('price');
 * svgToString(fanChart({ title: 'price', unit: 'USD', series: [{ label: 'HNT', ...s }] }));
 * ```
 */
export function fanChart(input: FanChartInput): SvgNode {
  const W = input.width ?? 560;
  const H = input.height ?? 260;
  const m = { l: 64, r: 12, t: 40, b: 34 };
  const n = Math.max(0, ...input.series.map((s) => s.p50.length));
  const idx = thin(n, input.maxPoints ?? 400);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of input.series) {
    for (const t of idx) {
      for (const v of [s.p5[t], s.p50[t], s.p95[t]]) {
        if (v !== undefined && Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (lo > 0 && lo < hi * 0.35) lo = 0; // start at 0 unless the values sit far from it
  if (hi === lo) {
    hi = lo + (Math.abs(lo) || 1) * 0.5;
    lo -= (Math.abs(lo) || 1) * 0.5;
  }
  const pad = (hi - lo) * 0.04;
  hi += pad;
  if (lo !== 0) lo -= pad;
  // legend: rows under the title, wrapping when full; the plot starts below them
  const legend: { x: number; y: number; color: string; label: string; dashed: boolean }[] = [];
  let lx = m.l;
  let ly = 32;
  input.series.forEach((s, i) => {
    const label = `${s.label}${s.dashed ? ' (pinned)' : ''}`;
    const w = 20 + Math.min(260, 6 * label.length) + 14;
    if (lx + w > W - m.r && lx > m.l) {
      lx = m.l;
      ly += 14;
    }
    legend.push({ x: lx, y: ly, color: s.color ?? PALETTE[i % PALETTE.length]!, label, dashed: !!s.dashed });
    lx += w;
  });
  m.t = ly + 12;
  const x = (t: number) => m.l + ((W - m.l - m.r) * t) / Math.max(1, n - 1);
  const y = (v: number) => H - m.b - ((H - m.t - m.b) * (v - lo)) / (hi - lo);
  const f = (v: number) => v.toFixed(1);
  const children: SvgNode[] = [];
  children.push(el('text', { x: m.l, y: 16, 'font-size': 13, 'font-weight': 'bold', fill: '#222' }, undefined, input.unit ? `${input.title} (${input.unit})` : input.title));
  // y axis: grid lines and labels
  for (const v of ticks(lo, hi, 5)) {
    children.push(el('line', { x1: m.l, x2: W - m.r, y1: f(y(v)), y2: f(y(v)), stroke: '#e4e4e4', 'stroke-width': 1 }));
    children.push(el('text', { x: m.l - 6, y: f(y(v) + 4), 'font-size': 10, 'text-anchor': 'end', fill: '#555' }, undefined, shortNumber(v)));
  }
  // x axis: about five labels
  const xl = input.xLabel ?? ((t: number) => String(t));
  for (const t of ticks(0, Math.max(1, n - 1), 5).filter((t) => Number.isInteger(t))) {
    children.push(el('line', { x1: f(x(t)), x2: f(x(t)), y1: H - m.b, y2: H - m.b + 4, stroke: '#888' }));
    children.push(el('text', { x: f(x(t)), y: H - m.b + 16, 'font-size': 10, 'text-anchor': 'middle', fill: '#555' }, undefined, xl(t)));
  }
  children.push(el('line', { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, stroke: '#888' }));
  input.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    const ok = idx.filter((t) => [s.p5[t], s.p50[t], s.p95[t]].every((v) => v !== undefined && Number.isFinite(v)));
    if (ok.length === 0) return;
    const upper = ok.map((t) => `${f(x(t))},${f(y(s.p95[t]!))}`);
    const lower = ok.map((t) => `${f(x(t))},${f(y(s.p5[t]!))}`).reverse();
    children.push(el('path', { d: `M${upper.join('L')}L${lower.join('L')}Z`, fill: color, 'fill-opacity': s.dashed ? 0.1 : 0.18, stroke: 'none', class: 'band', 'data-series': s.label }));
    for (const path of s.paths ?? []) {
      const pts = idx.filter((t) => path[t] !== undefined && Number.isFinite(path[t]!));
      if (pts.length > 1)
        children.push(
          el('path', {
            d: `M${pts.map((t) => `${f(x(t))},${f(y(path[t]!))}`).join('L')}`,
            fill: 'none',
            stroke: color,
            'stroke-width': 0.6,
            'stroke-opacity': 0.45,
            class: 'sample',
            'data-series': s.label,
          }),
        );
    }
    children.push(
      el('path', {
        d: `M${ok.map((t) => `${f(x(t))},${f(y(s.p50[t]!))}`).join('L')}`,
        fill: 'none',
        stroke: color,
        'stroke-width': 1.6,
        ...(s.dashed ? { 'stroke-dasharray': '5 3' } : {}),
        class: 'p50',
        'data-series': s.label,
      }),
    );
  });
  for (const l of legend) {
    children.push(el('line', { x1: l.x, x2: l.x + 16, y1: l.y - 4, y2: l.y - 4, stroke: l.color, 'stroke-width': 2, ...(l.dashed ? { 'stroke-dasharray': '5 3' } : {}) }));
    children.push(el('text', { x: l.x + 20, y: l.y, 'font-size': 10.5, fill: '#333' }, undefined, l.label));
  }
  children.push(el('text', { x: m.l, y: H - 4, 'font-size': 9, fill: '#777' }, undefined, 'band: p5–p95 of runs; line: p50'));
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${W} ${H}`,
      width: W,
      height: H,
      role: 'img',
      'aria-label': input.title,
      class: 'fan-chart',
      'data-points': idx.length,
      'data-series': input.series.length,
    },
    children,
  );
}

/** Escapes text for HTML and XML, in text and in attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The markup of an {@link SvgNode} tree; every attribute value and text is escaped.
 * @example
 * ```ts
 * svgToString({ tag: 'text', attrs: { x: 1 }, text: '<b>' }); // '<text x="1">&lt;b&gt;</text>'
 * ```
 */
export function svgToString(node: SvgNode): string {
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(node.tag)) throw new TypeError(`svgToString: bad tag ${node.tag}`);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => {
      if (!/^[a-zA-Z_:][a-zA-Z0-9_:.-]*$/.test(k) || /^on/i.test(k)) throw new TypeError(`svgToString: bad attribute ${k}`);
      return ` ${k}="${escapeXml(String(v))}"`;
    })
    .join('');
  const inner = (node.text !== undefined ? escapeXml(node.text) : '') + (node.children ?? []).map(svgToString).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}

/** Input of {@link heatMap}. */
export interface HeatMapInput {
  title: string;
  xName: string;
  yName: string;
  xs: readonly number[];
  ys: readonly number[];
  /** values[j][i]: the figure at ys[j], xs[i] (null where there is none). */
  values: readonly (readonly (number | null)[])[];
  /** How a cell's value is written (default {@link shortNumber}). */
  format?: (v: number | null) => string;
  width?: number;
  height?: number;
}

/** A colour from light yellow (t = 0) to dark blue (t = 1), through green. */
export function ramp(t: number): string {
  const stops = [
    [255, 247, 188],
    [127, 205, 187],
    [44, 127, 184],
    [37, 52, 148],
  ];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const c = stops[i]!.map((a, k) => Math.round(a + (stops[i + 1]![k]! - a) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/**
 * A heat map of one figure over two parameters (a sweep's grid): one cell per point, its colour on
 * a ramp from the lowest value to the highest, its value written in it. Cells carry
 * `data-x`, `data-y` and `data-value` (tests read them).
 * @example
 * ```ts
 * heatMap({ title: 'final price p50', xName: 'growth', yName: 'sigma', xs: [0.1, 0.4], ys: [0.2, 0.3], values: [[1, 2], [3, 4]] });
 * ```
 */
export function heatMap(input: HeatMapInput): SvgNode {
  const W = input.width ?? 560;
  const H = input.height ?? 340;
  const m = { l: 76, r: 12, t: 28, b: 44 };
  const nx = input.xs.length;
  const ny = input.ys.length;
  const cw = (W - m.l - m.r) / Math.max(1, nx);
  const ch = (H - m.t - m.b) / Math.max(1, ny);
  const all = input.values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const fmt = input.format ?? shortNumber;
  const axis = (v: number) => (Math.abs(v) >= 1e4 ? shortNumber(v) : String(Number(v.toPrecision(4))));
  const children: SvgNode[] = [el('text', { x: m.l, y: 16, 'font-size': 13, 'font-weight': 'bold', fill: '#222' }, undefined, input.title)];
  input.ys.forEach((yv, j) => {
    const y = m.t + (ny - 1 - j) * ch; // the first y at the bottom
    children.push(el('text', { x: m.l - 6, y: (y + ch / 2 + 4).toFixed(1), 'font-size': 10, 'text-anchor': 'end', fill: '#555' }, undefined, axis(yv)));
    input.xs.forEach((xv, i) => {
      const v = input.values[j]?.[i] ?? null;
      const t = v === null || !Number.isFinite(v) ? 0 : hi > lo ? (v - lo) / (hi - lo) : 0.5;
      const x = m.l + i * cw;
      children.push(
        el('rect', {
          x: x.toFixed(1),
          y: y.toFixed(1),
          width: (cw - 1).toFixed(1),
          height: (ch - 1).toFixed(1),
          fill: v === null ? '#eee' : ramp(t),
          class: 'cell',
          'data-x': xv,
          'data-y': yv,
          'data-value': String(v),
        }),
      );
      children.push(el('text', { x: (x + cw / 2).toFixed(1), y: (y + ch / 2 + 4).toFixed(1), 'font-size': 11, 'text-anchor': 'middle', fill: t > 0.55 ? '#fff' : '#222' }, undefined, fmt(v)));
    });
  });
  input.xs.forEach((xv, i) => children.push(el('text', { x: (m.l + i * cw + cw / 2).toFixed(1), y: H - m.b + 14, 'font-size': 10, 'text-anchor': 'middle', fill: '#555' }, undefined, axis(xv))));
  children.push(el('text', { x: (m.l + (W - m.l - m.r) / 2).toFixed(1), y: H - 8, 'font-size': 11, 'text-anchor': 'middle', fill: '#333' }, undefined, input.xName));
  children.push(
    el(
      'text',
      { x: 12, y: (m.t + (H - m.t - m.b) / 2).toFixed(1), 'font-size': 11, 'text-anchor': 'middle', fill: '#333', transform: `rotate(-90 12 ${(m.t + (H - m.t - m.b) / 2).toFixed(1)})` },
      undefined,
      input.yName,
    ),
  );
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': input.title, class: 'heat-map' }, children);
}
