// The formula language of engine v2: parsing (with jsep) and checking. No evaluation here: the
// SDK compiles a checked formula to bytecode (packages/sdk/src/formula/) that the wasm engine and
// the reference engine interpret with identical results.
//
// Grammar (lowest precedence first):
//   c ? a : b                      conditional (right-associative)
//   ||   &&                        logical, short-circuit, 1/0
//   == !=   < <= > >=              comparisons, 1/0
//   + -   * /                      arithmetic (IEEE f64)
//   - + !                          unary prefix operators
//   ^                              power, right-associative, binds tighter than unary minus:
//                                  -x^2 = -(x^2), 2^-1 = 0.5, 2^3^2 = 2^9
//   numbers, names (dotted names like HNT.liquid are one name), (…), function calls
//
// Functions: min(a, b, …), max(a, b, …), clamp(x, lo, hi) = min(max(x, lo), hi), abs, floor, ceil,
// round(x) = floor(x + 0.5), exp, log, log2, sqrt, pow(x, y) (= x ^ y), if(c, a, b) (= c ? a : b),
// normal(), uniform() (draws of the run's random stream), table(x, [[x0, y0], [x1, y1], …])
// (piecewise-linear through literal points with x non-decreasing; constant outside; a repeated x
// makes a step). Columns are 1-based character offsets into the source.
//
// The numbers (engines' semantics, see packages/sdk/src/formula/compile.ts): IEEE f64 arithmetic;
// exp/log are the engines' deterministic fexp/flog; x ^ y = fexp(y·flog(x)) for x > 0, 0 for x = 0
// and y > 0, NaN otherwise (so (-2) ^ 2 is NaN); booleans are 1/0 and a value is true iff != 0;
// &&, ||, ?: and if() evaluate only the branch they need (draws in the other branch do not happen).
import jsep from 'jsep';
import { ErrorCodes, fail, type ErrorCode } from './errors.js';

/** Unary operators of the formula language. */
export type FormulaUnaryOp = '-' | '+' | '!';
/** Binary operators of the formula language. */
export type FormulaBinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';
/** Functions of the formula language (`if` becomes a `conditional` node, `table` a `table` node). */
export type FormulaFunction = 'min' | 'max' | 'clamp' | 'abs' | 'floor' | 'ceil' | 'round' | 'exp' | 'log' | 'log2' | 'sqrt' | 'pow' | 'normal' | 'uniform';

/** A node of a parsed formula. `column` is 1-based (for operators: the operator's column). */
export type FormulaNode =
  | { type: 'number'; value: number; column: number }
  | { type: 'name'; name: string; column: number }
  | { type: 'unary'; op: FormulaUnaryOp; arg: FormulaNode; column: number }
  | { type: 'binary'; op: FormulaBinaryOp; left: FormulaNode; right: FormulaNode; column: number }
  | { type: 'conditional'; test: FormulaNode; then: FormulaNode; else: FormulaNode; column: number }
  | { type: 'call'; fn: FormulaFunction; args: FormulaNode[]; column: number }
  | { type: 'table'; x: FormulaNode; points: [number, number][]; column: number };

/** A parsed formula: its source, its tree and its free names (first use first, 1-based columns). */
export interface Formula {
  source: string;
  ast: FormulaNode;
  names: { name: string; column: number }[];
}

/** Number of arguments of each function: [min, max] (max = Infinity for variadic). */
export const FORMULA_FUNCTIONS: Readonly<Record<FormulaFunction | 'if' | 'table', readonly [number, number]>> = {
  min: [2, Infinity],
  max: [2, Infinity],
  clamp: [3, 3],
  abs: [1, 1],
  floor: [1, 1],
  ceil: [1, 1],
  round: [1, 1],
  exp: [1, 1],
  log: [1, 1],
  log2: [1, 1],
  sqrt: [1, 1],
  pow: [2, 2],
  if: [3, 3],
  normal: [0, 0],
  uniform: [0, 0],
  table: [2, 2],
};

const BINARY_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!=', '&&', '||']);
const BINARY_HINTS: Readonly<Record<string, string>> = {
  '**': 'write powers with ^ (x ^ y) or pow(x, y)',
  '===': 'use ==',
  '!==': 'use !=',
  '&': 'use && (logical and)',
  '|': 'use || (logical or)',
  '%': 'the language has no remainder operator; use x - y * floor(x / y)',
  '??': 'the language has no ?? operator; use if(c, a, b)',
  '<<': 'the language has no shift operators',
  '>>': 'the language has no shift operators',
  '>>>': 'the language has no shift operators',
};
const RESERVED: ReadonlySet<string> = new Set(['this', 'null', 'true', 'false', 'undefined']);

// ---- jsep setup ---------------------------------------------------------------------------
// jsep's configuration is global; the formula syntax is switched on only for the duration of one
// (synchronous) parse and restored afterwards, so other users of jsep in the process see no change.

interface Positioned {
  type: string;
  start: number; // 0-based index of the first character
  end: number; // 0-based index after the last character
  [key: string]: unknown;
}

/** Thrown from inside the jsep hooks; turned into a FlywheelError by parseFormula. */
class ParseIssue {
  constructor(
    readonly code: ErrorCode,
    readonly index: number,
    readonly message: string,
    readonly hint: string,
  ) {}
}

type Scope = jsep.HookScope & { index: number; gobbleNumericLiteral(): jsep.Expression };

const CH_OPEN = 40; // (
const CH_CLOSE = 41; // )
const CH_COMMA = 44; // ,
const CH_DOT = 46; // .
const CH_OBRACK = 91; // [
const CH_CBRACK = 93; // ]

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNamePart = (c: number): boolean => isNameStart(c) || isDigit(c);

// Characters that may legitimately be seen where a token is expected without starting one (jsep
// then reports its own error or closes a list) plus whitespace; anything else that is not handled
// below is rejected with a precise column.
const NON_TOKEN = new Set([')', ']', ',', ':', '?', '*', '/', '^', '<', '>', '=', '&', '|']);

function gobbleList(scope: Scope, close: number, what: string): jsep.Expression[] {
  const items: jsep.Expression[] = [];
  scope.gobbleSpaces();
  if (scope.code === close) {
    scope.index++;
    return items;
  }
  for (;;) {
    const item = scope.gobbleExpression();
    if (!item) scope.throwError(`Expected ${what}`);
    items.push(item);
    scope.gobbleSpaces();
    if (scope.code === CH_COMMA) {
      scope.index++;
      continue;
    }
    if (scope.code === close) {
      scope.index++;
      return items;
    }
    scope.throwError(`Expected "," or "${String.fromCharCode(close)}"`);
  }
}

function gobbleToken(this: jsep.HookScope, env: { node?: jsep.Expression }): void {
  const scope: Scope = this as Scope;
  const start = scope.index;
  const ch = scope.char;
  const c = scope.code;
  if (start >= scope.expr.length) return;
  let node: Positioned;
  if (isDigit(c) || c === CH_DOT) {
    node = scope.gobbleNumericLiteral() as unknown as Positioned;
  } else if (isNameStart(c)) {
    scope.index++;
    for (;;) {
      while (isNamePart(scope.code)) scope.index++;
      if (scope.code === CH_DOT && isNameStart(scope.expr.charCodeAt(scope.index + 1))) scope.index += 2;
      else break;
    }
    const name = scope.expr.slice(start, scope.index);
    if (RESERVED.has(name)) {
      throw new ParseIssue(ErrorCodes.FORMULA_INVALID, start, `"${name}" is not allowed in a formula`, 'use numbers (1 and 0 for true and false) and names of parameters, signals or accounts');
    }
    const nameEnd = scope.index;
    scope.gobbleSpaces();
    if (scope.code === CH_OPEN) {
      scope.index++;
      const args = gobbleList(scope, CH_CLOSE, 'an argument');
      node = { type: 'CallExpression', callee: { type: 'Identifier', name, start, end: nameEnd }, arguments: args, start, end: scope.index };
    } else {
      scope.index = nameEnd;
      node = { type: 'Identifier', name, start, end: nameEnd };
    }
  } else if (c === CH_OPEN) {
    scope.index++;
    const inner = scope.gobbleExpression();
    if (!inner) scope.throwError('Expected an expression');
    scope.gobbleSpaces();
    if (scope.code !== CH_CLOSE) scope.throwError('Expected ")"');
    scope.index++;
    node = { type: 'Group', expression: inner, start, end: scope.index };
  } else if (c === CH_OBRACK) {
    scope.index++;
    const elements = gobbleList(scope, CH_CBRACK, 'an element');
    node = { type: 'ArrayExpression', elements, start, end: scope.index };
  } else if (ch === '-' || ch === '+' || ch === '!') {
    scope.index++;
    const argument = scope.gobbleToken() as Positioned | false | undefined;
    if (!argument) scope.throwError(`Expected an operand after ${ch}`);
    node = { type: 'UnaryExpression', operator: ch, argument, prefix: true, start, end: argument.end };
  } else if (ch === '"' || ch === "'" || ch === '`') {
    throw new ParseIssue(ErrorCodes.FORMULA_INVALID, start, 'strings are not allowed in a formula', 'formulas compute numbers: use numbers and names');
  } else if (ch === '~') {
    throw new ParseIssue(ErrorCodes.FORMULA_INVALID, start, 'the operator ~ is not in the language', 'use - (negation) or ! (logical not)');
  } else if (NON_TOKEN.has(ch) || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
    return; // jsep reports what is missing
  } else {
    scope.throwError(`Unexpected character "${ch}"`);
  }
  node.start = start;
  if (typeof node.end !== 'number') node.end = scope.index;
  env.node = node as unknown as jsep.Expression;
}

interface JsepParser {
  index: number;
  gobbleExpression(): jsep.Expression | false | undefined;
  gobbleSpaces(): void;
}

function withFormulaSyntax<T>(fn: () => T): T {
  const ops = jsep.binary_ops;
  const hadCaret = Object.hasOwn(ops, '^');
  const caretPrec = ops['^'];
  const caretRight = jsep.right_associative.has('^');
  jsep.addBinaryOp('^', 11, true);
  jsep.hooks.add('gobble-token', gobbleToken, true);
  try {
    return fn();
  } finally {
    const list = (jsep.hooks as unknown as Record<string, jsep.HookCallback[] | undefined>)['gobble-token'];
    const at = list ? list.indexOf(gobbleToken) : -1;
    if (list && at >= 0) list.splice(at, 1);
    if (hadCaret && caretPrec !== undefined) jsep.addBinaryOp('^', caretPrec, caretRight);
    else jsep.removeBinaryOp('^');
  }
}

// ---- Conversion -----------------------------------------------------------------------------

interface Ctx {
  source: string;
  path: string;
  names: Map<string, number>;
}

function issue(ctx: Ctx, code: ErrorCode, index: number, message: string, hint: string): never {
  fail(code, ctx.path, ctx.source, `${message} at column ${index + 1}`, hint);
}

function startOf(n: jsep.Expression): number {
  const p = n as unknown as Positioned;
  if (typeof p.start === 'number') return p.start;
  if (n.type === 'BinaryExpression') return startOf(n.left as jsep.Expression);
  if (n.type === 'ConditionalExpression') return startOf(n.test as jsep.Expression);
  return 0;
}

function endOf(n: jsep.Expression): number {
  const p = n as unknown as Positioned;
  if (n.type === 'BinaryExpression') return endOf(n.right as jsep.Expression);
  if (n.type === 'ConditionalExpression') return endOf(n.alternate as jsep.Expression);
  if (typeof p.end === 'number') return p.end;
  return 0;
}

function skipSpaces(source: string, i: number): number {
  // the whitespace jsep skips: space, tab, LF, CR
  for (let c = source.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = source.charCodeAt(++i));
  return i;
}

function literalNumber(n: jsep.Expression | null): number | undefined {
  if (!n) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
  if (n.type === 'UnaryExpression' && (n.operator === '-' || n.operator === '+')) {
    const v = literalNumber(n.argument as jsep.Expression);
    return v === undefined ? undefined : n.operator === '-' ? -v : v;
  }
  return undefined;
}

function convertTable(ctx: Ctx, args: jsep.Expression[], column: number): FormulaNode {
  const x = convert(ctx, args[0]!);
  const arr = args[1]!;
  const hint = 'write table(x, [[x0, y0], [x1, y1], ...]) with literal numbers, x ascending';
  if (arr.type !== 'ArrayExpression') issue(ctx, ErrorCodes.FORMULA_INVALID, startOf(arr), 'the second argument of table() must be a list of points', hint);
  const elements = arr.elements as (jsep.Expression | null)[];
  if (elements.length === 0) issue(ctx, ErrorCodes.FORMULA_INVALID, startOf(arr), 'table() needs at least one point', hint);
  const points: [number, number][] = [];
  for (const e of elements) {
    const at = e ? startOf(e) : startOf(arr);
    if (e?.type !== 'ArrayExpression' || (e.elements as unknown[]).length !== 2) {
      issue(ctx, ErrorCodes.FORMULA_INVALID, at, 'each point of table() must be a pair [x, y]', hint);
    }
    const [ex, ey] = e.elements as (jsep.Expression | null)[];
    const px = literalNumber(ex ?? null);
    const py = literalNumber(ey ?? null);
    if (px === undefined || py === undefined) issue(ctx, ErrorCodes.FORMULA_INVALID, at, 'the points of table() must be literal numbers', hint);
    if (!Number.isFinite(px) || !Number.isFinite(py)) issue(ctx, ErrorCodes.FORMULA_INVALID, at, 'the points of table() must be finite', hint);
    const prev = points[points.length - 1];
    if (prev && px < prev[0]) issue(ctx, ErrorCodes.FORMULA_INVALID, at, `the x values of table() must be ascending (${px} after ${prev[0]})`, hint);
    points.push([px, py]);
  }
  return { type: 'table', x, points, column };
}

function convert(ctx: Ctx, n: jsep.Expression): FormulaNode {
  const start = startOf(n);
  const column = start + 1;
  switch (n.type) {
    case 'Literal': {
      if (typeof n.value !== 'number') issue(ctx, ErrorCodes.FORMULA_INVALID, start, 'only numbers are allowed as literals', 'use numbers');
      if (!Number.isFinite(n.value)) issue(ctx, ErrorCodes.FORMULA_INVALID, start, `the number ${String(n.raw)} is out of range`, 'use a finite number');
      return { type: 'number', value: n.value, column };
    }
    case 'Identifier': {
      const name = n.name as string;
      if (!ctx.names.has(name)) ctx.names.set(name, column);
      return { type: 'name', name, column };
    }
    case 'Group':
      return convert(ctx, n.expression as jsep.Expression);
    case 'UnaryExpression': {
      const op = n.operator as FormulaUnaryOp;
      return { type: 'unary', op, arg: convert(ctx, n.argument as jsep.Expression), column };
    }
    case 'BinaryExpression': {
      const op = n.operator as string;
      const left = n.left as jsep.Expression;
      const right = n.right as jsep.Expression;
      const opIndex = skipSpaces(ctx.source, endOf(left));
      if (!BINARY_OPS.has(op)) {
        issue(ctx, ErrorCodes.FORMULA_INVALID, opIndex, `the operator ${op} is not in the language`, BINARY_HINTS[op] ?? 'operators: + - * / ^ < <= > >= == != && ||');
      }
      if (op === '^' && left.type === 'UnaryExpression') {
        // Unary operators bind more loosely than ^: -x^2 = -(x^2).
        const inner = { type: 'BinaryExpression', operator: '^', left: left.argument, right } as unknown as jsep.Expression;
        const rewritten = { ...left, argument: inner, end: endOf(right) } as unknown as jsep.Expression;
        return convert(ctx, rewritten);
      }
      return { type: 'binary', op: op as FormulaBinaryOp, left: convert(ctx, left), right: convert(ctx, right), column: opIndex + 1 };
    }
    case 'ConditionalExpression':
      return {
        type: 'conditional',
        test: convert(ctx, n.test as jsep.Expression),
        then: convert(ctx, n.consequent as jsep.Expression),
        else: convert(ctx, n.alternate as jsep.Expression),
        column,
      };
    case 'CallExpression': {
      const name = (n.callee as jsep.Identifier).name;
      const args = n.arguments as jsep.Expression[];
      const arity = Object.hasOwn(FORMULA_FUNCTIONS, name) ? FORMULA_FUNCTIONS[name as keyof typeof FORMULA_FUNCTIONS] : undefined;
      if (!arity) {
        const close = closeNames(name, Object.keys(FORMULA_FUNCTIONS));
        issue(
          ctx,
          ErrorCodes.FORMULA_UNKNOWN_NAME,
          start,
          `unknown function "${name}"`,
          close.length ? `did you mean ${close.map((s) => `${s}()`).join(', ')}?` : `functions: ${Object.keys(FORMULA_FUNCTIONS).join(', ')}`,
        );
      }
      const [lo, hi] = arity;
      if (args.length < lo || args.length > hi) {
        const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`;
        issue(ctx, ErrorCodes.FORMULA_INVALID, start, `${name}() takes ${want} argument${lo === 1 && hi === 1 ? '' : 's'}, got ${args.length}`, `write ${usage(name)}`);
      }
      if (name === 'table') return convertTable(ctx, args, column);
      for (const a of args) {
        if (a.type === 'ArrayExpression') issue(ctx, ErrorCodes.FORMULA_INVALID, startOf(a), 'lists are only allowed as the points of table()', `write ${usage(name)}`);
      }
      const converted = args.map((a) => convert(ctx, a));
      if (name === 'if') return { type: 'conditional', test: converted[0]!, then: converted[1]!, else: converted[2]!, column };
      return { type: 'call', fn: name as FormulaFunction, args: converted, column };
    }
    case 'ArrayExpression':
      issue(ctx, ErrorCodes.FORMULA_INVALID, start, 'lists are only allowed as the points of table()', 'write table(x, [[x0, y0], [x1, y1], ...])');
    // falls through (issue never returns)
    default:
      issue(ctx, ErrorCodes.FORMULA_INVALID, start, `unsupported expression (${n.type})`, 'use numbers, names, operators and the functions of the language');
  }
}

function usage(name: string): string {
  switch (name) {
    case 'min':
    case 'max':
      return `${name}(a, b, ...)`;
    case 'clamp':
      return 'clamp(x, lo, hi)';
    case 'pow':
      return 'pow(x, y)';
    case 'if':
      return 'if(condition, then, else)';
    case 'normal':
    case 'uniform':
      return `${name}()`;
    case 'table':
      return 'table(x, [[x0, y0], [x1, y1], ...])';
    default:
      return `${name}(x)`;
  }
}

/**
 * Parses a formula. Throws a {@link FlywheelError} with code FORMULA_SYNTAX (does not parse),
 * FORMULA_INVALID (an operator, literal or construct the language does not have, or a function
 * with the wrong number of arguments) or FORMULA_UNKNOWN_NAME (unknown function); the message
 * gives the 1-based column. `path` is the spec path of the formula, for the error.
 *
 * @example
 * ```ts
 * const f = parseFormula('if(bonded / supply < 0.5, rate + step, max(rate - step, 0))', 'blocks.0.rate');
 * f.names; // [{ name: 'bonded', column: 4 }, { name: 'supply', column: 13 }, ...]
 * ```
 */
/** The longest formula accepted, in characters. */
export const MAX_FORMULA_CHARS = 10_000;
/** The deepest nesting of parentheses and brackets accepted. */
export const MAX_FORMULA_DEPTH = 64;
/** The deepest formula tree accepted (a + b + c + … nests one level per operator). */
export const MAX_FORMULA_TREE_DEPTH = 500;

export function parseFormula(source: string, path: string): Formula {
  if (typeof source !== 'string') fail(ErrorCodes.FORMULA_SYNTAX, path, source, 'a formula must be a string', 'write the formula as a string, e.g. "a * b + 1"');
  const ctx: Ctx = { source, path, names: new Map() };
  // bounds that keep parsing and compiling far from the call-stack limit (a raw RangeError before)
  if (source.length > MAX_FORMULA_CHARS)
    fail(
      ErrorCodes.FORMULA_INVALID,
      path,
      `${source.slice(0, 40)}… (${source.length} characters)`,
      `a formula may have at most ${MAX_FORMULA_CHARS} characters`,
      'split it into signals (a signal block computes a part, the formula reads the signal), or use table() for a long piecewise curve',
    );
  for (let i = 0, depth = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 40 || c === 91) {
      if (++depth > MAX_FORMULA_DEPTH) issue(ctx, ErrorCodes.FORMULA_INVALID, i, `parentheses nested deeper than ${MAX_FORMULA_DEPTH}`, 'flatten the expression or split it into signals');
    } else if (c === 41 || c === 93) depth--;
  }
  const first = skipSpaces(source, 0);
  if (first >= source.length) issue(ctx, ErrorCodes.FORMULA_SYNTAX, first, 'empty formula', 'write an expression, e.g. "a * b + 1"');
  let tree: jsep.Expression;
  try {
    tree = withFormulaSyntax(() => {
      const Parser = (jsep as unknown as { Jsep: new (expr: string) => JsepParser }).Jsep;
      const p = new Parser(source);
      const node = p.gobbleExpression();
      p.gobbleSpaces();
      if (!node || p.index < source.length) {
        const ch = source[p.index];
        throw new ParseIssue(
          ErrorCodes.FORMULA_SYNTAX,
          p.index,
          ch === undefined ? 'unexpected end of formula' : `unexpected "${ch}"`,
          node ? 'expected an operator or the end of the formula' : 'expected a number, a name, "(" or a function call',
        );
      }
      return node;
    });
  } catch (e) {
    if (e instanceof ParseIssue) issue(ctx, e.code, e.index, e.message, e.hint);
    const je = e as { index?: unknown; description?: unknown };
    if (typeof je.index === 'number') {
      const desc = typeof je.description === 'string' ? je.description : String(e);
      issue(ctx, ErrorCodes.FORMULA_SYNTAX, Math.min(je.index, source.length), desc.charAt(0).toLowerCase() + desc.slice(1), 'check the operators and parentheses near that column');
    }
    throw e;
  }
  // the tree's depth, without recursion: a chain of 2,500 "+" overflowed the compiler's stack
  const stack: [jsep.Expression, number][] = [[tree, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_FORMULA_TREE_DEPTH)
      issue(
        ctx,
        ErrorCodes.FORMULA_INVALID,
        startOf(node),
        `more than ${MAX_FORMULA_TREE_DEPTH} operations nested in one another`,
        'split the formula into signals (a signal block computes a part, the formula reads the signal)',
      );
    // every child, whatever jsep calls it (left, right, argument, arguments, expressions, …)
    for (const v of Object.values(node as unknown as Record<string, unknown>)) {
      for (const child of Array.isArray(v) ? v : [v]) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') stack.push([child as jsep.Expression, depth + 1]);
      }
    }
  }
  const ast = convert(ctx, tree);
  const names = [...ctx.names].map(([name, column]) => ({ name, column })).sort((a, b) => a.column - b.column);
  return { source, ast, names };
}

// ---- Names ---------------------------------------------------------------------------------

/** Levenshtein distance (small strings). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[n]!;
}

function closeNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const maxD = Math.max(1, Math.floor(name.length / 3));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d <= maxD) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return scored.slice(0, limit).map(([c]) => c);
}

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.';

/** Names one edit away from `name` (deletion, transposition, substitution, insertion) that `known` accepts. */
function oneEditAway(name: string, known: (name: string) => boolean, limit = 3): string[] {
  const out = new Set<string>();
  const tryName = (s: string): void => {
    if (out.size < limit && s !== name && s.length > 0 && known(s)) out.add(s);
  };
  for (let i = 0; i < name.length; i++) tryName(name.slice(0, i) + name.slice(i + 1));
  for (let i = 0; i + 1 < name.length; i++) tryName(name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2));
  for (let i = 0; i < name.length; i++) for (const c of NAME_CHARS) tryName(name.slice(0, i) + c + name.slice(i + 1));
  for (let i = 0; i <= name.length; i++) for (const c of NAME_CHARS) tryName(name.slice(0, i) + c + name.slice(i));
  return [...out];
}

/**
 * Checks that every free name of a formula is known. Throws FORMULA_UNKNOWN_NAME with the column
 * of the first unknown name (in source order) and, in the hint, a few known names that are close
 * to it: from `candidates` (edit distance up to a third of the length) if given, otherwise the
 * names one edit away that `known` accepts.
 *
 * @example
 * ```ts
 * const f = parseFormula('supplly * 2', 'blocks.0.x');
 * checkFormulaNames(f, 'blocks.0.x', (n) => n === 'supply'); // throws: unknown name "supplly" at column 1; did you mean "supply"?
 * ```
 */
export function checkFormulaNames(formula: Formula, path: string, known: (name: string) => boolean, candidates?: Iterable<string>): void {
  for (const { name, column } of formula.names) {
    if (known(name)) continue;
    const close = candidates ? closeNames(name, candidates) : oneEditAway(name, known);
    if (Object.hasOwn(FORMULA_FUNCTIONS, name)) {
      fail(ErrorCodes.FORMULA_UNKNOWN_NAME, path, formula.source, `unknown name "${name}" at column ${column}`, `${name} is a function: write ${usage(name)}`);
    }
    fail(
      ErrorCodes.FORMULA_UNKNOWN_NAME,
      path,
      formula.source,
      `unknown name "${name}" at column ${column}`,
      close.length ? `did you mean ${close.map((c) => `"${c}"`).join(', ')}?` : 'a formula may use the parameters, signals and accounts of the model, and the functions of the language',
    );
  }
}
