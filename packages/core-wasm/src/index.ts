/**
 * Flywheel's WebAssembly engine: the raw kernels and a loader that works in Node, browsers,
 * bundlers and edge runtimes. Most users want `@flywheel/sdk`, which drives this module.
 * @packageDocumentation
 */
import { WASM_SIMD_BASE64 } from './wasm.generated.js';

export * as layout from './layout.js';
export * as programLayout from './program-layout.js';

/** The functions the engine module exports. Pointers are byte offsets into `memory`. */
export interface FlywheelWasmExports {
  readonly memory: WebAssembly.Memory;
  /** Bump-allocates `bytes` (8-byte aligned) and returns the pointer. */
  alloc(bytes: number): number;
  /** Frees every allocation. */
  resetHeap(): void;
  /**
   * Runs Monte Carlo runs [runStart, runEnd) of a block program (engine v2) into
   * out[(metric · (steps+1) + t) · stride + run − runStart]; see assembly/program.ts.
   */
  simulateProgram(
    code: number,
    initPc: number,
    stepPc: number,
    init: number,
    state: number,
    nState: number,
    tables: number,
    work: number,
    metrics: number,
    nMetrics: number,
    steps: number,
    seed: number,
    out: number,
    stride: number,
    runStart: number,
    runEnd: number,
  ): void;
  /** Mean and p5/p50/p95 of `cells` rows of `nRuns` values each (reorders the rows in place). */
  stats(src: number, cells: number, nRuns: number, dst: number): void;
  /** Writes k runs held one after the other ([run][cell]) into columns of dst ([cell][stride]). */
  transposeRuns(src: number, k: number, cells: number, dst: number, stride: number): void;
  /** The engine's deterministic exp (fdlibm), exported for parity tests. */
  fexp(x: number): number;
  /** The engine's deterministic log (fdlibm), exported for parity tests. */
  flog(x: number): number;
}

/** What {@link init} accepts: nothing (use the embedded bytes), bytes, a URL, a fetch Response or a compiled module. */
export type WasmSource = BufferSource | WebAssembly.Module | URL | Response | Promise<Response>;

/** Error raised when the module cannot be loaded; the SDK wraps it in a FlywheelError (WASM_LOAD_FAILED). */
export class WasmLoadError extends Error {
  override name = 'WasmLoadError';
}

let simd: boolean | undefined;

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The bytes of an embedded build: base64 of gzip, inflated by the runtime's DecompressionStream. */
async function unpack(b64: string): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined')
    throw new WasmLoadError(
      "this runtime has no DecompressionStream to unpack the embedded engine: pass the engine yourself (init(bytes | URL | WebAssembly.Module), e.g. the package's flywheel.wasm)",
    );
  const inflated = new Blob([decode(b64) as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

/**
 * The embedded form of a build (base64 of its gzip), as it appears in a bundle: for checking that a
 * bundle holds each build once.
 * @example
 * ```ts
 * bundleText.split(await embeddedEngine({ simd: true })).length - 1; // 1
 * ```
 */
export async function embeddedEngine(options: { simd: boolean }): Promise<string> {
  return options.simd ? WASM_SIMD_BASE64 : (await import('./wasm-scalar.generated.js')).WASM_BASE64;
}

/**
 * A 31-byte module whose one function uses SIMD (i8x16.splat, i8x16.popcnt): it validates exactly
 * where the runtime has WebAssembly SIMD (the probe of wasm-feature-detect).
 */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/**
 * True if this runtime supports WebAssembly SIMD (checked once, with a 31-byte probe module).
 * @example
 * ```ts
 * simdSupported(); // true in Node 20, Deno, workerd, Chrome ≥ 91, Firefox ≥ 89, Safari ≥ 16.4
 * ```
 */
export function simdSupported(): boolean {
  simd ??= WebAssembly.validate(SIMD_PROBE as BufferSource);
  return simd;
}

/**
 * The embedded engine bytes for this runtime: the SIMD build where SIMD is supported, else the
 * scalar build, which lives in a module of its own that is imported only then (so a bundler puts
 * it in a chunk that SIMD runtimes never load). Both builds give identical numbers. The builds are
 * embedded compressed (gzip), so this is asynchronous.
 * @param options.simd - force one build (`false` for the scalar build)
 * @throws WasmLoadError where the runtime has no DecompressionStream
 * @example
 * ```ts
 * const scalar = await engineBytes({ simd: false });
 * const module = new WebAssembly.Module((await engineBytes()) as BufferSource);
 * ```
 */
export async function engineBytes(options: { simd?: boolean } = {}): Promise<Uint8Array> {
  return unpack(await embeddedEngine({ simd: options.simd ?? simdSupported() }));
}

async function toModule(source: WasmSource | undefined): Promise<WebAssembly.Module> {
  if (source === undefined) return WebAssembly.compile((await engineBytes()) as BufferSource);
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof URL) {
    const res = await fetch(source);
    if (!res.ok) throw new WasmLoadError(`fetching ${source.href} failed: HTTP ${res.status}`);
    return WebAssembly.compile(await res.arrayBuffer());
  }
  if (typeof Response !== 'undefined' && (source instanceof Response || source instanceof Promise)) {
    const res = await source;
    return WebAssembly.compile(await res.arrayBuffer());
  }
  return WebAssembly.compile(source as BufferSource);
}

/** Instantiates a fresh engine instance (own memory) from a compiled module, synchronously. */
export function instantiate(module: WebAssembly.Module): FlywheelWasmExports {
  const instance = new WebAssembly.Instance(module, {});
  const ex = instance.exports as unknown as FlywheelWasmExports & { _initialize?: () => void };
  ex._initialize?.();
  return ex;
}

/** Promises memoised per source: one for the embedded bytes, one per source object. */
interface Memo<T> {
  embedded?: Promise<T> | undefined;
  bySource: WeakMap<object, Promise<T>>;
}

/** `load()` once per source; a failure is forgotten (so a later call retries) and raised as a WasmLoadError. */
function memoised<T>(memo: Memo<T>, source: WasmSource | undefined, load: () => Promise<T>): Promise<T> {
  const attempt = () =>
    load().catch((e: unknown) => {
      if (source === undefined) memo.embedded = undefined;
      else memo.bySource.delete(source as object);
      throw e instanceof WasmLoadError ? e : new WasmLoadError(`cannot load the Flywheel wasm engine: ${(e as Error).message}`);
    });
  if (source === undefined) return (memo.embedded ??= attempt());
  let p = memo.bySource.get(source as object);
  if (!p) {
    p = attempt();
    memo.bySource.set(source as object, p);
  }
  return p;
}

const modules: Memo<WebAssembly.Module> = { bySource: new WeakMap() };
const instances: Memo<FlywheelWasmExports> = { bySource: new WeakMap() };

/**
 * Compiles the engine module once and memoises it (per source), for callers that need several
 * instances, each with its own memory: one per concurrent simulation. Same sources as {@link init}.
 * @throws WasmLoadError when the module cannot be compiled
 * @example
 * ```ts
 * const module = await compileEngine();
 * const a = instantiate(module), b = instantiate(module); // independent engines
 * ```
 */
export function compileEngine(source?: WasmSource): Promise<WebAssembly.Module> {
  return memoised(modules, source, () => toModule(source));
}

/**
 * Loads the engine once and memoises it (per source). With no argument it compiles the embedded
 * bytes (the SIMD build where supported); pass
 * bytes, a URL, a Response or a precompiled `WebAssembly.Module` where a runtime forbids compiling
 * from bytes (Cloudflare Workers: `import mod from '@flywheel/core-wasm/flywheel.wasm'`).
 *
 * @param source - where the module comes from (default: the embedded bytes)
 * @returns the engine's exports
 * @throws WasmLoadError when the module cannot be compiled or instantiated
 * @example
 * ```ts
 * import { init } from '@flywheel/core-wasm';
 * const engine = await init();
 * engine.fexp(1); // 2.718281828459045
 * ```
 */
export function init(source?: WasmSource): Promise<FlywheelWasmExports> {
  return memoised(instances, source, () => compileEngine(source).then(instantiate));
}

/**
 * Synchronous variant of {@link init} for Node and workers (browsers' main threads refuse to
 * compile modules over 4 KB synchronously; use {@link init} there), given the engine's bytes or
 * module: the embedded builds are compressed and unpack asynchronously ({@link engineBytes}).
 * @throws WasmLoadError without a source
 * @example
 * ```ts
 * const engine = initSync(await engineBytes()); // or initSync(readFileSync(flywheelWasmPath))
 * ```
 */
export function initSync(source: BufferSource | WebAssembly.Module): FlywheelWasmExports {
  if (source === undefined || source === null)
    throw new WasmLoadError(
      'initSync() needs the engine (bytes or a WebAssembly.Module): the embedded builds are compressed and unpack asynchronously; use await init(), or initSync(await engineBytes())',
    );
  const mod = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source as BufferSource);
  return instantiate(mod);
}
