// The ASI alliance merger's exact rules, in base units (bigint), named after the contracts' own
// functions.
//
// The conversion is SingularityDAO's `MigrateToken` contract (one EIP-1167 clone per old token),
// ported from Singularity-DAO/migration-contracts `migration/contracts/MigrateToken.sol` (pragma
// 0.8.24) @ 94f72ea0d26784dc2d889f2363520cc636fb98ab, with its hardhat tests
// `migration/test/testMigrateToken.ts` @ 94f72ea0d26784dc2d889f2363520cc636fb98ab, the clones'
// configuration `migration/scripts/deploy.js` @ 0b643b8355bdb645839a01579454a2e3b30d801e (ratios,
// FET and AGIX burnable, OCEAN not, the new token pre-minted) and the pre-mint
// `token/scripts/transfer.js` @ 0b643b8355bdb645839a01579454a2e3b30d801e. Those scripts set the
// clones up for the ASI token of phase 2; phase 1 (from 2024-07-01: AGIX and OCEAN into FET,
// renamed ASI later) uses the same ratios and pre-minted FET reserves [OFF fetch.ai blog "FET token
// supply increased to support forthcoming ASI token merge", 2024-05-03].
//
// CUDOS (a Cosmos chain) converts on the Fetch.ai network through the Agent Network Hub's
// reconciliation (no contract source is stored): 1 FET = 112.427 CUDOS, 118.344 with the 5% fee
// [3P kremalicious/asi-calculator `ratioCudosToAsi = 1/118.344`; UNC].

/** FET:ASI 1:1, as a `conversionRatio` in new-token (18-decimal) units per old token [OFF migration/scripts/deploy.js `FET_ASI_CONVERSION_RATIO = parseUnits("1", 18)`]. */
export const FET_ASI_CONVERSION_RATIO = 10n ** 18n;
/** 1 AGIX → 0.433350 FET/ASI [OFF `AGIX_ASI_CONVERSION_RATIO = parseUnits("0.433350", 18)`; fetch.ai blog]. */
export const AGIX_ASI_CONVERSION_RATIO = 433_350_000_000_000_000n;
/** 1 OCEAN → 0.433226 FET/ASI [OFF `OCEAN_ASI_CONVERSION_RATIO = parseUnits("0.433226", 18)`; fetch.ai blog]. */
export const OCEAN_ASI_CONVERSION_RATIO = 433_226_000_000_000_000n;
/** Decimals: FET 18, AGIX 8, OCEAN 18 [OFF token/scripts/transfer.js `parseUnits(…, 8)` for AGIX], CUDOS 18 (acudos) [3P]. */
export const DECIMALS = { FET: 18, AGIX: 8, OCEAN: 18, CUDOS: 18 } as const;
/** CUDOS per FET before the fee: 112.427 [3P asi-calculator; UNC], as a rational 112427 / 1000. */
export const CUDOS_PER_FET = { num: 112_427n, den: 1_000n } as const;
/** CUDOS per FET with the fee: 118.344 [3P asi-calculator `1/118.344`; UNC]. */
export const CUDOS_PER_FET_WITH_FEE = { num: 118_344n, den: 1_000n } as const;

/** `MigrateToken.initialize`: `oldTokenPrecision = 10 ** decimals()` of the old token. */
export function oldTokenPrecision(decimals: number): bigint {
  return 10n ** BigInt(decimals);
}

/**
 * `MigrateToken._migrateTokens`: `_newTokenAmount = _oldTokenAmount * conversionRatio / oldTokenPrecision`
 * (floor), reverting `ZeroAmountOut` when it is 0; the old tokens are burnt (`burnFrom`, AGIX) or
 * sent to the burn address (OCEAN), the new ones minted or paid from the pre-minted balance
 * (`NotEnoughBalance` when it holds less).
 * @example
 * ```ts
 * migrateTokens(1000n * 10n ** 8n, AGIX_ASI_CONVERSION_RATIO, 8); // 433.35e18: 1,000 AGIX → 433.350 FET
 * ```
 */
export function migrateTokens(oldAmount: bigint, conversionRatio: bigint, oldDecimals: number, premintedBalance?: bigint): bigint {
  if (conversionRatio === 0n) throw new Error('MissingConversionRatio');
  const out = (oldAmount * conversionRatio) / oldTokenPrecision(oldDecimals);
  if (out === 0n) throw new Error('ZeroAmountOut');
  if (premintedBalance !== undefined && premintedBalance < out) throw new Error('NotEnoughBalance');
  return out;
}

/**
 * token/scripts/transfer.js's `*_ASI_MIGRATION_SUPPLY = CONVERSION_RATIO * TOTAL_SUPPLY / 10^decimals`: the
 * new tokens pre-minted into a migration clone to cover an old token's whole supply.
 */
export function migrationSupply(oldTotalSupply: bigint, conversionRatio: bigint, oldDecimals: number): bigint {
  return (conversionRatio * oldTotalSupply) / oldTokenPrecision(oldDecimals);
}

/**
 * CUDOS → FET at the reconciliation rate net of the 5% fee: acudos × 1000 / 118344 (floor) [3P; UNC].
 * The gross amount (before the fee) is acudos × 1000 / 112427.
 */
export function cudosToFet(acudos: bigint, withFee = true): bigint {
  const r = withFee ? CUDOS_PER_FET_WITH_FEE : CUDOS_PER_FET;
  return (acudos * r.den) / r.num;
}
