// Constants shared by the AssemblyScript engine (assembly/) and the TypeScript side (compiler,
// reference engine, statistics); the block program's layout is program-layout.ts. This file is
// compiled by both asc and tsc: plain integer constants only.

// Distributions of per-agent parameters (population blocks).
export const DIST_CONSTANT = 0; // a
export const DIST_UNIFORM = 1; // a + (b − a)·u
export const DIST_LOGNORMAL = 2; // a·exp(b·z): a = median, b = sigma

// ---- Statistics written per stored metric: consecutive arrays of length steps + 1 ---------
export const S_MEAN = 0;
export const S_P5 = 1;
export const S_P50 = 2;
export const S_P95 = 3;
export const S_COUNT = 4;
