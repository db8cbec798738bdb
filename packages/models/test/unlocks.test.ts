// The calendar helpers of src/unlocks.ts that the io.net and Aethir models build their vesting
// transfers and per-date values from: the formulas, evaluated by the engine, release what the
// calendar says on the steps the clock rule gives.
import { run } from '@flywheel/sdk';
import type { ModelSpec } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import { monthlyUnlocks, monthsAfter, piecewise, stepOfDate, unlockPlan } from '../src/unlocks.js';

describe('unlocks', () => {
  it("monthsAfter clamps to the month's end; stepOfDate follows the clock rule", () => {
    expect(monthsAfter('2024-01-31', 1)).toBe('2024-02-29');
    expect(monthsAfter('2024-06-11', 13)).toBe('2025-07-11');
    expect(stepOfDate('2024-10-01', '2024-10-01', 1)).toBe(1);
    expect(stepOfDate('2024-10-01', '2024-09-30', 1)).toBe(0);
    expect(stepOfDate('2024-01-01', '2024-01-15', 7)).toBe(3);
  });

  it('unlockPlan: dates before the start count as released; the formula releases each later part on its step, and the whole rest', async () => {
    const unlocks = [{ date: '2024-09-01', fraction: 0.25 }, ...monthlyUnlocks('2024-09-01', 1, 3, 0.75)];
    const plan = unlockPlan(1_200, unlocks, '2024-09-15', 1);
    expect(plan.releasedAtStart).toBe(0.25);
    expect(plan.lockedAtStart).toBeCloseTo(0.75, 15);
    expect(plan.steps.map((s) => s.step)).toEqual([17, 48, 78]); // 2024-10-01, 2024-11-01, 2024-12-01 as steps from 2024-09-15
    const spec: ModelSpec = {
      specVersion: 2,
      name: 'unlock',
      time: { step: 'day', steps: 100, start: '2024-09-15' },
      mainAsset: 'T',
      assets: { T: { kind: 'token', decimals: 0, accounts: { v: { initial: 1_200 * plan.lockedAtStart, tag: 'vesting' }, l: { tag: 'liquid' } } } },
      blocks: [{ id: 'u', kind: 'transfer', asset: 'T', from: 'v', to: 'l', amount: plan.formula }],
      monteCarlo: { runs: 1, seed: 1 },
    };
    const r = await run(spec, { metrics: ['u.amount', 'T.v'], keepRuns: true });
    const u = r.paths('u.amount')[0]!;
    u.forEach((v, t) => expect(v, `step ${t}`).toBeCloseTo([17, 48, 78].includes(t) ? 300 : 0, 9));
    expect(r.paths('T.v')[0]!.at(-1)).toBeCloseTo(0, 9);
  });

  it('piecewise: the value of the date, stepping on the step holding each date', async () => {
    const f = piecewise('2024-10-01', 1, 21, [
      { from: '2024-11-01', value: 100 },
      { from: '2025-06-13', value: 21 },
    ]);
    const spec: ModelSpec = {
      specVersion: 2,
      name: 'pw',
      time: { step: 'day', steps: 300, start: '2024-10-01' },
      mainAsset: 'T',
      assets: { T: { kind: 'token', decimals: 0, accounts: { l: { tag: 'liquid' } } } },
      signals: { x: {} },
      blocks: [{ id: 's', kind: 'signal', set: 'x', formula: f }],
      monteCarlo: { runs: 1, seed: 1 },
    };
    const x = (await run(spec, { metrics: ['x'], keepRuns: true })).paths('x')[0]!;
    expect([x[31], x[32], x[255], x[256]]).toEqual([21, 100, 100, 21]); // 2024-10-31, 2024-11-01, 2025-06-12, 2025-06-13
    expect(piecewise('2024-10-01', 1, 5, [{ from: '2024-01-01', value: 7 }])).toBe('7');
  });
});
