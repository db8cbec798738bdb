// The Aethir model on engine v2: parity and conservation (harness), the releases against the exact
// rules of src/aethir/rules.ts (30/30/40 Edge vesting, checker pools, 80/20 fees), the calibration
// table of docs/models/aethir.md (figures of the seed and shared/reference/projects.md §6 written out
// here), and behaviour.
import { aethir } from '@flywheel/models/aethir';
import { models } from '@flywheel/models';
import { describe, expect, it } from 'vitest';
import { WEI, checkerBaseDay, edgeReleased } from '../src/aethir/rules.js';
import { checkParityAndConservation, paths } from './harness.js';

type RunPaths = readonly Float64Array[];
const day = (iso: string) => Math.round((Date.parse(iso) - Date.parse('2024-10-01')) / 86_400_000) + 1; // the step holding a date

describe('aethir: parity, conservation, registry', () => {
  it('is registered, on the day clock; nothing is ever minted (the 42B are fixed)', async () => {
    const spec = models.aethir!.create();
    expect(spec.time.step).toBe('day');
    const r = await paths(aethir({ years: 1, runs: 1, agents: 20 }), ['minted', 'totalSupply']);
    expect(r.paths('minted')[0]!.every((v) => v === 0)).toBe(true);
    expect(r.paths('totalSupply')[0]!.every((v) => Math.abs(v - 42e9) < 1)).toBe(true);
  });

  it('both engines give the same bits; Δ total supply = minted − burned on every step; no NaN; no negative balance', async () => {
    await checkParityAndConservation('aethir', aethir({ years: 1, runs: 3, agents: 30 }), ['price', 'paybackDays', 'edge.active', 'containers.active']);
  });

  it('the tokenomics-2.0 rule version too', async () => {
    await checkParityAndConservation('aethir-2.0', aethir({ years: 2, runs: 2, agents: 20, rules: 'tokenomics-2.0' }));
  });
});

describe('aethir: the engine against the exact rules', () => {
  it('an Edge claim releases 30% the same day, 30% after 90 days and 40% after 180 days, as rules.edgeReleased (within 1e-9)', async () => {
    const r = await paths(aethir({ years: 1, runs: 1, agents: 20 }), ['edgeVesting.amount', 'release90.released', 'release180.released']);
    const claimed = r.paths('edgeVesting.amount')[0]!;
    const r90 = r.paths('release90.released')[0]!;
    const r180 = r.paths('release180.released')[0]!;
    for (const t of [1, 32, 100]) {
      const c = claimed[t]!;
      expect(c).toBeGreaterThan(0);
      const exact = (d: number) => Number(edgeReleased(BigInt(Math.round(c * 1e6)) * 10n ** 12n, BigInt(d))) / Number(WEI);
      const engine = (d: number) => 0.3 * c + (d >= 90 ? r90[t + 90]! : 0) + (d >= 180 ? r180[t + 180]! : 0);
      for (const d of [0, 89, 90, 179, 180]) expect(Math.abs(engine(d) / exact(d) - 1), `claim of step ${t}, day ${d}`).toBeLessThan(1e-9);
    }
  });

  it('the checker base pool releases checkerBaseDay each day to 2028-06-10 and is empty after; with every node above 95% uptime the checkers get 6.3B, 47.03 ATH per licence per day', async () => {
    const spec = aethir({ years: 4, runs: 1, agents: 10 });
    spec.params!.uptimeShare = 1;
    const r = await paths(spec, ['checkerBaseRelease.amount', 'checkerBonusRelease.amount', 'ATH.checkerBase', 'ATH.checkerBonus']);
    const base = r.paths('checkerBaseRelease.amount')[0]!;
    expect(base[1]).toBeCloseTo(Number(checkerBaseDay(112n)) / 1e18, 3);
    expect(base[day('2028-06-10')]).toBeGreaterThan(0);
    expect(base[day('2028-06-11')]).toBe(0);
    expect(r.paths('ATH.checkerBase')[0]!.at(-1)).toBeLessThan(1e-3);
    expect(r.paths('ATH.checkerBonus')[0]!.at(-1)).toBeLessThan(1e-3);
    const paid = 6_300_000_000 - r.paths('ATH.checkerBase')[0]!.at(-1)! - r.paths('ATH.checkerBonus')[0]!.at(-1)!;
    expect(paid / 1_460 / 91_759).toBeCloseTo(47.03, 2); // [DER] reference §6 validation fact 1
  });

  it('the bonus is paid on quarter ends (2024-12-12 …), 131.25M each, and from the 5th quarter (2025-09-12) only the uptime share', async () => {
    const r = await paths(aethir({ years: 2, runs: 1, agents: 10 }), ['checkerBonusRelease.amount']);
    const b = r.paths('checkerBonusRelease.amount')[0]!;
    expect(b[day('2024-12-12')]).toBeCloseTo(131_250_000, 3);
    expect(b[day('2025-06-12')]).toBeCloseTo(131_250_000, 3);
    expect(b[day('2025-09-12')]).toBeCloseTo(0.9 * 131_250_000, 3);
    expect(b.filter((v) => v > 0).length).toBe(8); // quarters 2 … 9 inside two years
  });

  it('fees: 80% of the ATH users pay goes to the containers, 20% to the DAO with the 5% Edge fee', async () => {
    const r = await paths(aethir({ years: 1, runs: 2, agents: 20 }), ['fees.amount', 'edgeRelease.amount', 'ATH.dao']);
    for (let run = 0; run < 2; run++) {
      const dao = r.paths('ATH.dao')[run]!;
      for (const t of [1, 50, 365]) {
        const expected = 0.2 * r.paths('fees.amount')[run]![t]! + 0.05 * r.paths('edgeRelease.amount')[run]![t]!;
        expect(dao[t]! - dao[t - 1]!).toBeCloseTo(expected, 4);
      }
    }
  });
});

describe('aethir: calibration (docs/models/aethir.md)', () => {
  it('the start: 9.66% circulating (seed) against 8.58% from the calendars and pools, within 1.2 pp; price $2.35B / 42B', async () => {
    const r = await paths(aethir({ years: 1, runs: 1, agents: 10 }), ['circulatingSupply', 'price', 'fdv']);
    const ratio = r.paths('circulatingSupply')[0]![0]! / 42e9;
    expect(Math.abs(ratio - 0.0966)).toBeLessThan(0.012);
    expect(r.paths('fdv')[0]![0]).toBeCloseTo(2_350_000_000, 0); // [SEED] "market cap" read as FDV
  });

  it("Edge: 21 ATH a device a day to 2024-10-31, 100 from 2024-11-01 (Tokenomics 1.5), 21 again from 2025-06-13; never above the year's share / 365", async () => {
    const r = await paths(aethir({ years: 10, runs: 1, agents: 20 }), ['edgeRelease.amount', 'edge.active']);
    const rel = r.paths('edgeRelease.amount')[0]!;
    const act = r.paths('edge.active')[0]!;
    expect(rel[day('2024-10-31')]! / act[day('2024-10-31') - 1]!).toBeCloseTo(21, 9);
    expect(rel[day('2024-11-01')]! / act[day('2024-11-01') - 1]!).toBeCloseTo(100, 9);
    expect(rel[day('2025-06-13')]! / act[day('2025-06-13') - 1]!).toBeCloseTo(21, 9);
    const shares = [0.4, 0.2412, 0.1454, 0.0877, 0.0529]; // [OFF] mining FAQ
    for (let y = 0; y < 5; y++) {
      const from = day(`${2024 + y}-06-20`);
      for (let t = Math.max(1, from); t < day(`${2025 + y}-06-20`); t++) expect(rel[t]!).toBeLessThanOrEqual((shares[y]! * 9.66e9) / 365 + 1e-6);
    }
    expect(rel[day('2034-06-20')]).toBe(0); // the 10 years are over
  });

  it('payback: at the seed\'s $8 a day (100 ATH at $0.08) a $1,299 device pays back in 171 days net of the 5% fee (162 without it): "about half a year"; at the seed date\'s $0.056 it takes 9–10 months', async () => {
    const spec = aethir({ years: 1, runs: 1, agents: 20 });
    spec.params!.edgeOpexDay = 0;
    const price = spec.blocks.find((b) => b.kind === 'price')!;
    if (price.kind === 'price' && price.model.kind === 'impact') price.model = { ...price.model, initial: 0.08, sensitivity: 0, volatility: { rate: 0, per: 'year' } };
    const r = await paths(spec, ['paybackDays']);
    expect(r.paths('paybackDays')[0]![day('2024-11-01')]).toBeCloseTo(1_299 / (100 * 0.95 * 0.08), 6); // 170.9 days = 5.6 months
    const d = await paths(aethir({ years: 1, runs: 20, agents: 20 }), ['paybackDays']);
    const p = d
      .paths('paybackDays')
      .map((x) => x[day('2024-11-15')]!)
      .sort((a, b) => a - b);
    const median = p[10]!;
    expect(median).toBeGreaterThan(240); // ≈ 1,299 / (95 × $0.05) [DER]
    expect(median).toBeLessThan(330);
  });
});

describe('aethir: behaviour', () => {
  it('the fee rules are parameters: feeToContainers = 1 and edgeFee = 0 leave the DAO nothing', async () => {
    const spec = aethir({ years: 1, runs: 1, agents: 20 });
    spec.params!.feeToContainers = 1;
    spec.params!.edgeFee = 0;
    const dao = (await paths(spec, ['ATH.dao'])).paths('ATH.dao')[0]!;
    expect(dao.at(-1)).toBe(dao[0]);
  });

  it('tokenomics-2.0 pays 10 ATH a device a day from 2025-10-01 instead of 21', async () => {
    const r = await paths(aethir({ years: 2, runs: 1, agents: 20, rules: 'tokenomics-2.0' }), ['edgeRelease.amount', 'edge.active']);
    const t = day('2025-10-01');
    expect(r.paths('edgeRelease.amount')[0]![t]! / r.paths('edge.active')[0]![t - 1]!).toBeCloseTo(10, 9);
    expect(r.paths('edgeRelease.amount')[0]![t - 1]! / r.paths('edge.active')[0]![t - 2]!).toBeCloseTo(21, 9);
  });

  it('the 100 ATH boost brings Edge owners in (capex pays back within the 12 months they require), and unlocks sold press the price (median over runs)', async () => {
    const r = await paths(aethir({ years: 2, runs: 20, agents: 40 }), ['edge.active', 'price']);
    for (let run = 0; run < 20; run++) expect(r.paths('edge.active')[run]![day('2025-03-01')]!).toBeGreaterThan(32_000);
    const none = aethir({ years: 2, runs: 20, agents: 40 });
    none.params!.unlockSell = 0;
    const q = await paths(none, ['price']);
    // runs diverge (agents draw from the same stream), so compare the medians of the final price
    const median = (x: RunPaths) => x.map((p) => p.at(-1)!).sort((a, b) => a - b)[10]!;
    expect(median(q.paths('price'))).toBeGreaterThan(median(r.paths('price')));
  });
});
