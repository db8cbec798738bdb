/**
 * The reference interpreter of block programs (engine v2): the oracle for the wasm interpreter
 * (assembly/program.ts), instruction by instruction, with the same PRNG and the same order of
 * floating-point operations, so the parity suite requires identical numbers. It also checks
 * conservation: after every step of every run, each asset's accounts must sum to what they held
 * at the start (within f64 rounding).
 */
import { ErrorCodes, fail, parseFormula } from '@flywheel/spec';
import {
  I_ACCUM,
  I_CREDIT_BURN,
  I_GUARD,
  I_HALT,
  I_POP_INIT,
  I_POP_STEP,
  I_PRICE,
  I_REMINT,
  I_RING_PUSH,
  I_SCHEDULE,
  I_SET,
  I_SUM,
  I_TRANSFER,
  I_ZERO,
  I_ESCROW,
  I_LOCK,
  I_SPLIT,
  I_BASELINE,
  I_STEP_CONTROLLER,
  I_ISSUANCE_HALVING,
  I_BOND,
  I_BAND_CONTROLLER,
  I_CHAIN_COST,
  I_CONVERSION,
  I_AMM,
} from '@flywheel/core-wasm/program-layout';
import { baselineRef } from '../blocks/baselineMinting.ref.js';
import { bondRef } from '../blocks/bond.ref.js';
import { creditBurnRef } from '../blocks/creditBurn.ref.js';
import { escrowRef } from '../blocks/escrow.ref.js';
import { issuanceHalvingRef } from '../blocks/issuanceHalving.ref.js';
import { lockRef } from '../blocks/lock.ref.js';
import { splitRef } from '../blocks/split.ref.js';
import { stepControllerRef } from '../blocks/stepController.ref.js';
import { bandControllerRef } from '../blocks/bandController.ref.js';
import { chainCostRef } from '../blocks/chainCost.ref.js';
import { conversionRef } from '../blocks/conversion.ref.js';
import { ammRef } from '../blocks/amm.ref.js';
import { PopulationRef, PopulationScreenRef } from '../blocks/population-ref.js';
import { priceRef } from '../blocks/price.ref.js';
import { remintAmountRef, ringPushRef } from '../blocks/remint.ref.js';
import { evalFormula, setFormulaTables } from '../formula/evaluate.js';
import type { Program } from '../program/compile.js';
import { moveRef } from '../program/ledger.js';
import { Rng } from './rng.js';

/** Largest relative drift of an asset's ledger sum that f64 rounding may explain. */
export const CONSERVATION_TOLERANCE = 1e-9;

function exec(p: Program, pc: number, s: Float64Array, t: number, rng: Rng, pops: (PopulationRef | PopulationScreenRef)[], after?: (pc: number) => void): void {
  const code = p.code;
  for (;;) {
    const op = code[pc]!;
    const next = code[pc + 1]!;
    switch (op) {
      case I_HALT:
        return;
      case I_GUARD: {
        const every = code[pc + 2]!,
          from = code[pc + 3]!,
          until = code[pc + 4]!;
        if (t < from || t >= until || (t - from) % every !== 0) {
          pc = code[pc + 5]!;
          continue;
        }
        break;
      }
      case I_ZERO:
        for (let i = 0; i < code[pc + 2]!; i++) s[code[pc + 3 + i]!] = 0;
        break;
      case I_SUM: {
        let acc = 0;
        for (let i = 0; i < code[pc + 3]!; i++) acc += s[code[pc + 4 + i]!]!;
        s[code[pc + 2]!] = acc;
        break;
      }
      case I_SET:
        s[code[pc + 2]!] = evalFormula(code, code[pc + 3]!, s, rng);
        break;
      case I_ACCUM:
        s[code[pc + 2]!] = s[code[pc + 2]!]! + s[code[pc + 3]!]!;
        break;
      case I_TRANSFER:
        s[code[pc + 2]!] = moveRef(code, pc + 4, s, evalFormula(code, code[pc + 3]!, s, rng));
        break;
      case I_SCHEDULE:
        s[code[pc + 2]!] = moveRef(code, pc + 4, s, p.tables[code[pc + 3]! + t]!);
        break;
      case I_REMINT:
        s[code[pc + 2]!] = moveRef(code, pc + 7, s, remintAmountRef(code, pc, s));
        break;
      case I_RING_PUSH:
        ringPushRef(code, pc, s, t);
        break;
      case I_CREDIT_BURN:
        creditBurnRef(code, pc, s, rng);
        break;
      case I_PRICE:
        priceRef(code, pc, s, p.tables, t, rng);
        break;
      case I_POP_INIT:
        pops[code[pc + 2]!]!.init(code, pc, s, rng);
        break;
      case I_POP_STEP:
        pops[code[pc + 2]!]!.step(code, pc, s, t, rng);
        break;
      case I_ESCROW:
        escrowRef(code, pc, s, t, rng);
        break;
      case I_LOCK:
        lockRef(code, pc, s, rng);
        break;
      case I_SPLIT:
        splitRef(code, pc, s, rng);
        break;
      case I_BASELINE:
        baselineRef(code, pc, s, rng);
        break;
      case I_STEP_CONTROLLER:
        stepControllerRef(code, pc, s, rng);
        break;
      case I_ISSUANCE_HALVING:
        issuanceHalvingRef(code, pc, s, rng);
        break;
      case I_BOND:
        bondRef(code, pc, s, t, rng);
        break;
      case I_BAND_CONTROLLER:
        bandControllerRef(code, pc, s, p.tables, t, rng);
        break;
      case I_CHAIN_COST:
        chainCostRef(code, pc, s, rng);
        break;
      case I_CONVERSION:
        conversionRef(code, pc, s, rng);
        break;
      case I_AMM:
        ammRef(code, pc, s, rng);
        break;
      default:
        throw new Error(`internal: unknown instruction ${op} at ${pc}`);
    }
    if (after) after(pc);
    pc = next;
  }
}

/**
 * Simulates runs [runStart, runEnd) of a program and returns every stored metric as
 * out[(m · (steps+1) + t) · nRuns + (run − runStart)], the wasm engine's layout.
 * @throws FlywheelError ENGINE_CONSERVATION if an asset's accounts stop summing to their start
 */
export function simulateProgramReference(p: Program, steps: number, seed: number, runStart: number, runEnd: number): Float64Array {
  const n1 = steps + 1;
  const nRuns = runEnd - runStart;
  const nm = p.metricSlots.length;
  const out = new Float64Array(nm * n1 * nRuns);
  const s = new Float64Array(p.state.length);
  const pops = p.populations.map((q) => (q.kernel === 'screening' ? new PopulationScreenRef(q.count) : new PopulationRef(q.count)));
  const initialSums = p.ledgers.map((l) => l.slots.reduce((acc, k) => acc + p.state[k]!, 0));
  const record = (t: number, col: number) => {
    for (let m = 0; m < nm; m++) out[(m * n1 + t) * nRuns + col] = s[p.metricSlots[m]!]!;
  };
  const yearsPerStep = p.state[2]!;
  setFormulaTables(p.tables);
  for (let run = runStart; run < runEnd; run++) {
    const rng = new Rng(seed, run);
    s.set(p.state);
    exec(p, p.initPc, s, 0, rng, pops);
    record(0, run - runStart);
    for (let t = 1; t <= steps; t++) {
      s[0] = t;
      s[1] = t * yearsPerStep;
      exec(p, p.stepPc, s, t, rng, pops);
      p.ledgers.forEach((l, i) => {
        let sum = 0;
        let scale = 0;
        for (const k of l.slots) {
          sum += s[k]!;
          scale += Math.abs(s[k]!);
        }
        const drift = sum - initialSums[i]!;
        if (!Number.isFinite(sum)) {
          // a non-finite amount (e.g. a price that overflowed) reached the ledger: the same error the
          // wasm engine's results get, at the first step it happens
          failNonFinite(p, steps, seed, runEnd, l.asset, sum, `an account of ${l.asset} became ${sum} at step ${t} of run ${run}`);
        }
        if (!(Math.abs(drift) <= CONSERVATION_TOLERANCE * Math.max(1, scale))) {
          fail(
            ErrorCodes.ENGINE_CONSERVATION,
            l.asset,
            drift,
            `the accounts of ${l.asset} sum to ${sum} after step ${t} of run ${run}, not ${initialSums[i]}`,
            'A block created or destroyed tokens outside mint and burn; please report it with the spec.',
          );
        }
      });
      record(t, run - runStart);
    }
  }
  return out;
}

/** Where a run first went non-finite: the block, the step, the run and the state slot. */
export interface NonFiniteSite {
  /** Index of the spec block whose instruction produced it (−1: the end-of-step aggregates or the init section). */
  block: number;
  step: number;
  run: number;
  /** Name of the slot (an account, a signal, a block output), or `slot <k>` for an unnamed one. */
  slot: string;
  value: number;
  /** The run's state right after the instruction that produced it. */
  state: Float64Array;
}

/**
 * Re-simulates runs [0, maxRuns) on the reference interpreter, checking the whole state after every
 * instruction, and returns where the first non-finite value appeared (undefined if none did). Only
 * used to explain a failure: it is much slower than a run.
 */
export function findNonFinite(p: Program, steps: number, seed: number, runs: number, maxRuns = 64): NonFiniteSite | undefined {
  const s = new Float64Array(p.state.length);
  const yearsPerStep = p.state[2]!;
  setFormulaTables(p.tables);
  const blockOf = (pc: number) => {
    const marks = p.blockPcs;
    if (!marks) return -1;
    let b = -1;
    for (let i = 0; i + 1 < marks.length; i++) if (pc >= marks[i]! && pc < marks[i + 1]!) b = i;
    return b;
  };
  for (let run = 0; run < Math.min(runs, maxRuns); run++) {
    const rng = new Rng(seed, run);
    const pops = p.populations.map((q) => (q.kernel === 'screening' ? new PopulationScreenRef(q.count) : new PopulationRef(q.count)));
    s.set(p.state);
    let t = 0;
    let found: NonFiniteSite | undefined;
    const after = (pc: number) => {
      if (found) return;
      for (let k = 0; k < s.length; k++) {
        if (!Number.isFinite(s[k]!)) {
          found = { block: blockOf(pc), step: t, run, slot: p.slotNames?.[k] || `slot ${k}`, value: s[k]!, state: s.slice() };
          return;
        }
      }
    };
    exec(p, p.initPc, s, 0, rng, pops, after);
    for (t = 1; t <= steps && !found; t++) {
      s[0] = t;
      s[1] = t * yearsPerStep;
      exec(p, p.stepPc, s, t, rng, pops, after);
    }
    if (found) return found;
  }
  return undefined;
}

/**
 * What the failing block's formulas read when it failed, largest magnitudes first: e.g.
 * `blocks.0.formula reads growth = 1e+308, demand0 = 1000, t = 3` (at most 4 names a formula; the
 * block's own outputs are left out). Empty when the block has no formula or its names are unknown.
 */
function formulaInputs(p: Program, site: NonFiniteSite): string {
  const formulas = p.blockFormulas?.[site.block] ?? [];
  const slotOf = new Map<string, number>();
  p.slotNames?.forEach((n, k) => n && !slotOf.has(n) && slotOf.set(n, k));
  const parts: string[] = [];
  for (const [field, source] of formulas) {
    let names: string[];
    try {
      names = [...new Set(parseFormula(source, field).names.map((n) => n.name))];
    } catch {
      continue;
    }
    const read = names
      .filter((n) => n !== site.slot && slotOf.has(n))
      .map((n) => [n, site.state[slotOf.get(n)!]!] as const)
      .sort((a, b) => (Number.isFinite(b[1]) ? Math.abs(b[1]) : Infinity) - (Number.isFinite(a[1]) ? Math.abs(a[1]) : Infinity))
      .slice(0, 4);
    if (read.length) parts.push(`blocks.${site.block}.${field} reads ${read.map(([n, v]) => `${n} = ${v}`).join(', ')}`);
  }
  return parts.join('; ');
}

/**
 * Raises ENGINE_NON_FINITE at the spec block that first produced a non-finite value (found by
 * {@link findNonFinite}), or at `fallbackPath` when it cannot be found.
 */
export function failNonFinite(p: Program, steps: number, seed: number, runs: number, fallbackPath: string, fallbackValue: number, fallbackMessage: string): never {
  const site = findNonFinite(p, steps, seed, runs);
  const hint =
    'Check the spec for extreme values (e.g. an impact price when almost nothing circulates, a division by a value that reaches 0, or explosive growth); please report it if the spec is sensible.';
  if (site && site.block >= 0) {
    const label = p.blockLabels?.[site.block] ?? '';
    const inputs = formulaInputs(p, site);
    fail(
      ErrorCodes.ENGINE_NON_FINITE,
      `blocks.${site.block}`,
      site.value,
      `blocks.${site.block}${label ? ` (${label})` : ''} made ${site.slot} ${site.value} at step ${site.step} of run ${site.run}${inputs ? `; ${inputs}` : ''}`,
      `Check that block's formulas and parameters${inputs ? ' (the largest inputs first)' : ''}. ${hint}`,
    );
  }
  fail(ErrorCodes.ENGINE_NON_FINITE, fallbackPath, fallbackValue, fallbackMessage, hint);
}
