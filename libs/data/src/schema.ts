import { rowRef, type RawTable } from './csv.ts';
import { DataError, describeCounts } from './errors.ts';
import { compareLevels, decimalsOf, isMissing, parseNumber } from './values.ts';

/** How a feature column is treated: z-scored number or one-hot category. */
export type ColumnKind = 'numeric' | 'categorical';

/** What the loader learned about one feature column (over all rows of the file). */
export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** Every non-missing value is a whole number (numeric columns only). */
  integer: boolean;
  /** The most decimals any value was written with, used to format decoded values like the original. */
  decimals: number;
  /** Sorted distinct non-missing values (categorical columns only). */
  levels?: string[];
}

/** A labelled table ready for splitting and encoding; the label column is held apart as `y`. */
export interface Dataset {
  /** Where the data came from (file path), used in messages. */
  source: string;
  label: string;
  minority: string;
  /** Feature columns in file order, label and dropped columns excluded. */
  columns: ColumnInfo[];
  /** Feature cells, one array per data row, aligned with `columns`. */
  rows: string[][];
  /** 1 where the label equals `minority`, else 0. */
  y: Uint8Array;
  /** Rows per label value. */
  classCounts: Record<string, number>;
}

/** How to turn a CSV table into a {@link Dataset}. */
export interface DatasetOptions {
  /** The class column. */
  label: string;
  /** The label value of the rare class B; every other value is class A. */
  minority: string;
  /** Kind overrides per column; unlisted columns are inferred. */
  features?: Record<string, ColumnKind>;
  /** Columns to ignore (ids, leaks). */
  drop?: string[];
  /**
   * Categorical columns with more distinct values than this are rejected (they are usually ids or free text).
   * @default 1000
   */
  maxLevels?: number;
}

function checkNames(names: string[], header: string[], field: string, source: string, label: string): void {
  for (const name of names) {
    if (name === label) {
      throw new DataError('BAD_COLUMN', `${source}: ${field} names the label column "${label}". Remove it from ${field}.`, {
        source,
        column: name,
      });
    }
    if (!header.includes(name)) {
      throw new DataError(
        'BAD_COLUMN',
        `${source}: ${field} names column "${name}", which is not in the file; columns are: ${header.join(', ')}. Fix the name in ${field}.`,
        { source, column: name },
      );
    }
  }
}

function inferColumn(table: RawTable, j: number, declared: ColumnKind | undefined, maxLevels: number, source: string): ColumnInfo {
  const name = table.header[j]!;
  let numeric = declared !== 'categorical';
  let integer = true;
  let decimals = 0;
  let present = 0;
  for (let i = 0; i < table.rows.length && numeric; i++) {
    const cell = table.rows[i]![j]!;
    if (isMissing(cell)) continue;
    present++;
    const v = parseNumber(cell);
    if (v === undefined) {
      if (declared === 'numeric') {
        throw new DataError(
          'BAD_COLUMN',
          `${source}: column "${name}" is declared numeric but ${rowRef(table, i)} holds "${cell}". ` +
            `Fix the cell, or declare the column categorical in dataset.features.`,
          { source, column: name, row: i + 1, line: table.lines?.[i], value: cell },
        );
      }
      numeric = false;
      break;
    }
    if (!Number.isInteger(v)) integer = false;
    decimals = Math.max(decimals, decimalsOf(cell));
  }
  // An all-missing column has nothing to z-score; as a level-less categorical it encodes to width 0.
  if (numeric && (present > 0 || declared === 'numeric')) return { name, kind: 'numeric', integer, decimals };
  const levels = new Set<string>();
  for (const r of table.rows) {
    const cell = r[j]!;
    if (!isMissing(cell)) levels.add(cell);
  }
  if (levels.size > maxLevels) {
    throw new DataError(
      'TOO_MANY_LEVELS',
      `${source}: categorical column "${name}" has ${levels.size} distinct values, more than the cap of ${maxLevels}. ` +
        `It is probably an id or free text: drop it with dataset.drop, or raise dataset.maxLevels.`,
      { source, column: name, levels: levels.size, maxLevels },
    );
  }
  return { name, kind: 'categorical', integer: false, decimals: 0, levels: [...levels].sort(compareLevels) };
}

/**
 * Validates the label and minority value, infers each feature column's kind (numeric when every non-missing cell
 * is a finite number, else categorical; `options.features` overrides) and splits off the label as `y`.
 * @throws DataError EMPTY, MISSING_LABEL, MINORITY_ABSENT, NO_MAJORITY, TOO_MANY_LEVELS or BAD_COLUMN.
 */
export function buildDataset(table: RawTable, options: DatasetOptions, source: string): Dataset {
  const { label, minority } = options;
  const maxLevels = options.maxLevels ?? 1000;
  const labelIdx = table.header.indexOf(label);
  if (labelIdx < 0) {
    throw new DataError(
      'MISSING_LABEL',
      `${source}: label column "${label}" not found; columns are: ${table.header.join(', ')}. Set dataset.label to one of them.`,
      { source, label, columns: table.header },
    );
  }
  if (table.rows.length === 0) {
    throw new DataError('EMPTY', `${source}: the file has a header but no data rows. Add data rows below the header.`, { source });
  }
  const features = options.features ?? {};
  const drop = options.drop ?? [];
  checkNames(Object.keys(features), table.header, 'dataset.features', source, label);
  checkNames(drop, table.header, 'dataset.drop', source, label);
  for (const [name, kind] of Object.entries(features)) {
    if (kind !== 'numeric' && kind !== 'categorical') {
      throw new DataError(
        'BAD_COLUMN',
        `${source}: dataset.features gives column "${name}" the kind "${String(kind)}". Use "numeric" or "categorical".`,
        { source, column: name, kind },
      );
    }
  }
  const featureIdx = table.header.map((_, j) => j).filter((j) => j !== labelIdx && !drop.includes(table.header[j]!));
  if (featureIdx.length === 0) {
    throw new DataError('EMPTY', `${source}: no feature columns are left besides the label "${label}". Add columns or drop fewer.`, {
      source,
    });
  }

  const classCounts: Record<string, number> = {};
  const y = new Uint8Array(table.rows.length);
  table.rows.forEach((r, i) => {
    const v = r[labelIdx]!;
    if (isMissing(v)) {
      throw new DataError(
        'MISSING_LABEL',
        `${source}: ${rowRef(table, i)} has no value in label column "${label}" ("${v}"). Fill in the class or remove the row.`,
        { source, label, row: i + 1, line: table.lines?.[i] },
      );
    }
    classCounts[v] = (classCounts[v] ?? 0) + 1;
    if (v === minority) y[i] = 1;
  });
  if (classCounts[minority] === undefined) {
    throw new DataError(
      'MINORITY_ABSENT',
      `${source}: minority value "${minority}" never occurs in column "${label}" (values: ${describeCounts(classCounts)}). ` +
        `Set dataset.minority to one of them.`,
      { source, label, minority, classCounts },
    );
  }
  if (classCounts[minority] === table.rows.length) {
    throw new DataError(
      'NO_MAJORITY',
      `${source}: every row of column "${label}" is the minority value "${minority}", so there is no majority class. ` +
        `Check dataset.label and dataset.minority.`,
      { source, label, minority, classCounts },
    );
  }

  const columns = featureIdx.map((j) => inferColumn(table, j, features[table.header[j]!], maxLevels, source));
  const rows = table.rows.map((r) => featureIdx.map((j) => r[j]!));
  return { source, label, minority, columns, rows, y, classCounts };
}
