// Shard files (Node only: the CLI uses them): a shard's runs are simulated in blocks and written to
// the file as they are computed, and a merge reads the files block by block, so neither side holds
// more than a wave of runs beyond what the statistics need. The format:
//
//   FLYWHEEL-SHARD/3\n
//   <header: one line of JSON (ShardFileHeader)>\n
//   blocks of at most `block` runs, in run order: f64 little-endian values [cell][run − blockStart]
//   \nEND <FNV-1a of the block bytes, 8 hex digits> <runs>\n
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { ErrorCodes, fail, type ModelSpec } from '@flywheel/spec';
import { bytesOf, FNV_START, fnv1a } from './checksum.js';
import { compileSpec, type CompiledModel } from './compile.js';
import { placeBlock, copyRuns } from './engine/place.js';
import { simulateReference } from './engine/reference.js';
import { WasmSession } from './engine/wasm.js';
import { withEngine } from './engine/instances.js';
import type { RunResult } from './result.js';
import { resolveStatistics, statsOf, toResult, type EngineName, type RunOptions } from './run.js';
import { shardRange } from './shard.js';
import { StreamingStats } from './streaming.js';

/** The first line of a shard file. */
export const SHARD_FILE_MAGIC = 'FLYWHEEL-SHARD/3\n';

/** What a shard file's header line holds. */
export interface ShardFileHeader {
  format: 'flywheel-shard/3';
  spec: ModelSpec;
  metrics: string[];
  engine: EngineName;
  index: number;
  count: number;
  runStart: number;
  runEnd: number;
  /** Stored metrics × (steps + 1). */
  cells: number;
  /** Runs per block of the body (the last block may hold fewer). */
  block: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Runs per block: about 8 MiB of values, at least 1, at most 64. */
function blockRuns(cells: number): number {
  return Math.max(1, Math.min(64, Math.floor(2 ** 23 / (cells * 8))));
}

/**
 * Simulates shard `index` of `count` of `spec` and writes it to `path` as it goes (blocks of runs
 * in run order), so memory stays at one block per thread whatever the shard's size. Merge the files
 * with {@link mergeShardFiles}.
 *
 * @returns the header written
 * @throws FlywheelError RUN_INVALID_OPTION for a bad index/count, SPEC_* for a bad spec
 * @example
 * ```ts
 * await writeShardFile('out/helium-shard-0-of-4.fwshard', helium({ runs: 10_000 }), 0, 4);
 * ```
 */
export async function writeShardFile(path: string, spec: ModelSpec, index: number, count: number, options: RunOptions = {}): Promise<ShardFileHeader> {
  if (!LITTLE_ENDIAN) throw new Error('shard files need a little-endian platform');
  if (!(Number.isInteger(count) && count >= 1)) fail(ErrorCodes.RUN_INVALID_OPTION, 'shard.count', count, 'shard count must be a whole number ≥ 1', 'e.g. --shard 0/4');
  if (!(Number.isInteger(index) && index >= 0 && index < count)) fail(ErrorCodes.RUN_INVALID_OPTION, 'shard.index', index, `shard index must be 0 … ${count - 1}`, 'Shards are numbered from 0.');
  const model = compileSpec(spec, options.metrics);
  const [runStart, runEnd] = shardRange(model.runs, index, count);
  const engine = options.engine ?? 'wasm';
  const cells = model.metrics.length * (model.steps + 1);
  const B = blockRuns(cells);
  const header: ShardFileHeader = { format: 'flywheel-shard/3', spec: model.spec, metrics: [...model.metrics], engine, index, count, runStart, runEnd, cells, block: B };
  const fd = openSync(path, 'w');
  let h = FNV_START;
  try {
    writeSync(fd, SHARD_FILE_MAGIC + JSON.stringify(header) + '\n');
    const write = (values: Float64Array) => {
      const bytes = bytesOf(values);
      h = fnv1a(bytes, h);
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    };
    const t = options.threads ?? 'auto';
    const threads = Math.max(1, Math.min(Math.ceil((runEnd - runStart) / B), t === 'auto' ? await (await import('./engine/pool.js')).availableThreads() : t));
    if (threads > 1) await writeWaves(model, engine, threads, runStart, runEnd, B, cells, write);
    else await writeSerial(model, engine, options, runStart, runEnd, B, cells, write);
    writeSync(fd, `\nEND ${h.toString(16).padStart(8, '0')} ${runEnd - runStart}\n`);
  } finally {
    closeSync(fd);
  }
  return header;
}

async function writeSerial(model: CompiledModel, engine: EngineName, options: RunOptions, runStart: number, runEnd: number, B: number, cells: number, write: (v: Float64Array) => void): Promise<void> {
  if (engine === 'reference') {
    for (let s = runStart; s < runEnd; s += B) write(simulateReference(model, s, Math.min(runEnd, s + B)));
    return;
  }
  await withEngine(options.wasm, (ex) => {
    const session = new WasmSession(ex, model, Math.min(B, runEnd - runStart));
    for (let s = runStart; s < runEnd; s += B) {
      const n = Math.min(B, runEnd - s);
      session.simulate(s, s + n, s);
      if (n === session.runs) write(session.values().subarray(0, cells * n));
      else {
        const block = new Float64Array(cells * n);
        copyRuns(block, n, 0, session.values(), session.runs, n, cells);
        write(block);
      }
    }
  });
}

/** Waves of one block per worker; each wave's blocks are written in run order. */
async function writeWaves(model: CompiledModel, engine: EngineName, threads: number, runStart: number, runEnd: number, B: number, cells: number, write: (v: Float64Array) => void): Promise<void> {
  const pool = await import('./engine/pool.js');
  for (let w0 = runStart; w0 < runEnd; w0 += threads * B) {
    const wave = Array.from({ length: Math.min(threads, Math.ceil((runEnd - w0) / B)) }, (_, i) => [{ model, runStart: w0 + i * B, runEnd: Math.min(runEnd, w0 + (i + 1) * B) }]);
    const blocks: Float64Array[] = wave.map(([job]) => new Float64Array(cells * (job!.runEnd - job!.runStart)));
    await pool.runJobsOnWorkers({ engine, chunk: B }, wave, (w, _j, offset, values) => {
      const n = wave[w]![0]!.runEnd - wave[w]![0]!.runStart;
      placeBlock(blocks[w]!, values, cells, n, offset);
    });
    blocks.forEach(write);
  }
}

/** An open shard file: its header and where its body starts. */
interface OpenShard {
  name: string;
  fd: number;
  header: ShardFileHeader;
  bodyStart: number;
  size: number;
}

function readHeader(name: string): OpenShard {
  let fd: number;
  try {
    fd = openSync(name, 'r');
  } catch (e) {
    return fail(ErrorCodes.RUN_INVALID_OPTION, name, name, `cannot read shard file: ${(e as Error).message}`, 'Pass files written by flywheel run --shard.');
  }
  const size = fstatSync(fd).size;
  const head = Buffer.alloc(Math.min(size, 1 << 20));
  readSync(fd, head, 0, head.length, 0);
  const bad = (message: string, field?: string, value?: unknown): never => {
    closeSync(fd);
    return fail(ErrorCodes.RUN_INVALID_OPTION, field ? `${name}.${field}` : name, value, message, 'Pass files written by flywheel run --shard, unedited; run a damaged shard again.');
  };
  if (head.subarray(0, SHARD_FILE_MAGIC.length).toString('latin1') !== SHARD_FILE_MAGIC) bad('not a Flywheel shard file (flywheel-shard/3)', 'format', head.subarray(0, 16).toString('latin1'));
  const end = head.indexOf(10, SHARD_FILE_MAGIC.length);
  if (end < 0) bad('the header line is missing or longer than 1 MiB');
  let header: ShardFileHeader;
  try {
    header = JSON.parse(head.subarray(SHARD_FILE_MAGIC.length, end).toString('utf8')) as ShardFileHeader;
  } catch {
    return bad('the header is not JSON');
  }
  if (header === null || typeof header !== 'object' || header.format !== 'flywheel-shard/3') bad('not a Flywheel shard header', 'format', (header as { format?: unknown } | null)?.format);
  for (const k of ['index', 'count', 'runStart', 'runEnd', 'cells', 'block'] as const) {
    if (!(Number.isInteger(header[k]) && header[k] >= 0)) bad(`${k} must be a whole number ≥ 0`, k, header[k]);
  }
  return { name, fd, header, bodyStart: end + 1, size };
}

/**
 * Merges shard files written by {@link writeShardFile} into the result one machine would have
 * computed, bit for bit, with the statistics that machine would have chosen (`auto`: exact while
 * the per-run values fit 256 MiB, streaming beyond; or `options.statistics`). Exact statistics hold
 * every run's values; streaming ones read the shards in run order, block by block, into the sketch,
 * so memory does not grow with runs. Every shard's checksum, size and place in the job is checked.
 *
 * @throws FlywheelError RUN_INVALID_OPTION naming the file and the field for a missing,
 *   duplicated, foreign, truncated or altered shard
 * @example
 * ```ts
 * const result = await mergeShardFiles(['a.fwshard', 'b.fwshard']);
 * ```
 */
export async function mergeShardFiles(names: readonly string[], options: Pick<RunOptions, 'wasm' | 'statistics'> = {}): Promise<RunResult> {
  if (names.length === 0) fail(ErrorCodes.RUN_INVALID_OPTION, 'shards', names, 'no shards to merge', 'Pass every shard file of the job.');
  const open = names.map(readHeader);
  try {
    const first = open[0]!.header;
    if (!(first.count >= 1 && first.count <= 1_000_000))
      fail(ErrorCodes.RUN_INVALID_OPTION, `${open[0]!.name}.count`, first.count, 'the shard count must be a whole number from 1 to 1,000,000', 'Pass files written by flywheel run --shard.');
    const key = JSON.stringify([first.spec, first.metrics, first.engine, first.count, first.cells, first.block]);
    const byIndex = new Map<number, OpenShard>();
    for (const s of open) {
      const h = s.header;
      if (JSON.stringify([h.spec, h.metrics, h.engine, h.count, h.cells, h.block]) !== key)
        fail(ErrorCodes.RUN_INVALID_OPTION, s.name, h.index, 'shard belongs to a different job (spec, metrics, engine or count differ)', 'Merge only the shards of one job.');
      if (!(h.index < first.count))
        fail(ErrorCodes.RUN_INVALID_OPTION, `${s.name}.index`, h.index, `the shard index must be a whole number 0 … ${first.count - 1}`, 'Pass files written by flywheel run --shard.');
      if (byIndex.has(h.index)) fail(ErrorCodes.RUN_INVALID_OPTION, `${s.name}.index`, h.index, 'shard given twice', 'Pass each shard once.');
      byIndex.set(h.index, s);
    }
    const missing = Array.from({ length: first.count }, (_, i) => i).filter((i) => !byIndex.has(i));
    if (missing.length > 0) fail(ErrorCodes.RUN_INVALID_OPTION, 'shards', missing, `missing shard(s) ${missing.join(', ')} of ${first.count}`, 'Run and pass every shard index 0 … count − 1.');
    const model = compileSpec(first.spec, first.metrics);
    const R = model.runs;
    const cells = model.metrics.length * (model.steps + 1);
    if (cells !== first.cells)
      fail(
        ErrorCodes.RUN_INVALID_OPTION,
        `${open[0]!.name}.cells`,
        first.cells,
        `the spec has ${cells} cells, the header says ${first.cells}`,
        'Pass files written by flywheel run --shard, unedited.',
      );
    const ordered = [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
    for (const s of ordered) {
      const [a, b] = shardRange(R, s.header.index, s.header.count);
      if (s.header.runStart !== a || s.header.runEnd !== b)
        fail(
          ErrorCodes.RUN_INVALID_OPTION,
          `${s.name}.runStart`,
          [s.header.runStart, s.header.runEnd],
          `shard ${s.header.index} of ${s.header.count} holds runs [${a}, ${b}) of ${R}, not [${s.header.runStart}, ${s.header.runEnd})`,
          'Pass files written by flywheel run --shard, unedited.',
        );
      const trailer = `\nEND 00000000 ${b - a}\n`.length;
      if (s.size !== s.bodyStart + cells * (b - a) * 8 + trailer)
        fail(
          ErrorCodes.RUN_INVALID_OPTION,
          `${s.name}.values`,
          s.size,
          `the file should be ${s.bodyStart + cells * (b - a) * 8 + trailer} bytes for ${b - a} runs`,
          'The file is truncated or corrupt: run this shard again.',
        );
    }
    const statistics = resolveStatistics(model, { statistics: options.statistics });
    if (statistics === 'exact') {
      const values = new Float64Array(cells * R);
      for (const s of ordered) readBlocks(s, cells, (start, block) => placeBlock(values, block, cells, R, start));
      return toResult(model, first.engine, await statsOf(model, first.engine, values, options.wasm), { statistics });
    }
    const stream = new StreamingStats(cells);
    for (const s of ordered) readBlocks(s, cells, (_start, block, n) => stream.add(block, n));
    return toResult(model, first.engine, stream.result(), { statistics, percentileBound: stream.bound() });
  } finally {
    for (const s of open) closeSync(s.fd);
  }
}

/** Reads a shard's blocks in run order, checks the trailer's checksum and run count. */
function readBlocks(s: OpenShard, cells: number, each: (runStart: number, block: Float64Array, runs: number) => void): void {
  const { runStart, runEnd, block: B } = s.header;
  let pos = s.bodyStart;
  let h = FNV_START;
  for (let r = runStart; r < runEnd; r += B) {
    const n = Math.min(B, runEnd - r);
    const block = new Float64Array(cells * n);
    const bytes = bytesOf(block);
    for (let off = 0; off < bytes.length; ) {
      const got = readSync(s.fd, bytes, off, bytes.length - off, pos + off);
      if (got === 0) fail(ErrorCodes.RUN_INVALID_OPTION, `${s.name}.values`, pos + off, 'the file ends inside the values', 'The file is truncated: run this shard again.');
      off += got;
    }
    pos += bytes.length;
    h = fnv1a(bytes, h);
    each(r, block, n);
  }
  const trailer = Buffer.alloc(s.size - pos);
  readSync(s.fd, trailer, 0, trailer.length, pos);
  const want = `\nEND ${h.toString(16).padStart(8, '0')} ${runEnd - runStart}\n`;
  if (trailer.toString('latin1') !== want)
    fail(ErrorCodes.RUN_INVALID_OPTION, `${s.name}.checksum`, trailer.toString('latin1').trim(), 'the values do not match the checksum', 'The file was altered or corrupted: run this shard again.');
}
