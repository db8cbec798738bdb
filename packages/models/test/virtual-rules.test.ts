// Virtuals' bonding curve (./src/virtual/rules.ts) against the contracts' own test
// (Virtual-Protocol/protocol-contracts test/bonding.js @ 9956cd56d96b5cde14a26b3b7fee4749ecb94a12:
// Bonding initialised with fee_ 100000, initialSupply "1000000000", assetRate 10000, gradThreshold
// parseEther("85000000"), FFactory taxes 0) and the reference's derived v1 figures
// (shared/reference/projects.md §9, validation fact 2).
import { rules } from '@flywheel/models/virtual';
import { describe, expect, it } from 'vitest';

const E = 10n ** 18n;
const { launch, buy, sell, feeFromParam, launchWithPurchase, graduates, assetToGraduate } = rules;

describe('Bonding.launch and FRouter.buy: "should be able to launch memecoin"', () => {
  it('fee_ 100000 → a 100 VIRTUAL fee; assetRate 10000 → k = 3e12, 3,000 virtual VIRTUAL against 1B tokens; FPair k = supply × liquidity', () => {
    expect(feeFromParam(100_000n)).toBe(100n * E);
    const l = launch(1_000_000_000n, 10_000n);
    expect(l.kBonding).toBe(3_000_000_000_000n);
    expect(l.reserveToken).toBe(1_000_000_000n * E);
    expect(l.reserveAsset).toBe(3_000n * E);
    expect(l.k).toBe(1_000_000_000n * E * 3_000n * E);
  });
  it('a 200 VIRTUAL launch: 100 to the treasury, 100 into the pair, the founder gets 32,258,064.516129032258064517 tokens', () => {
    const r = launchWithPurchase(1_000_000_000n, 10_000n, 100n * E, 200n * E, 0n);
    expect(r.fee).toBe(100n * E);
    expect(r.purchase.amountOut).toBe(32_258_064_516_129_032_258_064_517n);
    expect(r.purchase.reserveAsset - r.launch.reserveAsset).toBe(100n * E); // the pair's real VIRTUAL balance: "100.0"
    expect(() => launchWithPurchase(1_000_000_000n, 10_000n, 100n * E, 100n * E, 0n)).toThrow('InvalidInput');
  });
});

describe('graduation: "should be able to graduate"', () => {
  it('after the launch, a 35,000 VIRTUAL buy takes the token reserve below gradThreshold 85M: Graduated', () => {
    const r = launchWithPurchase(1_000_000_000n, 10_000n, 100n * E, 200n * E, 0n);
    const before = r.purchase;
    expect(graduates(before.reserveToken, 85_000_000n * E)).toBe(false);
    const after = buy(before.reserveToken, before.reserveAsset, r.launch.k, 35_000n * E, 0n);
    expect(graduates(after.reserveToken, 85_000_000n * E)).toBe(true);
  });
  it('the least VIRTUAL that graduates a fresh assetRate-10000 pair is 32,294.117… (k / 85M − 3,000), to the wei', () => {
    const l = launch(1_000_000_000n, 10_000n);
    const need = assetToGraduate(l, 85_000_000n * E);
    expect(graduates(buy(l.reserveToken, l.reserveAsset, l.k, need, 0n).reserveToken, 85_000_000n * E)).toBe(true);
    expect(graduates(buy(l.reserveToken, l.reserveAsset, l.k, need - 1n, 0n).reserveToken, 85_000_000n * E)).toBe(false);
    expect(Number(need) / 1e18).toBeCloseTo(3e48 / 85e24 / 1e18 - 3000, 9);
  });
  it('v1 with assetRate 5000: 6,000 virtual VIRTUAL (k = 6e12); +42,000 VIRTUAL leaves 125,000,000 tokens (projects.md §9 fact 2)', () => {
    const l = launch(1_000_000_000n, 5_000n);
    expect(l.reserveAsset).toBe(6_000n * E);
    expect(l.kBonding).toBe(6_000_000_000_000n);
    expect(buy(l.reserveToken, l.reserveAsset, l.k, 42_000n * E, 0n).reserveToken).toBe(125_000_000n * E);
  });
});

describe('taxes and the sell', () => {
  it('a 1% buy tax: txFee = 1% of amountIn to the tax vault; 99% into the pair', () => {
    const l = launch(1_000_000_000n, 5_000n);
    const t = buy(l.reserveToken, l.reserveAsset, l.k, 1_000n * E, 1n);
    expect(t.txFee).toBe(10n * E);
    expect(t.reserveAsset).toBe(l.reserveAsset + 990n * E);
    expect(t.amountOut).toBe(l.reserveToken - l.k / (l.reserveAsset + 990n * E));
  });
  it('selling the bought tokens back returns the VIRTUAL in (to rounding), less the 1% sell tax', () => {
    const l = launch(1_000_000_000n, 5_000n);
    const b = buy(l.reserveToken, l.reserveAsset, l.k, 1_000n * E, 0n);
    const s = sell(b.reserveToken, b.reserveAsset, l.k, b.amountOut, 1n);
    const gross = s.amountOut + s.txFee;
    expect(1_000n * E - gross).toBeGreaterThanOrEqual(0n);
    expect(1_000n * E - gross).toBeLessThan(10n ** 6n); // the floor divisions lose < 1e-12 VIRTUAL
    expect(s.txFee).toBe(gross / 100n);
    expect(s.reserveToken).toBe(l.reserveToken);
  });
});

describe('launchpad v2 (BondingV2 @ ba4aef6f, post-seed rule version)', () => {
  it("450M tokens in the pair against 14,000 virtual VIRTUAL (the code's K = 3.15e12, not the README's 1.35e12); 550M to the team", () => {
    const l = rules.launchV2(1_000_000_000n, 550_000_000n, 5_000n);
    expect(l.reserveToken).toBe(450_000_000n * E);
    expect(l.reserveAsset).toBe(14_000n * E);
    expect(l.teamTokens).toBe(550_000_000n * E);
  });
  it("200,000 real VIRTUAL leave 29,439,252.3… tokens: the README's graduation threshold of 29,439,252", () => {
    const l = rules.launchV2(1_000_000_000n, 550_000_000n, 5_000n);
    const after = buy(l.reserveToken, l.reserveAsset, l.k, 200_000n * E, 0n);
    expect(after.reserveToken / E).toBe(29_439_252n);
  });
});
