// The io.net model on engine v2: parity and conservation (harness), the daily schedule against the
// hourly rule of src/ionet/rules.ts, the calibration table of docs/models/ionet.md (figures of the seed
// and of shared/reference/projects.md §4, written out here), and behaviour.
import { ionet } from '@flywheel/models/ionet';
import { models } from '@flywheel/models';
import { describe, expect, it } from 'vitest';
import { emissionsBetween } from '../src/ionet/rules.js';
import { checkParityAndConservation, paths } from './harness.js';

const DAYS_TGE_TO_START = 112; // 2024-06-11 → 2024-10-01

describe('ionet: parity, conservation, registry', () => {
  it('is registered, on the day clock, 3,650 steps by default', () => {
    const spec = models.ionet!.create();
    expect(spec.time.step).toBe('day');
    expect(spec.time.steps).toBe(3_650);
  });

  it('both engines give the same bits; Δ total supply = minted − burned on every step; no NaN; no negative balance (two years: the cliffs end in July 2025)', async () => {
    await checkParityAndConservation('ionet', ionet({ years: 2, runs: 3, agents: 40 }), ['price', 'demandUsd', 'gpus.active', 'buyback.amount']);
  });

  it('the monthly rule version too', async () => {
    await checkParityAndConservation('ionet-monthly', ionet({ years: 1, runs: 2, agents: 20, rules: 'monthly' }));
  });
});

describe('ionet: the engine against the exact rules', () => {
  it('each day mints the 24 hourly epochs of epochEmission summed (days 1, 2, 365, 3,650), within 1e-9', async () => {
    const r = await paths(ionet({ years: 10, runs: 1, agents: 10 }), ['emission.amount']);
    for (const t of [1, 2, 365, 3_650]) {
      const h0 = BigInt((DAYS_TGE_TO_START + t - 1) * 24);
      const exact = Number(emissionsBetween(h0 + 1n, h0 + 24n)) / 1e8;
      const engine = r.paths('emission.amount')[0]![t]!;
      expect(Math.abs(engine / exact - 1), `day ${t}`).toBeLessThan(1e-9);
    }
  });

  it('over 20 years the schedule emits what is left of the 300M after the start (within one IO) and supply stays under 800M', async () => {
    const r = await paths(ionet({ years: 20, runs: 1, agents: 10 }), ['emission.amount', 'IO.unissued']);
    const sum = r.paths('emission.amount')[0]!.reduce((a, b) => a + b, 0);
    const before = Number(emissionsBetween(1n, BigInt(DAYS_TGE_TO_START * 24))) / 1e8;
    expect(Math.abs(sum + before - 300_000_000)).toBeLessThan(1);
    for (const v of r.paths('IO.unissued')[0]!) expect(v).toBeGreaterThanOrEqual(-1e-6);
  });
});

describe('ionet: calibration (docs/models/ionet.md)', () => {
  it('2025 inflation: IO emitted in 2025 / the 500M base = 7.04% (seed: 7.03%), within 0.02 pp', async () => {
    const r = await paths(ionet({ years: 3, runs: 1, agents: 10 }), ['emission.amount']);
    const e = r.paths('emission.amount')[0]!;
    const y = (from: number) => e.slice(from, from + 365).reduce((a, b) => a + b, 0);
    const d2025 = 93; // 2025-01-01 is step 93 (2024-10-01 + 92 days)
    const inflation2025 = y(d2025) / 500_000_000;
    expect(Math.abs(inflation2025 - 0.0703)).toBeLessThan(0.0002); // [SEED] 7.03%
    // "falling ~12% a year" [SEED, OFF]: 2026 against 2025, within 1 pp
    expect(Math.abs(1 - y(d2025 + 365) / y(d2025) - 0.12)).toBeLessThan(0.01);
  });

  it('the start state: 15% of 800M circulating, FDV $1.5B, 512.05M IO in existence', async () => {
    const r = await paths(ionet({ years: 1, runs: 1, agents: 10 }), ['circulatingSupply', 'fdv', 'totalSupply']);
    expect(r.paths('circulatingSupply')[0]![0]! / 800_000_000).toBeCloseTo(0.15, 12); // [SEED]
    expect(r.paths('fdv')[0]![0]).toBeCloseTo(1_500_000_000, 3); // [SEED]
    expect(Math.abs(r.paths('totalSupply')[0]![0]! - 512_047_796)).toBeLessThan(1); // 500M + 112 days of the hourly schedule [DER]
  });

  it('investors unlock 181.6M / 24 on 2025-07-11 (end of month 13) and all 181.6M by 2027-06-11; the team 90.4M / 36 a month to 2028-06-11', async () => {
    const r = await paths(ionet({ years: 4, runs: 1, agents: 10 }), ['investorUnlock.amount', 'teamUnlock.amount', 'IO.investors', 'IO.team']);
    const inv = r.paths('investorUnlock.amount')[0]!;
    const day = (iso: string) => Math.round((Date.parse(iso) - Date.parse('2024-10-01')) / 86_400_000) + 1;
    expect(inv.slice(0, day('2025-07-11')).every((v) => v === 0)).toBe(true);
    expect(inv[day('2025-07-11')]).toBeCloseTo(181_600_000 / 24, 4);
    expect(inv[day('2025-08-11')]).toBeCloseTo(181_600_000 / 24, 4);
    expect(inv.filter((v) => v > 0).length).toBe(24);
    expect(r.paths('IO.investors')[0]![day('2027-06-11')]).toBeLessThan(1e-6);
    expect(r.paths('teamUnlock.amount')[0]![day('2028-06-11')]).toBeCloseTo(90_400_000 / 36, 4);
    expect(r.paths('IO.team')[0]!.at(-1)).toBeLessThan(1e-6);
  });
});

describe('ionet: behaviour', () => {
  it("fees are 2.5% of reservations (0.25% + 0.25% + half of 2% + 2% in USDC); the buyback burns fees / yesterday's price", async () => {
    const r = await paths(ionet({ years: 1, runs: 2, agents: 20 }), ['feesUsd', 'demandUsd', 'buyback.amount', 'price', 'burned']);
    for (let run = 0; run < 2; run++) {
      for (const t of [1, 100, 365]) {
        expect(r.paths('feesUsd')[run]![t]! / r.paths('demandUsd')[run]![t]!).toBeCloseTo(0.025, 12);
        expect(r.paths('buyback.amount')[run]![t]).toBeCloseTo(r.paths('feesUsd')[run]![t]! / r.paths('price')[run]![t - 1]!, 9);
        expect(r.paths('burned')[run]![t]).toBe(r.paths('buyback.amount')[run]![t]);
      }
    }
  });

  it('stakes follow 200 IO per staking GPU; what leaves the stake comes back to liquid 14 days later', async () => {
    const spec = ionet({ years: 1, runs: 1, agents: 20 });
    const r = await paths(spec, ['IO.staked', 'gpus.capacity', 'staking.unbonded', 'staking.released']);
    const staked = r.paths('IO.staked')[0]!;
    const cap = r.paths('gpus.capacity')[0]!;
    expect(Math.abs(staked[200]! / (cap[200]! * 0.3 * 200) - 1)).toBeLessThan(0.05);
    const unb = r.paths('staking.unbonded')[0]!;
    const rel = r.paths('staking.released')[0]!;
    for (let t = 1; t + 14 < unb.length; t++) expect(rel[t + 14]).toBeCloseTo(unb[t]!, 6);
  });

  it('the monthly rule mints E₃ / 30.42 on day 1 (October 2024 is month 3 of the proposal) instead of the hourly day', async () => {
    const r = await paths(ionet({ years: 1, runs: 1, agents: 10, rules: 'monthly' }), ['emission.amount']);
    const e3 = ((500_000_000 * 0.08) / 12) * 0.989849199 ** 3;
    expect(r.paths('emission.amount')[0]![1]).toBeCloseTo(e3 / (365 / 12), 6);
    const hourly = await paths(ionet({ years: 1, runs: 1, agents: 10 }), ['emission.amount']);
    expect(hourly.paths('emission.amount')[0]![1]).not.toBeCloseTo(e3 / (365 / 12), 0);
  });

  it('selling unlocks presses the price: with no unlock sold the median price after the cliffs is higher', async () => {
    const base = ionet({ years: 3, runs: 20, agents: 20 });
    const none = ionet({ years: 3, runs: 20, agents: 20 });
    none.params!.unlockSell = 0;
    // runs diverge (the agents draw from the same stream as the price), so compare medians over runs
    const median = (x: readonly Float64Array[]) => x.map((p) => p.at(-1)!).sort((a, b) => a - b)[10]!;
    expect(median((await paths(none, ['price'])).paths('price'))).toBeGreaterThan(median((await paths(base, ['price'])).paths('price')));
  });
});
