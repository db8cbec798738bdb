// Access to the program's words and the run's state vector (engine v2), shared by the
// interpreter and the block kernels. `code` points to i32 words, `state` to f64 slots.

// @ts-ignore: decorator
@inline export function w(code: usize, pc: i32): i32 { return load<i32>(code + (<usize>pc << 2)); }
// @ts-ignore: decorator
@inline export function sv(state: usize, slot: i32): f64 { return load<f64>(state + (<usize>slot << 3)); }
// @ts-ignore: decorator
@inline export function sset(state: usize, slot: i32, v: f64): void { store<f64>(state + (<usize>slot << 3), v); }
// @ts-ignore: decorator
@inline export function sadd(state: usize, slot: i32, v: f64): void { const p = state + (<usize>slot << 3); store<f64>(p, load<f64>(p) + v); }

/**
 * `amount` clipped to what an account holds (never below 0). A NaN amount stays NaN, so that the
 * run's non-finite check reports it rather than a silent 0.
 */
// @ts-ignore: decorator
@inline export function clipTo(amount: f64, held: f64): f64 {
  if (amount > held) amount = held > 0 ? held : 0;
  if (amount < 0) amount = 0;
  return amount;
}
