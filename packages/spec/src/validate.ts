import type { z } from 'zod';
import { ErrorCodes, FlywheelError, type FlywheelIssue } from './errors.js';
import { ModelSpecSchema, type ModelSpec } from './schema.js';
import { parseDate } from './units.js';

/** A spec that passed validation, with optional fields defaulted where the schema documents a default. */
export type ValidSpec = z.output<typeof ModelSpecSchema>;

const SHARE_TOLERANCE = 1e-9;

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
      return [{ code: ErrorCodes.SPEC_INVALID_ENUM, path, value, message: `must be one of ${issue.values.map((x) => JSON.stringify(x)).join(', ')}`, hint: `Use one of the allowed values for "${path}".` }];
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
        return [{ code: ErrorCodes.SPEC_INVALID_ENUM, path: p, value: valueAt(input, full), message: `unknown ${key}${options ? `; expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}` : ''}`, hint: `Check "${p}" against the kinds listed in docs/spec.md.` }];
      }
      // Otherwise report the closest branch's first problem.
      const branch = issue.errors.slice().sort((a, b) => a.length - b.length)[0];
      if (branch && branch.length > 0) {
        return branch.flatMap((sub) => fromZod({ ...sub, path: [...issue.path, ...sub.path] } as ZodIssue, input));
      }
      return [{ code: ErrorCodes.SPEC_INVALID_TYPE, path, value, message: issue.message, hint: `Check "${path}" against docs/spec.md.` }];
    }
    case 'invalid_format':
      return [{ code: ErrorCodes.SPEC_INVALID_FORMAT, path, value, message: issue.message, hint: `Fix the format of "${path}".` }];
    default:
      return [{ code: ErrorCodes.SPEC_INVALID_TYPE, path, value, message: issue.message, hint: `Check "${path}" against docs/spec.md.` }];
  }
}

function checkShares(shares: Record<string, number>, path: string, groups: Record<string, unknown>, out: FlywheelIssue[]): void {
  let sum = 0;
  for (const [g, s] of Object.entries(shares)) {
    sum += s;
    if (!(g in groups)) {
      out.push({ code: ErrorCodes.SPEC_UNKNOWN_REFERENCE, path: `${path}.${g}`, value: g, message: `no group "${g}" is defined`, hint: `Define it under "groups" or use one of: ${Object.keys(groups).join(', ') || '(none defined)'}.` });
    }
  }
  if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
    out.push({ code: ErrorCodes.SPEC_SHARES_NOT_ONE, path, value: shares, message: `shares sum to ${sum}, not 1`, hint: 'Make the shares add up to exactly 1 (tolerance 1e-9).' });
  }
}

function checkWhen(when: string | number | undefined, path: string, start: string | undefined, out: FlywheelIssue[]): void {
  if (typeof when !== 'string') return;
  if (start === undefined) {
    out.push({ code: ErrorCodes.SPEC_INCONSISTENT, path, value: when, message: 'a date needs time.start', hint: 'Set "time.start" (YYYY-MM-DD) or give a step index instead of a date.' });
  } else if (Number.isNaN(parseDate(when))) {
    out.push({ code: ErrorCodes.SPEC_INVALID_FORMAT, path, value: when, message: 'not a real calendar date', hint: 'Use an existing date in YYYY-MM-DD form.' });
  }
}

function crossChecks(s: ValidSpec): FlywheelIssue[] {
  const out: FlywheelIssue[] = [];
  const t = s.token;
  if (s.time.start !== undefined && Number.isNaN(parseDate(s.time.start))) {
    out.push({ code: ErrorCodes.SPEC_INVALID_FORMAT, path: 'time.start', value: s.time.start, message: 'not a real calendar date', hint: 'Use an existing date in YYYY-MM-DD form.' });
  }
  if (t.initialCirculating + (t.initialStaked ?? 0) > t.initialSupply) {
    out.push({ code: ErrorCodes.SPEC_INCONSISTENT, path: 'token.initialCirculating', value: t.initialCirculating, message: `circulating + staked (${t.initialCirculating + (t.initialStaked ?? 0)}) exceeds initialSupply (${t.initialSupply})`, hint: 'Circulating and staked supply are parts of the total supply.' });
  }
  if (t.maxSupply !== undefined && t.initialSupply > t.maxSupply) {
    out.push({ code: ErrorCodes.SPEC_INCONSISTENT, path: 'token.initialSupply', value: t.initialSupply, message: `exceeds maxSupply (${t.maxSupply})`, hint: 'Lower initialSupply or raise maxSupply.' });
  }
  if (Object.keys(s.emissions).length > 0 && Object.keys(s.groups).length === 0) {
    out.push({ code: ErrorCodes.SPEC_MISSING_FIELD, path: 'groups', value: s.groups, message: 'emissions need recipient groups', hint: 'Define at least one group, e.g. { "providers": { "kind": "providers" } }.' });
  }
  let supplyHalvings = 0;
  for (const [id, e] of Object.entries(s.emissions)) {
    const p = `emissions.${id}`;
    checkShares(e.to, `${p}.to`, s.groups, out);
    switch (e.kind) {
      case 'fixed':
        checkWhen(e.from, `${p}.from`, s.time.start, out);
        checkWhen(e.until, `${p}.until`, s.time.start, out);
        break;
      case 'halving':
        checkWhen(e.from, `${p}.from`, s.time.start, out);
        break;
      case 'schedule':
        e.entries.forEach((en, i) => checkWhen(en.from, `${p}.entries.${i}.from`, s.time.start, out));
        break;
      case 'supplyHalving': {
        supplyHalvings++;
        if (e.thresholds === undefined && t.maxSupply === undefined) {
          out.push({ code: ErrorCodes.SPEC_MISSING_FIELD, path: `${p}.thresholds`, value: undefined, message: 'supply halving needs thresholds or token.maxSupply', hint: 'Set token.maxSupply (halvings at max·(1−2^−k)) or list the thresholds.' });
        }
        const th = e.thresholds ?? [];
        for (let i = 1; i < th.length; i++) {
          if (th[i]! <= th[i - 1]!) out.push({ code: ErrorCodes.SPEC_INCONSISTENT, path: `${p}.thresholds.${i}`, value: th[i], message: 'thresholds must increase', hint: 'List the issued-supply thresholds in increasing order.' });
        }
        break;
      }
      case 'halfLife':
        break;
    }
  }
  if (supplyHalvings > 1) {
    out.push({ code: ErrorCodes.SPEC_INCONSISTENT, path: 'emissions', value: supplyHalvings, message: 'at most one supplyHalving emission', hint: 'Merge the supply-halving sources into one.' });
  }
  if (s.burn?.netEmissions) checkShares(s.burn.netEmissions.to, 'burn.netEmissions.to', s.groups, out);
  if (s.burn && !s.demand) {
    out.push({ code: ErrorCodes.SPEC_MISSING_FIELD, path: 'demand', value: undefined, message: 'burnAndMint needs a demand model', hint: 'Add "demand" (the USD demand that buys credits), or remove "burn".' });
  }
  if (s.demand?.capacity && !s.providers) {
    out.push({ code: ErrorCodes.SPEC_MISSING_FIELD, path: 'providers', value: undefined, message: 'capacity-responsive demand needs providers', hint: 'Add "providers", or remove "demand.capacity".' });
  }
  if (s.price.kind === 'path' && s.price.values.length < s.time.steps + 1) {
    out.push({ code: ErrorCodes.SPEC_OUT_OF_RANGE, path: 'price.values', value: s.price.values.length, message: `price path has ${s.price.values.length} values; the model needs steps + 1 = ${s.time.steps + 1}`, hint: 'Give one price per step plus the initial price, or shorten time.steps.' });
  }
  if (s.price.kind === 'impact' && t.initialCirculating <= 0) {
    out.push({ code: ErrorCodes.SPEC_INCONSISTENT, path: 'token.initialCirculating', value: t.initialCirculating, message: 'the impact price model divides by circulating supply', hint: 'Give a positive initial circulating supply.' });
  }
  const pv = s.providers;
  if (pv) {
    for (const [k, d] of [['cost', pv.cost], ['capacity', pv.capacity]] as const) {
      if (d?.kind === 'uniform' && d.min > d.max) {
        out.push({ code: ErrorCodes.SPEC_INCONSISTENT, path: `providers.${k}.min`, value: d.min, message: `min exceeds max (${d.max})`, hint: 'Swap min and max.' });
      }
    }
    if (pv.minActiveSteps !== undefined && pv.minActiveSteps > pv.window) {
      out.push({ code: ErrorCodes.SPEC_INCONSISTENT, path: 'providers.minActiveSteps', value: pv.minActiveSteps, message: `exceeds the window (${pv.window})`, hint: 'An agent can be judged on at most the steps of its window.' });
    }
    const cap = pv.capacity;
    if (cap && ((cap.kind === 'constant' && cap.value === 0) || (cap.kind === 'uniform' && cap.min === 0))) {
      out.push({ code: ErrorCodes.SPEC_OUT_OF_RANGE, path: 'providers.capacity', value: cap, message: 'capacity must be positive for every provider', hint: 'Use a capacity distribution whose values are > 0.' });
    }
  }
  return out;
}

/**
 * Validates a spec. Returns it typed on success; throws a {@link FlywheelError} listing every
 * problem otherwise (the first in `code`/`path`/`value`/`hint`, all in `issues`).
 *
 * @param input - anything (parsed JSON, a model's spec, user edits)
 * @returns the validated spec
 * @throws FlywheelError with a `SPEC_*` code
 * @example
 * ```ts
 * import { validateSpec } from '@flywheel/spec';
 * const spec = validateSpec(JSON.parse(text));
 * ```
 */
export function validateSpec(input: unknown): ValidSpec {
  const parsed = ModelSpecSchema.safeParse(input);
  if (!parsed.success) {
    throw new FlywheelError(parsed.error.issues.flatMap((i) => fromZod(i, input)));
  }
  const issues = crossChecks(parsed.data);
  if (issues.length > 0) throw new FlywheelError(issues);
  return parsed.data;
}

/** Type guard form of {@link validateSpec}: true when the spec is valid. */
export function isValidSpec(input: unknown): input is ModelSpec {
  try {
    validateSpec(input);
    return true;
  } catch {
    return false;
  }
}
