import { ErrorCodes, fail, blockFormulas, blockOutputs, isStateOutput, PERIOD_DAYS, daysBetween, type BlockSpec, type ValidSpec } from '@flywheel/spec';
import { I_ACCUM, I_SET, I_SUM, I_ZERO } from '@flywheel/core-wasm/program-layout';
import { compileCreditBurn } from '../blocks/creditBurn.js';
import { compilePopulation } from '../blocks/population.js';
import { compilePrice, initialPrice } from '../blocks/price.js';
import { compileRemint } from '../blocks/remint.js';
import { compileSchedule } from '../blocks/schedule.js';
import { compileSignal } from '../blocks/signal.js';
import { compileTransfer } from '../blocks/transfer.js';
import { compileEscrow } from '../blocks/escrow.js';
import { compileLock } from '../blocks/lock.js';
import { compileSplit } from '../blocks/split.js';
import { compileBaselineMinting } from '../blocks/baselineMinting.js';
import { compileStepController } from '../blocks/stepController.js';
import { compileIssuanceHalving } from '../blocks/issuanceHalving.js';
import { compileBond } from '../blocks/bond.js';
import { compileBandController } from '../blocks/bandController.js';
import { compileChainCost } from '../blocks/chainCost.js';
import { compileConversion } from '../blocks/conversion.js';
import { compileAmm } from '../blocks/amm.js';
import { ProgramBuilder } from './builder.js';
import { compileContext, type CompileContext, type PopulationInfo } from './context.js';

/** The compile step of each block kind (one line per kind). */
const COMPILE: { [K in BlockSpec['kind']]: (b: Extract<BlockSpec, { kind: K }>, ctx: CompileContext, path: string) => void } = {
  signal: compileSignal,
  transfer: compileTransfer,
  schedule: compileSchedule,
  remint: compileRemint,
  creditBurn: compileCreditBurn,
  price: compilePrice,
  population: compilePopulation,
  escrow: compileEscrow,
  lock: compileLock,
  split: compileSplit,
  baselineMinting: compileBaselineMinting,
  stepController: compileStepController,
  issuanceHalving: compileIssuanceHalving,
  bond: compileBond,
  bandController: compileBandController,
  chainCost: compileChainCost,
  conversion: compileConversion,
  amm: compileAmm,
};

/** A spec compiled to a block program (see @flywheel/core-wasm/program-layout). */
export interface Program {
  readonly code: Int32Array;
  readonly initPc: number;
  readonly stepPc: number;
  /** The state vector at the start of every run. */
  readonly state: Float64Array;
  readonly tables: Float64Array;
  readonly populations: readonly PopulationInfo[];
  readonly workBytes: number;
  /** State slot of each stored metric, in metric order. */
  readonly metricSlots: Int32Array;
  /** Per asset, the slots of all its accounts (issuer and burned included): their sum never changes. */
  readonly ledgers: readonly { asset: string; slots: readonly number[] }[];
  /** The pc where each spec block's instructions start in the step section, then the pc where the end-of-step aggregates start. */
  readonly blockPcs?: Int32Array;
  /** Names of the named slots, by slot ('' for the others); for diagnostics. */
  readonly slotNames?: readonly string[];
  /** Each spec block as `kind "id"`, for diagnostics. */
  readonly blockLabels?: readonly string[];
  /** Each spec block's formulas as [field, source] (`blockFormulas`), for diagnostics. */
  readonly blockFormulas?: readonly (readonly [string, string])[][];
}

/** Days in one step, and its name for results (`day`, `round`, ...). */
export function stepOf(spec: ValidSpec): { days: number; name: string } {
  const s = spec.time.step;
  return typeof s === 'string' ? { days: PERIOD_DAYS[s], name: s } : { days: s.seconds / 86_400, name: s.name };
}

/** The step at which a clock point falls: a step index as given, or the step whose span holds the date. */
function stepAt(w: string | number, spec: ValidSpec, days: number): number {
  return typeof w === 'number' ? w : Math.floor(daysBetween(spec.time.start!, w) / days + 1e-9) + 1;
}

/**
 * The canonical metrics (they refer to the main asset) and the name each stands for.
 * @example
 * ```ts
 * new Map(canonicalMetrics(validateSpec(filecoin()))).get('circulatingSupply'); // 'FIL.circulating'
 * ```
 */
export function canonicalMetrics(spec: ValidSpec): [string, string][] {
  const a = spec.mainAsset;
  const out: [string, string][] = [
    ['totalSupply', `${a}.totalSupply`],
    ['circulatingSupply', `${a}.circulating`],
    ['minted', `${a}.minted`],
    ['burned', `${a}.burned`],
    ['cumulativeMinted', `${a}.cumulativeMinted`],
    ['cumulativeBurned', `${a}.cumulativeBurned`],
  ];
  const hasPrice = spec.blocks.some((b) => b.kind === 'price' && b.asset === a);
  if (hasPrice) out.push(['price', `${a}.price`], ['marketCap', '#marketCap'], ['fdv', '#fdv']);
  if (spec.signals?.demandUsd) out.push(['demandUsd', 'demandUsd']);
  const bonded = Object.entries(spec.assets[a]!.accounts).filter(([, acc]) => acc.tag === 'bonded');
  if (bonded.length > 0) out.push(['stakedSupply', '#staked']);
  const pop = spec.blocks.find((b) => b.kind === 'population');
  if (pop) out.push(['activeProviders', `${pop.id}.active`], ['providerRevenueUsd', `${pop.id}.revenueUsd`]);
  out.push(['inflationAnnualised', '#inflation'], ['burnMintRatio', '#burnMint']);
  return out;
}

/**
 * Every metric name the model can store, and its meaning source: the canonical metrics first,
 * then every signal, block output, account balance and asset aggregate by its own name.
 * @example
 * ```ts
 * availableMetrics(validateSpec(filecoin())).includes('FIL.pledge'); // true
 * ```
 */
export function availableMetrics(spec: ValidSpec): string[] {
  const names = canonicalMetrics(spec).map(([n]) => n);
  names.push(...Object.keys(spec.signals ?? {}).filter((n) => n !== 'demandUsd'));
  for (const b of spec.blocks) names.push(...blockOutputs(b).filter(() => !(b.kind === 'price' && b.asset === spec.mainAsset)));
  for (const [a, asset] of Object.entries(spec.assets)) {
    for (const acc of Object.keys(asset.accounts)) names.push(`${a}.${acc}`);
    for (const n of ['unissued', 'totalSupply', 'circulating', 'minted', 'burned', 'cumulativeMinted', 'cumulativeBurned', 'residual']) names.push(`${a}.${n}`);
  }
  return [...new Set(names)];
}

/**
 * The metrics stored when none are asked for: the canonical ones and the declared signals.
 * @example
 * ```ts
 * defaultMetrics(validateSpec(helium())); // ['totalSupply', 'circulatingSupply', ..., 'burnMintRatio']
 * ```
 */
export function defaultMetrics(spec: ValidSpec): string[] {
  return [...canonicalMetrics(spec).map(([n]) => n), ...Object.keys(spec.signals ?? {}).filter((n) => n !== 'demandUsd')];
}

/**
 * Compiles a validated version-2 spec into a block program.
 * @param metrics - names of the metrics to store (default {@link defaultMetrics})
 * @throws FlywheelError RESULT_UNKNOWN_METRIC for a metric the model does not produce; FORMULA_* for a formula that does not compile
 */
export function compileProgram(spec: ValidSpec, metrics?: readonly string[]): { program: Program; metrics: string[]; step: string; stepDays: number } {
  const { days, name: stepName } = stepOf(spec);
  const B = new ProgramBuilder();
  // Slots every program has (program.ts: S_T, S_YEARS, S_YEARS_PER_STEP).
  const stepsPerYear = 365 / days;
  B.timeSlots.add(B.slot(0, 't'));
  B.timeSlots.add(B.slot(0, 'years'));
  B.constSlots.add(B.slot(1 / stepsPerYear));
  B.constSlots.add(B.slot(stepsPerYear, 'stepsPerYear'));
  B.constSlots.add(B.slot(days, 'stepDays'));
  // parameters never change during a run (a sweep compiles each point)
  for (const [n, v] of Object.entries(spec.params ?? {})) B.constSlots.add(B.slot(v, n));
  B.steps = spec.time.steps;
  for (const [n, sig] of Object.entries(spec.signals ?? {})) B.slot(sig.initial ?? 0, n);

  // The ledger: per asset its issuer (cap − issued, or 0 and unlimited when uncapped), burned, accounts and aggregates.
  const ledgers: { asset: string; slots: number[] }[] = [];
  const flows: number[] = [];
  for (const [a, asset] of Object.entries(spec.assets)) {
    let initial = 0;
    for (const acc of Object.values(asset.accounts)) initial += acc.initial ?? 0;
    const issuer = B.slot(asset.cap === undefined ? 0 : asset.cap - initial, `${a}.unissued`);
    const burned = B.slot(0, `${a}.#burned`);
    const accounts = Object.entries(asset.accounts).map(([n, acc]) => B.slot(acc.initial ?? 0, `${a}.${n}`));
    ledgers.push({ asset: a, slots: [issuer, burned, ...accounts] });
    B.slot(0, `${a}.totalSupply`);
    B.slot(0, `${a}.circulating`);
    flows.push(B.slot(0, `${a}.minted`), B.slot(0, `${a}.burned`));
    B.slot(0, `${a}.cumulativeMinted`);
    B.slot(0, `${a}.cumulativeBurned`);
    B.slot(0, `${a}.residual`);
  }
  const outputs: number[] = [];
  for (const b of spec.blocks) {
    for (const n of blockOutputs(b)) {
      const initial = b.kind === 'price' ? initialPrice(b) : 0;
      const s = B.slot(initial, n);
      if (!isStateOutput(b, n)) outputs.push(s); // flows of the step start at 0; state outputs keep their value
    }
  }
  B.slot(0, '#marketCap');
  B.slot(0, '#fdv');
  B.slot(0, '#staked');
  B.slot(0, '#inflation');
  B.slot(0, '#burnMint');

  const main = spec.mainAsset;
  // The stored metrics, chosen first: derived figures nobody stores are not computed.
  const canonical = new Map(canonicalMetrics(spec));
  const available = availableMetrics(spec);
  const chosen = metrics ? [...metrics] : defaultMetrics(spec);
  if (chosen.length === 0) fail(ErrorCodes.RUN_INVALID_OPTION, 'metrics', metrics, 'no metrics to store', `Store at least one of: ${available.slice(0, 12).join(', ')}, ...`);
  for (const m of chosen) {
    if (!available.includes(m)) fail(ErrorCodes.RESULT_UNKNOWN_METRIC, 'metrics', m, `model "${spec.name}" has no metric "${m}"`, `Use one of: ${available.join(', ')}.`);
  }
  const targets = chosen.map((m) => canonical.get(m) ?? m);
  const wanted = (name: string) => targets.includes(name);
  // Names something reads: stored metrics, the blocks (formulas and kernel operands, recorded by the
  // builder as the blocks compile) and the derived metrics' inputs. Aggregates nobody reads are not computed.
  const needed = new Set<string>(targets);
  if (wanted('#inflation')) needed.add(`${main}.totalSupply`);
  if (wanted('#marketCap')) needed.add(`${main}.circulating`);
  if (wanted('#fdv') && spec.assets[main]!.cap === undefined) needed.add(`${main}.totalSupply`);

  const ctx = compileContext(B, spec, days);
  // Start of each step: the step's flows and block outputs are zero.
  B.step.emit(I_ZERO, [flows.length + outputs.length, ...flows, ...outputs]);
  const blockMarks: number[] = [];
  spec.blocks.forEach((b, i) => {
    blockMarks.push(B.step.words.length);
    const c = b.clock;
    const clock = c && {
      every: c.every ?? 1,
      from: c.from === undefined ? 1 : stepAt(c.from, spec, days),
      until: c.until === undefined ? 2 ** 31 - 1 : stepAt(c.until, spec, days),
    };
    B.guarded(clock, () => (COMPILE[b.kind] as (b: BlockSpec, ctx: CompileContext, path: string) => void)(b, ctx, `blocks.${i}`));
  });

  // End of each step (and, but for the flows, the start of each run): aggregates and derived metrics.
  const aggregates = (section: typeof B.step, endOfStep: boolean) => {
    if (endOfStep) {
      // annualised inflation uses the total supply at the start of the step (not yet re-summed)
      if (wanted('#inflation'))
        section.emit(I_SET, [B.named('#inflation'), B.formula(`if(${main}.totalSupply > 0, (${main}.minted - ${main}.burned) / ${main}.totalSupply * stepsPerYear, 0)`, 'mainAsset')]);
      if (wanted('#burnMint')) section.emit(I_SET, [B.named('#burnMint'), B.formula(`if(${main}.minted > 0, ${main}.burned / ${main}.minted, 0)`, 'mainAsset')]);
    }
    for (const [a, asset] of Object.entries(spec.assets)) {
      const tags = asset.circulating ?? ['liquid'];
      const accs = Object.entries(asset.accounts);
      const slotsOf = (keep: (tag: string) => boolean) => accs.filter(([, acc]) => keep(acc.tag)).map(([n]) => B.named(`${a}.${n}`));
      const all = slotsOf(() => true);
      const circ = slotsOf((tag) => tags.includes(tag as never));
      if (needed.has(`${a}.totalSupply`)) section.emit(I_SUM, [B.named(`${a}.totalSupply`), all.length, ...all]);
      if (needed.has(`${a}.circulating`)) section.emit(I_SUM, [B.named(`${a}.circulating`), circ.length, ...circ]);
      if (a === main && wanted('#staked')) {
        const bonded = slotsOf((tag) => tag === 'bonded');
        section.emit(I_SUM, [B.named('#staked'), bonded.length, ...bonded]);
      }
      if (endOfStep) {
        if (needed.has(`${a}.cumulativeMinted`)) section.emit(I_ACCUM, [B.named(`${a}.cumulativeMinted`), B.named(`${a}.minted`)]);
        if (needed.has(`${a}.cumulativeBurned`)) section.emit(I_ACCUM, [B.named(`${a}.cumulativeBurned`), B.named(`${a}.burned`)]);
      }
      // residual: the sum of all the asset's accounts less their sum at the start (0 but for rounding)
      if (!wanted(`${a}.residual`)) continue;
      const ledger = ledgers.find((l) => l.asset === a)!;
      let initial = 0;
      for (const s of ledger.slots) initial += B.state[s]!;
      section.emit(I_SUM, [B.named(`${a}.residual`), ledger.slots.length + 1, B.constant(-initial), ...ledger.slots]);
    }
    if (spec.blocks.some((b) => b.kind === 'price' && b.asset === main)) {
      const cap = spec.assets[main]!.cap;
      if (wanted('#marketCap')) section.emit(I_SET, [B.named('#marketCap'), B.formula(`${main}.price * ${main}.circulating`, 'mainAsset')]);
      if (wanted('#fdv')) section.emit(I_SET, [B.named('#fdv'), B.formula(cap === undefined ? `${main}.price * ${main}.totalSupply` : `${main}.price * ${cap}`, 'mainAsset')]);
    }
  };
  blockMarks.push(B.step.words.length);
  for (const f of ctx.epilogue) f();
  for (const n of B.used) needed.add(n);
  aggregates(B.step, true);
  aggregates(B.init, false);

  const metricSlots = targets.map((t) => B.named(t));
  const built = B.build();
  return {
    program: {
      ...built,
      populations: ctx.populations,
      workBytes: B.workBytes,
      metricSlots: Int32Array.from(metricSlots),
      ledgers,
      blockPcs: Int32Array.from(blockMarks, (m) => built.stepPc + m),
      slotNames: B.slotNames(),
      blockLabels: spec.blocks.map((b) => `${b.kind} "${b.id}"`),
      blockFormulas: spec.blocks.map((b) => blockFormulas(b)),
    },
    metrics: chosen,
    step: stepName,
    stepDays: days,
  };
}
