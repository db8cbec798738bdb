// The tables the docs show as a command's output are what the code prints now: every `flywheel run …`
// output block of README.md and docs/** (tools/doc-outputs.mjs finds them and `--write` refreshes
// them), run through the built CLI and compared line by line.
import { expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the repository's tools, without type declarations
import { docOutputs, lines } from '../../../tools/doc-outputs.mjs';

interface Shown {
  file: string;
  line: number;
  args: string[];
  shown: string;
  printed: string;
}

it('every shown `flywheel run` output is what the command prints (refresh: node tools/doc-outputs.mjs --write)', () => {
  const outputs = docOutputs() as Shown[];
  // the model pages' sample outputs and getting-started's: at least these must be found
  for (const page of [
    'docs/getting-started.md',
    'docs/models/helium.md',
    'docs/models/filecoin.md',
    'docs/models/livepeer.md',
    'docs/models/bittensor.md',
    'docs/models/arweave.md',
    'docs/models/render.md',
    'docs/models/hivemapper.md',
  ]) {
    expect(
      outputs.map((o) => o.file),
      page,
    ).toContain(page);
  }
  for (const o of outputs) expect(lines(o.printed), `${o.file}:${o.line} flywheel ${o.args.join(' ')}`).toEqual(lines(o.shown));
}, 300_000);
