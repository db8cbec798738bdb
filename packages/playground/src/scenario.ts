// A scenario: what the page runs and what a shared link carries. A link is data only: it is
// decoded with size limits (compressed and decompressed), parsed as JSON (never evaluated), checked
// field by field, turned into a spec and validated like any spec, so a bad or hostile link is a
// FlywheelError with a code, a path and a hint, shown in the page.
import { models } from '@flywheel/models';
import { ErrorCodes, FlywheelError, fail, setPath, validateSpec, type ModelSpec } from '@flywheel/sdk';
import { playgroundMetrics } from './metrics.js';

/** What a link holds: a registered model with options and changes, or a whole spec. */
export interface Scenario {
  /** A registered model (`helium`, ...); ignored when `spec` is given. */
  model?: string;
  /** A whole spec (a model of one's own); validated like any spec. */
  spec?: unknown;
  years?: number;
  runs?: number;
  seed?: number;
  /** Changes as dotted spec paths (`params.growth`, `blocks.6.model.volatility.rate`). */
  set?: Record<string, unknown>;
}

/** What a link may carry: the first scenario is run; `pinned` is drawn beside it to compare. */
export interface LinkState {
  v: 1;
  scenario: Scenario;
  pinned?: Scenario | undefined;
}

/** Limits of a link and of a run in the page. */
export const LIMITS = {
  /** Characters of the compressed, base64url-encoded link state. */
  linkChars: 100_000,
  /** Bytes of its JSON once decompressed (a compression bomb stops here). */
  jsonBytes: 1_000_000,
  /** Monte Carlo runs a page may start. */
  runs: 5_000,
  /** Horizon, in years. */
  years: 50,
  /** Per-run values kept for exact percentiles: runs × metrics × (steps + 1) × 8 bytes. */
  valueBytes: 512 * 2 ** 20,
};

function bad(path: string, value: unknown, message: string, hint: string): never {
  return fail(ErrorCodes.SPEC_INVALID_FORMAT, path, value, message, hint);
}
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) bad('link', text.slice(0, 40), 'the link is not base64url text', 'Copy the whole link again; only A-Z, a-z, 0-9, - and _ may follow #s=.');
  try {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  } catch {
    return bad('link', text.slice(0, 40), 'the link is not base64url text', 'Copy the whole link again.');
  }
}

/** JSON → deflate-raw (CompressionStream) → base64url. */
export async function encodeState(state: LinkState): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  const out = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
  return toBase64Url(new Uint8Array(out));
}

/** base64url → inflate, stopping past {@link LIMITS.jsonBytes} → JSON.parse. Nothing is evaluated. */
export async function decodeState(text: string): Promise<unknown> {
  if (text.length > LIMITS.linkChars)
    fail(
      ErrorCodes.SPEC_OUT_OF_RANGE,
      'link',
      `${text.length} characters`,
      `the link holds ${text.length} characters; at most ${LIMITS.linkChars}`,
      'Share a smaller scenario: a registered model with a few changes is a short link.',
    );
  const compressed = fromBase64Url(text);
  const reader = new Blob([compressed as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > LIMITS.jsonBytes) {
        await reader.cancel();
        fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'link', `more than ${LIMITS.jsonBytes} bytes`, `the link decompresses to more than ${LIMITS.jsonBytes} bytes`, 'Share a smaller scenario.');
      }
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof FlywheelError) throw e;
    bad('link', text.slice(0, 40), 'the link is not a compressed scenario', 'Copy the whole link again; it may have been cut.');
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return bad('link', undefined, 'the link does not hold JSON', 'Copy the whole link again.');
  }
}

function checkScenario(v: unknown, path: string): Scenario {
  if (!isObject(v)) bad(path, v, 'a scenario must be an object', 'e.g. { "model": "helium", "set": { "params.growth": 0.3 } }');
  const known = ['model', 'spec', 'years', 'runs', 'seed', 'set'];
  for (const k of Object.keys(v)) if (!known.includes(k)) fail(ErrorCodes.SPEC_UNKNOWN_FIELD, `${path}.${k}`, v[k], `unknown scenario field "${k}"`, `Known fields: ${known.join(', ')}.`);
  if (v.spec === undefined && (typeof v.model !== 'string' || !Object.hasOwn(models, v.model))) {
    fail(ErrorCodes.MODEL_UNKNOWN, `${path}.model`, v.model, 'unknown model', `Known models: ${Object.keys(models).join(', ')}.`);
  }
  const num = (k: 'years' | 'runs' | 'seed', lo: number, hi: number, integer: boolean) => {
    const x = v[k];
    if (x === undefined) return;
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(ErrorCodes.SPEC_INVALID_TYPE, `${path}.${k}`, x, `${k} must be a number`, `Give ${k} as a number, e.g. ${lo}.`);
    if (x < lo || x > hi || (integer && !Number.isInteger(x)))
      fail(
        ErrorCodes.SPEC_OUT_OF_RANGE,
        `${path}.${k}`,
        x,
        `${k} must be ${integer ? 'an integer ' : ''}from ${lo} to ${hi} in the playground`,
        `Use a value from ${lo} to ${hi}; the CLI runs larger jobs.`,
      );
  };
  num('years', 1 / 365, LIMITS.years, false);
  num('runs', 1, LIMITS.runs, true);
  num('seed', 0, 0xffffffff, true);
  if (v.set !== undefined) {
    if (!isObject(v.set)) fail(ErrorCodes.SPEC_INVALID_TYPE, `${path}.set`, v.set, 'set must be an object of path: value', 'e.g. { "params.growth": 0.3 }');
    if (Object.keys(v.set).length > 500) fail(ErrorCodes.SPEC_OUT_OF_RANGE, `${path}.set`, Object.keys(v.set).length, 'more than 500 changes', 'Share a whole spec instead.');
  }
  if (v.spec !== undefined && !isObject(v.spec)) fail(ErrorCodes.SPEC_INVALID_TYPE, `${path}.spec`, v.spec, 'spec must be an object', 'Give a model spec (docs/spec.md).');
  return v as Scenario;
}

/** Checks the decoded link state's shape (not yet the specs). */
export function checkState(v: unknown): LinkState {
  if (!isObject(v)) return bad('link', v, 'the link does not hold a scenario', 'Copy the whole link again.');
  if (v.v !== 1) fail(ErrorCodes.SPEC_INVALID_FORMAT, 'link.v', v.v, 'unknown link version', 'This playground reads links of version 1.');
  for (const k of Object.keys(v))
    if (!['v', 'scenario', 'pinned'].includes(k)) fail(ErrorCodes.SPEC_UNKNOWN_FIELD, `link.${k}`, v[k], `unknown link field "${k}"`, 'Known fields: v, scenario, pinned.');
  return { v: 1, scenario: checkScenario(v.scenario, 'scenario'), pinned: v.pinned === undefined ? undefined : checkScenario(v.pinned, 'pinned') };
}

/** The default spec of a scenario's model (or its own spec), before its changes. */
export function baseSpec(s: Scenario): ModelSpec {
  if (s.spec !== undefined) return structuredClone(s.spec) as ModelSpec;
  return models[s.model!]!.create({ ...(s.years !== undefined ? { years: s.years } : {}), ...(s.runs !== undefined ? { runs: s.runs } : {}), ...(s.seed !== undefined ? { seed: s.seed } : {}) });
}

/**
 * The validated spec of a scenario: the model's spec with the scenario's options and changes.
 * @throws FlywheelError for anything wrong, with the spec path
 */
export function scenarioSpec(s: Scenario): ModelSpec {
  let spec = baseSpec(s);
  if (s.spec !== undefined) {
    // a whole spec takes the options as changes too
    if (isObject(spec) && isObject(spec.monteCarlo)) {
      if (s.runs !== undefined) spec = setPath(spec, 'monteCarlo.runs', s.runs);
      if (s.seed !== undefined) spec = setPath(spec, 'monteCarlo.seed', s.seed);
    }
  }
  for (const [path, value] of Object.entries(s.set ?? {})) {
    if (value !== null && typeof value === 'object')
      fail(ErrorCodes.SPEC_INVALID_TYPE, path, value, 'a change must be a number, a string or a boolean', 'Give one value per path, e.g. "params.growth": 0.3.');
    spec = setPath(spec, path, value);
  }
  const valid = validateSpec(spec);
  // what the page can hold: exact percentiles of every metric
  const runs = valid.monteCarlo.runs;
  if (runs > LIMITS.runs) fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'monteCarlo.runs', runs, `at most ${LIMITS.runs} runs in the playground`, 'Use fewer runs, or the CLI.');
  const bytes = runs * playgroundMetrics(spec).length * (valid.time.steps + 1) * 8;
  if (bytes > LIMITS.valueBytes)
    fail(ErrorCodes.SPEC_OUT_OF_RANGE, 'time.steps', valid.time.steps, `${runs} runs × ${valid.time.steps} steps are too large for the page`, 'Use fewer runs or a shorter horizon, or the CLI.');
  return spec;
}
