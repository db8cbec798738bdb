#!/usr/bin/env node
// Flywheel benchmarks. `npm run bench` runs the suite and writes bench/results.json;
// `npm run bench -- w1 --runs 100 --threads 2 --json` runs one workload and prints one JSON object;
// `--statistics streaming` runs W1 with bounded-memory statistics (e.g. `--runs 10000`).
// Every workload runs in its own child process so that its peak memory (maxRSS) is its own;
// ratios are computed from measurements of the same invocation.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string' }, threads: { type: 'string' }, engine: { type: 'string' },
    json: { type: 'boolean' }, quick: { type: 'boolean' }, child: { type: 'string' }, iterations: { type: 'string' }, statistics: { type: 'string' },
  },
});
const quick = !!opts.quick;

/** Workload sizes: full, and the quick mode CI uses so the suite cannot rot. */
const SIZE = quick
  ? { w1: { steps: 365, agents: 200, runs: 10 }, helium: { years: 1, runs: 10 }, big: { steps: 100, agents: 100_000 }, sweep: 20 }
  : { w1: { steps: 3650, agents: 1000, runs: 100 }, helium: { years: 10, runs: 200 }, big: { steps: 3650, agents: 100_000 }, sweep: 1000 };

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
  const { helium } = await import('@flywheel/models');
  const { w1Spec, W1_METRICS } = await import('./w1.mjs');
  const { baselineW1 } = await import('./baseline-w1.mjs');
  const threads = opts.threads === undefined ? 1 : Number(opts.threads);
  const engine = opts.engine ?? 'wasm';
  let job;
  switch (name) {
    case 'w1': {
      const s = SIZE.w1;
      const runs = Number(opts.runs ?? s.runs);
      const spec = w1Spec({ runs, agents: s.agents, steps: s.steps });
      const statistics = opts.statistics ?? 'exact';
      job = { runs, steps: s.steps, agents: s.agents, statistics, fn: () => run(spec, { engine, threads, metrics: W1_METRICS, statistics }) };
      break;
    }
    case 'w1-baseline': {
      const s = SIZE.w1;
      const runs = Number(opts.runs ?? s.runs);
      job = { runs, steps: s.steps, agents: s.agents, engine: 'typed-array JS', fn: () => baselineW1(runs, threads, s.steps, s.agents) };
      break;
    }
    case 'helium': {
      const s = SIZE.helium;
      const spec = helium({ years: s.years, runs: Number(opts.runs ?? s.runs) });
      job = { runs: spec.monteCarlo.runs, steps: spec.time.steps, agents: spec.providers.count, fn: () => run(spec, { engine, threads }) };
      break;
    }
    case 'agents-100k': {
      const s = SIZE.big;
      const spec = w1Spec({ runs: Number(opts.runs ?? 1), agents: s.agents, steps: s.steps });
      job = { runs: spec.monteCarlo.runs, steps: s.steps, agents: s.agents, fn: () => run(spec, { engine, threads, metrics: W1_METRICS }) };
      break;
    }
    case 'sweep': {
      const n = SIZE.sweep;
      const spec = w1Spec({ runs: 1, agents: 100, steps: 365 });
      job = {
        runs: n, steps: 365, agents: 100,
        fn: () => sweep(spec, { random: { 'demand.growth.rate': [0, 0.001], 'price.sensitivity': [1, 10] }, samples: n, seed: 1 }, { engine, threads, metrics: ['price'] }),
      };
      break;
    }
    default:
      throw new Error(`unknown workload "${name}"; known: w1, w1-baseline, helium, agents-100k, sweep, module-start`);
  }
  const bench = new Bench({ iterations: Number(opts.iterations ?? (quick ? 1 : 3)), time: 0, warmup: true, warmupIterations: 1, warmupTime: 0 });
  // async: true, or tinybench calls fn once, unawaited, to find out, and that call overlaps the warm-up
  bench.add(name, job.fn, { async: true });
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.error) throw r.error;
  const wallSeconds = r.latency.mean / 1000;
  const agentSteps = job.runs * job.steps * job.agents;
  return {
    workload: name, engine: job.engine ?? engine, threads, ...(job.statistics ? { statistics: job.statistics } : {}), runs: job.runs, steps: job.steps, agents: job.agents,
    wallSeconds, minSeconds: r.latency.min / 1000, samples: r.latency.samplesCount ?? bench.opts?.iterations,
    agentSteps, agentStepsPerSecond: agentSteps / wallSeconds, nsPerAgentStep: (wallSeconds * 1e9) / agentSteps,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
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
  if (positionals.length > 0) {
    const results = positionals.map((w) => spawnChild(w, { runs: opts.runs, threads: opts.threads, engine: opts.engine, iterations: opts.iterations, statistics: opts.statistics }));
    if (opts.json) process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results)}\n`);
    else console.table(results);
    return;
  }
  const refRuns = quick ? 2 : 10;
  const plan = [
    ['w1', { threads: 1 }], ['w1', { threads: 2 }], ['w1', { threads: 1, engine: 'reference', runs: refRuns }],
    ['w1', { threads: 2, statistics: 'streaming', runs: quick ? 40 : 1000 }],
    ['w1-baseline', { threads: 1 }], ['w1-baseline', { threads: 2 }],
    ['helium', { threads: 1 }], ['helium', { threads: 2 }], ['helium', { threads: 1, engine: 'reference', runs: quick ? 2 : 10 }],
    ['agents-100k', { threads: 1 }], ['sweep', { threads: 2 }], ['module-start', {}],
  ];
  const results = [];
  for (const [w, extra] of plan) {
    const r = spawnChild(w, extra);
    results.push(r);
    if (!opts.json) process.stderr.write(`  ${w} ${r.engine} ${r.threads ?? ''}t: ${fmt(r.wallSeconds, 3)} s\n`);
  }
  const find = (w, engine, threads, statistics = 'exact') =>
    results.find((r) => r.workload === w && r.engine === engine && (threads === undefined || r.threads === threads) && (r.statistics ?? 'exact') === statistics);
  const ratio = (a, b, key = 'nsPerAgentStep') => (a && b ? b[key] / a[key] : null);
  const w1w1 = find('w1', 'wasm', 1), w1w2 = find('w1', 'wasm', 2), w1r = find('w1', 'reference', 1);
  const b1 = find('w1-baseline', 'typed-array JS', 1), b2 = find('w1-baseline', 'typed-array JS', 2);
  const ratios = {
    'W1: wasm vs reference engine (1 thread, per agent-step)': ratio(w1w1, w1r),
    'W1: 2 threads vs 1 thread (wasm)': ratio(w1w2, w1w1, 'wallSeconds'),
    'W1: wasm 2 threads vs typed-array JS loop 2 threads': ratio(w1w2, b2, 'wallSeconds'),
    'W1: wasm 1 thread vs typed-array JS loop 1 thread': ratio(w1w1, b1, 'wallSeconds'),
    'Helium: wasm vs reference engine (1 thread, per agent-step)': ratio(find('helium', 'wasm', 1), find('helium', 'reference', 1)),
    'Helium: 2 threads vs 1 thread (wasm)': ratio(find('helium', 'wasm', 2), find('helium', 'wasm', 1), 'wallSeconds'),
    'W1, 2 threads: exact vs streaming statistics (per agent-step)': ratio(w1w2, find('w1', 'wasm', 2, 'streaming')),
  };
  const machine = { cpus: cpus().length, availableParallelism: availableParallelism(), cpuModel: cpus()[0]?.model, memoryGB: totalmem() / 2 ** 30, node: process.version, quick };
  const report = { date: new Date().toISOString(), machine, results, ratios };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  console.log(`\nFlywheel benchmarks${quick ? ' (quick mode: small sizes)' : ''} on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}`);
  console.table(results.map((r) => ({
    workload: r.workload, engine: r.engine, threads: r.threads ?? '', runs: r.runs ?? '', steps: r.steps ?? '', agents: r.agents ?? '',
    'wall s': fmt(r.wallSeconds, 3), 'ns/agent-step': fmt(r.nsPerAgentStep, 2), 'M agent-steps/s': r.agentStepsPerSecond === undefined ? '' : fmt(r.agentStepsPerSecond / 1e6, 1), 'peak MB': fmt(r.peakRssMB, 0),
    ...(r.importMs !== undefined ? { 'wall s': `import ${fmt(r.importMs, 1)} ms + first run ${fmt(r.firstRunMs, 1)} ms` } : {}),
  })));
  console.log('Ratios (measured in this run):');
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k}: ${v === null ? 'n/a' : `${v.toFixed(2)}×`}`);
  console.log('Written: bench/results.json');
}

main().catch((e) => {
  console.error(e.message ?? e);
  process.exit(1);
});
