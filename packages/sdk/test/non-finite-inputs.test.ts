import { FlywheelError, run, setPath } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

// An accepted spec whose own formula overflows (a growth of 1e308) ends in ENGINE_NON_FINITE at the
// block, and the message names the formula's field and what it read, largest first, so the user
// sees which parameter to change. Both engines, any thread count: the same error.
describe('ENGINE_NON_FINITE names the formula and its inputs', () => {
  it('growth = 1e308 in the demand formula: blocks.0, its formula field and growth = 1e+308 first', async () => {
    const spec = setPath(w1(4, 10, 30), 'params.growth', 1e308);
    const errors: FlywheelError[] = [];
    for (const options of [{ threads: 1 }, { threads: 2 }, { engine: 'reference' as const }]) {
      try {
        await run(spec, options);
      } catch (e) {
        if (!(e instanceof FlywheelError)) throw e;
        errors.push(e);
      }
    }
    expect(errors).toHaveLength(3);
    for (const e of errors) {
      expect(e.code).toBe('ENGINE_NON_FINITE');
      expect(e.path).toBe('blocks.0');
      const message = e.issues[0]!.message;
      expect(message).toMatch(/^blocks\.0 \(signal "demand"\) made demandUsd Infinity at step \d+ of run 0; blocks\.0\.formula reads growth = 1e\+308, demand0 = 1000/);
      expect(message).not.toMatch(/reads[^;]*demandUsd =/); // the block's own output is not an input
    }
    expect(new Set(errors.map((e) => e.issues[0]!.message)).size).toBe(1);
  }, 120_000);
});
