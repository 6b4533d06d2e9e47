import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildDataset,
  decodeMatrix,
  encodeRows,
  fitEncoder,
  isMissing,
  readCsvFile,
  readFoldsFile,
  readManifest,
  type ManifestEntry,
} from '@gansweep/data';
import { datasetsDir } from './datasets-dir.ts';

const entries: ManifestEntry[] = await readManifest(datasetsDir);

describe('benchmark manifest', () => {
  it('lists the 15 public datasets with their fold files', () => {
    expect(entries).toHaveLength(15);
    expect(entries.map((e) => e.name)).toContain('glass6');
    for (const e of entries) expect(e.folds).toBe(`${e.name}.folds.json`);
  });

  it.each(entries.map((e) => [e.name, e] as const))(
    '%s loads with the manifest label, minority and kinds, matching its row and minority counts',
    async (_name, e) => {
      const path = join(datasetsDir, e.file);
      const ds = buildDataset(await readCsvFile(path), { label: e.label, minority: e.minority, features: e.features }, path);
      expect(ds.rows).toHaveLength(e.rows);
      expect(ds.y.reduce((a, b) => a + b, 0)).toBe(e.minority_rows);
      expect(ds.classCounts[e.minority]).toBe(e.minority_rows);
      expect(ds.columns.map((c) => c.name)).toEqual(Object.keys(e.features));
      for (const c of ds.columns) expect(c.kind).toBe(e.features[c.name]);
      const { k, fold } = await readFoldsFile(join(datasetsDir, e.folds), ds.rows.length);
      expect(k).toBe(5);
      expect(fold).toHaveLength(e.rows);

      // Decoding the encoded file gives it back: categories exactly, numbers to the column's decimals.
      const spec = fitEncoder(
        ds,
        ds.rows.map((_, i) => i),
      );
      const back = decodeMatrix(spec, encodeRows(spec, ds.rows));
      let mismatches = 0;
      ds.rows.forEach((r, i) => {
        ds.columns.forEach((c, j) => {
          const orig = r[j]!;
          const got = back[i]![j]!;
          if (isMissing(orig)) return;
          const ok = c.kind === 'categorical' ? got === orig : Math.abs(Number(got) - Number(orig)) <= 0.5 * 10 ** -c.decimals + 1e-12;
          if (!ok) mismatches++;
        });
      });
      expect(mismatches).toBe(0);
    },
  );
});
