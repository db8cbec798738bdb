import { expect, it } from 'vitest';
import { scenarios } from '../src/helium-scenarios.js';

it('more demand growth burns more HNT and leaves less supply', async () => {
  const [slow, fast] = await scenarios([0, 1.0], 8, 3);
  const a = slow!.result.summary();
  const b = fast!.result.summary();
  expect(b.cumulativeBurnedMean!).toBeGreaterThan(a.cumulativeBurnedMean!);
  expect(b.finalTotalSupplyP50).toBeLessThan(a.finalTotalSupplyP50);
});
