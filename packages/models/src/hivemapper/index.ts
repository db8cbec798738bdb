/**
 * Hivemapper: the engine-v2 model (`hivemapper`) and the documented burn-and-mint rules (`rules`, bigint base units).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export * from './model.js';
