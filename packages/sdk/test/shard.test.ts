import { mergeShards, run, runShard } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

describe('shard and merge', () => {
  it('merging every shard gives exactly the single-machine result', async () => {
    const spec = w1(11, 40, 120);
    const single = JSON.stringify(await run(spec, { threads: 1 }));
    const shards = await Promise.all([0, 1, 2].map((i) => runShard(spec, i, 3, { threads: i === 1 ? 2 : 1 })));
    expect(shards.map((s) => [s.runStart, s.runEnd])).toEqual([
      [0, 3],
      [3, 7],
      [7, 11],
    ]);
    const roundTrip = JSON.parse(JSON.stringify(shards.reverse()));
    expect(JSON.stringify(await mergeShards(roundTrip))).toBe(single);
  });

  it('missing, duplicated or foreign shards are refused with a coded error', async () => {
    const spec = w1(4, 10, 20);
    const [a, b] = await Promise.all([runShard(spec, 0, 2), runShard(spec, 1, 2)]);
    await expect(mergeShards([a!])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'shards' });
    await expect(mergeShards([a!, a!])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'shards.1.index' });
    const other = await runShard(w1(4, 10, 21), 1, 2);
    await expect(mergeShards([a!, other])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'shards.1' });
    await expect(runShard(spec, 2, 2)).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'shard.index' });
    expect(b!.runEnd).toBe(4);
  });
});

describe('merge refuses shards that would give wrong numbers', () => {
  it('altered, truncated, renumbered, overlapping or miscounted shards are RUN_INVALID_OPTION naming the shard and the field; nothing merges silently', async () => {
    const spec = w1(6, 10, 20);
    const shards = await Promise.all([0, 1, 2].map((i) => runShard(spec, i, 3)));
    const copy = () => JSON.parse(JSON.stringify(shards)) as typeof shards;
    const refused = async (edit: (s: typeof shards) => void, path: string) => {
      const s = copy();
      edit(s);
      await expect(mergeShards(s, { names: ['a.json', 'b.json', 'c.json'] })).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path });
    };
    // half of one shard's values (the v1 merge gave a mean final price of 104.5 instead of 8.13)
    await refused((s) => (s[1]!.values = s[1]!.values.slice(0, Math.floor(s[1]!.values.length / 2 / 4) * 4)), 'b.json.values');
    // one value changed: same length, other bits
    await refused((s) => {
      const bin = atob(s[2]!.values);
      s[2]!.values = btoa(bin.slice(0, 10) + String.fromCharCode(bin.charCodeAt(10) ^ 1) + bin.slice(11));
    }, 'c.json.checksum');
    await refused((s) => (s[0]!.values = '***'), 'a.json.values');
    await refused((s) => (s[1]!.runStart = 0), 'b.json.runStart');
    await refused((s) => (s[2]!.index = 7), 'c.json.index');
    await refused((s) => ((s[0] as { count: unknown }).count = 'three'), 'a.json.count');
    await refused((s) => ((s[0] as { format: string }).format = 'flywheel-shard/1'), 'a.json.format');
    // the untouched shards still merge to the single-machine result
    expect(JSON.stringify(await mergeShards(copy()))).toBe(JSON.stringify(await run(spec, { threads: 1 })));
  });
});
