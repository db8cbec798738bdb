#!/usr/bin/env node
// Flywheel benchmarks. `npm run bench` runs the suite and writes bench/results.json;
// `npm run bench -- w1 --runs 100 --threads 2 --json` runs one workload and prints one JSON object;
// `--statistics streaming` runs W1 with bounded-memory statistics (e.g. `--runs 10000`).
// Every workload runs in its own child process so that its peak memory (maxRSS) is its own;
// ratios are computed from measurements of the same invocation. W1 and the models run on engine
// v2 (block programs); `w1-noop` times W1 with ten extra no-op blocks against W1 in one process,
// interleaved; `w1-native` is the typed-array comparator's algorithm in C, built here with the
// system's C compiler when there is one.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string' },
    threads: { type: 'string' },
    engine: { type: 'string' },
    json: { type: 'boolean' },
    quick: { type: 'boolean' },
    child: { type: 'string' },
    iterations: { type: 'string' },
    statistics: { type: 'string' },
    kernel: { type: 'string' },
    agents: { type: 'string' },
  },
});
const quick = !!opts.quick;

/** Workload sizes: full, and the quick mode CI uses so the suite cannot rot. */
const SIZE = quick
  ? {
      w1: { steps: 365, agents: 200, runs: 10 },
      model: { years: 1, runs: 10 },
      big: { steps: 100, agents: 100_000 },
      sweep: 20,
      noopReps: 3,
      analysis: { years: 1, runs: 4, sobol: 4, morris: 3, riskRuns: 20, rare: 10 },
      curve: { steps: 365, runs: 2, agents: [1e3, 1e4], perAgentMax: 1e4 },
      law: { runs: 100, w1Agents: 200, w1Steps: 730, heliumYears: 1, heliumAgents: 200 },
    }
  : {
      w1: { steps: 3650, agents: 1000, runs: 100 },
      model: { years: 10, runs: 200 },
      big: { steps: 3650, agents: 100_000 },
      sweep: 1000,
      noopReps: 9,
      analysis: { years: 10, runs: 20, sobol: 16, morris: 10, riskRuns: 1000, rare: 30 },
      curve: { steps: 3650, runs: 10, agents: [1e3, 1e4, 1e5, 1e6], perAgentMax: 1e5 },
      law: { runs: 1000, w1Agents: 1000, w1Steps: 3650, heliumYears: 10, heliumAgents: 1000 },
    };

/**
 * The population kernel of every population block of a spec as the bench reports it (`kernel`):
 * `--kernel perAgent` puts every block on the per-agent kernel; otherwise each block's own choice,
 * which falls back to the per-agent kernel where screening does not apply (non-constant capacity).
 */
async function withKernel(spec) {
  const { populationKernel } = await import('@flywheel/sdk');
  const blocks = spec.blocks.map((b) => (b.kind === 'population' && opts.kernel ? { ...b, kernel: opts.kernel } : b));
  const kinds = blocks
    .filter((b) => b.kind === 'population')
    .map((b) => {
      const k = populationKernel(b);
      return k === 'perAgent' && b.kernel !== 'perAgent' ? 'perAgent (fallback: capacity varies)' : k;
    });
  return { spec: { ...spec, blocks }, kernel: kinds.length ? [...new Set(kinds)].join(', ') : 'none' };
}

/** Every model of @flywheel/models (what `flywheel list` shows) is in the suite. */
const MODELS = Object.keys((await import('@flywheel/models')).models);

/** Agents of a v2 spec: the sum of its population blocks' counts (0 when it has none). */
const agentsOf = (spec) => spec.blocks.filter((b) => b.kind === 'population').reduce((n, b) => n + b.count, 0);

/** Builds bench/baseline-w1.c once per invocation (cached in a temporary directory); undefined without a C compiler. */
function nativeBaseline() {
  const dir = process.env.FLYWHEEL_BENCH_NATIVE_DIR ?? mkdtempSync(join(tmpdir(), 'flywheel-bench-'));
  const bin = join(dir, 'baseline-w1');
  if (existsSync(bin)) return bin;
  const src = fileURLToPath(new URL('./baseline-w1.c', import.meta.url));
  for (const cc of [process.env.CC, 'cc', 'gcc', 'clang'].filter(Boolean)) {
    try {
      execFileSync(cc, ['-O3', '-march=native', '-o', bin, src, '-lm', '-lpthread'], { stdio: 'pipe' });
      return bin;
    } catch {
      // try the next compiler
    }
  }
  return undefined;
}

async function child(name) {
  if (name === 'module-start') {
    // import + instantiate + first run of a 1-step model, in a fresh process
    const t0 = performance.now();
    const { run } = await import('@flywheel/sdk');
    const t1 = performance.now();
    const { w1Spec } = await import('./w1.mjs');
    const t2 = performance.now();
    await run(w1Spec({ runs: 1, agents: 10, steps: 1 }), { threads: 1 });
    const t3 = performance.now();
    return { workload: name, engine: 'wasm', importMs: t1 - t0, firstRunMs: t3 - t2, wallSeconds: (t3 - t2) / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024 };
  }
  const { run, sweep } = await import('@flywheel/sdk');
  const models = await import('@flywheel/models');
  const { w1Spec, W1_METRICS } = await import('./w1.mjs');
  const { baselineW1 } = await import('./baseline-w1.mjs');
  const threads = opts.threads === undefined ? 1 : Number(opts.threads);
  const engine = opts.engine ?? 'wasm';
  let job;
  switch (name) {
    case 'w1': {
      const s = SIZE.w1;
      const runs = Number(opts.runs ?? s.runs);
      const { spec, kernel } = await withKernel(w1Spec({ runs, agents: Number(opts.agents ?? s.agents), steps: s.steps }));
      const statistics = opts.statistics ?? 'exact';
      job = { runs, steps: s.steps, agents: Number(opts.agents ?? s.agents), statistics, kernel, fn: () => run(spec, { engine, threads, metrics: W1_METRICS, statistics }) };
      break;
    }
    case 'w1-noop': {
      // W1 and W1 with ten extra no-op blocks, interleaved in this process; the minimum of each
      const s = SIZE.w1;
      const runs = Number(opts.runs ?? s.runs);
      const specs = [w1Spec({ runs, agents: s.agents, steps: s.steps }), w1Spec({ runs, agents: s.agents, steps: s.steps, noopBlocks: 10 })];
      // wall time, and CPU time of the process (all its threads): on a machine shared with other
      // work, CPU time is what the work itself costs
      const best = [Infinity, Infinity];
      const cpu = [Infinity, Infinity];
      for (let rep = -1; rep < SIZE.noopReps; rep++) {
        for (const k of rep % 2 ? [0, 1] : [1, 0]) {
          const t0 = performance.now();
          const c0 = process.cpuUsage();
          await run(specs[k], { engine, threads, metrics: W1_METRICS });
          const c = process.cpuUsage(c0);
          if (rep < 0) continue; // rep −1 warms up
          best[k] = Math.min(best[k], (performance.now() - t0) / 1000);
          cpu[k] = Math.min(cpu[k], (c.user + c.system) / 1e6);
        }
      }
      const agentSteps = runs * s.steps * s.agents;
      return {
        workload: name,
        engine,
        threads,
        runs,
        steps: s.steps,
        agents: s.agents,
        wallSeconds: best[1],
        w1Seconds: best[0],
        noopRatio: best[1] / best[0],
        cpuSeconds: cpu[1],
        w1CpuSeconds: cpu[0],
        noopCpuRatio: cpu[1] / cpu[0],
        samples: SIZE.noopReps,
        agentSteps,
        agentStepsPerSecond: agentSteps / best[1],
        nsPerAgentStep: (best[1] * 1e9) / agentSteps,
        peakRssMB: process.resourceUsage().maxRSS / 1024,
      };
    }
    case 'w1-baseline': {
      const s = SIZE.w1;
      const runs = Number(opts.runs ?? s.runs);
      job = { runs, steps: s.steps, agents: s.agents, engine: 'typed-array JS', fn: () => baselineW1(runs, threads, s.steps, s.agents) };
      break;
    }
    case 'w1-native': {
      const s = SIZE.w1;
      const runs = Number(opts.runs ?? s.runs);
      const bin = nativeBaseline();
      if (!bin) return { workload: name, engine: 'C', threads, skipped: 'no C compiler (cc, gcc or clang) found' };
      let peak = 0;
      job = {
        runs,
        steps: s.steps,
        agents: s.agents,
        engine: 'C',
        fn: async () => {
          const out = JSON.parse(execFileSync(bin, [runs, threads, s.steps, s.agents].map(String), { encoding: 'utf8' }));
          peak = Math.max(peak, out.peakRssMB);
        },
        peak: () => peak,
      };
      break;
    }
    case 'agents-100k': {
      const s = SIZE.big;
      const { spec, kernel } = await withKernel(w1Spec({ runs: Number(opts.runs ?? 1), agents: s.agents, steps: s.steps }));
      job = { runs: spec.monteCarlo.runs, steps: s.steps, agents: s.agents, kernel, fn: () => run(spec, { engine, threads, metrics: W1_METRICS }) };
      break;
    }
    case 'agents-curve': {
      // W1 over 10 runs at one agent count (--agents): the curve of cost against agents
      const s = SIZE.curve;
      const agents = Number(opts.agents ?? s.agents[0]);
      const { spec, kernel } = await withKernel(w1Spec({ runs: Number(opts.runs ?? s.runs), agents, steps: s.steps }));
      job = { runs: spec.monteCarlo.runs, steps: s.steps, agents, kernel, fn: () => run(spec, { engine, threads, metrics: W1_METRICS }) };
      break;
    }
    case 'screening-law': {
      // the statistical equivalence of the screening and per-agent kernels (bench/screening-law.mjs), in full
      const { lawSpecs, lawTest, costTimes } = await import('./screening-law.mjs');
      const specs = lawSpecs(SIZE.law);
      const t0 = performance.now();
      const law = await lawTest(specs, { threads });
      const control = await lawTest(specs, { threads, alter: costTimes(1.5) });
      const control11 = await lawTest(specs, { threads, alter: costTimes(1.1) });
      return {
        workload: name,
        engine,
        threads,
        runs: SIZE.law.runs,
        wallSeconds: (performance.now() - t0) / 1000,
        perTestAlpha: law.perTestAlpha,
        power: law.power,
        rejected: law.rejected,
        tests: law.tests,
        controlCost15Rejected: control.rejected,
        controlCost11Rejected: control11.rejected,
        peakRssMB: process.resourceUsage().maxRSS / 1024,
      };
    }
    case 'sweep': {
      const n = SIZE.sweep;
      const spec = w1Spec({ runs: 1, agents: 100, steps: 365 });
      const price = spec.blocks.findIndex((b) => b.kind === 'price');
      job = {
        runs: n,
        steps: 365,
        agents: 100,
        fn: () => sweep(spec, { random: { 'params.growth': [0, 0.001], [`blocks.${price}.model.sensitivity`]: [1, 10] }, samples: n, seed: 1 }, { engine, threads, metrics: ['price'] }),
      };
      break;
    }
    case 'analysis-sobol':
    case 'analysis-morris':
    case 'analysis-calibrate':
    case 'analysis-risk':
    case 'analysis-rare': {
      // The cost of each analysis on a 10-year model (1 year in quick mode): one timed call, as
      // its cost is its number of Monte Carlos (evaluations) × the cost of one.
      const sdk = await import('@flywheel/sdk');
      const s = SIZE.analysis;
      const runs = Number(opts.runs ?? s.runs);
      const helium = models.models.helium.create({ years: s.years, runs });
      const params = { 'params.growth': [0.1, 0.7], 'params.elasticity': [0.2, 0.8], 'params.sigma': [0.1, 0.5] };
      const o = { engine, threads };
      let call;
      if (name === 'analysis-sobol') call = () => sdk.sensitivity(helium, { params, output: 'burnMintRatioOverall', samples: s.sobol }, o);
      else if (name === 'analysis-morris') call = () => sdk.sensitivity(helium, { params, output: 'burnMintRatioOverall', method: 'morris', samples: s.morris }, o);
      else if (name === 'analysis-risk') call = () => sdk.risk(models.models.helium.create({ years: s.years, runs: s.riskRuns }), { events: ['price<2@end', 'activeProviders<250000@any'] }, o);
      else if (name === 'analysis-rare') call = () => sdk.rareEvent(helium, 'price<2@end', { params: { 'params.growth': { normal: [0.4, 0.2] } }, samples: s.rare, levelSamples: s.rare }, o);
      else {
        // a yearly series the model itself produced at powerGrowth 0.5, fitted back from powerGrowth 0
        const fil = models.models.filecoin.create({ years: s.years, runs });
        const truth = await sdk.run(sdk.setPath(fil, 'params.powerGrowth', 0.5), { metrics: ['cumulativeMinted'] });
        const data = Array.from({ length: Math.max(2, s.years) }, (_, k) => {
          const t = Math.round(((k + 1) * truth.steps) / Math.max(2, s.years));
          return { date: truth.dateAt(t), value: truth.metric('cumulativeMinted').p50[t] };
        });
        call = () => sdk.calibrate(fil, { params: { 'params.powerGrowth': [0, 2] }, data, metric: 'cumulativeMinted' }, o);
      }
      const t0 = performance.now();
      const out = await call();
      const wallSeconds = (performance.now() - t0) / 1000;
      const evaluations = out.evaluations ?? (out.importance ? out.importance.evaluations + (out.plain?.evaluations ?? 0) : 1);
      return {
        workload: name,
        engine,
        threads,
        years: s.years,
        runsPerEvaluation: name === 'analysis-risk' ? s.riskRuns : runs,
        evaluations,
        wallSeconds,
        secondsPerEvaluation: wallSeconds / evaluations,
        peakRssMB: process.resourceUsage().maxRSS / 1024,
      };
    }
    default: {
      if (!MODELS.includes(name))
        throw new Error(
          `unknown workload "${name}"; known: w1, w1-noop, w1-baseline, w1-native, ${MODELS.join(', ')}, agents-100k, sweep, analysis-sobol, analysis-morris, analysis-calibrate, analysis-risk, analysis-rare, module-start`,
        );
      // a model of @flywheel/models: its default spec over the suite's horizon
      const s = SIZE.model;
      const { spec, kernel } = await withKernel(models.models[name].create({ years: s.years, runs: Number(opts.runs ?? s.runs) }));
      job = { runs: spec.monteCarlo.runs, steps: spec.time.steps, agents: agentsOf(spec), kernel, fn: () => run(spec, { engine, threads }) };
    }
  }
  const bench = new Bench({ iterations: Number(opts.iterations ?? (quick ? 1 : 3)), time: 0, warmup: true, warmupIterations: 1, warmupTime: 0 });
  // async: true, or tinybench calls fn once, unawaited, to find out, and that call overlaps the warm-up
  bench.add(name, job.fn, { async: true });
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.error) throw r.error;
  const wallSeconds = r.latency.mean / 1000;
  const stepsAll = job.runs * job.steps;
  const agentSteps = stepsAll * job.agents;
  // per agent-step where there are agents, per step otherwise
  const per = job.agents > 0 ? { agentSteps, agentStepsPerSecond: agentSteps / wallSeconds, nsPerAgentStep: (wallSeconds * 1e9) / agentSteps } : {};
  return {
    workload: name,
    engine: job.engine ?? engine,
    threads,
    ...(job.kernel ? { kernel: job.kernel, kernelOption: opts.kernel ?? 'default' } : {}),
    ...(job.statistics ? { statistics: job.statistics } : {}),
    runs: job.runs,
    steps: job.steps,
    agents: job.agents,
    wallSeconds,
    minSeconds: r.latency.min / 1000,
    samples: r.latency.samplesCount ?? bench.opts?.iterations,
    ...per,
    nsPerStep: (wallSeconds * 1e9) / stepsAll,
    peakRssMB: job.peak ? job.peak() : process.resourceUsage().maxRSS / 1024,
  };
}

function spawnChild(name, extra = {}) {
  const args = [fileURLToPath(import.meta.url), '--child', name];
  if (quick) args.push('--quick');
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) args.push(`--${k}`, String(v));
  const res = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (res.status !== 0) throw new Error(`workload ${name} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1));
}

const fmt = (v, d = 2) => (v === undefined || v === null ? '' : typeof v === 'number' ? v.toFixed(d) : String(v));

async function main() {
  if (opts.child) {
    process.stdout.write(`${JSON.stringify(await child(opts.child))}\n`);
    return;
  }
  // one C build for the whole invocation, in a temporary directory removed at exit
  const nativeDir = mkdtempSync(join(tmpdir(), 'flywheel-bench-'));
  process.env.FLYWHEEL_BENCH_NATIVE_DIR = nativeDir;
  process.on('exit', () => rmSync(nativeDir, { recursive: true, force: true }));
  if (positionals.length > 0) {
    const results = positionals.map((w) =>
      spawnChild(w, { runs: opts.runs, threads: opts.threads, engine: opts.engine, iterations: opts.iterations, statistics: opts.statistics, kernel: opts.kernel, agents: opts.agents }),
    );
    if (opts.json) process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results)}\n`);
    else console.table(results);
    return;
  }
  const refRuns = quick ? 2 : 10;
  const plan = [
    ['w1', { threads: 1 }],
    ['w1', { threads: 2 }],
    ['w1', { threads: 1, engine: 'reference', runs: refRuns }],
    ['w1', { threads: 1, kernel: 'perAgent' }],
    ['w1', { threads: 2, kernel: 'perAgent' }],
    ['w1', { threads: 1, engine: 'reference', runs: refRuns, kernel: 'perAgent' }],
    ['w1-noop', { threads: 1 }],
    ['w1-noop', { threads: 2 }],
    ['w1', { threads: 2, statistics: 'streaming', runs: quick ? 40 : 1000 }],
    ['w1-baseline', { threads: 1 }],
    ['w1-baseline', { threads: 2 }],
    ['w1-native', { threads: 1 }],
    ['w1-native', { threads: 2 }],
    ...MODELS.flatMap((m) => [
      [m, { threads: 1 }],
      [m, { threads: 2 }],
    ]),
    ['helium', { threads: 1, engine: 'reference', runs: refRuns }],
    ['agents-100k', { threads: 1 }],
    ['agents-100k', { threads: 1, kernel: 'perAgent' }],
    ...SIZE.curve.agents.flatMap((n) => [['agents-curve', { threads: 2, agents: n }], ...(n <= SIZE.curve.perAgentMax ? [['agents-curve', { threads: 2, agents: n, kernel: 'perAgent' }]] : [])]),
    ['sweep', { threads: 2 }],
    ...['analysis-sobol', 'analysis-morris', 'analysis-calibrate', 'analysis-risk', 'analysis-rare'].map((a) => [a, { threads: 2 }]),
    ['module-start', {}],
    ['screening-law', { threads: 2 }],
  ];
  const results = [];
  const skipped = [];
  for (const [w, extra] of plan) {
    const r = spawnChild(w, extra);
    (r.skipped ? skipped : results).push(r);
    if (!opts.json)
      process.stderr.write(
        `  ${w} ${r.engine} ${r.threads ?? ''}t${r.kernel ? ` [${r.kernel}]` : ''}${extra.agents ? ` ${extra.agents} agents` : ''}: ${r.skipped ? `skipped (${r.skipped})` : `${fmt(r.wallSeconds, 3)} s`}\n`,
      );
  }
  // option: 'default' (each population's own kernel: screening where it applies) or 'perAgent' (--kernel perAgent)
  const find = (w, engine, threads, statistics = 'exact', option = 'default') =>
    results.find(
      (r) =>
        r.workload === w &&
        r.engine === engine &&
        (threads === undefined || r.threads === threads) &&
        (r.statistics ?? 'exact') === statistics &&
        (r.kernelOption ?? 'default') === option &&
        !r.skipped,
    );
  const ratio = (a, b, key = 'nsPerAgentStep') => (a && b ? b[key] / a[key] : null);
  const w1w1 = find('w1', 'wasm', 1),
    w1w2 = find('w1', 'wasm', 2),
    w1r = find('w1', 'reference', 1);
  const pa1 = find('w1', 'wasm', 1, 'exact', 'perAgent'),
    pa2 = find('w1', 'wasm', 2, 'exact', 'perAgent'),
    par = find('w1', 'reference', 1, 'exact', 'perAgent');
  const b1 = find('w1-baseline', 'typed-array JS', 1),
    b2 = find('w1-baseline', 'typed-array JS', 2);
  const c1 = find('w1-native', 'C', 1),
    c2 = find('w1-native', 'C', 2);
  const noop1 = find('w1-noop', 'wasm', 1),
    noop2 = find('w1-noop', 'wasm', 2);
  const curve = (n, kernel) => results.find((r) => r.workload === 'agents-curve' && r.agents === n && r.kernelOption === (kernel === 'screening' ? 'default' : kernel));
  const ratios = {
    // the screening kernel (default) against the per-agent kernel, same workload, same run
    'W1: screening vs per-agent kernel (2 threads, per agent-step)': ratio(w1w2, pa2),
    'W1: screening vs per-agent kernel (1 thread, per agent-step)': ratio(w1w1, pa1),
    'W1: screening vs per-agent kernel (reference engine, per agent-step)': ratio(w1r, par),
    'W1: typed-array loop in C 2 threads ÷ screening kernel 2 threads (wall time; target ≥ 5)': ratio(w1w2, c2, 'wallSeconds'),
    'W1: typed-array loop in C 2 threads ÷ per-agent kernel 2 threads (wall time)': ratio(pa2, c2, 'wallSeconds'),
    'agents 100k: screening vs per-agent kernel (1 thread)': ratio(find('agents-100k', 'wasm', 1), find('agents-100k', 'wasm', 1, 'exact', 'perAgent'), 'wallSeconds'),
    'agents curve: 1e6 ÷ 1e3 agents, screening (wall time; 1000 = linear)':
      curve(1e6, 'screening') && curve(1e3, 'screening') ? curve(1e6, 'screening').wallSeconds / curve(1e3, 'screening').wallSeconds : null,
    'agents curve: 1e5 ÷ 1e3 agents, screening (wall time; 100 = linear)':
      curve(1e5, 'screening') && curve(1e3, 'screening') ? curve(1e5, 'screening').wallSeconds / curve(1e3, 'screening').wallSeconds : null,
    'agents curve: 1e5 ÷ 1e3 agents, per-agent (wall time; 100 = linear)':
      curve(1e5, 'perAgent') && curve(1e3, 'perAgent') ? curve(1e5, 'perAgent').wallSeconds / curve(1e3, 'perAgent').wallSeconds : null,
    'W1: wasm vs reference engine (1 thread, per agent-step)': ratio(w1w1, w1r),
    'W1: 2 threads vs 1 thread (wasm)': ratio(w1w2, w1w1, 'wallSeconds'),
    'W1: wasm 2 threads vs typed-array JS loop 2 threads': ratio(w1w2, b2, 'wallSeconds'),
    'W1: wasm 1 thread vs typed-array JS loop 1 thread': ratio(w1w1, b1, 'wallSeconds'),
    // time ratios (wasm ÷ C; below 1 = wasm faster): the C program is the typed-array loop's algorithm, not Flywheel's
    'W1: wasm 2 threads ÷ typed-array loop in C 2 threads (wall time)': ratio(c2, w1w2, 'wallSeconds'),
    'W1: wasm 1 thread ÷ typed-array loop in C 1 thread (wall time)': ratio(c1, w1w1, 'wallSeconds'),
    // time ratios (W1 + 10 no-op blocks ÷ W1), minimum of each over interleaved repetitions in one process
    'W1 + 10 no-op blocks ÷ W1 (1 thread)': noop1 ? noop1.noopRatio : null,
    'W1 + 10 no-op blocks ÷ W1 (2 threads)': noop2 ? noop2.noopRatio : null,
    'W1 + 10 no-op blocks ÷ W1, CPU time (1 thread)': noop1 ? noop1.noopCpuRatio : null,
    'W1 + 10 no-op blocks ÷ W1, CPU time (2 threads)': noop2 ? noop2.noopCpuRatio : null,
    'W1, 2 threads: exact vs streaming statistics (per agent-step)': ratio(w1w2, find('w1', 'wasm', 2, 'streaming')),
    'Helium: wasm vs reference engine (1 thread, per agent-step)': ratio(find('helium', 'wasm', 1), find('helium', 'reference', 1)),
  };
  for (const m of MODELS) ratios[`${m}: 2 threads vs 1 thread (wasm)`] = ratio(find(m, 'wasm', 2), find(m, 'wasm', 1), 'wallSeconds');
  for (const [k, v] of Object.entries(ratios)) if (v === null) delete ratios[k]; // not measured (e.g. no C compiler)
  const machine = { cpus: cpus().length, availableParallelism: availableParallelism(), cpuModel: cpus()[0]?.model, memoryGB: totalmem() / 2 ** 30, node: process.version, quick };
  const report = { date: new Date().toISOString(), machine, results, ratios, ...(skipped.length ? { skipped } : {}) };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  console.log(`\nFlywheel benchmarks${quick ? ' (quick mode: small sizes)' : ''} on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}`);
  console.table(
    results.map((r) => ({
      workload: r.workload,
      engine: r.engine,
      kernel: r.kernel ?? '',
      threads: r.threads ?? '',
      runs: r.runs ?? '',
      steps: r.steps ?? '',
      agents: r.agents ?? '',
      'wall s': fmt(r.wallSeconds, 3),
      'ns/agent-step': fmt(r.nsPerAgentStep, 2),
      'ns/step': r.agents ? '' : fmt(r.nsPerStep, 0),
      'M agent-steps/s': r.agentStepsPerSecond === undefined ? '' : fmt(r.agentStepsPerSecond / 1e6, 1),
      'peak MB': fmt(r.peakRssMB, 0),
      ...(r.importMs !== undefined ? { 'wall s': `import ${fmt(r.importMs, 1)} ms + first run ${fmt(r.firstRunMs, 1)} ms` } : {}),
    })),
  );
  for (const r of skipped) console.log(`Skipped: ${r.workload} ${r.threads}t (${r.skipped})`);
  const law = results.find((r) => r.workload === 'screening-law');
  if (law) {
    console.log(
      `Screening law test (two-sample KS, ${law.runs} runs a kernel, α = 0.01 over ${law.tests.length} tests, ${law.perTestAlpha} each; a CDF difference of ${fmt(law.power.delta50, 3)} detected with power ≥ 0.5, ${fmt(law.power.delta90, 3)} with ≥ 0.9):`,
    );
    for (const t of law.tests) console.log(`  ${t.spec} ${t.quantity}: D = ${fmt(t.D, 4)}, p = ${t.p.toPrecision(3)}${t.reject ? ' REJECTED' : ''}`);
    console.log(`  rejected: ${law.rejected}; control (per-agent costs ×1.5) rejected ${law.controlCost15Rejected}, (×1.1) ${law.controlCost11Rejected}`);
  }
  console.log('Ratios (measured in this run):');
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k}: ${v === null ? 'n/a' : `${v.toFixed(2)}×`}`);
  console.log('Written: bench/results.json');
}

main().catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
