#!/usr/bin/env node
// The `flywheel` command. This file is committed, so npm links the command at install time, before
// anything is built; the CLI itself is the build output dist/cli.js, which this loads. From a fresh
// clone, run `npm run build` (or `npm start`) once first.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(
    `flywheel: the CLI is not built yet (${cli} is missing).\n` +
      '  hint: run `npm run build` at the root of the Flywheel repository, then `npx flywheel list` again.\n',
  );
  process.exitCode = 1;
} else {
  // dist/cli.js runs when it is the script node was started with, as if called directly
  process.argv[1] = cli;
  await import(new URL('../dist/cli.js', import.meta.url).href);
}
