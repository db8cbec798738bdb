// The playground's build. One plugin: `virtual:param-sources`, the source tags of every registered
// model's parameters, read at build time from the models' own TypeScript (packages/models/src/<m>/model.ts)
// with the SDK's paramSources, so the page shows where each default comes from without shipping
// the model sources.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { paramSources } from '@flywheel/sdk/report';

const modelsSrc = fileURLToPath(new URL('../models/src/', import.meta.url));

function paramSourcesPlugin(): Plugin {
  const id = 'virtual:param-sources';
  return {
    name: 'flywheel-param-sources',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(loaded) {
      if (loaded !== `\0${id}`) return undefined;
      const out: Record<string, unknown> = {};
      for (const dir of readdirSync(modelsSrc)) {
        const file = join(modelsSrc, dir, 'model.ts');
        if (!existsSync(file)) continue;
        this.addWatchFile(file);
        out[dir] = paramSources(readFileSync(file, 'utf8'));
      }
      return `export default ${JSON.stringify(out)};`;
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [paramSourcesPlugin()],
  build: { target: 'es2022', chunkSizeWarningLimit: 1000 },
});
