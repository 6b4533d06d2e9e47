import * as tf from '@tensorflow/tfjs-core';
import { createRng, deriveSeed, type Matrix, type Rng } from '@gansweep/data';
import { copyRows, drawRows, interpolateRows, latentRows, type ClassRows } from './batch.ts';
import { scalarCriticGrad, scalarInputGrad } from './critic-grad.ts';
import { GanDataError, OutputHeads, type OutputBlock } from './heads.ts';
import { bceLoss, criticLoss, generatorLoss, gradientPenalty, softmaxXent } from './losses.ts';
import { Net, scoped } from './net.ts';
import { adamStep, createAdamState, type AdamState } from './optim.ts';
import type { GanOptions } from './options.ts';
import { checkpointOf, sampleRows, type GeneratorCheckpoint } from './sampler.ts';
import { GanStateError, loadNet, saveNet, type TrainerState } from './state.ts';

/** The encoded training part: both classes (y = 1 minority B, 0 majority A) and the column blocks. */
export interface GanData {
  X: Matrix;
  y: Uint8Array;
  blocks: OutputBlock[];
}

/** Mean losses over the generator steps of one train() call. */
export interface StepLosses {
  /** Critic (discriminator) loss including the penalty. */
  critic: number;
  generator: number;
  /** Gradient penalty (0 for 'ns'). */
  penalty: number;
  /** cgan-aux: the auxiliary classifier's cross-entropy on real rows. */
  aux?: number;
}

/** Trains one generator/critic pair; every tensor it creates is released by {@link GanTrainer.dispose}. */
export interface GanTrainer {
  /** Generator steps done. */
  readonly step: number;
  train(generatorSteps: number): StepLosses;
  sample(n: number, seed: number): Matrix;
  criticScore(X: Matrix): Float64Array;
  classify?(X: Matrix): Float64Array;
  saveState(): TrainerState;
  exportGenerator(): GeneratorCheckpoint;
  dispose(): void;
}

const SSGAN_FAKE = 2;

/** Losses of one critic update. */
type CriticResult = { loss: number; penalty: number; aux: number };

class Trainer implements GanTrainer {
  step = 0;
  readonly F: number;
  readonly bs: number;
  readonly cond: number; // condition classes appended to G and critic inputs (cgan-aux: 2)
  readonly B: ClassRows;
  readonly A: ClassRows;
  readonly heads: OutputHeads;
  readonly G: Net;
  readonly D: Net;
  readonly aux?: Net;
  readonly opt: Map<Net, AdamState> = new Map();
  classify?: (X: Matrix) => Float64Array;
  private disposed = false;

  constructor(
    readonly data: GanData,
    readonly o: GanOptions,
    state?: TrainerState,
  ) {
    const { X, y } = data;
    if (y.length !== X.rows) throw new GanDataError(`GanData: y has ${y.length} labels for ${X.rows} rows of X`);
    this.F = X.cols;
    this.heads = new OutputHeads(data.blocks, this.F);
    const split = (cls: number): ClassRows => {
      const idx: number[] = [];
      y.forEach((v, i) => v === cls && idx.push(i));
      const d = new Float32Array(idx.length * this.F);
      idx.forEach((i, r) => d.set(X.data.subarray(i * this.F, (i + 1) * this.F), r * this.F));
      return { data: d, rows: idx.length };
    };
    this.B = split(1);
    this.A = split(0);
    if (this.B.rows === 0) throw new GanDataError('GanData: no minority rows (y = 1) to learn from');
    if (this.A.rows === 0 && o.variant !== 'gan-min')
      throw new GanDataError(`GanData: variant ${o.variant} needs majority rows (y = 0), found none`);
    this.bs = Math.min(o.batchSize, this.B.rows);
    this.cond = o.variant === 'cgan-aux' ? 2 : 0;
    this.G = new Net([o.latentDim + this.cond, ...o.hidden, this.F]);
    this.D = new Net([this.F + this.cond, ...o.hidden, o.variant === 'ssgan' ? 3 : 1]);
    if (o.variant === 'cgan-aux') this.aux = new Net([this.F, ...o.hidden, 1]);
    const initRng = createRng(deriveSeed(o.seed, 'init'));
    for (const net of [this.G, this.D, this.aux]) {
      if (!net) continue;
      net.init(initRng.fork());
      this.opt.set(net, createAdamState(net.params.length, o.optimizer));
    }
    if (o.variant === 'ssgan') this.classify = (Xq) => this.ssganOutputs(Xq, (l) => 1 / (1 + Math.exp(l[0]! - l[1]!)));
    if (state) this.restore(state);
  }

  private rng(tag: string): Rng {
    return createRng(deriveSeed(this.o.seed, 'step', this.step, tag));
  }

  private update(net: Net, grads: Float32Array): void {
    adamStep(net.params, grads, this.opt.get(net)!, this.o.lr, this.o.beta1, this.o.beta2);
    net.upload();
  }

  /**
   * Soft (Gumbel-softmax) generated rows with their condition columns, as the critic sees them during training. Yields
   * the latent rows and resumes with the generator's raw outputs for them: G does not change between the critic steps
   * of one generator step, so {@link train} runs one forward pass for all of them. Each step's draws still come from
   * its own stream in the original order (batch rows, latent rows, Gumbel noise, interpolation).
   */
  private *fakes(rng: Rng, n: number, labels?: ArrayLike<number>): Generator<Float32Array, Float32Array, Float32Array> {
    const out = yield latentRows(rng, n, this.o.latentDim, this.G.sizes[0]!, labels);
    return this.heads.soft(out, n, rng);
  }

  train(generatorSteps: number): StepLosses {
    this.assertLive();
    const sum = { critic: 0, generator: 0, penalty: 0, aux: 0 };
    const gin = this.G.sizes[0]!;
    for (let s = 0; s < generatorSteps; s++) {
      const steps = Array.from({ length: this.o.nCritic }, (_, k) =>
        this.o.variant === 'ssgan' ? this.ssganCriticStep(this.rng(`c${k}`)) : this.criticStep(this.rng(`c${k}`)),
      );
      const zs = steps.map((st) => st.next().value as Float32Array);
      const z = new Float32Array(zs.reduce((t, zk) => t + zk.length, 0));
      let at = 0;
      for (const zk of zs) {
        z.set(zk, at);
        at += zk.length;
      }
      const out = this.G.outputs(z, z.length / gin);
      let row = 0;
      for (let k = 0; k < steps.length; k++) {
        const n = zs[k]!.length / gin;
        const r = steps[k]!.next(out.subarray(row * this.F, (row + n) * this.F));
        row += n;
        if (!r.done) throw new GanStateError(`critic step ${k} asked for generated rows twice; each takes one batch per generator step`);
        sum.critic += r.value.loss / this.o.nCritic;
        sum.penalty += r.value.penalty / this.o.nCritic;
        sum.aux += r.value.aux / this.o.nCritic;
      }
      sum.generator += this.generatorStep(this.rng('g'));
      this.step += 1;
    }
    const n = Math.max(generatorSteps, 1);
    const out: StepLosses = { critic: sum.critic / n, generator: sum.generator / n, penalty: sum.penalty / n };
    if (this.aux) out.aux = sum.aux / n;
    return out;
  }

  /** One critic update for the scalar critics: rows [positives | negatives | interpolates]. */
  private *criticStep(rng: Rng): Generator<Float32Array, CriticResult, Float32Array> {
    const { F, bs, cond, o } = this;
    const cin = F + cond;
    const P = cond ? 2 * bs : bs;
    const R = o.loss === 'ns' ? 0 : P;
    const rows = 2 * P + R;
    const x = new Float32Array(rows * cin);
    const w = new Float32Array(rows);
    drawRows(this.B, F, bs, rng, x, cin, 0, cond ? 1 : undefined);
    if (cond) drawRows(this.A, F, bs, rng, x, cin, bs, 0);
    w.fill(-1 / P, 0, P);
    if (o.variant === 'gan-maj') {
      const nA = Math.min(bs - 1, Math.round(o.majorityWeight * bs));
      const nf = bs - nA;
      drawRows(this.A, F, nA, rng, x, cin, P);
      copyRows(yield* this.fakes(rng, nf), F, nf, x, cin, P + nA);
      if (nA > 0) w.fill(o.majorityWeight / nA, P, P + nA);
      w.fill((nA > 0 ? 1 - o.majorityWeight : 1) / nf, P + nA, 2 * P);
    } else {
      const labels = cond ? Array.from({ length: P }, (_, i) => (i < bs ? 1 : 0)) : undefined;
      copyRows(yield* this.fakes(rng, P, labels), F, P, x, cin, P, labels);
      w.fill(1 / P, P, 2 * P);
    }
    if (R) interpolateRows(x, cin, 0, P, 2 * P, R, rng);
    const penalty = R ? gradientPenalty(o.loss, o.gpWeight, 2 * P, R, F) : undefined;
    const res = scalarCriticGrad(this.D, x, rows, criticLoss(o.loss, w), penalty);
    this.update(this.D, res.grads);
    let auxLoss = 0;
    if (this.aux) {
      // the auxiliary A-vs-B classifier learns from the same real rows, never from generated ones
      const xa = new Float32Array(P * F);
      for (let i = 0; i < P; i++) xa.set(x.subarray(i * cin, i * cin + F), i * F);
      const labels = Array.from({ length: P }, (_, i) => (i < bs ? 1 : 0));
      const r = scalarCriticGrad(this.aux, xa, P, bceLoss(labels));
      this.update(this.aux, r.grads);
      auxLoss = r.loss;
    }
    return { loss: res.loss + res.penalty, penalty: res.penalty, aux: auxLoss };
  }

  /** K+1 discriminator update: real A (class 0), real B (class 1), generated (class 2), softmax cross-entropy. */
  private *ssganCriticStep(rng: Rng): Generator<Float32Array, CriticResult, Float32Array> {
    const { F, bs } = this;
    const rows = 3 * bs;
    const x = new Float32Array(rows * F);
    drawRows(this.A, F, bs, rng, x, F, 0);
    drawRows(this.B, F, bs, rng, x, F, bs);
    copyRows(yield* this.fakes(rng, bs), F, bs, x, F, 2 * bs);
    const targets = Array.from({ length: rows }, (_, i) => Math.floor(i / bs));
    let loss = 0;
    const grads = scoped(() => {
      const fwd = this.D.forward(x, rows);
      const r = softmaxXent(fwd.acts[this.D.depth]!.dataSync() as Float32Array, targets, 3);
      loss = r.loss;
      return this.D.backward(fwd, tf.tensor2d(r.dOut, [rows, 3]), true, false).grads!;
    });
    this.update(this.D, grads);
    return { loss, penalty: 0, aux: 0 };
  }

  private generatorStep(rng: Rng): number {
    const { F, bs, cond, o } = this;
    const cin = F + cond;
    const n = cond ? 2 * bs : bs;
    const labels = cond ? Array.from({ length: n }, (_, i) => (i < bs ? 1 : 0)) : undefined;
    const gin = this.G.sizes[0]!;
    const z = latentRows(rng, n, o.latentDim, gin, labels);
    let loss = 0;
    const grads = scoped(() => {
      const gFwd = this.G.forward(z, n);
      const soft = this.heads.soft(gFwd.acts[this.G.depth]!.dataSync() as Float32Array, n, rng);
      const xin = new Float32Array(n * cin);
      copyRows(soft, F, n, xin, cin, 0, labels);
      let dx: Float32Array;
      if (o.variant === 'ssgan') {
        const dFwd = this.D.forward(xin, n);
        // the standard K+1 generator loss, aimed at the minority class: generated rows should look like real B
        const r = softmaxXent(dFwd.acts[this.D.depth]!.dataSync() as Float32Array, new Array<number>(n).fill(1), 3);
        loss = r.loss;
        dx = this.D.backward(dFwd, tf.tensor2d(r.dOut, [n, 3]), false, true).dIn!;
      } else {
        const r = scalarInputGrad(this.D, xin, n, generatorLoss(o.loss, n));
        loss = r.loss;
        dx = r.dx;
      }
      const dy = new Float32Array(n * F);
      for (let i = 0; i < n; i++) dy.set(dx.subarray(i * cin, i * cin + F), i * F);
      if (this.aux && o.auxWeight > 0) {
        // push generated B rows (the first bs) to where the auxiliary classifier says B, i.e. away from A
        const r = scalarInputGrad(this.aux, soft.subarray(0, bs * F), bs, generatorLoss('ns', bs, o.auxWeight));
        loss += r.loss;
        for (let i = 0; i < bs * F; i++) dy[i] = dy[i]! + r.dx[i]!;
      }
      const dO = this.heads.backward(dy, soft, n);
      return this.G.backward(gFwd, tf.tensor2d(dO, [n, F]), true, false).grads!;
    });
    this.update(this.G, grads);
    return loss;
  }

  sample(n: number, seed: number): Matrix {
    this.assertLive();
    return sampleRows(this.G, this.heads, this.o.latentDim, this.cond ? { classes: this.cond, cls: 1 } : undefined, n, seed);
  }

  private inputs(X: Matrix): Float32Array {
    if (X.cols !== this.F) throw new GanDataError(`expected ${this.F} encoded columns, got ${X.cols}`);
    const cin = this.F + this.cond;
    const x = new Float32Array(X.rows * cin);
    for (let i = 0; i < X.rows; i++) {
      for (let k = 0; k < this.F; k++) x[i * cin + k] = X.data[i * this.F + k]!;
      if (this.cond) x[i * cin + this.F + 1] = 1; // scored as candidates for the minority class
    }
    return x;
  }

  private ssganOutputs(X: Matrix, f: (logits: Float32Array) => number): Float64Array {
    this.assertLive();
    const l = this.D.outputs(this.inputs(X), X.rows);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = f(l.subarray(3 * i, 3 * i + 3));
    return out;
  }

  criticScore(X: Matrix): Float64Array {
    this.assertLive();
    if (this.o.variant === 'ssgan') {
      // real-vs-generated log-odds of the K+1 discriminator: logsumexp(l_A, l_B) − l_fake
      return this.ssganOutputs(X, (l) => {
        const m = Math.max(l[0]!, l[1]!);
        return m + Math.log(Math.exp(l[0]! - m) + Math.exp(l[1]! - m)) - l[SSGAN_FAKE]!;
      });
    }
    return Float64Array.from(this.D.outputs(this.inputs(X), X.rows));
  }

  saveState(): TrainerState {
    this.assertLive();
    const s: TrainerState = {
      format: 'gansweep.trainer.v1',
      variant: this.o.variant,
      options: { ...this.o, hidden: [...this.o.hidden] },
      step: this.step,
      generator: saveNet(this.G, this.opt.get(this.G)!),
      critic: saveNet(this.D, this.opt.get(this.D)!),
    };
    if (this.aux) s.aux = saveNet(this.aux, this.opt.get(this.aux)!);
    return s;
  }

  private restore(s: TrainerState): void {
    if (s.format !== 'gansweep.trainer.v1')
      throw new GanStateError(`trainer state format '${String(s.format)}' is not 'gansweep.trainer.v1'`);
    if (s.variant !== this.o.variant) throw new GanStateError(`trainer state is for variant ${s.variant}, options say ${this.o.variant}`);
    if (!Number.isInteger(s.step) || s.step < 0) throw new GanStateError(`trainer state step ${s.step} is not a non-negative integer`);
    loadNet('generator', s.generator, this.G, this.opt.get(this.G)!);
    loadNet('critic', s.critic, this.D, this.opt.get(this.D)!);
    if (this.aux) loadNet('aux', s.aux, this.aux, this.opt.get(this.aux)!);
    this.step = s.step;
  }

  exportGenerator(): GeneratorCheckpoint {
    this.assertLive();
    return checkpointOf(this.G, {
      variant: this.o.variant,
      step: this.step,
      latentDim: this.o.latentDim,
      features: this.F,
      blocks: this.data.blocks,
      conditional: this.cond > 0,
      conditionClasses: this.cond,
      sampleClass: 1,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const net of [this.G, this.D, this.aux]) net?.disposeTensors();
  }

  private assertLive(): void {
    if (this.disposed) throw new GanStateError('this trainer has been disposed');
  }
}

/** Creates a trainer for resolved options (see resolveGanOptions); restores `state` when given. */
export function createGanTrainer(data: GanData, options: GanOptions, state?: TrainerState): GanTrainer {
  try {
    tf.backend();
  } catch (err) {
    throw new GanStateError(`no tfjs backend is ready (${err instanceof Error ? err.message : String(err)}): await initBackend() first`);
  }
  return new Trainer(data, options, state);
}
