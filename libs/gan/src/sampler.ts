import { createRng, type Matrix } from '@gansweep/data';
import { decodeF32, encodeF32 } from './codec.ts';
import { LEAK, Net } from './net.ts';
import { OutputHeads, type OutputBlock } from './heads.ts';
import type { GanVariant } from './options.ts';

/** One dense layer of an exported generator. */
export interface GeneratorLayer {
  inputs: number;
  outputs: number;
  activation: 'leaky_relu' | 'linear';
  /** inputs×outputs row-major float32, base64. */
  weights: string;
  /** outputs float32, base64. */
  bias: string;
}

/** A self-contained, JSON-serialisable generator: enough to sample without the trainer. */
export interface GeneratorCheckpoint {
  format: 'gansweep.generator.v1';
  variant: GanVariant;
  /** Generator steps trained when exported. */
  step: number;
  latentDim: number;
  /** Encoded feature count (the generator's output width). */
  features: number;
  blocks: OutputBlock[];
  layers: GeneratorLayer[];
  /** LeakyReLU slope of the hidden layers. */
  leak: number;
  /** When true the generator's input is [z, one-hot(class)] with `conditionClasses` classes. */
  conditional: boolean;
  conditionClasses: number;
  /** The class sampled (1 = minority) when conditional. */
  sampleClass: number;
}

/** Samples without a trainer; reuses its weight tensors across calls. */
export interface GeneratorSampler {
  /** n synthetic minority rows in the encoded space, categorical blocks hard one-hot. */
  sample(n: number, seed: number): Matrix;
  dispose(): void;
}

/** Rows per forward pass: large enough to amortise kernel overhead, small enough to stream millions of rows. */
const CHUNK = 4096;

/** Shared by trainer.sample and createSampler so that both give identical rows for a seed. */
export function sampleRows(net: Net, heads: OutputHeads, latentDim: number, cond: { classes: number; cls: number } | undefined, n: number, seed: number): Matrix {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sample: n must be a non-negative integer, got ${n}`);
  const F = heads.cols;
  const gin = net.sizes[0]!;
  const data = new Float64Array(n * F);
  const rng = createRng(seed);
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    const z = new Float32Array(rows * gin);
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < latentDim; k++) z[i * gin + k] = rng.normal();
      if (cond) z[i * gin + latentDim + cond.cls] = 1;
    }
    const o = net.outputs(z, rows);
    heads.hard(o, rows, rng, data, start * F);
  }
  return { rows: n, cols: F, data };
}

/** Exports a generator network as a checkpoint. */
export function checkpointOf(net: Net, meta: Omit<GeneratorCheckpoint, 'format' | 'layers' | 'leak'>): GeneratorCheckpoint {
  const layers: GeneratorLayer[] = [];
  for (let j = 0; j < net.depth; j++) {
    const n = net.sizes[j]!;
    const m = net.sizes[j + 1]!;
    layers.push({
      inputs: n,
      outputs: m,
      activation: j + 1 < net.depth ? 'leaky_relu' : 'linear',
      weights: encodeF32(net.params.subarray(net.wOff[j]!, net.wOff[j]! + n * m)),
      bias: encodeF32(net.params.subarray(net.bOff[j]!, net.bOff[j]! + m)),
    });
  }
  return { format: 'gansweep.generator.v1', ...meta, blocks: meta.blocks.map((b) => ({ ...b })), layers, leak: LEAK };
}

/** Builds a sampler from an exported checkpoint (the active tfjs backend must be initialised). */
export function createSampler(ckpt: GeneratorCheckpoint): GeneratorSampler {
  if (ckpt.format !== 'gansweep.generator.v1') {
    throw new RangeError(`createSampler: checkpoint format '${String(ckpt.format)}' is not 'gansweep.generator.v1'`);
  }
  if (ckpt.leak !== LEAK) throw new RangeError(`createSampler: checkpoint uses LeakyReLU slope ${ckpt.leak}, this build supports ${LEAK}`);
  const sizes = [ckpt.layers[0]?.inputs ?? 0, ...ckpt.layers.map((l) => l.outputs)];
  const net = new Net(sizes);
  ckpt.layers.forEach((l, j) => {
    if (l.inputs !== sizes[j]) throw new RangeError(`createSampler: layer ${j} takes ${l.inputs} inputs, previous layer gives ${sizes[j]}`);
    net.params.set(decodeF32(l.weights, l.inputs * l.outputs, `layer ${j} weights`), net.wOff[j]!);
    net.params.set(decodeF32(l.bias, l.outputs, `layer ${j} bias`), net.bOff[j]!);
  });
  net.upload();
  const heads = new OutputHeads(ckpt.blocks, ckpt.features);
  const cond = ckpt.conditional ? { classes: ckpt.conditionClasses, cls: ckpt.sampleClass } : undefined;
  if (sizes[0] !== ckpt.latentDim + (cond ? cond.classes : 0) || sizes[sizes.length - 1] !== ckpt.features) {
    throw new RangeError(`createSampler: layer sizes ${sizes.join('-')} do not match latentDim ${ckpt.latentDim} and ${ckpt.features} features`);
  }
  return {
    sample: (n, seed) => sampleRows(net, heads, ckpt.latentDim, cond, n, seed),
    dispose: () => net.disposeTensors(),
  };
}
