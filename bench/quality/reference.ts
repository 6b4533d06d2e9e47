/**
 * The suite's reference figures (REFERENCE.md beside the datasets: imbalanced-learn baselines and a PyTorch version of
 * the same GAN variants under the same protocol) read from their Markdown tables, and our results set against them.
 * They are figures to reach or beat, so the report shows, per method, on how many datasets our mean F1 reaches the
 * reference's and whether the difference across datasets is more than noise (Wilcoxon signed-rank).
 */
import type { Table } from './aggregate.ts';
import { mean, wilcoxon, type WilcoxonResult } from './stats.ts';

/** Mean figures per dataset and method, as REFERENCE.md prints them. */
export interface Reference {
  f1: Record<string, Record<string, number>>;
  contam: Record<string, Record<string, number>>;
  /** The file the figures came from (for the report). */
  source: string;
}

export class ReferenceFormatError extends Error {
  readonly code = 'REFERENCE_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceFormatError';
  }
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim().replace(/\*\*/g, ''));

/** The first Markdown table after a heading that starts with `heading`: dataset -> column -> number. */
function tableAfter(md: string, heading: string, source: string): Record<string, Record<string, number>> {
  const lines = md.split('\n');
  const at = lines.findIndex((l) => l.startsWith('#') && l.replace(/^#+\s*/, '').startsWith(heading));
  if (at < 0) throw new ReferenceFormatError(`${source}: no section starting "${heading}"; is this the suite's REFERENCE.md?`);
  const start = lines.findIndex((l, i) => i > at && l.trim().startsWith('|'));
  if (start < 0) throw new ReferenceFormatError(`${source}: the section "${heading}" has no table`);
  const head = cells(lines[start]!);
  if (head[0] !== 'dataset') throw new ReferenceFormatError(`${source}: the table under "${heading}" must start with a "dataset" column`);
  const out: Record<string, Record<string, number>> = {};
  for (let i = start + 2; i < lines.length && lines[i]!.trim().startsWith('|'); i++) {
    const row = cells(lines[i]!);
    const entry: Record<string, number> = {};
    head.forEach((h, j) => {
      const v = Number(row[j]);
      if (j > 0 && h !== 'IR' && row[j] !== '' && Number.isFinite(v)) entry[h] = v;
    });
    out[row[0]!] = entry;
  }
  return out;
}

/** Reads REFERENCE.md's F1 (logistic) and contamination tables. */
export function parseReference(markdown: string, source: string): Reference {
  return {
    f1: tableAfter(markdown, 'F1', source),
    contam: tableAfter(markdown, 'Contamination', source),
    source,
  };
}

export interface ReferenceComparison {
  /** Per method: datasets where our mean F1 >= the reference's, of those both have; mean of ours − reference. */
  f1: Record<string, { reached: number; of: number; meanDiff: number; wilcoxon: WilcoxonResult; below: string[] }>;
  /** Per GAN variant: datasets where our contam_knn <= the reference's. */
  contam: Record<string, { atMost: number; of: number; meanDiff: number }>;
}

/** Our mean figures against the reference's, method by method, over the datasets both have. */
export function compareToReference(ours: Table, ref: Reference, methods: string[], datasets: string[]): ReferenceComparison {
  const f1: ReferenceComparison['f1'] = {};
  for (const m of methods) {
    const pairs = datasets
      .map((d) => ({ d, a: ours[d]?.[m]?.f1?.mean, b: ref.f1[d]?.[m] }))
      .filter((p): p is { d: string; a: number; b: number } => p.a !== undefined && p.b !== undefined);
    if (pairs.length === 0) continue;
    f1[m] = {
      reached: pairs.filter((p) => p.a >= p.b - 5e-4).length,
      of: pairs.length,
      meanDiff: mean(pairs.map((p) => p.a - p.b)),
      wilcoxon: wilcoxon(
        pairs.map((p) => p.a),
        pairs.map((p) => p.b),
      ),
      below: pairs.filter((p) => p.a < p.b - 5e-4).map((p) => p.d),
    };
  }
  const contam: ReferenceComparison['contam'] = {};
  for (const m of methods) {
    const pairs = datasets
      .map((d) => ({ a: ours[d]?.[m]?.contam_knn?.mean, b: ref.contam[d]?.[m] }))
      .filter((p): p is { a: number; b: number } => p.a !== undefined && p.b !== undefined);
    if (pairs.length === 0) continue;
    contam[m] = { atMost: pairs.filter((p) => p.a <= p.b + 5e-4).length, of: pairs.length, meanDiff: mean(pairs.map((p) => p.a - p.b)) };
  }
  return { f1, contam };
}

const f3 = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(3));
const signed = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;

/** The report section: per-dataset tables (ours / reference) and a per-method summary. */
export function referenceSection(ours: Table, ref: Reference, methods: string[], datasets: string[], refName: string): string[] {
  const cmp = compareToReference(ours, ref, methods, datasets);
  const ms = methods.filter((m) => cmp.f1[m]);
  if (ms.length === 0) return [];
  const out = [
    `## Against the reference figures (${refName}: imbalanced-learn and a PyTorch version of the same GAN variants, same protocol and folds)`,
    '',
    'Mean F1 ours / reference. The reference is one run of a different implementation with its own random draws, so per-dataset differences of a few hundredths are within the fold-to-fold spread; the summary below says whether the differences lean one way across datasets.',
    '',
    `| dataset | ${ms.join(' | ')} |`,
    `|---|${ms.map(() => '---').join('|')}|`,
  ];
  for (const d of datasets) {
    const row = ms.map((m) => {
      const a = ours[d]?.[m]?.f1?.mean;
      const b = ref.f1[d]?.[m];
      return a === undefined || b === undefined ? '–' : `${f3(a)} / ${f3(b)}`;
    });
    out.push(`| ${d} | ${row.join(' | ')} |`);
  }
  out.push(
    '',
    '| method | datasets reached (ours ≥ reference) | mean F1 difference | Wilcoxon p (two-sided) | below the reference on |',
    '|---|---|---|---|---|',
  );
  for (const m of ms) {
    const c = cmp.f1[m]!;
    out.push(`| ${m} | ${c.reached} of ${c.of} | ${signed(c.meanDiff)} | ${c.wilcoxon.p.toFixed(3)} | ${c.below.join(', ') || '–'} |`);
  }
  const cm = Object.entries(cmp.contam);
  if (cm.length) {
    out.push(
      '',
      `contam_knn against the reference's (lower = fewer majority-looking rows): ${cm
        .map(([m, c]) => `${m} at or below it on ${c.atMost} of ${c.of} (mean ${signed(c.meanDiff)})`)
        .join('; ')}.`,
    );
  }
  out.push('');
  return out;
}
