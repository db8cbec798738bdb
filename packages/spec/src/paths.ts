import { ErrorCodes, FlywheelError, fail } from './errors.js';
import { plainData } from './plain.js';

/** Segments that would reach an object's prototype or an array's length instead of a spec field. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype', 'length']);

function split(path: string): string[] {
  if (typeof path !== 'string' || path.trim() === '') fail(ErrorCodes.SPEC_UNKNOWN_PATH, String(path), path, 'empty path', 'Give a dotted path such as "params.growth".');
  const parts = path.split('.');
  const bad = parts.find((k) => FORBIDDEN.has(k));
  if (bad !== undefined)
    fail(
      ErrorCodes.SPEC_UNKNOWN_PATH,
      path,
      path,
      `"${bad}" is not a spec field`,
      'A path names fields of the spec (e.g. "params.growth", "blocks.2.share"); prototypes and array lengths cannot be set.',
    );
  return parts;
}

/**
 * Reads the value at a dotted path (`params.growth`, `blocks.2.curve.rate.amount`).
 * @throws FlywheelError `SPEC_UNKNOWN_PATH` when a segment does not exist
 * @example
 * ```ts
 * getPath(spec, 'params.growth') // 0.4
 * ```
 */
export function getPath(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  const parts = split(path);
  parts.forEach((k, i) => {
    try {
      if (v === null || typeof v !== 'object' || !Object.hasOwn(v as object, k)) {
        const here = parts.slice(0, i).join('.');
        const keys = v !== null && typeof v === 'object' ? Object.keys(v as object) : [];
        fail(
          ErrorCodes.SPEC_UNKNOWN_PATH,
          path,
          undefined,
          `"${k}" does not exist${here ? ` under "${here}"` : ''}`,
          keys.length ? `Existing fields there: ${keys.join(', ')}.` : `"${here}" is not an object.`,
        );
      }
      v = (v as Record<string, unknown>)[k];
    } catch (e) {
      if (e instanceof FlywheelError) throw e;
      // a getter that throws, a revoked proxy: the spec is not plain data
      const what = e instanceof Error ? `${e.name}: ${e.message}` : 'an exception';
      fail(
        ErrorCodes.SPEC_INVALID_TYPE,
        parts.slice(0, i + 1).join('.'),
        `[unreadable: ${what}]`,
        `could not be read (${what})`,
        'A spec is plain data: a getter that throws or a revoked or throwing proxy cannot be read.',
      );
    }
  });
  return v;
}

/**
 * Returns a deep copy of `obj` with the value at a dotted path replaced. The parent must exist;
 * the leaf may be new only when `create` is true (the result is validated afterwards anyway).
 * The copy is plain data (see {@link plainData}).
 * @throws FlywheelError `SPEC_UNKNOWN_PATH`; `SPEC_INVALID_TYPE` when `obj` is not plain data
 * @example
 * ```ts
 * const faster = setPath(spec, 'params.growth', 0.3);
 * ```
 */
export function setPath<T>(obj: T, path: string, value: unknown, create = false): T {
  const parts = split(path);
  const copy = plainData(obj); // a plain copy; getters, proxies and non-JSON objects end here with their path
  const leaf = parts[parts.length - 1]!;
  const parentPath = parts.slice(0, -1).join('.');
  let parent: unknown = copy;
  if (parentPath) {
    try {
      parent = getPath(copy, parentPath);
    } catch (e) {
      const err = e as { message?: string; hint?: string; issues?: { message: string; hint: string }[] };
      const first = err.issues?.[0];
      fail(ErrorCodes.SPEC_UNKNOWN_PATH, path, value, first?.message ?? String(err.message), first?.hint ?? 'Check the path against the spec.');
    }
  }
  if (parent === null || typeof parent !== 'object') {
    fail(ErrorCodes.SPEC_UNKNOWN_PATH, path, value, `"${parentPath}" is not an object`, 'Set a field of an object, e.g. "params.growth".');
  }
  if (parentPath) {
    // an object the spec refers to from two places is shared by the copy: the objects on the path
    // get their own copies, so that only the field named changes
    let at = copy as Record<string, unknown>;
    for (const k of parts.slice(0, -1)) {
      const next = at[k] as Record<string, unknown>;
      at[k] = Array.isArray(next) ? [...next] : { ...next };
      at = at[k] as Record<string, unknown>;
    }
    parent = at;
  }
  if (!create && !Object.hasOwn(parent as object, leaf)) {
    const keys = Object.keys(parent as object);
    fail(
      ErrorCodes.SPEC_UNKNOWN_PATH,
      path,
      value,
      `"${leaf}" does not exist${parentPath ? ` under "${parentPath}"` : ''}`,
      keys.length ? `Existing fields there: ${keys.join(', ')}.` : 'That object has no fields.',
    );
  }
  (parent as Record<string, unknown>)[leaf] = value;
  return copy as T;
}
