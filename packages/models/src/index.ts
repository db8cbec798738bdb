/**
 * Flywheel's DePIN models, one module per project. Each returns a plain spec with sourced defaults.
 * @packageDocumentation
 */
import type { ModelSpec } from '@flywheel/spec';
import { bittensor } from './bittensor/model.js';
import { filecoin } from './filecoin/model.js';
import { helium } from './helium/model.js';
import { livepeer } from './livepeer/model.js';
import { render } from './render/model.js';
import { hivemapper } from './hivemapper/model.js';
import { arweave } from './arweave/model.js';
import { akash } from './akash/model.js';
import { ionet } from './ionet/model.js';
import { aethir } from './aethir/model.js';
import { asi } from './asi/model.js';
import { virtual } from './virtual/model.js';

export * as heliumSources from './helium/model.js';
export { helium, type HeliumOptions } from './helium/model.js';
export { filecoin, type FilecoinOptions } from './filecoin/model.js';
export { livepeer, type LivepeerOptions } from './livepeer/model.js';
export { bittensor, type BittensorOptions } from './bittensor/model.js';
export { render, type RenderOptions } from './render/model.js';
export { hivemapper, type HivemapperOptions } from './hivemapper/model.js';
export { arweave, type ArweaveOptions } from './arweave/model.js';
export { akash, type AkashOptions } from './akash/model.js';
export { ionet, type IonetOptions } from './ionet/model.js';
export { aethir, type AethirOptions } from './aethir/model.js';
export { chains, withChain, type ChainInfo, type ChainName, type ChainOperation, type Sourced, type WithChainOptions } from './chains/index.js';
export { asi, type AsiOptions } from './asi/model.js';
export { virtual, type VirtualOptions } from './virtual/model.js';

/** The options every model factory takes (each model has more of its own). */
export interface CommonModelOptions {
  /** Horizon in years (default 10), rounded to whole steps of the model's clock. */
  years?: number;
  /** Monte Carlo runs (default 200). */
  runs?: number;
  /** Seed (default 42). */
  seed?: number;
}

/** A registered model: its name, a one-line description and a factory. */
export interface ModelEntry {
  readonly name: string;
  readonly description: string;
  /** Builds the default spec, with the common options applied. */
  readonly create: (options?: CommonModelOptions) => ModelSpec;
}

/**
 * Every model, by name (what `flywheel list` shows).
 * @example
 * ```ts
 * import { models } from '@flywheel/models';
 * const spec = models.helium!.create();
 * ```
 */
export const models: Readonly<Record<string, ModelEntry>> = {
  helium: { name: 'helium', description: 'Helium HNT: HIP-20 halvings, Data Credit burn-and-mint, net emissions, hotspot churn (Oct 2024)', create: (o) => helium(o) },
  'helium-subdaos': {
    name: 'helium-subdaos',
    description: 'Helium with its sub-DAOs: IOT and MOBILE tokens, the HNT split by utility score, treasuries and redemption, veHNT, both hotspot populations (Oct 2024)',
    create: (o) => helium({ ...o, subDaos: true }),
  },
  filecoin: { name: 'filecoin', description: 'Filecoin FIL: simple + baseline minting, 180-day reward vesting, pledge, burns (Oct 2024)', create: (o) => filecoin(o) },
  livepeer: { name: 'livepeer', description: 'Livepeer LPT: per-round inflation toward a 50% bonding target, treasury cut, unbonding (Oct 2024)', create: (o) => livepeer(o) },
  render: {
    name: 'render',
    description: 'Render RENDER: BME emissions by year with the RNP-006 splits, USD jobs burning RENDER for Render Credits, node operators (Oct 2024)',
    create: (o) => render(o),
  },
  hivemapper: {
    name: 'hivemapper',
    description: 'Hivemapper HONEY: weekly map-progress rewards from the 4B pool, Map Credit burns, the MIP-15 re-mint, unlocks, contributors (Oct 2024)',
    create: (o) => hivemapper(o),
  },
  arweave: {
    name: 'arweave',
    description: 'Arweave AR: 11M inflation on a 1-year block half-life, perpetual-storage fees, endowment draws, debt supply and the Kryder+ latch (Oct 2024)',
    create: (o) => arweave(o),
  },
  ionet: {
    name: 'ionet',
    description: 'io.net IO: hourly disinflationary emissions to GPU suppliers, investor/team unlocks, fee buyback-and-burn, device staking (Oct 2024)',
    create: (o) => ionet(o),
  },
  aethir: {
    name: 'aethir',
    description: 'Aethir ATH: fixed 42B released from pools (checkers, containers, Edge 30/30/40 vesting), 80/20 fees, unlocks, Edge payback (Oct 2024)',
    create: (o) => aethir(o),
  },
  bittensor: { name: 'bittensor', description: 'Bittensor TAO: 21M cap, halvings by issuance, recycling, 18/41/41 split, staking (Oct 2024)', create: (o) => bittensor(o) },
  akash: {
    name: 'akash',
    description: 'Akash AKT + USDC: Cosmos mint toward 67% bonded, community tax, 4%/20% take rates, staking on APR, providers paid by leases (Oct 2024)',
    create: (o) => akash(o),
  },
  asi: {
    name: 'asi',
    description: 'ASI alliance FET/ASI + AGIX, OCEAN, CUDOS: conversion at the MigrateToken ratios from pre-minted reserves, uptake, arbitrage prices, agent payments, staking (Oct 2024)',
    create: (o) => asi(o),
  },
  virtual: {
    name: 'virtual',
    description:
      'Virtuals VIRTUAL + agent tokens: launches on constant-product bonding curves with virtual liquidity, graduation to 10-year-locked pools, 1% tax, revenue buyback and burn, top-3 incentives (Oct 2024)',
    create: (o) => virtual(o),
  },
};
