import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkFoldable,
  type DataError,
  foldIndices,
  innerSplit,
  readCsvFile,
  readFoldsFile,
  stratifiedHoldout,
  stratifiedKFold,
} from '@gansweep/data';
import { datasetsDir } from './datasets-dir.ts';

/** 1000 rows, every 10th one minority (100 minority rows). */
const y = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 3 ? 1 : 0));
const minorityIn = (idx: number[]) => idx.filter((i) => y[i] === 1).length;
const all = Array.from({ length: y.length }, (_, i) => i);

describe('stratifiedHoldout', () => {
  it('keeps the class ratio on both sides, covers every row once and sorts each side', () => {
    const { train, test } = stratifiedHoldout(y, 0.2, 7);
    expect(test).toHaveLength(200);
    expect(minorityIn(test)).toBe(20);
    expect(minorityIn(train)).toBe(80);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(all);
    expect(test).toEqual([...test].sort((a, b) => a - b));
  });

  it('is reproducible by seed and differs between seeds', () => {
    expect(stratifiedHoldout(y, 0.2, 7)).toEqual(stratifiedHoldout(y, 0.2, 7));
    expect(stratifiedHoldout(y, 0.2, 8).test).not.toEqual(stratifiedHoldout(y, 0.2, 7).test);
  });

  it('puts a minority row on each side even when rounding would leave one side without', () => {
    const tiny = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    const { train, test } = stratifiedHoldout(tiny, 0.1, 1);
    expect(train.filter((i) => tiny[i] === 1)).toHaveLength(1);
    expect(test.filter((i) => tiny[i] === 1)).toHaveLength(1);
  });
});

describe('innerSplit', () => {
  it('splits only the given training rows, stratified, into fit and val', () => {
    const part = all.filter((i) => i % 5 !== 0);
    const { fit, val } = innerSplit(y, part, 0.2, 3);
    expect(val).toHaveLength(160);
    expect(minorityIn(val)).toBe(minorityIn(part) * 0.2);
    expect([...fit, ...val].sort((a, b) => a - b)).toEqual(part);
  });
});

describe('stratifiedKFold', () => {
  it('spreads both classes evenly over disjoint folds that cover the rows', () => {
    const folds = stratifiedKFold(y, all, 5, 11);
    expect(folds.map((f) => f.length)).toEqual([200, 200, 200, 200, 200]);
    expect(folds.map(minorityIn)).toEqual([20, 20, 20, 20, 20]);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(all);
    for (const f of folds) expect(f).toEqual([...f].sort((a, b) => a - b));
  });

  it('keeps fold sizes within one when classes do not divide evenly', () => {
    const odd = Uint8Array.from({ length: 23 }, (_, i) => (i < 7 ? 1 : 0));
    const folds = stratifiedKFold(
      odd,
      Array.from({ length: 23 }, (_, i) => i),
      5,
      2,
    );
    const sizes = folds.map((f) => f.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const mins = folds.map((f) => f.filter((i) => odd[i] === 1).length);
    expect(Math.max(...mins) - Math.min(...mins)).toBeLessThanOrEqual(1);
  });

  it('is reproducible by seed', () => {
    expect(stratifiedKFold(y, all, 5, 11)).toEqual(stratifiedKFold(y, all, 5, 11));
    expect(stratifiedKFold(y, all, 5, 12)).not.toEqual(stratifiedKFold(y, all, 5, 11));
  });

  it('rejects k = 1 with BAD_FOLDS', () => {
    expect(() => stratifiedKFold(y, all, 1, 0)).toThrow(/cannot make 1 folds of 1000 rows/);
  });
});

describe('checkFoldable', () => {
  it('TOO_FEW_MINORITY says how many minority rows there are and what to do', () => {
    const part = all.slice(0, 30); // minority rows 3, 13, 23
    let err: unknown;
    try {
      checkFoldable(y, part, 5, 'glass6 outer fold 2');
    } catch (e) {
      err = e;
    }
    expect((err as DataError).code).toBe('TOO_FEW_MINORITY');
    expect((err as DataError).message).toBe(
      'glass6 outer fold 2 has 3 minority rows in the training part, fewer than validation.folds = 5; lower folds or add data.',
    );
    expect(() => checkFoldable(y, part, 3, 'x')).not.toThrow();
  });

  it('NO_MAJORITY when the part has too few majority rows', () => {
    const part = all.filter((i) => y[i] === 1);
    expect(() => checkFoldable(y, part, 5, 'p')).toThrow(expect.objectContaining({ code: 'NO_MAJORITY' }));
  });
});

const sharedDir = datasetsDir;

describe('readFoldsFile', () => {
  const tmp = mkdtemp(join(tmpdir(), 'folds-'));
  afterAll(async () => rm(await tmp, { recursive: true, force: true }));

  it('reads the glass6 fold file as stratified 5-fold ids, one per data row', async () => {
    const table = await readCsvFile(join(sharedDir, 'glass6.csv'));
    const { k, fold } = await readFoldsFile(join(sharedDir, 'glass6.folds.json'), table.rows.length);
    expect(k).toBe(5);
    expect(fold).toHaveLength(214);
    const yy = table.rows.map((r) => (r[r.length - 1] === 'positive' ? 1 : 0));
    for (let f = 0; f < 5; f++) {
      const { test, train } = foldIndices(fold, f);
      expect(test.length + train.length).toBe(214);
      const min = test.filter((i) => yy[i] === 1).length;
      expect(min === 5 || min === 6).toBe(true); // 29 minority rows over 5 folds
    }
    const seed1 = await readFoldsFile(join(sharedDir, 'glass6.folds.json'), 214, 'seed1');
    expect(Array.from(seed1.fold)).not.toEqual(Array.from(fold));
  });

  it('rejects a wrong length, an id out of range and an unknown key, naming file and key', async () => {
    const path = join(await tmp, 'bad.folds.json');
    await writeFile(path, JSON.stringify({ k: 3, seed0: [0, 1, 2, 0, 1, 2], seed1: [0, 1, 2, 3, 1, 2] }));
    await expect(readFoldsFile(path, 7)).rejects.toThrow(`${path}: key "seed0": has 6 fold ids but the data has 7 rows`);
    await expect(readFoldsFile(path, 6, 'seed1')).rejects.toThrow(`${path}: key "seed1": entry 3 (data row 4) is 3, outside 0..2`);
    await expect(readFoldsFile(path, 6, 'seed9')).rejects.toThrow('no such fold list (keys are: seed0, seed1)');
    await expect(readFoldsFile(path, 6, 'seed1')).rejects.toMatchObject({ code: 'BAD_FOLDS', details: { key: 'seed1' } });
    expect(Array.from((await readFoldsFile(path, 6)).fold)).toEqual([0, 1, 2, 0, 1, 2]);
  });
});
