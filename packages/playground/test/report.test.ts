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
        const box = (e: SVGGraphicsElement | null) => { const b = e?.getBBox(); return { width: b?.width ?? 0, height: b?.height ?? 0 }; };
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
