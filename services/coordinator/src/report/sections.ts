import type { SweepRecord, TaskRecord, TrialRecord } from '../model.ts';
import type { Leaderboard } from '../leaderboard.ts';
import { colorAt, esc, fmt, section, table } from './html.ts';
import type { ColumnMarginal } from './marginals.ts';
import { barChart, histogramChart, lineChart, type LineSeries } from './svg.ts';

/** Hyperparameters as `key=value` pairs (3 significant digits), which wrap where a JSON blob would not. */
function paramsText(p: Record<string, unknown>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(3)) : JSON.stringify(v)}`)
    .join(', ');
}

/** The leaderboard as a table: every trial with its fold scores, paired interval, contamination and test score. */
export function leaderboardSection(lb: Leaderboard): string {
  const head = [
    '#',
    'trial',
    'method',
    'status',
    `val ${lb.metric} mean ± std`,
    'folds',
    'vs best baseline [95% CI]',
    'contam_knn',
    'contam_knn_real',
    'test f1',
    'attempts',
    'params / error',
  ];
  const rows = lb.rows.map((r) => {
    const v = r.vsBestBaseline;
    const vs = v
      ? `${v.mean >= 0 ? '+' : ''}${fmt(v.mean)} [${fmt(v.low)}, ${fmt(v.high)}]${v.distinguishable ? ' *' : ''}`
      : r.trialId === lb.bestBaseline?.trialId
        ? '(best baseline)'
        : '';
    const params = r.baseline ? '' : paramsText(r.params);
    return [
      String(r.rank),
      `<b>${esc(r.trialId)}</b>`,
      esc(r.method) + (r.baseline ? ' <small>(baseline)</small>' : ''),
      esc(r.status),
      Number.isNaN(r.mean) ? '-' : `${fmt(r.mean)} ± ${fmt(r.std)}`,
      esc(r.foldScores.map((s) => fmt(s)).join(' ')),
      esc(vs),
      fmt(r.metrics.contam_knn?.mean),
      fmt(r.metrics.contam_knn_real?.mean),
      fmt(r.test?.f1),
      String(r.attempts),
      `<div class="params">${esc(params)}</div>` + (r.error ? `<div class="note">${esc(r.error)}</div>` : ''),
    ];
  });
  const classes = lb.rows.map((r) => (r.trialId === lb.winner?.trialId ? 'winner' : r.trialId === lb.bestBaseline?.trialId ? 'base' : ''));
  const html = table(head, rows, 'leaderboard', classes);
  return section(
    'leaderboard',
    'Leaderboard',
    `${html}<p class="meta">* the 95% paired interval over folds excludes 0. Green: winner; blue: best baseline. contam_knn: share of synthetic rows with ≥3 majority rows among their 5 nearest real neighbours; contam_knn_real: the same for the real minority rows.</p>`,
  );
}

function taskCurves(sweep: SweepRecord, trial: TrialRecord): { label: string; task: TaskRecord }[] {
  const ids = [...trial.taskIds, ...(trial.finalTaskId ? [trial.finalTaskId] : [])];
  return ids
    .map((id) => sweep.tasks.get(id))
    .filter((t): t is TaskRecord => !!t && (t.curve?.length ?? 0) > 0)
    .map((task) => ({ label: task.kind === 'final' ? 'final fit' : `fold ${task.fold}`, task }));
}

/** GAN trials in leaderboard order, so the charts read top-down like the table. */
function ganTrials(sweep: SweepRecord, lb: Leaderboard): TrialRecord[] {
  return lb.rows
    .filter((r) => !r.baseline)
    .map((r) => sweep.trials.get(r.trialId)!)
    .filter(Boolean);
}

/** Inner-validation score against generator step, one chart per GAN trial, one line per fold. */
export function curvesSection(sweep: SweepRecord, lb: Leaderboard): string {
  const charts: string[] = [];
  const empty: string[] = [];
  for (const trial of ganTrials(sweep, lb)) {
    const curves = taskCurves(sweep, trial);
    if (curves.length === 0) {
      empty.push(trial.trialId);
      continue;
    }
    const series: LineSeries[] = curves.map((c, i) => ({
      name: c.label,
      color: colorAt(i),
      points: c.task.curve!.map((p) => ({ x: p.step, y: p.valF1 })),
    }));
    charts.push(
      lineChart({
        kind: 'f1-curve',
        title: `${trial.trialId} · ${trial.method} · ${trial.state}`,
        xLabel: 'generator step',
        yLabel: `inner-val ${lb.metric}`,
        series,
        yRange: [0, 1],
        caption: `best checkpoint per task: ${curves.map((c) => `${c.label} @${c.task.bestStep ?? '-'}`).join(', ')}`,
      }),
    );
  }
  const note = empty.length ? `<p class="note">no checkpoint recorded for ${esc(empty.join(', '))}</p>` : '';
  return section(
    'curves',
    `Validation ${lb.metric} vs step`,
    `<div class="charts">${charts.join('\n')}</div>${note}`,
    `At every checkpoint the downstream classifier is trained on real + synthetic rows and scored on the inner 20% held out of the fold's training part; the best checkpoint is kept.`,
  );
}

/** Critic (solid) and generator (dashed) loss against step, one chart per GAN trial. */
export function lossesSection(sweep: SweepRecord, lb: Leaderboard): string {
  const charts: string[] = [];
  for (const trial of ganTrials(sweep, lb)) {
    const curves = taskCurves(sweep, trial);
    if (curves.length === 0) continue;
    const series: LineSeries[] = curves.flatMap((c, i) => [
      { name: `${c.label} critic`, color: colorAt(i), points: c.task.curve!.map((p) => ({ x: p.step, y: p.criticLoss })) },
      {
        name: `${c.label} generator`,
        color: colorAt(i),
        dashed: true,
        points: c.task.curve!.map((p) => ({ x: p.step, y: p.generatorLoss })),
      },
    ]);
    charts.push(
      lineChart({
        kind: 'losses',
        title: `${trial.trialId} · ${trial.method} losses`,
        xLabel: 'generator step',
        yLabel: 'mean loss per interval',
        series,
        height: 270,
      }),
    );
  }
  return section(
    'losses',
    'Losses',
    `<div class="charts">${charts.join('\n')}</div>`,
    'Mean critic and generator loss over each checkpoint interval.',
  );
}

/** contam_knn of each method's synthetic rows next to contam_knn_real, the overlap the real data already has. */
export function contaminationSection(lb: Leaderboard): string {
  const rows = lb.rows.filter((r) => r.metrics.contam_knn !== undefined || r.metrics.contam_knn_real !== undefined);
  if (rows.length === 0) return section('contamination', 'Contamination', '<p class="note">no trial reported contamination metrics</p>');
  const chart = barChart({
    kind: 'contamination',
    title: 'A-likeness of the minority rows added, per trial',
    yLabel: 'share of rows',
    categories: rows.map((r) => `${r.trialId}`),
    groups: [
      { name: 'contam_knn (synthetic)', color: colorAt(3), values: rows.map((r) => r.metrics.contam_knn?.mean ?? NaN) },
      { name: 'contam_knn_real (real B)', color: colorAt(0), values: rows.map((r) => r.metrics.contam_knn_real?.mean ?? NaN) },
    ],
    width: Math.max(540, Math.min(1100, 90 + rows.length * 56)),
    caption: rows.map((r) => `${r.trialId} = ${r.method}`).join('; '),
  });
  return section(
    'contamination',
    'Contamination',
    `<div class="charts">${chart}</div>`,
    'The gap between the two bars is the label noise a method added on top of the overlap the data already has.',
  );
}

const GROUP_COLORS = [colorAt(0), colorAt(2), colorAt(3)];

/** Real minority, real majority and synthetic rows per column. */
export function marginalsSection(marginals: ColumnMarginal[], groupNames: string[], intro: string, note = ''): string {
  const charts = marginals.map((m) =>
    m.kind === 'numeric'
      ? histogramChart({
          kind: 'marginal-numeric',
          title: m.column,
          yLabel: 'share of rows',
          edges: m.edges,
          groups: m.densities.map((values, i) => ({ name: groupNames[i]!, color: GROUP_COLORS[i % 3]!, values })),
          width: 360,
          height: 220,
          caption: m.missing.some((x) => x > 0) ? `missing: ${m.missing.map((x, i) => `${groupNames[i]} ${x}`).join(', ')}` : undefined,
        })
      : barChart({
          kind: 'marginal-categorical',
          title: m.column,
          yLabel: 'share of rows',
          categories: m.levels,
          groups: m.shares.map((values, i) => ({ name: groupNames[i]!, color: GROUP_COLORS[i % 3]!, values })),
          width: 360,
          height: 220,
        }),
  );
  return section(
    'marginals',
    'Real vs synthetic marginals',
    `${note ? `<p class="note">${note}</p>` : ''}<div class="charts">${charts.join('\n')}</div>`,
    intro,
  );
}
