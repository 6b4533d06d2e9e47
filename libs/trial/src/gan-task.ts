import { setImmediate as yieldLoop } from 'node:timers/promises';
import { encodeRows, fitEncoder, innerSplit, outputBlocks, vstack, type Matrix } from '@gansweep/data';
import { scoreBinary } from '@gansweep/classify';
import { createGanTrainer, createSampler, resolveGanOptions, type GeneratorCheckpoint, type TrainerState } from '@gansweep/gan';
import { completeParams, type GanTrialParams } from '@gansweep/sweep';
import { contamination, fitPredict, metricRecord } from './evaluate.ts';
import { partsFor, type PreparedDataset } from './prepared.ts';
import { createRowFilter, synthesize, type PostFilter } from './synthesize.ts';
import { TaskStoppedError, type CurvePoint, type TaskContext, type TaskOutcome, type TaskSpec } from './task.ts';

/** Generator steps run between two yields to the event loop, so heartbeats and progress calls get through. */
const SLICE_STEPS = 10;

interface Best {
  score: number;
  step: number;
  generator: GeneratorCheckpoint;
}

/** Version 2 keeps a best checkpoint per post-filter; version 1 (one filter) is still read. */
type SavedState =
  | { version: 1; trainer: TrainerState; best: Best | null; curve: CurvePoint[] }
  | { version: 2; trainer: TrainerState; best: Partial<Record<PostFilter, Best>>; curve: CurvePoint[] };

function labels(y: Uint8Array, idx: number[]): Uint8Array {
  return Uint8Array.from(idx, (i) => y[i]!);
}

function countMinority(y: Uint8Array): number {
  let n = 0;
  for (const v of y) n += v;
  return n;
}

/** Real rows plus `synthetic` minority rows, as one training set. */
function augment(X: Matrix, y: Uint8Array, synthetic: Matrix): { X: Matrix; y: Uint8Array } {
  if (synthetic.rows === 0) return { X, y };
  const yy = new Uint8Array(y.length + synthetic.rows);
  yy.set(y);
  yy.fill(1, y.length);
  return { X: vstack([X, synthetic]), y: yy };
}

function pick(metrics: Record<string, number>, name: string): number {
  const v = metrics[name];
  return v === undefined || Number.isNaN(v) ? 0 : v;
}

/**
 * One GAN trial on one fold (or the final fit), following BENCHMARK.md: train on an inner 80% of the training part;
 * every checkpoint interval, balance the inner part with synthetic rows, fit the classifier, score the inner 20%,
 * keep the best generator; then balance the whole training part with that generator and score the held-out rows.
 * State is written to the artifact store at every checkpoint, so a moved task resumes instead of restarting.
 */
export async function runGanTask(spec: TaskSpec, prepared: PreparedDataset, ctx: TaskContext): Promise<TaskOutcome> {
  const params = completeParams({ ...spec.params, variant: spec.method });
  const out = await runGanTaskFilters(spec, prepared, ctx, [params.filter]);
  return out[params.filter]!;
}

/**
 * The same trial scored under several post-filters at once. The trained generator does not depend on the filter
 * (the filter only acts on sampled rows), so one training run serves them all: at every checkpoint each filter
 * balances the inner part its own way and keeps its own best checkpoint, and each gets its own held-out figures.
 * The result per filter equals what a separate trial with that `filter` param reports, at the cost of one
 * training run. `params.filter` comes first (progress, curve and the saved generator of a final task follow it).
 */
export async function runGanTaskFilters(
  spec: TaskSpec,
  prepared: PreparedDataset,
  ctx: TaskContext,
  extraFilters: readonly PostFilter[] = [],
): Promise<Partial<Record<PostFilter, TaskOutcome>>> {
  // The method names the variant; params carry the rest (defaults fill what a sweep left out).
  const params: GanTrialParams = completeParams({ ...spec.params, variant: spec.method });
  const filters = [...new Set<PostFilter>([params.filter, ...extraFilters])];
  const primary = filters[0]!;
  const { dataset } = prepared;
  const { train, val } = partsFor(prepared, spec.kind === 'final' ? 'final' : 'fold', spec.fold);
  const enc = fitEncoder(dataset, train, { numeric: spec.settings.numericEncoding });
  const inner = innerSplit(dataset.y, train, spec.settings.innerValFraction, spec.seed);
  const Xfit = encodeRows(enc, dataset.rows, inner.fit);
  const yfit = labels(dataset.y, inner.fit);
  const Xiv = encodeRows(enc, dataset.rows, inner.val);
  const yiv = labels(dataset.y, inner.val);
  const clf = spec.settings.classifier;
  const metricName = spec.settings.selectMetric;

  const stateKey = `${spec.checkpointPrefix}/state.json`;
  const saved: SavedState | undefined = (await ctx.store.exists(stateKey))
    ? (JSON.parse((await ctx.store.get(stateKey)).toString('utf8')) as SavedState)
    : undefined;

  const options = resolveGanOptions({
    variant: params.variant,
    loss: params.loss,
    optimizer: params.optimizer,
    lr: params.lr,
    beta1: params.beta1,
    beta2: params.beta2,
    nCritic: params.nCritic,
    batchSize: params.batchSize,
    hidden: params.hidden,
    latentDim: params.latentDim,
    gpWeight: params.gpWeight,
    majorityWeight: params.majorityWeight,
    seed: spec.seed,
  });
  const trainer = createGanTrainer({ X: Xfit, y: yfit, blocks: outputBlocks(enc) }, options, saved?.trainer);
  const resumedFromStep = trainer.step;
  if (resumedFromStep > 0) ctx.log.info('resuming from checkpoint', { step: resumedFromStep });
  const best: Partial<Record<PostFilter, Best>> = saved?.version === 2 ? saved.best : saved?.best ? { [params.filter]: saved.best } : {};
  const curve: CurvePoint[] = saved?.curve ?? [];
  const fitFilters = filters.map((f) => createRowFilter(f, Xfit, yfit, spec.seed));
  const Xval = encodeRows(enc, dataset.rows, val);
  const yval = labels(dataset.y, val);
  // ssgan: the K+1 discriminator is a candidate classifier itself; it is scored on the held-out rows beside the
  // oversampling result (disc_* metrics).
  let discriminator: Record<string, number> = {};
  const needFit = yfit.length - 2 * countMinority(yfit);

  try {
    while (trainer.step < params.steps) {
      const target = Math.min(params.steps, (Math.floor(trainer.step / params.checkpointEvery) + 1) * params.checkpointEvery);
      let sumC = 0;
      let sumG = 0;
      let n = 0;
      while (trainer.step < target) {
        if (ctx.signal.aborted) throw new TaskStoppedError(String(ctx.signal.reason ?? 'aborted'));
        const k = Math.min(SLICE_STEPS, target - trainer.step);
        const losses = trainer.train(k);
        sumC += losses.critic * k;
        sumG += losses.generator * k;
        n += k;
        await yieldLoop();
      }
      const step = trainer.step;
      let generator: GeneratorCheckpoint | undefined;
      let score = 0;
      let kept = 1;
      filters.forEach((f, i) => {
        const syn = synthesize((m, s) => trainer.sample(m, s), needFit, spec.seed + step, fitFilters[i]);
        const aug = augment(Xfit, yfit, syn.rows);
        const v = pick(metricRecord(scoreBinary(yiv, fitPredict(clf, spec.seed, aug.X, aug.y, Xiv))), metricName);
        if (i === 0) [score, kept] = [v, syn.kept];
        const b = best[f];
        if (!b || v > b.score) best[f] = { score: v, step, generator: (generator ??= trainer.exportGenerator()) };
      });
      const point = { step, valF1: score, criticLoss: n ? sumC / n : 0, generatorLoss: n ? sumG / n : 0 };
      curve.push(point);
      const state: SavedState = { version: 2, trainer: trainer.saveState(), best, curve };
      await ctx.store.put(stateKey, JSON.stringify(state));
      const ack = await ctx.progress({
        step,
        metrics: {
          val_f1: score,
          best_val_f1: best[primary]!.score,
          critic_loss: point.criticLoss,
          generator_loss: point.generatorLoss,
          filter_kept: kept,
        },
      });
      if (ack.stop) throw new TaskStoppedError(ack.reason ?? 'stopped by the coordinator');
    }
    if (trainer.classify) discriminator = metricRecord(scoreBinary(yval, trainer.classify(Xval), 0.5), 'disc_');
  } finally {
    trainer.dispose();
  }
  if (filters.some((f) => !best[f])) throw new Error('GAN trial produced no checkpoint (steps < 1?)');

  // Balance the whole training part with each filter's selected generator and score the held-out rows.
  const Xtr = encodeRows(enc, dataset.rows, train);
  const ytr = labels(dataset.y, train);
  const outcomes: Partial<Record<PostFilter, TaskOutcome>> = {};
  for (const f of filters) {
    const b = best[f]!;
    const sampler = createSampler(b.generator);
    try {
      const filter = createRowFilter(f, Xtr, ytr, spec.seed);
      const syn = synthesize((m, s) => sampler.sample(m, s), ytr.length - 2 * countMinority(ytr), spec.seed + 1, filter);
      const aug = augment(Xtr, ytr, syn.rows);
      const p = fitPredict(clf, spec.seed, aug.X, aug.y, Xval);
      outcomes[f] = {
        metrics: {
          ...metricRecord(scoreBinary(yval, p, 0.5)),
          ...contamination(syn.rows, Xtr, ytr),
          inner_val_score: b.score,
          best_step: b.step,
          filter_kept: syn.kept,
          ...discriminator,
        },
        bestStep: b.step,
        // The curve's val_f1 follows the primary filter.
        curve,
        resumedFromStep,
      };
    } finally {
      sampler.dispose();
    }
  }
  const outcome = outcomes[primary]!;
  if (spec.kind === 'final') {
    outcome.generatorKey = `${spec.checkpointPrefix}/generator.json`;
    outcome.encoderKey = `${spec.checkpointPrefix}/encoder.json`;
    await ctx.store.put(outcome.generatorKey, JSON.stringify(best[primary]!.generator));
    await ctx.store.put(outcome.encoderKey, JSON.stringify(enc));
  }
  return outcomes;
}
