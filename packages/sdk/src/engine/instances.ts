import { compileEngine, instantiate, type FlywheelWasmExports, type WasmSource } from '@flywheel/core-wasm';
import { ErrorCodes, FlywheelError } from '@flywheel/spec';

const LOAD_HINT = 'Pass the module explicitly: run(spec, { wasm: compiledModule }), or use { engine: "reference" }.';

/**
 * The compiled engine module for `source` (default: the embedded bytes), compiled once per source.
 * Workers receive this module from the main thread instead of loading the bytes themselves.
 *
 * @throws FlywheelError WASM_LOAD_FAILED when the module cannot be compiled
 */
export async function engineModule(source?: WasmSource): Promise<WebAssembly.Module> {
  try {
    return await compileEngine(source);
  } catch (e) {
    throw new FlywheelError({ code: ErrorCodes.WASM_LOAD_FAILED, path: '', value: undefined, message: (e as Error).message, hint: LOAD_HINT });
  }
}

/** One idle engine instance per module, kept for the next simulation (with its grown memory). */
const idle = new Map<WebAssembly.Module, FlywheelWasmExports>();

/**
 * Runs `fn` with an engine instance of its own: no other simulation on this thread uses that
 * instance's memory until `fn` settles, so concurrent `run` calls (which yield while workers
 * compute) cannot overwrite each other's buffers. The module is compiled once per source; the
 * idle instance is reused, and a concurrent call gets a fresh one.
 *
 * @throws FlywheelError WASM_LOAD_FAILED when the module cannot be compiled or instantiated
 */
export async function withEngine<T>(source: WasmSource | undefined, fn: (ex: FlywheelWasmExports) => T | Promise<T>): Promise<T> {
  let ex: FlywheelWasmExports;
  let module: WebAssembly.Module;
  try {
    module = await compileEngine(source);
    ex = idle.get(module) ?? instantiate(module);
  } catch (e) {
    throw new FlywheelError({ code: ErrorCodes.WASM_LOAD_FAILED, path: '', value: undefined, message: (e as Error).message, hint: LOAD_HINT });
  }
  idle.delete(module);
  let result: T | Promise<T>;
  try {
    result = fn(ex);
  } catch (e) {
    idle.set(module, ex);
    throw e;
  }
  // A synchronous `fn` gives the instance back at once, so that many calls started together
  // (a sweep's statistics) take turns on one instance instead of making one each.
  if (!(result instanceof Promise)) {
    idle.set(module, ex);
    return result;
  }
  try {
    return await result;
  } finally {
    idle.set(module, ex);
  }
}
