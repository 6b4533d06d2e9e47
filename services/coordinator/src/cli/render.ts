import type { SweepMsg } from '@gansweep/contract';
import type { Leaderboard } from '../leaderboard.ts';

function fmt(x: number | undefined, digits = 3): string {
  return x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits);
}

/** One progress line: tasks done/running/queued, trials, best score so far. */
export function progressLine(s: SweepMsg, elapsedMs: number): string {
  const t = s.tasks!;
  const trialsDone = s.trials.filter((x) => x.state === 'done').length;
  const bar = t.total > 0 ? Math.round((20 * (t.done + t.failed + t.pruned)) / t.total) : 0;
  const best = s.bestTrialId ? `best ${s.bestTrialId} ${fmt(s.bestValF1)}` : 'best -';
  return `[${'#'.repeat(bar)}${'.'.repeat(20 - bar)}] ${s.state.padEnd(10)} tasks ${t.done}/${t.total} done, ${t.running} running, ${t.queued} queued${t.failed ? `, ${t.failed} failed` : ''}${t.pruned ? `, ${t.pruned} pruned` : ''} | trials ${trialsDone}/${s.trials.length} | ${best} | ${Math.round(elapsedMs / 1000)}s`;
}

function shortParams(p: Record<string, unknown>): string {
  const keys = ['lr', 'nCritic', 'steps', 'loss', 'optimizer', 'filter'];
  return keys
    .filter((k) => p[k] !== undefined)
    .map((k) => `${k}=${typeof p[k] === 'number' ? Number((p[k] as number).toPrecision(3)) : String(p[k])}`)
    .join(' ');
}

/** The leaderboard as a fixed-width table plus the verdict. */
export function leaderboardTable(lb: Leaderboard): string {
  const head = ['#', 'trial', 'method', 'status', `val ${lb.metric} mean±std`, 'vs best baseline [95% CI]', 'contam_knn', 'params'];
  const rows = lb.rows.map((r) => {
    const v = r.vsBestBaseline;
    return [
      String(r.rank),
      r.trialId,
      r.method,
      r.status,
      Number.isNaN(r.mean) ? '-' : `${fmt(r.mean)}±${fmt(r.std)}`,
      v
        ? `${v.mean >= 0 ? '+' : ''}${fmt(v.mean)} [${fmt(v.low)}, ${fmt(v.high)}]${v.distinguishable ? ' *' : ''}`
        : r.baseline && r.trialId === lb.bestBaseline?.trialId
          ? '(best baseline)'
          : '',
      fmt(r.metrics.contam_knn?.mean),
      r.baseline ? '' : shortParams(r.params),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  out.push('');
  if (lb.winner)
    out.push(
      `winner: ${lb.winner.trialId} (${lb.winner.method}); held-out test: ${Object.entries(lb.winner.test)
        .filter(([k]) => ['f1', 'precision', 'recall', 'pr_auc'].includes(k))
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
    );
  if (lb.bestBaseline?.test && lb.bestBaseline.trialId !== lb.winner?.trialId) {
    out.push(`best baseline: ${lb.bestBaseline.trialId} (${lb.bestBaseline.method}); held-out test f1 ${fmt(lb.bestBaseline.test.f1)}`);
  }
  out.push(`verdict: ${lb.verdict}`);
  out.push('(* = the 95% paired interval over folds excludes 0)');
  return out.join('\n');
}

/** Status of one sweep for humans. */
export function statusText(s: SweepMsg): string {
  const lines = [`${s.sweepId}  ${s.name}  ${s.state}`, `  dataset: ${s.datasetSummary}`];
  const t = s.tasks!;
  lines.push(
    `  tasks: ${t.done}/${t.total} done, ${t.running} running, ${t.queued} queued, ${t.failed} failed, ${t.pruned} pruned/cancelled`,
  );
  if (s.bestTrialId) lines.push(`  ${s.state === 'done' ? 'winner' : 'best so far'}: ${s.bestTrialId} val f1 ${fmt(s.bestValF1)}`);
  if (Object.keys(s.testMetrics).length) lines.push(`  winner test f1: ${fmt(s.testMetrics.f1)}`);
  if (s.verdict) lines.push(`  verdict: ${s.verdict}`);
  if (s.error) lines.push(`  error: ${s.error}`);
  for (const tr of [...s.trials].sort((a, b) => b.meanValF1 - a.meanValF1)) {
    lines.push(
      `    ${tr.trialId.padEnd(18)} ${tr.method.padEnd(16)} ${tr.state.padEnd(9)} folds ${tr.foldsDone}/${tr.foldsTotal}  f1 ${tr.foldsDone === tr.foldsTotal ? fmt(tr.meanValF1) : '-'}${tr.error ? `  error: ${tr.error}` : ''}`,
    );
  }
  return lines.join('\n');
}
