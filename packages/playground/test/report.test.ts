// `flywheel report` writes one HTML file that opens offline: this test runs the CLI, opens the file
// in the npm-shipped Chromium with every network request refused, and checks the charts are drawn
// (SVG paths with real extent), the tables are filled and nothing was fetched. Screenshot in
// test-artifacts/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { launchChromium } from '../../examples/test/chromium.js';
import { artifacts } from './serve.js';

const cli = fileURLToPath(new URL('../../sdk/dist/cli.js', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'flywheel-report-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('flywheel report writes one self-contained HTML file that Chromium renders offline, charts drawn', async () => {
  execFileSync(process.execPath, [cli, 'report', 'helium', '--years', '2', '--runs', '20', '--seed', '7', '--set', 'params.growth=0.3', '--out', out, '--quiet']);
  const file = join(out, 'helium.html');
  const html = readFileSync(file, 'utf8');
  expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i); // nothing to load, nothing to run
  mkdirSync(artifacts, { recursive: true });
  const chrome = await launchChromium();
  try {
    const page = await chrome.context.newPage();
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    const charts = await page.$$eval('svg.fan-chart', (svgs) =>
      svgs.map((s) => {
        const p50 = s.querySelector('path.p50') as SVGGraphicsElement | null;
        const band = s.querySelector('path.band') as SVGGraphicsElement | null;
        const box = (e: SVGGraphicsElement | null) => {
          const b = e?.getBBox();
          return { width: b?.width ?? 0, height: b?.height ?? 0 };
        };
        return { label: s.getAttribute('aria-label'), line: box(p50), band: box(band), shown: s.getBoundingClientRect().width };
      }),
    );
    expect(charts.map((c) => c.label)).toEqual(expect.arrayContaining(['total and circulating supply', 'minted vs burned (cumulative)', 'price', 'active providers']));
    for (const c of charts) {
      expect(c.shown, String(c.label)).toBeGreaterThan(100);
      expect(c.line.width, String(c.label)).toBeGreaterThan(400); // the p50 line spans the plot
      expect(c.band.width, String(c.label)).toBeGreaterThan(400);
    }
    const text = await page.textContent('body');
    expect(text).toContain('seed');
    expect(await page.$$eval('table.settings td', (tds) => tds.map((t) => t.textContent))).toEqual(expect.arrayContaining(['7', '20', 'params.growth=0.3']));
    expect(await page.locator('table.yearly tbody tr').count()).toBe(2);
    expect(await page.locator('table.params tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('table.calibration tbody tr').count()).toBeGreaterThan(3);
    const growth = await page.$$eval('table.params tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)).find((r) => r[0] === 'growth'));
    expect(growth?.slice(0, 4)).toEqual(['growth', '0.3', '0.4', 'ASSUMPTION, SEED']);
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'report-helium.png'), fullPage: true });
  } finally {
    await chrome.close();
  }
});

it('the analysis reports (--report) open offline in Chromium: charts drawn with real extent, tables filled, nothing fetched', async () => {
  const example = fileURLToPath(new URL('../../examples/data/filecoin-minted-2024-25.csv', import.meta.url));
  const small = ['--years', '1', '--runs', '4', '--set', 'blocks.5.count=100', '--quiet'];
  const files = {
    sobol: join(out, 'sobol.html'),
    morris: join(out, 'morris.html'),
    calibrate: join(out, 'calibrate.html'),
    risk: join(out, 'risk.html'),
  };
  const flywheel = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  flywheel(
    'sensitivity',
    'helium',
    ...small,
    '--param',
    'params.growth=0.1..0.9',
    '--param',
    'params.elasticity=0.2..0.8',
    '--output',
    'finalPriceP50',
    '--samples',
    '4',
    '--skip',
    '4',
    '--report',
    files.sobol,
  );
  flywheel(
    'sensitivity',
    'helium',
    ...small,
    '--method',
    'morris',
    '--param',
    'params.growth=0.1..0.9',
    '--param',
    'params.elasticity=0.2..0.8',
    '--param',
    'params.sigma=0.1..0.5',
    '--output',
    'finalPriceP50',
    '--samples',
    '3',
    '--report',
    files.morris,
  );
  flywheel(
    'calibrate',
    'filecoin',
    '--runs',
    '2',
    '--param',
    'params.powerGrowth=0..2',
    '--data',
    example,
    '--metric',
    'cumulativeMinted',
    '--backtest',
    '0.75',
    '--report',
    files.calibrate,
    '--quiet',
  );
  flywheel('risk', 'helium', '--years', '1', '--runs', '20', '--event', 'price<8@end', '--event', 'price>1000@any', '--report', files.risk, '--scale', 'log', '--quiet');
  for (const f of Object.values(files)) expect(readFileSync(f, 'utf8')).not.toMatch(/<script|<link|src=|@import|url\(/i);
  mkdirSync(artifacts, { recursive: true });
  const chrome = await launchChromium();
  try {
    const requests: string[] = [];
    const open = async (file: string) => {
      const page = await chrome.context.newPage();
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      await page.goto(pathToFileURL(file).href);
      expect(await page.textContent('body')).not.toMatch(/NaN/);
      return page;
    };
    /** Boxes (as drawn) of a chart's elements of one class. */
    const boxes = (page: Awaited<ReturnType<typeof open>>, chart: string, cls: string) =>
      page.$$eval(`svg.${chart} .${cls}`, (els) =>
        els.map((e) => {
          const b = (e as SVGGraphicsElement).getBBox();
          return { width: b.width, height: b.height, x: b.x };
        }),
      );

    const sobol = await open(files.sobol);
    const bars = await boxes(sobol, 'sobol-chart', 'bar');
    expect(bars).toHaveLength(4); // S1 and ST of two parameters
    expect(bars.filter((b) => b.width > 1).length).toBeGreaterThanOrEqual(2);
    expect((await boxes(sobol, 'sobol-chart', 'whisker')).every((w) => w.width > 0)).toBe(true);
    expect(await sobol.locator('table.sobol tbody tr').count()).toBe(2);
    await sobol.screenshot({ path: join(artifacts, 'report-sobol.png'), fullPage: true });

    const morris = await open(files.morris);
    expect(await boxes(morris, 'morris-chart', 'point')).toHaveLength(3);
    const labels = await morris.$$eval('svg.morris-chart .point-label', (ts) => ts.map((t) => t.textContent));
    expect(labels.sort()).toEqual(['params.elasticity', 'params.growth', 'params.sigma']);
    expect(await morris.locator('table.morris tbody tr').count()).toBe(3);
    await morris.screenshot({ path: join(artifacts, 'report-morris.png'), fullPage: true });

    const cal = await open(files.calibrate);
    expect(await boxes(cal, 'fit-chart', 'observed')).toHaveLength(12);
    const band = await boxes(cal, 'fit-chart', 'band');
    const line = await boxes(cal, 'fit-chart', 'model');
    expect(line[0]!.width).toBeGreaterThan(400); // the model spans the observations
    expect(band[0]!.width).toBeGreaterThan(400);
    expect(await boxes(cal, 'residual-chart', 'residual')).toHaveLength(12);
    expect(await cal.locator('table.fit-rows tbody tr').count()).toBe(12);
    await cal.screenshot({ path: join(artifacts, 'report-calibrate.png'), fullPage: true });

    const risk = await open(files.risk);
    expect(await risk.getAttribute('svg.probability-chart', 'data-scale')).toBe('log');
    expect(await boxes(risk, 'probability-chart', 'bar')).toHaveLength(1); // price>1000@any: 0 hits, marked at the floor
    expect(await boxes(risk, 'probability-chart', 'at-floor')).toHaveLength(1);
    expect(await risk.locator('table.risk tbody tr').count()).toBe(2);
    await risk.screenshot({ path: join(artifacts, 'report-risk.png'), fullPage: true });
    expect(requests).toEqual([]);
  } finally {
    await chrome.close();
  }
});
