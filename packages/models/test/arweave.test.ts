// The Arweave model: parity and conservation on both engines, its f64 blocks against the exact rules
// (src/arweave/rules.ts, themselves checked against the protocol's eunit vectors in arweave-rules.test.ts),
// the calibration table of docs/models/arweave.md (the source document's figures written out here, not
// read from the model module), and the rule versions' behaviour.
import { type run, setPath, validateSpec } from '@flywheel/sdk';
import type { ModelSpec } from '@flywheel/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { arweave } from '../src/arweave/model.js';
import { GIB, getMinerRewardEndowmentPoolDebtSupply, getTxFee, inflationReward } from '../src/arweave/rules.js';
import { checkParityAndConservation, paths } from './harness.js';

// Figures of the source document (shared/seed/depin-economic-models.zh.md, Oct 2024) and of
// shared/reference/projects.md §2, written out.
const SEED_MINER_SHARE = 0.1667; // "只有一部分 $AR(16.67%)会立即支付给矿工"
const SEED_YEARS = 200; // "在 200 年内逐步释放"
const SEED_AR_PER_GB = 0.74868; // 2024-10-10
const SEED_UPLOAD_TIB_MONTH = 6.5;
const SEED_FEES_AR_MONTH = 5_000;
const SEED_FDV = 1.18e9;
const SEED_CIRCULATING = 0.99;
const H0 = 1_517_565; // 1,551,470 − round(4,370,400 / 128.9): the height on 2024-10-01 (DER, projects.md / ar_pricing_transition.erl)
const BLOCKS_PER_DAY = 86_400 / 128.9;

describe('arweave spec', () => {
  it('validates for every rule version; a day clock; 10 years by default', () => {
    for (const rules of ['2024-10', 'legacy', 'v2'] as const) expect(() => validateSpec(arweave({ rules }))).not.toThrow();
    const spec = validateSpec(arweave());
    expect(spec.time.step).toBe('day');
    expect(spec.time.steps).toBe(3650);
  });
});

describe('arweave: parity and conservation', () => {
  it('2024-10 rules, one year: both engines give the same bits; Δ supply = minted − burned; no NaN; no negative balance', async () => {
    await checkParityAndConservation('arweave', arweave({ years: 1, runs: 4 }), ['gibPrice', 'kryder', 'latch', 'draw.amount', 'debt.amount', 'miners.capacity']);
  });
  it('v2 rules with an empty pool and an expected reward the inflation cannot pay: debt is minted, and still conserves', async () => {
    const spec = stressed();
    const r = await checkParityAndConservation('arweave-debt', spec, ['debt.amount', 'kryder', 'latch']);
    expect(r.paths('debt.amount')[0]![1]!).toBeGreaterThan(0);
  });
});

/** v2 rules, 60 days, no endowment, no uploads, 200 replicas expected (10× the protocol's): the pool cannot pay. */
function stressed(): ModelSpec {
  let spec = arweave({ years: 60 / 365, runs: 3, rules: 'v2' });
  spec = setPath(spec, 'assets.AR.accounts.endowment.initial', 0) as ModelSpec;
  spec = setPath(spec, 'params.replicas', 200) as ModelSpec;
  spec = setPath(spec, 'params.uploads0', 0) as ModelSpec;
  return spec;
}

describe('arweave: the f64 blocks against the exact rules', () => {
  it("day 1 inflation = Σ inflationReward over the day's 670.29 heights from 1,517,565 (per block, within 1e-5)", async () => {
    const r = await paths(arweave({ years: 0.1, runs: 1 }), ['inflation.amount']);
    let sum = 0n;
    for (let h = BigInt(H0); h < BigInt(H0 + 670); h++) sum += inflationReward(h);
    const perBlockRule = Number(sum) / 1e12 / 670;
    const perBlockModel = r.paths('inflation.amount')[0]![1]! / BLOCKS_PER_DAY;
    expect(Math.abs(perBlockModel / perBlockRule - 1)).toBeLessThan(1e-5);
  });
  it('the inflation of a day a year later has halved every 262,800 blocks (day 393 against inflationReward)', async () => {
    const r = await paths(arweave({ years: 1.2, runs: 1 }), ['inflation.amount']);
    const t = 393;
    const h = Math.round(H0 + (t - 0.5) * BLOCKS_PER_DAY);
    const perBlockModel = r.paths('inflation.amount')[0]![t]! / BLOCKS_PER_DAY;
    expect(Math.abs(perBlockModel / (Number(inflationReward(BigInt(h))) / 1e12) - 1)).toBeLessThan(1e-5);
  });
  it("the fee of a GiB is get_tx_fee(2^30 bytes, price, K, h) at the model's price (within 1e-9)", async () => {
    const r = await paths(arweave({ years: 0.1, runs: 1, rules: 'v2' }), ['feePerGiB', 'gibPrice', 'kryder']);
    for (const t of [1, 10, 30]) {
      const price = r.paths('gibPrice')[0]![t]!;
      const rule = Number(getTxFee(GIB * 1000n, BigInt(Math.round(price * 1000)), 1n, 2_100_000n)) / 1e12 / 1e6;
      expect(Math.abs(r.paths('feePerGiB')[0]![t]! / rule - 1), `t=${t}`).toBeLessThan(1e-6);
    }
  });
  it('the v2 expected reward of a day = blocks · ExpectedReward(weave, price, 128.9 s) of get_miner_reward_endowment_pool_debt_supply (within 1e-6)', async () => {
    const r = await paths(arweave({ years: 0.1, runs: 1, rules: 'v2' }), ['expected', 'weave', 'gibPrice']);
    const t = 5;
    const weaveBytes = BigInt(Math.round(r.paths('weave')[0]![t]! * 1024)) * (GIB / 1024n);
    const res = getMinerRewardEndowmentPoolDebtSupply(
      {
        endowmentPool: 0n,
        debtSupply: 0n,
        txFees: [],
        weaveSize: weaveBytes,
        height: 2_100_000n,
        gibMinutePrice: BigInt(Math.round(r.paths('gibPrice')[0]![t]! * 1e6)),
        kryderPlusRateMultiplierLatch: 0n,
        kryderPlusRateMultiplier: 1n,
        denomination: 1n,
        blockInterval: 1289n,
      },
      () => 0n,
    );
    // price × 10^6 and interval × 10: the rule's reward is 10^7 × the block's
    const day = (Number(res.minerReward) / 1e7 / 1e12) * BLOCKS_PER_DAY;
    expect(Math.abs(r.paths('expected')[0]![t]! / day - 1)).toBeLessThan(1e-6);
  });
});

describe('arweave calibration (docs/models/arweave.md)', () => {
  let r: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    r = await paths(arweave({ years: 0.2, runs: 200 }), ['fees.amount', 'AR.endowment', 'draw.amount', 'feePerGiB', 'circulatingSupply', 'totalSupply', 'fdv', 'inflationAnnualised', 'uploads']);
  });
  it('miner share of fees: 1/6 = 16.67% at the seed date (the legacy rule), the endowment takes 5/6', () => {
    const fees = r.paths('fees.amount')[0]![1]!;
    const toEndowment = r.paths('AR.endowment')[0]![1]! - r.paths('AR.endowment')[0]![0]! + r.paths('draw.amount')[0]![1]!;
    const minerShare = 1 - toEndowment / fees;
    expect(Math.abs(minerShare - 1 / 6)).toBeLessThan(1e-9);
    expect(Math.abs(minerShare - SEED_MINER_SHARE)).toBeLessThan(1e-4);
  });
  it("the endowment's part of a fee buys 199.5 years of 20 replicas at today's price: the seed's \"200 years\" within 0.3%", () => {
    const fee = r.paths('feePerGiB')[0]![1]!; // AR per GiB at 340 winston per GiB-minute
    const firstYear = (340 * 525_600 * 20) / 1e12;
    const years = (fee * (20 / 21)) / firstYear;
    expect(Math.abs(years - 199.4996)).toBeLessThan(1e-3);
    expect(Math.abs(years / SEED_YEARS - 1)).toBeLessThan(0.003);
  });
  it('1 GiB costs 0.74868 AR on day 1 (the seed: 0.74868 AR), within 1e-5 AR', () => {
    expect(Math.abs(r.paths('feePerGiB')[0]![1]! - SEED_AR_PER_GB)).toBeLessThan(1e-5);
  });
  it('the first 30 days: 6.5 TiB uploaded paying ≈ 5,000 AR (the seed), within 1.5% (noise and price volatility off; the gap is 15 days of 30%/yr growth)', async () => {
    let spec = setPath(arweave({ years: 0.2, runs: 1 }), 'params.uploadSigma', 0) as ModelSpec;
    const priceAt = spec.blocks.findIndex((b) => b.kind === 'price');
    spec = setPath(spec, `blocks.${priceAt}.model.volatility.rate`, 0) as ModelSpec;
    const q = await paths(spec, ['uploads', 'fees.amount']);
    let tib = 0;
    let fees = 0;
    for (let t = 1; t <= 30; t++) {
      tib += q.paths('uploads')[0]![t]! / 1024;
      fees += q.paths('fees.amount')[0]![t]!;
    }
    const month = 365 / 12 / 30;
    // the uploads grow 30% a year from the seed's rate: 1.0112 × on average over days 1 … 30
    let growth = 0;
    for (let t = 1; t <= 30; t++) growth += 1.3 ** (t / 365) / 30;
    // (within 1e-4: the price still drifts by the impact of the day's mints and the endowment's inflow)
    expect(Math.abs((tib * month) / (SEED_UPLOAD_TIB_MONTH * growth) - 1)).toBeLessThan(1e-4);
    expect(Math.abs((tib * month) / SEED_UPLOAD_TIB_MONTH - 1)).toBeLessThan(0.015);
    // 6.5 TiB × 1,024 × 0.74868 = 4,983 AR: the seed's ≈ 5,000
    expect(Math.abs((fees * month) / (SEED_UPLOAD_TIB_MONTH * growth * 1024 * 0.748681) - 1)).toBeLessThan(1e-4);
    expect(Math.abs((fees * month) / SEED_FEES_AR_MONTH - 1)).toBeLessThan(0.015);
  });
  it("with noise: the mean of 200 runs over the first 30 days stays within 5% of the seed's 6.5 TiB and 5,000 AR", () => {
    let tib = 0;
    let fees = 0;
    for (let i = 0; i < 200; i++)
      for (let t = 1; t <= 30; t++) {
        tib += r.paths('uploads')[i]![t]! / 1024 / 200;
        fees += r.paths('fees.amount')[i]![t]! / 200;
      }
    const month = 365 / 12 / 30;
    expect(Math.abs((tib * month) / SEED_UPLOAD_TIB_MONTH - 1)).toBeLessThan(0.05);
    expect(Math.abs((fees * month) / SEED_FEES_AR_MONTH - 1)).toBeLessThan(0.05);
  });
  it('circulating 99% of the 66M supply at the start, within 0.5 percentage points', () => {
    expect(Math.abs(r.paths('circulatingSupply')[0]![0]! / 66e6 - SEED_CIRCULATING)).toBeLessThan(0.005);
  });
  it('FDV $1.18B at the start (price × total supply), within 0.5%', () => {
    expect(Math.abs(r.paths('fdv')[0]![0]! / SEED_FDV - 1)).toBeLessThan(0.005);
  });
  it('inflation at the seed date ≈ 0.197% a year (not quoted by the document): inflation of day 1 × 365 over 65.8M, within 0.001 pp', () => {
    const day1 = 11e6 * (2 ** (-H0 / 262_800) - 2 ** (-(H0 + BLOCKS_PER_DAY) / 262_800));
    const supply = 66_000_015.859279336957 - 11e6 * 2 ** (-H0 / 262_800);
    expect(Math.abs(r.paths('inflationAnnualised')[0]![1]! - (day1 * 365) / supply)).toBeLessThan(1e-5);
    expect(r.paths('inflationAnnualised')[0]![1]!).toBeCloseTo(0.00197, 4);
  });
});

describe('arweave rule versions', () => {
  it('legacy: the price stays at 340 and the miner share at 1/6; no debt is ever minted', async () => {
    const r = await paths(arweave({ years: 3, runs: 2, rules: 'legacy' }), ['gibPrice', 'minerShare', 'debt.amount']);
    for (const p of r.paths('gibPrice')) expect(Math.max(...p.slice(1)) === 340 && Math.min(...p.slice(1)) === 340).toBe(true);
    for (const p of r.paths('minerShare')) expect(p.at(-1)).toBeCloseTo(1 / 6, 12);
    for (const p of r.paths('debt.amount')) expect(Math.max(...p)).toBe(0);
  });
  it('2024-10: the 340 cap holds until 2024-11-20 (height 1,551,470), then the price moves toward v2; 1/21 from height 2,069,870', async () => {
    const r = await paths(arweave({ years: 3, runs: 1 }), ['gibPrice', 'minerShare', 'v2On']);
    const tStart = Math.ceil((1_551_470 - H0) / BLOCKS_PER_DAY); // the first day whose end height passes the start
    const tV2 = Math.ceil((2_069_870 - H0) / BLOCKS_PER_DAY);
    const p = r.paths('gibPrice')[0]!;
    expect(p[tStart - 1]).toBe(340);
    expect(p[tStart + 30]!).toBeGreaterThan(340);
    expect(r.paths('minerShare')[0]![tV2 - 1]).toBeCloseTo(1 / 6, 12);
    expect(r.paths('minerShare')[0]![tV2]).toBeCloseTo(1 / 21, 12);
    expect(r.paths('v2On')[0]![tV2]).toBe(1);
  });
  it('v2 with an empty pool: the multiplier doubles once (the latch closes) and the fee doubles with it; the latch stays closed while the pool is empty', async () => {
    const r = await paths(stressed(), ['kryder', 'latch', 'debt.amount', 'draw.amount', 'feePerGiB', 'gibPrice']);
    const k = r.paths('kryder')[0]!;
    const latch = r.paths('latch')[0]!;
    expect(k[0]).toBe(1);
    expect(k[1]).toBe(2);
    expect(latch[1]).toBe(1);
    expect(Math.max(...k)).toBe(2);
    expect(Math.min(...latch.slice(1))).toBe(1);
    // the fee of day 2 is computed with day 1's multiplier (the protocol's PrevB)
    const ratio = (t: number) => r.paths('feePerGiB')[0]![t]! / r.paths('gibPrice')[0]![t]!;
    expect(ratio(2) / ratio(1)).toBeCloseTo(2, 12);
  });
  it('the latch opens on a draw that leaves the pool above 10,000 AR, and a second dry pool doubles again', async () => {
    // start dry (debt, K = 2, latch closed); a grant of 20,000 AR to the pool on day 10 lets the next draws leave it above the threshold
    let spec = stressed();
    spec = setPath(spec, 'blocks', [
      ...spec.blocks.slice(0, 9),
      { id: 'grant', kind: 'transfer', asset: 'AR', from: 'liquid', to: 'endowment', amount: 't == 10 ? 20000 : 0' },
      ...spec.blocks.slice(9),
    ]) as ModelSpec;
    const r = await paths(spec, ['kryder', 'latch', 'draw.amount', 'debt.amount', 'AR.endowment']);
    const latch = r.paths('latch')[0]!;
    const draw = r.paths('draw.amount')[0]!;
    expect(latch[9]).toBe(1);
    expect(draw[10]!).toBeGreaterThan(0);
    expect(latch[10]).toBe(0);
    expect(r.paths('kryder')[0]![10]).toBe(2);
    // once the pool is drawn dry again, the open latch lets the multiplier double a second time
    const dry = r.paths('debt.amount')[0]!.findIndex((d, t) => t > 10 && d > 0);
    expect(dry).toBeGreaterThan(10);
    expect(r.paths('kryder')[0]![dry]).toBe(4);
    expect(latch[dry]).toBe(1);
  });
});
