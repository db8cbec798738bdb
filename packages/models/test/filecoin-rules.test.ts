import { createHash } from 'node:crypto';
import { ErrorCodes, FlywheelError } from '@flywheel/spec';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_EXPONENT,
  BASELINE_INITIAL_VALUE,
  BASELINE_TOTAL,
  DEFAULT_ALPHA,
  DEFAULT_BETA,
  EPOCHS_IN_DAY,
  EPOCHS_IN_YEAR,
  EPOCH_DURATION_SECONDS,
  EXPECTED_LEADERS_PER_EPOCH,
  EXPNEG_DENO_COEF,
  EXPNEG_NUM_COEF,
  EXP_LAM_SUB_ONE,
  INITIAL_REWARD_POSITION_ESTIMATE,
  INITIAL_REWARD_VELOCITY_ESTIMATE,
  INIT_BASELINE_POWER,
  LAMBDA,
  NETWORK_EPOCHS_IN_YEAR,
  PRECISION,
  RewardState,
  SIMPLE_TOTAL,
  SOURCE,
  baselinePowerFromPrev,
  blockReward,
  computeBaselineSupply,
  computeRTheta,
  computeReward,
  divFloor,
  estimate,
  expneg,
  extrapolate,
  filterEstimate,
  nextEstimate,
  polyVal,
} from '../src/filecoin/rules.js';

Decimal.set({ precision: 80 });

// Everything below is checked against filecoin-project/builtin-actors at this commit.
const COMMIT = 'b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a';
const Q = 1n << 128n;
const ATTO = 10n ** 18n;
const DQ = new Decimal(2).pow(128);
const LN2 = new Decimal(2).ln();
const dec = (x: bigint) => new Decimal(x.toString());
const q128ToF64 = (x: bigint) => dec(x).div(DQ).toNumber();

/** Expects `f` to throw a FlywheelError RULE_INVALID_ARGUMENT whose path is `path`. */
function expectBadArg(f: () => unknown, path: string, ...expected: [value?: unknown]): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `expected a FlywheelError at ${path}`).toBeInstanceOf(FlywheelError);
  const fe = err as FlywheelError;
  expect(fe.code).toBe(ErrorCodes.RULE_INVALID_ARGUMENT);
  expect(fe.path).toBe(path);
  if (expected.length > 0) expect(fe.value).toBe(expected[0]);
  expect(fe.hint.length).toBeGreaterThan(0);
}

describe('source', () => {
  it('names the commit the port was read from', () => {
    expect(SOURCE).toEqual({ repo: 'filecoin-project/builtin-actors', commit: COMMIT });
  });
});

// Constants: literal values of actors/reward/src/logic.rs, actors/reward/src/expneg.rs,
// runtime/src/builtin/reward/math.rs, runtime/src/builtin/network.rs @ b0a3bdd6, re-derived here
// from their definitions with 80-digit decimals (not from the port's own code).
describe('constants', () => {
  it('PRECISION and the epoch constants', () => {
    expect(PRECISION).toBe(128n);
    expect(EPOCH_DURATION_SECONDS).toBe(30n);
    expect(EPOCHS_IN_DAY).toBe(2_880n);
    expect(EPOCHS_IN_YEAR).toBe(1_051_200n); // 365 days, logic.rs test module
    expect(NETWORK_EPOCHS_IN_YEAR).toBe(1_051_897n); // 31,556,925 s / 30 s, network.rs
    expect(EXPECTED_LEADERS_PER_EPOCH).toBe(5n);
  });

  it('totals: 330M and 770M FIL in attoFIL', () => {
    expect(SIMPLE_TOTAL).toBe(330_000_000_000_000_000_000_000_000n);
    expect(BASELINE_TOTAL).toBe(770_000_000_000_000_000_000_000_000n);
  });

  it('LAMBDA = floor(ln 2 / (6 × 365 days of epochs) × 2^128)', () => {
    const lam = LN2.div(6 * 1_051_200);
    expect(LAMBDA).toBe(37396271439864487274534522888786n);
    expect(LAMBDA.toString()).toBe(lam.mul(DQ).floor().toFixed(0));
  });

  it('EXP_LAM_SUB_ONE = floor((e^λ − 1) × 2^128)', () => {
    const lam = LN2.div(6 * 1_051_200);
    expect(EXP_LAM_SUB_ONE).toBe(37396273494747879394193016954629n);
    expect(EXP_LAM_SUB_ONE.toString()).toBe(lam.exp().minus(1).mul(DQ).floor().toFixed(0));
  });

  it('BASELINE_EXPONENT = floor(e^(ln 2 / 1,051,200) × 2^128), the Wolfram formula in logic.rs', () => {
    expect(BASELINE_EXPONENT).toBe(340282591298641078465964189926313473653n);
    expect(BASELINE_EXPONENT.toString()).toBe(LN2.div(1_051_200).exp().mul(DQ).floor().toFixed(0));
  });

  it('BASELINE_INITIAL_VALUE and INIT_BASELINE_POWER', () => {
    expect(BASELINE_INITIAL_VALUE).toBe(2_888_888_880_000_000_000n);
    // BIV / e^(ln2/1,051,200), floored twice as in the Rust: within 1 byte of the real quotient.
    const real = dec(BASELINE_INITIAL_VALUE).div(dec(BASELINE_EXPONENT).div(DQ));
    expect(dec(INIT_BASELINE_POWER).minus(real).abs().toNumber()).toBeLessThan(1);
    expect(INIT_BASELINE_POWER).toBe(2888886975106048385n);
  });

  it('expneg coefficients: 1.0 constant terms, as in expneg.rs', () => {
    expect(EXPNEG_NUM_COEF).toHaveLength(8);
    expect(EXPNEG_DENO_COEF).toHaveLength(14);
    expect(EXPNEG_NUM_COEF[7]).toBe(Q);
    expect(EXPNEG_DENO_COEF[13]).toBe(Q);
    // verbatim from actors/reward/src/expneg.rs (EXP_NUM_COEF, EXP_DENO_COEF)
    expect(EXPNEG_NUM_COEF.map(String)).toEqual([
      '-648770010757830093818553637600',
      '67469480939593786226847644286976',
      '-3197587544499098424029388939001856',
      '89244641121992890118377641805348864',
      '-1579656163641440567800982336819953664',
      '17685496037279256458459817590917169152',
      '-115682590513835356866803355398940131328',
      '340282366920938463463374607431768211456',
    ]);
    expect(EXPNEG_DENO_COEF.map(String)).toEqual([
      '1225524182432722209606361',
      '114095592300906098243859450',
      '5665570424063336070530214243',
      '194450132448609991765137938448',
      '5068267641632683791026134915072',
      '104716890604972796896895427629056',
      '1748338658439454459487681798864896',
      '23704654329841312470660182937960448',
      '259380097567996910282699886670381056',
      '2250336698853390384720606936038375424',
      '14978272436876548034486263159246028800',
      '72144088983913131323343765784380833792',
      '224599776407103106596571252037123047424',
      '340282366920938463463374607431768211456',
    ]);
    expect(Object.isFrozen(EXPNEG_NUM_COEF)).toBe(true);
  });
});

// Protocol vectors: actors/reward/src/logic.rs, `mod tests`, fn test_compute_r_theta
// (filecoin-project/builtin-actors @ b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a).
describe('computeRTheta: logic.rs test_compute_r_theta', () => {
  const baselinePowerAt = (epoch: bigint) => (epoch + 1n) * 2048n;

  it('θ = 0.5', () => {
    const t = computeRTheta(1n, baselinePowerAt(1n), BigInt(2048 + (2 * 2048) / 2), BigInt(2048 + 2 * 2048));
    expect(q128ToF64(t)).toBe(0.5);
    expect(t).toBe(1n << 127n);
  });

  it('θ = 0.25', () => {
    const t = computeRTheta(1n, baselinePowerAt(1n), BigInt(2048 + (2 * 2048) / 4), BigInt(2048 + 2 * 2048));
    expect(q128ToF64(t)).toBe(0.25);
    expect(t).toBe(1n << 126n);
  });

  it('θ = 15.25', () => {
    let cumsum15 = 0n;
    for (let e = 0n; e < 16n; e++) cumsum15 += baselinePowerAt(e);
    const t = computeRTheta(16n, baselinePowerAt(16n), cumsum15 + baselinePowerAt(16n) / 4n, cumsum15 + baselinePowerAt(16n));
    expect(q128ToF64(t)).toBe(15.25);
    expect(t).toBe(61n << 126n);
  });

  it('θ = 0 at effective network time 0, whatever the other arguments (even a zero baseline)', () => {
    expect(computeRTheta(0n, 0n, 5n, 7n)).toBe(0n);
  });

  it('realized above baseline (never in the state): floor division as Rust div_floor, not truncation', () => {
    // diff = floor(−2^128 / 3) = −(2^128 − 1)/3 − 1, since 2^128 ≡ 1 (mod 3)
    const k = (Q - 1n) / 3n;
    expect(computeRTheta(1n, 3n, 1n, 0n)).toBe(Q + k + 1n);
  });
});

/** The string the Rust test builds for TestSimpleReward.golden. */
function simpleRewardGolden(): string {
  let b = 'x, y\n';
  for (let i = 0n; i < 512n; i++) {
    const x = i * 5000n;
    b += `${x},${computeReward(x, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL)}\n`;
  }
  return b;
}

/** The string the Rust test builds for TestBaselineReward.golden. */
function baselineRewardGolden(): string {
  const step = (5000n << 128n) - 77_777_777_777n;
  const delta = (1n << 128n) - 33_333_333_333n;
  let prevTheta = 0n;
  let theta = delta;
  let b = 't0, t1, y\n';
  const simple = computeReward(0n, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL);
  for (let i = 0; i < 512; i++) {
    const reward = computeReward(0n, prevTheta, theta, SIMPLE_TOTAL, BASELINE_TOTAL) - simple;
    b += `${prevTheta},${theta},${reward}\n`;
    prevTheta += step;
    theta += step;
  }
  return b;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** Rows 0, 1, 64, 128, …, 448, 511 (0-based, after the header) of a golden file. */
const sampled = (csv: string) => {
  const rows = csv.split('\n').slice(1, -1);
  return [0, 1, 64, 128, 192, 256, 320, 384, 448, 511].map((i) => rows[i]);
};

// Protocol vectors: actors/reward/testdata/TestSimpleReward.golden (git blob
// 6117a31421c625239636f15a3495686967aec90c), produced by fn test_simple_reward in
// actors/reward/src/logic.rs, filecoin-project/builtin-actors @ b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a
// (originally specs-actors actors/builtin/reward/testdata). The Rust test asserts the whole file
// byte for byte; so does this one, by its SHA-256 (513 lines: header + 512 rows), and shows sampled rows.
describe('computeReward: TestSimpleReward.golden', () => {
  const csv = simpleRewardGolden();

  it('matches the golden file byte for byte (SHA-256 of the whole file)', () => {
    expect(csv.split('\n')).toHaveLength(514); // 513 lines + the empty string after the final newline
    expect(sha256(csv)).toBe('568fdda6f6ef2f565acde750ba6e746e2b0389bb956e19fa64c8adeead692af3');
  });

  it('sampled rows, verbatim from the golden file', () => {
    expect(csv.startsWith('x, y\n')).toBe(true);
    expect(sampled(csv)).toEqual([
      '0,36266264293777134739',
      '5000,36246341860983438171',
      '320000,35013043594631228977',
      '640000,33803129316793162272',
      '960000,32635024959185534441',
      '1280000,31507285733973624502',
      '1600000,30418516779557343177',
      '1920000,29367371435315216335',
      '2240000,28352549575966489946',
      '2555000,27387841182142501307',
    ]);
  });
});

// Protocol vectors: actors/reward/testdata/TestBaselineReward.golden (git blob
// 1a114ad84c332ecaacde12b32cef7020a52a2644), produced by fn test_baseline_reward in
// actors/reward/src/logic.rs, filecoin-project/builtin-actors @ b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a.
describe('computeReward: TestBaselineReward.golden', () => {
  const csv = baselineRewardGolden();

  it('matches the golden file byte for byte (SHA-256 of the whole file)', () => {
    expect(csv.split('\n')).toHaveLength(514);
    expect(sha256(csv)).toBe('a434654af3f6287f68e231e8a7b40dd6aa1c69a99cdce9214f1705fb21e23979');
  });

  it('sampled rows, verbatim from the golden file', () => {
    expect(csv.startsWith('t0, t1, y\n')).toBe(true);
    expect(sampled(csv)).toEqual([
      '0,340282366920938463463374607398434878123,84621274052457285111',
      '1701411834604692317316873037158763279502223,1701752116971613255780336411766161714380346,84574788381047331439',
      '108890357414700308308279874378160849888142272,108890697697067229246743337752768248323020395,81697092742477845094',
      '217780714829400616616559748756321699776284544,217781055111767537555023212130929098211162667,78873959737778379402',
      '326671072244100924924839623134482549664426816,326671412526467845863303086509089948099304939,76148383202895365878',
      '435561429658801233233119497512643399552569088,435561769941168154171582960887250797987447211,73516991966584939767',
      '544451787073501541541399371890804249440711360,544452127355868462479862835265411647875589483,70976531352137907800',
      '653342144488201849849679246268965099328853632,653342484770568770788142709643572497763731755,68523859151782818637',
      '762232501902902158157959120647125949216995904,762232842185269079096422584021733347651874027,66155941740197968197',
      '869421447482997774148922121988128035825635953,869421787765364695087385585362735434260514076,63904955735320338264',
    ]);
  });
});

// Protocol vectors: actors/reward/src/logic.rs, `mod tests`, fn test_baseline_reward_growth
// (filecoin-project/builtin-actors @ b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a): after one 365-day
// year of baselinePowerFromPrev, power has doubled within err_bound. The Rust asserts the signed
// (expected − end)/expected < bound; this also asserts it is ≥ 0 (floor rounding only loses).
describe('baselinePowerFromPrev: logic.rs test_baseline_reward_growth', () => {
  const cases: [string, bigint, number][] = [
    ['1 byte', 1n, 1.0],
    ['GiB', 1n << 30n, 1e-3],
    ['TiB', 1n << 40n, 1e-6],
    ['PiB', 1n << 50n, 1e-8],
    ['EiB (BASELINE_INITIAL_VALUE)', BASELINE_INITIAL_VALUE, 1e-8],
    ['ZiB', 1n << 70n, 1e-8],
    ['non power of 2 ~ 1 EiB', 513_633_559_722_596_517n, 1e-8],
  ];
  for (const [name, start, bound] of cases) {
    it(`${name}: doubles in 1,051,200 epochs within ${bound}`, () => {
      let b = start;
      for (let i = 0; i < 1_051_200; i++) b = baselinePowerFromPrev(b);
      const expected = start * 2n;
      const perr = dec(expected - b)
        .div(dec(expected))
        .toNumber();
      expect(perr).toBeLessThan(bound);
      expect(perr).toBeGreaterThanOrEqual(0);
    });
  }

  it('derived: BASELINE_INITIAL_VALUE doubles to within 1.4e-13 (Q.128 floor each epoch)', () => {
    let b = BASELINE_INITIAL_VALUE;
    for (let i = 0; i < Number(EPOCHS_IN_YEAR); i++) b = baselinePowerFromPrev(b);
    const perr = dec(2n * BASELINE_INITIAL_VALUE - b)
      .div(dec(2n * BASELINE_INITIAL_VALUE))
      .toNumber();
    // each floor loses < 1 byte (~3.5e-19 relative at 2.9e18 bytes); 1,051,200 of them < 3.7e-13
    expect(perr).toBeGreaterThan(0);
    expect(perr).toBeLessThan(1.4e-13);
  });

  it('one step from INIT_BASELINE_POWER gives BASELINE_INITIAL_VALUE − 1 (reward_actor_test construct_with_zero_power)', () => {
    expect(baselinePowerFromPrev(INIT_BASELINE_POWER)).toBe(BASELINE_INITIAL_VALUE - 1n);
    expect(baselinePowerFromPrev(0n)).toBe(0n);
  });
});

// Protocol vectors: actors/reward/tests/reward_actor_test.rs (construction_tests,
// pays_reward_and_tracks_penalty, test_successive_kpi_updates) and the invariants of
// actors/reward/src/testing.rs, filecoin-project/builtin-actors @ b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a.
describe('RewardState: reward_actor_test.rs', () => {
  const EPOCH_ZERO_REWARD = 36_266_264_293_777_134_739n; // lazy_static in reward_actor_test.rs

  it('construct_with_zero_power', () => {
    const st = new RewardState(0n);
    expect(st.epoch).toBe(0n);
    expect(st.cumsumRealized).toBe(0n);
    expect(st.thisEpochReward).toBe(EPOCH_ZERO_REWARD);
    expect(st.thisEpochBaselinePower).toBe(BASELINE_INITIAL_VALUE - 1n);
    expect(st.effectiveBaselinePower).toBe(BASELINE_INITIAL_VALUE);
  });

  it('construct_with_less_power_than_baseline', () => {
    const power = 1n << 39n;
    const st = new RewardState(power);
    expect(st.epoch).toBe(0n);
    expect(st.cumsumRealized).toBe(power);
    expect(st.thisEpochReward).not.toBe(0n);
  });

  it('construct_with_more_power_than_baseline: 1× and 2× the baseline pay the same', () => {
    const a = new RewardState(BASELINE_INITIAL_VALUE);
    const b = new RewardState(BASELINE_INITIAL_VALUE * 2n);
    expect(b.thisEpochReward).toBe(a.thisEpochReward);
    expect(a.thisEpochReward).toBeGreaterThan(EPOCH_ZERO_REWARD); // baseline minting on top
  });

  it('pays_reward_and_tracks_penalty: one win pays EPOCH_ZERO_REWARD.div_floor(5)', () => {
    expect(blockReward(new RewardState(0n).thisEpochReward, 1n)).toBe(7_253_252_858_755_426_947n);
    expect(blockReward(EPOCH_ZERO_REWARD, 5n)).toBe(EPOCH_ZERO_REWARD);
    expect(blockReward(5000n, 1n)).toBe(1000n); // total_mined_tracks_correctly: this_epoch_reward 5000 pays 1000 a win
  });

  it('test_successive_kpi_updates, with the testing.rs invariants after each update', () => {
    const power = 1n << 50n;
    const st = new RewardState(power);
    for (const e of [1n, 2n, 3n]) {
      const prior = e; // the actor runs at epoch e; the state then holds the reward for e + 1
      st.updateNetworkKpi(e, power);
      expect(st.epoch).toBe(prior + 1n);
      expect(st.effectiveNetworkTime).toBeLessThanOrEqual(st.epoch);
      expect(st.cumsumRealized).toBeLessThanOrEqual(st.cumsumBaseline);
      expect(st.cumsumRealized).toBeGreaterThanOrEqual(0n);
    }
  });
});

// Protocol vectors: runtime/src/builtin/reward/smooth/alpha_beta_filter.rs, `mod tests`, fns
// rounding and rounding_issue (filecoin-project/builtin-actors @ b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a).
describe('alpha-beta filter and divFloor: alpha_beta_filter.rs tests', () => {
  it('rounding: div_floor rounds toward −∞', () => {
    expect(divFloor(-100n, 3n)).toBe(-34n);
    expect(divFloor(200n, 3n)).toBe(66n);
    // and the other sign combinations (JS / truncates: -100n / 3n === -33n)
    expect(divFloor(100n, -3n)).toBe(-34n);
    expect(divFloor(-100n, -3n)).toBe(33n);
    expect(divFloor(-99n, 3n)).toBe(-33n);
    expect(divFloor(0n, -3n)).toBe(0n);
  });

  it('rounding_issue: next_estimate from a given estimate, observation and delta 3', () => {
    const fe = {
      position: 12340768897043811082913117521041414330876498465539749838848n,
      velocity: -37396269384748225153347462373739139597454335279104n,
    };
    const next = nextEstimate(fe, 36266252337034982540n, 3n, DEFAULT_ALPHA, DEFAULT_BETA);
    expect(next.position.toString()).toBe('12340768782449774548722755900999027209659079673176744001536');
    expect(next.velocity.toString()).toBe('-37396515542149801792802995707072472930787668612438');
    expect(nextEstimate(fe, 36266252337034982540n, 3n)).toEqual(next); // defaults are DEFAULT_ALPHA/BETA
  });

  it('FilterEstimate::new / estimate / extrapolate', () => {
    const fe = filterEstimate(5n, -2n);
    expect(fe).toEqual({ position: 5n << 128n, velocity: -2n << 128n });
    expect(estimate(fe)).toBe(5n);
    expect(extrapolate(fe, 3n) >> 256n).toBe(-1n);
  });

  it('the state starts from the initial reward estimate', () => {
    const st = new RewardState(0n);
    expect(st.thisEpochRewardSmoothed).toEqual(filterEstimate(INITIAL_REWARD_POSITION_ESTIMATE, INITIAL_REWARD_VELOCITY_ESTIMATE));
    st.updateNetworkKpi(0n, 0n);
    expect(st.epoch).toBe(1n);
    // the estimate moved toward the observed epoch-1 reward
    expect(estimate(st.thisEpochRewardSmoothed)).not.toBe(INITIAL_REWARD_POSITION_ESTIMATE);
  });
});

// Q.128 helpers: runtime/src/builtin/reward/math.rs (poly_val) and actors/reward/src/expneg.rs
// (expneg and its accuracy comment) @ b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a. There is no
// protocol test of these in isolation; checked here against 80-digit decimals.
describe('polyVal and expneg', () => {
  it('polyVal: Horner with a floor shift (num-bigint >> rounds toward −∞ on negatives)', () => {
    expect(polyVal([Q, 0n], 3n << 128n)).toBe(3n << 128n); // p(x) = x
    expect(polyVal([Q, Q, Q], 2n << 128n)).toBe(7n << 128n); // x² + x + 1 at 2
    // (1 × −1) >> 128 = −1 in num-bigint and JS; truncating toward 0 would give 0
    expect(polyVal([1n, 0n], -1n)).toBe(-1n);
    expect(polyVal([], 5n)).toBe(0n);
  });

  it('expneg(0) = 1 exactly', () => {
    expect(expneg(0n)).toBe(Q);
  });

  it('expneg far outside its range (x = 20): negative numerator, floor division as Rust div_floor', () => {
    const x = 20n << 128n;
    const num = polyVal(EXPNEG_NUM_COEF, x);
    const deno = polyVal(EXPNEG_DENO_COEF, x);
    expect(num < 0n && deno > 0n).toBe(true);
    expect((num << 128n) % deno).not.toBe(0n);
    expect(expneg(x)).toBe(divFloor(num << 128n, deno));
    expect(expneg(x)).toBe((num << 128n) / deno - 1n); // one below JS truncation
  });

  // The Rust comment claims |error| < 3.4e−30 on [0, 1.725) and < 4.6e−15 on [0, 5). Measured
  // against 80-digit decimals on a 0.0001 grid, the maximum is 3.528e−30 (near x = 1.1629) and
  // 4.906e−15 (near x → 5): the comment is slightly optimistic; the bounds here are what holds.
  const errorAt = (x: Decimal) => {
    const xq = BigInt(x.mul(DQ).floor().toFixed(0));
    return dec(expneg(xq)).div(DQ).minus(dec(xq).div(DQ).neg().exp()).abs().toNumber();
  };
  it('accuracy on [0, 1.725): < 3.6e−30', () => {
    let max = 0;
    for (let i = 0; i < 1725; i += 7) max = Math.max(max, errorAt(new Decimal(i).div(1000)));
    max = Math.max(max, errorAt(new Decimal('1.1629')));
    expect(max).toBeLessThan(3.6e-30);
    expect(max).toBeGreaterThan(3.4e-30); // the peak at 1.1629 exceeds the comment's bound
  });
  it('accuracy on [0, 5): < 5e−15', () => {
    let max = 0;
    for (let i = 0; i < 5000; i += 37) max = Math.max(max, errorAt(new Decimal(i).div(1000)));
    max = Math.max(max, errorAt(new Decimal('4.9999999')));
    expect(max).toBeLessThan(5e-15);
  });
});

describe('computeBaselineSupply', () => {
  it('is Q.128 attoFIL: half of the baseline total at θ = 6 years (λθ = ln 2)', () => {
    const supply = computeBaselineSupply((6n * EPOCHS_IN_YEAR) << 128n, BASELINE_TOTAL) >> 128n;
    const half = BASELINE_TOTAL / 2n;
    // error of λ (floored, ≤ 2^-128 relative to ~1e-7) and of expneg (< 3.6e-30) times 770M FIL
    expect(
      dec(supply - half)
        .abs()
        .toNumber(),
    ).toBeLessThan(1e-2);
    expect(computeBaselineSupply(0n, BASELINE_TOTAL)).toBe(0n);
  });
});

describe('derived checks', () => {
  it('first-epoch simple reward: 36.266264293777134739 FIL at epoch 0; state.rs INITIAL_REWARD_POSITION_ESTIMATE (36.266260308195979333 FIL) is exactly the epoch-1 reward', () => {
    expect(computeReward(0n, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL)).toBe(36_266_264_293_777_134_739n);
    expect(INITIAL_REWARD_POSITION_ESTIMATE).toBe(36_266_260_308_195_979_333n);
    expect(computeReward(1n, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL)).toBe(INITIAL_REWARD_POSITION_ESTIMATE);
    // and both are S × (e^λ − 1) × e^(−λ·epoch) to the atto
    const lam = LN2.div(6 * 1_051_200);
    for (const e of [0, 1]) {
      const real = dec(SIMPLE_TOTAL).mul(lam.exp().minus(1)).mul(lam.mul(e).neg().exp());
      const got = dec(computeReward(BigInt(e), 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL));
      expect(real.minus(got).toNumber()).toBeGreaterThanOrEqual(0);
      expect(real.minus(got).toNumber()).toBeLessThan(1);
    }
  });

  it('INITIAL_REWARD_VELOCITY_ESTIMATE is (e^−λ − 1) × 1 FIL, truncated, not the epoch 0→1 change of the reward', () => {
    const lam = LN2.div(6 * 1_051_200);
    expect(INITIAL_REWARD_VELOCITY_ESTIMATE.toString()).toBe(lam.neg().exp().minus(1).mul(1e18).trunc().toFixed(0));
    const change = computeReward(1n, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL) - computeReward(0n, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL);
    expect(change).toBe(-3_985_581_155_406n); // ≈ −3.99e−6 FIL, 36.27× the estimate
    const real = dec(SIMPLE_TOTAL).mul(lam.exp().minus(1)).mul(lam.neg().exp().minus(1)); // S(e^λ − 1)(e^−λ − 1)
    expect(real.minus(dec(change)).abs().toNumber()).toBeLessThan(2);
  });

  // The simple reward of epoch e is S·(e^λ − 1)·e^(−λe) = S·(e^(−λ(e−1)) − e^(−λe)): the minting of
  // (e − 1, e]. Summed over epochs 1..N (N = 6 years) it telescopes to S·(1 − e^(−λN)) = S/2 =
  // 165,000,000 FIL. Each epoch floors (loses < 1 atto); λ, e^λ − 1 and expneg are accurate to far
  // below 1 atto an epoch, so the sum lies in (165M FIL − N atto, 165M FIL]. Measured: 165M FIL −
  // 3,151,333 atto (3.2e−12 FIL; N/2 = 3,153,600, the mean loss of a floor).
  // This is the slowest test here (6.3M expneg evaluations, ~40 s).
  it('cumulative simple minting over the first 6 years = 165,000,000 FIL to within N attoFIL', { timeout: 300_000 }, () => {
    const N = 6n * EPOCHS_IN_YEAR;
    let sum = 0n;
    for (let e = 1n; e <= N; e++) sum += computeReward(e, 0n, 0n, SIMPLE_TOTAL, BASELINE_TOTAL);
    const target = 165_000_000n * ATTO;
    expect(sum).toBeLessThanOrEqual(target);
    expect(target - sum).toBeLessThan(N);
    expect(target - sum).toBe(3_151_333n);
  });

  it('stepper at zero power pays exactly the simple reward of each epoch', () => {
    const st = new RewardState(0n);
    for (let e = 0n; e < 3000n; e++) {
      st.updateNetworkKpi(e, 0n);
      expect(st.effectiveNetworkTime).toBe(0n);
      if (e % 500n === 0n) {
        const lam = LN2.div(6 * 1_051_200);
        const real = dec(SIMPLE_TOTAL)
          .mul(lam.exp().minus(1))
          .mul(lam.mul(dec(st.epoch)).neg().exp());
        const diff = real.minus(dec(st.thisEpochReward)).toNumber();
        expect(diff).toBeGreaterThanOrEqual(0);
        expect(diff).toBeLessThan(1);
      }
    }
  });

  // Closed form a simulator can use for daily aggregation: with realized power ≥ baseline every
  // epoch, cumsumRealized(e) = Σ_{i=0..e} B(i) = CumsumBaseline(e) + B(0), so θ(e) ≈ e + 2^(−(e+1)/Y)
  // (Y = 1,051,200) and the baseline minting of epochs 1..N is BT·(e^(−λθ(0)) − e^(−λθ(N))).
  it('stepper at full power: 10 days of rewards match the closed form (simple + baseline) to 1e−12 relative', () => {
    const power = 1n << 80n; // far above the baseline: capped
    const st = new RewardState(power);
    const days = 10;
    const N = BigInt(days) * EPOCHS_IN_DAY;
    let sum = 0n;
    for (let e = 0n; e < N; e++) {
      st.updateNetworkKpi(e, power);
      sum += st.thisEpochReward; // reward of epoch e + 1
      expect(st.effectiveNetworkTime).toBe(st.epoch + 1n);
    }
    expect(st.epoch).toBe(N);
    const lam = LN2.div(6 * 1_051_200);
    const Y = new Decimal(1_051_200);
    const theta = (e: number) => new Decimal(e).plus(new Decimal(2).pow(new Decimal(-(e + 1)).div(Y)));
    const simple = dec(SIMPLE_TOTAL).mul(new Decimal(1).minus(lam.mul(dec(N)).neg().exp()));
    const baseline = dec(BASELINE_TOTAL).mul(
      lam
        .mul(theta(0))
        .neg()
        .exp()
        .minus(
          lam
            .mul(theta(Number(N)))
            .neg()
            .exp(),
        ),
    );
    const rel = dec(sum).minus(simple.plus(baseline)).abs().div(simple.plus(baseline)).toNumber();
    expect(rel).toBeLessThan(1e-12);
    // θ itself tracks the closed form
    expect(Math.abs(q128ToF64(st.rewardTheta()) - theta(Number(N)).toNumber())).toBeLessThan(1e-9);
  });

  it('clone() branches the state', () => {
    const a = new RewardState(1n << 50n);
    const b = a.clone();
    b.updateNetworkKpi(0n, 1n << 50n);
    expect(a.epoch).toBe(0n);
    expect(b.epoch).toBe(1n);
    expect(b).toBeInstanceOf(RewardState);
    expect(a.thisEpochRewardSmoothed).toEqual(filterEstimate(INITIAL_REWARD_POSITION_ESTIMATE, INITIAL_REWARD_VELOCITY_ESTIMATE));
  });
});

describe('argument checking: FlywheelError RULE_INVALID_ARGUMENT with the argument name as path', () => {
  const S = SIMPLE_TOTAL;
  const B = BASELINE_TOTAL;
  const n = (v: unknown) => v as bigint; // smuggle a wrong type past TypeScript

  it('expneg and polyVal', () => {
    expectBadArg(() => expneg(n(1)), 'x', 1);
    expectBadArg(() => expneg(-1n), 'x', -1n);
    expectBadArg(() => polyVal(n('12') as unknown as bigint[], 1n), 'poly', '12');
    expectBadArg(() => polyVal([1n, n(2)], 1n), 'poly[1]', 2);
    expectBadArg(() => polyVal([1n], n(1.5)), 'x', 1.5);
  });

  it('computeRTheta', () => {
    expectBadArg(() => computeRTheta(n(1), 1n, 1n, 1n), 'effectiveNetworkTime', 1);
    expectBadArg(() => computeRTheta(-1n, 1n, 1n, 1n), 'effectiveNetworkTime', -1n);
    expectBadArg(() => computeRTheta(1n << 63n, 1n, 1n, 1n), 'effectiveNetworkTime', 1n << 63n);
    expectBadArg(() => computeRTheta(1n, -1n, 1n, 1n), 'baselinePowerAtEffectiveNetworkTime', -1n);
    expectBadArg(() => computeRTheta(1n, 0n, 1n, 1n), 'baselinePowerAtEffectiveNetworkTime', 0n);
    expectBadArg(() => computeRTheta(1n, 1n, -1n, 1n), 'cumsumRealized', -1n);
    expectBadArg(() => computeRTheta(1n, 1n, 1n, n(null)), 'cumsumBaseline', null);
  });

  it('computeReward: epochs are bigint only', () => {
    expectBadArg(() => computeReward(n(0), 0n, 0n, S, B), 'epoch', 0);
    expectBadArg(() => computeReward(-1n, 0n, 0n, S, B), 'epoch', -1n);
    expectBadArg(() => computeReward(0n, -1n, 0n, S, B), 'prevTheta', -1n);
    expectBadArg(() => computeReward(0n, 0n, n(undefined), S, B), 'currTheta', undefined);
    expectBadArg(() => computeReward(0n, 0n, 0n, n(330e24), B), 'simpleTotal', 330e24);
    expectBadArg(() => computeReward(0n, 0n, 0n, S, -B), 'baselineTotal', -B);
  });

  it('computeBaselineSupply and baselinePowerFromPrev', () => {
    expectBadArg(() => computeBaselineSupply(-1n, B), 'theta', -1n);
    expectBadArg(() => computeBaselineSupply(0n, n('770')), 'baselineTotal', '770');
    expectBadArg(() => baselinePowerFromPrev(n(2.9e18)), 'prevEpochBaselinePower', 2.9e18);
    expectBadArg(() => baselinePowerFromPrev(-1n), 'prevEpochBaselinePower', -1n);
  });

  it('divFloor, blockReward and the filter', () => {
    expectBadArg(() => divFloor(1n, 0n), 'b', 0n);
    expectBadArg(() => divFloor(n(1), 2n), 'a', 1);
    expectBadArg(() => blockReward(1n, 0n), 'winCount', 0n);
    expectBadArg(() => blockReward(-1n, 1n), 'thisEpochReward', -1n);
    const fe = filterEstimate(1n, 0n);
    expectBadArg(() => nextEstimate(fe, 1n, 0n), 'epochDelta', 0n);
    expectBadArg(() => nextEstimate(fe, -1n, 1n), 'obs', -1n);
    expectBadArg(() => nextEstimate({ position: n(1), velocity: 0n }, 1n, 1n), 'prev.position', 1);
    expectBadArg(() => filterEstimate(n(1), 0n), 'position', 1);
    expectBadArg(() => estimate({ position: n(1), velocity: 0n }), 'est.position', 1);
    expectBadArg(() => extrapolate(fe, n(1)), 'delta', 1);
  });

  it('RewardState: bad arguments leave the state unchanged', () => {
    expectBadArg(() => new RewardState(-1n), 'currRealizedPower', -1n);
    const st = new RewardState(0n);
    expectBadArg(() => st.updateToNextEpoch(n(5)), 'currRealizedPower', 5);
    expectBadArg(() => st.updateToNextEpochWithReward(-5n), 'currRealizedPower', -5n);
    expectBadArg(() => st.updateSmoothedEstimates(0n), 'delta', 0n);
    st.updateNetworkKpi(0n, 0n); // epoch 1
    expectBadArg(() => st.updateNetworkKpi(0n, 0n), 'currEpoch', 0n); // behind the state
    expectBadArg(() => st.updateNetworkKpi(5n, -1n), 'currRealizedPower', -1n);
    expect(st.epoch).toBe(1n);
  });

  it('the error message names the argument and the problem', () => {
    expect(() => computeReward(n(0), 0n, 0n, S, B)).toThrow(/epoch.*must be a bigint/);
  });
});
