/**
 * Helium: the model (`helium`, HNT and Data Credits on engine v2), its sourced constants, and the
 * protocol's exact rules (`rules`, bigint base units).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export * from './model.js';
