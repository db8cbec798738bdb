import {
  ErrorCodes,
  FlywheelError,
  addMonths,
  daysBetween,
  formatDate,
  getPath,
  isValidSpec,
  offsetDays,
  parseDate,
  perStep,
  setPath,
  validateSpec,
  type ErrorCode,
  type ModelSpec,
} from '@flywheel/spec';
import { describe, expect, it } from 'vitest';

/** A small spec that uses most sections (two assets, params, a signal, dates, shares, a burn, a population). */
function base(): ModelSpec {
  return {
    specVersion: 2,
    name: 'base',
    time: { step: 'day', steps: 10, start: '2024-01-01' },
    mainAsset: 'TST',
    assets: {
      TST: {
        kind: 'token',
        decimals: 6,
        cap: 10_000,
        accounts: { liquid: { initial: 500, tag: 'liquid' }, locked: { initial: 500, tag: 'locked' }, pool: { tag: 'rewards' }, treasury: { tag: 'treasury' } },
      },
      CR: { kind: 'credit', decimals: 0, priceUsd: 0.01, accounts: {} },
    },
    params: { demand0: 100, growth: 0.1 },
    signals: { demandUsd: { initial: 100 } },
    blocks: [
      { id: 'demand', kind: 'signal', set: 'demandUsd', formula: 'demand0 * (1 + growth) ^ years' },
      { id: 'e', kind: 'schedule', asset: 'TST', to: { pool: 0.6, treasury: 0.4 }, curve: { kind: 'fixed', rate: { amount: 100, per: 'day' }, from: '2024-01-03' } },
      { id: 'burn', kind: 'creditBurn', asset: 'TST', from: 'liquid', credit: 'CR', usd: 'demandUsd', share: 0.5 },
      {
        id: 'miners',
        kind: 'population',
        count: 10,
        cost: { kind: 'constant', value: 1 },
        costPer: 'day',
        window: 7,
        reentry: { probability: 0.1, threshold: 1 },
        pays: { asset: 'TST', from: 'pool', to: 'liquid' },
      },
      { id: 'price', kind: 'price', asset: 'TST', model: { kind: 'constant', initial: 1 } },
    ],
    monteCarlo: { runs: 2, seed: 1 },
  };
}

/** A deep copy of base() with `edit` applied to it (as loose JSON). */
function edited(edit: (s: any) => void): unknown {
  const s = structuredClone(base()) as any;
  edit(s);
  return s;
}

function thrown(fn: () => unknown): FlywheelError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FlywheelError);
    return e as FlywheelError;
  }
  throw new Error('expected a FlywheelError, nothing was thrown');
}

/** Asserts validateSpec(input) throws with this code/path/value as its first issue and a real hint. */
function expectIssue(input: unknown, code: ErrorCode, path: string, value: unknown): FlywheelError {
  const e = thrown(() => validateSpec(input));
  expect({ code: e.code, path: e.path }).toEqual({ code, path });
  expect(e.value).toEqual(value);
  expect(typeof e.hint).toBe('string');
  expect(e.hint.trim().length).toBeGreaterThan(0);
  expect(e.issues.length).toBeGreaterThanOrEqual(1);
  expect(e.issues[0]).toMatchObject({ code, path });
  expect(e.message).toContain(code);
  expect(isValidSpec(input)).toBe(false);
  return e;
}

describe('validateSpec: valid specs', () => {
  it('accepts the base spec and returns it', () => {
    const s = validateSpec(base());
    expect(s.name).toBe('base');
    expect(s.blocks).toHaveLength(5);
    expect(isValidSpec(base())).toBe(true);
    expect(isValidSpec({})).toBe(false);
  });

  it('accepts shares that sum to one within floating-point error (0.7 + 0.2 + 0.1)', () => {
    const s = edited((x) => (x.blocks[1].to = { pool: 0.7, treasury: 0.2, liquid: 0.1 }));
    expect(() => validateSpec(s)).not.toThrow();
  });

  it('accepts the range bounds themselves (runs 1, seed 0 and 2^32−1, window 1 and 31)', () => {
    for (const [runs, seed, window] of [
      [1, 0, 1],
      [1, 2 ** 32 - 1, 31],
    ] as const) {
      const s = edited((x) => {
        x.monteCarlo = { runs, seed };
        x.blocks[3].window = window;
      });
      expect(() => validateSpec(s)).not.toThrow();
    }
  });

  it('accepts a protocol clock as the step', () => {
    expect(() => validateSpec(edited((x) => (x.time.step = { seconds: 69_120, name: 'round' })))).not.toThrow();
  });
});

describe('validateSpec: schema errors', () => {
  it('missing field → SPEC_MISSING_FIELD at its path', () => {
    const e = thrown(() => validateSpec(edited((x) => delete x.assets.TST.decimals)));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_MISSING_FIELD, 'assets.TST.decimals']);
  });

  it('wrong type → SPEC_INVALID_TYPE with the bad value', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.params.growth = 'fast'))));
    expect([e.code, e.path, e.value]).toEqual([ErrorCodes.SPEC_INVALID_TYPE, 'params.growth', 'fast']);
  });

  it('unknown field at the root → SPEC_UNKNOWN_FIELD at its name', () => {
    expect(thrown(() => validateSpec(edited((x) => (x.tokens = {})))).path).toBe('tokens');
  });

  it('unknown nested field → SPEC_UNKNOWN_FIELD at its dotted path', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.blocks[1].curve.rat = 1))));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_UNKNOWN_FIELD, 'blocks.1.curve.rat']);
  });

  it('out of range → SPEC_OUT_OF_RANGE', () => {
    expect(thrown(() => validateSpec(edited((x) => (x.monteCarlo.runs = 0)))).code).toBe(ErrorCodes.SPEC_OUT_OF_RANGE);
    expect(thrown(() => validateSpec(edited((x) => (x.blocks[3].window = 32)))).path).toBe('blocks.3.window');
    expect(thrown(() => validateSpec(edited((x) => (x.blocks[2].share = 1.5)))).path).toBe('blocks.2.share');
  });

  it('bad enum → SPEC_INVALID_ENUM', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.assets.TST.accounts.liquid.tag = 'wallet'))));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_INVALID_ENUM, 'assets.TST.accounts.liquid.tag']);
  });

  it('unknown block kind → SPEC_INVALID_ENUM at blocks.<i>.kind with the bad kind as value', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.blocks[1].kind = 'magic'))));
    expect([e.code, e.value]).toEqual([ErrorCodes.SPEC_INVALID_ENUM, 'magic']);
    expect(e.path).toBe('blocks.1.kind');
  });

  it('unknown curve kind → SPEC_INVALID_ENUM at blocks.<i>.curve.kind', () => {
    expect(thrown(() => validateSpec(edited((x) => (x.blocks[1].curve.kind = 'linear')))).path).toBe('blocks.1.curve.kind');
  });

  it('malformed date → SPEC_INVALID_FORMAT at time.start', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.time.start = '2024/01/01'))));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_INVALID_FORMAT, 'time.start']);
  });

  it('impossible date 2024-02-30 → SPEC_INVALID_FORMAT at time.start (2024-02-29 is fine)', () => {
    expect(thrown(() => validateSpec(edited((x) => (x.time.start = '2024-02-30')))).code).toBe(ErrorCodes.SPEC_INVALID_FORMAT);
    expect(() => validateSpec(edited((x) => (x.time.start = '2024-02-29')))).not.toThrow();
  });

  it('impossible curve date → SPEC_INVALID_FORMAT at its path', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.blocks[1].curve.from = '2024-13-01'))));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_INVALID_FORMAT, 'blocks.1.curve.from']);
  });

  it('spec version 1 → SPEC_INVALID_ENUM at specVersion with a hint to version 2', () => {
    const e = thrown(() => validateSpec({ specVersion: 1, name: 'old' }));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_INVALID_ENUM, 'specVersion']);
    expect(e.hint).toContain('version 2');
  });
});

describe('validateSpec: cross-field errors', () => {
  it('shares not summing to one → SPEC_SHARES_NOT_ONE at blocks.<i>.to', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.blocks[1].to = { pool: 0.5, treasury: 0.4 }))));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_SHARES_NOT_ONE, 'blocks.1.to']);
  });

  it('unknown account → SPEC_UNKNOWN_REFERENCE at blocks.<i>.to.<account>, listing the accounts', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.blocks[1].to = { pool: 0.6, tresury: 0.4 }))));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_UNKNOWN_REFERENCE, 'blocks.1.to.tresury']);
    expect(e.hint).toContain('treasury');
  });

  it('unknown asset or main asset → SPEC_UNKNOWN_REFERENCE', () => {
    expect(thrown(() => validateSpec(edited((x) => (x.blocks[2].credit = 'DC')))).path).toBe('blocks.2.credit');
    expect(thrown(() => validateSpec(edited((x) => (x.mainAsset = 'FIL')))).path).toBe('mainAsset');
  });

  it('initial balances above the cap → SPEC_INCONSISTENT at assets.<a>.cap', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.assets.TST.cap = 900))));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_INCONSISTENT, 'assets.TST.cap']);
  });

  it('an account named issuer or burned → SPEC_INCONSISTENT (they are implicit)', () => {
    expect(thrown(() => validateSpec(edited((x) => (x.assets.TST.accounts.burned = { tag: 'locked' })))).path).toBe('assets.TST.accounts.burned');
  });

  it('a date without time.start → SPEC_INCONSISTENT at the date', () => {
    const e = thrown(() => validateSpec(edited((x) => delete x.time.start)));
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_INCONSISTENT, 'blocks.1.curve.from']);
  });

  it('price path shorter than steps + 1 → SPEC_OUT_OF_RANGE at blocks.<i>.model.values (value = its length)', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.blocks[4].model = { kind: 'path', values: [1, 2, 3] }))));
    expect([e.code, e.path, e.value]).toEqual([ErrorCodes.SPEC_OUT_OF_RANGE, 'blocks.4.model.values', 3]);
  });

  it('a declared signal no block writes, or written twice → SPEC_INCONSISTENT', () => {
    expect(thrown(() => validateSpec(edited((x) => (x.signals.spare = {})))).path).toBe('signals.spare');
    expect(thrown(() => validateSpec(edited((x) => x.blocks.push({ id: 'again', kind: 'signal', set: 'demandUsd', formula: '1' })))).path).toBe('blocks.5.set');
  });

  it('a formula that does not parse → FORMULA_SYNTAX with the column', () => {
    const e = thrown(() => validateSpec(edited((x) => (x.blocks[0].formula = 'demand0 * (1 + growth'))));
    expect([e.code, e.path]).toEqual([ErrorCodes.FORMULA_SYNTAX, 'blocks.0.formula']);
    expect(e.message).toMatch(/column \d+/);
  });

  it('collects every problem in issues (schema errors together)', () => {
    const e = thrown(() =>
      validateSpec(
        edited((x) => {
          x.monteCarlo.runs = -1;
          x.time.steps = 'ten';
          x.extra = true;
        }),
      ),
    );
    const codes = e.issues.map((i) => `${i.code} ${i.path}`).sort();
    expect(codes).toEqual([`${ErrorCodes.SPEC_INVALID_TYPE} time.steps`, `${ErrorCodes.SPEC_OUT_OF_RANGE} monteCarlo.runs`, `${ErrorCodes.SPEC_UNKNOWN_FIELD} extra`].sort());
  });

  it('collects every problem in issues (cross-field errors together)', () => {
    const e = thrown(() =>
      validateSpec(
        edited((x) => {
          x.blocks[1].to = { pool: 0.5 };
          x.mainAsset = 'NOPE';
        }),
      ),
    );
    expect(e.issues.map((i) => i.path).sort()).toEqual(['blocks.1.to', 'mainAsset']);
  });
});

describe('validateSpec: units', () => {
  it('adding two assets, paying a USD field with a token balance, or exp() of a balance is SPEC_UNIT_MISMATCH with the column', () => {
    const sum = thrown(() => validateSpec(edited((x) => (x.blocks[0].formula = 'TST.liquid + CR.burned'))));
    expect([sum.code, sum.path]).toEqual([ErrorCodes.SPEC_UNIT_MISMATCH, 'blocks.0.formula']);
    expect(sum.message).toContain('column 12');
    expect(sum.message).toContain('TST against CR');
    const usd = thrown(() => validateSpec(edited((x) => (x.blocks[2].usd = 'TST.liquid'))));
    expect([usd.code, usd.path]).toEqual([ErrorCodes.SPEC_UNIT_MISMATCH, 'blocks.2.usd']);
    expect(usd.message).toContain('in TST; usd is in USD');
    expect(thrown(() => validateSpec(edited((x) => (x.blocks[0].formula = 'exp(TST.liquid)')))).code).toBe(ErrorCodes.SPEC_UNIT_MISMATCH);
  });

  it('a price converts: TST × TST.price is USD; parameters and numbers take any unit; a declared signal unit is checked', () => {
    expect(() => validateSpec(edited((x) => (x.blocks[2].usd = 'TST.liquid * TST.price * 0.001')))).not.toThrow();
    expect(() => validateSpec(edited((x) => (x.blocks[2].usd = 'demand0 * TST.liquid')))).not.toThrow();
    const e = thrown(() =>
      validateSpec(
        edited((x) => {
          x.signals.demandUsd.unit = 'USD/day';
          x.blocks[0].formula = 'TST.liquid';
        }),
      ),
    );
    expect([e.code, e.path]).toEqual([ErrorCodes.SPEC_UNIT_MISMATCH, 'blocks.0.formula']);
  });
});

describe('getPath / setPath', () => {
  it('getPath reads nested fields and array elements', () => {
    const s = base();
    expect(getPath(s, 'params.growth')).toBe(0.1);
    expect(getPath(s, 'blocks.1.to.treasury')).toBe(0.4);
    expect(getPath(s, 'blocks.3.reentry.probability')).toBe(0.1);
    expect(getPath(s, 'assets.TST.accounts.liquid')).toEqual({ initial: 500, tag: 'liquid' });
  });

  it('getPath of a missing segment → SPEC_UNKNOWN_PATH with the full path and the existing fields in the hint', () => {
    const e = thrown(() => getPath(base(), 'params.grwth'));
    expect(e.code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    expect(e.path).toBe('params.grwth');
    expect(e.hint).toContain('growth');
    expect(thrown(() => getPath(base(), 'name.length.x')).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    expect(thrown(() => getPath(base(), '')).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    expect(thrown(() => getPath(base(), '   ')).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
  });

  it('setPath returns a changed deep copy and leaves the input alone', () => {
    const s = base();
    const before = JSON.stringify(s);
    const t = setPath(s, 'params.growth', 0.3);
    expect(getPath(t, 'params.growth')).toBe(0.3);
    expect(getPath(s, 'params.growth')).toBe(0.1);
    expect(JSON.stringify(s)).toBe(before);
    expect(t.params).not.toBe(s.params);
  });

  it('setPath of an unknown leaf throws unless create is true', () => {
    const e = thrown(() => setPath(base(), 'params.sigma', 0.2));
    expect(e.code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    expect(e.path).toBe('params.sigma');
    expect(e.value).toBe(0.2);
    expect(getPath(setPath(base(), 'params.sigma', 0.2, true), 'params.sigma')).toBe(0.2);
  });

  it('setPath with a missing parent or a non-object parent → SPEC_UNKNOWN_PATH, even with create', () => {
    for (const path of ['nope.x', 'params.nope.x', 'name.x', '']) {
      const e = thrown(() => setPath(base(), path, 1, true));
      expect(e.code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
      // the reported path is the one given (as getPath does), not just the missing prefix
      expect(e.path).toBe(path);
    }
    expect(thrown(() => setPath(base(), 'params.nope.x', 1, true)).message).toContain('"nope"');
  });
});

describe('paths cannot reach prototypes', () => {
  it('__proto__, constructor, prototype and length segments are SPEC_UNKNOWN_PATH, and Object.prototype stays clean', () => {
    for (const path of ['__proto__.x', 'params.__proto__.x', 'time.constructor.prototype.x', 'blocks.length', 'constructor']) {
      expect(thrown(() => setPath(base(), path, 1, true)).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
      expect(thrown(() => getPath(base(), path)).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(() => validateSpec(base())).not.toThrow();
  });

  it('inherited properties are not spec fields (toString, hasOwnProperty)', () => {
    expect(thrown(() => getPath(base(), 'params.toString')).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    expect(thrown(() => setPath(base(), 'params.hasOwnProperty', 1)).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
  });
});

describe('units', () => {
  it('perStep converts a rate per period to a rate per step', () => {
    expect(perStep(365, 'year', 'day')).toBeCloseTo(1, 14);
    expect(perStep(12, 'year', 'month')).toBeCloseTo(1, 14);
    expect(perStep(1, 'day', 'week')).toBe(7);
    expect(perStep(24, 'day', 'hour')).toBeCloseTo(1, 14);
    expect(perStep(70, 'week', 'day')).toBeCloseTo(10, 13);
    expect(perStep(5, 'step', 'week')).toBe(5);
    expect(perStep(5, 'step', 'hour')).toBe(5);
    // a month is 365/12 days: 1 per day is 365/12 per month step
    expect(perStep(1, 'day', 'month')).toBeCloseTo(365 / 12, 12);
  });

  it('parseDate: UTC midnight for real dates, NaN for impossible ones', () => {
    expect(parseDate('2024-10-01')).toBe(Date.UTC(2024, 9, 1));
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    for (const bad of ['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-01-00']) {
      expect(parseDate(bad), bad).toBeNaN();
    }
  });

  it('daysBetween / formatDate / addMonths', () => {
    // Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31
    expect(daysBetween('2024-10-01', '2025-08-01')).toBe(31 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 30 + 31);
    expect(daysBetween('2025-08-01', '2024-10-01')).toBe(-304);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(formatDate(Date.UTC(2027, 7, 1))).toBe('2027-08-01');
    expect(formatDate(addMonths(Date.UTC(2024, 0, 31), 1))).toBe('2024-02-29');
    expect(formatDate(addMonths(Date.UTC(2023, 0, 31), 1))).toBe('2023-02-28');
    expect(formatDate(addMonths(Date.UTC(2025, 7, 1), 24))).toBe('2027-08-01');
    expect(formatDate(addMonths(Date.UTC(2024, 10, 15), 3))).toBe('2025-02-15');
  });

  it('offsetDays: calendar years with a start date (2025-08-01 + 2 years = 2027-08-01, across a leap year)', () => {
    const every = { amount: 2, unit: 'year' } as const;
    // 2025-08-01 → 2026-08-01: 365; → 2027-08-01: 365 (no Feb 29 in between)
    expect(offsetDays(0, every, 1, 'day', '2025-08-01')).toBe(365 + 365);
    // → 2028-08-01: 366 (Feb 29 2028); → 2029-08-01: 365
    expect(offsetDays(0, every, 2, 'day', '2025-08-01')).toBe(365 + 365 + 366 + 365);
    // Helium: start 2024-10-01, anchor 2025-08-01 = day 304
    const d1 = offsetDays(304, every, 1, 'day', '2024-10-01');
    expect(d1).toBe(304 + 730);
    expect(formatDate(Date.UTC(2024, 9, 1) + d1 * 86_400_000)).toBe('2027-08-01');
    const d2 = offsetDays(304, every, 2, 'day', '2024-10-01');
    expect(d2).toBe(304 + 1461);
    expect(formatDate(Date.UTC(2024, 9, 1) + d2 * 86_400_000)).toBe('2029-08-01');
    // a leap day between the start and the anchor: 2024-02-01 start, anchor day 29 = 2024-03-01; + 1 year = 2025-03-01
    expect(offsetDays(29, { amount: 1, unit: 'year' }, 1, 'day', '2024-02-01')).toBe(29 + 365);
    // from 2023-08-01 one year crosses Feb 29 2024
    expect(offsetDays(0, { amount: 1, unit: 'year' }, 1, 'day', '2023-08-01')).toBe(366);
  });

  it('offsetDays: calendar months clamp to the month end; without a start date years are 365 days', () => {
    expect(offsetDays(0, { amount: 1, unit: 'month' }, 1, 'day', '2024-01-31')).toBe(29); // → 2024-02-29
    expect(offsetDays(0, { amount: 1, unit: 'month' }, 2, 'day', '2024-01-31')).toBe(31 + 29 + 0); // → 2024-03-31
    expect(offsetDays(10, { amount: 2, unit: 'year' }, 3, 'day')).toBe(10 + 3 * 730);
    expect(offsetDays(0, { amount: 1, unit: 'month' }, 12, 'day')).toBeCloseTo(365, 10);
    // fractional years are not calendar years even with a start
    expect(offsetDays(0, { amount: 1.5, unit: 'year' }, 2, 'day', '2024-01-01')).toBeCloseTo(2 * 1.5 * 365, 10);
    expect(offsetDays(5, { amount: 7, unit: 'day' }, 3, 'day', '2024-01-01')).toBe(26);
  });
});

describe('huge and deeply nested input: coded errors, quickly, never a stack overflow', () => {
  it('formulas: more than 10,000 characters, parentheses deeper than 64, trees deeper than 500 → FORMULA_INVALID', () => {
    const long = edited((s) => (s.blocks[0].formula = Array(5000).fill('growth').join(' + ')));
    expect(thrown(() => validateSpec(long))).toMatchObject({ code: 'FORMULA_INVALID', path: 'blocks.0.formula' });
    const deep = edited((s) => (s.blocks[0].formula = `${'('.repeat(100_000)}1${')'.repeat(100_000)}`.slice(0, 9_000)));
    expect(thrown(() => validateSpec(deep))).toMatchObject({ code: 'FORMULA_INVALID', path: 'blocks.0.formula' });
    const chain = edited((s) => (s.blocks[0].formula = `demand0 + 0 * (${Array(600).fill('growth').join('+')})`));
    const e = thrown(() => validateSpec(chain));
    expect(e).toMatchObject({ code: 'FORMULA_INVALID', path: 'blocks.0.formula' });
    expect(e.message).toContain('more than 500 operations');
    // just inside the bounds it is fine
    expect(() => validateSpec(edited((s) => (s.blocks[0].formula = `demand0 * (1 + growth) ^ years + 0 * (${Array(450).fill('growth').join('+')})`)))).not.toThrow();
  });

  it('more than 10,000 parameters or blocks, 1,000 accounts, 100,000-character names → SPEC_OUT_OF_RANGE; errors list at most 100 issues', () => {
    const params = edited((s) => {
      for (let i = 0; i < 10_001; i++) s.params[`p${i}`] = i;
    });
    expectIssue(params, ErrorCodes.SPEC_OUT_OF_RANGE, 'params', '10003 parameters');
    const blocks = edited((s) => (s.blocks = Array.from({ length: 10_001 }, (_, i) => ({ ...s.blocks[1], id: `b${i}` }))));
    expectIssue(blocks, ErrorCodes.SPEC_OUT_OF_RANGE, 'blocks', '10001 blocks');
    const accounts = edited((s) => {
      for (let i = 0; i < 1_001; i++) s.assets.TST.accounts[`a${i}`] = { tag: 'liquid' };
    });
    expectIssue(accounts, ErrorCodes.SPEC_OUT_OF_RANGE, 'assets.TST.accounts', '1005 accounts');
    expectIssue(
      edited((s) => (s.name = 'x'.repeat(100_001))),
      ErrorCodes.SPEC_OUT_OF_RANGE,
      'name',
      '100001 characters',
    );
    // 9,000 unread parameters: every one reported as unread would be 9,000 issues; the error lists 100 (it took 25 s before)
    const unread = edited((s) => {
      for (let i = 0; i < 9_000; i++) s.params[`p${i}`] = i;
    });
    const e = thrown(() => validateSpec(unread));
    expect(e.code).toBe('SPEC_UNKNOWN_REFERENCE');
    expect(e.issues).toHaveLength(100);
  });
});

describe('names of every JavaScript object are not names of the spec', () => {
  it('an account reference "constructor" or "toString" is unknown, not Object.prototype (the fuzz found "internal: no slot named W.constructor")', () => {
    expectIssue(
      edited((s) => (s.blocks[3].pays.from = 'constructor')),
      ErrorCodes.SPEC_UNKNOWN_REFERENCE,
      'blocks.3.pays.from',
      'constructor',
    );
    expectIssue(
      edited((s) => (s.blocks[1].to = { pool: 0.5, toString: 0.5 })),
      ErrorCodes.SPEC_UNKNOWN_REFERENCE,
      'blocks.1.to.toString',
      'toString',
    );
    expectIssue(
      edited((s) => (s.mainAsset = 'hasOwnProperty')),
      ErrorCodes.SPEC_INVALID_TYPE,
      'mainAsset',
      'hasOwnProperty',
    );
  });

  it('a parameter, signal, asset or account named constructor / __proto__ / valueOf is refused', () => {
    for (const edit of [
      (s: any) => (s.params.constructor = 1),
      (s: any) => (s.signals.valueOf = { initial: 0 }),
      (s: any) => (s.assets.TST.accounts.toString = { tag: 'liquid' }),
      (s: any) => Object.defineProperty(s.params, '__proto__', { value: 1, enumerable: true }),
    ]) {
      expect(() => validateSpec(edited(edit))).toThrow(FlywheelError);
    }
  });
});
