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

/** A small spec that uses most sections (dates, shares over two groups, burn, demand, providers). */
function base(): ModelSpec {
  return {
    specVersion: 1,
    name: 'base',
    token: { symbol: 'TST', initialSupply: 1000, initialCirculating: 500 },
    time: { step: 'day', steps: 10, start: '2024-01-01' },
    groups: { miners: { kind: 'providers' }, treasury: { kind: 'treasury' } },
    emissions: {
      e: { kind: 'fixed', rate: { amount: 100, per: 'day' }, from: '2024-01-03', to: { miners: 0.6, treasury: 0.4 } },
    },
    burn: { kind: 'burnAndMint', share: 0.5 },
    demand: { initial: { amount: 100, per: 'day' }, growth: { rate: 0.1, per: 'year' } },
    price: { kind: 'constant', initial: 1 },
    providers: {
      count: 10,
      cost: { kind: 'constant', value: 1 },
      costPer: 'day',
      window: 7,
      reentry: { probability: 0.1, threshold: 1 },
    },
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
    const v = validateSpec(base());
    expect(v.name).toBe('base');
    expect(v.emissions.e!.to).toEqual({ miners: 0.6, treasury: 0.4 });
    expect(isValidSpec(base())).toBe(true);
  });

  it('accepts shares that sum to one within floating-point error (0.7 + 0.2 + 0.1)', () => {
    const s = edited((x) => {
      x.groups.c = { kind: 'circulating' };
      x.emissions.e.to = { miners: 0.7, treasury: 0.2, c: 0.1 };
    });
    expect(0.7 + 0.2 + 0.1).not.toBe(1); // the point of the tolerance
    expect(() => validateSpec(s)).not.toThrow();
  });

  it('accepts the range bounds themselves (runs 1, seed 0 and 2^32−1, window 1 and 31)', () => {
    for (const [path, v] of [
      ['monteCarlo.runs', 1],
      ['monteCarlo.seed', 0],
      ['monteCarlo.seed', 2 ** 32 - 1],
      ['providers.window', 1],
      ['providers.window', 31],
    ] as const) {
      expect(() => validateSpec(setPath(base(), path, v))).not.toThrow();
    }
  });
});

describe('validateSpec: schema errors', () => {
  it('missing field → SPEC_MISSING_FIELD at its path', () => {
    expectIssue(edited((s) => delete s.token.symbol), ErrorCodes.SPEC_MISSING_FIELD, 'token.symbol', undefined);
    expectIssue(edited((s) => delete s.monteCarlo), ErrorCodes.SPEC_MISSING_FIELD, 'monteCarlo', undefined);
    expectIssue(edited((s) => delete s.providers.reentry.threshold), ErrorCodes.SPEC_MISSING_FIELD, 'providers.reentry.threshold', undefined);
  });

  it('wrong type → SPEC_INVALID_TYPE with the bad value', () => {
    expectIssue(edited((s) => (s.time.steps = 'ten')), ErrorCodes.SPEC_INVALID_TYPE, 'time.steps', 'ten');
    expectIssue(edited((s) => (s.token.initialSupply = '1000')), ErrorCodes.SPEC_INVALID_TYPE, 'token.initialSupply', '1000');
    expectIssue(edited((s) => (s.demand.growth.rate = 'fast')), ErrorCodes.SPEC_INVALID_TYPE, 'demand.growth.rate', 'fast');
    expectIssue(edited((s) => (s.token = 5)), ErrorCodes.SPEC_INVALID_TYPE, 'token', 5);
  });

  it('unknown field at the root → SPEC_UNKNOWN_FIELD at its name', () => {
    expectIssue(edited((s) => (s.foo = 1)), ErrorCodes.SPEC_UNKNOWN_FIELD, 'foo', 1);
  });

  it('unknown nested field → SPEC_UNKNOWN_FIELD at its dotted path', () => {
    expectIssue(edited((s) => (s.demand.grwth = { rate: 0.2 })), ErrorCodes.SPEC_UNKNOWN_FIELD, 'demand.grwth', { rate: 0.2 });
    expectIssue(edited((s) => (s.emissions.e.rate.amt = 3)), ErrorCodes.SPEC_UNKNOWN_FIELD, 'emissions.e.rate.amt', 3);
  });

  it('out of range → SPEC_OUT_OF_RANGE', () => {
    expectIssue(edited((s) => (s.monteCarlo.runs = 0)), ErrorCodes.SPEC_OUT_OF_RANGE, 'monteCarlo.runs', 0);
    expectIssue(edited((s) => (s.monteCarlo.seed = -1)), ErrorCodes.SPEC_OUT_OF_RANGE, 'monteCarlo.seed', -1);
    expectIssue(edited((s) => (s.monteCarlo.seed = 2 ** 32)), ErrorCodes.SPEC_OUT_OF_RANGE, 'monteCarlo.seed', 2 ** 32);
    expectIssue(edited((s) => (s.providers.window = 33)), ErrorCodes.SPEC_OUT_OF_RANGE, 'providers.window', 33);
    expectIssue(edited((s) => (s.burn.share = 1.5)), ErrorCodes.SPEC_OUT_OF_RANGE, 'burn.share', 1.5);
    expectIssue(edited((s) => (s.emissions.e.rate.amount = -1)), ErrorCodes.SPEC_OUT_OF_RANGE, 'emissions.e.rate.amount', -1);
  });

  it('bad enum → SPEC_INVALID_ENUM', () => {
    expectIssue(edited((s) => (s.time.step = 'fortnight')), ErrorCodes.SPEC_INVALID_ENUM, 'time.step', 'fortnight');
    expectIssue(edited((s) => (s.emissions.e.rate.per = 'decade')), ErrorCodes.SPEC_INVALID_ENUM, 'emissions.e.rate.per', 'decade');
    expectIssue(edited((s) => (s.demand.growth.per = 'decade')), ErrorCodes.SPEC_INVALID_ENUM, 'demand.growth.per', 'decade');
  });

  it('unknown emission kind → SPEC_INVALID_ENUM at emissions.<id>.kind with the bad kind as value', () => {
    const e = expectIssue(edited((s) => (s.emissions.e.kind = 'magic')), ErrorCodes.SPEC_INVALID_ENUM, 'emissions.e.kind', 'magic');
    expect(e.path.endsWith('.kind')).toBe(true);
    expect(e.path.split('.').filter((p) => p === 'kind')).toHaveLength(1);
  });

  it('unknown price kind → SPEC_INVALID_ENUM at price.kind', () => {
    expectIssue(edited((s) => (s.price.kind = 'oracle')), ErrorCodes.SPEC_INVALID_ENUM, 'price.kind', 'oracle');
  });

  it('malformed date → SPEC_INVALID_FORMAT at time.start', () => {
    expectIssue(edited((s) => (s.time.start = '2024/01/01')), ErrorCodes.SPEC_INVALID_FORMAT, 'time.start', '2024/01/01');
    expectIssue(edited((s) => (s.time.start = '24-1-1')), ErrorCodes.SPEC_INVALID_FORMAT, 'time.start', '24-1-1');
  });

  it('impossible date 2024-02-30 → SPEC_INVALID_FORMAT at time.start (2024-02-29 is fine)', () => {
    expectIssue(edited((s) => (s.time.start = '2024-02-30')), ErrorCodes.SPEC_INVALID_FORMAT, 'time.start', '2024-02-30');
    expectIssue(edited((s) => (s.time.start = '2023-02-29')), ErrorCodes.SPEC_INVALID_FORMAT, 'time.start', '2023-02-29');
    expect(() => validateSpec(edited((s) => (s.time.start = '2024-02-29')))).not.toThrow();
  });

  it('impossible emission date → SPEC_INVALID_FORMAT at its path', () => {
    expectIssue(edited((s) => (s.emissions.e.from = '2024-04-31')), ErrorCodes.SPEC_INVALID_FORMAT, 'emissions.e.from', '2024-04-31');
  });
});

describe('validateSpec: cross-field errors', () => {
  it('shares not summing to one → SPEC_SHARES_NOT_ONE at emissions.<id>.to', () => {
    expectIssue(edited((s) => (s.emissions.e.to.treasury = 0.3)), ErrorCodes.SPEC_SHARES_NOT_ONE, 'emissions.e.to', { miners: 0.6, treasury: 0.3 });
    expectIssue(edited((s) => (s.emissions.e.to = { miners: 0.6, treasury: 0.6 })), ErrorCodes.SPEC_SHARES_NOT_ONE, 'emissions.e.to', { miners: 0.6, treasury: 0.6 });
  });

  it('unknown group reference → SPEC_UNKNOWN_REFERENCE at emissions.<id>.to.<group>', () => {
    const e = expectIssue(edited((s) => (s.emissions.e.to = { miners: 0.6, nobody: 0.4 })), ErrorCodes.SPEC_UNKNOWN_REFERENCE, 'emissions.e.to.nobody', 'nobody');
    expect(e.hint).toContain('miners');
  });

  it('unknown group in netEmissions.to → SPEC_UNKNOWN_REFERENCE', () => {
    expectIssue(
      edited((s) => (s.burn.netEmissions = { cap: { amount: 1, per: 'day' }, averageOver: 7, to: { ghosts: 1 } })),
      ErrorCodes.SPEC_UNKNOWN_REFERENCE,
      'burn.netEmissions.to.ghosts',
      'ghosts',
    );
  });

  it('circulating above initial supply → SPEC_INCONSISTENT at token.initialCirculating', () => {
    expectIssue(edited((s) => (s.token.initialCirculating = 2000)), ErrorCodes.SPEC_INCONSISTENT, 'token.initialCirculating', 2000);
    // circulating + staked above the supply too
    expectIssue(edited((s) => (s.token.initialStaked = 501)), ErrorCodes.SPEC_INCONSISTENT, 'token.initialCirculating', 500);
    expect(() => validateSpec(edited((s) => (s.token.initialStaked = 500)))).not.toThrow();
  });

  it('initial supply above max supply → SPEC_INCONSISTENT at token.initialSupply', () => {
    expectIssue(edited((s) => (s.token.maxSupply = 999)), ErrorCodes.SPEC_INCONSISTENT, 'token.initialSupply', 1000);
  });

  it('a date without time.start → SPEC_INCONSISTENT at the date', () => {
    expectIssue(edited((s) => delete s.time.start), ErrorCodes.SPEC_INCONSISTENT, 'emissions.e.from', '2024-01-03');
    // a step index instead of a date is fine without a start
    expect(() => validateSpec(edited((s) => { delete s.time.start; s.emissions.e.from = 2; }))).not.toThrow();
  });

  it('price path shorter than steps + 1 → SPEC_OUT_OF_RANGE at price.values (value = its length)', () => {
    const short = Array.from({ length: 10 }, () => 1); // steps = 10 needs 11
    expectIssue(edited((s) => (s.price = { kind: 'path', values: short })), ErrorCodes.SPEC_OUT_OF_RANGE, 'price.values', 10);
    expect(() => validateSpec(edited((s) => (s.price = { kind: 'path', values: [...short, 1] })))).not.toThrow();
  });

  it('burn without demand → SPEC_MISSING_FIELD at demand', () => {
    expectIssue(edited((s) => delete s.demand), ErrorCodes.SPEC_MISSING_FIELD, 'demand', undefined);
  });

  it('capacity-responsive demand without providers → SPEC_MISSING_FIELD at providers', () => {
    expectIssue(
      edited((s) => {
        s.demand.capacity = { elasticity: 0.5 };
        delete s.providers;
      }),
      ErrorCodes.SPEC_MISSING_FIELD,
      'providers',
      undefined,
    );
  });

  it('collects every problem in issues (schema errors together)', () => {
    const e = thrown(() =>
      validateSpec(
        edited((s) => {
          s.monteCarlo.runs = 0;
          s.time.step = 'fortnight';
          s.foo = 1;
        }),
      ),
    );
    const found = e.issues.map((i) => `${i.code}@${i.path}`).sort();
    expect(found).toEqual(['SPEC_INVALID_ENUM@time.step', 'SPEC_OUT_OF_RANGE@monteCarlo.runs', 'SPEC_UNKNOWN_FIELD@foo'].sort());
    expect(e.code).toBe(e.issues[0]!.code);
    expect(e.path).toBe(e.issues[0]!.path);
    expect(e.value).toEqual(e.issues[0]!.value);
    expect(e.hint).toBe(e.issues[0]!.hint);
    for (const i of e.issues) expect(i.hint.length).toBeGreaterThan(0);
    expect(e.message).toContain('and 2 more');
    expect(e.toJSON().issues).toHaveLength(3);
  });

  it('collects every problem in issues (cross-field errors together)', () => {
    const e = thrown(() =>
      validateSpec(
        edited((s) => {
          s.token.initialCirculating = 2000;
          s.emissions.e.to = { miners: 0.5, nowhere: 0.1 };
          delete s.demand;
        }),
      ),
    );
    const found = new Set(e.issues.map((i) => `${i.code}@${i.path}`));
    expect(found).toEqual(
      new Set([
        'SPEC_INCONSISTENT@token.initialCirculating',
        'SPEC_UNKNOWN_REFERENCE@emissions.e.to.nowhere',
        'SPEC_SHARES_NOT_ONE@emissions.e.to',
        'SPEC_MISSING_FIELD@demand',
      ]),
    );
  });
});

describe('getPath / setPath', () => {
  it('getPath reads nested fields and array elements', () => {
    const s = edited((x) => (x.price = { kind: 'path', values: [3, 4, 5] }));
    expect(getPath(s, 'demand.growth.rate')).toBe(0.1);
    expect(getPath(s, 'emissions.e.to.treasury')).toBe(0.4);
    expect(getPath(s, 'price.values.1')).toBe(4);
    expect(getPath(s, 'token')).toEqual({ symbol: 'TST', initialSupply: 1000, initialCirculating: 500 });
  });

  it('getPath of a missing segment → SPEC_UNKNOWN_PATH with the full path and the existing fields in the hint', () => {
    const e = thrown(() => getPath(base(), 'demand.grwth.rate'));
    expect(e.code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    expect(e.path).toBe('demand.grwth.rate');
    expect(e.hint).toContain('growth');
    expect(thrown(() => getPath(base(), 'token.symbol.length')).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    expect(thrown(() => getPath(base(), '')).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    expect(thrown(() => getPath(base(), '   ')).code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
  });

  it('setPath returns a changed deep copy and leaves the input alone', () => {
    const s = base();
    const before = JSON.stringify(s);
    const t = setPath(s, 'demand.growth.rate', 0.3);
    expect(getPath(t, 'demand.growth.rate')).toBe(0.3);
    expect(getPath(s, 'demand.growth.rate')).toBe(0.1);
    expect(JSON.stringify(s)).toBe(before);
    expect(t.token).not.toBe(s.token);
  });

  it('setPath of an unknown leaf throws unless create is true', () => {
    const e = thrown(() => setPath(base(), 'demand.volatility', 0.2));
    expect(e.code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
    expect(e.path).toBe('demand.volatility');
    expect(e.value).toBe(0.2);
    expect(getPath(setPath(base(), 'demand.volatility', 0.2, true), 'demand.volatility')).toBe(0.2);
  });

  it('setPath with a missing parent or a non-object parent → SPEC_UNKNOWN_PATH, even with create', () => {
    for (const path of ['nope.x', 'demand.nope.x', 'token.symbol.x', '']) {
      const e = thrown(() => setPath(base(), path, 1, true));
      expect(e.code).toBe(ErrorCodes.SPEC_UNKNOWN_PATH);
      // the reported path is the one given (as getPath does), not just the missing prefix
      expect(e.path).toBe(path);
    }
    expect(thrown(() => setPath(base(), 'demand.nope.x', 1, true)).message).toContain('"nope"');
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
