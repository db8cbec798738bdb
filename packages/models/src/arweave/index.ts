/**
 * Arweave: the engine-v2 model (`arweave`) and the protocol's exact rules (`rules`, bigint winston).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export * from './model.js';
