/**
 * Stable error codes. A code is never renumbered, renamed or reused: tools may match on it.
 * Add new codes at the end of their group.
 */
export const ErrorCodes = {
  /** A spec field has the wrong type (e.g. a string where a number is expected). */
  SPEC_INVALID_TYPE: 'SPEC_INVALID_TYPE',
  /** A spec object has a field the schema does not know. */
  SPEC_UNKNOWN_FIELD: 'SPEC_UNKNOWN_FIELD',
  /** A required spec field is missing. */
  SPEC_MISSING_FIELD: 'SPEC_MISSING_FIELD',
  /** A number is outside its allowed range. */
  SPEC_OUT_OF_RANGE: 'SPEC_OUT_OF_RANGE',
  /** A string is not one of the allowed values (e.g. a period or a kind). */
  SPEC_INVALID_ENUM: 'SPEC_INVALID_ENUM',
  /** A value has the right type but the wrong form (e.g. a malformed date). */
  SPEC_INVALID_FORMAT: 'SPEC_INVALID_FORMAT',
  /** Fields are each valid but contradict each other (e.g. initial balances above the cap, a name defined twice). */
  SPEC_INCONSISTENT: 'SPEC_INCONSISTENT',
  /** Shares that must sum to 1 do not. */
  SPEC_SHARES_NOT_ONE: 'SPEC_SHARES_NOT_ONE',
  /** A name refers to something the spec does not define (e.g. an unknown account), or a parameter no formula reads. */
  SPEC_UNKNOWN_REFERENCE: 'SPEC_UNKNOWN_REFERENCE',
  /** A dotted path given to `set()` or `--set` does not exist in the spec. */
  SPEC_UNKNOWN_PATH: 'SPEC_UNKNOWN_PATH',
  /** A `--set` value could not be parsed. */
  SET_INVALID_VALUE: 'SET_INVALID_VALUE',
  /** The model name is not known. */
  MODEL_UNKNOWN: 'MODEL_UNKNOWN',
  /** A run option (runs, seed, engine, threads...) is invalid. */
  RUN_INVALID_OPTION: 'RUN_INVALID_OPTION',
  /** A metric name is not produced by this model. */
  RESULT_UNKNOWN_METRIC: 'RESULT_UNKNOWN_METRIC',
  /** Per-run paths were asked of a result that did not keep them (run with `keepRuns: true`). */
  RESULT_NO_RUNS: 'RESULT_NO_RUNS',
  /** The WebAssembly module could not be loaded or instantiated. */
  WASM_LOAD_FAILED: 'WASM_LOAD_FAILED',
  /** The engine produced a non-finite number: a bug or an unguarded model; never returned silently. */
  ENGINE_NON_FINITE: 'ENGINE_NON_FINITE',
  /** A command-line argument is invalid. */
  CLI_INVALID_ARGUMENT: 'CLI_INVALID_ARGUMENT',
  /** The run would need more memory than the engine can hold (all per-run values are kept for exact percentiles). */
  RUN_TOO_LARGE: 'RUN_TOO_LARGE',
  /** An exact protocol rule function got an argument of the wrong type or out of its domain (e.g. a negative amount, a number where a bigint is required). */
  RULE_INVALID_ARGUMENT: 'RULE_INVALID_ARGUMENT',
  /** A formula in a spec does not parse (the message gives the column). */
  FORMULA_SYNTAX: 'FORMULA_SYNTAX',
  /** A formula uses a name that is neither a parameter, a signal, an account nor a function. */
  FORMULA_UNKNOWN_NAME: 'FORMULA_UNKNOWN_NAME',
  /** A formula calls a function with the wrong number of arguments, or uses an operator the language does not have. */
  FORMULA_INVALID: 'FORMULA_INVALID',
  /** Blocks of one step depend on each other in a cycle (a signal read before any block of the step writes it, by a block that writes what the writer reads). */
  SPEC_CYCLE: 'SPEC_CYCLE',
  /** An asset's accounts stopped summing to their start: tokens were created or destroyed outside mint and burn (a bug; never returned silently). */
  ENGINE_CONSERVATION: 'ENGINE_CONSERVATION',
  /** A formula combines or assigns quantities of different known units (e.g. HNT plus DC, or an HNT balance where USD is expected). */
  SPEC_UNIT_MISMATCH: 'SPEC_UNIT_MISMATCH',
} as const;

/** One of the stable {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** One problem found in a spec or an option. */
export interface FlywheelIssue {
  /** Stable code, see {@link ErrorCodes}. */
  code: ErrorCode;
  /** Dotted path of the offending field in the spec, e.g. `params.growth`; `''` for the root. */
  path: string;
  /** The offending value (as given). */
  value: unknown;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  hint: string;
}

/**
 * A short description of a value for messages that never throws and never runs the value's own code
 * (no getters, no toString, no proxy traps beyond the one that may throw and is caught):
 * `a Date`, `a Map`, `an instance of Foo`, `a function`, `Symbol(x)`, `10n`, `an object`.
 * @example
 * ```ts
 * describeValue(new Map()); // 'a Map'
 * ```
 */
export function describeValue(value: unknown): string {
  try {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'undefined':
        return 'undefined';
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return value.toString();
      case 'function':
        return 'a function';
      case 'object':
        break;
      default:
        return String(value);
    }
    if (Array.isArray(value)) return 'an array';
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto === null || Object.getPrototypeOf(proto) === null) return 'an object';
    const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
    const name = typeof ctor === 'function' ? (Object.getOwnPropertyDescriptor(ctor, 'name')?.value as unknown) : undefined;
    if (typeof name === 'string' && /^[A-Za-z_$][\w$]{0,60}$/.test(name)) {
      const builtin =
        ['Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'RegExp', 'Promise', 'Number', 'String', 'Boolean', 'ArrayBuffer', 'DataView', 'Error', 'TypeError', 'RangeError'].includes(name) ||
        name.endsWith('Array');
      return builtin ? `a ${name}${['Number', 'String', 'Boolean'].includes(name) ? ' object' : ''}` : `an instance of ${name}`;
    }
    return 'an object';
  } catch {
    return 'an unreadable value';
  }
}

/** `value` if JSON writes it as it is (Infinity and NaN stay numbers), else its {@link describeValue}. */
function jsonValue(value: unknown): unknown {
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return describeValue(value);
  const kind = describeValue(value);
  if (kind !== 'an object' && kind !== 'an array') return kind;
  const plainOnly = (_k: string, v: unknown): unknown => {
    const inner = typeof v === 'object' && v !== null ? describeValue(v) : 'an object';
    if (inner !== 'an object' && inner !== 'an array') throw new TypeError(inner);
    return v;
  };
  try {
    JSON.stringify(value, plainOnly); // throws on a cycle, a BigInt, a getter that throws, a Map inside
    return value;
  } catch {
    return kind;
  }
}

/** Marks a number JSON cannot write (Infinity, NaN) or a BigInt while a value is written, so that it is shown bare. */
const BARE = '\u0001';

/**
 * A bad value as messages show it: JSON, but Infinity, NaN and BigInts as themselves, also inside
 * arrays and objects (`[Infinity]`, not `["Infinity"]` or `[null]`); objects that are not plain
 * data by what they are (`a Map`). Never throws and never runs the value's code. Longer than
 * `maxChars` is cut with `...`.
 * @example
 * ```ts
 * showValue([1e999, 2]); // '[Infinity,2]'
 * ```
 */
export function showValue(value: unknown, maxChars = 80): string {
  const cut = (s: string) => (s.length > maxChars ? `${s.slice(0, maxChars - 3)}...` : s);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // NaN, Infinity: JSON would say null
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return cut(JSON.stringify(value));
    return describeValue(value); // bigint, symbol, function
  }
  const kind = describeValue(value);
  if (kind !== 'an object' && kind !== 'an array') return kind; // a Date, a Map, an instance of Foo: JSON would write {} or run their code
  try {
    const bare = (v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `${BARE}${v}${BARE}` : typeof v === 'bigint' ? `${BARE}${v}n${BARE}` : v);
    const s = JSON.stringify(value, (_k, v: unknown) => bare(v));
    if (typeof s !== 'string') return kind;
    return cut(s.replace(/"\\u0001([^"\\]*)\\u0001"/g, '$1'));
  } catch {
    return kind; // a cycle, a getter that throws, nesting too deep for JSON
  }
}

/**
 * The one error type Flywheel throws for bad input. It carries a stable `code`, the dotted `path`
 * of the bad field, the bad `value` and a `hint`; `issues` lists every problem found (the first
 * one is mirrored in the top-level fields).
 *
 * @example
 * ```ts
 * import { FlywheelError, validateSpec } from '@flywheel/spec';
 * try { validateSpec({}) } catch (e) {
 *   if (e instanceof FlywheelError) console.log(e.code, e.path, e.hint);
 * }
 * ```
 */
export class FlywheelError extends Error {
  override name = 'FlywheelError';
  readonly code: ErrorCode;
  readonly path: string;
  readonly value: unknown;
  readonly hint: string;
  readonly issues: readonly FlywheelIssue[];

  constructor(issues: FlywheelIssue | readonly FlywheelIssue[]) {
    const list = Array.isArray(issues) ? (issues as readonly FlywheelIssue[]) : [issues as FlywheelIssue];
    const first = list[0];
    if (!first) throw new TypeError('FlywheelError needs at least one issue');
    const more = list.length > 1 ? ` (and ${list.length - 1} more)` : '';
    super(`${first.code} at ${first.path || '(root)'}: ${first.message} (got ${showValue(first.value)}). Hint: ${first.hint}${more}`);
    this.code = first.code;
    this.path = first.path;
    this.value = first.value;
    this.hint = first.hint;
    this.issues = list;
  }

  /**
   * A plain object for JSON output (CLI, workers). A value JSON cannot write as it is (a BigInt, a
   * symbol, a function, a Date, a Map, a class instance, a cycle) is given as its description
   * (`10n`, `a Map`), so that `JSON.stringify(error)` never throws.
   */
  toJSON(): { code: ErrorCode; path: string; value: unknown; message: string; hint: string; issues: readonly FlywheelIssue[] } {
    return { code: this.code, path: this.path, value: jsonValue(this.value), message: this.message, hint: this.hint, issues: this.issues.map((i) => ({ ...i, value: jsonValue(i.value) })) };
  }
}

/** Shorthand to build and throw a single-issue {@link FlywheelError}. */
export function fail(code: ErrorCode, path: string, value: unknown, message: string, hint: string): never {
  throw new FlywheelError({ code, path, value, message, hint });
}
