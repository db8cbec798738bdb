// Fuzz of what users pass besides a well-formed spec: random edits of a valid spec at random paths
// (setPath, as --set does) with hostile values, and random run options. The oracle: a FlywheelError
// with a code, a path and a hint, or a result whose every number is finite. Never another error
// type (TypeError, RangeError, a wasm trap), never a hang. Quick in npm test; `npm run fuzz` runs
// FLYWHEEL_FUZZ_RUNS cases.
import { compileSpec, FlywheelError, run, setPath, type ModelSpec } from '@flywheel/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

const FUZZ_RUNS = Number(process.env.FLYWHEEL_FUZZ_RUNS ?? 150);
const FUZZ_SEED = Number(process.env.FLYWHEEL_FUZZ_SEED ?? 7);

/** Every path of a JSON value (objects and arrays), as dotted strings. */
function pathsOf(v: unknown, prefix = ''): string[] {
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return [p, ...pathsOf(x, p)];
  });
}

const base = w1(2, 6, 12);
const basePaths = pathsOf(base);

const hostile = fc.oneof(
  fc.double(), // NaN, ±Infinity, −0, tiny and huge values included
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.constantFrom(0, -1, 1e308, 5e-324, 2 ** 32, 2 ** 53, 1e7, 1e9),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', '__proto__', 'constructor', '1 +', '(((', 'x'.repeat(20_000), 'exp(1e308)', 'price * 1e308', 'uniform() / 0', 'ln(0)'),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);
const pathArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...basePaths) },
  { weight: 1, arbitrary: fc.constantFrom(...basePaths).map((p) => `${p}.extra`) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__.x', 'time.__proto__.x', 'blocks.length', 'blocks.99.kind', 'params.new', 'assets.X', 'monteCarlo.runs') },
);
const optionsArb = fc.record(
  {
    engine: fc.constantFrom('wasm', 'reference', 'other'),
    threads: fc.oneof(fc.constantFrom(1, 2, 'auto', 0, -1, 1.5, 5000), fc.string({ maxLength: 3 })),
    statistics: fc.constantFrom('auto', 'exact', 'streaming', 'approx'),
    keepRuns: fc.oneof(fc.boolean(), fc.constant('yes')),
    metrics: fc.oneof(fc.constant(['price']), fc.constant(['nope']), fc.constant('price'), fc.constant(null), fc.constant([])),
  },
  { requiredKeys: [] },
);

function check(e: unknown): void {
  if (!(e instanceof FlywheelError)) throw new Error(`not a FlywheelError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  expect(typeof e.code).toBe('string');
  expect(typeof e.path).toBe('string');
  expect(e.hint.trim().length).toBeGreaterThan(0);
}

describe('fuzz: hostile edits and run options', () => {
  it('every outcome is a coded FlywheelError or a finite result', { timeout: Math.max(60_000, FUZZ_RUNS * 200) }, async () => {
    const counts = { ok: 0, large: 0, errors: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(pathArb, hostile), { minLength: 0, maxLength: 3 }), fc.oneof(fc.constant({}), optionsArb), async (edits, options) => {
        let spec: ModelSpec = structuredClone(base);
        try {
          for (const [p, v] of edits) spec = setPath(spec, p, v) as ModelSpec;
          // a valid job of more than 10^8 agent-steps (e.g. runs = 10^7) is real work, not a fuzz
          // case: it is compiled (so every check before the run applies), not run
          const m = (() => {
            try {
              return compileSpec(spec, Array.isArray((options as { metrics?: unknown }).metrics) ? (options as { metrics: string[] }).metrics : undefined);
            } catch {
              return undefined; // run() reports it below, with its code
            }
          })();
          if (m && m.runs * m.steps * (m.agents + 20) > 1e8) {
            counts.large++;
            return;
          }
          const r = await run(spec, options as never);
          for (const m of r.metrics) for (const s of ['mean', 'p5', 'p50', 'p95'] as const) for (const x of r.metric(m)[s]) if (!Number.isFinite(x)) throw new Error(`${m} ${s}: ${x}`);
          counts.ok++;
        } catch (e) {
          check(e);
          const code = (e as FlywheelError).code;
          counts.errors.set(code, (counts.errors.get(code) ?? 0) + 1);
        }
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
    if (process.env.FLYWHEEL_FUZZ_RUNS)
      console.log(
        `fuzz (seed ${FUZZ_SEED}): ${FUZZ_RUNS} hostile edits and option sets: ${counts.ok} ran to a finite result; ${counts.large} valid but over 10^8 agent-steps (compiled, not run); coded errors: ${[
          ...counts.errors,
        ]
          .sort((a, b) => b[1] - a[1])
          .map(([c, n]) => `${c} ${n}`)
          .join(', ')}; 0 other outcomes`,
      );
    expect(counts.ok).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).x).toBeUndefined(); // no prototype was written
  });
});
