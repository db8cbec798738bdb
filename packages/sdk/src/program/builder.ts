import { ErrorCodes, fail, parseFormula } from '@flywheel/spec';
import { I_GUARD, I_HALT } from '@flywheel/core-wasm/program-layout';
import { compileFormula, OP, type FormulaEnv } from '../formula/compile.js';
import { evalFormula } from '../formula/evaluate.js';
import type { Rng } from '../engine/rng.js';

/** Steps up to which a clock-only subexpression is tabulated (a table of steps + 1 f64). */
const MAX_FOLD_STEPS = 1 << 20;

/** A reference to a formula's code, resolved to its pc when the program is laid out. */
export interface FormulaRef {
  readonly formulaPc: number;
}

/** One section of a program (init or step): instructions with section-relative pcs, fixed up at layout. */
class Section {
  readonly words: number[] = [];
  /** Positions of words that hold section-relative pcs. */
  readonly relative: number[] = [];

  emit(op: number, args: readonly (number | FormulaRef)[]): number {
    const at = this.words.length;
    const next = at + 2 + args.length;
    this.words.push(op, next);
    this.relative.push(at + 1);
    for (const a of args) this.words.push(typeof a === 'number' ? a : a.formulaPc);
    return at;
  }
}

/**
 * Builds a block program: the state vector (named slots, constants, parameters), the tables, the
 * formula code and the init and step sections. Block kinds' compile steps call it; the layout is
 * described in @flywheel/core-wasm/program-layout.
 */
export class ProgramBuilder {
  /** Initial value of every state slot. */
  readonly state: number[] = [];
  readonly tables: number[] = [];
  readonly init = new Section();
  readonly step = new Section();
  /** Code of every formula, first in the program (so a formula's pc is its index here). */
  private readonly formulas: number[] = [];
  private readonly names = new Map<string, number>();
  private readonly consts = new Map<string, number>();
  /** Bytes of agent memory so far (8-byte aligned). */
  workBytes = 0;
  /** Names read by the compiled blocks (their formulas' names and the slots their compile steps asked for). */
  readonly used = new Set<string>();
  /**
   * Slots whose value never changes during a run (parameters, built-in constants; constants are
   * added as they are made), and the clock's slots (`t`, `years`, functions of the step alone).
   * Formula subexpressions of these alone are computed at compile time (see fold).
   */
  readonly constSlots = new Set<number>();
  readonly timeSlots = new Set<number>();
  /** The model's steps (for per-step tables of folded subexpressions); 0 = no clock folding. */
  steps = 0;
  private readonly folded = new Map<string, [number, number]>();

  /** A new state slot with an initial value (named if `name` is given, so formulas can read it). */
  slot(initial = 0, name?: string): number {
    const s = this.state.length;
    this.state.push(initial);
    if (name !== undefined) {
      if (this.names.has(name)) throw new Error(`internal: slot name "${name}" defined twice`);
      this.names.set(name, s);
    }
    return s;
  }

  /** `n` consecutive new slots. */
  slots(n: number, initial = 0): number {
    const s = this.state.length;
    for (let i = 0; i < n; i++) this.state.push(initial);
    return s;
  }

  /** The slot of a name, if defined. */
  slotOf(name: string): number | undefined {
    return this.names.get(name);
  }

  /** The slot of a name that must exist (the validator checked it). */
  named(name: string): number {
    this.used.add(name);
    const s = this.names.get(name);
    if (s === undefined) throw new Error(`internal: no slot named "${name}"`);
    return s;
  }

  /** A slot holding a constant (shared by equal constants; −0 and 0 are distinct). */
  constant(value: number): number {
    const key = Object.is(value, -0) ? '-0' : String(value);
    let s = this.consts.get(key);
    if (s === undefined) {
      s = this.slot(value);
      this.consts.set(key, s);
      this.constSlots.add(s);
    }
    return s;
  }

  /** A per-step table of steps + 1 values (index t); returns its offset. */
  table(values: readonly number[]): number {
    const off = this.tables.length;
    for (const v of values) this.tables.push(v); // not push(...values): a table of 10^6 steps overflows the call stack
    return off;
  }

  /** Reserves agent memory; returns its byte offset. */
  work(bytes: number): number {
    const off = this.workBytes;
    this.workBytes += Math.ceil(bytes / 8) * 8;
    return off;
  }

  /** Parses and compiles a formula of the spec; errors carry `path`. */
  formula(source: string, path: string): FormulaRef {
    const env: FormulaEnv = {
      slotOf: (n) => this.names.get(n),
      constant: (v) => this.constant(v),
      constants: (values) => {
        const first = this.state.length;
        for (const v of values) this.state.push(v);
        return first;
      },
      names: () => this.names.keys(),
      varies: (n) => {
        const slot = this.names.get(n);
        return slot === undefined ? 'run' : this.constSlots.has(slot) ? 'const' : this.timeSlots.has(slot) ? 'time' : 'run';
      },
      fold: (code, time) => this.fold(code, time),
    };
    const base = this.formulas.length;
    const parsed = parseFormula(source, path);
    for (const n of parsed.names) this.used.add(n.name);
    const code = compileFormula(parsed, path, env, base);
    for (const w of code) this.formulas.push(w);
    return { formulaPc: base };
  }

  /**
   * A draw-free subexpression computed ahead of the run by the reference interpreter: a constant,
   * or (when it reads the clock) a table of its value at t = 0 … steps, with `t` and `years` set
   * as the engines' drivers set them (years = t × years per step, slot 2).
   */
  private fold(code: number[], time: boolean): [number, number] | undefined {
    if (time && (this.steps <= 0 || this.steps > MAX_FOLD_STEPS)) return undefined;
    const key = `${time ? 't' : 'c'}:${code.join(',')}`;
    const seen = this.folded.get(key);
    if (seen) return seen;
    const c = Int32Array.from(code);
    const s = Float64Array.from(this.state);
    const noDraws = undefined as unknown as Rng; // the subexpression draws nothing
    let words: [number, number];
    if (!time) words = [OP.LOAD, this.constant(evalFormula(c, 0, s, noDraws))];
    else {
      const values: number[] = [];
      for (let t = 0; t <= this.steps; t++) {
        s[0] = t;
        s[1] = t * s[2]!;
        values.push(evalFormula(c, 0, s, noDraws));
      }
      words = [OP.TLOAD, this.table(values)];
    }
    this.folded.set(key, words);
    return words;
  }

  /**
   * Emits a block's instructions into the step section, behind a clock guard when the block does
   * not run every step.
   */
  guarded(clock: { every: number; from: number; until: number } | undefined, body: () => void): void {
    if (!clock || (clock.every === 1 && clock.from <= 1 && clock.until > 2 ** 30)) return body();
    const at = this.step.emit(I_GUARD, [clock.every, clock.from, Math.min(clock.until, 2 ** 31 - 1), 0]);
    body();
    this.step.words[at + 5] = this.step.words.length;
    this.step.relative.push(at + 5);
  }

  /** Lays the program out: formulas, then the init section, then the step section. */
  /** The name of every named slot, by slot (unnamed slots: constants, parameters' copies, block state). */
  slotNames(): string[] {
    const out: string[] = new Array(this.state.length).fill('');
    for (const [n, s] of this.names) out[s] = n;
    return out;
  }

  build(): { code: Int32Array; initPc: number; stepPc: number; state: Float64Array; tables: Float64Array } {
    this.init.emit(I_HALT, []);
    this.step.emit(I_HALT, []);
    const initPc = this.formulas.length;
    const stepPc = initPc + this.init.words.length;
    const code = new Int32Array(stepPc + this.step.words.length);
    code.set(this.formulas, 0);
    for (const [sec, base] of [
      [this.init, initPc],
      [this.step, stepPc],
    ] as const) {
      const w = sec.words.slice();
      for (const p of sec.relative) w[p]! += base;
      code.set(w, base);
    }
    if (this.state.length > 2 ** 27) fail(ErrorCodes.RUN_TOO_LARGE, 'blocks', this.state.length, 'the model needs more than 2^27 state slots', 'Use fewer or smaller blocks.');
    return { code, initPc, stepPc, state: Float64Array.from(this.state), tables: Float64Array.from(this.tables) };
  }
}
