/**
 * ASI alliance: the engine-v2 model (`asi`) and the merger's exact rules (`rules`, bigint base units).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export * from './model.js';
