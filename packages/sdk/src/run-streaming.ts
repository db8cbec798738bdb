// Streaming statistics of a run (run.ts calls it, loaded only for runs that use it): blocks of
// streamingBlock(cells) runs folded, in run order, into the quantile sketch.
import type { FlywheelWasmExports } from '@flywheel/core-wasm';
import { withEngine } from './engine/instances.js';
import { copyRuns, placeBlock } from './engine/place.js';
import { WasmSession } from './engine/wasm.js';
import type { CompiledModel } from './compile.js';
import type { StreamingStats } from './streaming.js';
import { streamingBlock, type EngineName, type RunOptions } from './run.js';

type Pool = typeof import('./engine/pool.js');
const loadReference = () => import('./engine/reference.js');
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Simulates in blocks of streamingBlock(cells) runs and folds them, in run order, into StreamingStats.
 */
export async function streamingStats(
  model: CompiledModel,
  engine: EngineName,
  pool: Pool | undefined,
  threads: number,
  options: RunOptions,
  progress?: (done: number) => void,
): Promise<StreamingStats> {
  const { StreamingStats } = await import('./streaming.js'); // only runs with streaming statistics load it
  const simulateReference = engine === 'reference' ? (await loadReference()).simulateReference : () => new Float64Array(0); // the wasm engine never calls it
  const R = model.runs;
  const cells = model.metrics.length * (model.steps + 1);
  const shareMemory = !!pool && threads > 1 && pool.mayBlock() && pool.canShare();
  const stream = new StreamingStats(cells, shareMemory ? StreamingStats.allocate(cells, (bytes) => new SharedArrayBuffer(bytes)) : undefined);
  const B = Math.min(R, streamingBlock(cells));
  const blocks = Math.ceil(R / B);
  if (threads <= 1 || !pool) {
    const fold = async (session?: WasmSession) => {
      for (let r = 0; r < R; r += B) {
        const n = Math.min(B, R - r);
        if (session) {
          session.simulate(r, r + n, r);
          stream.add(session.values(), n, B);
        } else stream.add(simulateReference(model, r, r + n), n);
        if (progress) {
          progress(r + n);
          await tick();
        }
      }
    };
    await (engine === 'wasm' ? withEngine(options.wasm, (ex) => fold(new WasmSession(ex, model, B))) : fold());
    return stream;
  }
  if (shareMemory) {
    // Shared memory: waves of threads × B runs. Every thread, this one included, simulates claimed
    // runs of the wave into one shared buffer, then folds claimed pieces of cells of the wave into
    // the shared state (each cell in run order). Memory: one wave of values and the state.
    const waveRuns = Math.min(R, threads * B);
    const values = pool.leaseShared(cells * waveRuns);
    const waves = async (ex?: FlywheelWasmExports) => {
      const session = ex ? new WasmSession(ex, model, B) : undefined;
      for (let ws = 0; ws < R; ws += waveRuns) {
        const we = Math.min(R, ws + waveRuns);
        const n = we - ws; // runs of this wave: the values are [cell][run − ws], n per cell
        await pool.simulateShared({ model, engine, chunk: B, partRuns: B, minPartRuns: Math.ceil(B / 2) }, ws, we, threads, values, undefined, (s, e) => {
          if (session) {
            session.simulate(s, e, s);
            copyRuns(values, n, s - ws, session.values(), B, e - s, cells);
          } else copyRuns(values, n, s - ws, simulateReference(model, s, e), e - s, e - s, cells);
        });
        await pool.foldShared({ values, runs: n, stride: n, cells, firstRun: ws, state: stream.state }, threads, engine);
        stream.countRuns(n);
        progress?.(we);
      }
    };
    try {
      await (engine === 'wasm' ? withEngine(options.wasm, waves) : waves());
    } finally {
      pool.returnShared(values);
    }
    return stream;
  }
  // Messages: waves of one block per worker. While a wave computes, the previous wave's blocks are
  // folded (in run order) on this thread, so at most two waves of values exist at any time.
  const n = Math.min(threads, blocks);
  let previous: Float64Array[] = [];
  let done = 0;
  const fold = (values: Float64Array[], firstBlock: number) => values.forEach((v, i) => stream.add(v, Math.min(B, R - (firstBlock + i) * B)));
  for (let k0 = 0; k0 < blocks; k0 += n) {
    const wave = Array.from({ length: Math.min(n, blocks - k0) }, (_, i) => [{ model, runStart: (k0 + i) * B, runEnd: Math.min(R, (k0 + i + 1) * B) }]);
    const results: Float64Array[] = new Array(wave.length);
    const folding = previous;
    await pool.runJobsOnWorkers(
      { engine, chunk: B },
      wave,
      (w, _j, offset, values) => {
        const n = wave[w]![0]!.runEnd - wave[w]![0]!.runStart;
        if (values.length === cells * n)
          results[w] = values; // the whole block in one part
        else placeBlock((results[w] ??= new Float64Array(cells * n)), values, cells, n, offset);
      },
      progress ? (d) => progress(done + d) : undefined,
      () => fold(folding, k0 - n),
    );
    done += wave.reduce((sum, [job]) => sum + job!.runEnd - job!.runStart, 0);
    previous = results;
  }
  fold(previous, blocks - previous.length);
  return stream;
}

/** Checks and wraps statistics ([stat][cell]) into a {@link RunResult}. */
