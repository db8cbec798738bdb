import { helium } from '@flywheel/models';
import { compile, run, validateSpec } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

describe('parallel Monte Carlo', () => {
  it('1, 2 and 4 threads give identical JSON (wasm)', async () => {
    const spec = w1(9, 60, 300);
    const [a, b, c] = [JSON.stringify(await run(spec, { threads: 1 })), JSON.stringify(await run(spec, { threads: 2 })), JSON.stringify(await run(spec, { threads: 4 }))];
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('runs claimed in parts by whichever thread is free give identical JSON, on both engines', async () => {
    // wasm: threads write their parts into shared memory and split the statistics; reference:
    // workers send each claimed part as a message. 11 runs on 2 and 3 threads: uneven parts.
    const spec = w1(11, 10, 3650);
    expect(compile(validateSpec(spec)).metrics).toHaveLength(14); // 409 kB per run
    const a = JSON.stringify((await run(spec, { threads: 1 })).toJSON().metrics);
    for (const threads of [2, 3]) expect(JSON.stringify((await run(spec, { threads })).toJSON().metrics)).toBe(a);
    expect(JSON.stringify((await run(spec, { threads: 3, engine: 'reference' })).toJSON().metrics)).toBe(a);
  });

  it('reference engine on workers equals wasm on one thread', async () => {
    const spec = helium({ years: 1, runs: 5, agents: 50 });
    const a = JSON.stringify((await run(spec, { threads: 1 })).toJSON().metrics);
    const b = JSON.stringify((await run(spec, { threads: 3, engine: 'reference' })).toJSON().metrics);
    expect(b).toBe(a);
  });

  it('progress reaches the total; bad thread counts are FlywheelErrors', async () => {
    const seen: number[] = [];
    await run(w1(6, 20, 50), { threads: 2, onProgress: (d) => seen.push(d) });
    expect(seen.at(-1)).toBe(6);
    await expect(run(w1(2, 5, 5), { threads: 0 })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'threads' });
    await expect(run(w1(2, 5, 5), { threads: 1.5 })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION' });
  });

  it('metric selection stores only the chosen metrics', async () => {
    const r = await run(w1(2, 5, 20), { metrics: ['price', 'activeProviders'] });
    expect(r.metrics).toEqual(['price', 'activeProviders']);
    // W1 has no bonded account, so no stakedSupply: in v2 a metric the model does not produce is RESULT_UNKNOWN_METRIC (docs/spec.md, Metrics)
    await expect(run(w1(2, 5, 20), { metrics: ['stakedSupply'] })).rejects.toMatchObject({ code: 'RESULT_UNKNOWN_METRIC', path: 'metrics' });
    // and an empty selection is a bad option
    await expect(run(w1(2, 5, 20), { metrics: [] })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'metrics' });
  });
});

describe('limits', () => {
  it('a run too large for one engine instance is a coded error with the largest run count that fits', async () => {
    const { helium } = await import('@flywheel/models');
    const err = await run(helium({ runs: 3000 }), { statistics: 'exact' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'RUN_TOO_LARGE', path: 'monteCarlo.runs', value: 3000 });
    expect((err as { hint: string }).hint).toMatch(/at most \d+ runs/);
  });
});

describe('concurrent runs', () => {
  it('runs started together (each yields while its workers compute) give the same numbers as one at a time', async () => {
    const a = w1(40, 30, 200);
    const b = w1(30, 20, 300);
    const alone = [JSON.stringify(await run(a, { threads: 2 })), JSON.stringify(await run(b, { threads: 2 })), JSON.stringify(await run(a, { threads: 1, onProgress: () => {} }))];
    const together = await Promise.all([
      run(a, { threads: 2 }),
      run(b, { threads: 2 }),
      run(a, { threads: 1, onProgress: () => {} }),
      run(b, { statistics: 'streaming', threads: 1, onProgress: () => {} }),
    ]);
    expect(together.slice(0, 3).map((r) => JSON.stringify(r))).toEqual(alone);
    expect(JSON.stringify(together[2])).toBe(alone[0]);
    expect(together[3]!.statistics).toBe('streaming');
  });

  it('an error raised inside a worker keeps its code, path and hint (not a bare Error)', async () => {
    // X.a × e^300 per step: the ledger overflows to Infinity on step 3, inside the workers
    const spec = {
      specVersion: 2 as const,
      name: 'overflow',
      time: { step: 'day' as const, steps: 5 },
      mainAsset: 'X',
      assets: { X: { kind: 'token' as const, decimals: 0, accounts: { a: { initial: 1, tag: 'liquid' as const } } } },
      params: { g: 300 },
      blocks: [{ id: 'm', kind: 'transfer' as const, asset: 'X', from: 'issuer', to: 'a', amount: 'X.a * exp(g)' }],
      monteCarlo: { runs: 8, seed: 1 },
    };
    for (const statistics of ['exact', 'streaming'] as const) {
      const e = await run(spec, { engine: 'reference', threads: 2, statistics }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e, statistics).toMatchObject({ name: 'FlywheelError', code: 'ENGINE_NON_FINITE', path: 'blocks.0', value: -Infinity });
      expect((e as Error).message).toContain('blocks.0 (transfer "m") made X.unissued -Infinity at step 3 of run 0');
      expect((e as { hint: string }).hint).toMatch(/extreme values/);
    }
  });
});
