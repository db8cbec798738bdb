import { describe, expect, it } from 'vitest';
import { sobolPoints, SOBOL_MAX_DIMENSIONS } from '../src/analysis/sobol-sequence.js';

describe("Sobol' sequence (Joe–Kuo direction numbers)", () => {
  it("gives Joe and Kuo's published first ten points in 3 dimensions", () => {
    // The example output of Joe & Kuo's sobol.cc (https://web.maths.unsw.edu.au/~fkuo/sobol/), as
    // SALib's tests/test_sobol.py (test_sobol_sequence) also holds it.
    const expected = [
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
      [0.1875, 0.3125, 0.9375],
      [0.6875, 0.8125, 0.4375],
    ];
    expect(sobolPoints(10, 3).map((p) => Array.from(p))).toEqual(expected);
  });

  it("matches scipy's unscrambled 2-d reference and skips points exactly", () => {
    // scipy/scipy scipy/stats/tests/test_qmc.py TestSobol.unscramble_nd (commit b5d0622)
    const scipy = [
      [0, 0],
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
      [0.875, 0.875],
      [0.625, 0.125],
      [0.125, 0.625],
    ];
    expect(sobolPoints(8, 2).map((p) => Array.from(p))).toEqual(scipy);
    expect(sobolPoints(3, 2, 5).map((p) => Array.from(p))).toEqual(scipy.slice(5));
  });

  it('every dimension of the first 2^m points is a (0, m, 1)-net: one point in each of 2^m intervals', () => {
    const n = 1024;
    const pts = sobolPoints(n, SOBOL_MAX_DIMENSIONS);
    for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d++) {
      const cells = new Set(pts.map((p) => Math.floor(p[d]! * n)));
      expect(cells.size, `dimension ${d + 1}`).toBe(n);
    }
    // two-dimensional projections of the first 2^m points are (t, m, 2)-nets; spot-check dims 1–2 (t = 0):
    const grid = new Set(pts.map((p) => `${Math.floor(p[0]! * 32)},${Math.floor(p[1]! * 32)}`));
    expect(grid.size).toBe(1024);
  });

  it('the mean of each coordinate of 2^12 points is close to 1/2 (integration error O(log n / n))', () => {
    const pts = sobolPoints(4096, 32);
    for (let d = 0; d < 32; d++) expect(Math.abs(pts.reduce((s, p) => s + p[d]!, 0) / 4096 - 0.5)).toBeLessThan(2e-4);
  });

  it('refuses more than 32 dimensions with a FlywheelError', () => {
    expect(() => sobolPoints(4, 33)).toThrow(expect.objectContaining({ code: 'RUN_INVALID_OPTION' }));
  });
});
