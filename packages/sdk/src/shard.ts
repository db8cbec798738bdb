import { ErrorCodes, fail, type ModelSpec } from '@flywheel/spec';
import { bytesOf, fnv1a } from './checksum.js';
import { compileSpec } from './compile.js';
import { availableThreads, placeBlock, runJobsOnWorkers } from './engine/pool.js';
import { simulateReference } from './engine/reference.js';
import { WasmSession } from './engine/wasm.js';
import { withEngine } from './engine/instances.js';
import type { RunResult } from './result.js';
import { statsOf, toResult, type EngineName, type RunOptions } from './run.js';

/** A partial result: the per-run values of runs [runStart, runEnd) of shard `index` of `count`. JSON-serialisable. */
export interface Shard {
  format: 'flywheel-shard/2';
  spec: ModelSpec;
  metrics: string[];
  engine: EngineName;
  index: number;
  count: number;
  runStart: number;
  runEnd: number;
  /** Float64 little-endian values, [cell][run − runStart], base64. */
  values: string;
  /** FNV-1a (32-bit, hex) of the values' bytes: merge refuses a shard whose values were altered. */
  checksum: string;
}

/** The checksum a JSON shard carries: FNV-1a of the values' bytes, 8 hex digits. */
function checksumOf(values: Float64Array): string {
  return fnv1a(bytesOf(values)).toString(16).padStart(8, '0');
}

function toBase64(a: Float64Array): string {
  const bytes = bytesOf(a);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The values of a shard, or undefined if they are not base64 of whole f64s. */
function fromBase64(s: unknown): Float64Array | undefined {
  if (typeof s !== 'string') return undefined;
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    return undefined;
  }
  if (bin.length % 8 !== 0) return undefined;
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float64Array(bytes.buffer);
}

/**
 * Runs of shard `index` of `count`: [⌊R·index/count⌋, ⌊R·(index+1)/count⌋).
 * @example
 * ```ts
 * shardRange(10, 1, 3); // [3, 6]
 * ```
 */
export function shardRange(runs: number, index: number, count: number): [number, number] {
  return [Math.floor((runs * index) / count), Math.floor((runs * (index + 1)) / count)];
}

/**
 * Simulates one shard of a Monte Carlo, for spreading a large job over machines (e.g. a
 * Kubernetes Indexed Job with `index = JOB_COMPLETION_INDEX`). {@link mergeShards} combines the
 * shards into exactly the single-machine result.
 *
 * @throws FlywheelError RUN_INVALID_OPTION for a bad index/count, SPEC_* for a bad spec
 * @example
 * ```ts
 * const parts = await Promise.all([0, 1, 2].map((i) => runShard(spec, i, 3)));
 * const result = await mergeShards(parts);
 * ```
 */
export async function runShard(spec: ModelSpec, index: number, count: number, options: RunOptions = {}): Promise<Shard> {
  if (!(Number.isInteger(count) && count >= 1)) fail(ErrorCodes.RUN_INVALID_OPTION, 'shard.count', count, 'shard count must be a whole number ≥ 1', 'e.g. --shard 0/4');
  if (!(Number.isInteger(index) && index >= 0 && index < count)) fail(ErrorCodes.RUN_INVALID_OPTION, 'shard.index', index, `shard index must be 0 … ${count - 1}`, 'Shards are numbered from 0.');
  const model = compileSpec(spec, options.metrics);
  const valid = model.spec;
  const [runStart, runEnd] = shardRange(model.runs, index, count);
  const engine = options.engine ?? 'wasm';
  const n = runEnd - runStart;
  const cells = model.metrics.length * (model.steps + 1);
  let values: Float64Array = new Float64Array(cells * n);
  const t = options.threads ?? 'auto';
  const threads = Math.min(n, t === 'auto' ? await availableThreads() : t);
  if (n > 0 && threads > 1) {
    const blocks = Array.from({ length: threads }, (_, i) => {
      const [a, b] = shardRange(n, i, threads);
      return [{ model, runStart: runStart + a, runEnd: runStart + b }];
    });
    await runJobsOnWorkers({ engine, chunk: n }, blocks, (w, _j, offset, block) => placeBlock(values, block, cells, n, blocks[w]![0]!.runStart - runStart + offset));
  } else if (n > 0) {
    if (engine === 'wasm') {
      values = await withEngine(options.wasm, (ex) => {
        const session = new WasmSession(ex, model, n);
        session.simulate(runStart, runEnd, runStart);
        return session.values().slice();
      });
    } else values = simulateReference(model, runStart, runEnd);
  }
  return { format: 'flywheel-shard/2', spec: valid, metrics: [...model.metrics], engine, index, count, runStart, runEnd, values: toBase64(values), checksum: checksumOf(values) };
}

/**
 * Combines all shards of one job into the result a single machine would have computed (the same
 * numbers, bit for bit).
 * @throws FlywheelError RUN_INVALID_OPTION when shards are missing, duplicated or from different jobs
 * @example
 * ```ts
 * const files = ['a.json', 'b.json'].map((f) => JSON.parse(readFileSync(f, 'utf8')));
 * const result = await mergeShards(files);
 * ```
 */
export async function mergeShards(shards: readonly Shard[], options: Pick<RunOptions, 'wasm'> & { names?: readonly string[] } = {}): Promise<RunResult> {
  if (!Array.isArray(shards) || shards.length === 0) fail(ErrorCodes.RUN_INVALID_OPTION, 'shards', shards, 'no shards to merge', 'Pass every shard file of the job.');
  const where = (i: number, field?: string) => `${options.names?.[i] ?? `shards.${i}`}${field ? `.${field}` : ''}`;
  const bad = (i: number, field: string | undefined, value: unknown, message: string, hint: string): never => fail(ErrorCodes.RUN_INVALID_OPTION, where(i, field), value, message, hint);
  for (const [i, s] of shards.entries()) {
    if (s === null || typeof s !== 'object') bad(i, undefined, s, 'not a Flywheel shard', 'Pass files written by flywheel run --shard.');
    if (s.format !== 'flywheel-shard/2')
      bad(
        i,
        'format',
        s.format,
        s.format === 'flywheel-shard/1' ? 'a shard of an older format (no checksum)' : 'not a Flywheel shard',
        'Run the shards again with this version (flywheel run --shard I/N).',
      );
  }
  const first = shards[0]!;
  if (!(Number.isInteger(first.count) && first.count >= 1 && first.count <= 1_000_000))
    bad(0, 'count', first.count, 'the shard count must be a whole number from 1 to 1,000,000', 'Pass files written by flywheel run --shard.');
  const key = JSON.stringify([first.spec, first.metrics, first.engine, first.count]);
  const seen = new Set<number>();
  for (const [i, s] of shards.entries()) {
    if (JSON.stringify([s.spec, s.metrics, s.engine, s.count]) !== key)
      bad(i, undefined, s.index, 'shard belongs to a different job (spec, metrics, engine or count differ)', 'Merge only the shards of one job.');
    if (!(Number.isInteger(s.index) && s.index >= 0 && s.index < first.count))
      bad(i, 'index', s.index, `the shard index must be a whole number 0 … ${first.count - 1}`, 'Pass files written by flywheel run --shard.');
    if (seen.has(s.index)) bad(i, 'index', s.index, 'shard given twice', 'Pass each shard once.');
    seen.add(s.index);
  }
  const missing = Array.from({ length: first.count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) fail(ErrorCodes.RUN_INVALID_OPTION, 'shards', missing, `missing shard(s) ${missing.join(', ')} of ${first.count}`, 'Run and pass every shard index 0 … count − 1.');
  const model = compileSpec(first.spec, first.metrics);
  const R = model.runs;
  const cells = model.metrics.length * (model.steps + 1);
  const blocks = shards.map((s, i) => {
    const [a, b] = shardRange(R, s.index, s.count);
    if (s.runStart !== a || s.runEnd !== b)
      bad(
        i,
        'runStart',
        [s.runStart, s.runEnd],
        `shard ${s.index} of ${s.count} holds runs [${a}, ${b}) of ${R}, not [${s.runStart}, ${s.runEnd})`,
        'Pass files written by flywheel run --shard, unedited.',
      );
    const decoded = fromBase64(s.values);
    if (!decoded || decoded.length !== cells * (b - a))
      bad(i, 'values', decoded ? decoded.length : typeof s.values, `the values are not ${cells} cells × ${b - a} runs of f64 in base64`, 'The file is truncated or corrupt: run this shard again.');
    const values = decoded!;
    if (checksumOf(values) !== s.checksum) bad(i, 'checksum', s.checksum, 'the values do not match the checksum', 'The file was altered or corrupted: run this shard again.');
    return { start: a, values };
  });
  const values = new Float64Array(cells * R);
  for (const { start, values: v } of blocks) placeBlock(values, v, cells, R, start);
  return toResult(model, first.engine, await statsOf(model, first.engine, values, options.wasm));
}
