import type { z } from 'zod/mini';
import { ErrorCodes, type FlywheelIssue } from './errors.js';

// Maps zod's issues to FlywheelIssues: a stable code, the dotted path, the bad value and a hint.

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

type ZodIssue = z.core.$ZodIssue;

/** One zod issue as FlywheelIssues (an unknown-keys issue gives one per key). */
export function fromZod(issue: ZodIssue, input: unknown): FlywheelIssue[] {
  const path = dotted(issue.path);
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        code: ErrorCodes.SPEC_UNKNOWN_FIELD,
        path: path ? `${path}.${key}` : key,
        value: valueAt(input, [...issue.path, key]),
        message: `unknown field "${key}"`,
        hint: 'Remove it or check its spelling; unknown fields are never ignored. See docs/spec.md for the fields of this object.',
      }));
    case 'invalid_type':
      if (value === undefined) {
        return [{ code: ErrorCodes.SPEC_MISSING_FIELD, path, value, message: `required field is missing (expected ${issue.expected})`, hint: `Add "${path}" to the spec.` }];
      }
      if (typeof value === 'number' && issue.expected === 'number') {
        // Infinity or NaN (JSON.parse reads 1e999 as Infinity): a number, but not one a model can use
        return [{ code: ErrorCodes.SPEC_INVALID_TYPE, path, value, message: 'must be a finite number', hint: `Give "${path}" a finite number (${value} is not one a model can compute with).` }];
      }
      return [{ code: ErrorCodes.SPEC_INVALID_TYPE, path, value, message: `expected ${issue.expected}`, hint: `Give "${path}" a value of type ${issue.expected}.` }];
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const exclusive = issue.inclusive === false ? ' (exclusive)' : '';
      if (issue.origin === 'array' || issue.origin === 'string') {
        return [{ code: ErrorCodes.SPEC_OUT_OF_RANGE, path, value, message: `length must be ${bound}`, hint: `Give "${path}" a length ${bound}.` }];
      }
      return [{ code: ErrorCodes.SPEC_OUT_OF_RANGE, path, value, message: `must be ${bound}${exclusive}`, hint: `Use a value ${bound}${exclusive} for "${path}".` }];
    }
    case 'invalid_value':
      return [
        { code: ErrorCodes.SPEC_INVALID_ENUM, path, value, message: `must be one of ${issue.values.map((x) => JSON.stringify(x)).join(', ')}`, hint: `Use one of the allowed values for "${path}".` },
      ];
    case 'invalid_union': {
      // A discriminated union with an unknown `kind`.
      const note = (issue as { note?: string }).note;
      const disc = (issue as { discriminator?: string }).discriminator;
      if (note?.includes('discriminator') || disc) {
        const key = disc ?? 'kind';
        // zod puts the discriminator in the path already; older versions did not
        const full = issue.path[issue.path.length - 1] === key ? issue.path : [...issue.path, key];
        const p = dotted(full);
        const options = (issue as { options?: unknown[] }).options;
        return [
          {
            code: ErrorCodes.SPEC_INVALID_ENUM,
            path: p,
            value: valueAt(input, full),
            message: `unknown ${key}${options ? `; expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}` : ''}`,
            hint: `Check "${p}" against the kinds listed in docs/spec.md.`,
          },
        ];
      }
      // Otherwise report the closest branch's first problem.
      const branch = issue.errors.slice().sort((a, b) => a.length - b.length)[0];
      if (branch && branch.length > 0) {
        return branch.flatMap((sub) => fromZod({ ...sub, path: [...issue.path, ...sub.path] } as ZodIssue, input));
      }
      return [{ code: ErrorCodes.SPEC_INVALID_TYPE, path, value, message: issue.message, hint: `Check "${path}" against docs/spec.md.` }];
    }
    case 'invalid_key':
      // A record key its key schema rejects. Built from the issue (zod/mini has no locale messages).
      return [{ code: ErrorCodes.SPEC_INVALID_TYPE, path, value, message: `Invalid key in ${issue.origin}`, hint: `Check "${path}" against docs/spec.md.` }];
    case 'invalid_format':
      return [{ code: ErrorCodes.SPEC_INVALID_FORMAT, path, value, message: issue.message, hint: `Fix the format of "${path}".` }];
    default:
      return [{ code: ErrorCodes.SPEC_INVALID_TYPE, path, value, message: issue.message, hint: `Check "${path}" against docs/spec.md.` }];
  }
}
