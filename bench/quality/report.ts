/** The JSON results document and the Markdown report (docs/benchmarks/quality.{json,md}) of bench:quality. */
import type { ManifestEntry } from '@gansweep/data';
import {
  aggregate,
  compare,
  GAN_BEST,
  GAP_LIMIT,
  isGan,
  isGanOversampler,
  K,
  selectByValidation,
  type Summary,
  type Table,
} from './aggregate.ts';
import { compareToReference, referenceSection, type Reference } from './reference.ts';
import type { FoldRecord } from './types.ts';

export interface RunMeta {
  versions: Record<string, string>;
  command: string;
  wall_s: number;
  /** Every invocation with these settings that ran cells (from the .runs.jsonl log). */
  runs: {
    started_at: string;
    wall_s: number;
    cells: number;
    stopped: boolean;
    backend?: string;
    load_avg?: number;
    /** Commit the invocation's cells ran at, and its process niceness (both absent in older log lines). */
    commit?: string;
    nice?: number;
    classifier: string;
    steps: number;
    command: string;
  }[];
  classifier: 'logistic' | 'mlp';
  steps: number;
  checkpoint_every: number;
  commit: string;
  jobs: number;
  suite: string;
  datasets_requested: string[];
  methods_requested: string[];
  finished_at: string;
}

const FULL_STEPS = 2000;
const SHARED_NOTE =
  " A variant and its `+posterior` twin share one training run per fold (the generator does not depend on the post-filter; each keeps its own best checkpoint and its own held-out figures, identical to separate runs: runTaskFilters), so each of their records carries half the job's seconds.";
const SUITE_SIZE = 15;
const FOLD_FIELDS = ['f1', 'pr_auc', 'contam_knn', 'contam_knn_real', 'inner_val_score', 'best_step', 'filter_kept'];

/** Plain statements of each target: met, missed, or not decided by this run (and why). */
function verdictLines(cmp: ReturnType<typeof compare>, records: FoldRecord[], meta: RunMeta, requested: number, ganDone: number): string[] {
  const out: string[] = [];
  const reduced = meta.steps !== FULL_STEPS ? ` at ${meta.steps} generator steps, not the protocol's ${FULL_STEPS}` : '';
  const b = cmp.beatsSmote[GAN_BEST];
  if (b) {
    const missing = SUITE_SIZE - b.of;
    const status = b.wins >= 8 ? 'MET' : b.wins + missing >= 8 ? 'NOT DECIDED' : 'MISSED';
    out.push(
      `Validation-selected best GAN beats smote on ≥ 8 of ${SUITE_SIZE} datasets: ${status} — ${b.wins} of ${b.of} run${missing ? ` (${missing} not run)` : ''}${reduced}.`,
    );
  } else out.push('Best GAN vs smote: no dataset has every GAN variant, so not decided.');
  const c = cmp.majBelowMin;
  if (c) {
    const missing = SUITE_SIZE - c.of;
    const status = c.wins >= 12 ? 'MET' : c.wins + missing >= 12 ? 'NOT DECIDED' : 'MISSED';
    out.push(
      `gan-maj has lower contam_knn than gan-min on ≥ 12 of ${SUITE_SIZE}: ${status} — ${c.wins} of ${c.of}${missing ? ` (${missing} not run)` : ''}${reduced}.`,
    );
  } else out.push('gan-maj vs gan-min contamination: not run.');
  // Extrapolate the full protocol from measured per-cell wall seconds: GAN cells scale with steps (training and
  // checkpoint evaluations both grow linearly); datasets without GAN cells use the mean over those with them.
  const ok = records.filter((r) => r.side === 'ours' && !r.error);
  const ganCells = ok.filter((r) => isGan(r.method));
  const base = ok.filter((r) => !isGan(r.method)).reduce((a, r) => a + r.seconds, 0);
  const peerSec = records.filter((r) => r.side === 'imblearn').reduce((a, r) => a + r.seconds, 0);
  const complete = meta.steps === FULL_STEPS && ganDone === SUITE_SIZE && requested === SUITE_SIZE;
  if (complete) {
    // Measured, not extrapolated: the wall time of the invocations at these settings, plus the baseline and peer
    // cells' own seconds shared over the workers (they do not depend on the step count, so a continued run reuses
    // cells an earlier invocation at other settings finished; when they ran inside these invocations this counts
    // them twice, which only errs high).
    const ganWall = meta.runs.reduce((a, r) => a + r.wall_s, 0);
    const other = (base + peerSec) / meta.jobs;
    const hours = (ganWall + other) / 3600;
    const cpuSum = ganCells.reduce((a, r) => a + (r.cpu ?? r.seconds), 0) + base + peerSec;
    out.push(
      `A full run (${SUITE_SIZE} datasets, ${FULL_STEPS} steps, ${meta.jobs} workers) fits in 2 hours: ${hours <= 2 ? 'MET' : 'MISSED'} (measured) — ` +
        `${(hours * 60).toFixed(0)} min: ${(ganWall / 60).toFixed(0)} min of wall time over ${meta.runs.length} invocation(s) at ${FULL_STEPS} steps ` +
        `(mean 1-min load average ${meta.runs.map((r) => r.load_avg ?? '?').join(', ')} on 2 cores) plus ${(other / 60).toFixed(1)} min for the baseline and imbalanced-learn cells ` +
        `(${(base + peerSec).toFixed(0)} s of cell time over ${meta.jobs} workers). Worker CPU time summed over all cells: ${(cpuSum / 3600).toFixed(2)} h, i.e. ${(cpuSum / meta.jobs / 3600).toFixed(2)} h on ${meta.jobs} idle cores.`,
    );
  } else if (ganCells.length > 0) {
    const ganMethods = new Set(ganCells.map((r) => r.method)).size;
    const perCell = ganCells.reduce((a, r) => a + r.seconds, 0) / ganCells.length;
    const fullGan = perCell * (FULL_STEPS / meta.steps) * SUITE_SIZE * K * ganMethods;
    const hours = (base * (SUITE_SIZE / Math.max(1, requested)) + peerSec + fullGan) / meta.jobs / 3600;
    const cpuCells = ganCells.filter((r) => r.cpu !== undefined);
    const cpuPer = cpuCells.reduce((a, r) => a + r.cpu!, 0) / Math.max(1, cpuCells.length);
    const cpuHours =
      (base * (SUITE_SIZE / Math.max(1, requested)) + peerSec + cpuPer * (FULL_STEPS / meta.steps) * SUITE_SIZE * K * ganMethods) /
      meta.jobs /
      3600;
    const cpuNote = cpuCells.length
      ? ` With the cores to itself (worker CPU time: ${cpuPer.toFixed(1)} s per GAN cell over ${cpuCells.length} cells) the same work is ${cpuHours.toFixed(1)} h: ${cpuHours <= 2 ? 'within' : 'over'} 2 hours.`
      : '';
    out.push(
      `A full run (${SUITE_SIZE} datasets, ${FULL_STEPS} steps, ${meta.jobs} workers) fits in 2 hours: ${hours <= 2 ? 'MET' : 'MISSED'} (estimate) — ` +
        `${hours.toFixed(1)} h extrapolated from ${ganCells.length} measured GAN cells (mean ${perCell.toFixed(1)} s each at ${meta.steps} steps, on 2 cores shared with other jobs) ` +
        `and ${base.toFixed(0)} s of baseline cells; GAN cells measured on ${ganDone} dataset(s) (the unmeasured ones include the largest, so this leans low).${cpuNote}`,
    );
  }
  return out;
}
const fmt = (v: number | undefined, d = 3): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));
const pm = (s: Summary | undefined): string =>
  s ? `${fmt(s.mean)} ± ${fmt(s.std)}${s.n !== undefined ? ` (${s.n}/${K} folds)` : ''}` : '–';
const pval = (p: number): string => (p < 1e-4 ? p.toExponential(2) : p.toFixed(4));

/** One table: datasets as rows, methods as columns, the best mean per row in bold (higher or lower is better). */
function metricTable(
  ours: Table,
  datasets: ManifestEntry[],
  methods: string[],
  metric: string,
  lowerBetter: boolean,
  extra?: { title: string; cell: (d: string) => string },
): string {
  const head = ['dataset', 'IR', ...(extra ? [extra.title] : []), ...methods];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const e of datasets) {
    const row = ours[e.name] ?? {};
    const vals = methods.map((m) => row[m]?.[metric]?.mean);
    const finite = vals.filter((v): v is number => v !== undefined);
    const best = finite.length ? (lowerBetter ? Math.min(...finite) : Math.max(...finite)) : undefined;
    const cells = methods.map((m, j) => {
      const s = row[m]?.[metric];
      const txt = pm(s);
      return s && vals[j] !== undefined && fmt(vals[j]) === fmt(best) ? `**${txt}**` : txt;
    });
    lines.push(`| ${[e.name, String(e.imbalance_ratio), ...(extra ? [extra.cell(e.name)] : []), ...cells].join(' | ')} |`);
  }
  return lines.join('\n');
}

export function buildReport(
  records: FoldRecord[],
  meta: RunMeta,
  entries: ManifestEntry[],
  reference?: { figures: Reference; name: string },
): { json: unknown; markdown: string } {
  const names = entries.map((e) => e.name);
  const methods = meta.methods_requested;
  const ganMethods = methods.filter(isGan);
  const ours = aggregate(records.filter((r) => r.side === 'ours'));
  const peer = aggregate(records.filter((r) => r.side === 'imblearn'));
  const selected = selectByValidation(records, ganMethods.filter(isGanOversampler), names);
  const cmp = compare(ours, peer, selected, methods, names);
  const ganDatasets = names.filter((d) => ganMethods.length > 0 && ganMethods.every((m) => ours[d]?.[m]?.f1));
  const reduced = meta.steps !== FULL_STEPS;
  const allBaselines = names.filter((d) => methods.filter((m) => !isGan(m)).every((m) => ours[d]?.[m]?.f1));
  const scope =
    `${ganDatasets.length} of ${names.length} requested datasets have every GAN variant on all ${K} folds` +
    (ganMethods.length
      ? ` at ${meta.steps} generator steps${reduced ? ` (REDUCED: the protocol is ${FULL_STEPS})` : ' (the full protocol)'}`
      : '') +
    `; baselines complete on ${allBaselines.length}.`;

  const md: string[] = [];
  md.push('# Quality benchmark: GAN oversamplers vs classic oversamplers (protocol v1, seed0 folds)', '');
  md.push(`Scope: ${scope} Requested datasets: ${names.length === 15 ? 'all 15' : names.join(', ')}.`, '');
  const runCommands = [...new Set(meta.runs.map((r) => r.command))];
  md.push(
    `- Command: ${(runCommands.length ? runCommands : [meta.command]).map((c) => `\`${c}\``).join(', ')}${runCommands.length && !runCommands.includes(meta.command) ? `; this file written by \`${meta.command}\`` : ''} (cells computed at commit ${[...new Set(meta.runs.map((r) => r.commit ?? '?'))].join(', ') || meta.commit}, niceness ${[...new Set(meta.runs.map((r) => r.nice ?? '?'))].join(', ') || '?'}; report written at commit ${meta.commit}, ${meta.jobs} worker processes, ${meta.finished_at})`,
  );
  const totalWall = meta.runs.reduce((a, r) => a + r.wall_s, 0);
  md.push(
    `- Wall time: ${totalWall.toFixed(0)} s (${(totalWall / 60).toFixed(1)} min) over ${meta.runs.length} invocation(s) with these settings, each continuing from the cells the previous one finished: ${meta.runs.map((r) => `${r.started_at} ${r.wall_s.toFixed(0)} s, ${r.cells} cells${r.stopped ? ', stopped' : ''}`).join('; ')}.`,
  );
  md.push(
    `- Downstream classifier: ${meta.classifier}; GAN settings: REFERENCE.md's (WGAN-GP λ=10, Adam 1e-4 (0.5, 0.9), nCritic 5, 128-128, batch min(64, minority rows)), ${meta.steps} generator steps, checkpoint every ${meta.checkpoint_every} selected by inner-validation F1.${records.some((r) => r.shared) ? SHARED_NOTE : ''}`,
  );
  md.push(
    `- Versions: ${Object.entries(meta.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
  );
  const oursSec = records.filter((r) => r.side === 'ours').reduce((a, r) => a + r.seconds, 0);
  const withCpu = records.filter((r) => r.side === 'ours' && r.cpu !== undefined);
  const ganSec = records.filter((r) => r.side === 'ours' && isGan(r.method) && !r.error);
  md.push(
    `- Compute: ${oursSec.toFixed(0)} s summed over our cells (${ganSec.length} GAN cells, mean ${fmt(ganSec.reduce((a, r) => a + r.seconds, 0) / Math.max(1, ganSec.length), 1)} s each) on 2 cores shared with other work (1-min load average during the run: ${meta.runs.map((r) => r.load_avg ?? '?').join(', ')}); worker CPU time was measured on ${withCpu.length} of them.`,
  );
  md.push(
    `- mean ± std over the ${K} outer folds (std with n − 1); "–" = not run or not defined (no synthetic rows); "(n/${K} folds)" = contamination averaged over the folds that had synthetic rows. \`threshold\` is F1 at a threshold tuned on an inner 20% split; \`${GAN_BEST}\` takes, on each fold, the GAN variant whose checkpoint scored best on inner validation (never the test fold).`,
    '',
  );

  const withBest = ganMethods.length ? [...methods, GAN_BEST] : methods;
  const oursPlus: Table = structuredClone(ours);
  for (const [d, s] of Object.entries(selected))
    (oursPlus[d] ??= {})[GAN_BEST] = { f1: s.f1, pr_auc: s.pr_auc, ...(s.contam_knn ? { contam_knn: s.contam_knn } : {}) };
  md.push('## F1 (primary)', '', metricTable(oursPlus, entries, withBest, 'f1', false), '');
  md.push('## PR-AUC (average precision)', '', metricTable(oursPlus, entries, withBest, 'pr_auc', false), '');
  const synth = methods.filter((m) => !['none', 'class-weight', 'threshold', 'ssgan-disc'].includes(m));
  const real = (d: string): string =>
    pm(ours[d]?.smote?.contam_knn_real ?? Object.values(ours[d] ?? {}).find((c) => c.contam_knn_real)?.contam_knn_real);
  md.push(
    '## contam_knn of synthetic rows (lower = fewer majority-looking rows), real minority level beside it',
    '',
    metricTable(ours, entries, synth, 'contam_knn', true, { title: 'real minority', cell: real }),
    '',
  );

  md.push('## Our baselines vs imbalanced-learn (same folds, same preprocessing)', '');
  const peerMethods = [...new Set(cmp.gaps.map((g) => g.method))];
  if (peerMethods.length) {
    md.push(`Cells: mean F1 ours / imbalanced-learn (ours − theirs); ⚠ marks |gap| > ${GAP_LIMIT}. Then contam_knn ours / theirs.`, '');
    md.push(
      `| dataset | ${peerMethods.join(' | ')} | ${peerMethods
        .filter((m) => m !== 'none' && m !== 'class-weight')
        .map((m) => `contam ${m}`)
        .join(' | ')} |`,
    );
    md.push(
      `|---|${peerMethods.map(() => '---').join('|')}|${peerMethods
        .filter((m) => m !== 'none' && m !== 'class-weight')
        .map(() => '---')
        .join('|')}|`,
    );
    for (const d of names) {
      const cells = peerMethods.map((m) => {
        const g = cmp.gaps.find((x) => x.dataset === d && x.method === m);
        return g ? `${fmt(g.ours)} / ${fmt(g.imblearn)} (${g.gap >= 0 ? '+' : ''}${fmt(g.gap)})${g.flagged ? ' ⚠' : ''}` : '–';
      });
      const cont = peerMethods
        .filter((m) => m !== 'none' && m !== 'class-weight')
        .map((m) => `${fmt(ours[d]?.[m]?.contam_knn?.mean)} / ${fmt(peer[d]?.[m]?.contam_knn?.mean)}`);
      md.push(`| ${d} | ${cells.join(' | ')} | ${cont.join(' | ')} |`);
    }
    const flagged = cmp.gaps.filter((g) => g.flagged);
    const maxGap = Math.max(...cmp.gaps.map((g) => Math.abs(g.gap)));
    md.push(
      '',
      `Max |gap| ${fmt(maxGap)} over ${cmp.gaps.length} dataset×method cells; ${flagged.length} above ${GAP_LIMIT}${flagged.length ? `: ${flagged.map((g) => `${g.dataset}/${g.method} (${g.gap >= 0 ? '+' : ''}${fmt(g.gap)})`).join(', ')}` : ''}.`,
      '',
    );
    md.push('imbalanced-learn PR-AUC for reference:', '', metricTable(peer, entries, peerMethods, 'pr_auc', false), '');
  } else md.push('(the peer was not run)', '');

  if (reference) md.push(...referenceSection(ours, reference.figures, methods, names, reference.name));

  md.push('## Comparisons', '');
  for (const [g, b] of Object.entries(cmp.beatsSmote))
    md.push(`- ${g} beats smote on F1 on ${b.wins} of ${b.of} datasets${b.wins ? ` (${b.datasets.join(', ')})` : ''}.`);
  if (cmp.friedman) {
    const fr = cmp.friedman;
    md.push('', `Mean F1 rank over the ${cmp.complete.length} datasets where every method completed (1 = best):`, '');
    md.push(
      `| ${Object.keys(cmp.meanRanks).join(' | ')} |`,
      `|${Object.keys(cmp.meanRanks)
        .map(() => '---')
        .join('|')}|`,
      `| ${Object.values(cmp.meanRanks)
        .map((r) => r.toFixed(2))
        .join(' | ')} |`,
      '',
    );
    md.push(
      `Friedman over ${fr.k} methods × ${fr.n} datasets: χ² = ${fr.chi2.toFixed(2)} (df ${fr.k - 1}), p = ${pval(fr.pChi2)}; Iman-Davenport F = ${fr.imanDavenport.toFixed(2)} (df ${fr.k - 1}, ${(fr.k - 1) * (fr.n - 1)}), p = ${pval(fr.pImanDavenport)}.`,
    );
  } else md.push('', 'Fewer than 2 datasets have every method, so no ranks or Friedman test over all methods.');
  if (cmp.baselineRanks?.friedman) {
    const b = cmp.baselineRanks;
    md.push(
      '',
      `Baselines only, over the ${b.datasets} datasets they completed: mean ranks ${Object.entries(b.meanRanks)
        .map(([m, r]) => `${m} ${r.toFixed(2)}`)
        .join(', ')}; Friedman χ² = ${b.friedman!.chi2.toFixed(2)}, p = ${pval(b.friedman!.pChi2)}.`,
    );
  }
  md.push('', 'Wilcoxon signed-rank (two-sided) of mean F1 across datasets, GAN variant vs smote:', '');
  for (const [g, w] of Object.entries(cmp.wilcoxon))
    md.push(`- ${g}: n = ${w.n} non-zero pairs of ${w.of}, W+ = ${w.wPlus}, W− = ${w.wMinus}, p = ${pval(w.p)} (${w.method}).`);
  if (cmp.majBelowMin)
    md.push(
      '',
      `gan-maj has lower contam_knn than gan-min on ${cmp.majBelowMin.wins} of ${cmp.majBelowMin.of} datasets${cmp.majBelowMin.losses.length ? ` (not on: ${cmp.majBelowMin.losses.join(', ')})` : ''}.`,
    );
  md.push('');
  const verdicts = verdictLines(cmp, records, meta, names.length, ganDatasets.length);
  md.push("## Verdict on the brief's targets", '', ...verdicts.map((v) => `- ${v}`), '');
  md.push('## Reading notes', '');
  md.push(
    '- Each cell runs `runTask` (kind `final`) on a PreparedDataset whose `train` is the four other folds and whose `test` is the outer fold; GAN cells hold out a stratified inner 20% of `train` for checkpoint selection. Every method of a dataset and fold shares one seed, so `X` and `X+posterior` train the same generator and differ only by the filter (in sampling for checkpoint scoring and for the final fit).',
  );
  if (methods.includes('ssgan-disc'))
    md.push(
      "- `ssgan-disc` is the `ssgan` run's K+1 discriminator used as the classifier itself (no oversampling; the discriminator as it stands after the last training step: checkpoint selection picks generators, not discriminators), scored on the same outer fold. It takes part in the ranks and in the per-method comparisons with smote, but it is not a candidate of `gan-best (val)`, which chooses among oversamplers.",
    );
  md.push(
    "- `ros` contamination differs from imbalanced-learn's on datasets with many identical rows (car-good): copies sit at distance 0 from several real rows, and the two k-NN implementations break distance ties differently.",
  );
  md.push(
    '- A `+posterior` filter may reject every synthetic row on a fold (the classifier is then fit on the real rows only); its contamination is averaged over the folds that kept rows, as marked.',
  );
  md.push(`- Per-fold figures (F1, PR-AUC, contamination, inner-validation score, selected step) are in \`folds\` of the JSON file.`, '');
  const folds = records
    .filter((r) => !r.error)
    .map((r) => ({
      side: r.side,
      dataset: r.dataset,
      method: r.method,
      fold: r.fold,
      steps: r.steps,
      seconds: Number(r.seconds.toFixed(2)),
      ...Object.fromEntries(
        FOLD_FIELDS.filter((k) => typeof r.metrics[k] === 'number').map((k) => [k, Number((r.metrics[k] as number).toFixed(5))]),
      ),
    }));
  const json = {
    datasets: ours,
    imblearn: peer,
    selected,
    summary: { ...cmp, verdicts },
    ...(reference ? { reference: { source: reference.name, ...compareToReference(ours, reference.figures, methods, names) } } : {}),
    meta: { ...meta, scope },
    folds,
  };
  return { json, markdown: md.join('\n') };
}
