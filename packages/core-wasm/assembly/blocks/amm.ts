// amm (constant-product pool with virtual base liquidity; Virtuals' FPair/FRouter): I_AMM
// [41, next, outBought, outBaseIn, outSold, outBaseOut, outTax, outPrice, vPc, buyPc, sellPc, P,
//  MOVE × 6 (7 words each: buy tax, buy net, buy out, sell in, sell tax, sell out)]; P: [buyTax, sellTax].
import { formulaValue } from '../formula';
import { move } from '../ledger';
import { sset, sv, w } from '../state';

const M: i32 = 7;

/** A buy (base in, tax off, tokens out at reserveToken · n / (reserveBase + n)), then a sell (tokens in, base out clipped to the real base, tax off). */
export function ammStep(code: usize, pc: i32, state: usize): void {
  const vPc = w(code, pc + 8), buyPc = w(code, pc + 9), sellPc = w(code, pc + 10), P = w(code, pc + 11);
  const g = pc + 12;
  const basePool = w(code, g + M + 4), tokenPool = w(code, g + 2 * M);
  const v: f64 = vPc >= 0 ? formulaValue(code, vPc, state) : 0;
  let bought: f64 = 0, baseIn: f64 = 0, sold: f64 = 0, baseOut: f64 = 0, tax: f64 = 0;
  if (buyPc >= 0) {
    let a = formulaValue(code, buyPc, state);
    const held = sv(state, w(code, g));
    if (a > held) a = held > 0 ? held : 0;
    if (a > 0) {
      const t = a * sv(state, P);
      const rb = sv(state, basePool) + v, rt = sv(state, tokenPool);
      tax += move(code, g, state, t);
      baseIn = move(code, g + M, state, a - t);
      const d = rb + baseIn;
      bought = move(code, g + 2 * M, state, d > 0 ? (rt * baseIn) / d : 0);
    }
  }
  if (sellPc >= 0) {
    let x = formulaValue(code, sellPc, state);
    const held = sv(state, w(code, g + 3 * M));
    if (x > held) x = held > 0 ? held : 0;
    if (x > 0) {
      const rb = sv(state, basePool) + v, rt = sv(state, tokenPool);
      let gross = rt + x > 0 ? (rb * x) / (rt + x) : 0;
      const real = sv(state, basePool);
      if (gross > real) gross = real > 0 ? real : 0;
      sold = move(code, g + 3 * M, state, x);
      const t = gross * sv(state, P + 1);
      tax += move(code, g + 4 * M, state, t);
      baseOut = move(code, g + 5 * M, state, gross - t);
    }
  }
  sset(state, w(code, pc + 2), bought);
  sset(state, w(code, pc + 3), baseIn);
  sset(state, w(code, pc + 4), sold);
  sset(state, w(code, pc + 5), baseOut);
  sset(state, w(code, pc + 6), tax);
  const rt2 = sv(state, tokenPool);
  sset(state, w(code, pc + 7), rt2 > 0 ? (sv(state, basePool) + v) / rt2 : 0);
}
