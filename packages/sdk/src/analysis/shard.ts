/**
 * Sensitivity analyses in shards, for spreading their Monte Carlos over machines like a sweep's:
 * shard `index` of `count` evaluates its share of the sample points ({@link sensitivitySample}'s
 * order: [⌊P·index/count⌋, ⌊P·(index+1)/count⌋) of P points) and returns their outputs with what
 * identifies the job; {@link mergeSensitivityShards} checks that the shards are of one job,
 * complete, non-overlapping and unaltered, and computes the indices exactly as one machine would
 * (the same numbers, bit for bit: each point is one Monte Carlo with the spec's own seed, whichever
 * machine runs it).
 * @packageDocumentation
 */
import { ErrorCodes, fail, validateSpec, type ModelSpec } from '@flywheel/spec';
import { fnv1a } from '../checksum.js';
import type { RunOptions } from '../run.js';
import { shardRange } from '../shard.js';
import { checkRanges, evaluatePoints, parseOutput } from './output.js';
import { sensitivityAnalyze, sensitivitySample, type SensitivityOptions, type SensitivityResult } from './sensitivity.js';

/** One shard of a sensitivity analysis (plain JSON: write it with `JSON.stringify`). */
export interface SensitivityShard {
  format: 'flywheel-sensitivity-shard/1';
  /** The validated spec every point was run on (with the point's parameter values set). */
  spec: ModelSpec;
  /** The analysis' options (params, method, samples, seed, bootstrap, confidence, skip, levels). */
  options: SensitivityOptions;
  /** The output read from each point's result (a name from `OUTPUT_NAMES`, or `metric@when`). */
  output: string;
  /** Stored metrics of each Monte Carlo (undefined: the output's own). */
  metrics?: string[];
  engine: 'wasm' | 'reference';
  index: number;
  count: number;
  /** Sample points of this shard: [pointStart, pointEnd) of `points`. */
  pointStart: number;
  pointEnd: number;
  /** All sample points of the job. */
  points: number;
  /** The output at each point of [pointStart, pointEnd). */
  outputs: number[];
  /** FNV-1a of the outputs' bytes (f64, little-endian). */
  checksum: number;
}

const FORMAT = 'flywheel-sensitivity-shard/1';

/** FNV-1a of the little-endian bytes of the values. */
function checksumOf(values: readonly number[]): number {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return fnv1a(bytes);
}

/** The analysis options a shard keeps (only what decides the points and the indices). */
function jobOptions(o: SensitivityOptions): SensitivityOptions {
  const keep: SensitivityOptions = { params: Object.fromEntries(Object.entries(o.params).map(([k, [lo, hi]]) => [k, [lo, hi] as const])) };
  for (const k of ['method', 'samples', 'seed', 'bootstrap', 'confidence', 'skip', 'levels'] as const) if (o[k] !== undefined) (keep as unknown as Record<string, unknown>)[k] = o[k];
  return keep;
}

/**
 * Evaluates shard `index` of `count` of a sensitivity analysis of `spec`: its share of the sample
 * points, one Monte Carlo each (worker threads as in {@link sensitivity}). Merge all shards with
 * {@link mergeSensitivityShards}.
 * @throws FlywheelError RUN_INVALID_OPTION for a bad index, count, output or options; SPEC_* for a bad spec
 * @example
 * ```ts
 * const job = { params: { 'params.growth': [0.1, 0.7] as const, 'params.elasticity': [0.2, 0.8] as const }, output: 'finalPriceP50', samples: 64 };
 * const shards = [];
 * for (let i = 0; i < 4; i++) shards.push(await sensitivityShard(helium({ runs: 20 }), job, i, 4)); // e.g. one per machine
 * const result = mergeSensitivityShards(shards); // what sensitivity(helium({ runs: 20 }), job) gives
 * ```
 */
export async function sensitivityShard(spec: ModelSpec, options: SensitivityOptions & { output: string }, index: number, count: number, runOptions: RunOptions = {}): Promise<SensitivityShard> {
  if (!(Number.isInteger(count) && count >= 1 && count <= 1_000_000))
    fail(ErrorCodes.RUN_INVALID_OPTION, 'shard.count', count, 'the shard count must be a whole number from 1 to 1,000,000', 'e.g. --shard 0/4');
  if (!(Number.isInteger(index) && index >= 0 && index < count))
    fail(ErrorCodes.RUN_INVALID_OPTION, 'shard.index', index, `the shard index must be a whole number 0 … ${count - 1}`, 'Shards are numbered from 0.');
  if (typeof options?.output !== 'string')
    fail(
      ErrorCodes.RUN_INVALID_OPTION,
      'output',
      options?.output,
      'a sharded analysis needs its output by name (a function cannot be written to a shard)',
      'e.g. output: "finalPriceP50" or "price@2030-01-01".',
    );
  const valid = validateSpec(spec);
  const out = parseOutput(options.output);
  checkRanges(valid, options.params); // every path in the spec, before any Monte Carlo
  const { names, points } = sensitivitySample(options);
  const [start, end] = shardRange(points.length, index, count);
  const metrics = runOptions.metrics ? [...runOptions.metrics] : undefined;
  const outputs = (await evaluatePoints(valid, names, points.slice(start, end), (r) => out.of(r), metrics ?? out.metrics, runOptions)).map(Number);
  return {
    format: FORMAT,
    spec: valid,
    options: jobOptions(options),
    output: options.output,
    ...(metrics ? { metrics } : {}),
    engine: runOptions.engine ?? 'wasm',
    index,
    count,
    pointStart: start,
    pointEnd: end,
    points: points.length,
    outputs,
    checksum: checksumOf(outputs),
  };
}

/**
 * The sensitivity result of all shards of one job, exactly what one machine computes. Refuses
 * shards of different jobs (spec, options, output, metrics, engine or count), a missing, repeated
 * or renumbered shard, a shard whose outputs do not fill its range, and altered outputs (checksum).
 * @param names - how to name each shard in errors (e.g. its file name); default `shards.<i>`
 * @throws FlywheelError RUN_INVALID_OPTION naming the shard and the field that is wrong
 * @example
 * ```ts
 * const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
 * const result = mergeSensitivityShards(shards, files);
 * ```
 */
export function mergeSensitivityShards(shards: readonly SensitivityShard[], names?: readonly string[]): SensitivityResult {
  if (!Array.isArray(shards) || shards.length === 0) fail(ErrorCodes.RUN_INVALID_OPTION, 'shards', shards, 'no shards to merge', 'Pass every shard of the analysis.');
  const where = (i: number, field?: string) => `${names?.[i] ?? `shards.${i}`}${field ? `.${field}` : ''}`;
  const bad = (i: number, field: string | undefined, value: unknown, message: string, hint: string): never => fail(ErrorCodes.RUN_INVALID_OPTION, where(i, field), value, message, hint);
  for (const [i, s] of shards.entries()) {
    if (s === null || typeof s !== 'object' || Array.isArray(s)) bad(i, undefined, s, 'not a sensitivity shard', 'Pass shards written by sensitivityShard (flywheel sensitivity --shard I/N).');
    if (s.format !== FORMAT) bad(i, 'format', s.format, 'not a sensitivity shard', 'Pass shards written by sensitivityShard (flywheel sensitivity --shard I/N).');
  }
  const first = shards[0]!;
  const count = first.count;
  if (!(Number.isInteger(count) && count >= 1 && count <= 1_000_000)) bad(0, 'count', count, 'the shard count must be a whole number from 1 to 1,000,000', 'Pass shards written by sensitivityShard.');
  const key = (s: SensitivityShard) => JSON.stringify([s.spec, s.options, s.output, s.metrics ?? null, s.engine, s.count, s.points]);
  const job = key(first);
  // the points the options give: the job's shards must cover exactly these
  const total = sensitivitySample(first.options).points.length;
  if (first.points !== total)
    bad(0, 'points', first.points, `the options give ${total} sample points, the shard says ${first.points}`, 'The shard was altered or written by another version; run it again.');
  const byIndex = new Map<number, SensitivityShard>();
  for (const [i, s] of shards.entries()) {
    if (key(s) !== job) bad(i, undefined, s.index, 'shard belongs to a different analysis (spec, options, output, metrics, engine or count differ)', 'Merge only the shards of one analysis.');
    if (!(Number.isInteger(s.index) && s.index >= 0 && s.index < count))
      bad(i, 'index', s.index, `the shard index must be a whole number 0 … ${count - 1}`, 'Pass shards written by sensitivityShard.');
    if (byIndex.has(s.index)) bad(i, 'index', s.index, 'shard given twice', 'Pass each shard once.');
    const [start, end] = shardRange(total, s.index, count);
    if (s.pointStart !== start || s.pointEnd !== end)
      bad(i, 'pointStart', [s.pointStart, s.pointEnd], `shard ${s.index} of ${count} holds points [${start}, ${end})`, 'The shard was altered; run it again.');
    if (!Array.isArray(s.outputs) || s.outputs.length !== end - start)
      bad(i, 'outputs', Array.isArray(s.outputs) ? s.outputs.length : s.outputs, `shard ${s.index} must hold ${end - start} outputs`, 'The shard is truncated or altered; run it again.');
    const j = (s.outputs as unknown[]).findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (j >= 0) bad(i, `outputs.${j}`, s.outputs[j], 'an output is not a finite number', 'The shard is corrupt; run it again.');
    if (checksumOf(s.outputs) !== s.checksum) bad(i, 'checksum', s.checksum, `the outputs' checksum is ${checksumOf(s.outputs)}`, 'The shard was altered or corrupted; run it again.');
    byIndex.set(s.index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    fail(
      ErrorCodes.RUN_INVALID_OPTION,
      'shards',
      missing,
      `missing shard(s) ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''} of ${count}`,
      'Run and pass every shard index 0 … count − 1.',
    );
  const outputs: number[] = [];
  for (let i = 0; i < count; i++) for (const v of byIndex.get(i)!.outputs) outputs.push(v);
  return sensitivityAnalyze(first.options, outputs, parseOutput(first.output).label);
}
