// End to end, in the npm-shipped Chromium (packages/examples/test/chromium.ts): the playground is
// built with Vite and served; the test changes a parameter, runs, waits for the charts, reads the
// numbers shown and checks them against the SDK in Node; loads the shared link and checks it
// reproduces them; pins and compares; cancels; and loads hostile links. Screenshots go to
// test-artifacts/ (gitignored).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helium } from '@flywheel/models';
import { run, sweep, type Summary, type YearRow } from '@flywheel/sdk';
import { SUMMARY_ROWS, YEAR_COLUMNS, formatFigure, formatYearCell } from '@flywheel/sdk/report';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../examples/test/chromium.js';
import { playgroundMetrics } from '../src/metrics.js';
import { encodeState, scenarioSpec, type LinkState, type Scenario } from '../src/scenario.js';
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

/** Waits until the page has finished (done, error or idle). */
async function settled(page: Page, timeout = 90_000): Promise<string> {
  await page.waitForFunction(() => ['done', 'error', 'idle', 'cancelled'].includes(window.__playground?.state ?? ''), null, { timeout });
  return page.evaluate(() => window.__playground!.state);
}

/** The scorecard as shown: per key, the exact value (data-value) and the text. */
async function scorecard(page: Page, which: 'current' | 'pinned' = 'current'): Promise<Record<string, { value: string; text: string }>> {
  return page.$$eval(`#summary-rows td[data-scenario="${which}"]`, (tds) =>
    Object.fromEntries(tds.map((td) => [td.getAttribute('data-key')!, { value: td.getAttribute('data-value')!, text: td.textContent! }])),
  );
}

async function yearly(page: Page): Promise<{ value: string; text: string }[][]> {
  return page.$$eval('#yearly-rows tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => ({ value: td.getAttribute('data-value')!, text: td.textContent! }))));
}

/** The Node SDK's numbers for a scenario, as the page would show them. */
async function inNode(s: Scenario): Promise<{ summary: Summary; yearly: YearRow[]; csv: string; json: string }> {
  const spec = scenarioSpec(s);
  const result = await run(spec, { metrics: playgroundMetrics(spec), threads: 1 });
  return { summary: result.summary(), yearly: result.yearly(), csv: result.toCSV(), json: JSON.stringify(result) };
}

/** The text of the file a button downloads. */
async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

function expectSame(shown: Record<string, { value: string; text: string }>, summary: Summary): void {
  for (const row of SUMMARY_ROWS) {
    expect(shown[row.key], row.key).toEqual({ value: String(summary[row.key]), text: formatFigure(summary[row.key], row.kind) });
  }
}

function expectSameYears(shown: { value: string; text: string }[][], rows: YearRow[]): void {
  expect(shown).toHaveLength(rows.length);
  rows.forEach((r, i) => YEAR_COLUMNS.forEach((c, j) => expect(shown[i]![j], `year ${r.year} ${c.key}`).toEqual({ value: String(r[c.key]), text: formatYearCell(r, c.key) })));
}

const link = async (state: unknown) => `${site.url}#s=${await encodeState(state as LinkState)}`;

describe('the playground in Chromium', () => {
  const scenario: Scenario = { model: 'helium', years: 2, runs: 24, seed: 42, set: { 'params.growth': 0.25 } };
  let shared = '';
  let first: Record<string, { value: string; text: string }> = {};

  it("change a parameter, run in Web Workers, see the charts; the numbers shown are the SDK's in Node, digit for digit", async () => {
    const page = await context.newPage();
    await page.goto(site.url);
    expect(await settled(page)).toBe('idle');
    // controls generated from the spec, with the source tag of each default
    const growth = page.locator('input[data-path="params.growth"]');
    await expect(growth.inputValue()).resolves.toBe('0.4');
    const tag = await page.locator('#param-rows tr', { has: growth }).locator('.tag').first().textContent();
    expect(tag).toBe('ASSUMPTION');
    await page.fill('#years', '2');
    await page.fill('#runs', '24');
    await growth.fill('0.25');
    await page.click('#run');
    expect(await settled(page)).toBe('done');
    await page.waitForSelector('#charts svg[data-chart="price"] path.p50');
    const charts = await page.$$eval('#charts svg', (s) =>
      s.map((e) => ({
        id: e.getAttribute('data-chart'),
        d: e.querySelector('path.p50')?.getAttribute('d')?.length ?? 0,
        band: e.querySelector('path.band') !== null,
        lines: e.querySelectorAll('path.p50').length,
        samples: e.querySelectorAll('path.sample').length,
      })),
    );
    expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining(['supply', 'mintBurn', 'price', 'providers']));
    for (const c of charts) {
      expect(c.d, String(c.id)).toBeGreaterThan(100);
      expect(c.band).toBe(true);
      expect(c.samples, String(c.id)).toBe(3 * c.lines); // three sample paths per series
    }
    first = await scorecard(page);
    const node = await inNode(scenario);
    expectSame(first, node.summary);
    expectSameYears(await yearly(page), node.yearly);
    // the downloads are the SDK's exports of the same numbers, byte for byte
    const json = await downloaded(page, '#json');
    expect(json.name).toBe('helium.json');
    const csv = await downloaded(page, '#csv');
    expect(csv.name).toBe('helium.csv');
    expect(json.text).toBe(node.json); // engine, seed, statistics, every band: as Node writes them
    expect(csv.text).toBe(node.csv);
    expect(await page.evaluate(() => window.__playground!.cspViolations)).toEqual([]);
    shared = await page.evaluate(() => window.__playground!.link!);
    expect(shared).toMatch(/#s=[A-Za-z0-9_-]+$/);
    await page.screenshot({ path: join(artifacts, 'playground-run.png'), fullPage: true });
    await page.close();
  });

  it('the shared link reproduces the scenario number for number in a new page', async () => {
    const page = await context.newPage();
    await page.goto(shared);
    expect(await settled(page)).toBe('done');
    await expect(page.locator('input[data-path="params.growth"]').inputValue()).resolves.toBe('0.25');
    await expect(page.inputValue('#runs')).resolves.toBe('24');
    expect(await scorecard(page)).toEqual(first);
    await page.screenshot({ path: join(artifacts, 'playground-shared-link.png'), fullPage: true });
    await page.close();
  });

  it('pin a run, change the scenario, compare both overlaid; the link carries both', async () => {
    const page = await context.newPage();
    await page.goto(shared);
    expect(await settled(page)).toBe('done');
    await page.click('#pin');
    await page.locator('input[data-path="params.growth"]').fill('1');
    await page.click('#run');
    expect(await settled(page)).toBe('done');
    expect(await scorecard(page, 'pinned')).toEqual(first);
    const faster = await inNode({ ...scenario, set: { 'params.growth': 1 } });
    expectSame(await scorecard(page), faster.summary);
    expect(await page.locator('#charts svg[data-chart="price"] path.p50[stroke-dasharray]').count()).toBe(1);
    const both = await page.evaluate(() => window.__playground!.link!);
    const again = await context.newPage();
    await again.goto(both);
    expect(await settled(again)).toBe('done');
    expect(await scorecard(again, 'pinned')).toEqual(first);
    expectSame(await scorecard(again), faster.summary);
    await again.screenshot({ path: join(artifacts, 'playground-compare.png'), fullPage: true });
    await again.close();
    await page.close();
  });

  it("a sweep draws a heat map of a summary figure over two parameters, each cell the SDK's sweep in Node", async () => {
    const page = await context.newPage();
    await page.goto(site.url);
    await settled(page);
    await page.fill('#years', '1');
    await page.fill('#runs', '8');
    await page.selectOption('#sweep-x', 'params.growth');
    await page.fill('#sweep-x-lo', '0.2');
    await page.fill('#sweep-x-hi', '0.6');
    await page.selectOption('#sweep-y', 'params.sigma');
    await page.fill('#sweep-y-lo', '0.1');
    await page.fill('#sweep-y-hi', '0.5');
    await page.fill('#sweep-n', '3');
    await page.selectOption('#sweep-figure', 'burnMintRatioOverall');
    await page.click('#sweep-run');
    expect(await settled(page)).toBe('done');
    const cells = await page.$$eval('#sweep-chart rect.cell', (rs) =>
      rs.map((r) => ({ x: Number(r.getAttribute('data-x')), y: Number(r.getAttribute('data-y')), value: r.getAttribute('data-value') })),
    );
    expect(cells).toHaveLength(9);
    const spec = scenarioSpec({ model: 'helium', years: 1, runs: 8, seed: 42 });
    const node = await sweep(spec, { grid: { 'params.growth': [0.2, 0.4, 0.6], 'params.sigma': [0.1, 0.30000000000000004, 0.5] } }, { threads: 1, metrics: playgroundMetrics(spec) });
    for (const p of node.points) {
      const cell = cells.find((c) => c.x === p.params['params.growth'] && c.y === p.params['params.sigma']);
      expect(cell?.value, JSON.stringify(p.params)).toBe(String(p.result.summary().burnMintRatioOverall));
    }
    await page.locator('#sweep').screenshot({ path: join(artifacts, 'playground-sweep.png') });
    await page.close();
  });

  it('cancel stops a long run and the page runs again afterwards', async () => {
    const page = await context.newPage();
    await page.goto(site.url);
    await settled(page);
    await page.fill('#years', '10');
    await page.fill('#runs', '400');
    await page.click('#run');
    await page.waitForFunction(() => window.__playground?.state === 'running');
    await page.click('#cancel');
    expect(await settled(page)).toBe('cancelled');
    await page.fill('#years', '1');
    await page.fill('#runs', '8');
    await page.click('#run');
    expect(await settled(page)).toBe('done');
    await page.close();
  });
});

it('the Content-Security-Policy is in force: no unsafe-eval, no unsafe-inline, and an inline script is refused', async () => {
  const page = await context.newPage();
  await page.goto(site.url);
  await settled(page);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  const directives = Object.fromEntries(
    csp!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v]),
  );
  expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives['style-src']).toEqual(["'self'"]);
  expect(directives['default-src']).toEqual(["'none'"]);
  expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'/);
  // eval cannot be tried from here (code the test runner evaluates through DevTools is exempt), so:
  // no eval and no Function constructor anywhere in the built JavaScript
  const assets = join(site.dir, 'assets');
  for (const f of readdirSync(assets).filter((n) => n.endsWith('.js'))) expect(readFileSync(join(assets, f), 'utf8'), f).not.toMatch(/(^|[^\w$.])eval\(|\bFunction\(/);
  const got = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return { inline: (window as unknown as { __inline?: number }).__inline, violations: window.__playground!.cspViolations };
  });
  expect(got.inline).toBeUndefined();
  expect(got.violations).toEqual(['script-src-elem inline']);
  await page.close();
});

describe('hostile links', () => {
  const small = helium({ years: 0.25, runs: 4, agents: 50 });
  const evil = '<img src=x id=pwned onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const cases: [string, () => Promise<string>, { code: string; path: string } | 'runs'][] = [
    ['script in the spec name and description (shown as text, never run)', () => link({ v: 1, scenario: { spec: { ...small, name: evil, description: evil } } }), 'runs'],
    ["script in a change's value (a wrong type)", () => link({ v: 1, scenario: { model: 'helium', set: { 'params.growth': evil } } }), { code: 'SPEC_INVALID_TYPE', path: 'params.growth' }],
    ['a huge link', async () => `${site.url}#s=${'A'.repeat(150_000)}`, { code: 'SPEC_OUT_OF_RANGE', path: 'link' }],
    [
      'a compression bomb (5 MB of JSON whitespace)',
      async () =>
        `${site.url}#s=${Buffer.from(new Uint8Array(await new Response(new Blob([`{"v":1,"scenario":${' '.repeat(5_000_000)}{"model":"helium"}}`]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer())).toString('base64url')}`,
      { code: 'SPEC_OUT_OF_RANGE', path: 'link' },
    ],
    ['a billion runs', () => link({ v: 1, scenario: { model: 'helium', runs: 1e9 } }), { code: 'SPEC_OUT_OF_RANGE', path: 'scenario.runs' }],
    ['a huge horizon in a whole spec', () => link({ v: 1, scenario: { spec: { ...small, time: { ...small.time, steps: 5_000_000 } } } }), { code: 'SPEC_OUT_OF_RANGE', path: 'time.steps' }],
    ['a model that is not a string', () => link({ v: 1, scenario: { model: { toString: 'alert(1)' } } }), { code: 'MODEL_UNKNOWN', path: 'scenario.model' }],
    ['a prototype path', () => link({ v: 1, scenario: { model: 'helium', set: { '__proto__.polluted': 1 } } }), { code: 'SPEC_UNKNOWN_PATH', path: '__proto__.polluted' }],
    ['a string where the spec wants a number', () => link({ v: 1, scenario: { spec: { ...small, time: { ...small.time, steps: 'many' } } } }), { code: 'SPEC_INVALID_TYPE', path: 'time.steps' }],
    ['not base64url', async () => `${site.url}#s=<script>alert(1)</script>`, { code: 'SPEC_INVALID_FORMAT', path: 'link' }],
    ['not compressed', async () => `${site.url}#s=${Buffer.from('hello world').toString('base64url')}`, { code: 'SPEC_INVALID_FORMAT', path: 'link' }],
  ];

  it.each(cases)('%s: the page stays intact and says what is wrong', async (name, make, expected) => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(await make());
    const state = await settled(page);
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
    expect(pwned).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('#pwned').count()).toBe(0);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    // the page is intact: its controls are there and usable
    expect(await page.locator('#run').isEnabled()).toBe(true);
    expect(await page.locator('#param-rows input').count()).toBeGreaterThan(0);
    if (expected === 'runs') {
      expect(state).toBe('done');
      expect(await page.textContent('#spec-name')).toContain(evil); // as text
      expect(await page.textContent('#spec-description')).toBe(evil);
      expect(await page.locator('#charts svg').count()).toBeGreaterThan(0);
    } else {
      expect(state).toBe('error');
      expect(await page.isVisible('#error')).toBe(true);
      expect(await page.textContent('#error-code')).toBe(expected.code);
      expect(await page.textContent('#error-path')).toBe(expected.path);
      expect((await page.textContent('#error-hint'))!.length).toBeGreaterThan(5);
    }
    expect(await page.evaluate(() => window.__playground!.cspViolations)).toEqual([]);
    await page.screenshot({ path: join(artifacts, `hostile-${cases.findIndex((c) => c[0] === name)}.png`) });
    await page.close();
  });
});

describe('page weight and time to first chart', () => {
  it('10-year daily Helium, 100 runs, from a link: measured and saved to test-artifacts/timing.json', async () => {
    site.served.clear();
    const page = await context.newPage();
    const url = await link({ v: 1, scenario: { model: 'helium', years: 10, runs: 100, seed: 42 } });
    await page.goto(url);
    expect(await settled(page, 180_000)).toBe('done');
    const t = await page.evaluate(() => ({ firstChartMs: window.__playground!.firstChartMs!, runMs: window.__playground!.lastRunMs!, workers: navigator.hardwareConcurrency }));
    const files = [...site.served].map(([path, size]) => ({ path, ...size }));
    const total = files.reduce((a, f) => a + f.bytes, 0);
    const gzip = files.reduce((a, f) => a + f.gzip, 0);
    const report = { ...t, files, totalBytes: total, totalGzipBytes: gzip, chromium: chrome.version };
    writeFileSync(join(artifacts, 'timing.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `playground: first chart ${(t.firstChartMs / 1000).toFixed(2)} s after navigation (run ${(t.runMs / 1000).toFixed(2)} s, ${t.workers} cores); ${(total / 1024).toFixed(1)} kB served (${(gzip / 1024).toFixed(1)} kB gzip): ${files.map((f) => `${f.path} ${(f.bytes / 1024).toFixed(1)} kB (${(f.gzip / 1024).toFixed(1)} gz)`).join(', ')}`,
    );
    expect(t.firstChartMs).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'playground-helium-10y.png'), fullPage: true });
    await page.close();
  });
});
