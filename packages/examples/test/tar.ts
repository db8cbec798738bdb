// A minimal reader for the tar archives the tests open (npm's package tarballs, the shared
// libraries inside @sparticuz/chromium): regular files only, with ustar name prefixes and pax paths.
import { gunzipSync } from 'node:zlib';

/** The regular files of a tar archive (gzipped when `gzip`), by path. */
export function readTar(archive: Buffer, gzip = false): Map<string, Buffer> {
  const tar = gzip ? gunzipSync(archive) : archive;
  const files = new Map<string, Buffer>();
  let paxPath: string | undefined;
  for (let o = 0; o + 512 <= tar.length; ) {
    const field = (at: number, len: number) =>
      tar
        .subarray(o + at, o + at + len)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const name = field(0, 100);
    if (name === '') break;
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const body = tar.subarray(o + 512, o + 512 + size);
    if (type === 'x') {
      // pax extended header: "<len> path=<path>\n" records for the next entry
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(`\n${body.toString('utf8')}`)?.[1];
    } else {
      const prefix = field(257, 6).startsWith('ustar') ? field(345, 155) : '';
      const path = paxPath ?? (prefix ? `${prefix}/${name}` : name);
      paxPath = undefined;
      if (type === '0' || type === '') files.set(path, Buffer.from(body));
    }
    o += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
