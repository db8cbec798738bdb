/**
 * The reference engine: the block-program interpreter in plain TypeScript (./interpreter.ts),
 * written for reading rather than speed, and the exact statistics. It is the oracle for the wasm
 * engine (same PRNG, same order of floating-point operations, so the parity suite requires
 * identical numbers) and the fallback where WebAssembly is unavailable.
 */
import { layout as L } from '@flywheel/core-wasm';
import type { CompiledModel } from '../compile.js';
import { simulateProgramReference } from './interpreter.js';

/**
 * Simulates runs [runStart, runEnd) and returns every stored metric as
 * out[(slot · (steps+1) + t) · nRuns + (run − runStart)], the wasm engine's layout.
 * @throws FlywheelError ENGINE_CONSERVATION if a block breaks an asset's ledger (a bug)
 */
export function simulateReference(model: CompiledModel, runStart: number, runEnd: number): Float64Array {
  return simulateProgramReference(model.program, model.steps, model.seed, runStart, runEnd);
}

/**
 * Mean and p5/p50/p95 for `cells` rows of `nRuns` values (row-major), returned as
 * [stat · cells + cell]. Percentiles interpolate linearly between order statistics.
 */
export function statsReference(values: Float64Array, cells: number, nRuns: number): Float64Array {
  const out = new Float64Array(L.S_COUNT * cells);
  const q = (sorted: Float64Array, p: number) => {
    const h = (nRuns - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, nRuns - 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  };
  for (let c = 0; c < cells; c++) {
    const row = values.slice(c * nRuns, (c + 1) * nRuns);
    let sum = 0;
    for (let i = 0; i < nRuns; i++) sum += row[i]!;
    row.sort();
    out[L.S_MEAN * cells + c] = sum / nRuns;
    out[L.S_P5 * cells + c] = q(row, 0.05);
    out[L.S_P50 * cells + c] = q(row, 0.5);
    out[L.S_P95 * cells + c] = q(row, 0.95);
  }
  return out;
}
