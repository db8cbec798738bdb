// chainCost (a network's on-chain operations × fee in the native token × its price, and the
// chain's throughput used): parity of both engines (tolerance 0), the outputs against the formula
// the block states, conservation (it moves no tokens), clocks, and bad input.
import { FlywheelError, validateSpec, type ModelSpec } from '@flywheel/spec';
import { run } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';

const chain = (over: Record<string, unknown> = {}) => ({
  id: 'chain',
  kind: 'chainCost',
  chain: 'test',
  operations: [
    { name: 'onboard', count: 'max(0, 3 + 2 * normal())', fee: 0.0002 },
    { name: 'rewards', count: 'T.liquid / 100', fee: 'feeBase * (1 + uniform())' },
    { name: 'neg', count: '0 - 5', fee: 1 },
  ],
  nativePrice: 'native0 * (1 + years)',
  capacity: 0.5,
  ...over,
});
const spec = (over: Record<string, unknown> = {}, steps = 40, extra: object[] = []): ModelSpec => ({
  specVersion: 2,
  name: 'chaincost',
  time: { step: 'day', steps, start: '2024-10-01' },
  mainAsset: 'T',
  assets: { T: { kind: 'token', decimals: 6, accounts: { liquid: { initial: 1000, tag: 'liquid' }, pool: { initial: 500, tag: 'treasury' } } } },
  params: { feeBase: 0.00001, native0: 150 },
  blocks: [{ id: 'grant', kind: 'transfer', asset: 'T', from: 'pool', to: 'liquid', amount: '5 * uniform()' }, chain(over) as never, ...(extra as never[])],
  monteCarlo: { runs: 3, seed: 7 },
});
const outs = ['chain.ops', 'chain.fee', 'chain.costUsd', 'chain.utilisation', 'chain.onboard', 'chain.rewards', 'chain.neg', 'T.liquid', 'T.totalSupply', 'T.residual'];

async function paths(s: ModelSpec, engine: 'wasm' | 'reference') {
  const r = await run(s, { engine, threads: 1, metrics: outs, keepRuns: true });
  return Object.fromEntries(outs.map((m) => [m, r.paths(m)]));
}

describe('chainCost', () => {
  it("both engines give the same bits on every run and step; ops, fee, cost and utilisation follow the block's formula; nothing moves", async () => {
    const s = spec();
    const [w, r] = await Promise.all([paths(s, 'wasm'), paths(s, 'reference')]);
    for (const m of outs)
      for (let k = 0; k < 3; k++) for (let t = 0; t <= 40; t++) if (!Object.is(w[m]![k]![t], r[m]![k]![t])) throw new Error(`${m} run ${k} step ${t}: ${w[m]![k]![t]} vs ${r[m]![k]![t]}`);
    for (let k = 0; k < 3; k++) {
      for (let t = 1; t <= 40; t++) {
        const on = w['chain.onboard']![k]![t]!,
          rw = w['chain.rewards']![k]![t]!;
        expect(w['chain.neg']![k]![t]).toBe(0); // a negative count counts 0
        expect(on).toBeGreaterThanOrEqual(0);
        expect(rw).toBeCloseTo(w['T.liquid']![k]![t]! / 100, 9); // after the grant of the step
        const ops = w['chain.ops']![k]![t]!;
        expect(ops).toBe(on + rw + 0);
        const fee = w['chain.fee']![k]![t]!;
        // the rewards' fee is feeBase × (1 + U), U in (0, 1)
        expect(fee).toBeGreaterThan(on * 0.0002 + rw * 0.00001);
        expect(fee).toBeLessThan(on * 0.0002 + rw * 0.00002);
        expect(w['chain.costUsd']![k]![t]).toBeCloseTo(fee * 150 * (1 + t / 365), 12);
        expect(w['chain.utilisation']![k]![t]).toBeCloseTo(ops / (0.5 * 86_400), 15);
        expect(w['T.totalSupply']![k]![t]).toBe(1500);
        expect(Math.abs(w['T.residual']![k]![t]!)).toBeLessThan(1e-9);
      }
    }
  });

  it('on a step its clock skips, every output is 0', async () => {
    const w = await paths(spec({ clock: { every: 7 }, nativePrice: 'native0 / 75' }), 'wasm');
    for (let t = 1; t <= 40; t++) {
      const runs = (t - 1) % 7 === 0;
      for (const m of ['chain.ops', 'chain.fee', 'chain.costUsd', 'chain.utilisation', 'chain.onboard']) {
        if (!runs) expect(w[m]![0]![t], `${m} at ${t}`).toBe(0);
      }
      if (runs) expect(w['chain.costUsd']![0]![t]).toBeCloseTo(w['chain.fee']![0]![t]! * 2, 12);
    }
  });

  it('its outputs can be read by a later block (a transfer sized by the USD cost)', async () => {
    const extra = [{ id: 'pay', kind: 'transfer', asset: 'T', from: 'pool', to: 'liquid', amount: 'chain.costUsd / 1000' }];
    const s = spec({}, 10, extra);
    const r = await run(s, { engine: 'wasm', metrics: ['pay.amount', 'chain.costUsd'], keepRuns: true });
    for (let t = 1; t <= 10; t++) expect(r.paths('pay.amount')[0]![t]).toBeCloseTo(r.paths('chain.costUsd')[0]![t]! / 1000, 12);
  });

  it('bad input is a FlywheelError with code, path and hint', () => {
    const bad = (over: Record<string, unknown>, code: string, path: string) => {
      try {
        validateSpec(spec(over));
      } catch (e) {
        expect(e).toBeInstanceOf(FlywheelError);
        const issues = (e as FlywheelError).issues;
        expect(
          issues.some((i) => i.code === code && i.path === path && (i.hint ?? '').length > 0),
          JSON.stringify(issues),
        ).toBe(true);
        return;
      }
      throw new Error('expected a FlywheelError');
    };
    bad({ capacity: 0 }, 'SPEC_OUT_OF_RANGE', 'blocks.1.capacity');
    bad({ nativePrice: -1 }, 'SPEC_OUT_OF_RANGE', 'blocks.1.nativePrice');
    bad({ operations: [] }, 'SPEC_OUT_OF_RANGE', 'blocks.1.operations');
    bad({ operations: [{ name: 'ops', count: 1, fee: 1 }] }, 'SPEC_INCONSISTENT', 'blocks.1.operations.0.name');
    bad(
      {
        operations: [
          { name: 'a', count: 1, fee: 1 },
          { name: 'a', count: 2, fee: 1 },
        ],
      },
      'SPEC_INCONSISTENT',
      'blocks.1.operations.1.name',
    );
    bad({ operations: [{ name: 'a b', count: 1, fee: 1 }] }, 'SPEC_INVALID_FORMAT', 'blocks.1.operations.0.name');
    bad({ operations: [{ name: 'a', count: 'T.liquid +', fee: 1 }] }, 'FORMULA_SYNTAX', 'blocks.1.operations.0.count');
    bad({ operations: [{ name: 'a', count: 1, fee: 'fees' }] }, 'FORMULA_UNKNOWN_NAME', 'blocks.1.operations.0.fee');
    bad({ operations: [{ name: 'a', count: 1, fee: -1 }] }, 'SPEC_OUT_OF_RANGE', 'blocks.1.operations.0.fee');
    bad({ colour: 'red' }, 'SPEC_UNKNOWN_FIELD', 'blocks.1.colour');
  });
});
