import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configure, FlywheelError, run, shutdownWorkers } from '@flywheel/sdk';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

// configure({ workerUrl }) says where the worker script is (bundlers that do not rewrite
// new Worker(new URL(…, import.meta.url)), esbuild for one); a worker that cannot be started is a
// FlywheelError naming the location tried, never a raw error or a hang. Here in Node; the browser
// side (esbuild bundle in Chromium) is in packages/examples/test/installed.test.ts.
const dir = mkdtempSync(join(tmpdir(), 'flywheel-worker-url-'));
const spec = w1(4, 10, 30);

afterEach(async () => {
  configure({ workerUrl: undefined });
  await shutdownWorkers(); // no idle worker from one case may serve the next
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The FlywheelError `p` rejects with (fails the test if it resolves or rejects with anything else). */
async function flywheelError(p: Promise<unknown>): Promise<FlywheelError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FlywheelError);
  return e as FlywheelError;
}

describe('configure({ workerUrl })', () => {
  it('refuses what is not an object, unknown options and a workerUrl that is not a URL or a non-empty string', () => {
    expect(() => configure(null as never)).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'options' }));
    expect(() => configure({ workerURL: 'x' } as never)).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'workerURL', hint: 'Known options: workerUrl.' }));
    for (const bad of [3, '', '  ', {}, ['a.js']]) {
      expect(() => configure({ workerUrl: bad as never })).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION', path: 'workerUrl', value: bad }));
    }
  });

  it('the worker entry @flywheel/sdk/worker, as a file: URL string, as a URL and as a path, runs the numbers of one thread', async () => {
    const one = JSON.stringify((await run(spec, { threads: 1 })).toJSON().metrics);
    const entry = import.meta.resolve('@flywheel/sdk/worker');
    for (const workerUrl of [entry, new URL(entry), new URL(entry).pathname]) {
      await shutdownWorkers();
      configure({ workerUrl });
      expect(JSON.stringify((await run(spec, { threads: 2 })).toJSON().metrics)).toBe(one);
    }
  });

  it('a missing worker script is RUN_INVALID_OPTION at workerUrl with the location and a hint, on either engine', async () => {
    const missing = join(dir, 'no-such-worker.js');
    configure({ workerUrl: missing });
    for (const engine of ['wasm', 'reference'] as const) {
      const e = await flywheelError(run(spec, { threads: 2, engine }));
      expect(e).toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'workerUrl', value: missing });
      expect(e.message).toContain('threads: 2 needs worker threads');
      expect(e.message).toContain(missing);
      expect(e.hint).toContain("'@flywheel/sdk/worker'");
      expect(e.hint).toContain('threads: 1');
    }
    // the next run with the default location works: no broken worker was kept
    configure({ workerUrl: undefined });
    expect((await run(spec, { threads: 2 })).runs).toBe(4);
  });

  it('a worker script that fails as it loads is a FlywheelError carrying its error', async () => {
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('this is not the Flywheel worker');\n");
    configure({ workerUrl: pathToFileURL(broken) });
    const e = await flywheelError(run(spec, { threads: 3 }));
    expect(e).toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'workerUrl', value: pathToFileURL(broken).href });
    expect(e.message).toContain('this is not the Flywheel worker');
  });

  it('a relative path that Node refuses (not ./ or ../) is a FlywheelError too, thrown as the worker starts', async () => {
    configure({ workerUrl: 'worker.js' });
    const e = await flywheelError(run(spec, { threads: 2 }));
    expect(e).toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'workerUrl', value: 'worker.js' });
  });
});
