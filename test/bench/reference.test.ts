import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareToReference, parseReference, ReferenceFormatError } from '../../bench/quality/reference.ts';
import type { Table } from '../../bench/quality/aggregate.ts';

const MD = `# Reference

## F1, logistic regression downstream (mean over 5 folds; best in bold)

| dataset | IR | none | smote | gan-maj |
|---|---|---|---|---|
| a | 2.0 | 0.500 | **0.700** | 0.650 |
| b | 9.5 | 0.100 | 0.300 | **0.400** |

## Contamination: contam_knn of synthetic rows

| dataset | real minority | smote | gan-maj |
|---|---|---|---|
| a | 0.400 | 0.200 | 0.050 |
| b | 0.900 | 0.600 | 0.700 |
`;

const summary = (mean: number) => ({ mean, std: 0 });

describe('bench:quality reference figures', () => {
  it('reads both tables, bold cells included, and leaves the IR column out', () => {
    const ref = parseReference(MD, 'REF.md');
    expect(ref.f1).toEqual({ a: { none: 0.5, smote: 0.7, 'gan-maj': 0.65 }, b: { none: 0.1, smote: 0.3, 'gan-maj': 0.4 } });
    expect(ref.contam.b).toEqual({ 'real minority': 0.9, smote: 0.6, 'gan-maj': 0.7 });
  });

  it('counts the datasets where ours reaches the reference and averages the difference', () => {
    const ref = parseReference(MD, 'REF.md');
    const ours: Table = {
      a: { smote: { f1: summary(0.69) }, 'gan-maj': { f1: summary(0.7), contam_knn: summary(0.04) } },
      b: { smote: { f1: summary(0.31) }, 'gan-maj': { f1: summary(0.38), contam_knn: summary(0.75) } },
    };
    const cmp = compareToReference(ours, ref, ['smote', 'gan-maj'], ['a', 'b']);
    expect(cmp.f1.smote).toMatchObject({ reached: 1, of: 2, below: ['a'] });
    expect(cmp.f1.smote!.meanDiff).toBeCloseTo(0, 12);
    expect(cmp.f1['gan-maj']).toMatchObject({ reached: 1, of: 2, below: ['b'] });
    expect(cmp.f1['gan-maj']!.meanDiff).toBeCloseTo((0.05 - 0.02) / 2, 12);
    expect(cmp.contam['gan-maj']).toMatchObject({ atMost: 1, of: 2 });
  });

  it('refuses a file without the F1 section, naming the file', () => {
    expect(() => parseReference('# something else\n', 'X.md')).toThrow(ReferenceFormatError);
    expect(() => parseReference('# something else\n', 'X.md')).toThrow(/X\.md: no section starting "F1"/);
  });

  const shared = resolve(process.env.GANSWEEP_DATASETS ?? join(import.meta.dirname, '../../../shared/datasets'), '..', 'REFERENCE.md');
  it.runIf(existsSync(shared))("reads the suite's own REFERENCE.md: 15 datasets, 12 methods with F1", () => {
    const ref = parseReference(readFileSync(shared, 'utf8'), shared);
    expect(Object.keys(ref.f1)).toHaveLength(15);
    expect(Object.keys(ref.f1.yeast4!)).toHaveLength(12);
    expect(ref.f1.yeast4!['gan-maj']).toBeCloseTo(0.401, 6);
    expect(ref.contam.glass6!['gan-maj']).toBeCloseTo(0.002, 6);
  });
});
