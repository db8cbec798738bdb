// The playground page. Every string that comes from a spec or a link reaches the page through
// textContent or setAttribute (never innerHTML), charts are SVG elements built with
// createElementNS from the SDK's chart trees, and nothing is evaluated: the page runs under the
// strict Content-Security-Policy of index.html.
import { models } from '@flywheel/models';
import { FlywheelError, RunResult, getPath, type ModelSpec, type CalibrationResult, type RiskResult, type SensitivityResult, type Summary } from '@flywheel/sdk';
import {
  SUMMARY_ROWS,
  YEAR_COLUMNS,
  chartGroups,
  fanChart,
  heatMap,
  formatFigure,
  formatYearCell,
  groupSeries,
  sourceTags,
  type FanSeries,
  type ParamSource,
  type SvgNode,
} from '@flywheel/sdk/report';
import allSources from 'virtual:param-sources';
import { baseSpec, checkState, decodeState, encodeState, scenarioSpec, type LinkState, type Scenario } from './scenario.js';
import type { RunReply, RunRequest } from './run-worker.js';
import { playgroundMetrics } from './metrics.js';

declare global {
  interface Window {
    /** For tests and the curious: the last results and timings. */
    __playground?: {
      sweep?: { params: Record<string, unknown>; summary: Summary }[];
      sensitivity?: SensitivityResult;
      risk?: RiskResult;
      calibration?: CalibrationResult;
      state: string;
      runs: number;
      firstChartMs?: number;
      lastRunMs?: number;
      result?: RunResult;
      pinned?: RunResult;
      cspViolations: string[];
      link?: string;
    };
  }
}

const SOURCES = allSources as Record<string, Record<string, ParamSource>>;
const DEFAULTS = { years: 10, runs: 100, seed: 42 };
const SVG_NS = 'http://www.w3.org/2000/svg';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const debug: NonNullable<Window['__playground']> = { state: 'idle', runs: 0, cspViolations: [] };
window.__playground = debug;
document.addEventListener('securitypolicyviolation', (e) => debug.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));

/** An element with text (never markup) and attributes. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** An SDK chart tree as SVG DOM (text through textContent; `on*` attributes refused). */
function svg(node: SvgNode): SVGElement {
  const e = document.createElementNS(SVG_NS, node.tag);
  for (const [k, v] of Object.entries(node.attrs)) {
    if (/^on/i.test(k)) continue;
    e.setAttribute(k, String(v));
  }
  if (node.text !== undefined) e.textContent = node.text;
  for (const c of node.children ?? []) e.append(svg(c));
  return e;
}

// ---- state ----------------------------------------------------------------------------------

interface Control {
  path: string;
  input: HTMLInputElement;
  initial: number;
}

let scenario: Scenario = { model: 'helium', ...DEFAULTS };
let controls: Control[] = [];
interface Ran {
  scenario: Scenario;
  result: RunResult;
  /** A few runs' own paths per metric (sample paths), when the run kept them. */
  samples: Record<string, Float64Array[]>;
}
let current: Ran | undefined;
let pinned: Ran | undefined;
let worker: Worker | undefined;

function setStatus(state: string, text: string): void {
  debug.state = state;
  const s = $('status');
  s.dataset.state = state;
  s.textContent = text;
}

function showError(e: unknown): void {
  const f =
    e instanceof FlywheelError ? { code: e.code, path: e.path, message: e.issues[0]?.message ?? e.message, hint: e.hint } : (e as { code?: string; path?: string; message?: string; hint?: string });
  $('error-code').textContent = f.code ?? 'INTERNAL';
  $('error-path').textContent = f.path || '(root)';
  $('error-message').textContent = f.message ?? String(e);
  $('error-hint').textContent = f.hint ?? 'Please report it.';
  $('error').hidden = false;
  setStatus('error', 'error');
}

function clearError(): void {
  $('error').hidden = true;
}

// ---- controls generated from the spec ---------------------------------------------------------

/** The editable figures of a spec: its params, the main asset's initial balances, the price's start. */
function editable(spec: ModelSpec): { path: string; name: string; unit: string; note: string }[] {
  const out: { path: string; name: string; unit: string; note: string }[] = [];
  for (const name of Object.keys(spec.params ?? {})) out.push({ path: `params.${name}`, name, unit: '', note: '' });
  const main = spec.assets?.[spec.mainAsset];
  for (const [acc, a] of Object.entries(main?.accounts ?? {})) {
    if (typeof a.initial === 'number' && a.initial > 0)
      out.push({ path: `assets.${spec.mainAsset}.accounts.${acc}.initial`, name: `${spec.mainAsset}.${acc} at start`, unit: spec.mainAsset, note: a.description ?? main?.description ?? '' });
  }
  (spec.blocks ?? []).forEach((b, i) => {
    const m = (b as { model?: { initial?: unknown } }).model;
    if (b.kind === 'price' && typeof m?.initial === 'number')
      out.push({ path: `blocks.${i}.model.initial`, name: `${b.id}: price at start`, unit: 'USD', note: (b as { description?: string }).description ?? '' });
  });
  return out;
}

function tagBadges(tags: string[], note: string): Node[] {
  if (tags.length === 0) return note ? [h('span', { class: 'tag', title: note }, 'note')] : [];
  return tags.map((t) => h('span', { class: `tag tag-${t.replace(/[^A-Z0-9]/g, '')}`, title: note }, t));
}

/** Builds the parameter table for a scenario (its base spec's values; the scenario's changes applied to the inputs). */
function buildControls(s: Scenario): void {
  const base = baseSpec(s);
  const sources = s.spec === undefined ? (SOURCES[s.model!] ?? {}) : {};
  const rows = $('param-rows');
  rows.replaceChildren();
  controls = [];
  for (const f of editable(base)) {
    const initial = getPath(base, f.path) as number;
    const given = s.set?.[f.path];
    const input = h('input', { type: 'text', inputmode: 'decimal', 'data-path': f.path, 'aria-label': f.name });
    input.value = String(given ?? initial);
    const mark = () => input.classList.toggle('changed', input.value.trim() !== String(initial));
    input.addEventListener('input', mark);
    mark();
    const src = sources[f.name];
    const tags = src ? src.tags : sourceTags(f.note);
    const note = src ? src.note : f.note;
    rows.append(h('tr', {}, h('td', {}, f.name), h('td', {}, input), h('td', {}, f.unit), h('td', {}, String(initial)), h('td', {}, ...tagBadges(tags, note))));
    controls.push({ path: f.path, input, initial });
  }
  const other = Object.entries(s.set ?? {}).filter(([p]) => !controls.some((c) => c.path === p));
  $('other-changes').textContent = other.length ? `Other changes from the link: ${other.map(([p, v]) => `${p} = ${JSON.stringify(v)}`).join(', ')}` : '';
  $<HTMLSelectElement>('model').value = s.spec === undefined ? s.model! : '';
  $<HTMLInputElement>('years').value = String(s.years ?? DEFAULTS.years);
  $<HTMLInputElement>('runs').value = String(s.runs ?? base.monteCarlo?.runs ?? DEFAULTS.runs);
  $<HTMLInputElement>('seed').value = String(s.seed ?? base.monteCarlo?.seed ?? DEFAULTS.seed);
  $<HTMLInputElement>('years').disabled = s.spec !== undefined;
  $('spec-name').textContent = `${typeof base.name === 'string' ? base.name : ''}${s.spec !== undefined ? ' (a spec from the link)' : ''}`;
  $('spec-description').textContent = typeof base.description === 'string' ? base.description : '';
  buildSweepControls();
  buildAnalysisControls(base);
  calibrationDefaults(base);
}

/** A number from an input, or the text itself (so validation names the bad field). */
function parseValue(text: string): unknown {
  const t = text.trim();
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : t;
}

/** The scenario the controls describe now. */
function readScenario(): Scenario {
  const set: Record<string, unknown> = { ...Object.fromEntries(Object.entries(scenario.set ?? {}).filter(([p]) => !controls.some((c) => c.path === p))) };
  for (const c of controls) {
    const v = parseValue(c.input.value);
    if (v !== c.initial) set[c.path] = v;
  }
  const num = (id: string) => parseValue($<HTMLInputElement>(id).value);
  const s: Scenario = scenario.spec !== undefined ? { spec: scenario.spec } : { model: scenario.model!, years: num('years') as number };
  s.runs = num('runs') as number;
  s.seed = num('seed') as number;
  if (Object.keys(set).length) s.set = set;
  return s;
}

// ---- running ------------------------------------------------------------------------------

const threads = () => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));

/** Runs one scenario in a fresh Web Worker; rejects with the FlywheelError's fields on bad input. */
function runScenario(s: Scenario, spec: ModelSpec, label: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    worker?.terminate();
    const w = new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    const progress = $<HTMLProgressElement>('progress');
    progress.value = 0;
    setStatus('running', `running ${label}…`);
    w.onmessage = (e: MessageEvent<RunReply>) => {
      const m = e.data;
      if (m.type === 'progress') {
        progress.value = m.done / m.total;
        setStatus('running', `running ${label}: ${m.done}/${m.total} runs`);
      } else if (m.type === 'done') {
        w.terminate();
        if (worker === w) worker = undefined;
        progress.value = 1;
        debug.lastRunMs = m.ms;
        resolve({ scenario: s, result: new RunResult(m.result), samples: m.samples });
      } else if (m.type === 'error') {
        w.terminate();
        if (worker === w) worker = undefined;
        reject(m.error);
      }
    };
    w.onerror = (e) => reject({ code: 'INTERNAL', path: '', message: e.message, hint: 'The run failed in its worker; please report it.' });
    w.postMessage({ spec, threads: threads() } satisfies RunRequest);
  });
}

let running = false;

async function start(s: Scenario, pinnedScenario?: Scenario): Promise<void> {
  clearError();
  let spec: ModelSpec;
  let pinSpec: ModelSpec | undefined;
  try {
    spec = scenarioSpec(s);
    pinSpec = pinnedScenario ? scenarioSpec(pinnedScenario) : undefined;
  } catch (e) {
    showError(e);
    return;
  }
  scenario = s;
  running = true;
  $<HTMLButtonElement>('run').disabled = true;
  $<HTMLButtonElement>('cancel').disabled = false;
  try {
    if (pinnedScenario && pinSpec) pinned = await runScenario(pinnedScenario, pinSpec, 'the pinned scenario');
    current = await runScenario(s, spec, 'the scenario');
    const result = current.result;
    debug.runs++;
    debug.result = result;
    debug.pinned = pinned?.result;
    await writeLink();
    render();
    setStatus('done', `done: ${result.runs} runs × ${result.steps} ${result.step} steps in ${((debug.lastRunMs ?? 0) / 1000).toFixed(2)} s`);
  } catch (e) {
    if (e !== 'cancelled') showError(e);
  } finally {
    running = false;
    $<HTMLButtonElement>('run').disabled = false;
    $<HTMLButtonElement>('cancel').disabled = true;
    for (const id of ['pin', 'csv', 'json']) $<HTMLButtonElement>(id).disabled = !current;
    $<HTMLButtonElement>('unpin').disabled = !pinned;
  }
}

function cancel(): void {
  if (!running || !worker) return;
  worker.terminate();
  worker = undefined;
  setStatus('cancelled', 'cancelled');
  $<HTMLProgressElement>('progress').value = 0;
  running = false;
  busy(false);
}

/** Disables the buttons that start work while something runs (Cancel the other way round). */
function busy(on: boolean): void {
  for (const id of ['run', 'sweep-run', 'analysis-run', 'risk-run', 'calibrate-run']) $<HTMLButtonElement>(id).disabled = on;
  $<HTMLButtonElement>('cancel').disabled = !on;
}

// ---- the link -------------------------------------------------------------------------------

async function writeLink(): Promise<void> {
  if (!current) return;
  const state: LinkState = { v: 1, scenario: current.scenario, ...(pinned ? { pinned: pinned.scenario } : {}) };
  const hash = `#s=${await encodeState(state)}`;
  history.replaceState(null, '', hash);
  debug.link = location.href;
}

async function readLink(): Promise<LinkState | undefined> {
  const m = /^#s=(.*)$/s.exec(location.hash);
  if (!m) return undefined;
  return checkState(await decodeState(m[1]!));
}

// ---- rendering ----------------------------------------------------------------------------

function render(): void {
  if (!current) return;
  const r = current.result;
  const p = pinned?.result;
  const asset = (current.scenario.spec as { mainAsset?: string } | undefined)?.mainAsset ?? baseSpec(current.scenario).mainAsset;
  // summary
  const head = $('summary-head');
  head.replaceChildren(h('th', {}, 'figure'), h('th', {}, 'this scenario'), ...(p ? [h('th', {}, 'pinned')] : []));
  const s = r.summary();
  const ps = p?.summary();
  $('summary-rows').replaceChildren(
    ...SUMMARY_ROWS.map((row) =>
      h(
        'tr',
        {},
        h('td', {}, row.label),
        h('td', { 'data-key': row.key, 'data-scenario': 'current', 'data-value': String(s[row.key]) }, formatFigure(s[row.key], row.kind)),
        ...(ps ? [h('td', { 'data-key': row.key, 'data-scenario': 'pinned', 'data-value': String(ps[row.key]) }, formatFigure(ps[row.key], row.kind))] : []),
      ),
    ),
  );
  $('run-info').textContent =
    `${r.model}: ${r.runs} runs × ${r.steps} ${r.step} steps from ${r.start ?? 'step 0'}, seed ${r.seed}, ${r.engine} engine, ${r.statistics} percentiles; ${threads()} Web Workers.`;
  // charts
  const xLabel = (t: number) => r.dateAt(t) ?? `${r.step} ${t}`;
  const charts = chartGroups(r.metrics, asset).map((g) => {
    const series: FanSeries[] = groupSeries(g, r).map((x, i) => ({ ...x, paths: current!.samples[g.metrics.filter((m) => r.has(m))[i]!] ?? [] }));
    if (p) series.push(...groupSeries(g, p, '', true).map((x, i) => ({ ...x, color: ['#555', '#999', '#777', '#aaa'][i % 4]! })));
    const node = svg(fanChart({ title: g.title, unit: g.unit, series, xLabel }));
    node.setAttribute('data-chart', g.id);
    return node;
  });
  $('charts').replaceChildren(...charts);
  if (debug.firstChartMs === undefined && charts.length) debug.firstChartMs = performance.now();
  // yearly table
  $('yearly-head').replaceChildren(...YEAR_COLUMNS.map((c) => h('th', {}, c.label)));
  $('yearly-rows').replaceChildren(...r.yearly().map((row) => h('tr', {}, ...YEAR_COLUMNS.map((c) => h('td', { 'data-key': c.key, 'data-value': String(row[c.key]) }, formatYearCell(row, c.key))))));
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- sweep: a heat map of one summary figure over two parameters ---------------------------------

let sweepPoints: { params: Record<string, unknown>; summary: Summary }[] | undefined;
let sweepAxes: { x: string; y: string; xs: number[]; ys: number[] } | undefined;

/** Fills the sweep's parameter lists from the controls (numeric spec values only). */
function buildSweepControls(): void {
  const fill = (id: string, pick: number) => {
    const sel = $<HTMLSelectElement>(id);
    sel.replaceChildren(...controls.map((c) => h('option', { value: c.path }, c.path)));
    sel.selectedIndex = Math.min(pick, controls.length - 1);
    setRange(id);
  };
  fill('sweep-x', controls.findIndex((c) => c.path === 'params.growth') >= 0 ? controls.findIndex((c) => c.path === 'params.growth') : 0);
  fill('sweep-y', controls.findIndex((c) => c.path === 'params.sigma') >= 0 ? controls.findIndex((c) => c.path === 'params.sigma') : 1);
  const fig = $<HTMLSelectElement>('sweep-figure');
  if (fig.options.length === 0) fig.replaceChildren(...SUMMARY_ROWS.filter((r) => r.key !== 'years').map((r) => h('option', { value: r.key }, r.label)));
  if (!fig.value) fig.value = 'finalPriceP50';
}

/** Default range of a sweep axis: half to one and a half times the parameter's current value. */
function setRange(id: string): void {
  const c = controls.find((k) => k.path === $<HTMLSelectElement>(id).value);
  const v = c ? Number(c.input.value) : 1;
  const base = Number.isFinite(v) && v !== 0 ? v : 1;
  const round = (x: number) => String(Number(x.toPrecision(6)));
  $<HTMLInputElement>(`${id}-lo`).value = v === 0 ? '0' : round(base * 0.5);
  $<HTMLInputElement>(`${id}-hi`).value = v === 0 ? '1' : round(base * 1.5);
}

function axisValues(id: string, n: number): number[] {
  const lo = Number($<HTMLInputElement>(`${id}-lo`).value);
  const hi = Number($<HTMLInputElement>(`${id}-hi`).value);
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw new FlywheelError({ code: 'RUN_INVALID_OPTION', path: id, value: [lo, hi], message: 'the sweep range must be two numbers', hint: 'Give "from" and "to" as numbers, e.g. 0.2 and 0.6.' });
  return Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));
}

async function startSweep(): Promise<void> {
  clearError();
  let spec: ModelSpec;
  let grid: Record<string, number[]>;
  const s = readScenario();
  try {
    const x = $<HTMLSelectElement>('sweep-x').value;
    const y = $<HTMLSelectElement>('sweep-y').value;
    const n = Number($<HTMLInputElement>('sweep-n').value);
    if (!(Number.isInteger(n) && n >= 2 && n <= 8))
      throw new FlywheelError({ code: 'RUN_INVALID_OPTION', path: 'sweep-n', value: n, message: 'points per axis must be an integer from 2 to 8', hint: 'Use e.g. 4 (16 runs of the scenario).' });
    if (x === y) throw new FlywheelError({ code: 'RUN_INVALID_OPTION', path: 'sweep-y', value: y, message: 'the two sweep parameters are the same', hint: 'Pick two different parameters.' });
    spec = scenarioSpec(s);
    grid = { [x]: axisValues('sweep-x', n), [y]: axisValues('sweep-y', n) };
    sweepAxes = { x, y, xs: grid[x]!, ys: grid[y]! };
  } catch (e) {
    showError(e);
    return;
  }
  running = true;
  $<HTMLButtonElement>('run').disabled = true;
  $<HTMLButtonElement>('sweep-run').disabled = true;
  $<HTMLButtonElement>('cancel').disabled = false;
  try {
    const w = new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    setStatus('running', `sweeping ${sweepAxes.xs.length * sweepAxes.ys.length} points…`);
    const points = await new Promise<{ params: Record<string, unknown>; summary: Summary }[]>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<RunReply>) => {
        const m = e.data;
        if (m.type === 'sweep') resolve(m.points);
        else if (m.type === 'error') reject(m.error);
      };
      w.onerror = (e) => reject({ code: 'INTERNAL', path: '', message: e.message, hint: 'The sweep failed in its worker; please report it.' });
      w.postMessage({ spec, threads: threads(), grid } satisfies RunRequest);
    });
    w.terminate();
    if (worker === w) worker = undefined;
    sweepPoints = points;
    debug.sweep = points;
    renderSweep();
    setStatus('done', `sweep done: ${points.length} points`);
  } catch (e) {
    showError(e);
  } finally {
    running = false;
    $<HTMLButtonElement>('run').disabled = false;
    $<HTMLButtonElement>('sweep-run').disabled = false;
    $<HTMLButtonElement>('cancel').disabled = true;
  }
}

function renderSweep(): void {
  if (!sweepPoints || !sweepAxes) return;
  const { x, y, xs, ys } = sweepAxes;
  const key = $<HTMLSelectElement>('sweep-figure').value as keyof Summary;
  const row = SUMMARY_ROWS.find((r) => r.key === key)!;
  const values = ys.map((yv) =>
    xs.map((xv) => {
      const p = sweepPoints!.find((q) => q.params[x] === xv && q.params[y] === yv);
      return p ? p.summary[key] : null;
    }),
  );
  $('sweep-chart').replaceChildren(svg(heatMap({ title: row.label, xName: x, yName: y, xs, ys, values, format: (v) => formatFigure(v, row.kind) })));
}

// ---- analysis: a sensitivity screen and tail risk over the scenario's parameters ------------------

/** Most evaluations (runs of the scenario) one sensitivity analysis may start in the page. */
const MAX_EVALUATIONS = 2000;
const OUTPUTS: { key: string; label: string }[] = [
  ...SUMMARY_ROWS.filter((r) => r.key !== 'years').map((r) => ({ key: r.key as string, label: r.label })),
  { key: 'burnMintCrossoverYear', label: 'burn/mint crossover year' },
  { key: 'minActiveProvidersP50', label: 'lowest active providers, p50' },
];

interface AnalysisRow {
  path: string;
  check: HTMLInputElement;
  lo: HTMLInputElement;
  hi: HTMLInputElement;
}
let analysisRows: AnalysisRow[] = [];

/** The parameter table of the analysis (the first three parameters ticked, each from half to one and a half times its value), the outputs and a default event. */
function buildAnalysisControls(base: ModelSpec): void {
  const round = (x: number) => String(Number(x.toPrecision(6)));
  let ticked = 0;
  analysisRows = controls.map((c) => {
    const v = Number(c.input.value);
    // data-vary, not data-path: data-path names the scenario's own inputs
    const check = h('input', { type: 'checkbox', 'data-vary': c.path, 'aria-label': `vary ${c.path}` });
    check.checked = c.path.startsWith('params.') && Number.isFinite(v) && v !== 0 && ticked++ < 3;
    const lo = h('input', { type: 'text', inputmode: 'decimal', 'data-vary': c.path, 'data-end': 'lo', 'aria-label': `${c.path} from` });
    const hi = h('input', { type: 'text', inputmode: 'decimal', 'data-vary': c.path, 'data-end': 'hi', 'aria-label': `${c.path} to` });
    const ends = !Number.isFinite(v) || v === 0 ? [0, 1] : [v * 0.5, v * 1.5].sort((a, b) => a - b);
    lo.value = round(ends[0]!);
    hi.value = round(ends[1]!);
    check.addEventListener('change', analysisCost);
    return { path: c.path, check, lo, hi };
  });
  $('analysis-params').replaceChildren(...analysisRows.map((r) => h('tr', {}, h('td', {}, r.check), h('td', {}, r.path), h('td', {}, r.lo), h('td', {}, r.hi))));
  const out = $<HTMLSelectElement>('analysis-output');
  if (out.options.length === 0) out.replaceChildren(...OUTPUTS.map((o) => h('option', { value: o.key }, o.label)));
  if (!out.value) out.value = 'finalPriceP50';
  // a default event: the price ending below half of its start, where the model has a price
  const price = (base.blocks ?? []).map((b) => (b.kind === 'price' ? (b as { model?: { initial?: unknown } }).model?.initial : undefined)).find((x): x is number => typeof x === 'number' && x > 0);
  $<HTMLInputElement>('risk-events').value = price ? `price<${Number((price / 2).toPrecision(2))}@end` : 'circulatingSupply<1@end';
  analysisCost();
}

/** The number of evaluations the analysis controls describe. */
function analysisEvaluations(): { d: number; samples: number; evaluations: number } {
  const d = analysisRows.filter((r) => r.check.checked).length;
  const samples = Number($<HTMLInputElement>('analysis-samples').value);
  const sobol = $<HTMLSelectElement>('analysis-method').value === 'sobol';
  return { d, samples, evaluations: samples * (d + (sobol ? 2 : 1)) };
}

function analysisCost(): void {
  const { evaluations } = analysisEvaluations();
  const runs = Number($<HTMLInputElement>('runs').value);
  $('analysis-cost').textContent = Number.isFinite(evaluations) && evaluations > 0 ? `${evaluations} runs of the scenario (${Number.isFinite(runs) ? evaluations * runs : '?'} simulated runs)` : '';
}

/** Runs one request in a fresh Web Worker of the page (Cancel terminates it) and resolves with its reply. */
function inWorker(request: RunRequest, label: string): Promise<RunReply> {
  return new Promise((resolve, reject) => {
    worker?.terminate();
    const w = new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    setStatus('running', `${label}…`);
    w.onmessage = (e: MessageEvent<RunReply>) => {
      const m = e.data;
      if (m.type === 'batch') {
        $<HTMLProgressElement>('progress').value = m.done / m.total;
        setStatus('running', `${label}: ${m.done}/${m.total} evaluations`);
        return;
      }
      if (m.type === 'progress') return;
      w.terminate();
      if (worker === w) worker = undefined;
      if (m.type === 'error') reject(m.error);
      else resolve(m);
    };
    w.onerror = (e) => reject({ code: 'INTERNAL', path: '', message: e.message, hint: `The ${label} failed in its worker; please report it.` });
    w.postMessage(request);
  });
}

/** The ticked parameters with their ranges as typed (the SDK checks them and names a bad one by its path). */
function tickedRanges(): Record<string, [number, number]> {
  return Object.fromEntries(analysisRows.filter((r) => r.check.checked).map((r) => [r.path, [Number(parseValue(r.lo.value)), Number(parseValue(r.hi.value))] as [number, number]]));
}

/** Runs one analysis of the panel with the buttons disabled, showing its error if it fails. */
async function busyWhile(task: () => Promise<void>): Promise<void> {
  running = true;
  busy(true);
  try {
    await task();
  } catch (e) {
    showError(e);
  } finally {
    running = false;
    busy(false);
  }
}

async function startSensitivity(): Promise<void> {
  clearError();
  let spec: ModelSpec;
  let request: NonNullable<RunRequest['sensitivity']>;
  try {
    const { d, samples, evaluations } = analysisEvaluations();
    if (d === 0)
      throw new FlywheelError({
        code: 'RUN_INVALID_OPTION',
        path: 'analysis-params',
        value: 0,
        message: 'no parameter is ticked',
        hint: 'Tick at least one parameter to vary (two or more to compare them).',
      });
    if (!(Number.isInteger(samples) && samples >= 2 && samples <= 256))
      throw new FlywheelError({
        code: 'RUN_INVALID_OPTION',
        path: 'analysis-samples',
        value: $<HTMLInputElement>('analysis-samples').value,
        message: 'samples must be an integer from 2 to 256',
        hint: 'Morris: trajectories r (4 to 10 screen well); Sobol: base samples N (a power of two, e.g. 8 or 16).',
      });
    if (evaluations > MAX_EVALUATIONS)
      throw new FlywheelError({
        code: 'RUN_INVALID_OPTION',
        path: 'analysis-samples',
        value: samples,
        message: `${evaluations} evaluations are more than the page runs (${MAX_EVALUATIONS})`,
        hint: 'Use fewer samples or parameters, or the CLI (flywheel sensitivity).',
      });
    const seed = Number($<HTMLInputElement>('analysis-seed').value);
    const method = $<HTMLSelectElement>('analysis-method').value === 'sobol' ? 'sobol' : 'morris';
    spec = scenarioSpec(readScenario());
    // the ranges as typed: the SDK checks them and names a bad one by its path
    const params = tickedRanges();
    request = { params, output: $<HTMLSelectElement>('analysis-output').value, method, samples, seed };
  } catch (e) {
    showError(e);
    return;
  }
  await busyWhile(async () => {
    const started = performance.now();
    const reply = await inWorker({ spec, threads: threads(), sensitivity: request }, request.method === 'sobol' ? 'Sobol indices' : 'Morris screen');
    if (reply.type !== 'sensitivity') return;
    debug.sensitivity = reply.result;
    await renderSensitivity(reply.result);
    setStatus('done', `${reply.result.method === 'sobol' ? 'Sobol' : 'Morris'} done: ${reply.result.evaluations} evaluations in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  });
}

/** A table cell with its exact value (data-value) for tests and the curious. */
const cell = (key: string, v: number | null | undefined, text: string) => h('td', { 'data-key': key, 'data-value': String(v) }, text);

async function renderSensitivity(r: SensitivityResult): Promise<void> {
  const { morrisChart, morrisInterval, sobolChart, tableNumber } = await import('./analysis-view.js');
  const ends = (iv: readonly (number | null | undefined)[] | null) => (iv ? `${tableNumber(iv[0], 3)} … ${tableNumber(iv[1], 3)}` : '—');
  const chart = svg(r.method === 'sobol' ? sobolChart(r) : morrisChart(r));
  $('sensitivity-chart').replaceChildren(chart);
  $('sensitivity-table').hidden = false;
  if (r.method === 'sobol') {
    $('sensitivity-head').replaceChildren(h('tr', {}, ...['parameter', 'S1', 'S1 95% interval', 'ST', 'ST 95% interval'].map((t) => h('th', {}, t))));
    const rows = [...r.sobol!].sort((a, b) => (Number.isFinite(b.ST) ? b.ST : -Infinity) - (Number.isFinite(a.ST) ? a.ST : -Infinity));
    $('sensitivity-rows').replaceChildren(
      ...rows.map((x) =>
        h(
          'tr',
          { 'data-param': x.param },
          h('td', {}, x.param),
          cell('S1', x.S1, tableNumber(x.S1, 3)),
          h('td', {}, ends(x.S1Interval)),
          cell('ST', x.ST, tableNumber(x.ST, 3)),
          h('td', {}, ends(x.STInterval)),
        ),
      ),
    );
  } else {
    $('sensitivity-head').replaceChildren(h('tr', {}, ...['parameter', 'μ*', 'μ* 95% interval', 'μ', 'σ'].map((t) => h('th', {}, t))));
    const rows = [...r.morris!].sort((a, b) => (Number.isFinite(b.muStar) ? b.muStar : -Infinity) - (Number.isFinite(a.muStar) ? a.muStar : -Infinity));
    $('sensitivity-rows').replaceChildren(
      ...rows.map((x) =>
        h(
          'tr',
          { 'data-param': x.param },
          h('td', {}, x.param),
          cell('muStar', x.muStar, tableNumber(x.muStar)),
          h('td', {}, ends(morrisInterval(x))),
          cell('mu', x.mu, tableNumber(x.mu)),
          cell('sigma', x.sigma, tableNumber(x.sigma)),
        ),
      ),
    );
  }
}

async function startRisk(): Promise<void> {
  clearError();
  let spec: ModelSpec;
  let events: string[];
  try {
    events = $<HTMLInputElement>('risk-events')
      .value.split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    if (events.length === 0)
      throw new FlywheelError({ code: 'RUN_INVALID_OPTION', path: 'risk-events', value: '', message: 'no event', hint: 'Write an event such as price<1@end (several: separated by commas).' });
    if (events.length > 20)
      throw new FlywheelError({ code: 'RUN_INVALID_OPTION', path: 'risk-events', value: events.length, message: 'more than 20 events', hint: 'Ask about at most 20 events at once.' });
    spec = scenarioSpec(readScenario());
  } catch (e) {
    showError(e);
    return;
  }
  await busyWhile(async () => {
    const reply = await inWorker({ spec, threads: threads(), risk: { events } }, 'tail risk');
    if (reply.type !== 'risk') return;
    debug.risk = reply.result;
    const { riskChart, tableNumber } = await import('./analysis-view.js');
    $('risk-chart').replaceChildren(svg(riskChart(reply.result)));
    $('risk-table').hidden = false;
    $('risk-rows').replaceChildren(
      ...reply.result.events.map((e) =>
        h(
          'tr',
          { 'data-event': e.event },
          h('td', {}, e.event),
          h('td', {}, `${e.hits}/${e.runs}`),
          cell('probability', e.probability, tableNumber(e.probability)),
          h('td', {}, `${tableNumber(e.interval[0])} … ${tableNumber(e.interval[1])}`),
          h('td', {}, e.medianFirstStep === null ? '—' : String(e.medianFirstStep)),
        ),
      ),
    );
    setStatus('done', `risk done: ${reply.result.events.length} events over ${reply.result.runs} runs in ${(reply.ms / 1000).toFixed(2)} s`);
  });
}

/** The calibration box's metric choices: the metrics the page stores for the scenario (a cumulative total first, where there is one). */
function calibrationDefaults(base: ModelSpec): void {
  const select = $<HTMLSelectElement>('calibrate-metric');
  const metrics = playgroundMetrics(base);
  const preferred = ['cumulativeMinted', 'totalSupply', 'activeProviders'].find((m) => metrics.includes(m)) ?? metrics[0] ?? '';
  select.replaceChildren(...metrics.map((m) => h('option', { value: m, ...(m === preferred ? { selected: '' } : {}) }, m)));
}

async function startCalibration(): Promise<void> {
  clearError();
  let spec: ModelSpec;
  let request: NonNullable<RunRequest['calibrate']>;
  try {
    const params = tickedRanges();
    if (Object.keys(params).length === 0)
      throw new FlywheelError({
        code: 'RUN_INVALID_OPTION',
        path: 'analysis-params',
        value: 0,
        message: 'no parameter is ticked',
        hint: 'Tick the parameters to fit (one or two fit quickly); their ranges bound the fit.',
      });
    const maxEvaluations = Number($<HTMLInputElement>('calibrate-evaluations').value);
    if (!(Number.isInteger(maxEvaluations) && maxEvaluations >= 4 && maxEvaluations <= 300))
      throw new FlywheelError({
        code: 'RUN_INVALID_OPTION',
        path: 'calibrate-evaluations',
        value: $<HTMLInputElement>('calibrate-evaluations').value,
        message: 'most evaluations must be an integer from 4 to 300',
        hint: 'Each evaluation is one run of the scenario; 40 fit one or two parameters.',
      });
    const data = $<HTMLTextAreaElement>('calibrate-data').value;
    if (data.trim() === '')
      throw new FlywheelError({ code: 'RUN_INVALID_OPTION', path: 'calibrate-data', value: '', message: 'no observations', hint: 'Paste CSV rows date,value (e.g. 2025-06-30,1.2e9), one per line.' });
    spec = scenarioSpec(readScenario());
    request = { params, data, metric: $<HTMLSelectElement>('calibrate-metric').value, maxEvaluations };
  } catch (e) {
    showError(e);
    return;
  }
  await busyWhile(async () => {
    const reply = await inWorker({ spec, threads: threads(), calibrate: request }, 'calibration');
    if (reply.type !== 'calibrate') return;
    const r = reply.result;
    debug.calibration = r;
    const { calibrationBand, calibrationChart, calibrationResiduals, tableNumber } = await import('./analysis-view.js');
    const series = reply.fitted;
    const band = calibrationBand({ steps: reply.steps, hasRuns: false, metric: () => series, paths: () => [] }, r);
    $('calibrate-chart').replaceChildren(svg(calibrationChart(r, band)));
    $('calibrate-residuals').replaceChildren(svg(calibrationResiduals(r)));
    $('calibrate-table').hidden = false;
    $('calibrate-rows').replaceChildren(
      ...Object.keys(r.params).map((p) =>
        h(
          'tr',
          { 'data-param': p },
          h('td', {}, p),
          h('td', {}, tableNumber(r.initial[p])),
          cell('fitted', r.params[p], tableNumber(r.params[p])),
          h('td', {}, `${tableNumber(r.uncertainty[p]!.interval[0])} … ${tableNumber(r.uncertainty[p]!.interval[1])}`),
        ),
      ),
    );
    setStatus(
      'done',
      `calibration done: ${r.evaluations} evaluations, RMSE ${tableNumber(r.fitError.rmse)} (${r.loss}), ${r.converged ? 'converged' : 'stopped at the evaluation budget'}, ${(reply.ms / 1000).toFixed(2)} s`,
    );
  });
}

// ---- wiring -------------------------------------------------------------------------------

function init(): void {
  const select = $<HTMLSelectElement>('model');
  select.replaceChildren(...Object.values(models).map((m) => h('option', { value: m.name, title: m.description }, m.name)), h('option', { value: '', disabled: '' }, '(a spec from a link)'));
  select.addEventListener('change', () => {
    if (!select.value) return;
    scenario = { model: select.value, ...DEFAULTS };
    buildControls(scenario);
  });
  $('run').addEventListener('click', () => void start(readScenario()));
  $('cancel').addEventListener('click', cancel);
  $('sweep-run').addEventListener('click', () => void startSweep());
  $('sweep-figure').addEventListener('change', renderSweep);
  $('sweep-x').addEventListener('change', () => setRange('sweep-x'));
  $('sweep-y').addEventListener('change', () => setRange('sweep-y'));
  $('analysis-run').addEventListener('click', () => void startSensitivity());
  $('risk-run').addEventListener('click', () => void startRisk());
  $('calibrate-run').addEventListener('click', () => void startCalibration());
  for (const id of ['analysis-method', 'analysis-samples', 'runs']) $(id).addEventListener('input', analysisCost);
  $('analysis-method').addEventListener('change', () => {
    $<HTMLInputElement>('analysis-samples').value = $<HTMLSelectElement>('analysis-method').value === 'sobol' ? '8' : '4';
    analysisCost();
  });
  $('pin').addEventListener('click', () => {
    if (!current) return;
    pinned = current;
    debug.pinned = pinned.result;
    $<HTMLButtonElement>('unpin').disabled = false;
    void writeLink();
    render();
  });
  $('unpin').addEventListener('click', () => {
    pinned = undefined;
    debug.pinned = undefined;
    $<HTMLButtonElement>('unpin').disabled = true;
    void writeLink();
    render();
  });
  $('csv').addEventListener('click', () => current && download(`${current.result.model}.csv`, 'text/csv', current.result.toCSV()));
  $('json').addEventListener('click', () => current && download(`${current.result.model}.json`, 'application/json', JSON.stringify(current.result)));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement && !running) void start(readScenario());
  });
}

async function boot(): Promise<void> {
  // ?embed: inside another page (the docs site's model pages): no page header
  if (new URLSearchParams(location.search).has('embed')) document.body.classList.add('embed');
  init();
  let state: LinkState | undefined;
  try {
    state = await readLink();
  } catch (e) {
    buildControls(scenario);
    showError(e);
    return;
  }
  try {
    // validated before anything of it reaches the page
    if (state) {
      scenarioSpec(state.scenario);
      if (state.pinned) scenarioSpec(state.pinned);
    }
    buildControls(state?.scenario ?? scenario);
  } catch (e) {
    try {
      buildControls(state?.scenario ?? scenario); // show what the link asked for, where it can be shown
    } catch {
      buildControls({ model: 'helium', ...DEFAULTS });
    }
    showError(e);
    return;
  }
  if (state) await start(state.scenario, state.pinned);
  else setStatus('idle', 'ready: change a parameter and press Run');
}

void boot();
