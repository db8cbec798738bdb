// The wasm engine's formula interpreter (engine v2): runs the bytecode compiled by the SDK
// (packages/sdk/src/formula/compile.ts) with the same semantics, operation by operation, as the
// reference engine's packages/sdk/src/formula/evaluate.ts, so the two give identical bits. The
// compiler guarantees a stack depth of at most FORMULA_STACK and well-formed jumps; the
// interpreter does not re-check.
import {
  OP_END, OP_LOAD, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG, OP_POW, OP_LT, OP_LE, OP_GT, OP_GE,
  OP_EQ, OP_NE, OP_NOT, OP_JZ, OP_JMP, OP_MIN, OP_MAX, OP_ABS, OP_FLOOR, OP_CEIL, OP_ROUND,
  OP_EXP, OP_LOG, OP_LOG2, OP_SQRT, OP_CLAMP, OP_NORMAL, OP_UNIFORM, OP_TABLE, OP_TLOAD, FORMULA_STACK,
} from '../src/formula-ops';
import { fexp, flog } from './math';
import { normal, uniform } from './rng';

const STACK: usize = memory.data(FORMULA_STACK * 8, 16);

/** The program's per-step tables, read by OP_TLOAD at index t (state slot 0); set by simulateProgram. */
let formulaTables: usize = 0;

/** Sets the tables OP_TLOAD reads. */
export function setFormulaTables(tables: usize): void {
  formulaTables = tables;
}

/** ln 2 as an f64 literal: log2(x) = flog(x) / LN2. */
const LN2: f64 = 0.6931471805599453;

// @ts-ignore: decorator
@inline function word(code: usize, pc: i32): i32 { return load<i32>(code + (<usize>pc << 2)); }
// @ts-ignore: decorator
@inline function slot(state: usize, i: i32): f64 { return load<f64>(state + (<usize>i << 3)); }

/** x^y of the formula language: fexp(y·flog(x)) for x > 0; 0 if x == 0 and y > 0; else NaN. */
export function fpowFormula(x: f64, y: f64): f64 {
  if (x > 0) return fexp(y * flog(x));
  if (x == 0 && y > 0) return 0;
  return NaN;
}

/** table(x, points): n points (x_i, y_i) at state slots p + 2i, p + 2i + 1; see evaluate.ts. */
export function formulaTable(x: f64, state: usize, p: i32, n: i32): f64 {
  if (x != x) return x;
  if (x <= slot(state, p)) return slot(state, p + 1);
  const last = p + 2 * (n - 1);
  if (x >= slot(state, last)) return slot(state, last + 1);
  let i = p;
  while (i < last - 2 && x >= slot(state, i + 2)) i += 2;
  const x0 = slot(state, i), y0 = slot(state, i + 1);
  const x1 = slot(state, i + 2), y1 = slot(state, i + 3);
  return y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
}

/**
 * The value of the formula at `pc`: a formula that is one value (a name, a constant, a folded
 * table) is read here, inlined into the caller; any other runs on the interpreter (evalFormula).
 */
// @ts-ignore: decorator
@inline export function formulaValue(code: usize, pc: i32, state: usize): f64 {
  if (word(code, pc + 2) == OP_END) {
    const op = word(code, pc);
    if (op == OP_LOAD) return slot(state, word(code, pc + 1));
    if (op == OP_TLOAD) return load<f64>(formulaTables + ((<usize>word(code, pc + 1) + <usize><i32>slot(state, 0)) << 3));
  }
  return evalFormula(code, pc, state);
}

/**
 * Runs the formula whose code (i32 words at `code`) starts at word `pc`, with names and
 * constants in the f64 slots at `state`, and returns its value. Draws come from the run's stream
 * (rng.ts, seeded by seedRun).
 */
export function evalFormula(code: usize, pc: i32, state: usize): f64 {
  // a formula that is one name (e.g. "demandUsd"): its value, without the stack
  if (word(code, pc) == OP_LOAD && word(code, pc + 2) == OP_END) return slot(state, word(code, pc + 1));
  let sp: usize = STACK; // address of the next free stack slot
  while (true) {
    const op = word(code, pc++);
    switch (op) {
      case OP_END: return load<f64>(sp - 8);
      case OP_LOAD: {
        store<f64>(sp, slot(state, word(code, pc++)));
        sp += 8;
        break;
      }
      case OP_TLOAD: {
        store<f64>(sp, load<f64>(formulaTables + ((<usize>word(code, pc++) + <usize><i32>slot(state, 0)) << 3)));
        sp += 8;
        break;
      }
      case OP_ADD: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) + load<f64>(sp)); break; }
      case OP_SUB: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) - load<f64>(sp)); break; }
      case OP_MUL: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) * load<f64>(sp)); break; }
      case OP_DIV: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) / load<f64>(sp)); break; }
      case OP_NEG: { store<f64>(sp - 8, -load<f64>(sp - 8)); break; }
      case OP_POW: { sp -= 8; store<f64>(sp - 8, fpowFormula(load<f64>(sp - 8), load<f64>(sp))); break; }
      case OP_LT: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) < load<f64>(sp) ? 1.0 : 0.0); break; }
      case OP_LE: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) <= load<f64>(sp) ? 1.0 : 0.0); break; }
      case OP_GT: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) > load<f64>(sp) ? 1.0 : 0.0); break; }
      case OP_GE: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) >= load<f64>(sp) ? 1.0 : 0.0); break; }
      case OP_EQ: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) == load<f64>(sp) ? 1.0 : 0.0); break; }
      case OP_NE: { sp -= 8; store<f64>(sp - 8, load<f64>(sp - 8) != load<f64>(sp) ? 1.0 : 0.0); break; }
      case OP_NOT: { store<f64>(sp - 8, load<f64>(sp - 8) == 0 ? 1.0 : 0.0); break; }
      case OP_JZ: {
        sp -= 8;
        if (load<f64>(sp) == 0) pc = word(code, pc);
        else pc++;
        break;
      }
      case OP_JMP: { pc = word(code, pc); break; }
      case OP_MIN: { sp -= 8; store<f64>(sp - 8, min<f64>(load<f64>(sp - 8), load<f64>(sp))); break; }
      case OP_MAX: { sp -= 8; store<f64>(sp - 8, max<f64>(load<f64>(sp - 8), load<f64>(sp))); break; }
      case OP_ABS: { store<f64>(sp - 8, abs<f64>(load<f64>(sp - 8))); break; }
      case OP_FLOOR: { store<f64>(sp - 8, floor<f64>(load<f64>(sp - 8))); break; }
      case OP_CEIL: { store<f64>(sp - 8, ceil<f64>(load<f64>(sp - 8))); break; }
      case OP_ROUND: { store<f64>(sp - 8, floor<f64>(load<f64>(sp - 8) + 0.5)); break; }
      case OP_EXP: { store<f64>(sp - 8, fexp(load<f64>(sp - 8))); break; }
      case OP_LOG: { store<f64>(sp - 8, flog(load<f64>(sp - 8))); break; }
      case OP_LOG2: { store<f64>(sp - 8, flog(load<f64>(sp - 8)) / LN2); break; }
      case OP_SQRT: { store<f64>(sp - 8, sqrt<f64>(load<f64>(sp - 8))); break; }
      case OP_CLAMP: {
        sp -= 16;
        store<f64>(sp - 8, min<f64>(max<f64>(load<f64>(sp - 8), load<f64>(sp)), load<f64>(sp + 8)));
        break;
      }
      case OP_NORMAL: { store<f64>(sp, normal()); sp += 8; break; }
      case OP_UNIFORM: { store<f64>(sp, uniform()); sp += 8; break; }
      case OP_TABLE: {
        const n = word(code, pc);
        const p = word(code, pc + 1);
        pc += 2;
        store<f64>(sp - 8, formulaTable(load<f64>(sp - 8), state, p, n));
        break;
      }
      default: unreachable();
    }
  }
  return 0; // not reached
}
