import { helium, models } from '@flywheel/models';
import { HNT_TOTAL_SUPPLY_2024_10_01 } from '@flywheel/models/helium';
import { compile, flywheel, run, setPath, validateSpec, type CompiledModel, type RunResult } from '@flywheel/sdk';
import Decimal from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';

Decimal.set({ precision: 50 });

// Independent values from shared/reference/projects.md §10 (not imported from the model module).
const X = '41095.89041096'; // HNT/day from 2024-08-01 (15M/365)
const Y = '20547.94520548'; // HNT/day from 2025-08-01 (7.5M/365)
const Y2 = new Decimal(Y).div(2); // from 2027-08-01
const Y4 = new Decimal(Y).div(4); // from 2029-08-01
const MAX_SUPPLY = 223_000_000;
const NET_EMISSIONS_CAP = 1_644; // HNT/day
const DAY = 86_400_000;
const START = Date.UTC(2024, 9, 1); // 2024-10-01

/** Step covering the day `iso` (step t covers day t−1 → t after 2024-10-01). */
function stepOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - START) / DAY + 1;
}

const near = (actual: number, expected: Decimal.Value, tol: number) => expect(new Decimal(actual).minus(expected).abs().toNumber(), `${actual} vs ${expected.toString()}`).toBeLessThanOrEqual(tol);
const relNear = (actual: number, expected: Decimal.Value, rel: number, label = '') => {
  const e = new Decimal(expected);
  expect(new Decimal(actual).minus(e).abs().div(e).toNumber(), `${label}${actual} vs ${e.toString()}`).toBeLessThanOrEqual(rel);
};

describe('Helium spec', () => {
  it('validates (default and short horizons)', () => {
    expect(() => validateSpec(helium())).not.toThrow();
    expect(validateSpec(helium({ years: 1, runs: 3, seed: 0, agents: 10 })).time.steps).toBe(365);
  });
});

describe('Helium HNT schedule (what its two schedule blocks mint each day)', () => {
  let c: CompiledModel;
  let issued: Float64Array;
  let toHst: Float64Array;
  // issuance goes to the rewards account that pays hotspots (the sub-DAOs' share), HST's share to liquid
  const prov = (t: number) => issued[t]!;
  const hst = (t: number) => toHst[t]!;
  const mint = (t: number) => prov(t) + hst(t);
  const circ = (t: number) => prov(t) + hst(t);

  beforeAll(async () => {
    c = compile(validateSpec(helium({ years: 6, runs: 1 })));
    const r = await run(helium({ years: 6, runs: 1, agents: 10 }), { metrics: ['issuance.amount', 'hst.amount'], keepRuns: true });
    issued = r.paths('issuance.amount')[0]!;
    toHst = r.paths('hst.amount')[0]!;
  });

  it('the step helper matches the calendar: 2025-08-01 is step 305, 2027-08-01 step 1035, 2029-08-01 step 1766', () => {
    expect(c.steps).toBe(6 * 365);
    // 304 days from 2024-10-01 to 2025-08-01; then 365 + 365; then 366 (Feb 29 2028) + 365
    expect(stepOf('2025-08-01')).toBe(304 + 1);
    expect(stepOf('2027-08-01')).toBe(304 + 730 + 1);
    expect(stepOf('2029-08-01')).toBe(304 + 730 + 731 + 1);
    expect(mint(0)).toBe(0); // index 0 is the initial state, nothing is minted "before" it
  });

  it('every day before 2025-01-28 mints 41,095.89041096 HNT in total: 70% to the sub-DAOs, 30% to HST', () => {
    const last = stepOf('2025-01-27');
    expect(last).toBe(119);
    const subdao = new Decimal(X).times('0.7');
    const hst = new Decimal(X).times('0.3');
    for (let t = 1; t <= last; t++) {
      near(mint(t), X, 1e-8);
      near(prov(t), subdao, 1e-8); // subdaos are a providers group
      near(circ(t) - prov(t), hst, 1e-8); // HST is a circulating group
    }
  });

  it('from 2025-01-28 to 2025-07-31 the sub-DAOs get all 41,095.89041096 HNT/day (HIP-138)', () => {
    for (let t = stepOf('2025-01-28'); t <= stepOf('2025-07-31'); t++) {
      near(mint(t), X, 1e-8);
      near(prov(t), X, 1e-8);
      near(circ(t), X, 1e-8);
    }
  });

  it('2025-08-01 onwards 20,547.94520548/day; 2027-08-01 onwards 10,273.97260274/day; 2029-08-01 onwards 5,136.98630137/day', () => {
    expect(Y2.toString()).toBe('10273.97260274');
    for (let t = stepOf('2025-08-01'); t <= stepOf('2027-07-31'); t++) near(mint(t), Y, 1e-8);
    for (let t = stepOf('2027-08-01'); t <= stepOf('2029-07-31'); t++) near(mint(t), Y2, 1e-8);
    for (let t = stepOf('2029-08-01'); t <= c.steps; t++) near(mint(t), Y4, 1e-8);
    // the edges exactly: the last day of one rate and the first of the next
    near(mint(stepOf('2027-07-31')), Y, 1e-8);
    near(mint(stepOf('2027-08-01')), Y2, 1e-8);
    near(mint(stepOf('2028-02-29')), Y2, 1e-8);
  });

  it('the days from 2024-10-01 to 2025-07-31 sum to 304 × 41,095.89041096', () => {
    let sum = new Decimal(0);
    for (let t = 1; t <= stepOf('2025-07-31'); t++) sum = sum.plus(mint(t));
    const expected = new Decimal(X).times(304);
    expect(expected.toString()).toBe('12493150.68493184');
    near(sum.toNumber(), expected, 1e-6);
  });

  it('the whole 6-year schedule sums to the calendar closed form (730 days at 7.5M/yr, 731 at half that)', () => {
    let sum = new Decimal(0);
    for (let t = 1; t <= c.steps; t++) sum = sum.plus(mint(t));
    const daysAtY4 = c.steps - (stepOf('2029-08-01') - 1);
    const expected = new Decimal(X).times(304).plus(new Decimal(Y).times(730)).plus(Y2.times(731)).plus(Y4.times(daysAtY4));
    near(sum.toNumber(), expected, 1e-5);
  });

  it('validation fact: 41,095.89041096 × 365 = 15,000,000.0 and 20,547.94520548 × 365 = 7,500,000.0 HNT', () => {
    near(new Decimal(X).times(365).toNumber(), 15_000_000, 1e-6);
    expect(new Decimal(X).times(365).minus(15_000_000).abs().lte('1e-6')).toBe(true);
    expect(new Decimal(Y).times(365).minus(7_500_000).abs().lte('1e-6')).toBe(true);
  });

  it('the initial total supply is the cap minus the issuance still scheduled (365-day years)', () => {
    const expected = new Decimal(MAX_SUPPLY).minus(new Decimal(X).times(304)).minus(new Decimal('7500000').times(4));
    near(HNT_TOTAL_SUPPLY_2024_10_01, expected, 1e-6);
    const accounts = Object.values(c.spec.assets.HNT!.accounts).reduce((sum, a) => sum + (a.initial ?? 0), 0);
    near(accounts, expected, 1e-6);
    expect(c.spec.assets.HNT!.cap).toBe(MAX_SUPPLY);
  });

  it('is registered in the model list with a description', () => {
    expect(models.helium?.name).toBe('helium');
    expect(models.helium!.description.length).toBeGreaterThan(10);
    expect(models.helium!.create()).toEqual(helium());
  });
});

/** Every number in a JSON-like value, with its path; null (JSON's NaN) is reported as a non-number. */
function badNumbers(v: unknown, path = '$', out: string[] = []): string[] {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) out.push(`${path}=${v}`);
  } else if (v === null) {
    out.push(`${path}=null`);
  } else if (ArrayBuffer.isView(v)) {
    Array.from(v as Float64Array).forEach((x, i) => badNumbers(x, `${path}[${i}]`, out));
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => badNumbers(x, `${path}[${i}]`, out));
  } else if (typeof v === 'object' && v !== undefined) {
    for (const [k, x] of Object.entries(v as object)) badNumbers(x, `${path}.${k}`, out);
  }
  return out;
}

describe('Helium model runs', () => {
  const years = 3;
  const S = years * 365;
  let r: RunResult;
  let huge: RunResult;

  beforeAll(async () => {
    r = await run(helium({ runs: 8, years }));
    huge = await flywheel(helium({ runs: 8, years }))
      .set('params.dcUsd0', 5e7)
      .run();
  });

  it('has the expected shape', () => {
    expect(r.steps).toBe(S);
    expect(r.runs).toBe(8);
    expect(r.metric('totalSupply').p95).toHaveLength(S + 1);
  });

  it('total supply never exceeds the 223M cap, even at p95', () => {
    const p95 = r.metric('totalSupply').p95;
    for (let t = 0; t <= S; t++) expect(p95[t]!).toBeLessThanOrEqual(MAX_SUPPLY);
  });

  it('no NaN or Infinity anywhere in result.toJSON()', () => {
    const json = r.toJSON();
    expect(badNumbers(json.metrics)).toEqual([]);
    const s = json.summary as unknown as Record<string, unknown>;
    // Helium has a burn and providers, so no summary field is null
    expect(badNumbers(s)).toEqual([]);
    // and it survives a JSON round trip unchanged (JSON turns NaN/Infinity into null)
    expect(badNumbers(JSON.parse(JSON.stringify(r)))).toEqual([]);
  });

  it('initial price = $1.47B / (0.77 × 223M) in every band', () => {
    const expected = new Decimal('1.47e9').div(new Decimal('0.77').times(223e6));
    const p = r.metric('price');
    for (const band of [p.mean, p.p5, p.p50, p.p95]) relNear(band[0]!, expected, 1e-12);
  });

  it('initial demand = 562,580,295 DC × $0.00001 = $5,625.80295 per day', () => {
    const expected = new Decimal(9_780_594 + 552_799_701).times('0.00001');
    expect(expected.toString()).toBe('5625.80295');
    const d = r.metric('demandUsd');
    for (const band of [d.mean, d.p5, d.p50, d.p95]) relNear(band[0]!, expected, 1e-12);
  });

  it('initial active providers = 355,996 IOT + 18,462 MOBILE hotspots', () => {
    relNear(r.metric('activeProviders').p50[0]!, 355_996 + 18_462, 1e-6);
    relNear(r.metric('activeProviders').mean[0]!, 355_996 + 18_462, 1e-6);
  });

  it('initial active providers = 374,458 whatever the number of simulated cohorts', async () => {
    for (const agents of [300, 7, 1000]) {
      const small = await run(helium({ runs: 1, years: 0.1, agents }));
      relNear(small.metric('activeProviders').p50[0]!, 355_996 + 18_462, 1e-6, `agents ${agents}: `);
    }
  });

  it('initial circulating supply = 0.77 × 223M', () => {
    relNear(r.metric('circulatingSupply').p50[0]!, new Decimal('0.77').times(223e6), 1e-12);
  });

  it('supply accounting: mean total = initial + cumulative minted − cumulative burned at every step', () => {
    const total = r.metric('totalSupply').mean;
    const m = r.metric('cumulativeMinted').mean;
    const b = r.metric('cumulativeBurned').mean;
    for (let t = 0; t <= S; t++) {
      relNear(total[t]!, new Decimal(HNT_TOTAL_SUPPLY_2024_10_01).plus(m[t]!).minus(b[t]!), 1e-9);
    }
  });

  it('minted per step = schedule + at most the 1,644 HNT/day net-emissions re-mint', async () => {
    const schedule = await run(helium({ runs: 1, years, agents: 10 }), { metrics: ['issuance.amount', 'hst.amount'] });
    const minted = r.metric('minted');
    for (let t = 1; t <= S; t++) {
      const scheduled = schedule.metric('issuance.amount').p50[t]! + schedule.metric('hst.amount').p50[t]!;
      expect(minted.p5[t]!).toBeGreaterThanOrEqual(scheduled * (1 - 1e-12));
      expect(minted.p95[t]!).toBeLessThanOrEqual(scheduled + NET_EMISSIONS_CAP + 1e-6);
    }
  });

  it('with a huge demand ($50M/day) the cap still holds and burns exceed mints', () => {
    const total = huge.metric('totalSupply');
    for (let t = 0; t <= S; t++) expect(total.p95[t]!).toBeLessThanOrEqual(MAX_SUPPLY);
    const ratio = huge.metric('burnMintRatio');
    expect(ratio.p50[1]!).toBeGreaterThan(1);
    expect(Math.max(...ratio.p50)).toBeGreaterThan(1);
    // net deflation: supply at the horizon is below the start
    expect(total.p95[S]!).toBeLessThan(total.p50[0]!);
    // the default demand burns far less than is minted at first ($5.6k/day at $8.56 ≈ 657 HNT vs ≈ 41k)
    expect(r.metric('burnMintRatio').p95[1]!).toBeLessThan(1);
    expect(badNumbers(huge.toJSON())).toEqual([]);
  });

  it('the cap binds exactly when the issuance would cross it', async () => {
    let spec = helium({ runs: 2, years: 1 });
    const liquid = spec.assets.HNT!.accounts.liquid!.initial!;
    spec = setPath(spec, 'assets.HNT.accounts.locked.initial', 222_900_000 - liquid);
    expect(spec.blocks[4]!.kind).toBe('creditBurn');
    spec = setPath(spec, 'blocks.4.share', 0, true); // no burn: supply only grows
    const capped = await run(spec);
    const total = capped.metric('totalSupply');
    for (let t = 0; t <= 365; t++) expect(total.p95[t]!).toBeLessThanOrEqual(MAX_SUPPLY);
    // 100k HNT of room is used up in ~3 days at ≥ 28.7k/day; then the supply sits at the cap
    relNear(total.p50[365]!, MAX_SUPPLY, 1e-12);
    relNear(capped.metric('cumulativeMinted').mean[365]!, 100_000, 1e-9);
  });
});
