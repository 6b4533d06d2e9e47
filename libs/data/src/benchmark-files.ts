import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readCsvFile } from './csv.ts';
import { DataError } from './errors.ts';
import { buildDataset, type Dataset, type DatasetOptions } from './schema.ts';

/** One dataset of the public benchmark collection (BENCHMARK.md, datasets/manifest.json). */
export interface ManifestEntry {
  name: string;
  /** CSV file name, relative to the manifest's directory. */
  file: string;
  label: string;
  minority: string;
  rows: number;
  minority_rows: number;
  imbalance_ratio: number;
  features: Record<string, 'numeric' | 'categorical'>;
  /** Fold file name, relative to the manifest's directory. */
  folds: string;
  source: string;
  license: string;
  note?: string;
}

const entrySchema = z.object({
  name: z.string().min(1),
  file: z.string().min(1),
  label: z.string().min(1),
  minority: z.string(),
  rows: z.number().int().nonnegative(),
  minority_rows: z.number().int().nonnegative(),
  imbalance_ratio: z.number(),
  features: z.record(z.enum(['numeric', 'categorical'])),
  folds: z.string().min(1),
  source: z.string(),
  license: z.string(),
  note: z.string().optional(),
});

async function readJson(path: string, what: string, code: 'BAD_FOLDS' | 'BAD_PAYLOAD'): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new DataError(
      'FILE_NOT_FOUND',
      `${path}: ${what} not found or unreadable (${(err as NodeJS.ErrnoException).code}). Check the path.`,
      {
        path,
      },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DataError(code, `${path}: ${what} is not valid JSON (${(err as Error).message}). Regenerate the file.`, { path });
  }
}

/**
 * Reads `<dir>/manifest.json`.
 * @throws DataError FILE_NOT_FOUND, or BAD_PAYLOAD naming the entry and field that does not fit the format.
 */
export async function readManifest(dir: string): Promise<ManifestEntry[]> {
  const path = join(dir, 'manifest.json');
  const parsed = z.array(entrySchema).safeParse(await readJson(path, 'dataset manifest', 'BAD_PAYLOAD'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '?';
    throw new DataError('BAD_PAYLOAD', `${path}: entry field ${where}: ${issue?.message ?? 'invalid'}. Fix the manifest entry.`, {
      path,
      field: where,
    });
  }
  return parsed.data;
}

/** Loads a benchmark dataset with the manifest's label, minority value and column kinds. */
export async function loadManifestDataset(dir: string, entry: ManifestEntry): Promise<Dataset> {
  const path = join(dir, entry.file);
  return buildDataset(await readCsvFile(path), { label: entry.label, minority: entry.minority, features: entry.features }, path);
}

/** Reads a CSV file and builds a dataset from it; errors name the path. */
export async function loadDataset(path: string, options: DatasetOptions): Promise<Dataset> {
  return buildDataset(await readCsvFile(path), options, path);
}

/**
 * Reads a fixed fold assignment `{"k": 5, "seed0": [fold id per row], ...}` (BENCHMARK.md) and checks it against
 * the data: one id per data row, each an integer in [0, k), every fold used.
 * @throws DataError FILE_NOT_FOUND or BAD_FOLDS naming the file and key.
 */
export async function readFoldsFile(path: string, nRows: number, key = 'seed0'): Promise<{ k: number; fold: Int32Array }> {
  return checkFolds(await readJson(path, 'fold file', 'BAD_FOLDS'), path, nRows, key);
}

/** Parses fold-file text (as shipped inside a sweep submission) with the checks of {@link readFoldsFile}. */
export function parseFoldsJson(text: string, source: string, nRows: number, key = 'seed0'): { k: number; fold: Int32Array } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DataError('BAD_FOLDS', `${source}: fold file is not valid JSON (${(err as Error).message}). Regenerate the file.`, {
      path: source,
    });
  }
  return checkFolds(doc, source, nRows, key);
}

function checkFolds(doc: unknown, path: string, nRows: number, key: string): { k: number; fold: Int32Array } {
  const fail = (what: string, extra: Record<string, unknown> = {}): never => {
    throw new DataError('BAD_FOLDS', `${path}: key "${key}": ${what}. Regenerate the fold file for this dataset.`, { path, key, ...extra });
  };
  if (doc === null || typeof doc !== 'object') return fail('the file is not a JSON object');
  const obj = doc as Record<string, unknown>;
  const k = obj.k;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 2) return fail(`"k" must be an integer >= 2, got ${JSON.stringify(k)}`);
  const ids = obj[key];
  if (!Array.isArray(ids)) {
    const keys = Object.keys(obj).filter((x) => x !== 'k');
    return fail(`no such fold list (keys are: ${keys.join(', ')})`);
  }
  if (ids.length !== nRows) return fail(`has ${ids.length} fold ids but the data has ${nRows} rows`, { ids: ids.length, rows: nRows });
  const fold = new Int32Array(nRows);
  const used = new Array<boolean>(k).fill(false);
  ids.forEach((id: unknown, i) => {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= k) {
      fail(`entry ${i} (data row ${i + 1}) is ${JSON.stringify(id)}, outside 0..${k - 1}`, { row: i + 1, value: id });
    }
    fold[i] = id as number;
    used[id as number] = true;
  });
  const empty = used.findIndex((u) => !u);
  if (empty >= 0) fail(`fold ${empty} has no rows`, { fold: empty });
  return { k, fold };
}
