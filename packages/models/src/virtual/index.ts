/**
 * Virtuals Protocol: the engine-v2 model (`virtual`) and the bonding curve's exact rules (`rules`, wei).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export * from './model.js';
