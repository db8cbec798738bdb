// FNV-1a (32 bits), the checksum of shard files, JSON shards and sensitivity shards: one
// implementation, so that every format checks its values the same way.

/** FNV-1a's initial state (the offset basis). */
export const FNV_START = 0x811c9dc5;

/**
 * FNV-1a of `bytes`, continued from state `h` (default: a fresh hash), as an unsigned 32-bit number.
 * @example
 * ```ts
 * fnv1a(new TextEncoder().encode('a')); // 0xe40c292c
 * fnv1a(second, fnv1a(first)); // the hash of first then second
 * ```
 */
export function fnv1a(bytes: Uint8Array, h = FNV_START): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193) >>> 0;
  return h;
}

/** The bytes of a Float64Array, in place (the platform's byte order). */
export const bytesOf = (a: Float64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
