/**
 * The HTML pieces the offline reports share: escaped elements and tables, the style sheet and the
 * page around them (its Content-Security-Policy forbids every script and every load).
 */
import { escapeXml } from './chart.js';

/** An element with escaped text (`attrs` is markup: give only fixed attributes). */
export const h = (tag: string, text: string, attrs = ''): string => `<${tag}${attrs}>${escapeXml(text)}</${tag}>`;

/** A table of escaped cells. */
export const table = (head: readonly string[], rows: readonly (readonly string[])[], cls = ''): string =>
  `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((c) => h('th', c)).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => h('td', c)).join('')}</tr>`).join('')}</tbody></table>`;

/** The reports' style sheet (inline: the file loads nothing). */
export const REPORT_CSS = [
  'body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1340px;padding:0 16px;color:#222}',
  'table{border-collapse:collapse;margin:8px 0 20px;font-size:12.5px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}',
  'td{font-variant-numeric:tabular-nums}th{background:#f4f4f4}.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #eee;background:#fff}',
  '.note{color:#666;font-size:12px}',
].join('');

/** A whole report page: no script, no external resource, its CSP says so to the browser. */
export function reportPage(title: string, body: readonly string[], css = REPORT_CSS): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // a report never runs code or loads anything: say so to the browser
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    h('title', title),
    `<style>${css}</style></head><body>`,
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}
