// The page's run, in a Web Worker of its own: the page stays responsive, progress comes back as
// messages, and Cancel terminates this worker (and the SDK's engine workers it started). The SDK
// spreads the runs over its own Web Workers (`threads`); the numbers do not depend on how many.
import { FlywheelError, calibrate, risk, run, sensitivity, setPath, sweep, type CalibrationResult, type ModelSpec, type RiskResult, type SensitivityResult, type Summary } from '@flywheel/sdk';
import { playgroundMetrics } from './metrics.js';

export interface RunRequest {
  spec: ModelSpec;
  threads: number;
  /** A sweep instead of one run: every combination of the values of two spec paths. */
  grid?: Record<string, number[]>;
  /** A sensitivity analysis of the spec instead: Morris or Sobol over spec paths with their ranges. */
  sensitivity?: { params: Record<string, [number, number]>; output: string; method: 'morris' | 'sobol'; samples: number; seed: number };
  /** Event probabilities over the spec's runs instead. */
  risk?: { events: string[] };
  /** A calibration of spec paths (within their ranges) to an observed series (CSV date,value) instead. */
  calibrate?: { params: Record<string, [number, number]>; data: string; metric: string; maxEvaluations: number };
}

export type RunReply =
  | { type: 'progress'; done: number; total: number }
  | {
      type: 'done';
      ms: number;
      samples: Record<string, Float64Array[]>;
      result: {
        model: string;
        step: string;
        stepDays: number;
        steps: number;
        runs: number;
        seed: number;
        engine: string;
        start: string | undefined;
        metrics: string[];
        statistics: 'exact' | 'streaming';
        percentileBound: number;
        stats: Float64Array;
      };
    }
  | { type: 'sweep'; ms: number; points: { params: Record<string, unknown>; summary: Summary }[] }
  | { type: 'sensitivity'; ms: number; result: SensitivityResult }
  | { type: 'risk'; ms: number; result: RiskResult }
  | { type: 'calibrate'; ms: number; result: CalibrationResult; steps: number; fitted: { mean: Float64Array; p5: Float64Array; p50: Float64Array; p95: Float64Array } }
  | { type: 'batch'; done: number; total: number }
  | { type: 'error'; error: { code: string; path: string; message: string; hint: string; value: string } };

/** Sample paths drawn per metric, and the most per-run values kept to draw them (64 MiB). */
export const SAMPLE_PATHS = 3;
export const SAMPLE_BYTES = 64 * 2 ** 20;

const post = (m: RunReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = async (e: MessageEvent<RunRequest>) => {
  const started = performance.now();
  try {
    const { spec, threads, grid } = e.data;
    if (e.data.sensitivity) {
      const { params, output, method, samples, seed } = e.data.sensitivity;
      // each evaluation is one Monte Carlo of the spec with the parameters at a point (SDK sweep, on the SDK's Web Workers)
      const result = await sensitivity(spec, { params, output, method, samples, seed }, { threads }, (done, total) => post({ type: 'batch', done, total }));
      post({ type: 'sensitivity', ms: performance.now() - started, result });
      return;
    }
    if (e.data.calibrate) {
      const { params, data, metric, maxEvaluations } = e.data.calibrate;
      const result = await calibrate(spec, { params, data, metric, maxEvaluations }, { threads });
      // the model at the fitted values, for the chart's band (one more Monte Carlo)
      let fitted = spec;
      for (const [path, value] of Object.entries(result.params)) fitted = setPath(fitted, path, value);
      const at = await run(fitted, { threads, metrics: [metric] });
      post({ type: 'calibrate', ms: performance.now() - started, result, steps: at.steps, fitted: at.metric(metric) });
      return;
    }
    if (e.data.risk) {
      const result = await risk(spec, { events: e.data.risk.events }, { threads });
      post({ type: 'risk', ms: performance.now() - started, result });
      return;
    }
    if (grid) {
      const result = await sweep(spec, { grid }, { threads, metrics: playgroundMetrics(spec) });
      post({ type: 'sweep', ms: performance.now() - started, points: result.points.map((p) => ({ params: p.params, summary: p.result.summary() })) });
      return;
    }
    const metrics = playgroundMetrics(spec);
    // a few runs' own paths for the charts, where keeping every run costs little (at most
    // SAMPLE_BYTES; below it the statistics are exact either way, so the numbers do not change)
    const bytes = spec.monteCarlo.runs * metrics.length * (spec.time.steps + 1) * 8;
    const keepRuns = bytes <= SAMPLE_BYTES;
    const result = await run(spec, { threads, metrics, keepRuns, onProgress: (done, total) => post({ type: 'progress', done, total }) });
    const samples: Record<string, Float64Array[]> = {};
    if (keepRuns) for (const m of result.metrics) samples[m] = result.paths(m).slice(0, SAMPLE_PATHS);
    // the statistics in the engines' layout: [stat][metric · (steps + 1) + t]
    const n1 = result.steps + 1;
    const cells = result.metrics.length * n1;
    const stats = new Float64Array(4 * cells);
    result.metrics.forEach((m, slot) => {
      const s = result.metric(m);
      [s.mean, s.p5, s.p50, s.p95].forEach((a, stat) => stats.set(a, stat * cells + slot * n1));
    });
    post(
      {
        type: 'done',
        ms: performance.now() - started,
        samples,
        result: {
          model: result.model,
          step: result.step,
          stepDays: result.stepDays,
          steps: result.steps,
          runs: result.runs,
          seed: result.seed,
          engine: result.engine,
          start: result.start,
          metrics: [...result.metrics],
          statistics: result.statistics,
          percentileBound: result.percentileBound,
          stats,
        },
      },
      [stats.buffer],
    );
  } catch (err) {
    const f = err instanceof FlywheelError ? err : undefined;
    post({
      type: 'error',
      error: {
        code: f?.code ?? 'INTERNAL',
        path: f?.path ?? '',
        message: f?.issues[0]?.message ?? String((err as Error)?.message ?? err),
        hint: f?.hint ?? 'Please report it.',
        value: f ? (JSON.stringify(f.value)?.slice(0, 200) ?? '') : '',
      },
    });
  }
};
