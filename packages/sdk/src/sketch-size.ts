// Sizes of the streaming statistics' state, apart from streaming.ts so that choosing the statistics
// (run.ts) does not load the sketch itself.

/** Keys per binade at level 0: a key is the top 6 bits of the mantissa. */
export const SKETCH_KEY_BITS = 6;
/** Buckets per sign and cell. */
export const SKETCH_BUCKETS = 512;
/** Below this many runs a cell's values are kept exactly (sorted), and its percentiles are exact. */
export const SKETCH_EXACT_RUNS = 8;
/** meta words per cell: [level, base, minKey, maxKey] for positives, then for negatives. */
export const SKETCH_META = 8;
/** Bytes of state per cell: sum, [min, max], zeros, first values, meta, counts. */
export const SKETCH_BYTES_PER_CELL = 8 + 16 + 4 + SKETCH_EXACT_RUNS * 8 + SKETCH_META * 4 + 2 * SKETCH_BUCKETS * 4;
