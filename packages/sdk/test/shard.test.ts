import { mergeShards, run, runShard } from '@flywheel/sdk';
import { describe, expect, it } from 'vitest';
import { w1 } from './fixtures.js';

describe('shard and merge', () => {
  it('merging every shard gives exactly the single-machine result', async () => {
    const spec = w1(11, 40, 120);
    const single = JSON.stringify(await run(spec, { threads: 1 }));
    const shards = await Promise.all([0, 1, 2].map((i) => runShard(spec, i, 3, { threads: i === 1 ? 2 : 1 })));
    expect(shards.map((s) => [s.runStart, s.runEnd])).toEqual([[0, 3], [3, 7], [7, 11]]);
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
