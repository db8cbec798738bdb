// The reference kernels of remint: the TypeScript engine's, the same operations in the same order as
// assembly/blocks/remint.ts. Apart from the compile step (remint.ts), so that an app running the wasm
// engine does not download them: the reference engine loads lazily.

/** Reference kernel of I_REMINT's amount (the same additions as the wasm kernel). */
export function remintAmountRef(code: Int32Array, pc: number, s: Float64Array): number {
  const ring = code[pc + 3]!;
  const window = code[pc + 4]!;
  let sum = 0;
  for (let j = 0; j < window; j++) sum += s[ring + j]!;
  let a = s[code[pc + 5]!]! * (sum / window);
  const cap = s[code[pc + 6]!]!;
  if (a > cap) a = cap;
  return a;
}

/** Reference kernel of I_RING_PUSH. */
export function ringPushRef(code: Int32Array, pc: number, s: Float64Array, t: number): void {
  s[code[pc + 2]! + (t % code[pc + 3]!)] = s[code[pc + 4]!]!;
}
