import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embeddedEngine, engineBytes, init, initSync, instantiate, layout, simdSupported, WasmLoadError } from '../src/index.js';

describe('loading the engine', () => {
  it('init() is memoised and compiles the embedded bytes', async () => {
    const a = await init();
    const b = await init();
    expect(a).toBe(b);
    expect(a.fexp(0)).toBe(1);
  });

  it('accepts bytes and a precompiled module (edge runtimes); initSync without one says what to do', async () => {
    const file = readFileSync(new URL('../build/flywheel.wasm', import.meta.url));
    expect(Buffer.compare(Buffer.from(await engineBytes({ simd: true })), file)).toBe(0);
    expect(() => initSync(undefined as unknown as BufferSource)).toThrow(WasmLoadError);
    expect(() => initSync(undefined as unknown as BufferSource)).toThrow(/await init\(\), or initSync\(await engineBytes\(\)\)/);
    const mod = new WebAssembly.Module(file);
    const ex = initSync(mod);
    expect(ex.flog(1)).toBe(0);
    const fresh = instantiate(mod);
    expect(fresh.memory).not.toBe(ex.memory);
  });

  it('imports nothing from the host (no per-step calls into JS)', async () => {
    const mod = new WebAssembly.Module((await engineBytes({ simd: true })) as BufferSource);
    expect(WebAssembly.Module.imports(mod)).toEqual([]);
    const names = WebAssembly.Module.exports(mod).map((e) => e.name);
    for (const n of ['simulateProgram', 'stats', 'alloc', 'resetHeap', 'memory']) expect(names).toContain(n);
  });

  it('stats(): mean and linear-interpolated percentiles of each row', async () => {
    const ex = instantiate(new WebAssembly.Module((await engineBytes({ simd: true })) as BufferSource));
    ex.resetHeap();
    const rows = [
      [5, 1, 4, 2, 3],
      [10, 10, 10, 10, 10],
    ];
    const src = ex.alloc(10 * 8);
    const dst = ex.alloc(layout.S_COUNT * 2 * 8);
    new Float64Array(ex.memory.buffer, src, 10).set(rows.flat());
    ex.stats(src, 2, 5, dst);
    const out = Array.from(new Float64Array(ex.memory.buffer, dst, layout.S_COUNT * 2));
    // [stat][cell]: mean, p5, p50, p95; sorted row 1 = 1..5: p5 = 1 + 0.2·1, p95 = 4 + 0.8·1
    expect(out).toEqual([3, 10, 1.2, 10, 3, 10, 4.8, 10]);
  });
});

describe('SIMD and scalar builds', () => {
  it('the default bytes are the SIMD build where SIMD validates; both builds export the same API', async () => {
    const simd = await engineBytes({ simd: true });
    const scalar = await engineBytes({ simd: false });
    expect(simd.length).not.toBe(scalar.length);
    expect(Buffer.compare(Buffer.from(await engineBytes()), Buffer.from(simdSupported() ? simd : scalar))).toBe(0);
    // both are embedded compressed: gzip (1f 8b) under the base64, a third of the bytes
    for (const [flag, bytes] of [
      [true, simd],
      [false, scalar],
    ] as const) {
      const packed = Buffer.from(await embeddedEngine({ simd: flag }), 'base64');
      expect([packed[0], packed[1]]).toEqual([0x1f, 0x8b]);
      expect(packed.length).toBeLessThan(bytes.length / 2);
    }
    // the probe agrees with the SIMD build itself
    expect(simdSupported()).toBe(WebAssembly.validate(simd as BufferSource));
    const names = (b: Uint8Array) =>
      WebAssembly.Module.exports(new WebAssembly.Module(b as BufferSource))
        .map((e) => e.name)
        .sort();
    expect(names(simd)).toEqual(names(scalar));
  });
});
