/**
 * Chains: the cost of running a DePIN network's on-chain side on Solana, Arbitrum, IoTeX or peaq
 * (a catalogue of fees and throughput with sources, and {@link withChain}, which adds a
 * `chainCost` block to any model's spec).
 * @packageDocumentation
 */
export * from './catalogue.js';
export * from './withChain.js';
