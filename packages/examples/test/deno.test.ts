import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { helium } from '@flywheel/models';
import { run } from '@flywheel/sdk';
import { expect, it } from 'vitest';

// Determinism across runtimes: Deno (installed from npm) gives Node's numbers bit for bit.
it('Deno computes the same numbers as Node (wasm on 1 and 2 threads, reference engine)', async () => {
  const deno = fileURLToPath(new URL('../../../node_modules/.bin/deno', import.meta.url));
  const script = fileURLToPath(new URL('../deno/helium.mjs', import.meta.url));
  const res = spawnSync(deno, ['run', '--allow-read', '--allow-env', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(res.status, res.stderr).toBe(0);
  const got = JSON.parse(res.stdout) as { wasm: unknown; threaded: unknown; reference: unknown };
  const node = (await run(helium({ years: 1, runs: 6, agents: 200 }), { threads: 1 })).toJSON().metrics;
  expect(JSON.stringify(got.wasm)).toBe(JSON.stringify(node));
  expect(JSON.stringify(got.threaded)).toBe(JSON.stringify(node));
  expect(JSON.stringify(got.reference)).toBe(JSON.stringify(node));
}, 60_000);
