import { ErrorCodes, fail, formatDate, parseDate, PERIOD_DAYS } from '@flywheel/spec';
import { layout as L } from '@flywheel/core-wasm';

/** One metric over time: Monte Carlo mean and percentile bands, each of length steps + 1. */
export interface MetricSeries {
  readonly mean: Float64Array;
  readonly p5: Float64Array;
  readonly p50: Float64Array;
  readonly p95: Float64Array;
}

/** The headline numbers of a run, at the horizon unless named otherwise. */
export interface Summary {
  years: number;
  /** Each figure is null when its metric was not stored (the metrics option) or the model has no such mechanism. */
  finalTotalSupplyP50: number | null;
  finalCirculatingSupplyP50: number | null;
  finalPriceP5: number | null;
  finalPriceP50: number | null;
  finalPriceP95: number | null;
  cumulativeMintedMean: number | null;
  cumulativeBurnedMean: number | null;
  /** cumulative burned / cumulative minted (means); null without a burn. */
  burnMintRatioOverall: number | null;
  /**
   * Compound yearly growth of the mean total supply over the horizon. Null (with the reason in
   * {@link RunResult.summaryNotes}) when totalSupply was not stored, when the supply starts at 0 and
   * grows, or when the yearly rate is too large for a number (never Infinity).
   */
  supplyGrowthPerYear: number | null;
  finalActiveProvidersP50: number | null;
  peakActiveProvidersP50: number | null;
}

/** One row of {@link RunResult.yearly}. */
export interface YearRow {
  year: number;
  /** End date of the year (when the spec has a start date). */
  date: string | null;
  /** Each figure is null when its metric was not stored. */
  totalSupplyP50: number | null;
  circulatingSupplyP50: number | null;
  /** Mean tokens minted during the year. */
  minted: number | null;
  /** Mean tokens burned during the year. */
  burned: number | null;
  burnMintRatio: number | null;
  /** Growth of the mean total supply over the year. */
  inflation: number | null;
  priceP5: number | null;
  priceP50: number | null;
  priceP95: number | null;
  activeProvidersP50: number | null;
}

/** The JSON shape of a result (`flywheel run --format json`). */
export interface RunResultJSON {
  model: string;
  step: string;
  steps: number;
  runs: number;
  seed: number;
  engine: string;
  start: string | null;
  /** How the percentiles were computed: `exact` (from every run) or `streaming` (a quantile sketch). */
  statistics: 'exact' | 'streaming';
  /** The percentiles' relative error bound: 0 when exact; with streaming, each p5/p50/p95 of a value that keeps its sign is within this fraction of the exact percentile. */
  percentileBound: number;
  metrics: Record<string, { mean: number[]; p5: number[]; p50: number[]; p95: number[] }>;
  summary: Summary;
  /** Why each null figure of `summary` is null ({@link RunResult.summaryNotes}); `{}` when none is. */
  summaryNotes: Partial<Record<keyof Summary, string>>;
}

const needs = (metrics: string) => `needs ${metrics}, which this result does not hold (the model has no such mechanism, or the metrics option left it out)`;
/** What each figure of the summary needs, as the note of a null figure. */
const SUMMARY_NEEDS: Record<Exclude<keyof Summary, 'years'>, string> = {
  finalTotalSupplyP50: needs('totalSupply'),
  finalCirculatingSupplyP50: needs('circulatingSupply'),
  finalPriceP5: needs('price'),
  finalPriceP50: needs('price'),
  finalPriceP95: needs('price'),
  cumulativeMintedMean: needs('cumulativeMinted'),
  cumulativeBurnedMean: needs('cumulativeBurned'),
  burnMintRatioOverall: needs('cumulativeMinted and cumulativeBurned'),
  supplyGrowthPerYear: needs('totalSupply'),
  finalActiveProvidersP50: needs('activeProviders'),
  peakActiveProvidersP50: needs('activeProviders'),
};

/** Constructor input of {@link RunResult}. */
export interface RunResultInit {
  model: string;
  /** The step's name: a period (`day`, ...) or a protocol clock (`round`, `epoch`, ...). */
  step: string;
  /** Days in one step (default: the period's length; required for a protocol clock). */
  stepDays?: number | undefined;
  steps: number;
  runs: number;
  seed: number;
  engine: string;
  start?: string | undefined;
  metrics: readonly string[];
  /** [stat][slot · (steps + 1) + t] as the engines return it. */
  stats: Float64Array;
  /** `exact` (default) or `streaming`. */
  statistics?: 'exact' | 'streaming' | undefined;
  /** The percentiles' relative error bound (default 0: exact). */
  percentileBound?: number | undefined;
  /** Per-run values [slot · (steps + 1) + t][run], when they were kept (`keepRuns`). */
  runValues?: Float64Array | undefined;
}

/**
 * The result of a Monte Carlo run: per-metric mean and p5/p50/p95 bands, a summary scorecard,
 * a yearly table and JSON/CSV export. Its shape never depends on the number of runs.
 *
 * @example
 * ```ts
 * const result = await run(helium());
 * result.metric('circulatingSupply').p50.at(-1);
 * result.summary().burnMintRatioOverall;
 * ```
 */
export class RunResult {
  readonly model: string;
  /** The step's name (`day`, `round`, ...). */
  readonly step: string;
  /** Days in one step. */
  readonly stepDays: number;
  readonly steps: number;
  readonly runs: number;
  readonly seed: number;
  readonly engine: string;
  readonly start: string | undefined;
  /** The metrics this model produces, in canonical order. */
  readonly metrics: readonly string[];
  /** How the percentiles were computed: `exact` (from every run's value) or `streaming` (a quantile sketch; the mean is exact either way). */
  readonly statistics: 'exact' | 'streaming';
  /**
   * The percentiles' relative error bound: 0 when they are exact; with streaming statistics, every
   * p5/p50/p95 of a metric whose values at that step share a sign is within this fraction of the
   * exact percentile (e.g. 0.0078 or 0.0155; see {@link StreamingStats}). Means are always exact.
   */
  readonly percentileBound: number;
  private readonly series = new Map<string, MetricSeries>();
  readonly #runValues: Float64Array | undefined;

  constructor(init: RunResultInit) {
    this.model = init.model;
    this.step = init.step;
    const days = init.stepDays ?? PERIOD_DAYS[init.step as keyof typeof PERIOD_DAYS];
    if (!(days > 0)) throw new TypeError(`RunResult: unknown step "${init.step}" without stepDays`);
    this.stepDays = days;
    this.steps = init.steps;
    this.runs = init.runs;
    this.seed = init.seed;
    this.engine = init.engine;
    this.start = init.start;
    this.metrics = init.metrics;
    this.statistics = init.statistics ?? 'exact';
    this.percentileBound = init.percentileBound ?? 0;
    this.#runValues = init.runValues;
    const n1 = init.steps + 1;
    const cells = init.metrics.length * n1;
    init.metrics.forEach((name, slot) => {
      const view = (stat: number) => init.stats.slice(stat * cells + slot * n1, stat * cells + (slot + 1) * n1);
      this.series.set(name, { mean: view(L.S_MEAN), p5: view(L.S_P5), p50: view(L.S_P50), p95: view(L.S_P95) });
    });
  }

  /** True if the model produces `name`. */
  has(name: string): boolean {
    return this.series.has(name);
  }

  /**
   * The series of one metric.
   * @throws FlywheelError `RESULT_UNKNOWN_METRIC` if this model does not produce it
   */
  metric(name: string): MetricSeries {
    const s = this.series.get(name);
    if (!s)
      fail(
        ErrorCodes.RESULT_UNKNOWN_METRIC,
        name,
        name,
        `"${name}" is not in this result (the model does not produce it, or it was not selected with the metrics option)`,
        `Available: ${this.metrics.join(', ')}.`,
      );
    return s;
  }

  /**
   * True if this result holds every run's values (it was run with `keepRuns: true`).
   * @example
   * ```ts
   * if (result.hasRuns) plot(result.paths('price'));
   * ```
   */
  get hasRuns(): boolean {
    return this.#runValues !== undefined;
  }

  /**
   * Every run's path of one metric: `paths(name)[r][t]` is run r's value at step t (run r is the
   * same whatever the thread count). Kept only when asked for, with `keepRuns: true`, because it
   * grows with runs (runs × (steps + 1) numbers per metric).
   * @throws FlywheelError `RESULT_NO_RUNS` if the run did not keep them, `RESULT_UNKNOWN_METRIC` for a metric not in this result
   * @example
   * ```ts
   * const result = await run(spec, { keepRuns: true });
   * const firstTen = result.paths('price').slice(0, 10); // ten sample paths for a fan chart
   * ```
   */
  paths(name: string): Float64Array[] {
    this.metric(name);
    const values = this.#runValues;
    if (!values)
      fail(ErrorCodes.RESULT_NO_RUNS, name, name, "this result keeps only statistics, not each run's values", "Run with { keepRuns: true } (builder: .keepRuns()) to keep every run's path.");
    const n1 = this.steps + 1;
    const slot = this.metrics.indexOf(name);
    return Array.from({ length: this.runs }, (_, r) => {
      const path = new Float64Array(n1);
      for (let t = 0; t < n1; t++) path[t] = values[(slot * n1 + t) * this.runs + r]!;
      return path;
    });
  }

  /** Date (YYYY-MM-DD) at the end of step t, or null without a start date. */
  dateAt(t: number): string | null {
    if (this.start === undefined) return null;
    return formatDate(parseDate(this.start) + Math.round(t * this.stepDays * 86_400_000));
  }

  /** One row per whole year of the horizon (a final partial year is included). */
  yearly(): YearRow[] {
    const spy = 365 / this.stepDays;
    const rows: YearRow[] = [];
    const opt = (name: string) => (this.has(name) ? this.metric(name) : undefined);
    const total = opt('totalSupply');
    const circ = opt('circulatingSupply');
    const cumM = opt('cumulativeMinted')?.mean;
    const cumB = opt('cumulativeBurned')?.mean;
    const price = opt('price');
    const active = opt('activeProviders')?.p50;
    const years = Math.ceil(this.steps / spy - 1e-9);
    for (let y = 1; y <= years; y++) {
      const a = Math.round((y - 1) * spy);
      const b = Math.min(Math.round(y * spy), this.steps);
      if (b <= a) break; // a last partial year shorter than one step
      const minted = cumM ? cumM[b]! - cumM[a]! : null;
      const burned = cumB ? cumB[b]! - cumB[a]! : null;
      rows.push({
        year: y,
        date: this.dateAt(b),
        totalSupplyP50: total ? total.p50[b]! : null,
        circulatingSupplyP50: circ ? circ.p50[b]! : null,
        minted,
        burned,
        burnMintRatio: minted === null || burned === null ? null : minted > 0 ? burned / minted : 0,
        inflation: total ? (total.mean[a]! > 0 ? total.mean[b]! / total.mean[a]! - 1 : 0) : null,
        priceP5: price ? price.p5[b]! : null,
        priceP50: price ? price.p50[b]! : null,
        priceP95: price ? price.p95[b]! : null,
        activeProvidersP50: active ? active[b]! : null,
      });
    }
    return rows;
  }

  /** The scorecard. */
  summary(): Summary {
    const S = this.steps;
    const years = (S * this.stepDays) / 365;
    const opt = (name: string) => (this.has(name) ? this.metric(name) : undefined);
    const total = opt('totalSupply');
    const cm = opt('cumulativeMinted')?.mean[S] ?? null;
    const cb = opt('cumulativeBurned')?.mean[S] ?? null;
    const active = opt('activeProviders')?.p50 ?? null;
    const price = opt('price');
    return {
      years,
      finalTotalSupplyP50: total ? total.p50[S]! : null,
      finalCirculatingSupplyP50: opt('circulatingSupply')?.p50[S] ?? null,
      finalPriceP5: price ? price.p5[S]! : null,
      finalPriceP50: price ? price.p50[S]! : null,
      finalPriceP95: price ? price.p95[S]! : null,
      cumulativeMintedMean: cm,
      cumulativeBurnedMean: cb,
      burnMintRatioOverall: cb === null || cm === null ? null : cm > 0 ? cb / cm : 0,
      supplyGrowthPerYear: this.#growth().value,
      finalActiveProvidersP50: active ? active[S]! : null,
      peakActiveProvidersP50: active ? active.reduce((m, v) => Math.max(m, v), 0) : null,
    };
  }

  /**
   * Compound yearly growth of the mean total supply, or null with the reason: the metric was not
   * stored, the supply starts at 0 and grows (no rate from nothing), or the yearly rate is too large
   * for a number (e.g. ×40,502 in one day: 40,502^365).
   */
  #growth(): { value: number | null; note?: string } {
    if (!this.has('totalSupply')) return { value: null, note: SUMMARY_NEEDS.supplyGrowthPerYear };
    const mean = this.metric('totalSupply').mean;
    const years = (this.steps * this.stepDays) / 365;
    const [first, last] = [mean[0]!, mean[this.steps]!];
    const shown = (v: number) => v.toLocaleString('en-US', { maximumSignificantDigits: 6 });
    if (first > 0) {
      const g = (last / first) ** (1 / years) - 1;
      if (Number.isFinite(g)) return { value: g };
      return { value: null, note: `the mean total supply grows ×${shown(last / first)} in ${shown(years)} years: as a yearly rate that is beyond the largest number (about 1.8·10^308)` };
    }
    if (last === first) return { value: 0 };
    return { value: null, note: `the mean total supply starts at 0 and ends at ${shown(last)}: growth from nothing has no yearly rate` };
  }

  /**
   * Why each figure of {@link summary} that is null is null (figures that are numbers have no
   * note): a metric the result does not hold, or, for `supplyGrowthPerYear`, a supply that starts
   * at 0 or grows too fast for a yearly rate to be a number.
   * @example
   * ```ts
   * result.summaryNotes(); // {} when every figure is a number
   * // { finalPriceP50: 'needs the price metric, which this result does not hold (...)' }
   * ```
   */
  summaryNotes(): Partial<Record<keyof Summary, string>> {
    const notes: Partial<Record<keyof Summary, string>> = {};
    const s = this.summary();
    for (const [key, note] of Object.entries(SUMMARY_NEEDS) as [keyof typeof SUMMARY_NEEDS, string][]) {
      if (s[key] !== null) continue;
      notes[key] = key === 'supplyGrowthPerYear' ? (this.#growth().note ?? note) : note;
    }
    return notes;
  }

  /** A plain object for JSON (`JSON.stringify(result)` uses it). */
  toJSON(): RunResultJSON {
    const metrics: RunResultJSON['metrics'] = {};
    for (const name of this.metrics) {
      const s = this.metric(name);
      metrics[name] = { mean: Array.from(s.mean), p5: Array.from(s.p5), p50: Array.from(s.p50), p95: Array.from(s.p95) };
    }
    return {
      model: this.model,
      step: this.step,
      steps: this.steps,
      runs: this.runs,
      seed: this.seed,
      engine: this.engine,
      start: this.start ?? null,
      statistics: this.statistics,
      percentileBound: this.percentileBound,
      metrics,
      summary: this.summary(),
      summaryNotes: this.summaryNotes(),
    };
  }

  /**
   * Long CSV of every run's path: one row per run and step (`run`, `t`, `date`, then one column per
   * metric), runs in order. Only for a result that kept its runs (`keepRuns: true`; CLI
   * `--format paths`).
   * @throws FlywheelError `RESULT_NO_RUNS` if the run did not keep them
   * @example
   * ```ts
   * const csv = (await run(spec, { keepRuns: true })).toPathsCSV(); // run,t,date,totalSupply,...
   * ```
   */
  toPathsCSV(): string {
    return [...this.pathsCSVChunks()].join('');
  }

  /**
   * The text of {@link toPathsCSV} in pieces of about `chunkChars` characters, produced as they are
   * read, so that writing every run of a large result never holds it as one string (the CLI's
   * `--format paths` writes these pieces as the pipe accepts them).
   * @throws FlywheelError `RESULT_NO_RUNS` if the run did not keep its runs
   * @example
   * ```ts
   * for (const piece of result.pathsCSVChunks()) stream.write(piece);
   * ```
   */
  *pathsCSVChunks(chunkChars = 1 << 20): Generator<string> {
    if (this.metrics.length > 0) this.paths(this.metrics[0]!); // RESULT_NO_RUNS when they were not kept
    const values = this.#runValues!;
    const n1 = this.steps + 1;
    const R = this.runs;
    const M = this.metrics.length;
    const dates = Array.from({ length: n1 }, (_, t) => this.dateAt(t) ?? '');
    let buf = `${['run', 't', 'date', ...this.metrics].join(',')}\n`;
    const row: (string | number)[] = new Array(3 + M);
    for (let r = 0; r < R; r++) {
      for (let t = 0; t < n1; t++) {
        row[0] = r;
        row[1] = t;
        row[2] = dates[t]!;
        for (let m = 0; m < M; m++) row[3 + m] = values[(m * n1 + t) * R + r]!;
        buf += `${row.join(',')}\n`;
        if (buf.length >= chunkChars) {
          yield buf;
          buf = '';
        }
      }
    }
    if (buf.length > 0) yield buf;
  }

  /**
   * How the percentiles were computed, in words: `exact percentiles` or
   * `streaming percentiles (quantile sketch: p5/p50/p95 within ±0.78% of the exact ones where a step's values share a sign; means exact)`.
   * The table header and the CSV comment say it this way.
   * @example
   * ```ts
   * result.statisticsNote(); // 'exact percentiles'
   * ```
   */
  statisticsNote(): string {
    if (this.statistics === 'exact') return 'exact percentiles';
    return `streaming percentiles (quantile sketch: p5/p50/p95 within ±${(this.percentileBound * 100).toFixed(2)}% of the exact ones where a step's values share a sign; means exact)`;
  }

  /**
   * Wide CSV: a comment line (`# `) naming the model, the run and the statistics used (exact or
   * streaming, with the sketch's error bound; `statistics: 'auto'` says here which it chose), then
   * a header and one row per step (`t`, `date`, then `<metric>_mean`, `_p5`, `_p50`, `_p95`).
   * CSV readers skip the comment when told to (pandas `comment='#'`, R `comment.char = '#'`).
   * @example
   * ```ts
   * result.toCSV().split('\n')[0];
   * // '# helium: 200 runs × 3650 day steps, seed 42, wasm engine, statistics exact: exact percentiles; percentileBound 0'
   * ```
   */
  toCSV(): string {
    const head = ['t', 'date', ...this.metrics.flatMap((m) => [`${m}_mean`, `${m}_p5`, `${m}_p50`, `${m}_p95`])];
    const about = `# ${this.model}: ${this.runs} runs × ${this.steps} ${this.step} steps, seed ${this.seed}, ${this.engine} engine, statistics ${this.statistics}: ${this.statisticsNote()}; percentileBound ${this.percentileBound}`;
    const lines = [about.replace(/[\r\n]+/g, ' '), head.join(',')];
    for (let t = 0; t <= this.steps; t++) {
      const row: (string | number)[] = [t, this.dateAt(t) ?? ''];
      for (const m of this.metrics) {
        const s = this.metric(m);
        row.push(s.mean[t]!, s.p5[t]!, s.p50[t]!, s.p95[t]!);
      }
      lines.push(row.join(','));
    }
    return `${lines.join('\n')}\n`;
  }
}
