/**
 * Turns fold records into the results shape of docs/benchmarks/quality.json and the figures the report states:
 * per-cell mean ± std over the 5 outer folds, the validation-selected GAN variant, wins over smote, mean ranks,
 * Friedman and Wilcoxon tests, and the gap to imbalanced-learn.
 */
import { friedman, mean, std, wilcoxon, type FriedmanResult, type WilcoxonResult } from './stats.ts';
import type { FoldRecord } from './types.ts';

export const K = 5;
export const METRICS = [
  'f1',
  'precision',
  'recall',
  'pr_auc',
  'roc_auc',
  'gmean',
  'balanced_accuracy',
  'contam_knn',
  'contam_knn_real',
] as const;
export const GAP_LIMIT = 0.03;
/** The composite column: per fold, the GAN variant whose selected checkpoint scored best on inner validation. */
export const GAN_BEST = 'gan-best (val)';

export interface Summary {
  mean: number;
  std: number;
  /** Folds behind the figure, present only when fewer than 5 defined it (e.g. a filter kept no synthetic row). */
  n?: number;
}
/** dataset → method → metric → mean/std over the 5 folds (only cells with every fold present). */
export type Table = Record<string, Record<string, Record<string, Summary>>>;

/** GAN-family methods: the oversamplers and `ssgan-disc` (the ssgan run's K+1 discriminator scored as a classifier). */
export const isGan = (m: string): boolean => m.startsWith('gan-') || m.startsWith('cgan-') || m.startsWith('ssgan');
/** GAN methods that oversample (candidates of the validation-selected best GAN); `ssgan-disc` creates no rows. */
export const isGanOversampler = (m: string): boolean => isGan(m) && m !== 'ssgan-disc';

function cellsOf(records: FoldRecord[]): Map<string, FoldRecord[]> {
  const cells = new Map<string, FoldRecord[]>();
  for (const r of records) {
    if (r.error) continue;
    const key = `${r.dataset}|${r.method}`;
    const list = cells.get(key) ?? [];
    if (!list.some((x) => x.fold === r.fold)) list.push(r);
    cells.set(key, list);
  }
  return cells;
}

/** Mean ± std (n − 1) of every metric that all 5 folds report. */
export function aggregate(records: FoldRecord[]): Table {
  const out: Table = {};
  for (const [key, list] of cellsOf(records)) {
    if (list.length < K) continue;
    const [d, m] = key.split('|') as [string, string];
    const cell: Record<string, Summary> = {};
    for (const name of METRICS) {
      const vs = list.map((r) => r.metrics[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      // contamination is undefined on a fold without synthetic rows (a filter can reject them all): keep the rest
      if (vs.length === K) cell[name] = { mean: mean(vs), std: std(vs) };
      else if (name === 'contam_knn' && vs.length > 0) cell[name] = { mean: mean(vs), std: std(vs), n: vs.length };
    }
    (out[d] ??= {})[m] = cell;
  }
  return out;
}

export interface Selected {
  f1: Summary;
  pr_auc: Summary;
  contam_knn?: Summary;
  /** The variant chosen on each outer fold. */
  chosen: string[];
}

/**
 * The honest "best GAN": on each outer fold, the variant whose selected checkpoint had the highest inner-validation
 * F1 (never the test score). Needs every requested GAN variant on every fold of the dataset.
 */
export function selectByValidation(records: FoldRecord[], ganMethods: string[], datasets: string[]): Record<string, Selected> {
  const out: Record<string, Selected> = {};
  if (ganMethods.length === 0) return out;
  const ok = records.filter((r) => !r.error && r.side === 'ours' && ganMethods.includes(r.method));
  for (const d of datasets) {
    const picks: FoldRecord[] = [];
    for (let f = 0; f < K; f++) {
      const cand = ganMethods.map((m) => ok.find((r) => r.dataset === d && r.method === m && r.fold === f));
      if (cand.some((c) => !c)) break;
      let best = cand[0]!;
      for (const c of cand) if ((c!.metrics.inner_val_score ?? -1) > (best.metrics.inner_val_score ?? -1)) best = c!;
      picks.push(best);
    }
    if (picks.length < K) continue;
    const s = (name: string): Summary | undefined => {
      const vs = picks.map((p) => p.metrics[name]).filter((v): v is number => typeof v === 'number');
      return vs.length === K ? { mean: mean(vs), std: std(vs) } : undefined;
    };
    out[d] = {
      f1: s('f1')!,
      pr_auc: s('pr_auc')!,
      ...(s('contam_knn') ? { contam_knn: s('contam_knn') } : {}),
      chosen: picks.map((p) => p.method),
    };
  }
  return out;
}

export interface Comparisons {
  /** Datasets on which every requested method (ours) has all 5 folds. */
  complete: string[];
  /** For each GAN variant (and the validation-selected one): datasets where its mean F1 > smote's, of how many. */
  beatsSmote: Record<string, { wins: number; of: number; datasets: string[] }>;
  meanRanks: Record<string, number>;
  friedman?: FriedmanResult;
  /** Baselines only, over every dataset they completed (shown when GAN cells cover fewer datasets). */
  baselineRanks?: { datasets: number; meanRanks: Record<string, number>; friedman?: FriedmanResult };
  wilcoxon: Record<string, WilcoxonResult & { of: number }>;
  /** gan-maj contam_knn below gan-min's, per dataset. */
  majBelowMin?: { wins: number; of: number; losses: string[] };
  gaps: { dataset: string; method: string; ours: number; imblearn: number; gap: number; flagged: boolean }[];
}

function ranksOver(table: Table, datasets: string[], methods: string[]): { meanRanks: Record<string, number>; friedman?: FriedmanResult } {
  if (datasets.length < 2 || methods.length < 2) return { meanRanks: {} };
  const fr = friedman(datasets.map((d) => methods.map((m) => table[d]![m]!.f1!.mean)));
  return { meanRanks: Object.fromEntries(methods.map((m, j) => [m, fr.meanRanks[j]!])), friedman: fr };
}

export function compare(ours: Table, peer: Table, selected: Record<string, Selected>, methods: string[], datasets: string[]): Comparisons {
  const has = (d: string, m: string): boolean => ours[d]?.[m]?.f1 !== undefined;
  const complete = datasets.filter((d) => methods.every((m) => has(d, m)));
  const ganMethods = methods.filter(isGan);
  const beatsSmote: Comparisons['beatsSmote'] = {};
  const wil: Comparisons['wilcoxon'] = {};
  const f1Of = (d: string, m: string): number | undefined => (m === GAN_BEST ? selected[d]?.f1.mean : ours[d]?.[m]?.f1?.mean);
  for (const g of [...ganMethods, ...(Object.keys(selected).length ? [GAN_BEST] : [])]) {
    const ds = datasets.filter((d) => f1Of(d, g) !== undefined && has(d, 'smote'));
    if (ds.length === 0) continue;
    const wins = ds.filter((d) => f1Of(d, g)! > f1Of(d, 'smote')!);
    beatsSmote[g] = { wins: wins.length, of: ds.length, datasets: wins };
    wil[g] = {
      ...wilcoxon(
        ds.map((d) => f1Of(d, g)!),
        ds.map((d) => f1Of(d, 'smote')!),
      ),
      of: ds.length,
    };
  }
  const { meanRanks, friedman: fr } = ranksOver(ours, complete, methods);
  const baseMethods = methods.filter((m) => !isGan(m));
  const baseDatasets = datasets.filter((d) => baseMethods.every((m) => has(d, m)));
  const baselineRanks =
    ganMethods.length > 0 && baseDatasets.length > complete.length
      ? { datasets: baseDatasets.length, ...ranksOver(ours, baseDatasets, baseMethods) }
      : undefined;
  let majBelowMin: Comparisons['majBelowMin'];
  const cm = (d: string, m: string): number | undefined => ours[d]?.[m]?.contam_knn?.mean;
  const both = datasets.filter((d) => cm(d, 'gan-maj') !== undefined && cm(d, 'gan-min') !== undefined);
  if (both.length > 0) {
    majBelowMin = {
      wins: both.filter((d) => cm(d, 'gan-maj')! < cm(d, 'gan-min')!).length,
      of: both.length,
      losses: both.filter((d) => !(cm(d, 'gan-maj')! < cm(d, 'gan-min')!)),
    };
  }
  const gaps: Comparisons['gaps'] = [];
  for (const d of datasets) {
    for (const m of Object.keys(peer[d] ?? {})) {
      const o = ours[d]?.[m]?.f1?.mean;
      const p = peer[d]?.[m]?.f1?.mean;
      if (o === undefined || p === undefined) continue;
      gaps.push({ dataset: d, method: m, ours: o, imblearn: p, gap: o - p, flagged: Math.abs(o - p) > GAP_LIMIT });
    }
  }
  return {
    complete,
    beatsSmote,
    meanRanks,
    ...(fr ? { friedman: fr } : {}),
    ...(baselineRanks ? { baselineRanks } : {}),
    wilcoxon: wil,
    ...(majBelowMin ? { majBelowMin } : {}),
    gaps,
  };
}
