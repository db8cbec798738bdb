// The examples of docs/errors.md are what the CLI prints: every `$ flywheel …` line of the page is
// run and its lines compared with the page's (a line with `…` up to the `…`). Examples that come
// from the API (no `$`) are held by the tests of those functions.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '../dist/cli.js');
const page = readFileSync(join(here, '../../../docs/errors.md'), 'utf8');

/** Splits a shell line as the examples write it: words, and '…' or "…" quoted words. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Every `$ flywheel …` example: its arguments and the lines the page shows under it. */
function examples(): { command: string; args: string[]; lines: string[] }[] {
  const out: { command: string; args: string[]; lines: string[] }[] = [];
  for (const block of page.match(/```\n[\s\S]*?```/g) ?? []) {
    const lines = block.split('\n').slice(1, -1);
    lines.forEach((line, i) => {
      if (!line.startsWith('$ flywheel ')) return;
      const shown: string[] = [];
      for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('$ '); j++) shown.push(lines[j]!);
      out.push({ command: line.slice(2), args: words(line.slice('$ flywheel '.length)), lines: shown });
    });
  }
  return out;
}

describe('docs/errors.md examples', () => {
  const all = examples();

  it('there are examples for most codes', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(all.every((e) => e.lines.length >= 2)).toBe(true);
  });

  for (const e of all) {
    it(e.command, () => {
      const r = spawnSync(process.execPath, [CLI, ...e.args, '--quiet'], { encoding: 'utf8', cwd: tmpdir(), timeout: 60_000, env: { ...process.env, FLYWHEEL_DEBUG: '' } });
      expect(r.status, r.stderr).toBe(2);
      const got = r.stderr.trimEnd().split('\n');
      e.lines.forEach((want, k) => {
        const cut = want.indexOf('…');
        if (cut >= 0) expect(got[k]?.startsWith(want.slice(0, cut)), `line ${k + 1}: ${got[k]}`).toBe(true);
        else expect(got[k]).toBe(want);
      });
    });
  }
});
