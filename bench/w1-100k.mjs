// W1 with 100,000 runs and streaming statistics: wall time and peak memory (run by hand; ~5 min).
import { run } from '@flywheel/sdk';
import { w1Spec, W1_METRICS } from './w1.mjs';

const runs = Number(process.argv[2] ?? 100_000);
const t = performance.now();
const samples = [];
const timer = setInterval(() => samples.push(process.memoryUsage().rss / 2 ** 20), 1000);
const r = await run(w1Spec({ runs }), { threads: 2, metrics: W1_METRICS, statistics: 'streaming', onProgress: () => {} });
clearInterval(timer);
console.log(
  JSON.stringify({
    runs,
    wallSeconds: (performance.now() - t) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    rssFirstSampleMB: samples[0],
    rssLastSampleMB: samples.at(-1),
    finalPriceP50: r.metric('price').p50[3650],
  }),
);
