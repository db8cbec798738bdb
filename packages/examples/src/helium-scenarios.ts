/**
 * Example: compare Helium demand-growth scenarios with the fluent API.
 * Run: node packages/examples/dist/helium-scenarios.js
 */
import { helium } from '@flywheel/models';
import { flywheel, type RunResult } from '@flywheel/sdk';

/** Runs the Helium model at several demand growth rates and returns final figures per scenario. */
export async function scenarios(growthRates: readonly number[], runs = 50, years = 5): Promise<{ growth: number; result: RunResult }[]> {
  const baseline = flywheel(helium()).years(years).runs(runs).seed(2024);
  const out: { growth: number; result: RunResult }[] = [];
  for (const growth of growthRates) out.push({ growth, result: await baseline.set('params.growth', growth).run() });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { growth, result } of await scenarios([0, 0.4, 1.0])) {
    const s = result.summary();
    console.log(
      `demand growth ${(growth * 100).toFixed(0).padStart(3)}%/yr → burn/mint ${s.burnMintRatioOverall?.toFixed(3)}, ` +
        `supply ${((s.finalTotalSupplyP50 ?? NaN) / 1e6).toFixed(1)}M, price p50 $${(s.finalPriceP50 ?? NaN).toFixed(2)}`,
    );
  }
}
