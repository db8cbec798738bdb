import { ErrorCodes, FlywheelError, parseFormula, type FormulaNode } from '@flywheel/spec';
import asc from 'assemblyscript/asc';
import fc from 'fast-check';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../../core-wasm/src/formula-ops.js';
import { fexp, flog } from '../src/engine/math.js';
import { Rng } from '../src/engine/rng.js';
import { FORMULA_STACK, OP, compileFormula, formulaStackDepth, type FormulaEnv } from '../src/formula/compile.js';
import { evalFormula, formulaPow, formulaTable } from '../src/formula/evaluate.js';

// ---- The wasm interpreter, compiled from assembly/formula-test-entry.ts ---------------------

interface FormulaWasm {
  memory: WebAssembly.Memory;
  _initialize(): void;
  alloc(bytes: number): number;
  seedRun(seed: number, run: number): void;
  evalFormula(code: number, pc: number, state: number): number;
  drawUniform(): number;
  drawNormal(): number;
}

const coreWasm = join(dirname(fileURLToPath(import.meta.url)), '../../core-wasm');
let wasm: FormulaWasm;
const CODE_WORDS = 1 << 16;
const STATE_SLOTS = 1 << 14;
let codePtr = 0;
let statePtr = 0;

beforeAll(async () => {
  const files: Record<string, Uint8Array | string> = {};
  const { error, stderr } = await asc.main(
    [
      'assembly/formula-test-entry.ts',
      'assembly/abort.ts',
      '--outFile',
      'formula-test.wasm',
      '-O3',
      '--noAssert',
      '--runtime',
      'stub',
      '--use',
      'abort=assembly/abort/abort',
      '--exportStart',
      '_initialize',
      '--initialMemory',
      '2',
      '--baseDir',
      coreWasm, // (the API's options.baseDir is not used for reading sources)
    ],
    {
      writeFile(name: string, contents: Uint8Array | string) {
        files[name] = contents;
      },
    },
  );
  if (error) throw new Error(`asc failed: ${stderr.toString()}`);
  const bytes = files['formula-test.wasm'];
  if (!(bytes instanceof Uint8Array)) throw new Error('asc wrote no wasm');
  const { instance } = await WebAssembly.instantiate(bytes as BufferSource, {});
  wasm = instance.exports as unknown as FormulaWasm;
  wasm._initialize();
  codePtr = wasm.alloc(CODE_WORDS * 4);
  statePtr = wasm.alloc(STATE_SLOTS * 8);
}, 120_000);

/** Runs `code` at `pc` `times` times in wasm, after seedRun(seed, run), with `state`; returns the values. */
function runWasm(code: Int32Array, pc: number, state: Float64Array, seed: number, run: number, times = 1): number[] {
  new Int32Array(wasm.memory.buffer, codePtr, code.length).set(code);
  new Float64Array(wasm.memory.buffer, statePtr, state.length).set(state);
  wasm.seedRun(seed, run);
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(wasm.evalFormula(codePtr, pc, statePtr));
  return out;
}
function runTs(code: Int32Array, pc: number, state: Float64Array, seed: number, run: number, times = 1): number[] {
  const rng = new Rng(seed, run);
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(evalFormula(code, pc, state, rng));
  return out;
}

// ---- A test environment: names x0..x7 in slots 0..7, constants after them -------------------

const NAMES = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'HNT.liquid'];

class TestEnv implements FormulaEnv {
  readonly state = new Float64Array(512);
  private next = NAMES.length;
  private readonly dedupe = new Map<string, number>();
  slotOf(name: string): number | undefined {
    const i = NAMES.indexOf(name);
    return i < 0 ? undefined : i;
  }
  constant(value: number): number {
    const key = Object.is(value, -0) ? '-0' : String(value);
    let slot = this.dedupe.get(key);
    if (slot === undefined) {
      slot = this.next++;
      this.state[slot] = value;
      this.dedupe.set(key, slot);
    }
    return slot;
  }
  constants(values: number[]): number {
    const first = this.next;
    for (const v of values) this.state[this.next++] = v;
    return first;
  }
  names(): string[] {
    return NAMES;
  }
  set(values: number[]): this {
    values.forEach((v, i) => (this.state[i] = v));
    return this;
  }
}

function compile(source: string, env = new TestEnv()): { code: Int32Array; env: TestEnv } {
  return { code: Int32Array.from(compileFormula(parseFormula(source, 'f'), 'f', env)), env };
}

/** Value of a formula in both engines (asserting they agree bit for bit). */
function value(source: string, xs: number[] = [], seed = 7, run = 0): number {
  const { code, env } = compile(source);
  env.set(xs);
  const a = runTs(code, 0, env.state, seed, run)[0]!;
  const b = runWasm(code, 0, env.state, seed, run)[0]!;
  if (!Object.is(a, b)) throw new Error(`${source}: reference ${a} ≠ wasm ${b}`);
  return a;
}

// ---- An independent oracle: a direct tree interpreter with the documented semantics ------------

function oracle(n: FormulaNode, xs: number[], rng: Rng): number {
  const ev = (m: FormulaNode): number => oracle(m, xs, rng);
  const truth = (v: number): boolean => v !== 0; // NaN is true
  switch (n.type) {
    case 'number':
      return n.value;
    case 'name':
      return xs[NAMES.indexOf(n.name)]!;
    case 'unary':
      return n.op === '-' ? -ev(n.arg) : n.op === '+' ? ev(n.arg) : ev(n.arg) === 0 ? 1 : 0;
    case 'binary': {
      if (n.op === '&&') return truth(ev(n.left)) && truth(ev(n.right)) ? 1 : 0;
      if (n.op === '||') return truth(ev(n.left)) || truth(ev(n.right)) ? 1 : 0;
      const a = ev(n.left);
      const b = ev(n.right);
      switch (n.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '^':
          return a > 0 ? fexp(b * flog(a)) : a === 0 && b > 0 ? 0 : NaN;
        case '<':
          return a < b ? 1 : 0;
        case '<=':
          return a <= b ? 1 : 0;
        case '>':
          return a > b ? 1 : 0;
        case '>=':
          return a >= b ? 1 : 0;
        case '==':
          return a === b ? 1 : 0;
        case '!=':
          return a !== b ? 1 : 0;
      }
      throw new Error(n.op);
    }
    case 'conditional':
      return truth(ev(n.test)) ? ev(n.then) : ev(n.else);
    case 'table': {
      const x = ev(n.x);
      const pts = n.points;
      if (Number.isNaN(x)) return NaN;
      if (x <= pts[0]![0]) return pts[0]![1];
      const last = pts[pts.length - 1]!;
      if (x >= last[0]) return last[1];
      let i = 0;
      while (i < pts.length - 2 && x >= pts[i + 1]![0]) i++;
      const [x0, y0] = pts[i]!;
      const [x1, y1] = pts[i + 1]!;
      return y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
    }
    case 'call': {
      const args = n.fn === 'normal' || n.fn === 'uniform' ? [] : n.args.map(ev);
      const a = args[0]!;
      switch (n.fn) {
        case 'min':
          return args.reduce((p, q) => Math.min(p, q));
        case 'max':
          return args.reduce((p, q) => Math.max(p, q));
        case 'clamp':
          return Math.min(Math.max(a, args[1]!), args[2]!);
        case 'abs':
          return Math.abs(a);
        case 'floor':
          return Math.floor(a);
        case 'ceil':
          return Math.ceil(a);
        case 'round':
          return Math.floor(a + 0.5);
        case 'exp':
          return fexp(a);
        case 'log':
          return flog(a);
        case 'log2':
          return flog(a) / 0.6931471805599453;
        case 'sqrt':
          return Math.sqrt(a);
        case 'pow':
          return a > 0 ? fexp(args[1]! * flog(a)) : a === 0 && args[1]! > 0 ? 0 : NaN;
        case 'normal':
          return rng.normal();
        case 'uniform':
          return rng.uniform();
      }
    }
  }
}

// ---- Random formulas ----------------------------------------------------------------------------

const literal = fc.oneof(
  fc.constantFrom('0', '1', '2', '0.5', '3', '10', '1e-3', '2.5', '1e300', '0.1'),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((v) => {
    const s = String(Math.abs(v));
    return s.includes('e') ? s.replace('e+', 'e') : s;
  }),
);
const name = fc.constantFrom(...NAMES);
const tablePoints = fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -50, max: 50 })), { minLength: 1, maxLength: 6 }).map((pts) => {
  const xs = pts.map((p) => p[0]).sort((a, b) => a - b);
  return `[${pts.map((p, i) => `[${xs[i]! / 4}, ${p[1] / 2}]`).join(', ')}]`;
});

const formulas = (depthSize: fc.DepthSize) =>
  fc.letrec<{ expr: string; leaf: string }>((tie) => ({
    leaf: fc.oneof({ weight: 3, arbitrary: name }, { weight: 2, arbitrary: literal }, { weight: 1, arbitrary: fc.constantFrom('normal()', 'uniform()') }),
    expr: fc.oneof(
      { depthSize, withCrossShrink: true },
      { weight: 4, arbitrary: tie('leaf') },
      {
        weight: 4,
        arbitrary: fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!=', '&&', '||'), tie('expr')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('-', '!', '+'), tie('expr')).map(([op, a]) => `${op}${a}`) },
      { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`) },
      { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom('abs', 'floor', 'ceil', 'round', 'exp', 'log', 'log2', 'sqrt'), tie('expr')).map(([f, a]) => `${f}(${a})`),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('min', 'max'), fc.array(tie('expr'), { minLength: 2, maxLength: 4 })).map(([f, as]) => `${f}(${as.join(', ')})`) },
      { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([x, a, b]) => `clamp(${x}, ${a}, ${b})`) },
      { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `pow(${x}, ${y})`) },
      { weight: 1, arbitrary: fc.tuple(tie('expr'), tablePoints).map(([x, p]) => `table(${x}, ${p})`) },
    ),
  })).expr;

const slotValue = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1, -1, 0.5, -0.5, 2.5, -2.5, NaN, Infinity, -Infinity, 1e-320, 3), fc.integer({ min: -10, max: 10 }));

// ---- Tests ------------------------------------------------------------------------------------------

describe('formula bytecode: opcodes', () => {
  it('OP mirrors packages/core-wasm/src/formula-ops.ts', () => {
    const plain = Object.entries(ops)
      .filter(([k]) => k.startsWith('OP_') && k !== 'OP_COUNT')
      .map(([k, v]) => [k.slice(3), v]);
    expect(Object.fromEntries(plain)).toEqual(OP);
    expect(Object.keys(OP).length).toBe(ops.OP_COUNT);
    expect(new Set(Object.values(OP)).size).toBe(Object.keys(OP).length);
    expect(Object.values(OP)).toEqual(Array.from({ length: ops.OP_COUNT }, (_, i) => i)); // consecutive from 0
    expect(FORMULA_STACK).toBe(ops.FORMULA_STACK);
  });

  it('code shape: loads of slots, constants from the env, END', () => {
    const env = new TestEnv();
    const code = compileFormula(parseFormula('x1 + 2 * -3', 'f'), 'f', env);
    const c2 = env.constant(2);
    const cm3 = env.constant(-3);
    expect(code).toEqual([OP.LOAD, 1, OP.LOAD, c2, OP.LOAD, cm3, OP.MUL, OP.ADD, OP.END]);
    const t = compileFormula(parseFormula('table(x0, [[0, 1], [2, 3]])', 'f'), 'f', env);
    expect(t.slice(0, 2)).toEqual([OP.LOAD, 0]);
    expect(t[2]).toBe(OP.TABLE);
    expect(t[3]).toBe(2);
    expect(Array.from(env.state.subarray(t[4]!, t[4]! + 4))).toEqual([0, 1, 2, 3]);
  });

  it('jump targets are absolute, offset by base', () => {
    const env = new TestEnv().set([0, 5, 6]);
    const f = parseFormula('x0 ? x1 : x2 + uniform()', 'f');
    const local = compileFormula(f, 'f', env);
    const based = compileFormula(f, 'f', env, 7);
    const code = new Int32Array(7 + based.length).fill(-99);
    code.set(based, 7);
    expect(runTs(code, 7, env.state, 1, 2)).toEqual(runTs(Int32Array.from(local), 0, env.state, 1, 2));
    expect(runWasm(code, 7, env.state, 1, 2)).toEqual(runTs(code, 7, env.state, 1, 2));
  });
});

describe('formula semantics (both engines, bit for bit)', () => {
  it('arithmetic and precedence', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('12 / 3 / 2')).toBe(2);
    expect(value('-2 ^ 2')).toBe(-4);
    expect(value('1 / 0')).toBe(Infinity);
    expect(value('-1 / 0')).toBe(-Infinity);
    expect(value('0 / 0')).toBeNaN();
    expect(value('x0 * x1 + x2', [2, 3, 4])).toBe(10);
    expect(value('HNT.liquid * 2', [0, 0, 0, 0, 0, 0, 0, 0, 21])).toBe(42);
  });

  it('powers: right-associative, fexp(y·flog(x)), 0 and negative bases', () => {
    const v = value('2 ^ 3 ^ 2');
    expect(v).toBe(fexp(fexp(2 * flog(3)) * flog(2)));
    expect(Math.abs(v - 512) / 512).toBeLessThan(1e-14); // not (2^3)^2 = 64
    expect(value('pow(2, 10)')).toBe(formulaPow(2, 10));
    expect(Math.abs(value('pow(2, 10)') - 1024)).toBeLessThan(1e-12);
    expect(value('x0 ^ 0', [5])).toBe(1);
    expect(value('0 ^ 2')).toBe(0);
    expect(value('0 ^ 0')).toBeNaN();
    expect(value('0 ^ -1')).toBeNaN();
    expect(value('(-2) ^ 2')).toBeNaN();
    expect(value('2 ^ -1')).toBe(0.5);
  });

  it('comparisons and logic give 1/0; NaN counts as true', () => {
    expect(value('1 < 2') + value('2 <= 2') + value('3 > 2') + value('2 >= 3') + value('2 == 2') + value('2 != 2')).toBe(4);
    expect(value('x0 < x0', [NaN])).toBe(0);
    expect(value('x0 != x0', [NaN])).toBe(1);
    expect(value('!0')).toBe(1);
    expect(value('!5')).toBe(0);
    expect(value('!x0', [NaN])).toBe(0);
    expect(value('2 && 3')).toBe(1);
    expect(value('2 && 0')).toBe(0);
    expect(value('0 || -4')).toBe(1);
    expect(value('0 || 0')).toBe(0);
    expect(value('x0 && 1', [NaN])).toBe(1);
    expect(value('x0 ? 1 : 2', [NaN])).toBe(1);
    expect(value('if(0, 1, 2)')).toBe(2);
  });

  it('functions', () => {
    expect(Object.is(value('round(-0.5)'), 0)).toBe(true);
    expect(value('round(2.5)')).toBe(3);
    expect(value('round(-2.5)')).toBe(-2);
    expect(value('round(-2.6)')).toBe(-3);
    expect(Object.is(value('floor(-0.5) * 0'), -0)).toBe(true);
    expect(value('ceil(1.2) + floor(1.8) + abs(-3)')).toBe(6);
    expect(Object.is(value('min(0, -0)'), -0)).toBe(true);
    expect(Object.is(value('max(-0, 0)'), 0)).toBe(true);
    expect(value('min(3, x0, 1)', [NaN])).toBeNaN();
    expect(value('max(3, 7, 1, 5)')).toBe(7);
    expect(value('clamp(5, 0, 1)') + value('clamp(-5, 0, 1)') + value('clamp(0.25, 0, 1)')).toBe(1.25);
    expect(value('exp(1)')).toBe(fexp(1));
    expect(value('log(10)')).toBe(flog(10));
    expect(value('log2(8)')).toBe(flog(8) / 0.6931471805599453);
    expect(value('sqrt(2)')).toBe(Math.SQRT2);
    expect(value('log(0)')).toBe(-Infinity);
    expect(value('log(-1)')).toBeNaN();
  });

  it('table: linear between points, constant outside, steps at repeated x', () => {
    const t = 'table(x0, [[0, 0], [10, 100], [20, 50]])';
    expect(value(t, [-5])).toBe(0);
    expect(value(t, [0])).toBe(0);
    expect(value(t, [5])).toBe(50);
    expect(value(t, [10])).toBe(100);
    expect(value(t, [15])).toBe(75);
    expect(value(t, [20])).toBe(50);
    expect(value(t, [1e9])).toBe(50);
    expect(value(t, [-Infinity])).toBe(0);
    expect(value(t, [NaN])).toBeNaN();
    expect(value(t, [3.3])).toBe(0 + ((3.3 - 0) * (100 - 0)) / (10 - 0));
    const step = 'table(x0, [[0, 1], [1, 1], [1, 2], [2, 2]])';
    expect(value(step, [0.5])).toBe(1);
    expect(value(step, [1])).toBe(2);
    expect(value(step, [0.999])).toBe(1);
    expect(value('table(x0, [[3, -7]])', [-1])).toBe(-7);
    expect(value('table(x0, [[3, -7]])', [9])).toBe(-7);
    const st = new Float64Array([0, 0, 10, 100]);
    expect(formulaTable(2.5, st, 0, 2)).toBe(25);
  });

  it('short-circuit: draws in an untaken branch are not drawn', () => {
    const first = new Rng(11, 3).uniform();
    const second = (() => {
      const r = new Rng(11, 3);
      r.uniform();
      return r.uniform();
    })();
    for (const source of ['0 && uniform() + uniform()', '1 || uniform()', 'if(1, 0, uniform())', '0 ? normal() : 0', 'x0 > 0 && normal() > 0']) {
      const { code, env } = compile(`(${source}) * 0 + uniform()`);
      const ts = runTs(code, 0, env.state, 11, 3)[0]!;
      expect(ts, source).toBe(first);
      expect(runWasm(code, 0, env.state, 11, 3)[0], source).toBe(first);
    }
    const { code, env } = compile('(1 && uniform() > 2) + uniform()');
    expect(runTs(code, 0, env.state, 11, 3)[0]).toBe(second);
    expect(runWasm(code, 0, env.state, 11, 3)[0]).toBe(second);
  });

  it('the random streams of the two engines are the same (seedRun(seed, run) = new Rng(seed, run))', () => {
    for (const [seed, run] of [
      [0, 0],
      [42, 7],
      [0xffffffff, 123456],
      [2 ** 31, 1],
    ] as const) {
      const rng = new Rng(seed, run);
      wasm.seedRun(seed, run);
      for (let i = 0; i < 500; i++) {
        expect(wasm.drawUniform()).toBe(rng.uniform());
        const a = wasm.drawNormal();
        const b = rng.normal();
        if (!Object.is(a, b)) throw new Error(`normal ${i}: ${a} ≠ ${b}`);
      }
    }
  });
});

describe('compile errors', () => {
  const env = new TestEnv();
  function err(source: string): FlywheelError {
    try {
      compileFormula(parseFormula(source, 'blocks.2.value'), 'blocks.2.value', env);
    } catch (e) {
      if (e instanceof FlywheelError) return e;
      throw e;
    }
    throw new Error(`no error for ${source}`);
  }

  it('unknown names: code, column, hint', () => {
    const e = err('x0 + x9 * y');
    expect(e.code).toBe(ErrorCodes.FORMULA_UNKNOWN_NAME);
    expect(e.path).toBe('blocks.2.value');
    expect(e.issues[0]!.message).toBe('unknown name "x9" at column 6');
    expect(e.hint).toMatch(/"x0"/);
    const g = err('HNT.liqid');
    expect(g.hint).toMatch(/"HNT\.liquid"/);
  });

  it('too deep', () => {
    let deep = 'x0';
    for (let i = 0; i < 40; i++) deep = `x1 + (${deep})`;
    const e = err(deep);
    expect(e.code).toBe(ErrorCodes.FORMULA_INVALID);
    expect(e.message).toMatch(/too deep/);
    let ok = 'x0';
    for (let i = 0; i < FORMULA_STACK - 1; i++) ok = `x1 + (${ok})`;
    const code = compileFormula(parseFormula(ok, 'f'), 'f', env);
    expect(formulaStackDepth(code)).toBe(FORMULA_STACK);
    let wide = 'x0';
    for (let i = 0; i < 200; i++) wide = `${wide} + x1`; // left-associative: depth 2
    expect(formulaStackDepth(compileFormula(parseFormula(wide, 'f'), 'f', env))).toBe(2);
  });
});

describe('property: random formulas give the same bits in the reference engine, the wasm engine and a tree oracle', () => {
  it.each([
    ['small', 3000],
    ['medium', 300],
  ] as const)('random formulas (%s) over random slots, draws included', (size, numRuns) => {
    let compiled = 0;
    let finite = 0;
    let drawn = 0;
    fc.assert(
      fc.property(formulas(size), fc.array(slotValue, { minLength: NAMES.length, maxLength: NAMES.length }), fc.nat(), fc.nat({ max: 1000 }), (source, xs, seed, run) => {
        const f = parseFormula(source, 'f');
        const env = new TestEnv().set(xs);
        let words: number[];
        try {
          words = compileFormula(f, 'f', env);
        } catch (e) {
          if (e instanceof FlywheelError && /too deep/.test(e.message)) return; // rare with these sizes
          throw e;
        }
        compiled++;
        const code = Int32Array.from(words);
        expect(formulaStackDepth(code)).toBeLessThanOrEqual(FORMULA_STACK);
        const times = 3; // the same formula three times in a row: the stream advances identically
        const ts = runTs(code, 0, env.state, seed, run, times);
        const wa = runWasm(code, 0, env.state, seed, run, times);
        const rng = new Rng(seed, run);
        const or = Array.from({ length: times }, () => oracle(f.ast, xs, rng));
        // the streams are left in the same state
        const nextTs = rng.uniform();
        const nextWasm = wasm.drawUniform();
        if (nextTs !== nextWasm) throw new Error(`${source}: the streams differ after evaluation`);
        const fresh = new Rng(seed, run);
        if (nextTs !== fresh.uniform()) drawn++;
        if (Number.isFinite(ts[0])) finite++;
        for (let i = 0; i < times; i++) {
          if (!Object.is(ts[i], wa[i]) || !Object.is(ts[i], or[i])) {
            throw new Error(`${source} with [${xs.join(', ')}], seed ${seed}, run ${run}, #${i}: reference ${ts[i]}, wasm ${wa[i]}, oracle ${or[i]}`);
          }
        }
      }),
      { numRuns },
    );
    console.log(`formulas (${size}): ${compiled} compiled, ${finite} finite, ${drawn} drew`);
    expect(compiled).toBeGreaterThan(numRuns * 0.8);
    // the generator is not degenerate: many finite values, many formulas that draw
    expect(finite).toBeGreaterThan(compiled * 0.4);
    expect(drawn).toBeGreaterThan(compiled * 0.2);
  });
});
