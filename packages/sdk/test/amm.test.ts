// amm (constant-product pool with virtual base liquidity, Virtuals' FPair/FRouter): parity of both
// engines (tolerance 0), conservation of both assets, x · y = k on the virtual reserves, the taxes,
// the virtual liquidity never paid out, and bad input.
import { FlywheelError, validateSpec, type ModelSpec } from '@flywheel/spec';
import { run } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';

const spec = (over: Record<string, unknown> = {}): ModelSpec => ({
  specVersion: 2,
  name: 'amm',
  time: { step: 'day', steps: 60, start: '2024-10-01' },
  mainAsset: 'V',
  assets: {
    V: { kind: 'token', decimals: 18, accounts: { traders: { initial: 50_000, tag: 'liquid' }, pool: { tag: 'locked' }, vault: { tag: 'treasury' } } },
    A: { kind: 'token', decimals: 18, accounts: { pool: { initial: 1e9, tag: 'locked' }, holders: { tag: 'liquid' } } },
  },
  blocks: [
    {
      id: 'curve',
      kind: 'amm',
      token: { asset: 'A', pool: 'pool' },
      base: { asset: 'V', pool: 'pool' },
      virtualBase: '6000',
      buy: { amount: 'if(t < 30, 1500 * uniform(), 100)', from: 'traders', to: 'holders' },
      sell: { amount: 'if(t < 30, 0.02, 0.2) * A.holders', from: 'holders', to: 'traders' },
      buyTax: 0.01,
      sellTax: 0.01,
      taxTo: 'vault',
      ...over,
    } as never,
  ],
  monteCarlo: { runs: 3, seed: 3 },
});
const outs = ['curve.bought', 'curve.baseIn', 'curve.sold', 'curve.baseOut', 'curve.tax', 'curve.price', 'V.pool', 'A.pool', 'V.traders', 'V.vault', 'A.holders', 'V.residual', 'A.residual'];

async function paths(s: ModelSpec, engine: 'wasm' | 'reference') {
  const r = await run(s, { engine, threads: 1, metrics: outs, keepRuns: true });
  return Object.fromEntries(outs.map((m) => [m, r.paths(m)] as const));
}

describe('amm', () => {
  it('both engines give the same bits; both assets conserve; the trades follow x · y = k on (pool + virtual); taxes 1%', async () => {
    const s = spec();
    const [w, r] = await Promise.all([paths(s, 'wasm'), paths(s, 'reference')]);
    for (const m of outs)
      w[m]!.forEach((p, i) =>
        p.forEach((v, t) => {
          if (!Object.is(v, r[m]![i]![t])) throw new Error(`${m} run ${i} step ${t}: ${v} vs ${r[m]![i]![t]}`);
        }),
      );
    const g = Object.fromEntries(outs.map((m) => [m, w[m]![0]!]));
    expect(g['curve.price']![0]).toBeCloseTo(6000 / 1e9, 18);
    for (let t = 1; t < g['V.pool']!.length; t++) {
      expect(Math.abs(g['V.residual']![t]!)).toBeLessThan(1e-9);
      expect(Math.abs(g['A.residual']![t]!)).toBeLessThan(1e-6);
      // the buy: tokens out = Rt · n / (Rb + n)
      const rb = g['V.pool']![t - 1]! + 6000,
        rt = g['A.pool']![t - 1]!,
        n = g['curve.baseIn']![t]!;
      const bought = (rt * n) / (rb + n);
      expect(g['curve.bought']![t]!).toBeCloseTo(bought, 6);
      // the sell on the reserves after the buy: base out = Rb' · x / (Rt' + x) less 1%
      const rb2 = rb + n,
        rt2 = rt - bought,
        x = g['curve.sold']![t]!;
      const gross = (rb2 * x) / (rt2 + x);
      expect(g['curve.baseOut']![t]!).toBeCloseTo(gross * 0.99, 6);
      // the pool's k (with the virtual liquidity) is kept by both trades
      expect(Math.abs((g['V.pool']![t]! + 6000) * g['A.pool']![t]! - rb * rt) / (rb * rt)).toBeLessThan(1e-12);
      expect(g['V.pool']![t]!).toBeGreaterThanOrEqual(0);
    }
  });

  it('the virtual liquidity is never paid out: selling everything back leaves the real base at ≥ 0 and the pool never pays more than it holds', async () => {
    const w = await paths(spec({ buy: { amount: 'if(t == 1, 1000, 0)', from: 'traders', to: 'holders' }, sell: { amount: 'if(t > 1, A.holders, 0)', from: 'holders', to: 'traders' } }), 'wasm');
    const pool = w['V.pool']![0]!;
    expect(pool[1]!).toBeCloseTo(990, 9); // 1% buy tax to the vault
    expect(pool[2]!).toBeGreaterThanOrEqual(0);
    expect(pool[2]!).toBeLessThan(1e-6); // all tokens sold back: the real base returns to ~0
    expect(w['A.pool']![0]![2]!).toBeCloseTo(1e9, 3);
  });

  it('bad input is a FlywheelError with code, path and hint', () => {
    const bad = (over: Record<string, unknown>, code: string, path: string) => {
      try {
        validateSpec(spec(over));
      } catch (e) {
        expect(e).toBeInstanceOf(FlywheelError);
        const issues = (e as FlywheelError).issues ?? [e as FlywheelError];
        expect(
          issues.some((i) => i.code === code && i.path === path && (i.hint ?? '').length > 0),
          JSON.stringify(issues),
        ).toBe(true);
        return;
      }
      throw new Error('expected a FlywheelError');
    };
    bad({ taxTo: undefined }, 'SPEC_MISSING_FIELD', 'blocks.0.taxTo');
    bad({ buy: undefined, sell: undefined }, 'SPEC_MISSING_FIELD', 'blocks.0.buy');
    bad({ buyTax: 1 }, 'SPEC_OUT_OF_RANGE', 'blocks.0.buyTax');
    bad({ base: { asset: 'A', pool: 'pool' } }, 'SPEC_INCONSISTENT', 'blocks.0.base.asset');
    bad({ taxTo: 'pool' }, 'SPEC_INCONSISTENT', 'blocks.0.taxTo');
    bad({ buy: { amount: '1', from: 'pool', to: 'holders' } }, 'SPEC_INCONSISTENT', 'blocks.0.buy.from');
    bad({ buy: { amount: '1', from: 'traders', to: 'nowhere' } }, 'SPEC_UNKNOWN_REFERENCE', 'blocks.0.buy.to');
    bad({ sell: { amount: 'V.traders', from: 'holders', to: 'traders' } }, 'SPEC_UNIT_MISMATCH', 'blocks.0.sell.amount');
    bad({ virtualBase: 'A.pool' }, 'SPEC_UNIT_MISMATCH', 'blocks.0.virtualBase');
  });
});
