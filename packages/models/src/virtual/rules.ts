// Virtuals Protocol's exact bonding-curve rules, in wei (bigint), named after the contracts' own
// functions. Ported from Virtual-Protocol/protocol-contracts:
//   contracts/fun/Bonding.sol  (launch: fee, initial supply, K / assetRate, initial liquidity; _buy: graduation)
//   contracts/fun/FRouter.sol  (getAmountsOut, buy, sell: the taxes)
//   contracts/fun/FPair.sol    (mint: k = reserve0 · reserve1; swap: the reserves)
// at commit 9956cd56d96b5cde14a26b3b7fee4749ecb94a12 (2025-01-15). The curve's arithmetic is the
// same from the commit that adds it, 07f55eac4a0f569f5df9cacc6bda7dbdcc13b627 (2024-11-01, "Feat/bonding
// curve"), to the snapshot's HEAD ba4aef6fc09cdaf8f5920d3bdd042ea8671a9471 (where launch() is
// deprecated); 9071ad904a9ab46bb3f2f568e5c8bc55f87c14b6 (2024-12-16) adds only the tax manager hook.
// The test vectors are test/bonding.js at 9956cd56.

/** `Bonding.K = 3_000_000_000_000` [OFF Bonding.sol]. */
export const K = 3_000_000_000_000n;
/** 1 ether = 10^18 wei. */
export const ETHER = 10n ** 18n;
/** `FERC20` decimals: 18 [OFF FERC20.sol: `_totalSupply = supply * 10 ** _decimals`]. */
export const DECIMALS = 18;

/** `Bonding.initialize`: `fee = (fee_ * 1 ether) / 1000` (fee_ in thousandths of a VIRTUAL). */
export function feeFromParam(fee_: bigint): bigint {
  return (fee_ * ETHER) / 1000n;
}

/** The launch's pair: the token reserve (the whole FERC20 supply), the virtual VIRTUAL reserve and k. */
export interface Launch {
  /** `supply = token.totalSupply()` = initialSupply × 10^18 (wei of the agent token). */
  readonly reserveToken: bigint;
  /** `liquidity = (((k * 10000 ether) / supply) * 1 ether) / 10000` (wei of VIRTUAL, all virtual). */
  readonly reserveAsset: bigint;
  /** `FPair.mint`: `k = reserve0 * reserve1`. */
  readonly k: bigint;
  /** The Bonding-level `k = (K * 10000) / assetRate` the liquidity derives from. */
  readonly kBonding: bigint;
}

/**
 * `Bonding.launch` (the pair's initial reserves): `k = (K * 10000) / assetRate`; `liquidity =
 * (((k * 10000 ether) / supply) * 1 ether) / 10000`; `router.addInitialLiquidity(token, supply,
 * liquidity)` → `FPair.mint(supply, liquidity)` with `k = supply * liquidity`.
 * @example
 * ```ts
 * launch(1_000_000_000n, 10_000n); // reserveAsset 3,000 VIRTUAL (3e21 wei) against 1B tokens
 * launch(1_000_000_000n, 5_000n);  // 6,000 VIRTUAL: the reference's v1 figure
 * ```
 */
export function launch(initialSupply: bigint, assetRate: bigint): Launch {
  if (assetRate <= 0n) throw new Error('InvalidInput');
  const supply = initialSupply * 10n ** BigInt(DECIMALS);
  const kBonding = (K * 10000n) / assetRate;
  const liquidity = (((kBonding * 10000n * ETHER) / supply) * ETHER) / 10000n;
  return { reserveToken: supply, reserveAsset: liquidity, k: supply * liquidity, kBonding };
}

/** A trade's result and the pair's reserves after it (FPair.swap). */
export interface Trade {
  readonly amountOut: bigint;
  readonly reserveToken: bigint;
  readonly reserveAsset: bigint;
  /** The tax paid to the tax vault (VIRTUAL wei). */
  readonly txFee: bigint;
}

/**
 * `FRouter.buy` (VIRTUAL in): `txFee = (fee * amountIn) / 100` to the tax vault; `amount = amountIn −
 * txFee` into the pair; `getAmountsOut`: `newReserveB = reserveB + amount; newReserveA = k /
 * newReserveB; amountOut = reserveA − newReserveA`; `FPair.swap(0, amountOut, amount, 0)`.
 */
export function buy(reserveToken: bigint, reserveAsset: bigint, k: bigint, amountIn: bigint, taxPercent: bigint): Trade {
  if (amountIn <= 0n) throw new Error('amountIn must be greater than 0');
  const txFee = (taxPercent * amountIn) / 100n;
  const amount = amountIn - txFee;
  const newReserveB = reserveAsset + amount;
  const newReserveA = k / newReserveB;
  const amountOut = reserveToken - newReserveA;
  return { amountOut, reserveToken: reserveToken - amountOut, reserveAsset: reserveAsset + amount, txFee };
}

/**
 * `FRouter.sell` (agent tokens in): `getAmountsOut`: `newReserveA = reserveA + amountIn; newReserveB =
 * k / newReserveA; amountOut = reserveB − newReserveB`; `txFee = (fee * amountOut) / 100` to the tax
 * vault, `amountOut − txFee` to the seller; `FPair.swap(amountIn, 0, 0, amountOut)`. `amountOut` is
 * the seller's amount after tax.
 */
export function sell(reserveToken: bigint, reserveAsset: bigint, k: bigint, amountIn: bigint, taxPercent: bigint): Trade {
  const newReserveA = reserveToken + amountIn;
  const newReserveB = k / newReserveA;
  const gross = reserveAsset - newReserveB;
  const txFee = (taxPercent * gross) / 100n;
  return { amountOut: gross - txFee, reserveToken: reserveToken + amountIn, reserveAsset: reserveAsset - gross, txFee };
}

/** `Bonding._buy`: the pair graduates to Uniswap when `newReserveA <= gradThreshold` (token reserve, wei). */
export function graduates(reserveToken: bigint, gradThreshold: bigint): boolean {
  return reserveToken <= gradThreshold;
}

/**
 * `Bonding.launch` with its initial purchase: `purchaseAmount > fee` (else `InvalidInput`); the fee
 * goes to the treasury (`_feeTo`), `initialPurchase = purchaseAmount − fee` buys on the new pair.
 */
export function launchWithPurchase(initialSupply: bigint, assetRate: bigint, fee: bigint, purchaseAmount: bigint, buyTaxPercent: bigint): { launch: Launch; fee: bigint; purchase: Trade } {
  if (purchaseAmount <= fee) throw new Error('InvalidInput');
  const l = launch(initialSupply, assetRate);
  return { launch: l, fee, purchase: buy(l.reserveToken, l.reserveAsset, l.k, purchaseAmount - fee, buyTaxPercent) };
}

/**
 * The VIRTUAL (wei) a fresh pair must take in, net of tax, before its token reserve falls to the
 * graduation threshold: the smallest amount with k / (reserveAsset + amount) ≤ gradThreshold.
 */
export function assetToGraduate(l: Launch, gradThreshold: bigint): bigint {
  // k / B ≤ g  ⇔  B ≥ ceil((k + 1) / (g + 1)) for integer division: the least B with floor(k / B) ≤ g
  const b = (l.k + gradThreshold + 1n) / (gradThreshold + 1n);
  let need = b - l.reserveAsset;
  while (need > 0n && l.k / (l.reserveAsset + need - 1n) <= gradThreshold) need -= 1n;
  while (l.k / (l.reserveAsset + need) > gradThreshold) need += 1n;
  return need;
}

// Launchpad v2 (post-seed, 2025-09): contracts/launchpadv2/BondingV2.sol, added at
// a6c907379488d6ad177326d4caaee76ac01f2945 (2025-09-27), read at the snapshot's HEAD
// ba4aef6fc09cdaf8f5920d3bdd042ea8671a9471. Its README says K = 1.35 × 10^12, but the code's
// constant is 3.15 × 10^12, which is what gives its own 14,000 virtual VIRTUAL against 450M tokens
// (14,000 × 450M = 6.3 × 10^12 = 3.15 × 10^12 × 10000 / 5000): the code wins.

/** `BondingV2.K = 3_150_000_000_000` [OFF launchpadv2/BondingV2.sol]. */
export const K_V2 = 3_150_000_000_000n;

/**
 * `BondingV2.preLaunch` (the pair's initial reserves): `bondingCurveSupply = (initialSupply −
 * teamTokenReservedSupply) × 10^18`; `liquidity = (((((K * 10000) / assetRate) * 10000 ether) /
 * bondingCurveSupply) * 1 ether) / 10000`; the team's tokens go to `teamTokenReservedWallet`.
 * @example
 * ```ts
 * launchV2(1_000_000_000n, 550_000_000n, 5_000n); // 14,000 virtual VIRTUAL against 450M tokens
 * ```
 */
export function launchV2(initialSupply: bigint, teamTokenReservedSupply: bigint, assetRate: bigint): Launch & { readonly teamTokens: bigint } {
  if (assetRate <= 0n) throw new Error('InvalidInput');
  const supply = (initialSupply - teamTokenReservedSupply) * 10n ** BigInt(DECIMALS);
  const kBonding = (K_V2 * 10000n) / assetRate;
  const liquidity = (((kBonding * 10000n * ETHER) / supply) * ETHER) / 10000n;
  return { reserveToken: supply, reserveAsset: liquidity, k: supply * liquidity, kBonding, teamTokens: teamTokenReservedSupply * 10n ** BigInt(DECIMALS) };
}
