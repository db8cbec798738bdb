import jsep from 'jsep';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, FlywheelError, checkFormulaNames, editDistance, parseFormula, type FormulaNode } from '../src/index.js';

/** Fully parenthesised rendering of a tree, to check precedence and associativity. */
function show(n: FormulaNode): string {
  switch (n.type) {
    case 'number':
      return String(n.value);
    case 'name':
      return n.name;
    case 'unary':
      return `(${n.op}${show(n.arg)})`;
    case 'binary':
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case 'conditional':
      return `(${show(n.test)} ? ${show(n.then)} : ${show(n.else)})`;
    case 'call':
      return `${n.fn}(${n.args.map(show).join(', ')})`;
    case 'table':
      return `table(${show(n.x)}, ${JSON.stringify(n.points)})`;
  }
}
const p = (s: string): string => show(parseFormula(s, 'f').ast);

function error(source: string): FlywheelError {
  try {
    parseFormula(source, 'blocks.0.value');
  } catch (e) {
    if (e instanceof FlywheelError) return e;
    throw e;
  }
  throw new Error(`no error for ${source}`);
}
function expectError(source: string, code: string, column: number): FlywheelError {
  const e = error(source);
  expect(e.code, source).toBe(code);
  expect(e.path).toBe('blocks.0.value');
  expect(e.value).toBe(source);
  expect(e.issues[0]!.message, source).toMatch(new RegExp(`column ${column}$`));
  return e;
}

describe('parseFormula: the tree', () => {
  it('precedence and associativity', () => {
    expect(p('a + b * c')).toBe('(a + (b * c))');
    expect(p('a - b - c')).toBe('((a - b) - c)');
    expect(p('a / b * c')).toBe('((a / b) * c)');
    expect(p('2 ^ 3 ^ 2')).toBe('(2 ^ (3 ^ 2))');
    expect(p('a * b ^ c')).toBe('(a * (b ^ c))');
    expect(p('a ^ b * c')).toBe('((a ^ b) * c)');
    expect(p('-x ^ 2')).toBe('(-(x ^ 2))');
    expect(p('(-x) ^ 2')).toBe('((-x) ^ 2)');
    expect(p('2 ^ -x')).toBe('(2 ^ (-x))');
    expect(p('2 ^ -3 ^ 2')).toBe('(2 ^ (-(3 ^ 2)))');
    expect(p('a * -b ^ 2')).toBe('(a * (-(b ^ 2)))');
    expect(p('-a * b')).toBe('((-a) * b)');
    expect(p('a < b == c > d')).toBe('((a < b) == (c > d))');
    expect(p('a || b && c')).toBe('(a || (b && c))');
    expect(p('a + b < c && !d')).toBe('(((a + b) < c) && (!d))');
    expect(p('a ? b : c ? d : e')).toBe('(a ? b : (c ? d : e))');
    expect(p('a || b ? c + 1 : d')).toBe('((a || b) ? (c + 1) : d)');
    expect(p('if(a < 1, b, c)')).toBe('((a < 1) ? b : c)');
    expect(p('+a')).toBe('(+a)');
    expect(p('  ( ( a ) )  ')).toBe('a');
  });

  it('the example formulas of the brief', () => {
    expect(p('demand0 * exp(g * t) * exp(0.3 * normal() - 0.045)')).toBe('((demand0 * exp((g * t))) * exp(((0.3 * normal()) - 0.045)))');
    expect(p('if(bonded / supply < 0.5, rate + step, max(rate - step, 0))')).toBe('(((bonded / supply) < 0.5) ? (rate + step) : max((rate - step), 0))');
  });

  it('numbers, dotted names, functions, table', () => {
    expect(p('1.5e3 + .25 + 2E-2')).toBe('((1500 + 0.25) + 0.02)');
    expect(p('HNT.liquid * HNT.staked.total')).toBe('(HNT.liquid * HNT.staked.total)');
    expect(p('min(a, b, c) + max(a, b) + clamp(x, 0, 1)')).toBe('((min(a, b, c) + max(a, b)) + clamp(x, 0, 1))');
    expect(p('abs(x)+floor(x)+ceil(x)+round(x)+exp(x)+log(x)+log2(x)+sqrt(x)+pow(x, 2)')).toBe(
      '((((((((abs(x) + floor(x)) + ceil(x)) + round(x)) + exp(x)) + log(x)) + log2(x)) + sqrt(x)) + pow(x, 2))',
    );
    expect(p('normal() + uniform ( )')).toBe('(normal() + uniform())');
    expect(p('table(x / 2, [[-1, -2], [0, 0.5], [3, +4], [3, 5]])')).toBe('table((x / 2), [[-1,-2],[0,0.5],[3,4],[3,5]])');
    expect(p('table(x, [[1, 2]])')).toBe('table(x, [[1,2]])');
  });

  it('names: free identifiers in first-use order with 1-based columns, function names excluded', () => {
    const f = parseFormula('if(bonded / supply < 0.5, rate + step, max(rate - step, 0))', 'x');
    expect(f.names).toEqual([
      { name: 'bonded', column: 4 },
      { name: 'supply', column: 13 },
      { name: 'rate', column: 27 },
      { name: 'step', column: 34 },
    ]);
    expect(parseFormula('  -b ^ a + HNT.liquid * b', 'x').names).toEqual([
      { name: 'b', column: 4 },
      { name: 'a', column: 8 },
      { name: 'HNT.liquid', column: 12 },
    ]);
    const g = parseFormula('exp(x) + min(exp, 1)', 'x'); // a function's name may also be a variable
    expect(g.names).toEqual([
      { name: 'x', column: 5 },
      { name: 'exp', column: 14 },
    ]);
  });

  it('columns of nodes', () => {
    const f = parseFormula('a  +  b * c', 'x');
    expect(f.ast).toMatchObject({ type: 'binary', op: '+', column: 4, right: { type: 'binary', op: '*', column: 9 } });
    const g = parseFormula('(a) * (b)', 'x');
    expect(g.ast.column).toBe(5);
  });

  it('leaves jsep as it found it', () => {
    parseFormula('2 ^ 3', 'x');
    try {
      parseFormula('2 ^ ', 'x');
    } catch {
      /* expected */
    }
    expect(jsep.binary_ops['^']).toBe(4);
    expect(jsep.right_associative.has('^')).toBe(false);
    const t = jsep('a ^ b * c') as unknown as { operator: string };
    expect(t.operator).toBe('^'); // xor, lower than *, as jsep defines it
    expect(jsep('a.b').type).toBe('MemberExpression');
  });
});

describe('parseFormula: errors carry the right code and column', () => {
  it('syntax', () => {
    expectError('', ErrorCodes.FORMULA_SYNTAX, 1);
    expectError('   ', ErrorCodes.FORMULA_SYNTAX, 4);
    expectError('a +', ErrorCodes.FORMULA_SYNTAX, 4);
    expectError('a b', ErrorCodes.FORMULA_SYNTAX, 3);
    expectError('a, b', ErrorCodes.FORMULA_SYNTAX, 2);
    expectError('a;', ErrorCodes.FORMULA_SYNTAX, 2);
    expectError('(a + b', ErrorCodes.FORMULA_SYNTAX, 7);
    expectError('a + b)', ErrorCodes.FORMULA_SYNTAX, 6);
    expectError('()', ErrorCodes.FORMULA_SYNTAX, 2);
    expectError('max(a b)', ErrorCodes.FORMULA_SYNTAX, 7);
    expectError('max(a,)', ErrorCodes.FORMULA_SYNTAX, 7);
    expectError('max(,a)', ErrorCodes.FORMULA_SYNTAX, 5);
    expectError('a ? b', ErrorCodes.FORMULA_SYNTAX, 6);
    expectError('2x', ErrorCodes.FORMULA_SYNTAX, 2);
    expectError('a # b', ErrorCodes.FORMULA_SYNTAX, 3);
    expectError('a + é', ErrorCodes.FORMULA_SYNTAX, 5);
    expectError('x.5', ErrorCodes.FORMULA_SYNTAX, 2);
    expectError('$x', ErrorCodes.FORMULA_SYNTAX, 1);
    expectError('f(x)(y)', ErrorCodes.FORMULA_SYNTAX, 5);
    expectError('max(x, 1)(y)', ErrorCodes.FORMULA_SYNTAX, 10);
  });

  it('constructs the language does not have', () => {
    expectError('a % b', ErrorCodes.FORMULA_INVALID, 3);
    expectError('a ** b', ErrorCodes.FORMULA_INVALID, 3);
    expectError('(a)  === b', ErrorCodes.FORMULA_INVALID, 6);
    expectError('a & b', ErrorCodes.FORMULA_INVALID, 3);
    expectError('a | b', ErrorCodes.FORMULA_INVALID, 3);
    expectError('a << 2', ErrorCodes.FORMULA_INVALID, 3);
    expectError('x + ~a', ErrorCodes.FORMULA_INVALID, 5);
    expectError('x + "a"', ErrorCodes.FORMULA_INVALID, 5);
    expectError("x + 'a'", ErrorCodes.FORMULA_INVALID, 5);
    expectError('x + this', ErrorCodes.FORMULA_INVALID, 5);
    expectError('true', ErrorCodes.FORMULA_INVALID, 1);
    expectError('a + [1, 2]', ErrorCodes.FORMULA_INVALID, 5);
    expectError('a[0]', ErrorCodes.FORMULA_SYNTAX, 2);
    expectError('1e999', ErrorCodes.FORMULA_INVALID, 1);
    expect(error('a ** b').hint).toMatch(/\^/);
  });

  it('functions: unknown names and arity', () => {
    const e = expectError('1 + mx(a, b)', ErrorCodes.FORMULA_UNKNOWN_NAME, 5);
    expect(e.hint).toMatch(/max\(\)/);
    expectError('Math.max(a, b)', ErrorCodes.FORMULA_UNKNOWN_NAME, 1);
    expectError('x + min(a)', ErrorCodes.FORMULA_INVALID, 5);
    expectError('max()', ErrorCodes.FORMULA_INVALID, 1);
    expectError('clamp(x, 1)', ErrorCodes.FORMULA_INVALID, 1);
    expectError('abs(x, y)', ErrorCodes.FORMULA_INVALID, 1);
    expectError('normal(1)', ErrorCodes.FORMULA_INVALID, 1);
    expectError('if(a, b)', ErrorCodes.FORMULA_INVALID, 1);
    expectError('pow(2)', ErrorCodes.FORMULA_INVALID, 1);
    expectError('min([1, 2], 3)', ErrorCodes.FORMULA_INVALID, 5);
  });

  it('table points', () => {
    expectError('table(x)', ErrorCodes.FORMULA_INVALID, 1);
    expectError('table(x, y)', ErrorCodes.FORMULA_INVALID, 10);
    expectError('table(x, [])', ErrorCodes.FORMULA_INVALID, 10);
    expectError('table(x, [1, 2])', ErrorCodes.FORMULA_INVALID, 11);
    expectError('table(x, [[1, 2], [3]])', ErrorCodes.FORMULA_INVALID, 19);
    expectError('table(x, [[1, 2], [a, 3]])', ErrorCodes.FORMULA_INVALID, 19);
    expectError('table(x, [[1, 2], [0, 3]])', ErrorCodes.FORMULA_INVALID, 19);
    expectError('table(x, [[1, 2], [2, 1e999]])', ErrorCodes.FORMULA_INVALID, 19);
  });

  it('non-string input', () => {
    expect(() => parseFormula(3 as unknown as string, 'x')).toThrow(expect.objectContaining({ code: ErrorCodes.FORMULA_SYNTAX }));
  });
});

describe('checkFormulaNames', () => {
  const known = new Set(['supply', 'bonded', 'rate', 'step', 'HNT.liquid']);
  const f = parseFormula('bonded / supply + rte * HNT.liqid', 'blocks.1.x');

  it('first unknown name, with its column and close known names', () => {
    let err: FlywheelError | undefined;
    try {
      checkFormulaNames(f, 'blocks.1.x', (n) => known.has(n));
    } catch (e) {
      err = e as FlywheelError;
    }
    expect(err).toBeInstanceOf(FlywheelError);
    expect(err!.code).toBe(ErrorCodes.FORMULA_UNKNOWN_NAME);
    expect(err!.path).toBe('blocks.1.x');
    expect(err!.issues[0]!.message).toBe('unknown name "rte" at column 19');
    expect(err!.hint).toMatch(/"rate"/);
  });

  it('with a candidate list (larger edit distances)', () => {
    const g = parseFormula('x + HNT.liqid', 'p');
    expect(() => checkFormulaNames(g, 'p', (n) => n === 'x' || known.has(n), known)).toThrow(/column 5.*did you mean "HNT\.liquid"/);
    const h = parseFormula('zzzzzz', 'p');
    expect(() => checkFormulaNames(h, 'p', (n) => known.has(n), known)).toThrow(expect.objectContaining({ hint: expect.not.stringMatching(/did you mean/) }));
  });

  it('passes when every name is known', () => {
    expect(() => checkFormulaNames(parseFormula('bonded / supply', 'p'), 'p', (n) => known.has(n))).not.toThrow();
  });

  it('editDistance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('rate', 'rate')).toBe(0);
  });
});

describe('checkFormulaNames: function names used as values', () => {
  it('hints at the call', () => {
    const f = parseFormula('x + normal', 'p');
    expect(() => checkFormulaNames(f, 'p', (n) => n === 'x')).toThrow(expect.objectContaining({ code: ErrorCodes.FORMULA_UNKNOWN_NAME, hint: 'normal is a function: write normal()' }));
    // a model may still define a value of that name
    expect(() => checkFormulaNames(f, 'p', () => true)).not.toThrow();
  });
});

describe('parseFormula: fuzz', () => {
  it('any input either parses or throws a FlywheelError FORMULA_* with a column inside the source', async () => {
    const fc = (await import('fast-check')).default;
    const alphabet = fc.constantFrom(...'ab1.0 +-*/^<>=!&|?:,()[]e"#;~%xy_'.split(''), 'min(', 'table(', 'if(', 'HNT.', '[[', ']]', 'normal()', '**', '==');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')),
        (source) => {
          try {
            const f = parseFormula(source, 'p');
            for (const n of f.names) expect(source.slice(n.column - 1, n.column - 1 + n.name.length)).toBe(n.name);
          } catch (e) {
            if (!(e instanceof FlywheelError)) throw e;
            expect(e.code).toMatch(/^FORMULA_/);
            const m = /column (\d+)$/.exec(e.issues[0]!.message);
            expect(m, e.message).not.toBeNull();
            const col = Number(m![1]);
            expect(col).toBeGreaterThanOrEqual(1);
            expect(col).toBeLessThanOrEqual(source.length + 1);
          }
        },
      ),
      { numRuns: 5000 },
    );
    expect(jsep.binary_ops['^']).toBe(4);
    expect((jsep.hooks as unknown as Record<string, unknown[]>)['gobble-token'] ?? []).toHaveLength(0);
  });
});
