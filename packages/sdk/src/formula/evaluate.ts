// The reference engine's formula interpreter: the same semantics, operation by operation, as
// packages/core-wasm/assembly/formula.ts (the wasm engine's), so the two give identical bits.
// Code comes from compileFormula (./compile.ts), which guarantees a stack depth of at most
// FORMULA_STACK and well-formed jumps; the interpreter does not re-check.
import { fexp, flog } from '../engine/math.js';
import type { Rng } from '../engine/rng.js';
import { FORMULA_STACK, OP } from './compile.js';

const stack = new Float64Array(FORMULA_STACK);

/** The program's per-step tables, read by TLOAD (set by the interpreter before a program runs). */
let formulaTables: Float64Array = new Float64Array(0);

/** Sets the tables TLOAD reads (the program's `tables`). */
export function setFormulaTables(tables: Float64Array): void {
  formulaTables = tables;
}

/** ln 2 as an f64 literal: log2(x) = flog(x) / LN2. */
const LN2 = 0.6931471805599453;

/**
 * x^y of the formula language: fexp(y · flog(x)) for x > 0; 0 if x == 0 and y > 0; NaN
 * otherwise (negative bases, 0^0, 0^negative, NaN). Identical to the wasm engine's fpowFormula.
 * @example
 * ```ts
 * formulaPow(2, 10); // 1024 within an ulp (fexp/flog, not Math.pow)
 * ```
 */
export function formulaPow(x: number, y: number): number {
  if (x > 0) return fexp(y * flog(x));
  if (x === 0 && y > 0) return 0;
  return NaN;
}

/**
 * table(x, points) of the formula language: `n` points (x_i, y_i) at state[p + 2i], state[p + 2i + 1],
 * x non-decreasing. y0 at and below x0, y_last at and above x_last, NaN for NaN; in between
 * y_i + (x − x_i)·(y_{i+1} − y_i)/(x_{i+1} − x_i) on the segment with x_i ≤ x < x_{i+1}.
 */
export function formulaTable(x: number, state: Float64Array, p: number, n: number): number {
  if (x !== x) return x;
  if (x <= state[p]!) return state[p + 1]!;
  const last = p + 2 * (n - 1);
  if (x >= state[last]!) return state[last + 1]!;
  let i = p;
  while (i < last - 2 && x >= state[i + 2]!) i += 2;
  const x0 = state[i]!;
  const y0 = state[i + 1]!;
  const x1 = state[i + 2]!;
  const y1 = state[i + 3]!;
  return y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
}

/**
 * Runs the formula whose code starts at `pc` and returns its value. `state` holds the names'
 * values and the constants; `rng` is the run's random stream (advanced by normal()/uniform() draws
 * on the path taken). Not re-entrant (one module-level stack).
 * @example
 * ```ts
 * const v = evalFormula(code, 0, state, new Rng(seed, run));
 * ```
 */
export function evalFormula(code: Int32Array, pc: number, state: Float64Array, rng: Rng): number {
  const s = stack;
  let sp = 0; // number of values on the stack
  for (;;) {
    const op = code[pc++]!;
    switch (op) {
      case OP.END:
        return s[sp - 1]!;
      case OP.LOAD:
        s[sp++] = state[code[pc++]!]!;
        break;
      case OP.TLOAD:
        s[sp++] = formulaTables[code[pc++]! + state[0]!]!;
        break;
      case OP.ADD:
        sp--;
        s[sp - 1] = s[sp - 1]! + s[sp]!;
        break;
      case OP.SUB:
        sp--;
        s[sp - 1] = s[sp - 1]! - s[sp]!;
        break;
      case OP.MUL:
        sp--;
        s[sp - 1] = s[sp - 1]! * s[sp]!;
        break;
      case OP.DIV:
        sp--;
        s[sp - 1] = s[sp - 1]! / s[sp]!;
        break;
      case OP.NEG:
        s[sp - 1] = -s[sp - 1]!;
        break;
      case OP.POW:
        sp--;
        s[sp - 1] = formulaPow(s[sp - 1]!, s[sp]!);
        break;
      case OP.LT:
        sp--;
        s[sp - 1] = s[sp - 1]! < s[sp]! ? 1 : 0;
        break;
      case OP.LE:
        sp--;
        s[sp - 1] = s[sp - 1]! <= s[sp]! ? 1 : 0;
        break;
      case OP.GT:
        sp--;
        s[sp - 1] = s[sp - 1]! > s[sp]! ? 1 : 0;
        break;
      case OP.GE:
        sp--;
        s[sp - 1] = s[sp - 1]! >= s[sp]! ? 1 : 0;
        break;
      case OP.EQ:
        sp--;
        s[sp - 1] = s[sp - 1]! === s[sp]! ? 1 : 0;
        break;
      case OP.NE:
        sp--;
        s[sp - 1] = s[sp - 1]! !== s[sp]! ? 1 : 0;
        break;
      case OP.NOT:
        s[sp - 1] = s[sp - 1]! === 0 ? 1 : 0;
        break;
      case OP.JZ:
        if (s[--sp]! === 0) pc = code[pc]!;
        else pc++;
        break;
      case OP.JMP:
        pc = code[pc]!;
        break;
      case OP.MIN:
        sp--;
        s[sp - 1] = Math.min(s[sp - 1]!, s[sp]!);
        break;
      case OP.MAX:
        sp--;
        s[sp - 1] = Math.max(s[sp - 1]!, s[sp]!);
        break;
      case OP.ABS:
        s[sp - 1] = Math.abs(s[sp - 1]!);
        break;
      case OP.FLOOR:
        s[sp - 1] = Math.floor(s[sp - 1]!);
        break;
      case OP.CEIL:
        s[sp - 1] = Math.ceil(s[sp - 1]!);
        break;
      case OP.ROUND:
        s[sp - 1] = Math.floor(s[sp - 1]! + 0.5);
        break;
      case OP.EXP:
        s[sp - 1] = fexp(s[sp - 1]!);
        break;
      case OP.LOG:
        s[sp - 1] = flog(s[sp - 1]!);
        break;
      case OP.LOG2:
        s[sp - 1] = flog(s[sp - 1]!) / LN2;
        break;
      case OP.SQRT:
        s[sp - 1] = Math.sqrt(s[sp - 1]!);
        break;
      case OP.CLAMP:
        sp -= 2;
        s[sp - 1] = Math.min(Math.max(s[sp - 1]!, s[sp]!), s[sp + 1]!);
        break;
      case OP.NORMAL:
        s[sp++] = rng.normal();
        break;
      case OP.UNIFORM:
        s[sp++] = rng.uniform();
        break;
      case OP.TABLE: {
        const n = code[pc]!;
        const p = code[pc + 1]!;
        pc += 2;
        s[sp - 1] = formulaTable(s[sp - 1]!, state, p, n);
        break;
      }
      default:
        throw new Error(`evalFormula: bad opcode ${op} at ${pc - 1}`);
    }
  }
}
