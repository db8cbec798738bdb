/**
 * The offline HTML report (`flywheel report`): one self-contained file with inline SVG fan
 * charts, the summary scorecard, the yearly table, the parameters with their sources, the model's
 * calibration table and the run settings and seed. No script, no external file: it opens offline.
 * Pure functions (no file access), usable in a browser too (`@flywheel/sdk/report`).
 * @packageDocumentation
 */
import { fanChart, shortNumber, svgToString, type FanSeries, type SvgNode } from './chart.js';
import { h, reportPage, table } from './report-html.js';
import type { RunResult, Summary, YearRow } from './result.js';
import type { ParamSource } from './sources.js';

export * from './chart.js';
export * from './chart-analysis.js';
export * from './report-analysis.js';
export * from './sources.js';

/** One chart of the standard set: a title, a unit and the metrics drawn on it. */
export interface ChartGroup {
  id: string;
  title: string;
  unit: string;
  metrics: string[];
}

/** Metrics drawn by the standard charts rather than as the model's own. */
const STANDARD = new Set([
  'totalSupply',
  'circulatingSupply',
  'cumulativeMinted',
  'cumulativeBurned',
  'price',
  'activeProviders',
  'minted',
  'burned',
  'marketCap',
  'fdv',
  'inflationAnnualised',
  'burnMintRatio',
  'providerRevenueUsd',
  'stakedSupply',
]);

/**
 * The charts of a result: total and circulating supply, minted vs burned (cumulative), price,
 * active providers, then one chart per metric of the model's own (signals, block outputs), in the
 * result's order. Metrics the result does not hold are left out.
 * @example
 * ```ts
 * chartGroups(result.metrics, 'HNT').map((g) => g.title); // ['supply', 'minted vs burned', 'price', ...]
 * ```
 */
export function chartGroups(metrics: readonly string[], asset: string): ChartGroup[] {
  const has = (m: string) => metrics.includes(m);
  const groups: ChartGroup[] = [
    { id: 'supply', title: 'total and circulating supply', unit: asset, metrics: ['totalSupply', 'circulatingSupply'].filter(has) },
    { id: 'mintBurn', title: 'minted vs burned (cumulative)', unit: asset, metrics: ['cumulativeMinted', 'cumulativeBurned'].filter(has) },
    { id: 'price', title: 'price', unit: 'USD', metrics: ['price'].filter(has) },
    { id: 'providers', title: 'active providers', unit: 'providers', metrics: ['activeProviders'].filter(has) },
    ...metrics.filter((m) => !STANDARD.has(m)).map((m) => ({ id: `own:${m}`, title: m, unit: '', metrics: [m] })),
  ];
  return groups.filter((g) => g.metrics.length > 0);
}

/** The series of a chart group, from one result (and, dashed, from a pinned one to compare). */
export function groupSeries(group: ChartGroup, result: Pick<RunResult, 'metric' | 'has'>, label = '', dashed = false): FanSeries[] {
  return group.metrics.filter((m) => result.has(m)).map((m) => ({ label: label ? `${m} ${label}` : m, ...result.metric(m), dashed }));
}

/** The scorecard's rows: a label, the summary field and how it is shown. */
export const SUMMARY_ROWS: readonly { key: keyof Summary; label: string; kind: 'number' | 'usd' | 'ratio' | 'percent' | 'years' }[] = [
  { key: 'years', label: 'horizon (years)', kind: 'years' },
  { key: 'finalTotalSupplyP50', label: 'final total supply, p50', kind: 'number' },
  { key: 'finalCirculatingSupplyP50', label: 'final circulating supply, p50', kind: 'number' },
  { key: 'finalPriceP5', label: 'final price, p5', kind: 'usd' },
  { key: 'finalPriceP50', label: 'final price, p50', kind: 'usd' },
  { key: 'finalPriceP95', label: 'final price, p95', kind: 'usd' },
  { key: 'cumulativeMintedMean', label: 'minted (mean, cumulative)', kind: 'number' },
  { key: 'cumulativeBurnedMean', label: 'burned (mean, cumulative)', kind: 'number' },
  { key: 'burnMintRatioOverall', label: 'burned / minted', kind: 'ratio' },
  { key: 'supplyGrowthPerYear', label: 'supply growth per year', kind: 'percent' },
  { key: 'finalActiveProvidersP50', label: 'final active providers, p50', kind: 'number' },
  { key: 'peakActiveProvidersP50', label: 'peak active providers, p50', kind: 'number' },
];

/** A summary figure as shown in the scorecard. */
export function formatFigure(v: number | null, kind: (typeof SUMMARY_ROWS)[number]['kind']): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (kind === 'usd') return `$${shortNumber(v)}`;
  if (kind === 'ratio') return v.toFixed(3);
  if (kind === 'percent') return `${(v * 100).toFixed(2)}%`;
  if (kind === 'years') return v.toFixed(2);
  return shortNumber(v);
}

/** The yearly table's columns. */
export const YEAR_COLUMNS: readonly { key: keyof YearRow; label: string }[] = [
  { key: 'year', label: 'year' },
  { key: 'date', label: 'end date' },
  { key: 'totalSupplyP50', label: 'total supply p50' },
  { key: 'circulatingSupplyP50', label: 'circulating p50' },
  { key: 'minted', label: 'minted' },
  { key: 'burned', label: 'burned' },
  { key: 'burnMintRatio', label: 'burn/mint' },
  { key: 'inflation', label: 'inflation' },
  { key: 'priceP5', label: 'price p5' },
  { key: 'priceP50', label: 'price p50' },
  { key: 'priceP95', label: 'price p95' },
  { key: 'activeProvidersP50', label: 'active providers p50' },
];

/** A yearly-table cell as shown. */
export function formatYearCell(row: YearRow, key: keyof YearRow): string {
  const v = row[key];
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (key === 'year') return String(v);
  if (key === 'burnMintRatio') return v.toFixed(3);
  if (key === 'inflation') return `${(v * 100).toFixed(2)}%`;
  if (key.startsWith('price')) return `$${shortNumber(v)}`;
  return shortNumber(v);
}

/** Input of {@link renderReport}. */
export interface ReportInput {
  result: RunResult;
  /** The spec that was run (its parameters, description and main asset are shown). */
  spec: { name: string; description?: string | undefined; mainAsset: string; params?: Record<string, number> | undefined };
  /** The model's default parameters, to show what was changed. */
  defaults?: Record<string, number> | undefined;
  /** The `--set` changes, as given. */
  sets?: readonly [string, unknown][];
  /** Parameter sources (see `paramSources`). */
  sources?: Record<string, ParamSource> | undefined;
  /** The calibration table: a header row, then rows (from the model's docs page). */
  calibration?: string[][] | undefined;
  /** Where the calibration table comes from (shown under it). */
  calibrationSource?: string | undefined;
  /** When the report was made (ISO text; left out when absent, so a report can be reproducible). */
  generated?: string | undefined;
  /** The SDK version. */
  version?: string | undefined;
}

/**
 * The report as one HTML document: no script, no external resource (charts are inline SVG), every
 * string from the spec escaped.
 * @example
 * ```ts
 * writeFileSync('helium.html', renderReport({ result, spec }));
 * ```
 */
export function renderReport(input: ReportInput): string {
  const { result, spec } = input;
  const params = spec.params ?? {};
  const xLabel = (t: number) => result.dateAt(t) ?? `${result.step} ${t}`;
  const charts: SvgNode[] = chartGroups(result.metrics, spec.mainAsset).map((g) => fanChart({ title: g.title, unit: g.unit, series: groupSeries(g, result), xLabel, width: 640, height: 280 }));
  const s = result.summary();
  const settings: [string, string][] = [
    ['model', result.model],
    ['runs', String(result.runs)],
    ['steps', `${result.steps} × ${result.step} (${((result.steps * result.stepDays) / 365).toFixed(2)} years)`],
    ['start', result.start ?? '—'],
    ['seed', String(result.seed)],
    ['engine', result.engine],
    ['statistics', result.statistics === 'exact' ? 'exact percentiles' : `streaming percentiles (within ±${(result.percentileBound * 100).toFixed(2)}%)`],
    ['changes (--set)', (input.sets ?? []).length ? (input.sets ?? []).map(([p, v]) => `${p}=${JSON.stringify(v)}`).join(', ') : 'none'],
    ...(input.version ? [['SDK version', input.version] as [string, string]] : []),
    ...(input.generated ? [['generated', input.generated] as [string, string]] : []),
  ];
  const paramRows = Object.entries(params).map(([k, v]) => {
    const src = input.sources?.[k];
    const def = input.defaults?.[k];
    return [k, String(v), def !== undefined && def !== v ? String(def) : '', src?.tags.join(', ') ?? '', src?.note ?? ''];
  });
  return reportPage(`Flywheel report: ${result.model}`, [
    h('h1', `Flywheel report: ${spec.name}`),
    spec.description ? h('p', spec.description) : '',
    h('h2', 'Run settings'),
    table(['setting', 'value'], settings, 'settings'),
    h('h2', 'Summary'),
    table(
      ['figure', 'value'],
      SUMMARY_ROWS.map((r) => [r.label, formatFigure(s[r.key], r.kind)]),
      'summary',
    ),
    h('h2', 'Charts'),
    `<div class="charts">${charts.map(svgToString).join('')}</div>`,
    h('h2', 'Yearly table'),
    h('p', 'supply and price: p50 at year end; minted/burned: mean over the year; inflation: growth of the mean total supply', ' class="note"'),
    table(
      YEAR_COLUMNS.map((c) => c.label),
      result.yearly().map((r) => YEAR_COLUMNS.map((c) => formatYearCell(r, c.key))),
      'yearly',
    ),
    h('h2', 'Parameters'),
    paramRows.length ? table(['parameter', 'value', 'default (if changed)', 'source tags', 'source note'], paramRows, 'params') : h('p', 'This spec has no parameters.'),
    h('p', 'Tags: SEED the source document (Oct 2024), OFF official documents or code, DER derived by arithmetic, 3P third party, UNC unconfirmed, ASSUMPTION a modelling choice.', ' class="note"'),
    h('h2', 'Calibration'),
    input.calibration && input.calibration.length > 1 ? table(input.calibration[0]!, input.calibration.slice(1), 'calibration') : h('p', 'No calibration table was found for this model.'),
    input.calibrationSource ? h('p', `From ${input.calibrationSource}; the figures there are held by the model's tests.`, ' class="note"') : '',
  ]);
}

/**
 * The first Markdown table under a heading that names calibration (or "which seed figures the model reproduces"), as rows of cells (header
 * first), with inline Markdown marks (`**`, backquotes, links) removed.
 * @example
 * ```ts
 * calibrationTable(readFileSync('docs/models/helium.md', 'utf8'))?.[0]; // ['figure', 'source', ...]
 * ```
 */
export function calibrationTable(markdown: string): string[][] | undefined {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => /^#{2,4}\s.*(calibrat|seed figures the model reproduces)/i.test(l));
  if (at < 0) return undefined;
  const rows: string[][] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (/^#{1,4}\s/.test(l) && rows.length === 0) return undefined; // the next section, no table
    if (!l.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    if (/^\|[\s:|-]+\|$/.test(l)) continue; // the separator row
    rows.push(
      l
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) =>
          c
            .trim()
            .replace(/\*\*|`/g, '')
            .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'),
        ),
    );
  }
  return rows.length > 1 ? rows : undefined;
}
