// Opcodes of the formula bytecode (engine v2), shared by the AssemblyScript interpreter
// (assembly/formula.ts) and the TypeScript side (packages/sdk/src/formula/). This file is
// compiled by both asc and tsc: plain integer constants only.
//
// Code is a sequence of i32 words. Value operands are state slots (indexes into one f64 state
// vector); constants live in state slots too. Booleans are 1/0; a value is "true" iff it is != 0
// (so NaN is true). Jump targets are absolute word indexes into the code array.

export const OP_END = 0; // return the top of the stack
export const OP_LOAD = 1; // next word: slot; push state[slot]
export const OP_ADD = 2; // a b -> a + b
export const OP_SUB = 3; // a b -> a − b
export const OP_MUL = 4; // a b -> a · b
export const OP_DIV = 5; // a b -> a / b (IEEE: ±Infinity / NaN on division by zero)
export const OP_NEG = 6; // a -> −a
export const OP_POW = 7; // a b -> fexp(b · flog(a)) for a > 0; 0 if a == 0 and b > 0; else NaN
export const OP_LT = 8; // a b -> a < b ? 1 : 0
export const OP_LE = 9;
export const OP_GT = 10;
export const OP_GE = 11;
export const OP_EQ = 12;
export const OP_NE = 13;
export const OP_NOT = 14; // a -> a == 0 ? 1 : 0
export const OP_JZ = 15; // next word: target; pops c; jumps if c == 0
export const OP_JMP = 16; // next word: target
export const OP_MIN = 17; // a b -> Math.min(a, b) (f64.min: NaN-propagating, −0 < +0)
export const OP_MAX = 18; // a b -> Math.max(a, b) (f64.max)
export const OP_ABS = 19;
export const OP_FLOOR = 20;
export const OP_CEIL = 21;
export const OP_ROUND = 22; // a -> floor(a + 0.5)
export const OP_EXP = 23; // fexp
export const OP_LOG = 24; // flog
export const OP_LOG2 = 25; // flog(a) / 0.6931471805599453
export const OP_SQRT = 26; // IEEE sqrt
export const OP_CLAMP = 27; // x lo hi -> min(max(x, lo), hi)
export const OP_NORMAL = 28; // push a standard normal draw of the run's stream
export const OP_UNIFORM = 29; // push a uniform draw in (0, 1) of the run's stream
export const OP_TABLE = 30; // next words: n, slot of x0 (x0 y0 x1 y1 … in consecutive slots); x -> table(x)
export const OP_TLOAD = 31; // next word: table offset; push tables[offset + t] (a subexpression of the clock and constants, computed at compile time)
export const OP_COUNT = 32; // number of opcodes

/** Maximum stack depth of one formula (the compiler rejects deeper formulas). */
export const FORMULA_STACK = 32;
