// Checks every model must pass, shared by the models' test files: both engines give the same bits
// on every stored metric; Δ total supply = minted − burned on every step; every asset's residual is
// zero (tokens only change through mint and burn); no NaN; no negative balance.
import { run, type RunResult } from '@flywheel/sdk';
import { validateSpec, type ModelSpec } from '@flywheel/spec';
import { expect } from 'vitest';

/** Runs `spec` on one thread, keeping every run's path of `metrics`. */
export async function paths(spec: ModelSpec, metrics: string[], engine: 'wasm' | 'reference' = 'wasm'): Promise<RunResult> {
  return run(spec, { engine, threads: 1, metrics, keepRuns: true });
}

/**
 * Runs `spec` on both engines with every account, totalSupply, minted, burned and each asset's
 * residual stored, and fails on the first difference of bits, a non-conserving step, a
 * non-finite value or a negative balance. `extra` metrics are compared for parity too.
 */
export async function checkParityAndConservation(name: string, spec: ModelSpec, extra: string[] = []): Promise<RunResult> {
  const valid = validateSpec(spec);
  const accounts = Object.entries(valid.assets).flatMap(([a, asset]) => Object.keys(asset.accounts).map((acc) => `${a}.${acc}`));
  const metrics = ['totalSupply', 'minted', 'burned', ...Object.keys(valid.assets).map((a) => `${a}.residual`), ...accounts, ...extra];
  const [w, r] = await Promise.all([paths(spec, metrics, 'wasm'), paths(spec, metrics, 'reference')]);
  for (const m of metrics) {
    w.paths(m).forEach((p, i) => {
      const q = r.paths(m)[i]!;
      for (let t = 0; t < p.length; t++) if (!Object.is(p[t], q[t])) throw new Error(`${name} ${m} run ${i} step ${t}: wasm ${p[t]} vs reference ${q[t]}`);
    });
  }
  const total = w.paths('totalSupply');
  total.forEach((p, i) => {
    for (let t = 1; t < p.length; t++) {
      const flow = w.paths('minted')[i]![t]! - w.paths('burned')[i]![t]!;
      expect(Math.abs(p[t]! - p[t - 1]! - flow), `${name} run ${i} step ${t}: Δ supply ≠ minted − burned`).toBeLessThanOrEqual(1e-9 * Math.max(1, p[t]!));
    }
  });
  for (const m of metrics) for (const p of w.paths(m)) for (const v of p) if (!Number.isFinite(v)) throw new Error(`${name} ${m}: non-finite ${v}`);
  for (const m of accounts) for (const p of w.paths(m)) for (const v of p) if (v < 0) throw new Error(`${name} ${m}: negative balance ${v}`);
  for (const a of Object.keys(valid.assets)) {
    for (const p of w.paths(`${a}.residual`)) for (const v of p) expect(Math.abs(v), `${name} ${a}.residual`).toBeLessThanOrEqual(1e-9 * Math.max(1, total[0]![0]!));
  }
  return w;
}
