/**
 * io.net: the engine-v2 model (`ionet`) and the documents' exact rules (`rules`, bigint base units).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export * from './model.js';
