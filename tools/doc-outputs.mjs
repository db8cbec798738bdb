#!/usr/bin/env node
// The CLI outputs the docs show, checked against the code: every fenced block of README.md and
// docs/**/*.md that follows a sentence naming a `flywheel run …` (or `node packages/sdk/dist/cli.js
// run …`) command and ending in a colon, and whose first line is the run's header
// ("<model>: N runs × …"), must be what that command prints now. `node tools/doc-outputs.mjs`
// lists the blocks that differ (exit 1 if any); `--write` replaces them with the current output.
// packages/examples/test/doc-outputs.test.ts runs the check in `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = join(root, 'packages/sdk/dist/cli.js');

/** README.md and every Markdown file under docs/. */
function markdown(repo) {
  const out = [join(repo, 'README.md')];
  const walk = (dir) => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.md')) out.push(p);
    }
  };
  walk(join(repo, 'docs'));
  return out;
}

// `flywheel run …` or `node packages/sdk/dist/cli.js run …` in backticks, then up to 300 characters
// of the sentence, a colon at the end of a line, a blank line and a fenced block
const PATTERN = /`(?:flywheel|node packages\/sdk\/dist\/cli\.js) (run [^`]+)`([\s\S]{0,300}?):\n\n```\n([\s\S]*?)\n```/g;

/**
 * The shown outputs of the docs: file, line, the command's arguments, what the doc shows and what
 * the command prints now.
 */
export function docOutputs(repo = root) {
  const found = [];
  for (const file of markdown(repo)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(PATTERN)) {
      const [, command, between, shown] = m;
      if (between.includes('```')) continue;
      const args = command.trim().split(/\s+/);
      if (!/^\S+: \d+ runs/.test(shown.split('\n')[0] ?? '')) continue;
      const res = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      const printed = res.status === 0 ? res.stdout : `exit ${res.status}: ${res.stderr}`;
      const line = text.slice(0, m.index).split('\n').length;
      found.push({ file: relative(repo, file), line, args, shown, printed: printed.replace(/\s+$/, ''), start: m.index + m[0].length - shown.length - 4, length: shown.length });
    }
  }
  return found;
}

/** Lines of a shown or printed output, trailing spaces dropped (Markdown editors strip them). */
export const lines = (s) => s.split('\n').map((l) => l.replace(/\s+$/, ''));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const write = process.argv.includes('--write');
  const outputs = docOutputs();
  let differ = 0;
  const edits = new Map();
  for (const o of outputs) {
    const same = lines(o.shown).join('\n') === lines(o.printed).join('\n');
    console.log(`${same ? 'same   ' : 'differs'} ${o.file}:${o.line} flywheel ${o.args.join(' ')}`);
    if (!same) {
      differ++;
      if (!edits.has(o.file)) edits.set(o.file, []);
      edits.get(o.file).push(o);
    }
  }
  if (write) {
    for (const [file, list] of edits) {
      const path = join(root, file);
      let text = readFileSync(path, 'utf8');
      // from the end, so earlier offsets stay valid
      for (const o of list.sort((a, b) => b.start - a.start)) text = text.slice(0, o.start) + lines(o.printed).join('\n') + text.slice(o.start + o.length);
      writeFileSync(path, text);
      console.log(`wrote ${file} (${list.length} block${list.length === 1 ? '' : 's'})`);
    }
  }
  console.log(`${outputs.length} shown outputs, ${differ} differ${write && differ ? ' (rewritten)' : ''}`);
  process.exit(differ && !write ? 1 : 0);
}
