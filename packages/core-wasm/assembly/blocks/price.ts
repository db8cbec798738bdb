// price: the asset's USD price. I_PRICE [11, next, price, kind, drift, vol, sens, flowPc, floor, table, burned, minted, circulating, ceiling].
import { PK_PATH, PK_GBM, PK_IMPACT } from '../../src/program-layout';
import { formulaValue } from '../formula';
import { fexp } from '../math';
import { normal } from '../rng';
import { sv, w } from '../state';


/** One step of the price: a path value, a GBM step, or an impact step with noise; then the floor. */
export function priceStep(code: usize, pc: i32, state: usize, tables: usize, t: i32): void {
  const slot = w(code, pc + 2);
  const kind = w(code, pc + 3);
  let p = sv(state, slot);
  if (kind == PK_PATH) {
    p = load<f64>(tables + ((<usize>w(code, pc + 9) + <usize>t) << 3));
  } else if (kind == PK_GBM || kind == PK_IMPACT) {
    const vol = sv(state, w(code, pc + 5));
    let x: f64 = 0;
    if (kind == PK_IMPACT) {
      const flowPc = w(code, pc + 7);
      let flow: f64;
      if (flowPc >= 0) flow = formulaValue(code, flowPc, state);
      else {
        // the default flow: the step's net burn over the circulating supply at the start of the step
        const circ = sv(state, w(code, pc + 12));
        flow = circ > 0 ? (sv(state, w(code, pc + 10)) - sv(state, w(code, pc + 11))) / circ : 0;
      }
      x = sv(state, w(code, pc + 6)) * flow;
    }
    p *= fexp(x + sv(state, w(code, pc + 4)) + (vol > 0 ? vol * normal() : 0));
  }
  const floor = sv(state, w(code, pc + 8));
  if (p < floor) p = floor;
  const ceiling = sv(state, w(code, pc + 13));
  if (p > ceiling) p = ceiling;
  store<f64>(state + (<usize>slot << 3), p);
}
