// Compiles a parsed formula (@flywheel/spec's parseFormula) to the bytecode that both engines
// interpret: evalFormula in ./evaluate.ts (reference engine) and in
// packages/core-wasm/assembly/formula.ts (wasm engine), with bit-identical results.
//
// Bytecode: i32 words. Value operands are state slots (indexes into one Float64Array state
// vector); constants are put in state slots by the caller's allocator (FormulaEnv). The code of
// one formula ends with OP.END, which returns the single value left on the stack.
//
// Semantics (both interpreters): IEEE f64 + − × ÷; booleans are 1/0 and a value counts as true
// iff it is != 0 (NaN is true); `&&`, `||`, `?:` and `if()` are short-circuit (compiled to JZ/JMP),
// so normal()/uniform() draws in a branch that is not taken are not drawn and the run's random
// stream does not advance for them. Negative literals are constants (-3 is the constant −3).
// With an env that can fold (FormulaEnv.fold), a subexpression of more than one name whose names
// never change during a run (constants, parameters) is computed once at compile time, and one that
// also reads the clock (`t`, `years`) is computed for every step into a table; both are computed
// by the reference interpreter over the subexpression's own bytecode (the same operations in the
// same order, and fexp/flog equal the wasm engine's bit for bit), so folding changes no number.
import * as F from '@flywheel/core-wasm/formula-ops';
import { ErrorCodes, checkFormulaNames, fail, type Formula, type FormulaNode } from '@flywheel/spec';

/**
 * Opcodes of the formula bytecode, as an object: the plain constants of
 * packages/core-wasm/src/formula-ops.ts (OP_END = 0, OP_LOAD = 1, …), which the wasm interpreter
 * uses.
 */
export const OP = {
  END: F.OP_END,
  LOAD: F.OP_LOAD,
  ADD: F.OP_ADD,
  SUB: F.OP_SUB,
  MUL: F.OP_MUL,
  DIV: F.OP_DIV,
  NEG: F.OP_NEG,
  POW: F.OP_POW,
  LT: F.OP_LT,
  LE: F.OP_LE,
  GT: F.OP_GT,
  GE: F.OP_GE,
  EQ: F.OP_EQ,
  NE: F.OP_NE,
  NOT: F.OP_NOT,
  JZ: F.OP_JZ,
  JMP: F.OP_JMP,
  MIN: F.OP_MIN,
  MAX: F.OP_MAX,
  ABS: F.OP_ABS,
  FLOOR: F.OP_FLOOR,
  CEIL: F.OP_CEIL,
  ROUND: F.OP_ROUND,
  EXP: F.OP_EXP,
  LOG: F.OP_LOG,
  LOG2: F.OP_LOG2,
  SQRT: F.OP_SQRT,
  CLAMP: F.OP_CLAMP,
  NORMAL: F.OP_NORMAL,
  UNIFORM: F.OP_UNIFORM,
  TABLE: F.OP_TABLE,
  TLOAD: F.OP_TLOAD,
} as const;

/** Maximum stack depth of a formula (32). */
export const FORMULA_STACK: number = F.FORMULA_STACK;

/** Where a formula's names and constants live in the engine's f64 state vector. */
export interface FormulaEnv {
  /** The state slot of a name (parameter, signal, account…), or undefined if the name is unknown. */
  slotOf(name: string): number | undefined;
  /** A state slot holding `value` (the caller may dedupe). Called only with finite values. */
  constant(value: number): number;
  /** The first of `values.length` consecutive new state slots holding `values` in order (table points x0, y0, x1, y1, …). */
  constants(values: number[]): number;
  /** Optional: all known names, for "did you mean" hints on unknown names. */
  names?(): Iterable<string>;
  /**
   * Optional, with `fold`: how a name's value varies within a run: 'const' (never changes: a
   * parameter, a built-in constant), 'time' (a function of the step alone: `t`, `years`), or
   * 'run' (anything else). Unknown names are 'run'.
   */
  varies?(name: string): 'const' | 'time' | 'run';
  /**
   * Optional: computes a draw-free subexpression ahead of the run. `code` is its own bytecode (from
   * pc 0, ending with END); `time` says whether it reads the clock. Returns the word pair that
   * replaces it: [OP.LOAD, slot] of a constant, or [OP.TLOAD, table] of a per-step table (index t),
   * or undefined to leave it as it is.
   */
  fold?(code: number[], time: boolean): [number, number] | undefined;
}

const BINARY: Readonly<Record<string, number>> = {
  '+': OP.ADD,
  '-': OP.SUB,
  '*': OP.MUL,
  '/': OP.DIV,
  '^': OP.POW,
  '<': OP.LT,
  '<=': OP.LE,
  '>': OP.GT,
  '>=': OP.GE,
  '==': OP.EQ,
  '!=': OP.NE,
};

const UNARY_FN: Readonly<Record<string, number>> = {
  abs: OP.ABS,
  floor: OP.FLOOR,
  ceil: OP.CEIL,
  round: OP.ROUND,
  exp: OP.EXP,
  log: OP.LOG,
  log2: OP.LOG2,
  sqrt: OP.SQRT,
};

/**
 * Compiles a formula to bytecode. Unknown names throw FORMULA_UNKNOWN_NAME (with the column); a
 * formula that would need more than {@link FORMULA_STACK} stack slots throws FORMULA_INVALID.
 * Jump targets are absolute: `base` is the index at which the caller will place the returned
 * words in its code array (default 0).
 *
 * @example
 * ```ts
 * const f = parseFormula('if(x > 1, x * 2, 0)', 'blocks.0.value');
 * const code = compileFormula(f, 'blocks.0.value', env); // [...words, OP.END]
 * evalFormula(Int32Array.from(code), 0, state, rng);
 * ```
 */
export function compileFormula(formula: Formula, path: string, env: FormulaEnv, base = 0): number[] {
  checkFormulaNames(formula, path, (name) => env.slotOf(name) !== undefined, env.names?.());
  return emitFormula(formula, formula.ast, path, env, base, env.fold !== undefined && env.varies !== undefined);
}

const RANK = { const: 0, time: 1, run: 2 } as const;

/** How a subexpression varies within a run: the widest of its names ('run' if it draws). */
function variesOf(n: FormulaNode, env: FormulaEnv, memo: Map<FormulaNode, 'const' | 'time' | 'run'>): 'const' | 'time' | 'run' {
  let v = memo.get(n);
  if (v !== undefined) return v;
  const widest = (xs: FormulaNode[]) => xs.map((x) => variesOf(x, env, memo)).reduce((a, b) => (RANK[a] >= RANK[b] ? a : b), 'const' as 'const' | 'time' | 'run');
  switch (n.type) {
    case 'number':
      v = 'const';
      break;
    case 'name':
      v = env.varies!(n.name);
      break;
    case 'unary':
      v = widest([n.arg]);
      break;
    case 'binary':
      v = widest([n.left, n.right]);
      break;
    case 'conditional':
      v = widest([n.test, n.then, n.else]);
      break;
    case 'table':
      v = widest([n.x]);
      break;
    case 'call':
      v = n.fn === 'normal' || n.fn === 'uniform' ? 'run' : widest(n.args);
      break;
  }
  memo.set(n, v);
  return v;
}

/** The code of one (sub)expression, ending with END; with `fold`, draw-free parts that do not depend on the run are precomputed. */
function emitFormula(formula: Formula, root: FormulaNode, path: string, env: FormulaEnv, base: number, fold: boolean): number[] {
  const code: number[] = [];
  const memo = new Map<FormulaNode, 'const' | 'time' | 'run'>();
  let sp = 0;
  let maxSp = 0;
  let deepAt = 0; // column where the stack first got too deep
  const push = (column: number): void => {
    sp++;
    if (sp > maxSp) {
      maxSp = sp;
      if (sp > FORMULA_STACK && deepAt === 0) deepAt = column;
    }
  };
  const here = (): number => base + code.length;
  const load = (slot: number, column: number): void => {
    code.push(OP.LOAD, slot);
    push(column);
  };
  /** Emits a jump with a placeholder target; returns the index of the target word. */
  const jump = (op: number): number => {
    code.push(op, -1);
    if (op === OP.JZ) sp--;
    return code.length - 1;
  };
  const patch = (at: number): void => {
    code[at] = here();
  };

  const emit = (n: FormulaNode): void => {
    if (fold && n.type !== 'number' && n.type !== 'name' && !(n.type === 'unary' && n.op === '-' && n.arg.type === 'number')) {
      const v = variesOf(n, env, memo);
      if (v !== 'run') {
        const words = env.fold!(emitFormula(formula, n, path, env, 0, false), v === 'time');
        if (words) {
          code.push(words[0], words[1]);
          push(n.column);
          return;
        }
      }
    }
    switch (n.type) {
      case 'number':
        load(env.constant(n.value), n.column);
        return;
      case 'name': {
        const slot = env.slotOf(n.name);
        if (slot === undefined) {
          fail(ErrorCodes.FORMULA_UNKNOWN_NAME, path, formula.source, `unknown name "${n.name}" at column ${n.column}`, 'a formula may use the parameters, signals and accounts of the model');
        }
        load(slot, n.column);
        return;
      }
      case 'unary':
        if (n.op === '-' && n.arg.type === 'number') {
          load(env.constant(-n.arg.value), n.column);
          return;
        }
        emit(n.arg);
        if (n.op === '-') code.push(OP.NEG);
        else if (n.op === '!') code.push(OP.NOT);
        // unary + is the identity
        return;
      case 'binary': {
        if (n.op === '&&' || n.op === '||') {
          const s = sp;
          emit(n.left);
          const toB = jump(OP.JZ);
          if (n.op === '&&') {
            // a && b: a == 0 ? 0 : (b != 0 ? 1 : 0)
            emit(n.right);
            code.push(OP.NOT, OP.NOT);
            const toEnd = jump(OP.JMP);
            patch(toB);
            sp = s;
            load(env.constant(0), n.column);
            patch(toEnd);
          } else {
            // a || b: a != 0 ? 1 : (b != 0 ? 1 : 0)
            load(env.constant(1), n.column);
            const toEnd = jump(OP.JMP);
            patch(toB);
            sp = s;
            emit(n.right);
            code.push(OP.NOT, OP.NOT);
            patch(toEnd);
          }
          sp = s + 1;
          return;
        }
        emit(n.left);
        emit(n.right);
        code.push(BINARY[n.op]!);
        sp--;
        return;
      }
      case 'conditional': {
        const s = sp;
        emit(n.test);
        const toElse = jump(OP.JZ);
        emit(n.then);
        const toEnd = jump(OP.JMP);
        patch(toElse);
        sp = s;
        emit(n.else);
        patch(toEnd);
        sp = s + 1;
        return;
      }
      case 'table': {
        emit(n.x);
        const first = env.constants(n.points.flat());
        code.push(OP.TABLE, n.points.length, first);
        return;
      }
      case 'call': {
        const { fn, args } = n;
        if (fn === 'normal' || fn === 'uniform') {
          code.push(fn === 'normal' ? OP.NORMAL : OP.UNIFORM);
          push(n.column);
          return;
        }
        if (fn === 'min' || fn === 'max') {
          emit(args[0]!);
          for (let i = 1; i < args.length; i++) {
            emit(args[i]!);
            code.push(fn === 'min' ? OP.MIN : OP.MAX);
            sp--;
          }
          return;
        }
        if (fn === 'clamp') {
          emit(args[0]!);
          emit(args[1]!);
          emit(args[2]!);
          code.push(OP.CLAMP);
          sp -= 2;
          return;
        }
        if (fn === 'pow') {
          emit(args[0]!);
          emit(args[1]!);
          code.push(OP.POW);
          sp--;
          return;
        }
        const op = UNARY_FN[fn];
        if (op === undefined || args.length !== 1) {
          fail(ErrorCodes.FORMULA_INVALID, path, formula.source, `unknown function "${fn}" at column ${n.column}`, 'parse the formula with parseFormula');
        }
        emit(args[0]!);
        code.push(op);
        return;
      }
    }
  };

  emit(root);
  code.push(OP.END);
  if (maxSp > FORMULA_STACK) {
    fail(
      ErrorCodes.FORMULA_INVALID,
      path,
      formula.source,
      `formula too deep: it needs ${maxSp} stack slots, at most ${FORMULA_STACK} (at column ${deepAt})`,
      'split the formula into several signals, or nest less (a + (b + (c + …))) deeply',
    );
  }
  return code;
}

/**
 * The stack depth a compiled formula needs (for checks and tests): simulates the code.
 * @example
 * ```ts
 * formulaStackDepth(compileFormula(f, 'p', env)); // ≤ FORMULA_STACK
 * ```
 */
export function formulaStackDepth(code: ArrayLike<number>, pc = 0, base = 0): number {
  // Walk every path (the code is a DAG of forward jumps): depth at each pc.
  const depthAt = new Map<number, number>([[pc, 0]]);
  let max = 0;
  for (let i = pc; i < code.length; ) {
    const d = depthAt.get(i);
    const op = code[i]!;
    if (d === undefined) throw new Error(`unreachable code at ${i}`);
    const next = (at: number, depth: number): void => {
      const seen = depthAt.get(at);
      if (seen !== undefined && seen !== depth) throw new Error(`inconsistent stack depth at ${at}`);
      depthAt.set(at, depth);
    };
    let nd = d;
    let width = 1;
    switch (op) {
      case OP.END:
        return max;
      case OP.LOAD:
      case OP.TLOAD:
      case OP.NORMAL:
      case OP.UNIFORM:
        nd = d + 1;
        width = op === OP.LOAD || op === OP.TLOAD ? 2 : 1;
        break;
      case OP.JZ:
        nd = d - 1;
        width = 2;
        next(code[i + 1]! - base, nd);
        break;
      case OP.JMP:
        next(code[i + 1]! - base, d);
        // the next word is reached only by a jump
        i += 2;
        continue;
      case OP.TABLE:
        width = 3;
        break;
      case OP.CLAMP:
        nd = d - 2;
        break;
      case OP.NEG:
      case OP.NOT:
      case OP.ABS:
      case OP.FLOOR:
      case OP.CEIL:
      case OP.ROUND:
      case OP.EXP:
      case OP.LOG:
      case OP.LOG2:
      case OP.SQRT:
        break;
      default:
        nd = d - 1; // binary operators
    }
    max = Math.max(max, nd);
    next(i + width, nd);
    i += width;
  }
  return max;
}
