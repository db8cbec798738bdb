/**
 * Aethir: the engine-v2 model (`aethir`) and the documents' exact rules (`rules`, bigint wei).
 * @packageDocumentation
 */
export * as rules from './rules.js';
export * from './model.js';
