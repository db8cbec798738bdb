// The price ceiling: an impact price driven by a net burn over an almost empty circulating supply
// overflowed to Infinity (ENGINE_NON_FINITE on 92 of 20,000 fuzzed specs); it now stops at the
// ceiling (default 1e100 USD), the same on both engines.
import { run, type ModelSpec } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';

const spec = (ceiling?: number): ModelSpec => ({
  specVersion: 2,
  name: 'ceiling',
  time: { step: 'day', steps: 20 },
  mainAsset: 'T',
  assets: { T: { kind: 'token', decimals: 0, accounts: { a: { initial: 1e-6, tag: 'liquid' }, b: { initial: 1000, tag: 'locked' } } } },
  blocks: [
    { id: 'burn', kind: 'transfer', asset: 'T', from: 'b', to: 'burned', amount: '10' },
    { id: 'price', kind: 'price', asset: 'T', model: { kind: 'impact', initial: 1, sensitivity: 2, volatility: { rate: 0.5, per: 'year' }, ...(ceiling ? { ceiling } : {}) } },
  ],
  monteCarlo: { runs: 4, seed: 1 },
});

describe('price ceiling', () => {
  it('an exploding impact price stops at the default ceiling (1e100) on both engines, bit for bit', async () => {
    const [w, r] = await Promise.all([run(spec(), { engine: 'wasm', keepRuns: true, metrics: ['price'] }), run(spec(), { engine: 'reference', keepRuns: true, metrics: ['price'] })]);
    expect(w.paths('price')).toEqual(r.paths('price'));
    expect(w.metric('price').p50[1]).toBe(1e100);
    for (const p of w.paths('price')) for (const v of p) expect(v).toBeLessThanOrEqual(1e100);
  });

  it('a ceiling of its own holds, and one not above the floor is SPEC_INCONSISTENT', async () => {
    const r = await run(spec(1e6), { metrics: ['price'] });
    expect(Math.max(...r.metric('price').p95)).toBe(1e6);
    await expect(run(spec(1e-12))).rejects.toMatchObject({ code: 'SPEC_INCONSISTENT', path: 'blocks.1.model.ceiling' });
  });
});
