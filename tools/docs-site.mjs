#!/usr/bin/env node
// `npm run docs`: one static site in docs-site/: the guides and model pages (TypeDoc's project
// documents, typedoc.json) with the TypeDoc API reference of every package, plus the playground
// (built with Vite into docs-site/playground/), embedded on each model's page with that model
// loaded, so a reader can change a parameter where they read about it. Serve the folder over HTTP
// (the playground uses module scripts and Web Workers, which file:// does not allow), e.g.
// `npx vite preview --outDir docs-site` or any static server.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const site = join(root, 'docs-site');
const bin = (name) => join(root, 'node_modules', '.bin', name);

execFileSync(bin('typedoc'), [], { cwd: root, stdio: 'inherit' });
execFileSync(bin('vite'), ['build', '--logLevel', 'warn', '--outDir', join(site, 'playground'), '--emptyOutDir'], { cwd: join(root, 'packages', 'playground'), stdio: 'inherit' });

/** The playground's link state for a model, as the page writes it (deflate-raw + base64url). */
async function link(model) {
  const json = JSON.stringify({ v: 1, scenario: { model, years: 5, runs: 50, seed: 42 } });
  const bytes = await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
  return Buffer.from(bytes).toString('base64url');
}

const docs = join(site, 'documents');
const { models } = await import('@flywheel/models');
let embedded = 0;
for (const file of readdirSync(docs)) {
  const m = /^models_([a-z0-9]+)\.html$/.exec(file);
  if (!m || !Object.hasOwn(models, m[1])) continue;
  const path = join(docs, file);
  const html = readFileSync(path, 'utf8');
  const at = html.indexOf('</h1>');
  if (at < 0) continue;
  const hash = `#s=${await link(m[1])}`;
  const href = `../playground/index.html${hash}`;
  const embed =
    `<p><a href="${href}">Open ${m[1]} in the playground</a> (5 years, 50 runs; change any parameter and press Run).</p>` +
    `<iframe src="../playground/index.html?embed${hash}" title="Flywheel playground: ${m[1]}" loading="lazy" width="100%" height="900" style="border:1px solid #ccc"></iframe>`;
  writeFileSync(path, html.slice(0, at + 5) + embed + html.slice(at + 5));
  embedded++;
}
if (!existsSync(join(site, 'index.html'))) throw new Error('docs-site/index.html is missing');
console.log(`docs-site/: guides, model pages (${embedded} with the playground embedded), API reference, playground/`);
