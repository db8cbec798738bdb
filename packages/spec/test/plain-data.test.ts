// Validation of values that are not JSON data: getters (throwing or not), proxies (revoked, with
// throwing traps), functions, symbols, BigInts, Dates, Maps, Sets, typed arrays, boxed numbers,
// class instances, cycles, deep nesting, huge sparse arrays and objects shared exponentially. Each
// is a FlywheelError with a code, the field's path, a value and a hint — never a raw TypeError,
// RangeError or stack overflow — and the error itself can be printed and written as JSON.
import { DATA_LIMITS, ErrorCodes, FlywheelError, describeValue, plainData, setPath, validateSpec, type ModelSpec } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';

function base(): ModelSpec {
  return {
    specVersion: 2,
    name: 'plain',
    time: { step: 'day', steps: 10, start: '2024-01-01' },
    mainAsset: 'TST',
    assets: { TST: { kind: 'token', decimals: 0, accounts: { liquid: { initial: 1000, tag: 'liquid' }, treasury: { tag: 'treasury' } } } },
    params: { g: 1 },
    signals: { x: {} },
    blocks: [
      { id: 'e', kind: 'schedule', asset: 'TST', to: 'liquid', curve: { kind: 'fixed', rate: { amount: 100, per: 'day' } } },
      { id: 's', kind: 'signal', set: 'x', formula: 'g' },
      { id: 'price', kind: 'price', asset: 'TST', model: { kind: 'constant', initial: 2 } },
    ],
    monteCarlo: { runs: 1, seed: 1 },
  };
}

/** base() with `value` put at `path` (a list of keys; [] replaces the whole spec). */
function withValue(path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const s = base() as any;
  let at = s;
  for (const k of path.slice(0, -1)) at = at[k];
  at[path[path.length - 1]!] = value;
  return s;
}

/** The FlywheelError `fn` throws (fails the test for any other outcome), checked for a code, a path, a hint and printability. */
function thrown(fn: () => unknown): FlywheelError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (!(caught instanceof FlywheelError)) throw new Error(`expected a FlywheelError, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  expect(Object.values(ErrorCodes)).toContain(caught.code);
  expect(typeof caught.path).toBe('string');
  expect(caught.hint.trim().length).toBeGreaterThan(10);
  expect(caught.message).toContain(caught.code);
  expect(() => JSON.stringify(caught)).not.toThrow(); // the value is written as JSON or described
  return caught;
}

const revoked = () => {
  const p = Proxy.revocable({}, {});
  p.revoke();
  return p.proxy;
};
const throwingProxy = () =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error('trap get');
      },
      ownKeys: () => {
        throw new Error('trap ownKeys');
      },
      getPrototypeOf: () => {
        throw new Error('trap getPrototypeOf');
      },
    },
  );
const throwingGetter = () =>
  Object.defineProperty({}, 'amount', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
class Rate {
  amount = 100;
  per = 'day';
}

// Places of every kind: the root, an object, a number, a string, a record, an array, an element.
const PLACES: (string | number)[][] = [
  [],
  ['time'],
  ['time', 'steps'],
  ['time', 'start'],
  ['params'],
  ['params', 'g'],
  ['blocks'],
  ['blocks', 0],
  ['blocks', 0, 'curve', 'rate'],
  ['signals', 'x'],
  ['name'],
];

const HOSTILE: Record<string, () => unknown> = {
  function: () => () => 1,
  symbol: () => Symbol('s'),
  bigint: () => 10n,
  Date: () => new Date('2024-01-01'),
  Map: () => new Map([['amount', 1]]),
  Set: () => new Set([1]),
  'class instance': () => new Rate(),
  'typed array': () => new Float64Array(2),
  'boxed number': () => new Number(3),
  RegExp: () => /x/,
  'getter that throws': throwingGetter,
  'revoked proxy': revoked,
  'proxy with throwing traps': throwingProxy,
};

describe('validateSpec of values that are not JSON data', () => {
  for (const [name, make] of Object.entries(HOSTILE)) {
    it(`${name}: a FlywheelError at the field's path, wherever it is`, () => {
      for (const place of PLACES) {
        const e = thrown(() => validateSpec(withValue(place, make())));
        // the path names the field given (or one inside it, for a getter that throws inside an object)
        const path = place.join('.');
        expect(e.path === path || e.path.startsWith(path === '' ? '' : `${path}.`), `${name} at ${path}: ${e.path}`).toBe(true);
      }
    });
  }

  it('a getter that throws, a revoked proxy and a proxy whose traps throw: SPEC_INVALID_TYPE "could not be read", with the error named', () => {
    const g = thrown(() => validateSpec(withValue(['blocks', 0, 'curve', 'rate'], throwingGetter())));
    expect([g.code, g.path, g.value]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, 'blocks.0.curve.rate.amount', '[unreadable: Error: boom]']);
    expect(g.message).toContain('could not be read (Error: boom)');
    const r = thrown(() => validateSpec(withValue(['time'], revoked())));
    expect([r.code, r.path]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, 'time']);
    expect(r.message).toMatch(/could not be read \(TypeError: .*revoked/);
    const p = thrown(() => validateSpec(throwingProxy()));
    expect([p.code, p.path]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, '']);
    expect(p.message).toContain('trap getPrototypeOf');
    // a getter whose error is itself hostile (its message getter throws) is still a clean error
    const nasty = Object.defineProperty({}, 'steps', {
      enumerable: true,
      get() {
        throw Object.defineProperty(new Error(), 'message', {
          get() {
            throw new Error('again');
          },
        });
      },
    });
    const n = thrown(() => validateSpec(withValue(['time'], nasty)));
    expect([n.path, n.value]).toEqual(['time.steps', '[unreadable: an exception]']);
  });

  it('objects that are not plain data name what they are and how to fix it', () => {
    const cases: [unknown, string, RegExp][] = [
      [new Date('2024-01-01'), 'a Date', /"YYYY-MM-DD"/],
      [new Map(), 'a Map', /Object\.fromEntries/],
      [new Set(), 'a Set', /\[\.\.\.set\]/],
      [new Float64Array(3), 'a Float64Array', /Array\.from/],
      [new Number(3), 'a Number object', /primitive/],
      [new Rate(), 'an instance of Rate', /plain object literal/],
    ];
    for (const [value, kind, hint] of cases) {
      const e = thrown(() => validateSpec(withValue(['time', 'start'], value)));
      expect([e.code, e.path, e.value]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, 'time.start', value]);
      expect(e.message).toContain(`got ${kind}`);
      expect(e.hint).toMatch(hint);
      expect(JSON.parse(JSON.stringify(e)).value).toBe(kind); // described in JSON, not written as {}
    }
  });

  it('functions, symbols and BigInts where a number, a string or an object is expected: SPEC_INVALID_TYPE with the value described', () => {
    const fn = thrown(() => validateSpec(withValue(['time', 'steps'], () => 1)));
    expect([fn.code, fn.path]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, 'time.steps']);
    expect(fn.message).toContain('(got a function)');
    const sym = thrown(() => validateSpec(withValue(['name'], Symbol('n'))));
    expect([sym.code, sym.path]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, 'name']);
    expect(sym.message).toContain('(got Symbol(n))');
    const big = thrown(() => validateSpec(withValue(['monteCarlo', 'runs'], 10n)));
    expect([big.code, big.path, big.value]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, 'monteCarlo.runs', 10n]);
    expect(big.message).toContain('(got 10n)');
    expect(JSON.parse(JSON.stringify(big)).value).toBe('10n');
    expect(thrown(() => validateSpec(withValue(['time'], () => ({ step: 'day', steps: 1 })))).path).toBe('time');
  });

  it('a cycle is SPEC_INVALID_TYPE at the field that closes it, naming where it leads back to', () => {
    const s = base() as any;
    s.blocks[0].curve.back = s.blocks[0];
    const e = thrown(() => validateSpec(s));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, 'blocks.0.curve.back']);
    expect(e.message).toContain('refers back to "blocks.0"');
    const root = base() as any;
    root.time.spec = root;
    expect(thrown(() => validateSpec(root)).message).toContain('refers back to the spec itself');
    const arr = base() as any;
    arr.blocks.push(arr.blocks);
    expect(thrown(() => validateSpec(arr)).path).toBe('blocks.3');
  });

  it(`nesting deeper than ${DATA_LIMITS.depth} levels (20,000 here), and sparse arrays of 2·10^8 or 2^32 − 1 elements, are SPEC_OUT_OF_RANGE at once`, () => {
    let deep: any = {};
    const top = deep;
    for (let i = 0; i < 20_000; i++) deep = deep.a = {};
    const d = thrown(() => validateSpec(withValue(['time', 'extra'], top)));
    expect(d.code).toBe(ErrorCodes.SPEC_OUT_OF_RANGE);
    expect(d.path).toBe(`time.extra${'.a'.repeat(DATA_LIMITS.depth - 2)}`);
    let nested: unknown[] = [];
    const first = nested;
    for (let i = 0; i < 20_000; i++) nested.push((nested = []));
    expect(thrown(() => validateSpec(withValue(['blocks', 2, 'model'], { kind: 'path', values: first }))).code).toBe(ErrorCodes.SPEC_OUT_OF_RANGE);
    for (const length of [2e8, 2 ** 32 - 1]) {
      const started = performance.now();
      const e = thrown(() => validateSpec(withValue(['blocks', 2, 'model'], { kind: 'path', values: new Array(length) })));
      expect([e.code, e.path, e.value]).toEqual([ErrorCodes.SPEC_OUT_OF_RANGE, 'blocks.2.model.values', `${length} elements`]);
      expect(performance.now() - started).toBeLessThan(1000); // it took 53 s, then a RangeError or a heap abort
    }
  });

  it('an object shared 2^40 times over (an exponential tree of 40 levels) is refused at once, not walked', () => {
    let x: unknown = [1];
    for (let i = 0; i < 40; i++) x = [x, x];
    const started = performance.now();
    const e = thrown(() => validateSpec(withValue(['blocks', 2, 'model'], { kind: 'path', values: x })));
    expect(e.code).toBe(ErrorCodes.SPEC_OUT_OF_RANGE);
    expect(e.message).toContain(`more than ${DATA_LIMITS.values.toLocaleString('en-US')}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('getters that work and transparent proxies are read once, as plain data: the spec validated is the values read', () => {
    let reads = 0;
    const s = base() as any;
    Object.defineProperty(s.time, 'steps', {
      enumerable: true,
      get() {
        reads++;
        return reads === 1 ? 10 : -1; // a second read would see an invalid value
      },
    });
    const valid = validateSpec(new Proxy(s, {}));
    expect(valid.time.steps).toBe(10);
    expect(reads).toBe(1);
    // an object used twice (not a cycle) is fine
    const shared = base() as any;
    const rate = { amount: 5, per: 'day' };
    shared.blocks[0].curve.rate = rate;
    shared.blocks.splice(1, 0, { id: 'e2', kind: 'schedule', asset: 'TST', to: 'treasury', curve: { kind: 'fixed', rate } });
    expect(validateSpec(shared).blocks).toHaveLength(4);
  });

  it("the message of every such error is a string that never runs the value's code", () => {
    const trap = new Proxy(new Rate(), {
      get(t, k) {
        if (k === 'toString' || k === Symbol.toPrimitive || k === 'toJSON') throw new Error('ran the value');
        return Reflect.get(t, k);
      },
    });
    const e = thrown(() => validateSpec(withValue(['time'], trap)));
    expect(e.message).toContain('got an instance of Rate');
    expect(describeValue(revoked())).toBe('an unreadable value');
  });
});

describe('plainData and setPath', () => {
  it('plainData copies plain data (own enumerable string keys, "__proto__" kept as an own key) and refuses the rest', () => {
    const given = JSON.parse('{"a":[1,{"b":null}],"__proto__":{"x":1}}');
    const copy = plainData(given) as Record<string, unknown>;
    expect(copy).not.toBe(given);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(given));
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(() => plainData({ d: new Date() })).toThrow(FlywheelError);
  });

  it("setPath of a spec holding a getter that throws, a Map or a cycle is a FlywheelError (it was a raw DataCloneError or the getter's error)", () => {
    expect(thrown(() => setPath(withValue(['blocks', 0, 'curve', 'rate'], throwingGetter()), 'time.steps', 5)).path).toBe('blocks.0.curve.rate.amount');
    expect(thrown(() => setPath(withValue(['params'], new Map()), 'time.steps', 5)).path).toBe('params');
    const cyc = base() as any;
    cyc.time.self = cyc.time;
    expect(thrown(() => setPath(cyc, 'time.steps', 5)).path).toBe('time.self');
  });

  it('setPath changes only the field named when the spec refers to one object from two places', () => {
    const s = base() as any;
    const rate = { amount: 5, per: 'day' };
    s.blocks[0].curve.rate = rate;
    s.blocks.push({ id: 'e2', kind: 'schedule', asset: 'TST', to: 'treasury', curve: { kind: 'fixed', rate } });
    const changed = setPath(s, 'blocks.0.curve.rate.amount', 7) as any;
    expect(changed.blocks[0].curve.rate.amount).toBe(7);
    expect(changed.blocks[3].curve.rate.amount).toBe(5);
    expect(rate.amount).toBe(5);
  });
});
