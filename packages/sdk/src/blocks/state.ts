// Shared helpers of the reference kernels (the twins of packages/core-wasm/assembly/state.ts).

/** `amount` clipped to what an account holds (never below 0); NaN stays NaN. */
export function clipTo(amount: number, held: number): number {
  if (amount > held) amount = held > 0 ? held : 0;
  if (amount < 0) amount = 0;
  return amount;
}
