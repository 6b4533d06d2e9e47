import { describe, expect, it } from 'vitest';
import { createRng, fromRows, zeros } from '@gansweep/data';
import { contamKnn, contamKnnReal, kneighbors } from '../src/index.ts';
import { bruteKnn } from './helpers.ts';

describe('kneighbors', () => {
  it('agrees with a full sort, including leaving out each row itself', () => {
    const rng = createRng(1);
    const data = zeros(300, 4);
    for (let i = 0; i < data.data.length; i++) data.data[i] = Math.round(rng.normal() * 4) / 4; // many ties
    const got = kneighbors(data, data, 6, { exclude: Int32Array.from({ length: 300 }, (_, i) => i) });
    const ref = bruteKnn(data, data, 6, (q) => q);
    for (let q = 0; q < 300; q++) {
      expect(Array.from(got.indices.subarray(q * 6, q * 6 + 6))).toEqual(ref[q]);
      expect(got.indices.subarray(q * 6, q * 6 + 6)).not.toContain(q);
    }
  });

  it('finds each row itself as its nearest neighbour in a 5,000 × 5,000 query', () => {
    const rng = createRng(2);
    const data = zeros(5000, 30);
    for (let i = 0; i < data.data.length; i++) data.data[i] = rng.normal();
    const r = kneighbors(data, data, 5);
    for (let q = 0; q < 5000; q += 500) expect(r.indices[q * 5]).toBe(q); // its own point is nearest
  });
});

describe('contamination', () => {
  // 1-D: majority at 0..0.3, a stray minority row at 0.15, a clean minority cluster at 10..10.3.
  const X = fromRows([[0], [0.1], [0.2], [0.3], [0.15], [10], [10.1], [10.2], [10.3]]);
  const y = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1]);

  it('counts synthetic rows whose 5 nearest real rows hold 3+ majority rows', () => {
    // 0.05 -> {0, 0.1, 0.15, 0.2, 0.3}: 4 majority; 10.05 -> {10, 10.1, 10.2, 10.3, 0.3}: 1 majority.
    expect(contamKnn(fromRows([[0.05], [10.05]]), X, y)).toBe(0.5);
    expect(contamKnn(fromRows([[0.05], [10.05]]), X, y, 5, 1)).toBe(1);
    expect(contamKnn(zeros(0, 1), X, y)).toBeNaN();
  });

  it('scores real minority rows with their own point left out', () => {
    // 0.15 -> 4 majority of 5; each of 10..10.3 -> 3 cluster mates + 0.3 + 0.2 = 2 majority.
    expect(contamKnnReal(X, y)).toBeCloseTo(1 / 5, 12);
    expect(contamKnnReal(X, y, 5, 2)).toBe(1);
    expect(contamKnnReal(X, new Uint8Array(9))).toBeNaN();
  });
});
