// The offline report's pieces: SVG fan charts (escaped, drawn from the bands), parameter sources
// read from a model's source text, the calibration table from a docs page, the HTML (no script,
// every spec string escaped) and `flywheel report` on the command line. The Chromium rendering
// test is in packages/playground/test/report.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helium } from '@flywheel/models';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/index.js';
import { calibrationTable, chartGroups, fanChart, heatMap, paramSources, ramp, renderReport, sourceTags, svgToString, ticks } from '../src/report.js';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '../dist/cli.js');
const out = mkdtempSync(join(tmpdir(), 'flywheel-report-unit-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('fan charts', () => {
  it('draw a band and a p50 line per series, thin long series, and escape every text and attribute', () => {
    const n = 1001;
    const p50 = Float64Array.from({ length: n }, (_, t) => t);
    const chart = fanChart({ title: '<script>x</script>', series: [{ label: 'a"b', p5: p50.map((v) => v - 1), p50, p95: p50.map((v) => v + 1) }], maxPoints: 100 });
    expect(chart.attrs['data-points']).toBe(92); // every 11th step (91 of them) and the last
    const svg = svgToString(chart);
    expect(svg).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('data-series="a&quot;b"');
    expect(svg.match(/class="band"/g)).toHaveLength(1);
    expect(svg.match(/class="p50"/g)).toHaveLength(1);
    expect(() => svgToString({ tag: 'svg', attrs: { onload: 'x' } })).toThrow(/bad attribute/);
  });

  it('a heat map has one cell per point, coloured from the lowest value to the highest', () => {
    const map = heatMap({
      title: 't',
      xName: 'x',
      yName: 'y',
      xs: [1, 2],
      ys: [3, 4, 5],
      values: [
        [1, 2],
        [3, 4],
        [5, null],
      ],
    });
    const cells = map.children!.filter((c) => c.tag === 'rect');
    expect(cells.map((c) => c.attrs['data-value'])).toEqual(['1', '2', '3', '4', '5', 'null']);
    expect(cells[0]!.attrs.fill).toBe(ramp(0));
    expect(cells[4]!.attrs.fill).toBe(ramp(1));
    expect(cells[5]!.attrs.fill).toBe('#eee');
  });

  it('ticks are round numbers inside the range', () => {
    expect(ticks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(0.5, 2.6, 4)).toEqual([1, 2]);
    expect(ticks(180e6, 201e6, 5)).toEqual([180e6, 185e6, 190e6, 195e6, 200e6]);
  });
});

describe('parameter sources', () => {
  it('reads the tag above a parameter, a comment naming it, a trailing comment, or the constant it is set from', () => {
    const src = [
      '/** Rate per day. [OFF HIP-20; HIP-149] */',
      'export const RATE = 3;',
      'const spec = { params: {',
      '  // [ASSUMPTION] growth 40%/yr, and sigma 0.3 day to day',
      '  growth: 0.4,',
      '  sigma: 0.3,',
      '  rate: RATE,',
      '  other: 2, // [DER: 1 + 1] from [SEED]',
      '  untagged: 5,',
      '} };',
    ].join('\n');
    const s = paramSources(src);
    expect(s.growth!.tags).toEqual(['ASSUMPTION']);
    expect(s.sigma!.tags).toEqual(['ASSUMPTION']); // the comment names it
    expect(s.rate).toMatchObject({ tags: ['OFF'], constant: 'RATE' });
    expect(s.other!.tags).toEqual(['DER', 'SEED']);
    expect(s.untagged!.tags).toEqual([]);
    expect(sourceTags('[HIP-20] [3P messari] [UNC]')).toEqual(['3P', 'UNC']);
  });

  it("finds a tag for most of Helium's parameters in its model source", () => {
    const s = paramSources(readFileSync(resolve(here, '../../models/src/helium/model.ts'), 'utf8'));
    expect(Object.keys(s).sort()).toEqual(Object.keys(helium().params!).sort());
    expect(s.growth!.tags[0]).toBe('ASSUMPTION');
    expect(s.capacity0!.tags).toEqual(['SEED']);
  });
});

describe('calibration table', () => {
  it('is the first Markdown table under the calibration heading, marks removed', () => {
    const md = '# M\n\n## Calibration\n\nText.\n\n| figure | **value** |\n|---|---:|\n| `a` | [1](x.md) |\n\n| other | t |\n';
    expect(calibrationTable(md)).toEqual([
      ['figure', 'value'],
      ['a', '1'],
    ]);
    expect(calibrationTable('# M\n## Calibration\n## Next\n| a | b |\n|-|-|\n| 1 | 2 |')).toBeUndefined();
  });
});

describe('renderReport', () => {
  it("is one HTML document without script or external resource, with the spec's strings escaped", async () => {
    const spec = { ...helium({ years: 0.5, runs: 6, agents: 50 }), name: '<img src=x onerror=alert(1)>' };
    const result = await run(spec, { threads: 1 });
    const html = renderReport({ result, spec, sets: [['params.growth', 0.3]], generated: '2026-12-02' });
    expect(html).not.toMatch(/<script|<img|<link|\ssrc="|\shref="/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<svg /g)).toHaveLength(chartGroups(result.metrics, 'HNT').length);
    expect(html).toContain('<td>seed</td><td>42</td>');
    expect(html).toContain('params.growth=0.3');
  });
});

describe('flywheel report', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: tmpdir(), timeout: 60_000 });

  it("writes DIR/<model>.html with the parameters' sources and the calibration table", () => {
    const r = cli('report', 'filecoin', '--steps', '60', '--runs', '4', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'filecoin.html'), 'utf8');
    expect(html).toContain('<h2>Calibration</h2>\n<table class="calibration">');
    expect(html).toMatch(/<td>lockTargetFactor<\/td><td>0.3<\/td><td><\/td><td>OFF<\/td>/);
  });

  it('needs --out and says so with a code and a hint', () => {
    const r = cli('report', 'helium');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('CLI_INVALID_ARGUMENT at --out');
    expect(r.stderr).toContain('hint');
  });

  it('refuses --format (a report is HTML)', () => {
    const r = cli('report', 'helium', '--format', 'json', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('CLI_INVALID_ARGUMENT');
  });
});
