// Unit checking of formulas: dimensional analysis over assets and USD. Time is not a dimension
// here (USD/day and USD per step are both USD: the step converts), and a quantity whose unit is
// not known (a parameter, a number literal, a signal without a declared unit) matches anything,
// so only contradictions between known units are errors: adding HNT to DC, paying a USD field
// with an HNT balance, taking exp() of a balance.
import { ErrorCodes, type FlywheelIssue } from './errors.js';
import type { FormulaNode } from './formula.js';

/** A unit: exponents by dimension (an asset's symbol, or USD); {} is dimensionless; null is unknown. */
export type Dim = Readonly<Record<string, number>> | null;

const TIME = new Set([
  's',
  'second',
  'seconds',
  'hour',
  'hours',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'step',
  'steps',
  'round',
  'rounds',
  'epoch',
  'epochs',
  'block',
  'blocks',
]);

/**
 * Parses a declared unit such as `USD/day`, `HNT`, `USD/HNT`, `bytes` or `1` (time parts are dropped).
 * @example
 * ```ts
 * parseUnit('USD/day'); // { USD: 1 }
 * ```
 */
export function parseUnit(unit: string): Dim {
  const out: Record<string, number> = {};
  const [num = '', ...dens] = unit.split('/');
  const add = (part: string, sign: number) => {
    for (const raw of part.split(/[*·\s]+/)) {
      const sym = raw.trim();
      if (sym === '' || sym === '1' || TIME.has(sym)) continue;
      out[sym] = (out[sym] ?? 0) + sign;
      if (out[sym] === 0) delete out[sym];
    }
  };
  add(num, 1);
  for (const d of dens) add(d, -1);
  return out;
}

/** The unit written out (`USD/HNT`, `1` when dimensionless). */
export function showUnit(d: Dim): string {
  if (d === null) return 'unknown';
  const num = Object.entries(d)
    .filter(([, e]) => e > 0)
    .map(([s, e]) => (e === 1 ? s : `${s}^${e}`));
  const den = Object.entries(d)
    .filter(([, e]) => e < 0)
    .map(([s, e]) => (e === -1 ? s : `${s}^${-e}`));
  return `${num.join('·') || '1'}${den.length ? `/${den.join('·')}` : ''}`;
}

const same = (a: Dim, b: Dim) => a !== null && b !== null && showUnit(a) === showUnit(b);
const combine = (a: Dim, b: Dim, sign: number): Dim => {
  if (a === null || b === null) return null;
  const out: Record<string, number> = { ...a };
  for (const [s, e] of Object.entries(b)) {
    out[s] = (out[s] ?? 0) + sign * e;
    if (out[s] === 0) delete out[s];
  }
  return out;
};

/**
 * The unit of a formula, given the units of its names; pushes an issue for each contradiction
 * between known units (path, the formula, the column).
 */
export function formulaUnit(node: FormulaNode, unitOf: (name: string) => Dim, path: string, source: string, out: FlywheelIssue[]): Dim {
  const clash = (column: number, what: string, a: Dim, b: Dim) =>
    out.push({
      code: ErrorCodes.SPEC_UNIT_MISMATCH,
      path,
      value: source,
      message: `${what} at column ${column}: ${showUnit(a)} against ${showUnit(b)}`,
      hint: 'Convert with a price (e.g. HNT.price turns HNT into USD) or check the names; a parameter or a number literal takes any unit.',
    });
  const agree = (column: number, what: string, dims: Dim[]): Dim => {
    const known = dims.filter((d): d is NonNullable<Dim> => d !== null);
    for (const d of known.slice(1)) if (!same(known[0]!, d)) clash(column, what, known[0]!, d);
    return known[0] ?? null;
  };
  const go = (n: FormulaNode): Dim => {
    switch (n.type) {
      case 'number':
        return null;
      case 'name':
        return unitOf(n.name);
      case 'unary':
        return n.op === '!' ? (go(n.arg), {}) : go(n.arg);
      case 'binary': {
        const a = go(n.left);
        const b = go(n.right);
        switch (n.op) {
          case '+':
          case '-':
            return agree(n.column, `"${n.op}" of different units`, [a, b]);
          case '*':
            return combine(a, b, 1);
          case '/':
            return combine(a, b, -1);
          case '^':
            return a !== null && Object.keys(a).length === 0 ? {} : null;
          case '&&':
          case '||':
            return {};
          default:
            agree(n.column, `"${n.op}" compares different units`, [a, b]);
            return {};
        }
      }
      case 'conditional':
        go(n.test);
        return agree(n.column, 'the branches of a condition have different units', [go(n.then), go(n.else)]);
      case 'table':
        go(n.x);
        return null;
      case 'call': {
        const args = n.args.map(go);
        switch (n.fn) {
          case 'min':
          case 'max':
          case 'clamp':
            return agree(n.column, `${n.fn}() of different units`, args);
          case 'abs':
          case 'floor':
          case 'ceil':
          case 'round':
            return args[0] ?? null;
          case 'exp':
          case 'log':
          case 'log2':
            if (args[0] !== null && args[0] !== undefined && Object.keys(args[0]).length > 0) clash(n.column, `${n.fn}() of a quantity with a unit`, args[0], {});
            return {};
          case 'sqrt': {
            const a = args[0] ?? null;
            if (a === null) return null;
            return Object.fromEntries(Object.entries(a).map(([s, e]) => [s, e / 2]));
          }
          case 'pow':
            return args[0] !== null && args[0] !== undefined && Object.keys(args[0]).length === 0 ? {} : null;
          case 'normal':
          case 'uniform':
            return {};
        }
      }
    }
    return null;
  };
  return go(node);
}
