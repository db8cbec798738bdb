import { init, type FlywheelWasmExports, type WasmSource } from '@flywheel/core-wasm';
import { ErrorCodes, FlywheelError, fail, validateSpec, type ModelSpec } from '@flywheel/spec';
import { compile, type CompiledModel } from './compile.js';
import { simulateReference, statsReference } from './engine/reference.js';
import { WasmSession } from './engine/wasm.js';
import { METRICS } from './metrics.js';
import { RunResult } from './result.js';

/** Which engine runs the model. */
export type EngineName = 'wasm' | 'reference';

/** Options of {@link run}. */
export interface RunOptions {
  /** `wasm` (default, fast) or `reference` (plain TypeScript, the oracle). */
  engine?: EngineName;
  /** Called after each block of runs with (runs done, runs in all). */
  onProgress?: (done: number, total: number) => void;
  /** Where the wasm module comes from (default: the bytes embedded in @flywheel/core-wasm). */
  wasm?: WasmSource;
}

async function loadWasm(source?: WasmSource): Promise<FlywheelWasmExports> {
  try {
    return await init(source);
  } catch (e) {
    throw new FlywheelError({ code: ErrorCodes.WASM_LOAD_FAILED, path: '', value: undefined, message: (e as Error).message, hint: 'Pass the module explicitly: run(spec, { wasm: compiledModule }), or use { engine: "reference" }.' });
  }
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function checkFinite(model: CompiledModel, stats: Float64Array): void {
  const n1 = model.steps + 1;
  for (let i = 0; i < stats.length; i++) {
    if (!Number.isFinite(stats[i])) {
      const cell = i % (model.metrics.length * n1);
      const metric = model.metrics[Math.floor(cell / n1)]!;
      fail(ErrorCodes.ENGINE_NON_FINITE, metric, stats[i], `the engine produced ${stats[i]} for ${metric} at step ${cell % n1}`, 'Check the spec for extreme values (e.g. a price floor of 0 or explosive growth); please report it if the spec is sensible.');
    }
  }
}

/**
 * Validates, compiles and runs a model's Monte Carlo.
 *
 * @param spec - a model spec (validated here)
 * @param options - engine and progress callback
 * @returns the aggregated result (mean and p5/p50/p95 per metric and step)
 * @throws FlywheelError for an invalid spec (`SPEC_*`), a bad option (`RUN_INVALID_OPTION`) or an engine failure
 * @example
 * ```ts
 * import { run } from '@flywheel/sdk';
 * import { helium } from '@flywheel/models';
 * const result = await run(helium(), { engine: 'wasm' });
 * console.log(result.summary());
 * ```
 */
export async function run(spec: ModelSpec, options: RunOptions = {}): Promise<RunResult> {
  const engine = options.engine ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'reference') {
    fail(ErrorCodes.RUN_INVALID_OPTION, 'engine', engine, 'unknown engine', 'Use "wasm" or "reference".');
  }
  const valid = validateSpec(spec);
  const model = compile(valid);
  const R = model.runs;
  const cells = model.metrics.length * (model.steps + 1);
  const chunk = options.onProgress ? Math.max(1, Math.ceil(R / 100)) : R;
  let stats: Float64Array;
  if (engine === 'wasm') {
    const session = new WasmSession(await loadWasm(options.wasm), model, R);
    for (let r = 0; r < R; r += chunk) {
      session.simulate(r, Math.min(R, r + chunk));
      if (options.onProgress) {
        options.onProgress(Math.min(R, r + chunk), R);
        await tick();
      }
    }
    stats = session.stats();
  } else {
    const values = new Float64Array(cells * R);
    for (let r = 0; r < R; r += chunk) {
      const end = Math.min(R, r + chunk);
      const block = simulateReference(model, r, end);
      for (let c = 0; c < cells; c++) values.set(block.subarray(c * (end - r), (c + 1) * (end - r)), c * R + r);
      if (options.onProgress) {
        options.onProgress(end, R);
        await tick();
      }
    }
    stats = statsReference(values, cells, R);
  }
  checkFinite(model, stats);
  return new RunResult({ model: valid.name, step: valid.time.step, steps: model.steps, runs: R, seed: model.seed, engine, start: valid.time.start, metrics: model.metrics, stats });
}

export { METRICS };
