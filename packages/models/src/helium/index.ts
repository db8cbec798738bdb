/**
 * Helium: the model (v1 spec, and `heliumV2` on engine v2) and the protocol's exact rules (`rules`, bigint base units).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export { heliumV2 } from './model.js';
export * from '../helium.js';
