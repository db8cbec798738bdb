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
export { run, checkRunOptions, resolveStatistics, AUTO_THREADS_MIN_WORK, EXACT_AUTO_BYTES, STREAMING_BLOCK, PART_BYTES, type RunOptions, type EngineName } from './run.js';
export { availableThreads, shutdownWorkers } from './engine/pool.js';
export { runShard, mergeShards, shardRange, type Shard } from './shard.js';
export { sweep, sweepPoints, SweepResult, SWEEP_WAVE, type SweepPlan, type SweepPoint } from './sweep.js';
export { RunResult, type MetricSeries, type Summary, type YearRow, type RunResultJSON, type RunResultInit } from './result.js';
export { flywheel, FlywheelBuilder } from './builder.js';
export { METRICS, METRIC_DOCS, type MetricName } from './metrics.js';
export { simulateReference, statsReference } from './engine/reference.js';
export { WasmSession } from './engine/wasm.js';
export { fexp, flog, fpow } from './engine/math.js';
export { Rng, mix32 } from './engine/rng.js';
