// The Akash model: parity and conservation on both engines; the f64 bandController against the
// exact mint module (bigint, ./src/akash/rules.ts, itself checked against cosmos-sdk's and Akash's
// own test vectors); the calibration table (figures of the seed document and
// shared/reference/projects.md §5, written out here, not imported from the model module); behaviour.
import { akash, models } from '@flywheel/models';
import { rules } from '@flywheel/models/akash';
import { run } from '@flywheel/sdk';
import type { BlockSpec, ModelSpec } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';
import { checkParityAndConservation, paths } from './harness.js';

const { dec, ONE } = rules;

describe('akash: parity, conservation, registry', () => {
  it('is registered and runs on its day clock', () => {
    expect(models.akash!.create({ years: 1, runs: 2 }).time).toEqual({ step: 'day', steps: 365, start: '2024-10-01' });
  });
  for (const r of ['2024-10', 'x-inflation'] as const) {
    it(`rules ${r}: both engines give the same bits; Δ supply = minted − burned on every step (AKT and USDC); no NaN; no negative balance`, async () => {
      await checkParityAndConservation(`akash ${r}`, akash({ years: 1, runs: 3, agents: 40, rules: r }), ['inflation.rate', 'stakingApr', 'providers.active', 'price', 'demandUsd']);
    });
  }
});

/** A spec with only the model's mint block on a fixed bonded ratio (nothing else moves AKT). */
function mintOnly(rulesVersion: '2024-10' | 'x-inflation', supplyAkt: number, bondedRatio: number, initial: number, days: number): ModelSpec {
  const block = akash({ rules: rulesVersion }).blocks.find((b) => b.id === 'inflation') as Extract<BlockSpec, { kind: 'bandController' }>;
  return {
    specVersion: 2,
    name: 'akash-mint',
    time: { step: 'day', steps: days, start: '2024-10-01' },
    mainAsset: 'AKT',
    assets: {
      AKT: {
        kind: 'token',
        decimals: 6,
        accounts: { liquid: { initial: supplyAkt * (1 - bondedRatio), tag: 'liquid' }, bonded: { initial: supplyAkt * bondedRatio, tag: 'bonded' }, rewards: { tag: 'rewards' } },
      },
    },
    blocks: [{ ...block, initial }],
    monteCarlo: { runs: 1, seed: 1 },
  };
}

// The mainnet mint parameters the model uses, written out from projects.md §5 and the forum proposals.
const MINT = { inflationRateChange: dec('5'), inflationMax: dec('0.15'), inflationMin: dec('0.05'), goalBonded: dec('0.67'), blocksPerYear: 5_256_000n };
const UAKT = 1_000_000n;

describe('the f64 bandController against the exact mint module (BeginBlocker per block, bigint)', () => {
  // Each day starts the exact chain from the block's own state at the start of the day (rate,
  // supply, bonded) and runs its 14,400 blocks. Tolerance: the block holds the supply and the bonded
  // ratio for the day, while the chain compounds the day's mint block by block, so its ratio falls
  // within the day (by ~0.04% of itself when nothing of the mint is bonded, as here) and its rate
  // moves a little faster: the day's rate within 3e-6 (none at a bound), the day's mint within
  // 2.5e-4 relative (the in-day compounding the block leaves out is I / (2 × 365) ≈ 1.8e-4 of the
  // day's mint at 13%, plus the rate's difference). Run free for 30 days, the rates part by at
  // most 30 × 3e-6 = 0.00009 (0.009 percentage points).
  const cases: [string, number, number, number][] = [
    ['below the goal, rising to the 15% cap', 248_354_134, 0.6, 0.13],
    ['above the goal, falling', 248_354_134, 0.7, 0.13],
    ['near the goal', 248_354_134, 0.6758, 0.13],
    ['at the 5% floor', 300_000_000, 0.9, 0.0502],
  ];
  it.each(cases)(
    '%s: 30 days of 14,400 blocks',
    async (_name, supplyAkt, ratio, initial) => {
      const r = await paths(mintOnly('2024-10', supplyAkt, ratio, initial, 30), ['inflation.rate', 'inflation.amount', 'totalSupply']);
      const rate = r.paths('inflation.rate')[0]!,
        amount = r.paths('inflation.amount')[0]!,
        supply = r.paths('totalSupply')[0]!;
      const bonded = BigInt(Math.round(supplyAkt * ratio * 1e6));
      let free = { inflation: dec(initial.toFixed(6)), supply: BigInt(Math.round(supplyAkt * 1e6)), bonded };
      for (let day = 1; day <= 30; day++) {
        const start = { inflation: dec(rate[day - 1]!.toFixed(18)), supply: BigInt(Math.round(supply[day - 1]! * 1e6)), bonded };
        const res = rules.runBlocks(start, MINT, 14_400);
        const exactRate = Number(res.state.inflation) / 1e18,
          exactMint = Number(res.minted) / 1e6;
        expect(Math.abs(rate[day]! - exactRate), `day ${day} rate`).toBeLessThan(3e-6);
        expect(Math.abs(amount[day]! - exactMint) / exactMint, `day ${day} mint`).toBeLessThan(2.5e-4);
        free = rules.runBlocks(free, MINT, 14_400).state;
        expect(Math.abs(rate[day]! - Number(free.inflation) / 1e18), `day ${day} free-running rate`).toBeLessThan(3e-6 * day);
      }
    },
    60_000,
  );

  it("'x-inflation': the band against Akash's inflationCalculator per block (rates as fractions; 1e-3 relative: the block holds the ideal curve for the day)", async () => {
    const r = await paths(mintOnly('x-inflation', 248_354_134, 0.6, 0.13, 10), ['inflation.rate', 'inflation.low', 'inflation.high']);
    const genesis = BigInt(Date.parse('2021-03-08T00:00:00Z') / 1000);
    let t = BigInt(Date.parse('2024-10-01T00:00:00Z') / 1000);
    const ip = { inflationDecayFactor: dec('2.10306569'), initialInflation: dec('0.48546257'), variance: dec('0.05') };
    let inflation = dec('0.13'),
      supply = 248_354_134n * UAKT;
    const bonded = (supply * 6n) / 10n;
    for (let day = 1; day <= 10; day++) {
      for (let k = 0; k < 14_400; k++) {
        t += 6n;
        inflation = rules.inflationCalculator(t, genesis, inflation, MINT, ip, rules.bondedRatio(bonded, supply));
        supply += rules.blockProvision(rules.nextAnnualProvisions(inflation, supply), MINT.blocksPerYear);
      }
      const exact = Number(inflation) / 1e18;
      expect(Math.abs(r.paths('inflation.rate')[0]![day]! - exact) / exact, `day ${day}`).toBeLessThan(1e-3);
    }
    // the ideal at 2024-10-01 (3.57 years after genesis): 48.546257% × 2^(−3.57/2.10306569) = 14.98%
    const mid = (r.paths('inflation.low')[0]![1]! + r.paths('inflation.high')[0]![1]!) / 2;
    expect(mid).toBeGreaterThan(0.1495);
    expect(mid).toBeLessThan(0.15);
  }, 60_000);
});

describe('calibration (docs/models/akash.md)', () => {
  const metrics = [
    'inflation.rate',
    'stakingApr',
    'AKT.bonded',
    'totalSupply',
    'circulatingSupply',
    'AKT.communityPool',
    'demandUsd',
    'providers.capacity',
    'aktTake.amount',
    'usdcTake.amount',
    'price',
    'marketCap',
    'USDC.communityPool',
  ];
  const result = run(akash({ runs: 100 }), { metrics, threads: 2 });

  it('market cap $995M and circulating 63.92% of 388,539,008 at the start [SEED] (inputs)', async () => {
    const r = await result;
    expect(r.metric('marketCap').mean[0]).toBeCloseTo(995_000_000, -3);
    expect(r.metric('circulatingSupply').mean[0]! / 388_539_008).toBeCloseTo(0.6392, 6);
  });

  it('community pool 4.7% of circulating at the start [SEED] (input); the seed\'s "$30M" would be $2.57/AKT, not the $4.01 of its market cap', async () => {
    const r = await result;
    expect(r.metric('AKT.communityPool').mean[0]! / r.metric('circulatingSupply').mean[0]!).toBeCloseTo(0.047, 9);
    expect(r.metric('AKT.communityPool').mean[0]! * r.metric('price').mean[0]!).toBeGreaterThan(30_000_000 * 1.5);
  });

  it("staking APR 15.39% [SEED]: the first day's mechanics give it within 0.05 pp; the year-one median within 1.5 pp", async () => {
    const r = await result;
    const apr1 = r.metric('stakingApr').mean[1]!;
    expect(Math.abs(apr1 - 0.1539)).toBeLessThan(0.0005);
    const y1 = r.metric('stakingApr').p50[365]!;
    expect(Math.abs(y1 - 0.1539)).toBeLessThan(0.015);
    // and it is inflation × (1 − 20%) × supply / bonded (the exact rule, on the model's own day-1 state)
    const supply = BigInt(Math.round(r.metric('totalSupply').mean[0]!)),
      bonded = BigInt(Math.round(r.metric('AKT.bonded').mean[0]!));
    const exact = Number(rules.stakingApr(dec(r.metric('inflation.rate').mean[1]!.toFixed(18)), dec('0.2'), rules.bondedRatio(bonded, supply), 0n)) / 1e18;
    expect(Math.abs(apr1 - exact)).toBeLessThan(2e-5);
  });

  it('annual inflation 13.00% [SEED]: the controller and the stakers keep it within 1.5 pp over the first year (median)', async () => {
    const r = await result;
    const p = r.metric('inflation.rate').p50;
    for (const t of [30, 90, 180, 365]) expect(Math.abs(p[t]! - 0.13), `day ${t}`).toBeLessThan(0.015);
  });

  it('more than half of circulating supply staked [SEED]: every year of the median path', async () => {
    const r = await result;
    for (let y = 0; y <= 10; y++) expect(r.metric('AKT.bonded').p50[y * 365]! / r.metric('circulatingSupply').p50[y * 365]!).toBeGreaterThan(0.5);
  });

  it('daily revenue ~$4,000 [SEED] at ~20% utilisation of 20,000 CPUs [SEED]; take fees $4,000 × (½·4% + ½·20%) = $480 a day [DER]', async () => {
    const r = await result;
    const d1 = r.metric('demandUsd').mean[1]!;
    expect(Math.abs(d1 / 4_000 - 1)).toBeLessThan(0.1); // lognormal noise, mean 1, over 100 runs
    expect(Math.abs(d1 / r.metric('providers.capacity').mean[0]! / 0.2 - 1)).toBeLessThan(0.1);
    // day-one take fees, USD: the AKT fee at the day's price plus the USDC fee; the exact x/take rule on $2,000 of each
    const fees = r.metric('aktTake.amount').mean[1]! * 0.04 * r.metric('price').mean[0]! + r.metric('usdcTake.amount').mean[1]! * 0.2;
    const exact = Number(rules.subtractFees(2_000_000_000n, 4n).fee + rules.subtractFees(2_000_000_000n, 20n).fee) / 1e6;
    expect(exact).toBe(480);
    expect(Math.abs(fees / exact - 1)).toBeLessThan(0.12);
  });
});

describe('behaviour', () => {
  it("'x-inflation' decays the inflation with the ideal curve; '2024-10' holds it near the stakers' equilibrium", async () => {
    const m = ['inflation.rate', 'totalSupply'];
    const [a, b] = await Promise.all([run(akash({ runs: 20, years: 6 }), { metrics: m }), run(akash({ runs: 20, years: 6, rules: 'x-inflation' }), { metrics: m })]);
    expect(a.metric('inflation.rate').p50[6 * 365]!).toBeGreaterThan(0.12);
    // the ideal 48.546257% × 2^(−(3.57 + 6)/2.10306569) ≈ 2.1% a year: band [2.0%, 2.2%]
    expect(b.metric('inflation.rate').p50[6 * 365]!).toBeLessThan(0.025);
    expect(b.metric('totalSupply').p50[6 * 365]!).toBeLessThan(a.metric('totalSupply').p50[6 * 365]!);
  });

  it('USDC share: more USDC leases take more into the community pool (20% against 4%)', async () => {
    const m = ['USDC.communityPool', 'AKT.communityPool'];
    const [lo, hi] = await Promise.all([run(akash({ runs: 10, years: 1, usdcShare: 0.1 }), { metrics: m }), run(akash({ runs: 10, years: 1, usdcShare: 0.9 }), { metrics: m })]);
    expect(hi.metric('USDC.communityPool').mean[365]!).toBeGreaterThan(5 * lo.metric('USDC.communityPool').mean[365]!);
  });

  it('the flywheel: demand capped by capacity; providers join when leases pay, so capacity and served demand grow together', async () => {
    const r = await run(akash({ runs: 20, years: 5 }), { metrics: ['demandUsd', 'providers.capacity', 'providers.active'] });
    const cap = r.metric('providers.capacity').p50,
      dem = r.metric('demandUsd').p50;
    expect(cap[5 * 365]!).toBeGreaterThan(cap[0]!);
    // once potential demand outgrows capacity, served demand sits at 70% of capacity × $1/CPU-day
    expect(dem[5 * 365]!).toBeLessThanOrEqual(0.7 * cap[5 * 365 - 1]! * 1.0001);
  });
});

void ONE;
