import { validateSpec, type ValidSpec } from '@flywheel/spec';
import { compileProgram, type Program } from './program/compile.js';

/** A spec compiled to a block program; both engines interpret `program`. */
export interface CompiledModel {
  readonly version: 2;
  readonly spec: ValidSpec;
  readonly steps: number;
  readonly runs: number;
  readonly seed: number;
  /** Agents of all populations (for the work estimate of threads: 'auto'). */
  readonly agents: number;
  /** Stored metrics, in storage order. */
  readonly metrics: readonly string[];
  readonly program: Program;
  /** The step's name in results (`day`, `round`, ...). */
  readonly step: string;
  readonly stepDays: number;
}

/**
 * Compiles a validated spec into a block program.
 * @param only - names of the metrics to store (default: the canonical metrics and the declared signals)
 * @throws FlywheelError RESULT_UNKNOWN_METRIC for a metric the model does not produce; FORMULA_* for a formula that does not compile
 * @example
 * ```ts
 * const model = compile(validateSpec(helium()), ['totalSupply', 'price']);
 * model.program.code.length; // words of the block program
 * ```
 */
export function compile(spec: ValidSpec, only?: readonly string[]): CompiledModel {
  const { program, metrics, step, stepDays } = compileProgram(spec, only);
  const agents = program.populations.reduce((n, p) => n + p.count, 0);
  return { version: 2, spec, steps: spec.time.steps, runs: spec.monteCarlo.runs, seed: spec.monteCarlo.seed, agents, metrics, program, step, stepDays };
}

/**
 * Validates and compiles a spec.
 * @throws FlywheelError for an invalid spec or an unknown metric
 * @example
 * ```ts
 * compileSpec(helium({ runs: 10 }), ['price']).metrics; // ['price']
 * ```
 */
export function compileSpec(spec: unknown, only?: readonly string[]): CompiledModel {
  return compile(validateSpec(spec), only);
}
