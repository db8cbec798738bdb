import { FlywheelError, mergeSensitivityShards, sensitivity, sensitivityShard, type SensitivityShard } from '@flywheel/sdk';
import { helium } from '@flywheel/models';
import { describe, expect, it } from 'vitest';

// A sensitivity analysis spread over shards (machines) gives exactly the one-machine result, and
// merging refuses anything that is not all the shards of one job, unaltered.
const spec = helium({ years: 1, runs: 4, agents: 20 });
const job = { params: { 'params.growth': [0.1, 0.7] as const, 'params.elasticity': [0.2, 0.8] as const }, output: 'burnMintRatioOverall', samples: 8, bootstrap: 50 };

function codeOf(f: () => unknown): { code: string; path?: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof FlywheelError) return { code: e.code, path: e.path };
    throw e;
  }
  throw new Error('expected a FlywheelError');
}

describe('sensitivity in shards', () => {
  let shards: SensitivityShard[] = [];

  it('three shards merged give the single-machine Sobol indices bit for bit; the shards survive JSON', async () => {
    shards = [];
    for (let i = 0; i < 3; i++) shards.push(JSON.parse(JSON.stringify(await sensitivityShard(spec, job, i, 3, { threads: 1 }))) as SensitivityShard);
    expect(shards.map((s) => [s.pointStart, s.pointEnd])).toEqual([
      [0, 10],
      [10, 21],
      [21, 32],
    ]); // N·(d + 2) = 32 points
    const merged = mergeSensitivityShards(shards);
    const direct = await sensitivity(spec, job, { threads: 1 });
    expect(JSON.stringify(merged)).toBe(JSON.stringify(direct));
    // order of the shards does not matter
    expect(JSON.stringify(mergeSensitivityShards([shards[2]!, shards[0]!, shards[1]!]))).toBe(JSON.stringify(direct));
  }, 120_000);

  it('Morris in two shards equals Morris on one machine', async () => {
    const morris = { ...job, method: 'morris' as const, samples: 3 };
    const parts = [await sensitivityShard(spec, morris, 0, 2, { threads: 1 }), await sensitivityShard(spec, morris, 1, 2, { threads: 1 })];
    expect(JSON.stringify(mergeSensitivityShards(parts))).toBe(JSON.stringify(await sensitivity(spec, morris, { threads: 1 })));
  }, 120_000);

  it('missing, repeated, foreign, renumbered, truncated or altered shards are refused, naming the shard and the field', () => {
    expect(shards).toHaveLength(3);
    const names = ['a.json', 'b.json', 'c.json'];
    expect(codeOf(() => mergeSensitivityShards(shards.slice(0, 2), names))).toEqual({ code: 'RUN_INVALID_OPTION', path: 'shards' });
    expect(codeOf(() => mergeSensitivityShards([shards[0]!, shards[1]!, shards[1]!], names))).toEqual({ code: 'RUN_INVALID_OPTION', path: 'c.json.index' });
    const foreign = { ...shards[1]!, options: { ...shards[1]!.options, seed: 9 } };
    expect(codeOf(() => mergeSensitivityShards([shards[0]!, foreign, shards[2]!], names)).path).toBe('b.json');
    const renumbered = { ...shards[1]!, index: 2 };
    expect(codeOf(() => mergeSensitivityShards([shards[0]!, renumbered, shards[1]!], names)).path).toBe('b.json.pointStart');
    const truncated = { ...shards[1]!, outputs: shards[1]!.outputs.slice(1) };
    expect(codeOf(() => mergeSensitivityShards([shards[0]!, truncated, shards[2]!], names)).path).toBe('b.json.outputs');
    const altered = { ...shards[1]!, outputs: shards[1]!.outputs.map((v, i) => (i === 3 ? v * 1.0000001 : v)) };
    expect(codeOf(() => mergeSensitivityShards([shards[0]!, altered, shards[2]!], names)).path).toBe('b.json.checksum');
    const nonFinite = { ...shards[1]!, outputs: shards[1]!.outputs.map((v, i) => (i === 0 ? null : v)) } as unknown as SensitivityShard;
    expect(codeOf(() => mergeSensitivityShards([shards[0]!, nonFinite, shards[2]!], names)).path).toBe('b.json.outputs.0');
    expect(codeOf(() => mergeSensitivityShards([{ format: 'flywheel-shard/2' } as unknown as SensitivityShard], names)).path).toBe('a.json.format');
    expect(codeOf(() => mergeSensitivityShards([], names)).path).toBe('shards');
  });

  it('bad shard numbers, an output given as a function and unknown paths fail before any Monte Carlo', async () => {
    await expect(sensitivityShard(spec, job, 3, 3)).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'shard.index' });
    await expect(sensitivityShard(spec, job, 0, 0)).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'shard.count' });
    await expect(sensitivityShard(spec, { ...job, output: (() => 1) as unknown as string }, 0, 2)).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'output' });
    await expect(sensitivityShard(spec, { ...job, params: { 'params.nope': [0, 1] } }, 0, 2)).rejects.toMatchObject({ code: 'SPEC_UNKNOWN_PATH' });
  });
});
