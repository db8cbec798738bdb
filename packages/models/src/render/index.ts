/**
 * Render Network: the engine-v2 model (`render`) and the RNPs' exact rules (`rules`, bigint base units).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export * from './model.js';
