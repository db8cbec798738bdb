// The docs cannot drift from the code: every TypeScript and JavaScript snippet in README.md and
// docs/**/*.md is type-checked against the built packages (strict TypeScript; a JavaScript snippet
// is checked as TypeScript, so a misspelt method or a wrong argument fails here). Snippets are
// written to a scratch folder inside this package, so `@flywheel/*` resolve as a user's would.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const scratch = fileURLToPath(new URL('../.doc-snippets/', import.meta.url));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Markdown files of the docs: README.md and docs/**. */
function markdown(): string[] {
  const out = [join(repo, 'README.md')];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.md')) out.push(p);
    }
  };
  walk(join(repo, 'docs'));
  return out;
}

interface Snippet {
  file: string;
  line: number;
  code: string;
  lang: 'ts' | 'js';
  /** The file name the text right before the snippet gives it ("`src/relay.ts`:"), so that later snippets can import it. */
  saveAs?: string;
}

/** Fenced blocks tagged ts, typescript, js, javascript or mjs. */
export function snippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const file of markdown()) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript|js|javascript|mjs)\s*$/.test(lines[i]!)) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
      const lang = /^```(ts|typescript)/.test(lines[i]!) ? 'ts' : 'js';
      const before = lines
        .slice(Math.max(0, i - 3), i)
        .join(' ')
        .trim();
      const named = /`(?:[\w.-]+\/)*([\w-]+\.(?:ts|mjs|js))`:?$/.exec(before)?.[1];
      out.push({ file: relative(repo, file), line: start + 1, code: lines.slice(start, end).join('\n'), lang, ...(named ? { saveAs: named } : {}) });
      i = end;
    }
  }
  return out;
}

it('every TypeScript/JavaScript snippet in the docs type-checks against the packages', () => {
  const all = snippets();
  expect(all.length).toBeGreaterThanOrEqual(10);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const files = all.map((s, i) => {
    // TypeScript snippets as .ts (strict), JavaScript ones as .mjs (checked as JavaScript: what a
    // JS reader's editor would flag, without TypeScript's null checks)
    const base = s.saveAs ? s.saveAs.replace(/\.(js|mjs)$/, '.ts') : `${s.file.replace(/[^A-Za-z0-9]+/g, '_')}_L${s.line}_${i}.${s.lang === 'ts' ? 'ts' : 'mjs'}`;
    const name = join(scratch, s.lang === 'js' && s.saveAs ? s.saveAs.replace(/\.ts$/, '.mjs') : base);
    writeFileSync(name, `${s.code}\nexport {};\n`);
    return { name, snippet: s };
  });
  const common: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    noEmit: true,
    skipLibCheck: true,
  };
  const diagnostics = [
    ...ts.getPreEmitDiagnostics(
      ts.createProgram(
        files.filter((f) => f.snippet.lang === 'ts').map((f) => f.name),
        { ...common, strict: true },
      ),
    ),
    ...ts.getPreEmitDiagnostics(
      ts.createProgram(
        files.filter((f) => f.snippet.lang === 'js').map((f) => f.name),
        { ...common, allowJs: true, checkJs: true, strict: false },
      ),
    ),
  ];
  const problems = diagnostics.map((d) => {
    const f = files.find((x) => x.name === d.file?.fileName);
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
    return `${f ? `${f.snippet.file}:${f.snippet.line + at}` : (d.file?.fileName ?? '?')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(problems).toEqual([]);
});
