/**
 * The Flywheel model spec: types, schema, validation, units and errors. No engine code; safe to
 * import anywhere (models, UIs, servers).
 * @packageDocumentation
 */
export { ErrorCodes, FlywheelError, fail, describeValue, showValue, type ErrorCode, type FlywheelIssue } from './errors.js';
export { plainData, DATA_LIMITS } from './plain.js';
export * from './schema.js';
export { getPath, setPath } from './paths.js';
export { PERIOD_DAYS, stepDays, periodDays, stepsPerYear, perStep, parseDate, daysBetween, formatDate, addMonths, offsetDays, MAX_DATE_MS } from './units.js';
export { fromBaseUnits, toBaseUnits, creditsFromBurn, tokensForCredits } from './decimal.js';
export * from './formula.js';
export * from './model.js';
export * from './blocks/index.js';
export { validateSpec, isValidSpec, modelNames, isStateOutput, blockOutputs, blockFormulas, BUILTIN_NAMES, ASSET_NAMES, IMPLICIT_ACCOUNTS } from './validateModel.js';
