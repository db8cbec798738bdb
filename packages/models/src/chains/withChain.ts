import { ErrorCodes, fail, PERIOD_DAYS, type ModelSpec } from '@flywheel/spec';
import { chains, type ChainName, type ChainOperation } from './catalogue.js';

/** Options of {@link withChain}; each default is documented (and tagged) in docs/models/chains.md. */
export interface WithChainOptions {
  /** The block's id (default `chain`); its outputs are `<id>.costUsd`, `<id>.ops`, ... */
  id?: string;
  /** USD per native token (default: the catalogue's price on 2024-10-01). */
  nativePrice?: number;
  /** Yearly volatility of the native token's price (default 0: a constant price). With σ > 0 the price follows a GBM in a signal `<id>_nativePrice` (one normal draw per step). */
  nativeVolatility?: number;
  /** Fees per operation in the native token, replacing the catalogue's. */
  fees?: Partial<Record<ChainOperation, number>>;
  /** Throughput the utilisation is measured against, operations per second (default: the catalogue's). */
  capacity?: number;
  /** Providers that receive rewards each step, a formula (default: the sum of every population's `<id>.active`; 0 without a population). */
  providers?: string;
  /** Reward distributions (claims) per provider per day (default 1: one per daily epoch [ASSUMPTION; Helium's Solana reward epoch is 24 h, OFF HIP-77]). */
  claimsPerProviderPerDay?: number;
  /** USD burned per step, a formula (default: the sum of every creditBurn's `<id>.usd`; 0 without one). */
  burnsUsd?: string;
  /** USD settled by one burn transaction (default $10 [ASSUMPTION: a batch of credit purchases per transaction]). */
  usdPerBurn?: number;
  /** Oracle updates per day (default 24: an hourly price or reward-manifest update [ASSUMPTION]). */
  oracleUpdatesPerDay?: number;
}

type Block = ModelSpec['blocks'][number];

/** Days in one step of the spec's clock. */
function daysOf(spec: ModelSpec): number {
  const s = spec.time.step;
  return typeof s === 'string' ? PERIOD_DAYS[s] : s.seconds / 86_400;
}

/**
 * Adds the cost of running the model's on-chain side on a chain of the catalogue: a `chainCost`
 * block appended after the model's blocks, counting each step
 *
 * - **onboard**: devices onboarded (one NFT, compressed on Solana, per device): the growth of each
 *   population's active providers above the most it has had (a device that leaves and returns
 *   keeps its NFT), read from a signal `<id>_peak` (`<id>_peak_<k>` with several populations);
 * - **reward**: reward distributions: providers (every population's active) × claims per
 *   provider per day × days per step;
 * - **burn**: credit-burn transactions: the USD burned in the step / USD per burn;
 * - **oracle**: oracle updates per day × days per step;
 *
 * at the chain's fee in its native token and the native price, against the chain's throughput.
 * It moves no tokens, so the model's own results do not change (unless `nativeVolatility` adds a
 * draw per step, which shifts the random stream of the steps after).
 *
 * @throws FlywheelError `MODEL_UNKNOWN` for a chain not in the catalogue, `SPEC_INCONSISTENT` if the block id is taken
 * @example
 * ```ts
 * import { helium, withChain } from '@flywheel/models';
 * const result = await run(withChain(helium(), 'solana'), { metrics: ['chain.costUsd', 'chain.utilisation'] });
 * ```
 */
export function withChain(spec: ModelSpec, chain: ChainName | string, options: WithChainOptions = {}): ModelSpec {
  const info = Object.hasOwn(chains, chain) ? chains[chain as ChainName] : undefined;
  if (!info) fail(ErrorCodes.MODEL_UNKNOWN, 'chain', chain, `unknown chain "${chain}"`, `Known chains: ${Object.keys(chains).join(', ')}.`);
  const id = options.id ?? 'chain';
  if (spec.blocks.some((b) => b.id === id)) fail(ErrorCodes.SPEC_INCONSISTENT, 'chain', id, `the spec already has a block "${id}"`, 'Give the chain block another id (options.id).');
  const days = daysOf(spec);
  const blocks: Block[] = [...spec.blocks];
  const signals = { ...(spec.signals ?? {}) };

  const pops = spec.blocks.filter((b): b is Extract<Block, { kind: 'population' }> => b.kind === 'population');
  const providers = options.providers ?? (pops.length > 0 ? pops.map((p) => `${p.id}.active`).join(' + ') : '0');
  const burnsUsd =
    options.burnsUsd ??
    (spec.blocks
      .filter((b) => b.kind === 'creditBurn')
      .map((b) => `${b.id}.usd`)
      .join(' + ') ||
      '0');
  const fee = (op: ChainOperation) => options.fees?.[op] ?? info.fee[op].value;

  // one peak per population: a device is onboarded once, when its population first exceeds its peak
  const peaks = pops.map((p, k) => {
    const name = pops.length === 1 ? `${id}_peak` : `${id}_peak_${k}`;
    // the real providers active at the start: round(initialActive × count) agents of population / count each
    const active0 = (Math.round((p.initialActive ?? 1) * p.count) * (p.population ?? p.count)) / p.count;
    signals[name] = { initial: active0, lag: true, description: `the most active providers ${p.id} has had (devices already onboarded)` };
    return { name, pop: p.id };
  });
  const onboard = peaks.length > 0 ? peaks.map((q) => `max(0, ${q.pop}.active - ${q.name})`).join(' + ') : '0';

  let nativePrice: number | string = options.nativePrice ?? info.nativePriceUsd.value;
  const sigma = options.nativeVolatility ?? 0;
  if (sigma > 0) {
    const name = `${id}_nativePrice`;
    const v = (sigma * sigma * days) / 365;
    signals[name] = { initial: nativePrice as number, lag: true, unit: `USD/${info.native}`, description: `${info.native} price, GBM with σ = ${sigma}/yr` };
    blocks.push({ id: `${id}_price`, kind: 'signal', set: name, formula: `${name} * exp(${Math.sqrt(v)} * normal() - ${v / 2})` } as Block);
    nativePrice = name;
  }

  blocks.push({
    id,
    kind: 'chainCost',
    chain: info.name,
    description: `${info.label}: fees in ${info.native} × the ${info.native} price; capacity ${info.capacity.source}`,
    operations: [
      { name: 'onboard', count: onboard, fee: fee('onboard'), description: 'devices onboarded (an NFT each)' },
      { name: 'reward', count: `(${providers}) * ${(options.claimsPerProviderPerDay ?? 1) * days}`, fee: fee('reward'), description: 'reward distributions' },
      { name: 'burn', count: `(${burnsUsd}) / ${options.usdPerBurn ?? 10}`, fee: fee('burn'), description: 'credit-burn transactions' },
      { name: 'oracle', count: (options.oracleUpdatesPerDay ?? 24) * days, fee: fee('oracle'), description: 'oracle updates' },
    ],
    nativePrice,
    capacity: options.capacity ?? info.capacity.value,
  } as Block);
  peaks.forEach((q, k) => blocks.push({ id: `${id}_onboarded${peaks.length === 1 ? '' : `_${k}`}`, kind: 'signal', set: q.name, formula: `max(${q.name}, ${q.pop}.active)` } as Block));
  return { ...spec, signals, blocks };
}
