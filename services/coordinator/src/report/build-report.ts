import { decodeMatrix, header, type EncoderSpec } from '@gansweep/data';
import { createSampler, initBackend, type GeneratorCheckpoint } from '@gansweep/gan';
import type { ArtifactStore } from '@gansweep/store';
import { deserializePrepared, type PreparedDataset } from '@gansweep/trial';
import { buildLeaderboard } from '../leaderboard.ts';
import type { SweepRecord } from '../model.ts';
import { esc, page } from './html.ts';
import { alignRows, columnMarginals, type MarginalGroup } from './marginals.ts';
import { contaminationSection, curvesSection, leaderboardSection, lossesSection, marginalsSection } from './sections.ts';

export interface BuildReportOptions {
  /** Synthetic rows drawn from the best generator for the marginal charts. @default 2000 */
  sampleRows?: number;
  /** Seed of those rows. @default 0 */
  seed?: number;
}

/** The generator handed over for a sweep (as GetBest does): the best GAN trial's final fit, when it finished. */
export function bestGeneratorKeys(sweep: SweepRecord): { trialId: string; generatorKey: string; encoderKey: string } | undefined {
  const trial = sweep.bestGanTrialId ? sweep.trials.get(sweep.bestGanTrialId) : undefined;
  const final = trial?.finalTaskId ? sweep.tasks.get(trial.finalTaskId) : undefined;
  if (!trial || final?.state !== 'done' || !final.generatorKey || !final.encoderKey) return undefined;
  return { trialId: trial.trialId, generatorKey: final.generatorKey, encoderKey: final.encoderKey };
}

async function sampleBest(
  store: Pick<ArtifactStore, 'get'>,
  keys: { generatorKey: string; encoderKey: string },
  n: number,
  seed: number,
): Promise<{ header: string[]; rows: string[][] }> {
  await initBackend((process.env.GANSWEEP_BACKEND as 'auto' | undefined) ?? 'auto');
  const ckpt = JSON.parse((await store.get(keys.generatorKey)).toString('utf8')) as GeneratorCheckpoint;
  const enc = JSON.parse((await store.get(keys.encoderKey)).toString('utf8')) as EncoderSpec;
  const sampler = createSampler(ckpt);
  try {
    return { header: header(enc), rows: decodeMatrix(enc, sampler.sample(n, seed)) };
  } finally {
    sampler.dispose();
  }
}

/** Real training rows of each class and synthetic rows from the best generator, column by column. */
async function marginals(sweep: SweepRecord, store: Pick<ArtifactStore, 'get'>, options: BuildReportOptions): Promise<string> {
  let prepared: PreparedDataset;
  try {
    prepared = deserializePrepared((await store.get(sweep.datasetKey)).toString('utf8'));
  } catch (e) {
    // The report is still worth having without the data; say plainly why this part is missing.
    return marginalsSection(
      [],
      [],
      '',
      `the prepared dataset ${esc(sweep.datasetKey)} could not be read from the store: ${esc((e as Error).message)}`,
    );
  }
  const ds = prepared.dataset;
  // Training rows only: the test hold-out is touched by the final fits and by nothing else, this report included.
  const realB = prepared.train.filter((i) => ds.y[i] === 1).map((i) => ds.rows[i]!);
  const realA = prepared.train.filter((i) => ds.y[i] === 0).map((i) => ds.rows[i]!);
  const groups: MarginalGroup[] = [
    { name: `real ${ds.minority} (${realB.length})`, rows: realB },
    { name: `real other (${realA.length})`, rows: realA },
  ];
  const keys = bestGeneratorKeys(sweep);
  let note = '';
  if (keys) {
    const n = options.sampleRows ?? 2000;
    try {
      const syn = await sampleBest(store, keys, n, options.seed ?? 0);
      groups.push({
        name: `synthetic ${keys.trialId} (${n})`,
        rows: alignRows(
          syn.rows,
          syn.header,
          ds.columns.map((c) => c.name),
        ),
      });
    } catch (e) {
      note = `could not sample the best generator (${esc(keys.generatorKey)}): ${esc((e as Error).message)}`;
    }
  } else {
    note = `no generator to sample: ${sweep.bestGanTrialId ? `the final fit of ${esc(sweep.bestGanTrialId)} has not finished` : 'no GAN trial finished'}; real rows only`;
  }
  const intro = `Training rows of the minority class "${esc(ds.minority)}" and of the other classes${keys ? `, and ${options.sampleRows ?? 2000} rows drawn from the generator of ${esc(keys.trialId)}` : ''}. Numeric columns: histograms on shared bins (each group sums to 1); categorical: share of each level.`;
  return marginalsSection(
    columnMarginals(ds.columns, groups),
    groups.map((g) => g.name),
    intro,
    note,
  );
}

/**
 * A self-contained HTML report of a sweep: leaderboard, validation curves and losses per GAN trial, contamination
 * per trial, and real-vs-synthetic marginals per column (the prepared dataset at `sweep.datasetKey` and rows sampled
 * from the best generator). Inline CSS and SVG only: no scripts, nothing fetched when opened.
 */
export async function buildReport(
  sweep: SweepRecord,
  store: Pick<ArtifactStore, 'get'>,
  options: BuildReportOptions = {},
): Promise<string> {
  const lb = buildLeaderboard(sweep);
  const finished = sweep.finishedAt ? new Date(sweep.finishedAt).toISOString() : 'not finished';
  const head = [
    `<h1>gansweep report: ${esc(sweep.name)}</h1>`,
    `<p class="meta">sweep <b>${esc(sweep.sweepId)}</b> · state ${esc(sweep.state)} · created ${esc(new Date(sweep.createdAt).toISOString())} · finished ${esc(finished)}</p>`,
    `<p class="meta">dataset: ${esc(sweep.datasetSummary)}</p>`,
    `<p class="meta">ranked by validation ${esc(lb.metric)}; ${sweep.trials.size} trials, ${sweep.tasks.size} tasks</p>`,
    `<p class="verdict">${esc(lb.verdict)}</p>`,
    sweep.error ? `<p class="note">${esc(sweep.error)}</p>` : '',
  ].join('\n');
  const body = [
    head,
    leaderboardSection(lb),
    curvesSection(sweep, lb),
    lossesSection(sweep, lb),
    contaminationSection(lb),
    await marginals(sweep, store, options),
  ];
  return page(`gansweep report: ${sweep.name} (${sweep.sweepId})`, body.join('\n'));
}
