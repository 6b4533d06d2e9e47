import type { Matrix } from '@gansweep/data';
import { decodeF32, encodeF32 } from './codec.ts';
import { LEAK, Net } from './net.ts';
import { OutputHeads, type OutputBlock } from './heads.ts';
import type { GanVariant } from './options.ts';
import { fillNormals, GeneratorForward, hardRows, SampleStream } from './sample-fast.ts';

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
  /**
   * n synthetic minority rows in the encoded space, categorical blocks hard one-hot. With `into` (at least n × features
   * long) the rows are written there and the matrix views it, so a streaming caller can reuse one buffer.
   */
  sample(n: number, seed: number, into?: Float64Array): Matrix;
  dispose(): void;
}

/** Rows per forward pass: large enough to amortise kernel overhead, small enough to stream millions of rows. */
const CHUNK = 4096;

/**
 * Draws n rows through an inference forward pass: z from the seed's ziggurat normals (written straight into the
 * input buffer), categorical heads by inverse CDF from the same stream. Writes into `into` when it is large enough.
 */
function sampleWith(
  fwd: GeneratorForward,
  gin: number,
  heads: OutputHeads,
  latentDim: number,
  cond: { classes: number; cls: number } | undefined,
  n: number,
  seed: number,
  into?: Float64Array,
  scratch?: { z?: Float32Array },
): Matrix {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sample: n must be a non-negative integer, got ${n}`);
  const F = heads.cols;
  const data = into && into.length >= n * F ? into.subarray(0, n * F) : new Float64Array(n * F);
  const st = new SampleStream(seed);
  // The latent buffer is kept by a sampler between calls (zeroed: the condition columns must start at 0).
  const zLen = Math.min(CHUNK, n) * gin;
  let z = scratch?.z;
  if (!z || z.length < zLen) z = new Float32Array(zLen);
  else if (cond) z.fill(0);
  if (scratch) scratch.z = z;
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    const zi = rows * gin === z.length ? z : z.subarray(0, rows * gin);
    fillNormals(zi, rows, latentDim, gin, st);
    if (cond) for (let i = 0; i < rows; i++) zi[i * gin + latentDim + cond.cls] = 1;
    const o = fwd.run(zi, rows);
    hardRows(o, rows, F, heads.cats, st, data, start * F);
  }
  return { rows: n, cols: F, data };
}

/** Shared by trainer.sample and createSampler so that both give identical rows for a seed. */
export function sampleRows(
  net: Net,
  heads: OutputHeads,
  latentDim: number,
  cond: { classes: number; cls: number } | undefined,
  n: number,
  seed: number,
): Matrix {
  // The trainer's weights change between calls: upload them for this call only (a few hundred KB, once per call).
  const fwd = new GeneratorForward(net, LEAK);
  try {
    return sampleWith(fwd, net.sizes[0]!, heads, latentDim, cond, n, seed);
  } finally {
    fwd.dispose();
  }
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
  const heads = new OutputHeads(ckpt.blocks, ckpt.features);
  const cond = ckpt.conditional ? { classes: ckpt.conditionClasses, cls: ckpt.sampleClass } : undefined;
  if (sizes[0] !== ckpt.latentDim + (cond ? cond.classes : 0) || sizes[sizes.length - 1] !== ckpt.features) {
    throw new RangeError(
      `createSampler: layer sizes ${sizes.join('-')} do not match latentDim ${ckpt.latentDim} and ${ckpt.features} features`,
    );
  }
  // Only the inference tensors are needed: the Net's own (homogeneous, transposed) copies are dropped.
  net.disposeTensors();
  const fwd = new GeneratorForward(net, LEAK);
  const scratch: { z?: Float32Array } = {};
  return {
    sample: (n, seed, into) => sampleWith(fwd, sizes[0]!, heads, ckpt.latentDim, cond, n, seed, into, scratch),
    dispose: () => fwd.dispose(),
  };
}
