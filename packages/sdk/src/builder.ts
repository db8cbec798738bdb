import { ErrorCodes, fail, plainData, setPath, stepsPerYear, validateSpec, type ModelSpec, type ValidSpec } from '@flywheel/spec';
import type { RunResult } from './result.js';
import { run, type EngineName, type RunOptions } from './run.js';

/**
 * An immutable, chainable view of a spec plus run options. Every method returns a new builder,
 * so one base can fan out into scenarios.
 *
 * @example
 * ```ts
 * import { flywheel } from '@flywheel/sdk';
 * import { helium } from '@flywheel/models';
 * const result = await flywheel(helium()).years(10).runs(500).seed(42)
 *   .set('params.growth', 0.3).run();
 * result.metric('price').p50;
 * ```
 */
export class FlywheelBuilder {
  readonly #spec: ModelSpec;
  readonly #options: RunOptions;

  constructor(spec: ModelSpec, options: RunOptions = {}) {
    this.#spec = spec;
    this.#options = options;
  }

  #with(spec: ModelSpec, options: RunOptions = this.#options): FlywheelBuilder {
    return new FlywheelBuilder(spec, options);
  }

  /** Sets the horizon in years (rounded to whole steps). @throws FlywheelError RUN_INVALID_OPTION */
  years(y: number): FlywheelBuilder {
    if (!(Number.isFinite(y) && y > 0)) fail(ErrorCodes.RUN_INVALID_OPTION, 'time.steps', y, 'years must be a positive number', 'Use e.g. .years(10).');
    const perYear = stepsPerYear(this.#spec.time.step);
    const steps = Math.max(1, Math.round(y * perYear));
    return this.set('time.steps', steps);
  }

  /** Sets the number of steps. */
  steps(n: number): FlywheelBuilder {
    return this.set('time.steps', n);
  }

  /** Sets the number of Monte Carlo runs. */
  runs(n: number): FlywheelBuilder {
    return this.set('monteCarlo.runs', n);
  }

  /** Sets the seed (an integer 0 … 2^32 − 1). */
  seed(s: number): FlywheelBuilder {
    return this.set('monteCarlo.seed', s);
  }

  /**
   * Replaces the value at a dotted spec path (the parent must exist; a missing optional leaf is
   * created). The spec is validated when it runs, or by {@link FlywheelBuilder.validate}.
   * @throws FlywheelError SPEC_UNKNOWN_PATH
   */
  set(path: string, value: unknown): FlywheelBuilder {
    return this.#with(setPath(this.#spec, path, value, true));
  }

  /** Chooses the engine. */
  engine(name: EngineName): FlywheelBuilder {
    return this.#with(this.#spec, { ...this.#options, engine: name });
  }

  /** Worker threads: a count, or `'auto'` (default). Results do not depend on it. */
  threads(n: number | 'auto'): FlywheelBuilder {
    return this.#with(this.#spec, { ...this.#options, threads: n });
  }

  /** Stores and reports only these metrics. */
  metrics(names: readonly string[]): FlywheelBuilder {
    return this.#with(this.#spec, { ...this.#options, metrics: names });
  }

  /** `'auto'` (default: exact up to 256 MiB of per-run values, then streaming), `'exact'` or `'streaming'` (bounded memory; P² percentiles). */
  statistics(mode: 'auto' | 'exact' | 'streaming'): FlywheelBuilder {
    return this.#with(this.#spec, { ...this.#options, statistics: mode });
  }

  /** Run even when the work is estimated above about an hour on one core (see `LONG_RUN_WORK`). */
  allowLong(allow = true): FlywheelBuilder {
    return this.#with(this.#spec, { ...this.#options, allowLong: allow });
  }

  /** Keep every run's values for `result.paths(metric)` (memory grows with runs). */
  keepRuns(keep = true): FlywheelBuilder {
    return this.#with(this.#spec, { ...this.#options, keepRuns: keep });
  }

  /** Registers a progress callback (runs done, runs in all). */
  onProgress(fn: (done: number, total: number) => void): FlywheelBuilder {
    return this.#with(this.#spec, { ...this.#options, onProgress: fn });
  }

  /** The run options as set so far (engine, threads, metrics, progress). */
  options(): RunOptions {
    return { ...this.#options };
  }

  /** The spec as built so far (a deep copy). */
  spec(): ModelSpec {
    return plainData(this.#spec) as ModelSpec;
  }

  /** Validates the spec. @throws FlywheelError */
  validate(): ValidSpec {
    return validateSpec(this.#spec);
  }

  /** Runs the model. @throws FlywheelError */
  run(): Promise<RunResult> {
    return run(this.#spec, this.#options);
  }
}

/**
 * Starts a fluent chain from a spec.
 * @example
 * ```ts
 * const r = await flywheel(helium()).years(5).runs(100).run();
 * ```
 */
export function flywheel(spec: ModelSpec): FlywheelBuilder {
  // a plain copy: a getter, a proxy, a cycle or a non-JSON object is a FlywheelError with its path here
  return new FlywheelBuilder(plainData(spec) as ModelSpec);
}
