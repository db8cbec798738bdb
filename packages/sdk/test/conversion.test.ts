// conversion (a cross-asset migration, e.g. ASI's MigrateToken): parity of both engines (tolerance
// 0), conservation of each asset, the clipping to the source and to a pre-minted reserve, the fee,
// and bad input.
import { FlywheelError, validateSpec, type ModelSpec } from '@flywheel/spec';
import { run } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';

const spec = (over: Record<string, unknown> = {}, mintBlock: Record<string, unknown> = {}): ModelSpec => ({
  specVersion: 2,
  name: 'conv',
  time: { step: 'day', steps: 40, start: '2024-10-01' },
  mainAsset: 'NEW',
  assets: {
    OLD: { kind: 'token', decimals: 8, accounts: { holders: { initial: 1000, tag: 'liquid' }, dead: { tag: 'held' } } },
    NEW: { kind: 'token', decimals: 18, accounts: { holders: { initial: 50, tag: 'liquid' }, reserve: { initial: 300, tag: 'reserves' }, treasury: { tag: 'treasury' } } },
  },
  blocks: [
    {
      id: 'conv',
      kind: 'conversion',
      from: { asset: 'OLD', account: 'holders' },
      to: { asset: 'NEW', account: 'holders' },
      amount: '0.1 * OLD.holders * uniform() + 30',
      ratio: 0.5,
      ...over,
    } as never,
    {
      id: 'mint',
      kind: 'conversion',
      from: { asset: 'OLD', account: 'holders' },
      to: { asset: 'NEW', account: { holders: 0.7, treasury: 0.3 } },
      amount: '5',
      ratio: 2,
      fee: 0.05,
      ...mintBlock,
    } as never,
  ],
  monteCarlo: { runs: 3, seed: 7 },
});
const outs = [
  'conv.amount',
  'conv.out',
  'conv.fee',
  'mint.amount',
  'mint.out',
  'mint.fee',
  'OLD.holders',
  'OLD.dead',
  'NEW.holders',
  'NEW.reserve',
  'NEW.treasury',
  'OLD.totalSupply',
  'NEW.totalSupply',
  'OLD.residual',
  'NEW.residual',
  'OLD.burned',
  'NEW.minted',
];

async function paths(s: ModelSpec, engine: 'wasm' | 'reference') {
  const r = await run(s, { engine, threads: 1, metrics: outs, keepRuns: true });
  return outs.map((m) => [m, r.paths(m)] as const);
}

describe('conversion', () => {
  for (const [name, over] of [
    ['minted', {}],
    ['from a reserve, old tokens to a burn address', { reserve: 'reserve', sink: 'dead' }],
  ] as const) {
    it(`${name}: both engines give the same bits; each asset conserves; out = amount × ratio × (1 − fee)`, async () => {
      const s = spec(over);
      const [w, r] = await Promise.all([paths(s, 'wasm'), paths(s, 'reference')]);
      w.forEach(([m, ps], k) =>
        ps.forEach((p, i) =>
          p.forEach((v, t) => {
            if (!Object.is(v, r[k]![1][i]![t])) throw new Error(`${m} run ${i} step ${t}: ${v} vs ${r[k]![1][i]![t]}`);
          }),
        ),
      );
      const g = Object.fromEntries(w.map(([m, ps]) => [m, ps[0]!]));
      let clipped = false;
      for (let t = 1; t < g['OLD.holders']!.length; t++) {
        for (const a of ['OLD', 'NEW']) expect(Math.abs(g[`${a}.residual`]![t]!)).toBeLessThan(1e-9);
        const x = g['conv.amount']![t]!,
          y = g['mint.amount']![t]!;
        // the source pays exactly what was converted
        expect(g['OLD.holders']![t - 1]! - g['OLD.holders']![t]!).toBeCloseTo(x + y, 9);
        expect(g['mint.out']![t]!).toBeCloseTo(y * 2 * 0.95, 9);
        expect(g['mint.fee']![t]!).toBeCloseTo(y * 2 * 0.05, 9);
        if ('reserve' in over) {
          expect(g['OLD.dead']![t]! - g['OLD.dead']![t - 1]!).toBeCloseTo(x, 9);
          expect(g['NEW.reserve']![t - 1]! - g['NEW.reserve']![t]!).toBeCloseTo(x * 0.5, 9);
          expect(g['NEW.totalSupply']![t]! - g['NEW.totalSupply']![t - 1]!).toBeCloseTo(y * 1.9, 9); // only the second block mints
          if (g['NEW.reserve']![t]! < 1e-9 && x > 0) clipped = true;
        } else {
          expect(g['OLD.totalSupply']![t - 1]! - g['OLD.totalSupply']![t]!).toBeCloseTo(x + y, 9);
          expect(g['conv.out']![t]!).toBeCloseTo(x * 0.5, 9);
          if (g['OLD.holders']![t]! === 0) clipped = true;
        }
      }
      expect(clipped, 'the run reaches a clip (source or reserve exhausted)').toBe(true);
    });
  }

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
    bad({ ratio: 0 }, 'SPEC_OUT_OF_RANGE', 'blocks.0.ratio');
    bad({ fee: 1 }, 'SPEC_OUT_OF_RANGE', 'blocks.0.fee');
    bad({ reserve: 'nowhere' }, 'SPEC_UNKNOWN_REFERENCE', 'blocks.0.reserve');
    bad({ reserve: 'holders' }, 'SPEC_INCONSISTENT', 'blocks.0.reserve');
    bad({ sink: 'holders' }, 'SPEC_INCONSISTENT', 'blocks.0.sink');
    bad({ to: { asset: 'OLD', account: 'dead' } }, 'SPEC_INCONSISTENT', 'blocks.0.to.asset');
    bad({ from: { asset: 'NOPE', account: 'holders' } }, 'SPEC_UNKNOWN_REFERENCE', 'blocks.0.from.asset');
    bad({ amount: 'NEW.holders' }, 'SPEC_UNIT_MISMATCH', 'blocks.0.amount');
    bad({ amount: '1 +' }, 'FORMULA_SYNTAX', 'blocks.0.amount');
  });
});
