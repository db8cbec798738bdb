// A property test over every registered model (what `flywheel list` shows): for random seeds and
// every numeric parameter of the spec scaled by a random factor in [0.5, 2], both engines give the
// same bits, Δ total supply = minted − burned on every step, every asset's residual is zero, and no
// balance is NaN or negative (checkParityAndConservation). New models are covered by registering.
import fc from 'fast-check';
import { models } from '@flywheel/models';
import type { ModelSpec } from '@flywheel/spec';
import { describe, it } from 'vitest';
import { checkParityAndConservation } from './harness.js';

describe('every registered model, random seeds and parameters: parity and conservation', () => {
  for (const [name, entry] of Object.entries(models)) {
    it(name, async () => {
      const base = entry.create({ years: 1, runs: 2 });
      const numeric = Object.entries(base.params ?? {})
        .filter(([, v]) => typeof v === 'number')
        .map(([k]) => k);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: numeric.length, maxLength: numeric.length }),
          async (seed, factors) => {
            const spec = structuredClone(base) as ModelSpec;
            spec.monteCarlo = { ...spec.monteCarlo, runs: 2, seed };
            numeric.forEach((k, i) => {
              (spec.params as Record<string, number>)[k] = (base.params as Record<string, number>)[k]! * factors[i]!;
            });
            await checkParityAndConservation(`${name} seed ${seed} factors ${factors.map((f) => f.toFixed(3)).join(',')}`, spec);
          },
        ),
        { numRuns: 10, seed: 20261202 },
      );
    }, 120_000);
  }
});
