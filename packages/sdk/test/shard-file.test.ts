// Shard files (flywheel-shard/3): written block by block as runs are computed, merged block by
// block; the merge equals the single-machine result bit for bit, with exact or streaming statistics.
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '@flywheel/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeShardFiles, writeShardFile } from '@flywheel/sdk/shard-files';
import { w1 } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'flywheel-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('shard files', () => {
  const spec = w1(400, 20, 60); // 400 runs: shards of 133 runs, blocks of 64
  const files = [0, 1, 2].map((i) => join(dir, `w1-shard-${i}-of-3.fwshard`));

  it('written on 1 and 2 threads, merged: the same bits as one machine, exact and streaming', async () => {
    const headers = [];
    for (const [i, f] of files.entries()) headers.push(await writeShardFile(f, spec, i, 3, { threads: i === 1 ? 2 : 1 }));
    expect(headers.map((h) => [h.runStart, h.runEnd])).toEqual([
      [0, 133],
      [133, 266],
      [266, 400],
    ]);
    const [exact, streaming] = await Promise.all([run(spec, { statistics: 'exact', threads: 1 }), run(spec, { statistics: 'streaming', threads: 1 })]);
    expect(JSON.stringify(await mergeShardFiles([...files].reverse()))).toBe(JSON.stringify(exact));
    const s = await mergeShardFiles(files, { statistics: 'streaming' });
    expect(JSON.stringify(s)).toBe(JSON.stringify(streaming));
    expect(s.percentileBound).toBeGreaterThan(0);
    // the reference engine writes the same file bytes as the wasm engine's (the engine is part of the job key)
    const ref = join(dir, 'ref.fwshard');
    await writeShardFile(ref, spec, 0, 3, { engine: 'reference', threads: 1 });
    const a = readFileSync(ref);
    const b = readFileSync(files[0]!);
    expect(a.subarray(a.indexOf(10, 17) + 1).equals(b.subarray(b.indexOf(10, 17) + 1))).toBe(true);
  });

  it('altered, truncated, missing, duplicated or foreign files are RUN_INVALID_OPTION naming the file and field', async () => {
    const copy = (name: string, edit: (buf: Buffer) => Buffer) => {
      const f = join(dir, name);
      writeFileSync(f, edit(readFileSync(files[1]!)));
      return f;
    };
    const flipped = copy('flipped.fwshard', (buf) => {
      buf[buf.length - 200] ^= 1; // a value byte
      return buf;
    });
    await expect(mergeShardFiles([files[0]!, flipped, files[2]!])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: `${flipped}.checksum` });
    const short = copy('short.fwshard', (buf) => buf);
    truncateSync(short, statSync(short).size - 100);
    await expect(mergeShardFiles([files[0]!, short, files[2]!])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: `${short}.values` });
    await expect(mergeShardFiles([files[0]!, files[2]!])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: 'shards', message: expect.stringContaining('missing shard(s) 1 of 3') });
    await expect(mergeShardFiles([files[0]!, files[1]!, files[1]!, files[2]!])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: `${files[1]}.index` });
    const other = join(dir, 'other.fwshard');
    await writeShardFile(other, w1(400, 20, 61), 1, 3, { threads: 1 });
    await expect(mergeShardFiles([files[0]!, other, files[2]!])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: other });
    const junk = copy('junk.fwshard', () => Buffer.from('{"format":"flywheel-shard/2"}'));
    await expect(mergeShardFiles([junk])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION', path: `${junk}.format` });
    await expect(mergeShardFiles([join(dir, 'nope.fwshard')])).rejects.toMatchObject({ code: 'RUN_INVALID_OPTION' });
  });
});
