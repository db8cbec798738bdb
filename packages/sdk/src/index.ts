/**
 * Flywheel SDK: model specs in, Monte Carlo results out, on a WebAssembly engine or its
 * reference twin.
 * @packageDocumentation
 */
export * from '@flywheel/spec';
export { compile, compileSpec, type CompiledModel } from './compile.js';
export { availableMetrics, canonicalMetrics, defaultMetrics, type Program } from './program/compile.js';
export type { PopulationInfo } from './program/context.js';
export { populationKernel } from './blocks/population.js';
export { StreamingStats, sketchBound, SKETCH_BUCKETS, SKETCH_EXACT_RUNS, type StreamingState } from './streaming.js';
export {
  run,
  checkRunOptions,
  resolveStatistics,
  AUTO_THREADS_MIN_WORK,
  EXACT_AUTO_BYTES,
  LONG_RUN_WORK,
  MAX_SKETCH_BYTES,
  STREAMING_BLOCK,
  STREAMING_BLOCK_BYTES,
  streamingBlock,
  PART_BYTES,
  type RunOptions,
  type EngineName,
} from './run.js';
export { availableThreads, shutdownWorkers } from './engine/pool.js';
export { configure, type FlywheelConfig } from './configure.js';
export { runShard, mergeShards, shardRange, type Shard } from './shard.js';
export { sweep, sweepPoints, SweepResult, SWEEP_WAVE, type SweepPlan, type SweepPoint } from './sweep.js';
export { RunResult, type MetricSeries, type Summary, type YearRow, type RunResultJSON, type RunResultInit } from './result.js';
export { flywheel, FlywheelBuilder } from './builder.js';
export {
  compare,
  compareRow,
  compareSpec,
  compareMetrics,
  compareCSV,
  formatCompareTable,
  INCENTIVES_SIGNAL,
  type CompareOptions,
  type CompareResult,
  type CompareRow,
  type PaybackNote,
} from './compare.js';
export { METRICS, METRIC_DOCS, type MetricName } from './metrics.js';
export { simulateReference, statsReference } from './engine/reference.js';
export { WasmSession } from './engine/wasm.js';
export { fexp, flog, fpow } from './engine/math.js';
export { Rng, mix32 } from './engine/rng.js';
export {
  sensitivity,
  sensitivityOf,
  sensitivitySample,
  sensitivityAnalyze,
  saltelliRows,
  morrisTrajectories,
  type SensitivityOptions,
  type SensitivityResult,
  type SobolIndex,
  type MorrisEffect,
} from './analysis/sensitivity.js';
export { sensitivityShard, mergeSensitivityShards, type SensitivityShard } from './analysis/shard.js';
export { calibrate, parseSeriesCSV, type CalibrateOptions, type CalibrationResult, type Observation, type FitRow, type FitError } from './analysis/calibrate.js';
export {
  risk,
  rareEvent,
  rareEventOf,
  parseEvent,
  eventRuns,
  type RiskEvent,
  type RiskResult,
  type EventProbability,
  type RareEventOptions,
  type RareEventResult,
  type ParamDistribution,
  type Estimate,
} from './analysis/risk.js';
export { parseOutput, evaluatePoints, OUTPUT_NAMES, ANALYSIS_BATCH, type OutputSpec, type ParsedOutput, type ParamRanges } from './analysis/output.js';
export { sobolPoints, SOBOL_MAX_DIMENSIONS } from './analysis/sobol-sequence.js';
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from './analysis/nelder-mead.js';
export { normalCdf, normalQuantile, wilson } from './analysis/stats.js';
