// chains: the catalogue (every figure sourced, the derivations re-done here from the sources'
// numbers), withChain on every registered model (parity of both engines, conservation, the
// model's own metrics unchanged, the block's cost = Σ count × fee × native price), and the
// operation counts against the model's own outputs.
import { run } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { chains, helium, models, withChain } from '../src/index.js';
import { checkParityAndConservation, paths } from './harness.js';

const CHAIN_OUT = ['chain.ops', 'chain.fee', 'chain.costUsd', 'chain.utilisation', 'chain.onboard', 'chain.reward', 'chain.burn', 'chain.oracle'];

describe('the chain catalogue', () => {
  it('has the four chains the seed weighs, every fee, price and capacity positive and tagged', () => {
    expect(Object.keys(chains).sort()).toEqual(['arbitrum', 'iotex', 'peaq', 'solana']);
    for (const c of Object.values(chains)) {
      for (const s of [c.nativePriceUsd, c.capacity, ...Object.values(c.fee)]) {
        expect(s.value, `${c.name}: ${s.source}`).toBeGreaterThan(0);
        expect(s.source, c.name).toMatch(/\[(SEED|OFF|3P|DER|UNC)/);
      }
    }
  });

  it("matches the sources' own figures", () => {
    // Solana: 5,000 lamports per signature [OFF]; 1M compressed NFTs for 5.35 SOL [SEED]; stable above 3,000 TPS [SEED]
    expect(chains.solana.fee.reward.value).toBe(5_000 / 1e9);
    expect(chains.solana.fee.onboard.value * 1e6).toBeCloseTo(5.35, 12);
    expect(chains.solana.capacity.value).toBe(3_000);
    expect(chains.solana.peakTps?.value).toBe(65_000);
    // Arbitrum: 7M gas/s speed limit [OFF]; the seed's 40,000 TPS
    expect((chains.arbitrum.capacity.value * chains.arbitrum.fee.reward.value) / 0.01e-9).toBeCloseTo(7_000_000, 3);
    expect(chains.arbitrum.peakTps?.value).toBe(40_000);
    // IoTeX: a 10,000-gas transfer at 1 Qev is 0.01 IOTX; 20M gas per 5 s block
    expect(chains.iotex.fee.reward.value).toBeCloseTo(0.01, 15);
    expect(chains.iotex.capacity.value).toBe(400);
    // peaq: $0.00025 a transaction [SEED], whatever the PEAQ price; 10,000 TPS
    expect(chains.peaq.fee.reward.value * chains.peaq.nativePriceUsd.value).toBeCloseTo(0.00025, 15);
    expect(chains.peaq.capacity.value).toBe(10_000);
  });

  it('refuses an unknown chain and a taken block id with a hint', () => {
    expect(() => withChain(helium({ years: 1 }), 'cardano')).toThrowError(/unknown chain "cardano"/);
    expect(() => withChain(withChain(helium({ years: 1 }), 'solana'), 'peaq')).toThrowError(/already has a block "chain"/);
  });
});

describe('withChain on every registered model', () => {
  for (const name of Object.keys(models)) {
    it(`${name} on Solana: both engines agree and conserve; the model's own metrics are unchanged; cost = Σ count × fee × price`, async () => {
      const base = models[name]!.create({ years: 1, runs: 2 });
      const spec = withChain(base, 'solana');
      const w = await checkParityAndConservation(`${name}+solana`, spec, CHAIN_OUT);
      const own = ['totalSupply', 'circulatingSupply', 'minted', 'burned'];
      const [a, b] = await Promise.all([paths(base, own), paths(spec, own)]);
      for (const m of own) for (let k = 0; k < 2; k++) expect(Array.from(b.paths(m)[k]!), `${name} ${m}`).toEqual(Array.from(a.paths(m)[k]!));
      const f = chains.solana.fee;
      for (let k = 0; k < 2; k++) {
        const p = (m: string) => w.paths(m)[k]!;
        for (let t = 1; t <= spec.time.steps; t++) {
          const fee = p('chain.onboard')[t]! * f.onboard.value + p('chain.reward')[t]! * f.reward.value + p('chain.burn')[t]! * f.burn.value + p('chain.oracle')[t]! * f.oracle.value;
          expect(p('chain.fee')[t]!).toBeCloseTo(fee, 12);
          expect(p('chain.costUsd')[t]! / (fee * 150)).toBeCloseTo(1, 12);
        }
      }
    });
  }
});

describe('the operations a model generates', () => {
  it('helium: rewards = active hotspots × 1 a day; burns = DC USD / $10; onboarding only above the peak; utilisation = ops / (3,000 × 86,400)', async () => {
    const spec = withChain(helium({ years: 1, runs: 2 }), 'solana');
    const r = await run(spec, { metrics: [...CHAIN_OUT, 'hotspots.active', 'dataCredits.usd'], keepRuns: true, threads: 1 });
    const p = (m: string) => r.paths(m)[0]!;
    let peak = p('hotspots.active')[0]!;
    let onboarded = 0;
    for (let t = 1; t <= spec.time.steps; t++) {
      const active = p('hotspots.active')[t]!;
      expect(p('chain.reward')[t]).toBeCloseTo(active, 9);
      expect(p('chain.burn')[t]).toBeCloseTo(p('dataCredits.usd')[t]! / 10, 9);
      expect(p('chain.oracle')[t]).toBe(24);
      expect(p('chain.onboard')[t]).toBeCloseTo(Math.max(0, active - peak), 9);
      onboarded += p('chain.onboard')[t]!;
      peak = Math.max(peak, active);
      expect(p('chain.utilisation')[t]).toBeCloseTo(p('chain.ops')[t]! / (3_000 * 86_400), 15);
    }
    expect(onboarded).toBeCloseTo(peak - p('hotspots.active')[0]!, 6);
  });

  it('with two populations, rewards count both and each onboards above its own peak', async () => {
    const base = helium({ years: 1, runs: 1 });
    const pop = base.blocks.find((b) => b.kind === 'population')!;
    const two = { ...base, blocks: [...base.blocks, { ...pop, id: 'more', count: 50, population: 5_000, initialActive: 0.2 } as typeof pop] };
    const spec = withChain(two, 'iotex');
    expect(Object.keys(spec.signals!)).toEqual(expect.arrayContaining(['chain_peak_0', 'chain_peak_1']));
    const r = await run(spec, { metrics: ['chain.reward', 'chain.onboard', 'hotspots.active', 'more.active'], keepRuns: true, threads: 1 });
    const p = (m: string) => r.paths(m)[0]!;
    const peak = [p('hotspots.active')[0]!, p('more.active')[0]!];
    expect(peak[1]).toBeCloseTo(1_000, 9); // round(0.2 × 50) agents of 100
    for (let t = 1; t <= spec.time.steps; t++) {
      const a = [p('hotspots.active')[t]!, p('more.active')[t]!];
      expect(p('chain.reward')[t]).toBeCloseTo(a[0]! + a[1]!, 9);
      expect(p('chain.onboard')[t]).toBeCloseTo(Math.max(0, a[0]! - peak[0]!) + Math.max(0, a[1]! - peak[1]!), 9);
      peak[0] = Math.max(peak[0]!, a[0]!);
      peak[1] = Math.max(peak[1]!, a[1]!);
    }
  });

  it("the same operations cost what each chain's fees say: peaq $0.00025 each; options replace fees, price and capacity", async () => {
    const base = helium({ years: 1, runs: 1 });
    const metrics = ['chain.costUsd', 'chain.ops', 'chain.utilisation'];
    const peaq = await run(withChain(base, 'peaq'), { metrics });
    const ops = peaq.metric('chain.ops').mean,
      cost = peaq.metric('chain.costUsd').mean;
    for (let t = 1; t < ops.length; t++) expect(cost[t]! / ops[t]!).toBeCloseTo(0.00025, 12);
    const custom = await run(withChain(base, 'solana', { fees: { reward: 1e-5, onboard: 1e-5, burn: 1e-5, oracle: 1e-5 }, nativePrice: 100, capacity: 1000 }), { metrics });
    const o2 = custom.metric('chain.ops').mean,
      c2 = custom.metric('chain.costUsd').mean,
      u2 = custom.metric('chain.utilisation').mean;
    for (let t = 1; t < o2.length; t++) {
      expect(c2[t]! / o2[t]!).toBeCloseTo(1e-3, 12);
      expect(u2[t]! * 1000 * 86_400).toBeCloseTo(o2[t]!, 6);
    }
  });

  it('a volatile native price moves the cost, not the operations', async () => {
    const base = helium({ years: 1, runs: 20 });
    const r = await run(withChain(base, 'solana', { nativeVolatility: 0.8 }), { metrics: ['chain.costUsd', 'chain.fee', 'chain_nativePrice'] });
    const price = r.metric('chain_nativePrice');
    expect(price.p95.at(-1)!).toBeGreaterThan(price.p5.at(-1)! * 1.5);
  });
});
