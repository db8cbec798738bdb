/**
 * The chains a DePIN network can run its on-chain side on: each chain's fee per operation in its
 * native token, the native token's price and its throughput.
 *
 * Sources, tagged as in shared/reference/projects.md: [SEED] the seed article (Oct 2024, its
 * closing section "要在哪个区块链上构建 DePIN 项目?"), [OFF] the chain's own docs or code (path
 * given), [3P] a third-party page, [DER] derived here (shown), [UNC] uncertain: a best estimate to
 * override (every figure here can be overridden through {@link withChain}'s options).
 */

/** The on-chain operations a DePIN network generates (see withChain for how each is counted from a model). */
export type ChainOperation = 'onboard' | 'reward' | 'burn' | 'oracle';

/** A figure and where it comes from. */
export interface Sourced {
  readonly value: number;
  readonly source: string;
}

/** One chain of the catalogue. */
export interface ChainInfo {
  /** Catalogue key (`solana`, `arbitrum`, `iotex`, `peaq`). */
  readonly name: string;
  readonly label: string;
  /** The native token fees are paid in. */
  readonly native: string;
  /** USD per native token on the model's start date (2024-10-01). */
  readonly nativePriceUsd: Sourced;
  /** Fee of one operation of each kind, in the native token. */
  readonly fee: Readonly<Record<ChainOperation, Sourced>>;
  /** Throughput the utilisation is measured against, operations (transactions) per second. */
  readonly capacity: Sourced;
  /** The peak throughput the seed quotes, transactions per second (documentation; not used). */
  readonly peakTps: Sourced | null;
  /** What the seed says about the chain. */
  readonly seed: string;
}

/** 1 SOL = 10⁹ lamports; a signature costs 5,000 lamports. [OFF solana.com/docs/core/fees: lamports_per_signature 5,000, 50% burned] */
export const SOLANA_LAMPORTS_PER_SIGNATURE = 5_000;
/** SOL per signature = 5,000 / 10⁹ = 0.000005. [DER] */
export const SOLANA_BASE_FEE_SOL = SOLANA_LAMPORTS_PER_SIGNATURE / 1e9;
/** SOL to mint 1,000,000 compressed NFTs with state compression. [SEED "铸造 100 万个 NFT 的成本降至仅需 5.35 SOL"] */
export const SOLANA_SOL_PER_MILLION_CNFTS = 5.35;
/** Sustained Solana throughput, TPS. [SEED "稳定在 3000 以上"] */
export const SOLANA_SUSTAINED_TPS = 3_000;
/** Peak Solana throughput, TPS. [SEED "TPS 最多可达 65,000"] */
export const SOLANA_PEAK_TPS = 65_000;
/** SOL price, USD, 2024-10-01. [UNC: SOL traded at about $150 on 2024-10-01 and stayed above $135 in the first half of October 2024 (3P en.coin-turk.com)] */
export const SOL_PRICE_USD = 150;

/** Arbitrum One's L2 gas price, gwei: its minimum base fee. [UNC: Arbitrum One's minimum L2 base fee 0.01 gwei (docs.arbitrum.io gas pricing); a base fee of 0.020 gwei was measured on Arbitrum One (3P dev.to/swiftnodes, 2026)] */
export const ARBITRUM_GAS_PRICE_GWEI = 0.01;
/** Arbitrum One's gas speed limit, gas per second: above it the L2 base fee rises. [OFF docs.arbitrum.io "Guidance for Arbitrum chains gas speed limit": seven million gas per second for Arbitrum One and Nova] */
export const ARBITRUM_GAS_PER_SECOND = 7_000_000;
/** Peak Arbitrum throughput, TPS. [SEED "Arbitrum 可以达到最多 40,000 TPS"] */
export const ARBITRUM_PEAK_TPS = 40_000;
/** ETH price, USD, 2024-10-01. [3P binance.com/square/post/14413690252985: ETH fell 12.73% in early October "since Oct. 1 … from a high of $2,648"; theequityreport.net: "nearly $2,700 a few days" before Oct 4] */
export const ETH_PRICE_USD = 2_600;

/**
 * Gas of each operation on an EVM chain. [UNC: typical costs, not measured here: a device NFT
 * mint (ERC-721 `mint` with a storage write per token, ~150,000 gas), a reward claim or token
 * transfer (an ERC-20 `transfer` from a distributor, ~60,000 gas: 21,000 intrinsic + the call), a
 * credit burn (ERC-20 `burn`, ~50,000 gas), an oracle update (one storage write and an event,
 * ~80,000 gas)]
 */
export const EVM_GAS: Readonly<Record<ChainOperation, number>> = { onboard: 150_000, reward: 60_000, burn: 50_000, oracle: 80_000 };

/** IoTeX gas price, IOTX per gas: 1 Qev = 10¹² Rau = 10⁻⁶ IOTX. [3P trustwallet/blockatlas platform/iotex/model.go TransferFee = 10¹⁶ Rau for a 10,000-gas transfer, so 10¹² Rau per gas (DER); OFF iotex-docs-gitbook ioctl send-actions: a transfer consumed 10,000 gas] */
export const IOTEX_GAS_PRICE_IOTX = 1e-6;
/** IoTeX block gas limit and block interval: 20,000,000 gas per 5 s block = 4,000,000 gas/s. [OFF iotexproject/iotex-core blockchain/genesis/genesis.go @ 007d9a17: BlockGasLimit 20000000; DardanellesBlockHeight "start height of 5s block interval"; docs.iotex.io blockchain specs: 5-second block time] */
export const IOTEX_GAS_PER_SECOND = 20_000_000 / 5;
/** IOTX price, USD, 2024-10-01. [UNC: about $0.045 in early October 2024 (market data, not checked against a source here)] */
export const IOTX_PRICE_USD = 0.045;

/** peaq's fee for a native token transfer, USD; other transaction types "on a similar scale". [SEED "约为每笔交易 $0.00025"; OFF docs.peaq.network/docs/learn/economics] */
export const PEAQ_FEE_USD = 0.00025;
/** peaq throughput, TPS. [SEED "高达 10,000 TPS"; 3P CMC AI citing peaq docs: up to 10,000 TPS] */
export const PEAQ_TPS = 10_000;
/** PEAQ price, USD. [UNC: PEAQ was not yet trading at the seed date (mainnet Nov 2024); about $0.15 at its listing. The USD cost does not depend on it: the fee in PEAQ is derived from the USD fee at this price] */
export const PEAQ_PRICE_USD = 0.15;

const evm = (op: ChainOperation, gasPrice: number, native: string, tag: string): Sourced => ({
  value: EVM_GAS[op] * gasPrice,
  source: `[DER] ${EVM_GAS[op].toLocaleString('en-US')} gas [UNC] × ${gasPrice} ${native}/gas ${tag}`,
});

/**
 * The catalogue: Solana, Arbitrum (an Ethereum L2), IoTeX and peaq, the four chains the seed's
 * closing section weighs.
 * @example
 * ```ts
 * import { chains } from '@flywheel/models/chains';
 * chains.solana.fee.reward.value; // 0.000005 SOL
 * ```
 */
export const chains: Readonly<Record<'solana' | 'arbitrum' | 'iotex' | 'peaq', ChainInfo>> = {
  solana: {
    name: 'solana',
    label: 'Solana',
    native: 'SOL',
    nativePriceUsd: { value: SOL_PRICE_USD, source: '[UNC] about $150 on 2024-10-01 (3P en.coin-turk.com: above $135 in the first half of Oct 2024)' },
    fee: {
      onboard: { value: SOLANA_SOL_PER_MILLION_CNFTS / 1e6, source: '[SEED] 5.35 SOL per 1,000,000 compressed NFTs (state compression) → 5.35e-6 SOL per device [DER]' },
      reward: {
        value: SOLANA_BASE_FEE_SOL,
        source: "[OFF solana.com/docs/core/fees] 5,000 lamports per signature; the seed quotes 0.00005 SOL per transfer [SEED], 10× the base fee (a priority fee): the protocol's figure is used",
      },
      burn: { value: SOLANA_BASE_FEE_SOL, source: '[OFF solana.com/docs/core/fees] one signature' },
      oracle: { value: SOLANA_BASE_FEE_SOL, source: '[OFF solana.com/docs/core/fees] one signature' },
    },
    capacity: { value: SOLANA_SUSTAINED_TPS, source: '[SEED] stable above 3,000 TPS' },
    peakTps: { value: SOLANA_PEAK_TPS, source: '[SEED] up to 65,000 TPS, 0.4 s blocks' },
    seed: 'Integrated infrastructure, up to 65,000 TPS and stable above 3,000, 0.4 s blocks, 0.00005 SOL per transfer, 1M compressed NFTs for 5.35 SOL; Helium and Render moved to it.',
  },
  arbitrum: {
    name: 'arbitrum',
    label: 'Arbitrum One (Ethereum L2)',
    native: 'ETH',
    nativePriceUsd: { value: ETH_PRICE_USD, source: '[3P binance.com/square] a high of $2,648 on 2024-10-01; $2,600 used' },
    fee: {
      onboard: evm('onboard', ARBITRUM_GAS_PRICE_GWEI * 1e-9, 'ETH', '(0.01 gwei [UNC])'),
      reward: evm('reward', ARBITRUM_GAS_PRICE_GWEI * 1e-9, 'ETH', '(0.01 gwei [UNC])'),
      burn: evm('burn', ARBITRUM_GAS_PRICE_GWEI * 1e-9, 'ETH', '(0.01 gwei [UNC])'),
      oracle: evm('oracle', ARBITRUM_GAS_PRICE_GWEI * 1e-9, 'ETH', '(0.01 gwei [UNC])'),
    },
    capacity: { value: ARBITRUM_GAS_PER_SECOND / EVM_GAS.reward, source: '[DER] the gas speed limit 7,000,000 gas/s [OFF docs.arbitrum.io] / 60,000 gas per transfer [UNC] = 116.7 transfers/s' },
    peakTps: { value: ARBITRUM_PEAK_TPS, source: '[SEED] up to 40,000 TPS' },
    seed: 'Ethereum L2s such as Arbitrum raise throughput and lower cost; up to 40,000 TPS; Aethir builds on an Ethereum L2.',
  },
  iotex: {
    name: 'iotex',
    label: 'IoTeX',
    native: 'IOTX',
    nativePriceUsd: { value: IOTX_PRICE_USD, source: '[UNC] about $0.045 in early Oct 2024' },
    fee: {
      onboard: evm('onboard', IOTEX_GAS_PRICE_IOTX, 'IOTX', '(1 Qev [3P/DER])'),
      reward: { value: 10_000 * IOTEX_GAS_PRICE_IOTX, source: '[DER] a transfer: 10,000 gas [OFF iotex-docs-gitbook ioctl send-actions] × 1 Qev = 0.01 IOTX [3P trustwallet/blockatlas TransferFee]' },
      burn: evm('burn', IOTEX_GAS_PRICE_IOTX, 'IOTX', '(1 Qev [3P/DER])'),
      oracle: evm('oracle', IOTEX_GAS_PRICE_IOTX, 'IOTX', '(1 Qev [3P/DER])'),
    },
    capacity: { value: IOTEX_GAS_PER_SECOND / 10_000, source: '[DER] 20,000,000 gas per 5 s block [OFF iotex-core genesis.go @ 007d9a17] / 10,000 gas per transfer = 400 transfers/s' },
    peakTps: null,
    seed: 'IoTeX 2.0: a modular DePIN stack (modular security pool staking IOTX, DePIN infrastructure modules, DePIN dapps and L2s); no fee or throughput figure.',
  },
  peaq: {
    name: 'peaq',
    label: 'peaq',
    native: 'PEAQ',
    nativePriceUsd: { value: PEAQ_PRICE_USD, source: '[UNC] about $0.15 at its Nov 2024 listing; the USD cost does not depend on it' },
    fee: {
      onboard: { value: PEAQ_FEE_USD / PEAQ_PRICE_USD, source: '[DER] $0.00025 [SEED; OFF docs.peaq.network economics: other transaction types on a similar scale] / the PEAQ price' },
      reward: { value: PEAQ_FEE_USD / PEAQ_PRICE_USD, source: '[DER] $0.00025 per transfer [SEED; OFF docs.peaq.network economics] / the PEAQ price' },
      burn: { value: PEAQ_FEE_USD / PEAQ_PRICE_USD, source: '[DER] $0.00025 [SEED; OFF] / the PEAQ price' },
      oracle: { value: PEAQ_FEE_USD / PEAQ_PRICE_USD, source: '[DER] $0.00025 [SEED; OFF] / the PEAQ price' },
    },
    capacity: { value: PEAQ_TPS, source: '[SEED] up to 10,000 TPS' },
    peakTps: { value: PEAQ_TPS, source: '[SEED] up to 10,000 TPS' },
    seed: 'An EVM-compatible L1 for DePIN: parallel block production, asynchronous validation, up to 10,000 TPS at about $0.00025 a transaction; bridged by Wormhole.',
  },
};

/** The catalogue's chain names. */
export type ChainName = keyof typeof chains;
