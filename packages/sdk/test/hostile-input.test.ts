// The SDK's entry points given values that are not JSON data: the builder (it copied specs with
// structuredClone: a raw DataCloneError for a function, the getter's own error), run options read
// through getters and proxies (raw errors from deep inside run), a `wasm` option that is not bytes
// (an unhandled rejection that killed the process), and sweeps of such specs. Each is a
// FlywheelError with a code, a path and a hint.
import { ErrorCodes, FlywheelError, flywheel, run, sweep, type ModelSpec } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { base } from './fixtures.js';

async function rejection(p: () => Promise<unknown> | unknown): Promise<FlywheelError> {
  let caught: unknown;
  try {
    await p();
  } catch (e) {
    caught = e;
  }
  if (!(caught instanceof FlywheelError)) throw new Error(`expected a FlywheelError, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  expect(caught.hint.trim().length).toBeGreaterThan(10);
  expect(() => JSON.stringify(caught)).not.toThrow();
  return caught;
}

const throwing = (key: string, target: object = {}) =>
  Object.defineProperty(target, key, {
    enumerable: true,
    get() {
      throw new Error(`getter ${key}`);
    },
  });
const revoked = () => {
  const p = Proxy.revocable({}, {});
  p.revoke();
  return p.proxy;
};

describe('the builder copies a spec as plain data', () => {
  it('a getter that throws, a Map, a cycle: a FlywheelError at the field, from flywheel() itself', async () => {
    const g = base() as any;
    throwing('steps', g.time);
    expect(await rejection(() => flywheel(g))).toMatchObject({ code: ErrorCodes.SPEC_INVALID_TYPE, path: 'time.steps' });
    const m = base() as any;
    m.params = new Map();
    expect(await rejection(() => flywheel(m))).toMatchObject({ code: ErrorCodes.SPEC_INVALID_TYPE, path: 'params' });
    const c = base() as any;
    c.blocks[0].again = c.blocks;
    expect(await rejection(() => flywheel(c))).toMatchObject({ code: ErrorCodes.SPEC_INVALID_TYPE, path: 'blocks.0.again' });
  });

  it('a function or a symbol in a spec is kept to be judged by validation (it was a raw DataCloneError), and .set() can replace it', async () => {
    const f = base() as any;
    f.time.steps = () => 10;
    const b = flywheel(f);
    expect(await rejection(() => b.validate())).toMatchObject({ code: ErrorCodes.SPEC_INVALID_TYPE, path: 'time.steps' });
    expect(await rejection(() => b.run())).toMatchObject({ code: ErrorCodes.SPEC_INVALID_TYPE, path: 'time.steps' });
    expect(b.set('time.steps', 5).validate().time.steps).toBe(5);
    const s = base() as any;
    s.name = Symbol('name');
    expect(await rejection(() => flywheel(s).spec() && flywheel(s).validate())).toMatchObject({ code: ErrorCodes.SPEC_INVALID_TYPE, path: 'name' });
  });

  it('a getter that works is read once: the builder keeps the value it returned', async () => {
    let reads = 0;
    const s = base() as any;
    Object.defineProperty(s.monteCarlo, 'runs', {
      enumerable: true,
      get: () => (++reads === 1 ? 2 : 0),
    });
    const r = await flywheel(s).run();
    expect([r.runs, reads]).toEqual([2, 1]);
  });
});

describe('run options are read once and checked', () => {
  const cases: [string, unknown, string][] = [
    ['a getter that throws', throwing('threads'), 'threads'],
    ['a revoked proxy', revoked(), 'options'],
    [
      'a proxy whose ownKeys trap throws',
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('trap');
          },
        },
      ),
      'options',
    ],
    [
      'metrics as a proxy of an array whose length throws',
      {
        metrics: new Proxy(['price'], {
          get: (t, k) =>
            k === 'length'
              ? (() => {
                  throw new Error('len');
                })()
              : Reflect.get(t, k),
        }),
      },
      'metrics',
    ],
    ['metrics as a string', { metrics: 'price' }, 'metrics'],
    ['a Date', new Date(), 'options'],
    ['wasm: a string', { wasm: 'not-bytes' }, 'wasm'],
    ['wasm: a number', { wasm: 5 }, 'wasm'],
    ['threads: a BigInt', { threads: 2n }, 'threads'],
  ];
  for (const [name, options, path] of cases) {
    it(`${name} → RUN_INVALID_OPTION at ${path}`, async () => {
      const e = await rejection(() => run(base(), options as never));
      expect([e.code, e.path]).toEqual([ErrorCodes.RUN_INVALID_OPTION, path]);
    });
  }

  it('wasm: "not-bytes" leaves no unhandled rejection behind (it killed the process)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await rejection(() => run(base(), { wasm: 'not-bytes' as never }));
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('metrics given through a transparent proxy are copied and used', async () => {
    const r = await run(base(), { metrics: new Proxy(['price'], {}) as string[] });
    expect(r.metrics).toEqual(['price']);
  });
});

describe('sweeps of specs that are not plain data', () => {
  it('a spec with a getter that throws is a FlywheelError at the field', async () => {
    const s = base() as any;
    throwing('amount', s.blocks[0].curve.rate);
    const e = await rejection(() => sweep(s as ModelSpec, { grid: { 'time.steps': [3, 4] } }, { threads: 1 }));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, 'blocks.0.curve.rate.amount']);
  });
});
