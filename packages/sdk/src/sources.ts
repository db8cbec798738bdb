/**
 * The source tags of a model's parameters, read from the model's own TypeScript source, where the
 * models record them: a comment above the parameter in the spec's `params` object
 * (`// [ASSUMPTION] 40%/yr trend ...`), a comment at the end of its line, or the doc comment of the
 * exported constant the parameter is set from (`/** 1 DC = $0.00001. [SEED; OFF ...] *\/`). Plain
 * text in, plain data out (no file access), so the playground's build and the CLI's report share it.
 * @packageDocumentation
 */

/** Where one parameter's default comes from. */
export interface ParamSource {
  /** The source tags found, in order (`SEED`, `OFF`, `DER`, `3P`, `UNC`, `ASSUMPTION`, ...). */
  tags: string[];
  /** The comment the tags were read from, without comment markers. */
  note: string;
  /** The constant the default is set from, if any (e.g. `DC_PRICE_USD`). */
  constant?: string;
}

const clean = (s: string) =>
  s
    .split('\n')
    .map((l) =>
      l
        .replace(/^\s*(\/\*\*?|\*\/|\*|\/\/)\s?/, '')
        .replace(/\*\/\s*$/, '')
        .trim(),
    )
    .filter((l) => l !== '')
    .join(' ');

/** The tags of shared/reference/projects.md and the models: the source document, official, derived, third party, unconfirmed, a modelling choice. */
export const SOURCE_TAGS: readonly string[] = ['SEED', 'OFF', 'DER', '3P', 'UNC', 'ASSUMPTION'];

/**
 * The source tags in a comment: each `[...]` group that starts with an upper-case tag, split at
 * `;`, keeping the known {@link SOURCE_TAGS} (e.g. `[OFF HIP-20; HIP-149]` gives `OFF`, `[DER from SEED + OFF]` gives `DER`).
 * @example
 * ```ts
 * sourceTags('1 DC = $0.00001. [SEED; OFF data-credits]'); // ['SEED', 'OFF']
 * ```
 */
export function sourceTags(comment: string): string[] {
  const tags: string[] = [];
  for (const m of comment.matchAll(/\[([^\]]+)\]/g)) {
    for (const part of m[1]!.split(';')) {
      const tag = /^\s*([A-Z0-9]+)\b/.exec(part)?.[1];
      if (tag && SOURCE_TAGS.includes(tag) && !tags.includes(tag)) tags.push(tag);
    }
  }
  return tags;
}

/**
 * The sources of the parameters of every `params: { ... }` object in a model's source text, by
 * parameter name. A comment applies to the parameter below it, and to the ones after it that it
 * names (one comment above `growth` and `sigma` that mentions both); a parameter set from a
 * constant takes the constant's doc comment when it has no comment of its own.
 * @example
 * ```ts
 * paramSources(readFileSync('packages/models/src/helium/model.ts', 'utf8')).growth.tags; // ['ASSUMPTION']
 * ```
 */
export function paramSources(source: string): Record<string, ParamSource> {
  const docs = new Map<string, string>();
  for (const m of source.matchAll(/\/\*\*([\s\S]*?)\*\/\s*export\s+const\s+([A-Za-z_$][\w$]*)/g)) docs.set(m[2]!, clean(m[1]!));
  const out: Record<string, ParamSource> = Object.create(null) as Record<string, ParamSource>;
  for (const start of source.matchAll(/\bparams:\s*\{/g)) {
    // the object's text, by brace depth
    let depth = 0;
    let end = start.index! + start[0].length - 1;
    for (; end < source.length; end++) {
      const c = source[end];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    const body = source.slice(start.index! + start[0].length, end);
    let comment = '';
    let fresh = false; // the comment has not been used yet
    for (const line of body.split('\n')) {
      const own = /^\s*\/\/(.*)$/.exec(line);
      if (own) {
        comment = fresh ? `${comment} ${own[1]!.trim()}` : own[1]!.trim();
        fresh = true;
        continue;
      }
      const entry = /^\s*([A-Za-z_]\w*)\s*:\s*([^,]*?)\s*,?\s*(?:\/\/(.*))?$/.exec(line);
      if (!entry) continue;
      const [, name, value, trailing] = entry as unknown as [string, string, string, string | undefined];
      const constant = /\b([A-Z][A-Z0-9_]{2,})\b/.exec(value)?.[1];
      let note = '';
      if (trailing) note = trailing.trim();
      else if (fresh) note = comment;
      else if (comment && new RegExp(`\\b${name}\\b`).test(comment)) note = comment;
      if (sourceTags(note).length === 0 && constant && docs.has(constant)) note = docs.get(constant)!;
      fresh = false;
      if (out[name] && out[name].tags.length > 0) continue; // the first object that tags it wins
      out[name] = { tags: sourceTags(note), note, ...(constant ? { constant } : {}) };
    }
  }
  return out;
}
