import { FlywheelError, type FlywheelIssue } from '@flywheel/spec/errors';
import { StreamingStats } from '../streaming.js';
import type { FoldJob } from './worker.js';

/**
 * Helpers for threads that share memory (SharedArrayBuffer): copying runs into shared per-run
 * values and claiming pieces of cells for statistics. Used by the pool and the worker alike.
 */

/** Statistics work shared between threads: pieces of `step` cells claimed from `claim`, results in `out` ([stat][cell]). */
export interface SharedStats {
  claim: Int32Array;
  step: number;
  out: Float64Array;
}

/**
 * Claims pieces of cells from `shared.claim` until none is left and writes their statistics
 * ([stat][cell − c0] from `statsOf`) into `shared.out` ([stat][cell]).
 */
export function statsPieces(values: Float64Array, cells: number, runs: number, shared: SharedStats, statsOf: (rows: Float64Array, k: number) => Float64Array): void {
  const { claim, step, out } = shared;
  for (let c0 = Atomics.add(claim, 0, step); c0 < cells; c0 = Atomics.add(claim, 0, step)) {
    const c1 = Math.min(cells, c0 + step);
    const k = c1 - c0;
    const stats = statsOf(values.subarray(c0 * runs, c1 * runs), k);
    for (let s = 0; s < stats.length / k; s++) out.set(stats.subarray(s * k, (s + 1) * k), s * cells + c0);
  }
}

/** Claims pieces of cells from `job.claim` until none is left and folds the job's runs into their shared streaming state. */
export function foldPieces(job: FoldJob): void {
  const stream = new StreamingStats(job.cells, job.state);
  for (let c0 = Atomics.add(job.claim, 0, job.step); c0 < job.cells; c0 = Atomics.add(job.claim, 0, job.step)) {
    stream.foldCells(job.values, job.runs, job.stride, c0, Math.min(job.cells, c0 + job.step), job.firstRun);
  }
}

/**
 * The reply for an error thrown in a worker: a FlywheelError keeps its issues (code, path, value,
 * hint), made plain so that they survive structured cloning; anything else keeps its message.
 */
export function errorReply(e: unknown): { type: 'error'; message: string; issues?: FlywheelIssue[] } {
  if (e instanceof FlywheelError) {
    let issues: FlywheelIssue[];
    try {
      issues = structuredClone(e.issues) as FlywheelIssue[]; // keeps Infinity and NaN as numbers
    } catch {
      issues = JSON.parse(JSON.stringify(e.issues, (_k, v) => (typeof v === 'bigint' ? String(v) : v))) as FlywheelIssue[];
    }
    return { type: 'error', message: e.message, issues };
  }
  return { type: 'error', message: e instanceof Error ? e.message : String(e) };
}

/** The error a worker's error reply stands for, on the thread that receives it. */
export function replyError(m: { message: string; issues?: readonly FlywheelIssue[] | undefined }): Error {
  return m.issues && m.issues.length > 0 ? new FlywheelError(m.issues) : new Error(m.message);
}

export { copyRuns, placeBlock } from './place.js';
