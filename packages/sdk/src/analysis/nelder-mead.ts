/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Stop after this many evaluations of f (default 200). */
  maxEvaluations?: number;
  /** Stop when the simplex's values differ by less than this, relative to |f(best)| + 1e-12 (default 1e-8) … */
  fTolerance?: number;
  /** … and its vertices by less than this in every coordinate (default 1e-6). */
  xTolerance?: number;
  /** Size of the initial simplex: x0 + step·e_i (default 0.1). */
  step?: number;
  /** Bounds: every point is projected into [lower, upper] before it is evaluated. */
  lower?: readonly number[];
  upper?: readonly number[];
  /** Evaluates several points at once (e.g. on threads); defaults to f on each. */
  batch?: (xs: Float64Array[]) => Promise<number[]>;
}

/** The minimum found. */
export interface NelderMeadResult {
  x: Float64Array;
  f: number;
  evaluations: number;
  iterations: number;
  /** True if it stopped on the tolerances, false on maxEvaluations. */
  converged: boolean;
}

/**
 * Minimises f by the Nelder–Mead simplex method (Nelder & Mead 1965) with the standard
 * coefficients (reflection 1, expansion 2, contraction 1/2, shrink 1/2) in the ordering of
 * Lagarias et al. (1998), with points projected into bounds. Deterministic.
 * @example
 * ```ts
 * const r = await nelderMead(async ([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2, [-1.2, 1]);
 * r.x; // ≈ [1, 1]
 * ```
 */
export async function nelderMead(f: (x: Float64Array) => Promise<number> | number, x0: readonly number[], options: NelderMeadOptions = {}): Promise<NelderMeadResult> {
  const n = x0.length;
  const maxEval = options.maxEvaluations ?? 200;
  const ftol = options.fTolerance ?? 1e-8;
  const xtol = options.xTolerance ?? 1e-6;
  const step = options.step ?? 0.1;
  const project = (x: Float64Array) => {
    for (let i = 0; i < n; i++) {
      if (options.lower) x[i] = Math.max(options.lower[i]!, x[i]!);
      if (options.upper) x[i] = Math.min(options.upper[i]!, x[i]!);
    }
    return x;
  };
  let evaluations = 0;
  const one = async (x: Float64Array) => {
    evaluations++;
    const v = await f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const many = async (xs: Float64Array[]) => {
    if (!options.batch) {
      const out: number[] = [];
      for (const x of xs) out.push(await one(x));
      return out;
    }
    evaluations += xs.length;
    return (await options.batch(xs)).map((v) => (Number.isFinite(v) ? v : Infinity));
  };
  const start = project(Float64Array.from(x0));
  const simplex: Float64Array[] = [start];
  for (let i = 0; i < n; i++) {
    const v = start.slice();
    const h = start[i] !== 0 ? step * Math.max(1, Math.abs(start[i]!)) : step;
    v[i] = v[i]! + h;
    // stay inside the bounds: step the other way when the step leaves them
    if (options.upper && v[i]! > options.upper[i]!) v[i] = start[i]! - h;
    simplex.push(project(v));
  }
  let values = await many(simplex);
  let iterations = 0;
  let converged = false;
  while (evaluations < maxEval) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const s = order.map((i) => simplex[i]!);
    const fv = order.map((i) => values[i]!);
    simplex.splice(0, simplex.length, ...s);
    values = fv;
    const spreadF = Math.abs(values[n]! - values[0]!);
    let spreadX = 0;
    for (let k = 1; k <= n; k++) for (let i = 0; i < n; i++) spreadX = Math.max(spreadX, Math.abs(simplex[k]![i]! - simplex[0]![i]!));
    if (spreadF <= ftol * (Math.abs(values[0]!) + 1e-12) && spreadX <= xtol) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Float64Array(n);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] = centroid[i]! + simplex[k]![i]! / n;
    const along = (t: number) => project(centroid.map((c, i) => c + t * (simplex[n]![i]! - c)));
    const xr = along(-1);
    const fr = await one(xr);
    if (fr < values[0]!) {
      const xe = along(-2);
      const fe = await one(xe);
      if (fe < fr) [simplex[n], values[n]] = [xe, fe];
      else [simplex[n], values[n]] = [xr, fr];
      continue;
    }
    if (fr < values[n - 1]!) {
      [simplex[n], values[n]] = [xr, fr];
      continue;
    }
    // contraction: outside if the reflection beat the worst, inside otherwise
    const outside = fr < values[n]!;
    const xc = along(outside ? -0.5 : 0.5);
    const fc = await one(xc);
    if (outside ? fc <= fr : fc < values[n]!) {
      [simplex[n], values[n]] = [xc, fc];
      continue;
    }
    // shrink toward the best vertex
    const shrunk = simplex.slice(1).map((v) => project(v.map((x, i) => simplex[0]![i]! + 0.5 * (x - simplex[0]![i]!))));
    const fs = await many(shrunk);
    for (let k = 1; k <= n; k++) [simplex[k], values[k]] = [shrunk[k - 1]!, fs[k - 1]!];
  }
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! < values[best]!) best = k;
  return { x: simplex[best]!, f: values[best]!, evaluations, iterations, converged };
}
