// The block kinds' schemas: one file per kind, registered here (one line each).
import { CreditBurnBlockSchema, creditBurnOutputs, creditBurnFormulas } from './creditBurn.js';
import { PopulationBlockSchema, populationOutputs, populationFormulas } from './population.js';
import { PriceBlockSchema, priceOutputs, priceFormulas } from './price.js';
import { RemintBlockSchema, remintOutputs, remintFormulas } from './remint.js';
import { ScheduleBlockSchema, scheduleOutputs, scheduleFormulas } from './schedule.js';
import { SignalBlockSchema, signalOutputs, signalFormulas } from './signal.js';
import { TransferBlockSchema, transferOutputs, transferFormulas } from './transfer.js';
import { EscrowBlockSchema, escrowOutputs, escrowFormulas } from './escrow.js';
import { LockBlockSchema, lockOutputs, lockFormulas } from './lock.js';
import { SplitBlockSchema, splitOutputs, splitFormulas } from './split.js';
import { BaselineMintingBlockSchema, baselineMintingOutputs, baselineMintingFormulas } from './baselineMinting.js';
import { StepControllerBlockSchema, stepControllerOutputs, stepControllerFormulas } from './stepController.js';
import { IssuanceHalvingBlockSchema, issuanceHalvingOutputs, issuanceHalvingFormulas } from './issuanceHalving.js';
import { BondBlockSchema, bondOutputs, bondFormulas } from './bond.js';
import { BandControllerBlockSchema, bandControllerOutputs, bandControllerFormulas } from './bandController.js';
import { ChainCostBlockSchema, chainCostOutputs, chainCostFormulas } from './chainCost.js';
import { ConversionBlockSchema, conversionOutputs, conversionFormulas } from './conversion.js';
import { AmmBlockSchema, ammOutputs, ammFormulas } from './amm.js';

export const BLOCK_SCHEMAS = [
  SignalBlockSchema,
  TransferBlockSchema,
  ScheduleBlockSchema,
  RemintBlockSchema,
  CreditBurnBlockSchema,
  PriceBlockSchema,
  PopulationBlockSchema,
  EscrowBlockSchema,
  LockBlockSchema,
  SplitBlockSchema,
  BaselineMintingBlockSchema,
  StepControllerBlockSchema,
  IssuanceHalvingBlockSchema,
  BondBlockSchema,
  BandControllerBlockSchema,
  ChainCostBlockSchema,
  ConversionBlockSchema,
  AmmBlockSchema,
] as const;

/** The names each kind of block adds (usable in formulas and as metrics), by kind. */
export const BLOCK_OUTPUTS = {
  signal: signalOutputs,
  transfer: transferOutputs,
  schedule: scheduleOutputs,
  remint: remintOutputs,
  creditBurn: creditBurnOutputs,
  price: priceOutputs,
  population: populationOutputs,
  escrow: escrowOutputs,
  lock: lockOutputs,
  split: splitOutputs,
  baselineMinting: baselineMintingOutputs,
  stepController: stepControllerOutputs,
  issuanceHalving: issuanceHalvingOutputs,
  bond: bondOutputs,
  bandController: bandControllerOutputs,
  chainCost: chainCostOutputs,
  conversion: conversionOutputs,
  amm: ammOutputs,
} as const;

/**
 * Outputs that hold state and keep their value from step to step (read before their block in a
 * step, they give the previous step's value). Every other output is a flow of the step: 0 at the
 * start of each step, set when its block runs.
 */
export const BLOCK_STATE_OUTPUTS: Readonly<Record<string, readonly string[] | 'all'>> = {
  price: 'all',
  population: 'all',
  stepController: ['rate'],
  bandController: ['rate', 'low', 'high'],
  amm: ['price'],
  issuanceHalving: ['rate'],
  baselineMinting: ['theta', 'baselinePower'],
};

/** The formula fields of each kind of block, as [field path, source] pairs. */
export const BLOCK_FORMULAS = {
  signal: signalFormulas,
  transfer: transferFormulas,
  schedule: scheduleFormulas,
  remint: remintFormulas,
  creditBurn: creditBurnFormulas,
  price: priceFormulas,
  population: populationFormulas,
  escrow: escrowFormulas,
  lock: lockFormulas,
  split: splitFormulas,
  baselineMinting: baselineMintingFormulas,
  stepController: stepControllerFormulas,
  issuanceHalving: issuanceHalvingFormulas,
  bond: bondFormulas,
  bandController: bandControllerFormulas,
  chainCost: chainCostFormulas,
  conversion: conversionFormulas,
  amm: ammFormulas,
} as const;

export * from './common.js';
export {
  EscrowBlockSchema,
  LockBlockSchema,
  SplitBlockSchema,
  BaselineMintingBlockSchema,
  StepControllerBlockSchema,
  IssuanceHalvingBlockSchema,
  BondBlockSchema,
  BandControllerBlockSchema,
  ChainCostBlockSchema,
  ConversionBlockSchema,
  AmmBlockSchema,
};
export { CHAIN_COST_RESERVED } from './chainCost.js';
export { SignalBlockSchema, TransferBlockSchema, ScheduleBlockSchema, RemintBlockSchema, CreditBurnBlockSchema, PriceBlockSchema, PopulationBlockSchema };
export { IssuanceCurveSchema, type IssuanceCurve } from './schedule.js';
export { PriceModelSchema, type PriceModel } from './price.js';
