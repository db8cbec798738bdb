import { ErrorCodes, fail } from './errors.js';

/** Segments that would reach an object's prototype or an array's length instead of a spec field. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype', 'length']);

function split(path: string): string[] {
  if (typeof path !== 'string' || path.trim() === '') fail(ErrorCodes.SPEC_UNKNOWN_PATH, String(path), path, 'empty path', 'Give a dotted path such as "params.growth".');
  const parts = path.split('.');
  const bad = parts.find((k) => FORBIDDEN.has(k));
  if (bad !== undefined) fail(ErrorCodes.SPEC_UNKNOWN_PATH, path, path, `"${bad}" is not a spec field`, 'A path names fields of the spec (e.g. "params.growth", "blocks.2.share"); prototypes and array lengths cannot be set.');
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
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v as object, k)) {
      const here = parts.slice(0, i).join('.');
      const keys = v !== null && typeof v === 'object' ? Object.keys(v as object) : [];
      fail(ErrorCodes.SPEC_UNKNOWN_PATH, path, undefined, `"${k}" does not exist${here ? ` under "${here}"` : ''}`, keys.length ? `Existing fields there: ${keys.join(', ')}.` : `"${here}" is not an object.`);
    }
    v = (v as Record<string, unknown>)[k];
  });
  return v;
}

/**
 * Returns a deep copy of `obj` with the value at a dotted path replaced. The parent must exist;
 * the leaf may be new only when `create` is true (the result is validated afterwards anyway).
 * @throws FlywheelError `SPEC_UNKNOWN_PATH`
 * @example
 * ```ts
 * const faster = setPath(spec, 'params.growth', 0.3);
 * ```
 */
export function setPath<T>(obj: T, path: string, value: unknown, create = false): T {
  const parts = split(path);
  const copy = structuredClone(obj) as unknown;
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
  if (!create && !Object.hasOwn(parent as object, leaf)) {
    const keys = Object.keys(parent as object);
    fail(ErrorCodes.SPEC_UNKNOWN_PATH, path, value, `"${leaf}" does not exist${parentPath ? ` under "${parentPath}"` : ''}`, keys.length ? `Existing fields there: ${keys.join(', ')}.` : 'That object has no fields.');
  }
  (parent as Record<string, unknown>)[leaf] = value;
  return copy as T;
}
