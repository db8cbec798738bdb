// Placing a block of runs' values into a larger [cell][run] buffer: on its own so that single-threaded
// runs load it without the thread pool or the streaming statistics.

/**
 * Copies a block of runs ([cell][run], `block.length / cells` runs) into a buffer of `total` runs
 * per cell ([cell][run]) at run offset `at`.
 * @example
 * ```ts
 * placeBlock(all, block, cells, 100, 50); // runs 50… of a 100-run buffer
 * ```
 */
export function placeBlock(dst: Float64Array, block: Float64Array, cells: number, total: number, at: number): void {
  const n = block.length / cells;
  if (n >= 32) {
    for (let c = 0; c < cells; c++) dst.set(block.subarray(c * n, (c + 1) * n), c * total + at);
    return;
  }
  // short rows: a plain loop beats creating a subarray per row
  for (let c = 0, i = 0; c < cells; c++) {
    const o = c * total + at;
    for (let r = 0; r < n; r++) dst[o + r] = block[i++]!;
  }
}

/**
 * Copies k runs of `cells` rows ([cell][run], `srcStride` runs per row) into `dst` ([cell][run],
 * `dstRuns` per row) at run offset `at`.
 */
export function copyRuns(dst: Float64Array, dstRuns: number, at: number, src: Float64Array, srcStride: number, k: number, cells: number): void {
  if (k >= 32) {
    for (let c = 0; c < cells; c++) dst.set(src.subarray(c * srcStride, c * srcStride + k), c * dstRuns + at);
    return;
  }
  for (let c = 0; c < cells; c++) {
    const o = c * dstRuns + at;
    const i = c * srcStride;
    for (let r = 0; r < k; r++) dst[o + r] = src[i + r]!;
  }
}
