// Random valid specs (fast-check): every composition of block kinds conserves each asset's
// ledger on every step (the reference engine asserts it, and the residual metrics are rounding
// only), never gives a NaN or a negative balance (but for an uncapped issuer), and the two
// engines agree bit for bit. A second token U (pool/reserve p, holders h) is there for conversion and amm.
import { run, validateSpec, type ModelSpec } from '@flywheel/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const ACCOUNTS = ['a', 'b', 'c', 'd'] as const;
const acc = fc.constantFrom(...ACCOUNTS);
const two = fc.uniqueArray(acc, { minLength: 2, maxLength: 2 });
const three = fc.uniqueArray(acc, { minLength: 3, maxLength: 3 });
const amount = fc.oneof(
  fc.integer({ min: 0, max: 500 }).map(String),
  fc.tuple(fc.double({ min: 0, max: 0.2, noNaN: true }), acc).map(([k, x]) => `${k} * T.${x}`),
  fc.constant('if(t - 3 * floor(t / 3) == 0, 50 * uniform(), 0)'),
);

/** One block of a random kind over the token T (accounts a–d) and the credit C. */
const block = (i: number) =>
  fc.oneof(
    fc.record({ acc: acc, rate: fc.integer({ min: 0, max: 200 }), kind: fc.constantFrom('fixed', 'halving', 'halfLife', 'geometric') }).map(({ acc, rate, kind }) => ({
      id: `b${i}`,
      kind: 'schedule',
      asset: 'T',
      to: acc,
      curve:
        kind === 'fixed'
          ? { kind, rate: { amount: rate, per: 'day' } }
          : kind === 'halving'
            ? { kind, rate: { amount: rate, per: 'day' }, every: { amount: 7, unit: 'day' } }
            : kind === 'halfLife'
              ? { kind, total: rate * 30, halfLife: { amount: 10, unit: 'day' } }
              : { kind, rate: { amount: rate, per: 'day' }, factor: 0.9, every: { amount: 5, unit: 'day' } },
    })),
    fc
      .record({ from: fc.constantFrom<string>(...ACCOUNTS, 'issuer'), to: fc.constantFrom<string>(...ACCOUNTS, 'burned', 'issuer'), amount })
      .filter((x) => x.from !== x.to && !(x.from === 'issuer' && (x.to === 'burned' || x.to === 'issuer')))
      .map((x) => ({ id: `b${i}`, kind: 'transfer', asset: 'T', ...x })),
    fc.tuple(acc, fc.integer({ min: 1, max: 9 })).map(([to, window]) => ({ id: `b${i}`, kind: 'remint', asset: 'T', of: 'T.burned', window, fraction: 0.5, cap: { amount: 40, per: 'day' }, to })),
    fc
      .tuple(three, fc.double({ min: 0, max: 0.5, noNaN: true }))
      .map(([[from, p, rest], share]) => ({ id: `b${i}`, kind: 'split', asset: 'T', from, parts: [{ to: p, share, untilBalance: 300 }], rest })),
    fc.tuple(three, fc.integer({ min: 1, max: 12 })).map(([[from, locked, to], over]) => ({ id: `b${i}`, kind: 'escrow', asset: 'T', from, immediate: 0.25, locked, to, over })),
    fc.tuple(two, amount).map(([[from, locked], target]) => ({ id: `b${i}`, kind: 'lock', asset: 'T', from, locked, target, rate: 0.5 })),
    fc
      .tuple(three, fc.integer({ min: 1, max: 5 }))
      .map(([[liquid, bonded, unbonding], delay]) => ({ id: `b${i}`, kind: 'bond', asset: 'T', liquid, bonded, unbonding, bond: `0.05 * T.${liquid}`, unbond: `0.03 * T.${bonded}`, delay })),
    fc
      .tuple(acc, fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([to, ratio]) => ({ id: `b${i}`, kind: 'stepController', asset: 'T', to, ratio: String(ratio), target: 0.5, step: 0.001, initial: 0.002, ticksPerStep: 2 })),
    acc.map((to) => ({ id: `b${i}`, kind: 'issuanceHalving', asset: 'T', to, perTick: 10, ticksPerStep: 24 })),
    fc.tuple(acc, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()).map(([to, ratio, ideal]) => ({
      id: `b${i}`,
      kind: 'bandController',
      asset: 'T',
      to,
      ratio: String(ratio),
      goal: 0.67,
      rateChange: 5,
      initial: 0.13,
      min: 0.05,
      max: 0.15,
      ticksPerYear: 5_256_000,
      ticksPerStep: 14_400,
      ...(ideal ? { ideal: { initial: 0.2, halfLife: { amount: 30, unit: 'day' }, variance: 0.05 } } : {}),
    })),
    fc.tuple(acc, fc.double({ min: 0, max: 0.01, noNaN: true })).map(([x, fee]) => ({
      id: `b${i}`,
      kind: 'chainCost',
      operations: [
        { name: 'claims', count: `T.${x} / 10`, fee },
        { name: 'mints', count: '5 * uniform()', fee: 0.001 },
      ],
      nativePrice: 150,
      capacity: 3000,
    })),
    fc
      .record({
        acc,
        amount,
        ratio: fc.double({ min: 0.01, max: 3, noNaN: true }),
        fee: fc.double({ min: 0, max: 0.5, noNaN: true }),
        reserve: fc.boolean(),
        sink: fc.constantFrom<string>('burned', ...ACCOUNTS),
        back: fc.boolean(),
      })
      .map(({ acc: a, amount: x, ratio, fee, reserve, sink, back }) =>
        back
          ? { id: `b${i}`, kind: 'conversion', from: { asset: 'U', account: 'h' }, to: { asset: 'T', account: a }, amount: '0.3 * U.h', ratio, fee }
          : {
              id: `b${i}`,
              kind: 'conversion',
              from: { asset: 'T', account: a },
              to: { asset: 'U', account: 'h' },
              amount: x,
              ratio,
              fee,
              ...(reserve ? { reserve: 'p' } : {}),
              ...(sink !== a ? { sink } : {}),
            },
      ),
    fc.tuple(three, fc.integer({ min: 0, max: 3000 }), fc.double({ min: 0, max: 0.05, noNaN: true }), amount).map(([[pool, trader, vault], v, tax, x]) => ({
      id: `b${i}`,
      kind: 'amm',
      token: { asset: 'U', pool: 'p' },
      base: { asset: 'T', pool },
      virtualBase: String(v),
      buy: { amount: x, from: trader, to: 'h' },
      sell: { amount: '0.2 * U.h', from: 'h', to: trader },
      buyTax: tax,
      sellTax: tax,
      taxTo: vault,
    })),
    fc.tuple(acc, fc.integer({ min: 0, max: 5000 })).map(([from, usd]) => ({ id: `b${i}`, kind: 'creditBurn', asset: 'T', from, credit: 'C', usd: `${usd} * uniform()` })),
    fc.tuple(two, fc.integer({ min: 1, max: 40 })).map(([[from, to], count]) => ({
      id: `b${i}`,
      kind: 'population',
      count,
      cost: { kind: 'uniform', min: 0.5, max: 1.5 },
      costPer: 'day',
      window: 5,
      reentry: { probability: 0.2, threshold: 1 },
      pays: { asset: 'T', from, to },
    })),
  );

const specArb = fc
  .record({
    initial: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 4, maxLength: 4 }),
    capped: fc.boolean(),
    blocks: fc.integer({ min: 1, max: 7 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => block(i)))),
    price: fc.constantFrom('gbm', 'impact'),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ initial, capped, blocks, price, seed }): ModelSpec => {
    const accounts = Object.fromEntries(ACCOUNTS.map((a, k) => [a, { initial: initial[k]!, tag: (k === 0 ? 'liquid' : k === 1 ? 'treasury' : k === 2 ? 'bonded' : 'locked') as 'liquid' }]));
    const total = initial.reduce((s, x) => s + x, 0);
    return {
      specVersion: 2,
      name: 'random',
      time: { step: 'day', steps: 30 },
      mainAsset: 'T',
      assets: {
        // issuanceHalving needs a cap; an uncapped token gets one only when such a block exists
        T: { kind: 'token', decimals: 0, accounts, ...(capped || blocks.some((b) => b.kind === 'issuanceHalving') ? { cap: total + 5000 } : {}) },
        C: { kind: 'credit', decimals: 0, priceUsd: 0.01, accounts: {} },
        // a second token for conversion and amm: a pool / reserve p and holders h
        U: { kind: 'token', decimals: 0, accounts: { p: { initial: 5000, tag: 'reserves' }, h: { initial: 100, tag: 'liquid' } } },
      },
      blocks: [
        ...(blocks as ModelSpec['blocks']),
        {
          id: 'price',
          kind: 'price',
          asset: 'T',
          model:
            price === 'gbm'
              ? { kind: 'gbm', initial: 1, drift: { rate: 0, per: 'year' }, volatility: { rate: 1, per: 'year' } }
              : { kind: 'impact', initial: 1, sensitivity: 2, volatility: { rate: 0.5, per: 'year' } },
        },
      ],
      monteCarlo: { runs: 2, seed },
    };
  });

// Quick mode in npm test (60 cases); `npm run fuzz` sets FLYWHEEL_FUZZ_RUNS=20000 (and may set
// FLYWHEEL_FUZZ_SEED) and prints the counts.
const FUZZ_RUNS = Number(process.env.FLYWHEEL_FUZZ_RUNS ?? 60);
const FUZZ_SEED = Number(process.env.FLYWHEEL_FUZZ_SEED ?? 20261201);

describe('random valid specs', () => {
  it('conserve every asset on every step, never go NaN or negative, and give the same bits on both engines', { timeout: Math.max(60_000, FUZZ_RUNS * 100) }, async () => {
    let completed = 0;
    let exploded = 0;
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const valid = validateSpec(spec);
        const metrics = ['T.residual', 'C.residual', 'U.residual', 'T.unissued', ...ACCOUNTS.map((a) => `T.${a}`), 'U.p', 'U.h', 'totalSupply', 'price'];
        const outcome = (engine: 'wasm' | 'reference') => run(valid, { engine, threads: 1, metrics, keepRuns: true }).catch((e: { code?: string }) => e);
        // the reference engine asserts conservation on every step (ENGINE_CONSERVATION)
        const [w, r] = await Promise.all([outcome('wasm'), outcome('reference')]);
        if (!('paths' in w) || !('paths' in r)) {
          // an impact price can explode when almost nothing circulates: that must be a clean
          // ENGINE_NON_FINITE on both engines, never a NaN in a result or a broken ledger
          expect([(w as { code?: string }).code, (r as { code?: string }).code]).toEqual(['ENGINE_NON_FINITE', 'ENGINE_NON_FINITE']);
          exploded++;
          return;
        }
        completed++;
        for (const m of metrics) {
          w.paths(m).forEach((p, k) => {
            const q = r.paths(m)[k]!;
            for (let t = 0; t < p.length; t++) {
              if (!Object.is(p[t], q[t])) throw new Error(`${m} run ${k} step ${t}: ${p[t]} vs ${q[t]}`);
              if (!Number.isFinite(p[t])) throw new Error(`${m} run ${k} step ${t}: ${p[t]}`);
            }
          });
        }
        const scale = 1e-9 * Math.max(1, ...w.paths('totalSupply').flatMap((p) => Array.from(p)));
        for (const m of ['T.residual', 'C.residual', 'U.residual']) for (const p of w.paths(m)) for (const v of p) expect(Math.abs(v)).toBeLessThanOrEqual(scale);
        for (const a of ACCOUNTS) for (const p of w.paths(`T.${a}`)) for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
        for (const m of ['U.p', 'U.h']) for (const p of w.paths(m)) for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
        if (valid.assets.T!.cap !== undefined) for (const p of w.paths('T.unissued')) for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
    if (process.env.FLYWHEEL_FUZZ_RUNS)
      console.log(
        `fuzz (seed ${FUZZ_SEED}): ${completed + exploded} random specs on both engines: ${completed} completed (conserving, finite, ≥ 0, same bits), ${exploded} ENGINE_NON_FINITE on both, 0 other outcomes`,
      );
    // the generator must mostly produce runs that complete, or the property says little
    expect(completed).toBeGreaterThan(0.75 * FUZZ_RUNS);
    expect(completed + exploded).toBe(FUZZ_RUNS);
  });
});
