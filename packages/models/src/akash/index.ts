/**
 * Akash: the engine-v2 model (`akash`) and the protocol's exact rules (`rules`, bigint base units).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export * from './model.js';
