import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@gansweep/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index.ts';
import { LEAK, Net } from '../src/net.ts';
import { fillNormals, GeneratorForward, hardRows, normal, SampleStream } from '../src/sample-fast.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf, |error| < 1.5e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

describe('SampleStream normals (ziggurat)', () => {
  it('are standard normal: moments, Kolmogorov-Smirnov distance and the tail beyond the base strip', () => {
    const n = 200_000;
    const st = new SampleStream(7);
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = normal(st);
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    const kurt = xs.reduce((a, b) => a + (b - mean) ** 4, 0) / n / variance ** 2;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
    expect(Math.abs(kurt - 3)).toBeLessThan(0.06);
    const sorted = Float64Array.from(xs).sort();
    let ks = 0;
    for (let i = 0; i < n; i += 7) ks = Math.max(ks, Math.abs(phi(sorted[i]!) - i / n), Math.abs(phi(sorted[i]!) - (i + 1) / n));
    // 1.63/sqrt(n) is the 1 % critical value
    expect(ks).toBeLessThan(1.63 / Math.sqrt(n));
    // the tail sampler (|x| > 3.4426, probability 5.76e-4) is exercised and right in size
    const tail = xs.filter((x) => Math.abs(x) > 3.442619855899).length / n;
    expect(tail).toBeGreaterThan(3.5e-4);
    expect(tail).toBeLessThan(8e-4);
  });

  it('repeat for a seed and differ between seeds; fillNormals leaves the other columns alone', () => {
    const a = new Float32Array(40).fill(9);
    const b = new Float32Array(40).fill(9);
    fillNormals(a, 10, 3, 4, new SampleStream(3));
    fillNormals(b, 10, 3, 4, new SampleStream(3));
    expect(Array.from(a)).toEqual(Array.from(b));
    for (let i = 0; i < 10; i++) expect(a[i * 4 + 3]).toBe(9);
    fillNormals(b, 10, 3, 4, new SampleStream(4));
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });
});

describe('hardRows', () => {
  it('draws each categorical level with its softmax probability and copies numeric columns', () => {
    const logits = [1.2, -0.3, 0.4];
    const p = logits.map(Math.exp);
    const z = p.reduce((a, b) => a + b, 0);
    const rows = 60_000;
    const cols = 4;
    const o = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) o.set([0.25 * i, ...logits], i * cols);
    const out = new Float64Array(rows * cols);
    hardRows(o, rows, cols, [{ offset: 1, width: 3 }], new SampleStream(11), out, 0);
    const counts = [0, 0, 0];
    let numericWrong = 0;
    let notOneHot = 0;
    for (let i = 0; i < rows; i++) {
      if (out[i * cols] !== Math.fround(0.25 * i)) numericWrong++;
      const hot = [1, 2, 3].map((k) => out[i * cols + k]!);
      if (hot.reduce((a, b) => a + b, 0) !== 1 || hot.some((v) => v !== 0 && v !== 1)) notOneHot++;
      counts[hot.indexOf(1)]!++;
    }
    expect({ numericWrong, notOneHot }).toEqual({ numericWrong: 0, notOneHot: 0 });
    // chi-square with 2 degrees of freedom; 13.8 is the 0.1 % critical value
    const chi = counts.reduce((a, c, k) => a + (c - (rows * p[k]!) / z) ** 2 / ((rows * p[k]!) / z), 0);
    expect(chi).toBeLessThan(13.8);
  });

  it('picks the first largest level when logits are not finite', () => {
    const o = Float32Array.from([NaN, Infinity, Infinity, NaN, NaN, NaN]);
    const out = new Float64Array(6);
    hardRows(o, 2, 3, [{ offset: 0, width: 3 }], new SampleStream(1), out, 0);
    expect(Array.from(out)).toEqual([0, 1, 0, 1, 0, 0]);
  });
});

describe('GeneratorForward', () => {
  it('computes the same outputs as the training network, and releases its tensors', () => {
    const net = new Net([5, 8, 6, 3]);
    net.init(createRng(2));
    const rows = 17;
    const x = Float32Array.from({ length: rows * 5 }, (_, i) => Math.sin(i));
    const before = tf.memory().numTensors;
    const fwd = new GeneratorForward(net, LEAK);
    const got = fwd.run(x, rows);
    fwd.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const want = net.outputs(x, rows);
    expect(got.length).toBe(rows * 3);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 5);
    net.disposeTensors();
  });
});
