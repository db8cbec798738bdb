/**
 * Filecoin: the protocol's exact rules (`rules`, bigint base units). The engine-v2 model comes next.
 * @packageDocumentation
 */
export * as rules from './rules.js';
