// docs/errors.md is the catalogue of error codes: every code of ErrorCodes has an entry (a heading
// `### \`CODE\``) that says what raises it and gives its hint, and no page of docs/ names a code
// that does not exist. Adding, renaming or removing a code without the docs fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes } from '@flywheel/spec';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const catalogue = readFileSync(join(root, 'docs/errors.md'), 'utf8');
const codes = Object.values(ErrorCodes);

/** The catalogue's entries: code → the text under its heading, up to the next heading. */
function entries(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = text.split(/^### /m).slice(1);
  for (const part of parts) {
    const m = /^`([A-Z_]+)`\s*\n/.exec(part);
    if (!m) continue;
    const body = part.slice(m[0].length).split(/^#{1,3} /m)[0]!;
    if (out.has(m[1]!)) throw new Error(`docs/errors.md has two entries for ${m[1]}`);
    out.set(m[1]!, body);
  }
  return out;
}

/** Every markdown file under docs/, and the READMEs. */
function pages(): string[] {
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f.endsWith('.md') ? [join(d, f)] : []));
  return [
    ...walk(join(root, 'docs')),
    join(root, 'README.md'),
    ...readdirSync(join(root, 'packages'))
      .map((p) => join(root, 'packages', p, 'README.md'))
      .filter((f) => {
        try {
          return statSync(f).isFile();
        } catch {
          return false;
        }
      }),
  ];
}

describe('the error-code catalogue (docs/errors.md)', () => {
  const found = entries(catalogue);

  it('has one entry for every code of ErrorCodes, and none for a code that does not exist', () => {
    expect(codes.length).toBeGreaterThan(20);
    expect(
      codes.filter((c) => !found.has(c)),
      'codes missing from docs/errors.md',
    ).toEqual([]);
    expect(
      [...found.keys()].filter((c) => !(codes as string[]).includes(c)),
      'entries for codes that do not exist',
    ).toEqual([]);
  });

  it('every entry says what raises it and gives the hint', () => {
    for (const [code, body] of found) {
      const raised = /\*\*Raised by:\*\*\s*(\S[\s\S]*?)(?:\n\n|$)/.exec(body);
      const hint = /\*\*Hint:\*\*\s*(\S[\s\S]*?)(?:\n\n|$)/.exec(body);
      expect(raised?.[1]?.length ?? 0, `${code}: "Raised by"`).toBeGreaterThan(40);
      expect(hint?.[1]?.length ?? 0, `${code}: "Hint"`).toBeGreaterThan(20);
      // an example, when there is one, shows this code
      for (const block of body.match(/```\n[\s\S]*?```/g) ?? []) expect(block, code).toContain(code);
    }
  });

  it('no page of docs/ (or a README) names a code that does not exist', () => {
    // the groups codes begin with; a token of one of them that is not a code is a stale name
    const prefixes = [...new Set(codes.map((c) => c.split('_')[0]!))];
    const pattern = new RegExp(`\\b(?:${prefixes.join('|')})_[A-Z][A-Z_]*[A-Z]\\b`, 'g');
    const stale: string[] = [];
    for (const file of pages()) {
      for (const token of readFileSync(file, 'utf8').match(pattern) ?? []) {
        if (!(codes as string[]).includes(token)) stale.push(`${file.slice(root.length + 1)}: ${token}`);
      }
    }
    expect(stale).toEqual([]);
  });

  it('the check itself: a catalogue without an entry, or with an entry for a made-up code, is caught', () => {
    const without = catalogue.replace(/^### `SPEC_CYCLE`[\s\S]*?(?=^### )/m, '');
    expect(entries(without).has('SPEC_CYCLE')).toBe(false);
    const extra = entries(`${catalogue}\n### \`SPEC_NO_SUCH_CODE\`\n\n**Raised by:** nothing.\n`);
    expect([...extra.keys()].filter((c) => !(codes as string[]).includes(c))).toEqual(['SPEC_NO_SUCH_CODE']);
  });
});
