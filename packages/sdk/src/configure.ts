import { ErrorCodes, fail } from '@flywheel/spec/errors';

/** Settings of the whole SDK, set with {@link configure}. */
export interface FlywheelConfig {
  /**
   * Where the SDK's worker script is served: a `URL` or a URL string (browsers resolve a relative
   * string against the page), or a file path or `file:` URL in Node. It must serve the
   * `@flywheel/sdk/worker` entry, bundled. `undefined` restores the default, `./worker.js` next to
   * the module that holds the SDK's thread pool: Vite, webpack 5, Parcel and unbundled code find it
   * there by themselves; esbuild does not (it leaves `new URL('./worker.js', import.meta.url)` as
   * it is), so with esbuild either emit the worker entry as `worker.js` beside the bundle or point
   * `workerUrl` at it. Used by every run with more than one thread.
   */
  workerUrl?: string | URL | undefined;
}

let current: FlywheelConfig = {};

/**
 * Sets SDK-wide options; the ones given replace the previous values, the others stay. Call it once,
 * before the first run with threads.
 * @throws FlywheelError RUN_INVALID_OPTION for an unknown option or a workerUrl that is not a URL or a non-empty string
 * @example
 * ```ts
 * // an app bundled by esbuild, with '@flywheel/sdk/worker' as a second entry point named flywheel-worker
 * configure({ workerUrl: new URL('./flywheel-worker.js', import.meta.url) });
 * ```
 */
export function configure(options: FlywheelConfig): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail(ErrorCodes.RUN_INVALID_OPTION, 'options', options, 'configure() takes an object of options', "Pass e.g. { workerUrl: new URL('./flywheel-worker.js', import.meta.url) }.");
  }
  const known = ['workerUrl'];
  for (const [k, v] of Object.entries(options)) if (!known.includes(k)) fail(ErrorCodes.RUN_INVALID_OPTION, k, v, `unknown configure() option "${k}"`, `Known options: ${known.join(', ')}.`);
  if ('workerUrl' in options) {
    const u = options.workerUrl;
    if (u !== undefined && !(u instanceof URL) && !(typeof u === 'string' && u.trim() !== '')) {
      fail(
        ErrorCodes.RUN_INVALID_OPTION,
        'workerUrl',
        u,
        'workerUrl must be a URL or a non-empty URL string',
        "Pass where the bundled '@flywheel/sdk/worker' entry is served, e.g. new URL('./flywheel-worker.js', import.meta.url), or undefined for the default.",
      );
    }
    current = { ...current, workerUrl: u };
  }
}

/** The worker script's location set with {@link configure}, or undefined for the default. */
export function configuredWorkerUrl(): string | URL | undefined {
  return current.workerUrl;
}
