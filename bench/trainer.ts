/**
 * Trainer speed benchmark: one WGAN-GP generator step (nCritic critic updates with the two-sided gradient penalty,
 * then one generator update; Adam) in gansweep's tfjs trainer and in PyTorch on one thread, in the same run, plus the
 * backend's floor: the matrix products of that very step (recorded with tf.profile from a real step) replayed alone on
 * the same backend, once with every operand cached by XNNPACK and once re-packing the operands the step packs (fresh
 * activations and gradients on the right-hand side, weights after each update). Shapes: small (batch 64, hidden 64-64, 16 features) and large (batch 256, hidden 128-128, 16
 * features), latent 32, nCritic 5 and 1.
 *
 * Each measurement is the median of timed blocks (~1 s each) after a warm-up; the whole set runs for several rounds,
 * alternating ours / torch / floor so that load drift on a shared machine hits all three, and the minimum over rounds
 * (the least disturbed round of each) is reported; every round's figure is kept in `rounds_ms`, with the 1-minute load
 * average at the start of each round in `rounds_loadavg`.
 *
 *   npm run bench:trainer -- [--out FILE] [--rounds 3]
 */
import * as tf from '@tensorflow/tfjs-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '@gansweep/data';
import { createGanTrainer, initBackend, resolveGanOptions, type GanData, type GanTrainer } from '@gansweep/gan';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(root, 'runs', 'bench', 'trainer.json') },
    rounds: { type: 'string', default: '3' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});

interface Shape {
  name: 'small' | 'large';
  batch: number;
  hidden: number[];
  features: number;
}
const SHAPES: Shape[] = [
  { name: 'small', batch: 64, hidden: [64, 64], features: 16 },
  { name: 'large', batch: 256, hidden: [128, 128], features: 16 },
];
const N_CRITIC = [5, 1];
const LATENT = 32;
const BLOCKS = 5;
const BLOCK_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function data(s: Shape): GanData {
  const rng = createRng(1);
  const rows = 4 * s.batch;
  const X = new Float64Array(rows * s.features).map(() => rng.normal());
  const blocks = Array.from({ length: s.features }, (_, k) => ({ column: `x${k}`, kind: 'numeric' as const, offset: k, width: 1 }));
  return { X: { rows, cols: s.features, data: X }, y: new Uint8Array(rows).fill(1), blocks };
}

/**
 * Median ms of `blocks` timed calls of `fn(steps)`, with `steps` chosen so that a block lasts about BLOCK_MS; `cpu` is
 * the median of the same blocks in process CPU time, which a shared machine's load disturbs far less than wall time.
 */
function timeBlocks(fn: (steps: number) => void): { ms: number; cpu: number; steps: number; blocks: number[] } {
  fn(3);
  const t0 = performance.now();
  fn(5);
  const est = (performance.now() - t0) / 5;
  const steps = Math.max(5, Math.round(BLOCK_MS / Math.max(est, 0.05)));
  const blocks: number[] = [];
  const cpu: number[] = [];
  for (let b = 0; b < BLOCKS; b++) {
    const t = performance.now();
    const c = process.cpuUsage();
    fn(steps);
    const dc = process.cpuUsage(c);
    blocks.push((performance.now() - t) / steps);
    cpu.push((dc.user + dc.system) / 1000 / steps);
  }
  return { ms: median(blocks), cpu: median(cpu), steps, blocks };
}

function trainer(s: Shape, nCritic: number): GanTrainer {
  const opts = resolveGanOptions({
    variant: 'gan-min',
    loss: 'wgan-gp',
    optimizer: 'adam',
    seed: 1,
    hidden: s.hidden,
    batchSize: s.batch,
    latentDim: LATENT,
    nCritic,
  });
  return createGanTrainer(data(s), opts);
}

/** One matrix product of a step, [m, k, n], and whether its right operand was new to XNNPACK (packed on this call). */
type Product = { shape: [number, number, number]; packed: boolean };

/**
 * The matrix products one generator step runs and its kernel count, read from a kernel profile of a real step. tfjs-wasm
 * hands a product to XNNPACK, which packs the right operand on its first use and caches the packing by tensor id: a
 * weight is packed once per update, an activation or gradient operand on every call. A wrapper around the backend's
 * BatchMatMul kernel records which right operands were seen first during the profiled step.
 */
async function stepProducts(s: Shape, nCritic: number): Promise<{ products: Product[]; kernels: number }> {
  const tr = trainer(s, nCritic);
  tr.train(2);
  const be = tf.getBackend();
  const orig = tf.getKernel('BatchMatMul', be)!;
  const seen = new Set<object>();
  const firstUse: boolean[] = [];
  let recording = false;
  tf.unregisterKernel('BatchMatMul', be);
  tf.registerKernel({
    ...orig,
    kernelFunc: (args) => {
      const b = (args.inputs as { b: tf.TensorInfo }).b.dataId;
      if (recording) firstUse.push(!seen.has(b));
      seen.add(b);
      return orig.kernelFunc(args);
    },
  });
  let info: Awaited<ReturnType<typeof tf.profile>>;
  try {
    tr.train(1); // operands of the step before are what the profiled step may find cached
    recording = true;
    info = await tf.profile(() => {
      tr.train(1);
    });
  } finally {
    tf.unregisterKernel('BatchMatMul', be);
    tf.registerKernel(orig);
    tr.dispose();
  }
  const products: Product[] = [];
  for (const k of info.kernels) {
    if (k.name !== 'BatchMatMul' && k.name !== '_FusedMatMul') continue;
    const a = k.inputShapes[0]!;
    const b = k.inputShapes[1]!;
    products.push({
      shape: [a[a.length - 2]!, a[a.length - 1]!, b[b.length - 1]!],
      packed: k.name === 'BatchMatMul' ? (firstUse[products.length] ?? false) : false,
    });
  }
  return { products, kernels: info.kernels.length };
}

/**
 * The floor: the same products, plain non-transposed matMul, alone on the same backend. With `packed`, a right operand
 * that the step packed is a fresh copy on every replay (so XNNPACK packs it again, as in the step; the copy itself
 * is a memcpy, small next to the packing); without, every operand stays cached, the lowest possible figure.
 */
function floorMs(products: Product[], packed: boolean): { ms: number; cpu: number } {
  const pairs = products.map(({ shape: [m, k, n], packed: p }) => ({
    a: tf.randomNormal([m, k]) as tf.Tensor2D,
    b: tf.randomNormal([k, n]) as tf.Tensor2D,
    fresh: packed && p,
  }));
  const r = timeBlocks((steps) => {
    for (let i = 0; i < steps; i++) {
      tf.tidy(() => {
        for (const { a, b, fresh } of pairs) tf.matMul(a, fresh ? tf.clone(b) : b);
      });
    }
  });
  for (const { a, b } of pairs) tf.dispose([a, b]);
  return { ms: r.ms, cpu: r.cpu };
}

function torchMs(s: Shape, nCritic: number): { ms: number; cpu: number; version: string } {
  const cfg = [
    { name: 'x', batch: s.batch, hidden: s.hidden, features: s.features, latent: LATENT, n_critic: nCritic, steps: 0, blocks: BLOCKS },
  ];
  // calibrate steps per block like ours: one short run, then the measured one
  const probe = JSON.parse(
    execFileSync(
      values.python!,
      [path.join(root, 'bench', 'peers', 'torch_trainer.py'), JSON.stringify([{ ...cfg[0], steps: 10, blocks: 1 }])],
      { encoding: 'utf8' },
    ),
  );
  const steps = Math.max(5, Math.round(BLOCK_MS / Math.max(probe.x.ms_per_step, 0.05)));
  const res = JSON.parse(
    execFileSync(values.python!, [path.join(root, 'bench', 'peers', 'torch_trainer.py'), JSON.stringify([{ ...cfg[0], steps }])], {
      encoding: 'utf8',
    }),
  );
  return { ms: res.x.ms_per_step, cpu: res.x.cpu_ms_per_step, version: res.x.torch };
}

const backend = await initBackend('auto');
const rounds = Number(values.rounds);
type Row = {
  ours: number[];
  torch: number[];
  floor: number[];
  floorPacked: number[];
  cpu: { ours: number[]; torch: number[]; floor: number[] };
  load: number[];
  products: number;
  packed: number;
  kernels: number;
  torchVersion: string;
};
const rows = new Map<string, Row>();
for (let r = 0; r < rounds; r++) {
  for (const s of SHAPES) {
    for (const nc of N_CRITIC) {
      const key = `${s.name}/${nc}`;
      const row = rows.get(key) ?? {
        ours: [],
        torch: [],
        floor: [],
        floorPacked: [],
        cpu: { ours: [], torch: [], floor: [] },
        load: [],
        products: 0,
        packed: 0,
        kernels: 0,
        torchVersion: '',
      };
      row.load.push(os.loadavg()[0]!);
      const tr = trainer(s, nc);
      const o = timeBlocks((n) => tr.train(n));
      row.ours.push(o.ms);
      row.cpu.ours.push(o.cpu);
      tr.dispose();
      const t = torchMs(s, nc);
      row.torch.push(t.ms);
      row.cpu.torch.push(t.cpu);
      row.torchVersion = t.version;
      const step = await stepProducts(s, nc);
      row.products = step.products.length;
      row.packed = step.products.filter((p) => p.packed).length;
      row.kernels = step.kernels;
      const f = floorMs(step.products, false);
      row.floor.push(f.ms);
      row.cpu.floor.push(f.cpu);
      row.floorPacked.push(floorMs(step.products, true).ms);
      rows.set(key, row);
      process.stderr.write(
        `round ${r + 1}/${rounds} ${key} (load ${row.load.at(-1)!.toFixed(1)}): ours ${row.ours.at(-1)!.toFixed(2)} ms, torch ${row.torch.at(-1)!.toFixed(2)} ms, ` +
          `floor ${row.floor.at(-1)!.toFixed(2)} ms, floor with packing ${row.floorPacked.at(-1)!.toFixed(2)} ms\n`,
      );
    }
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const result: Record<string, unknown> = {
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    backend: backend.backend,
    backendDetail: backend.detail,
    torch: [...rows.values()][0]?.torchVersion,
    cpus: os.cpus()[0]?.model,
    loadavg: os.loadavg().map(round3),
    rounds,
    step: 'gan-min, wgan-gp (two-sided, λ=10), Adam 1e-4 (0.5, 0.9), latent 32; ms per generator step including its nCritic critic steps',
  },
};
for (const s of SHAPES) {
  const byNCritic: Record<string, unknown> = {};
  for (const nc of N_CRITIC) {
    const row = rows.get(`${s.name}/${nc}`)!;
    const ours = Math.min(...row.ours);
    const torch = Math.min(...row.torch);
    const floor = Math.min(...row.floor);
    const floorPacked = Math.min(...row.floorPacked);
    byNCritic[`nCritic${nc}`] = {
      ours_ms_per_step: round3(ours),
      torch_ms_per_step: round3(torch),
      ratio: round3(ours / torch),
      matmul_floor_ms: round3(floor),
      floor_ratio: round3(ours / floor),
      matmul_floor_packed_ms: round3(floorPacked),
      packed_floor_ratio: round3(ours / floorPacked),
      backend: backend.backend,
      kernels_per_step: row.kernels,
      matmuls_per_step: row.products,
      matmuls_packing_per_step: row.packed,
      rounds_ms: {
        ours: row.ours.map(round3),
        torch: row.torch.map(round3),
        floor: row.floor.map(round3),
        floor_packed: row.floorPacked.map(round3),
      },
      // the same figures in process CPU time (min over rounds): robust to the machine's load
      cpu_ms_per_step: {
        ours: round3(Math.min(...row.cpu.ours)),
        torch: round3(Math.min(...row.cpu.torch)),
        floor: round3(Math.min(...row.cpu.floor)),
      },
      cpu_ratio: round3(Math.min(...row.cpu.ours) / Math.min(...row.cpu.torch)),
      cpu_floor_ratio: round3(Math.min(...row.cpu.ours) / Math.min(...row.cpu.floor)),
      rounds_loadavg: row.load.map(round3),
    };
  }
  // the headline figures are the reference configuration, nCritic 5
  result[s.name] = { ...(byNCritic.nCritic5 as object), batch: s.batch, hidden: s.hidden, features: s.features, byNCritic };
}
mkdirSync(path.dirname(values.out!), { recursive: true });
writeFileSync(values.out!, JSON.stringify(result, null, 2) + '\n');
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
