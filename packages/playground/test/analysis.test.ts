// The playground's analysis panel, end to end in Chromium: a Morris screen and a small Sobol
// analysis over the scenario's parameters and a tail-risk query run in Web Workers; the charts
// are drawn (one point or two bars per parameter, one bar per event) and every number shown is
// the SDK's in Node for the same spec, options and seeds, digit for digit. A calibration to a
// series made by the model itself recovers the parameter and draws the fit and its residuals. Bad input shows the
// FlywheelError's code and path. Screenshots go to test-artifacts/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { calibrate, risk, run, sensitivity, setPath } from '@flywheel/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../examples/test/chromium.js';
import { scenarioSpec, type Scenario } from '../src/scenario.js';
import { artifacts, buildAndServe, type Served } from './serve.js';

let site: Served;
let chrome: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  site = await buildAndServe();
  chrome = await launchChromium();
  context = chrome.context;
});

afterAll(async () => {
  await chrome?.close();
  site?.close();
});

async function settled(page: Page, timeout = 120_000): Promise<string> {
  await page.waitForFunction(() => ['done', 'error', 'idle', 'cancelled'].includes(window.__playground?.state ?? ''), null, { timeout });
  return page.evaluate(() => window.__playground!.state);
}

/** A page with a small Helium scenario in the controls (1 year, 4 runs, seed 42). */
async function smallPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.url);
  expect(await settled(page)).toBe('idle');
  await page.fill('#years', '1');
  await page.fill('#runs', '4');
  return page;
}
const scenario: Scenario = { model: 'helium', years: 1, runs: 4, seed: 42 };

/** Ticks exactly these parameters and sets their ranges; returns them in the page's order (the spec's), which is the analysis's. */
async function vary(page: Page, ranges: Record<string, [number, number]>): Promise<Record<string, [number, number]>> {
  for (const box of await page.$$('#analysis-params input[type="checkbox"]')) {
    const path = (await box.getAttribute('data-vary'))!;
    await box.setChecked(path in ranges);
  }
  for (const [path, [lo, hi]] of Object.entries(ranges)) {
    await page.fill(`#analysis-params input[data-vary="${path}"][data-end="lo"]`, String(lo));
    await page.fill(`#analysis-params input[data-vary="${path}"][data-end="hi"]`, String(hi));
  }
  const order = await page.$$eval('#analysis-params input[type="checkbox"]', (bs) => bs.map((b) => b.getAttribute('data-vary')!));
  return Object.fromEntries(order.filter((p) => p in ranges).map((p) => [p, ranges[p]!]));
}

describe('the analysis panel', () => {
  it('a Morris screen: one labelled point per parameter at (μ*, σ), the numbers the SDK gives in Node', async () => {
    const page = await smallPage();
    // the panel starts with three parameters ticked, each from half to 1.5 times its value
    expect(await page.locator('#analysis-params input[type="checkbox"]:checked').count()).toBe(3);
    await expect(page.inputValue('#analysis-params input[data-vary="params.growth"][data-end="lo"]')).resolves.toBe('0.2');
    const ranges = await vary(page, { 'params.growth': [0.1, 0.9], 'params.elasticity': [0.2, 0.8], 'params.sigma': [0.1, 0.5] });
    expect(Object.keys(ranges)).toEqual(['params.growth', 'params.sigma', 'params.elasticity']); // Helium's order
    await page.selectOption('#analysis-method', 'morris');
    await page.fill('#analysis-samples', '3');
    await page.selectOption('#analysis-output', 'finalPriceP50');
    expect(await page.textContent('#analysis-cost')).toBe('12 runs of the scenario (48 simulated runs)');
    await page.click('#analysis-run');
    expect(await settled(page)).toBe('done');
    const shown = await page.evaluate(() => JSON.stringify(window.__playground!.sensitivity));
    const node = await sensitivity(scenarioSpec(scenario), { params: ranges, output: 'finalPriceP50', method: 'morris', samples: 3, seed: 0 }, { threads: 1 });
    expect(shown).toBe(JSON.stringify(node));
    const points = await page.$$eval('#sensitivity-chart svg.morris-chart circle.point', (cs) =>
      cs.map((c) => ({ label: c.getAttribute('data-label'), x: Number(c.getAttribute('data-x')), y: Number(c.getAttribute('data-y')), cx: Number(c.getAttribute('cx')) })),
    );
    expect(points.map((p) => p.label)).toEqual(Object.keys(ranges));
    for (const m of node.morris!) expect(points.find((p) => p.label === m.param)).toMatchObject({ x: m.muStar, y: m.sigma });
    // the largest μ* lies farthest right
    const top = [...node.morris!].sort((a, b) => b.muStar - a.muStar)[0]!.param;
    expect(points.reduce((a, b) => (b.cx > a.cx ? b : a)).label).toBe(top);
    const rows = await page.$$eval('#sensitivity-rows tr', (trs) => trs.map((tr) => tr.getAttribute('data-param')));
    expect(rows[0]).toBe(top);
    expect(await page.$$eval('#sensitivity-chart svg.morris-chart .point-label', (ts) => ts.map((t) => t.textContent).sort())).toEqual(Object.keys(ranges).sort());
    expect(await page.evaluate(() => window.__playground!.cspViolations)).toEqual([]);
    await page.locator('#analysis').screenshot({ path: join(artifacts, 'playground-morris.png') });
    await page.close();
  });

  it('small Sobol: two bars per parameter sorted by ST, whiskers at the bootstrap intervals, as in Node', async () => {
    const page = await smallPage();
    const ranges = await vary(page, { 'params.growth': [0.1, 0.9], 'params.sigma': [0.1, 0.5] });
    await page.selectOption('#analysis-method', 'sobol');
    await expect(page.inputValue('#analysis-samples')).resolves.toBe('8');
    await page.fill('#analysis-samples', '4');
    await page.selectOption('#analysis-output', 'burnMintRatioOverall');
    await page.click('#analysis-run');
    expect(await settled(page)).toBe('done');
    const node = await sensitivity(scenarioSpec(scenario), { params: ranges, output: 'burnMintRatioOverall', method: 'sobol', samples: 4, seed: 0 }, { threads: 1 });
    expect(await page.evaluate(() => JSON.stringify(window.__playground!.sensitivity))).toBe(JSON.stringify(node));
    const bars = await page.$$eval('#sensitivity-chart svg.sobol-chart rect.bar', (rs) =>
      rs.map((r) => ({ row: r.getAttribute('data-row'), series: r.getAttribute('data-series'), value: Number(r.getAttribute('data-value')), y: Number(r.getAttribute('y')) })),
    );
    const finiteValues = node.sobol!.flatMap((s) => [s.S1, s.ST]).filter(Number.isFinite);
    expect(bars).toHaveLength(finiteValues.length);
    const st = bars
      .filter((b) => b.series!.startsWith('ST'))
      .sort((a, b) => a.y - b.y)
      .map((b) => b.row);
    expect(st).toEqual([...node.sobol!].sort((a, b) => b.ST - a.ST).map((s) => s.param));
    const whiskers = await page.$$eval('#sensitivity-chart svg.sobol-chart line.whisker', (ls) =>
      ls.map((l) => [l.getAttribute('data-row'), l.getAttribute('data-series'), Number(l.getAttribute('data-lo')), Number(l.getAttribute('data-hi'))]),
    );
    for (const s of node.sobol!) {
      if (Number.isFinite(s.S1Interval[0]) && Number.isFinite(s.S1Interval[1])) expect(whiskers).toContainEqual([s.param, 'S1 (first order)', s.S1Interval[0], s.S1Interval[1]]);
      if (Number.isFinite(s.STInterval[0]) && Number.isFinite(s.STInterval[1])) expect(whiskers).toContainEqual([s.param, 'ST (total)', s.STInterval[0], s.STInterval[1]]);
    }
    expect(await page.locator('#sensitivity-rows tr').count()).toBe(2);
    await page.locator('#analysis').screenshot({ path: join(artifacts, 'playground-sobol.png') });
    await page.close();
  });

  it('tail risk: a bar per event with its Wilson interval, as risk() gives in Node; bad input names its field', async () => {
    const page = await smallPage();
    await page.fill('#runs', '30');
    await expect(page.inputValue('#risk-events')).resolves.toMatch(/^price<[\d.]+@end$/); // half of the start price
    await page.fill('#risk-events', 'price<6@end, price>1000@any, activeProviders<370000@any');
    await page.click('#risk-run');
    expect(await settled(page)).toBe('done');
    const node = await risk(scenarioSpec({ ...scenario, runs: 30 }), { events: ['price<6@end', 'price>1000@any', 'activeProviders<370000@any'] }, { threads: 1 });
    expect(await page.evaluate(() => JSON.stringify(window.__playground!.risk))).toBe(JSON.stringify(node));
    const rows = await page.$$eval('#risk-chart svg.probability-chart .bar, #risk-chart svg.probability-chart .at-floor', (es) =>
      es.map((e) => [e.getAttribute('data-row'), Number(e.getAttribute('data-value'))]),
    );
    expect(rows.map((r) => r[0]).sort()).toEqual(node.events.map((e) => e.event).sort());
    for (const e of node.events) expect(rows).toContainEqual([e.event, e.probability]);
    const whiskers = await page.$$eval('#risk-chart line.whisker', (ls) => ls.map((l) => [l.getAttribute('data-row'), Number(l.getAttribute('data-lo')), Number(l.getAttribute('data-hi'))]));
    for (const e of node.events) expect(whiskers).toContainEqual([e.event, e.interval[0], e.interval[1]]);
    expect(await page.$$eval('#risk-rows td[data-key="probability"]', (tds) => tds.map((t) => Number(t.getAttribute('data-value'))))).toEqual(node.events.map((e) => e.probability));
    await page.locator('#analysis').screenshot({ path: join(artifacts, 'playground-risk.png') });

    // bad input: the error box names the code and the field, and the page runs again afterwards
    await page.fill('#risk-events', 'price<<1');
    await page.click('#risk-run');
    expect(await settled(page)).toBe('error');
    expect(await page.textContent('#error-code')).toBe('RUN_INVALID_OPTION');
    expect(await page.textContent('#error-path')).toBe('events.0');
    await page.fill('#analysis-samples', '1');
    await page.click('#analysis-run');
    expect(await settled(page)).toBe('error');
    expect(await page.textContent('#error-path')).toBe('analysis-samples');
    await vary(page, {});
    await page.fill('#analysis-samples', '3');
    await page.click('#analysis-run');
    expect(await settled(page)).toBe('error');
    expect(await page.textContent('#error-path')).toBe('analysis-params');
    await vary(page, { 'params.growth': [0.9, 0.1] });
    await page.click('#analysis-run');
    expect(await settled(page)).toBe('error');
    expect(await page.textContent('#error-path')).toBe('params.params.growth');
    expect(await page.locator('#analysis-run').isEnabled()).toBe(true);
    expect(await page.evaluate(() => window.__playground!.cspViolations)).toEqual([]);
    await page.close();
  });

  it('calibration: a series made at growth 0.55 is fitted back; observed points over the band, the residuals and the numbers calibrate() gives in Node', async () => {
    const page = await smallPage();
    const ranges = await vary(page, { 'params.growth': [0.1, 0.9] });
    // the observations: the model's own p50 of cumulative minted at growth 0.55, at four dates
    const truth = await run(setPath(scenarioSpec(scenario), 'params.growth', 0.55), { threads: 1 });
    const steps = [60, 150, 240, 330];
    const minted = truth.metric('cumulativeMinted').p50;
    const csv = steps.map((t) => `${truth.dateAt(t)},${minted[t]}`).join('\n');
    await page.selectOption('#calibrate-metric', 'cumulativeMinted');
    await page.fill('#calibrate-evaluations', '30');
    await page.fill('#calibrate-data', csv);
    await page.click('#calibrate-run');
    expect(await settled(page)).toBe('done');
    const shown = await page.evaluate(() => JSON.stringify(window.__playground!.calibration));
    const node = await calibrate(scenarioSpec(scenario), { params: ranges, data: csv, metric: 'cumulativeMinted', maxEvaluations: 30 }, { threads: 1 });
    expect(shown).toBe(JSON.stringify(node));
    // the same seed made the series, so the fit finds growth 0.55 back, and the page shows it
    expect(Math.abs(node.params['params.growth']! - 0.55)).toBeLessThan(0.02);
    expect(Number(await page.getAttribute('#calibrate-rows td[data-key="fitted"]', 'data-value'))).toBe(node.params['params.growth']);
    // the chart: one observed point per row, a model line and band; the residual chart one point per row
    expect(await page.locator('#calibrate-chart svg.fit-chart .observed').count()).toBe(steps.length);
    expect(await page.locator('#calibrate-chart svg.fit-chart .band').count()).toBeGreaterThan(0);
    expect(await page.locator('#calibrate-residuals svg circle').count()).toBeGreaterThanOrEqual(steps.length);
    for (const attr of await page.$$eval('#calibrate-chart svg *, #calibrate-residuals svg *', (els) => els.flatMap((e) => [...e.attributes].map((a) => a.value)))) expect(attr).not.toContain('NaN');
    await page.screenshot({ path: join(artifacts, 'analysis-calibration.png'), fullPage: true });
    // no observations: the field named
    await page.fill('#calibrate-data', '');
    await page.click('#calibrate-run');
    expect(await page.textContent('#error-path')).toBe('calibrate-data');
    await page.close();
  }, 240_000);

  it('Cancel stops a long analysis and the panel runs again afterwards', async () => {
    const page = await smallPage();
    await page.fill('#years', '5');
    await page.fill('#runs', '50');
    await page.selectOption('#analysis-method', 'sobol');
    await page.fill('#analysis-samples', '64'); // 64 · 5 = 320 evaluations of 5 years × 50 runs
    await page.click('#analysis-run');
    await page.waitForFunction(() => window.__playground?.state === 'running');
    expect(await page.locator('#analysis-run').isDisabled()).toBe(true);
    await page.click('#cancel');
    expect(await settled(page)).toBe('cancelled');
    expect(await page.evaluate(() => window.__playground!.sensitivity)).toBeUndefined();
    await page.fill('#years', '1');
    await page.fill('#runs', '4');
    await page.selectOption('#analysis-method', 'morris');
    await page.fill('#analysis-samples', '2');
    await page.click('#analysis-run');
    expect(await settled(page)).toBe('done');
    expect(await page.locator('#sensitivity-chart svg.morris-chart circle.point').count()).toBe(3);
    await page.close();
  });
});
