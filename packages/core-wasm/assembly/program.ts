// The block-program interpreter (engine v2): the ledger, clocks, dispatch and recording. The
// instruction set is program-layout.ts; the reference interpreter in @flywheel/sdk
// (src/engine/interpreter.ts) follows it line by line, so both give the same bits.
// Mechanism kernels live in blocks/; this file knows no model and no protocol.
import {
  I_HALT, I_GUARD, I_ZERO, I_SUM, I_SET, I_ACCUM, I_TRANSFER, I_SCHEDULE, I_REMINT,
  I_RING_PUSH, I_CREDIT_BURN, I_PRICE, I_POP_INIT, I_POP_STEP, I_ESCROW, I_LOCK, I_SPLIT, I_BASELINE,
  I_STEP_CONTROLLER, I_ISSUANCE_HALVING, I_BOND, I_BAND_CONTROLLER, I_CHAIN_COST, I_CONVERSION, I_AMM,
} from '../src/program-layout';
import { formulaValue, setFormulaTables } from './formula';
import { seedRun } from './rng';
import { move } from './ledger';
import { remintAmount, ringPush } from './blocks/remint';
import { creditBurn } from './blocks/creditBurn';
import { priceStep } from './blocks/price';
import { populationInit, populationStep } from './blocks/populationBlock';
import { escrowStep } from './blocks/escrow';
import { lockStep } from './blocks/lock';
import { splitStep } from './blocks/split';
import { baselineStep } from './blocks/baselineMinting';
import { stepControllerStep } from './blocks/stepController';
import { issuanceHalvingStep } from './blocks/issuanceHalving';
import { bondStep } from './blocks/bond';
import { bandControllerStep } from './blocks/bandController';
import { chainCostStep } from './blocks/chainCost';
import { conversionStep } from './blocks/conversion';
import { ammStep } from './blocks/amm';
import { sset, sv, w } from './state';

// State slots every program has.
const S_T: i32 = 0; // the step being computed (0 at the start)
const S_YEARS: i32 = 1; // t × years per step
const S_YEARS_PER_STEP: i32 = 2;


/** Runs one section of the program from `pc` to its I_HALT. */
function exec(code: usize, pc: i32, state: usize, tables: usize, work: usize, t: i32): void {
  while (true) {
    const op = w(code, pc);
    const next = w(code, pc + 1);
    switch (op) {
      case I_HALT: return;
      case I_GUARD: {
        const every = w(code, pc + 2), from = w(code, pc + 3), until = w(code, pc + 4);
        if (t < from || t >= until || (t - from) % every != 0) { pc = w(code, pc + 5); continue; }
        break;
      }
      case I_ZERO: {
        const n = w(code, pc + 2);
        for (let i = 0; i < n; i++) sset(state, w(code, pc + 3 + i), 0);
        break;
      }
      case I_SUM: {
        const n = w(code, pc + 3);
        let acc: f64 = 0;
        for (let i = 0; i < n; i++) acc += sv(state, w(code, pc + 4 + i));
        sset(state, w(code, pc + 2), acc);
        break;
      }
      case I_SET:
        sset(state, w(code, pc + 2), formulaValue(code, w(code, pc + 3), state));
        break;
      case I_ACCUM: {
        const dst = w(code, pc + 2);
        sset(state, dst, sv(state, dst) + sv(state, w(code, pc + 3)));
        break;
      }
      case I_TRANSFER: {
        const amount = formulaValue(code, w(code, pc + 3), state);
        sset(state, w(code, pc + 2), amount <= 0 ? 0 : move(code, pc + 4, state, amount)); // move() moves nothing for amount ≤ 0
        break;
      }
      case I_SCHEDULE: {
        const amount = load<f64>(tables + ((<usize>w(code, pc + 3) + <usize>t) << 3));
        sset(state, w(code, pc + 2), amount <= 0 ? 0 : move(code, pc + 4, state, amount));
        break;
      }
      case I_REMINT:
        sset(state, w(code, pc + 2), move(code, pc + 7, state, remintAmount(code, pc, state)));
        break;
      case I_RING_PUSH:
        ringPush(code, pc, state, t);
        break;
      case I_CREDIT_BURN:
        creditBurn(code, pc, state);
        break;
      case I_PRICE:
        priceStep(code, pc, state, tables, t);
        break;
      case I_POP_INIT:
        populationInit(code, pc, state, work);
        break;
      case I_POP_STEP:
        populationStep(code, pc, state, work, t);
        break;
      case I_ESCROW: escrowStep(code, pc, state, t); break;
      case I_LOCK: lockStep(code, pc, state); break;
      case I_SPLIT: splitStep(code, pc, state); break;
      case I_BASELINE: baselineStep(code, pc, state); break;
      case I_STEP_CONTROLLER: stepControllerStep(code, pc, state); break;
      case I_ISSUANCE_HALVING: issuanceHalvingStep(code, pc, state); break;
      case I_BOND: bondStep(code, pc, state, t); break;
      case I_BAND_CONTROLLER: bandControllerStep(code, pc, state, tables, t); break;
      case I_CHAIN_COST: chainCostStep(code, pc, state); break;
      case I_CONVERSION: conversionStep(code, pc, state); break;
      case I_AMM: ammStep(code, pc, state); break;
      default:
        unreachable();
    }
    pc = next;
  }
}

/**
 * Simulates runs [runStart, runEnd) of a compiled program and writes every stored metric into
 * `out`, laid out as out[(m · (steps+1) + t) · stride + (run − runStart)].
 * `init` holds the state at the start of a run (nState slots); `state` is its working copy.
 * `metrics` lists the state slot of each stored metric (i32).
 */
export function simulateProgram(code: usize, initPc: i32, stepPc: i32, init: usize, state: usize, nState: i32, tables: usize,
  work: usize, metrics: usize, nMetrics: i32, steps: i32, seed: u32, out: usize, stride: i32, runStart: i32, runEnd: i32): void {
  const n1 = steps + 1;
  const rowBytes = <usize>stride << 3;
  const metricBytes = <usize>n1 * rowBytes;
  setFormulaTables(tables);
  for (let run = runStart; run < runEnd; run++) {
    seedRun(seed, <u32>run);
    memory.copy(state, init, <usize>nState << 3);
    const col = out + (<usize>(run - runStart) << 3);
    exec(code, initPc, state, tables, work, 0);
    for (let m = 0; m < nMetrics; m++) {
      store<f64>(col + <usize>m * metricBytes, sv(state, load<i32>(metrics + (<usize>m << 2))));
    }
    const ypS = sv(state, S_YEARS_PER_STEP);
    for (let t = 1; t <= steps; t++) {
      sset(state, S_T, <f64>t);
      sset(state, S_YEARS, <f64>t * ypS);
      exec(code, stepPc, state, tables, work, t);
      const cell = col + <usize>t * rowBytes;
      for (let m = 0; m < nMetrics; m++) {
        store<f64>(cell + <usize>m * metricBytes, sv(state, load<i32>(metrics + (<usize>m << 2))));
      }
    }
  }
}
