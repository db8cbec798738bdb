/**
 * Node side of `flywheel report`: finds a registered model's source (for its parameters' source
 * tags) and its docs page (for the calibration table), renders the report and writes it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { calibrationTable, paramSources, renderReport, type ReportInput } from './report.js';

/** The directory of the installed @flywheel/models package (it ships its src/). */
function modelsDir(): string | undefined {
  try {
    // the package's exports map has no ./package.json: walk up from its entry point
    for (let dir = dirname(createRequire(import.meta.url).resolve('@flywheel/models')); dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(join(dir, 'package.json')) && (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === '@flywheel/models') return dir;
    }
  } catch {
    // not installed: no sources
  }
  return undefined;
}

/** A registered model's parameter sources and calibration table, where they can be found. */
export function modelDocuments(model: string): Pick<ReportInput, 'sources' | 'calibration' | 'calibrationSource'> {
  const dir = modelsDir();
  if (!dir || !/^[a-z0-9-]+$/.test(model)) return {};
  const out: Pick<ReportInput, 'sources' | 'calibration' | 'calibrationSource'> = {};
  const src = join(dir, 'src', model, 'model.ts');
  if (existsSync(src)) out.sources = paramSources(readFileSync(src, 'utf8'));
  // in this repository the model pages sit in docs/models beside the packages
  const page = join(dir, '..', '..', 'docs', 'models', `${model}.md`);
  if (existsSync(page)) {
    const table = calibrationTable(readFileSync(page, 'utf8'));
    if (table) {
      out.calibration = table;
      out.calibrationSource = `docs/models/${model}.md`;
    }
  }
  return out;
}

/** Renders the report and writes it to `file`. */
export function writeReport(file: string, input: ReportInput): void {
  writeFileSync(file, renderReport(input));
}
