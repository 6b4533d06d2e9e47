import { describe, expect, it } from 'vitest';
import { parseSweep, SweepError, createSearch } from '@gansweep/sweep';

const base = {
  name: 'demo',
  dataset: { path: 'data/demo.csv', label: 'class', minority: 'B' },
  validation: { folds: 3, testFraction: 0.2, seed: 0 },
  search: { method: 'random', trials: 8, maxConcurrent: 2 },
  space: { variant: ['gan-min', 'gan-maj'], lr: { logUniform: [1e-5, 1e-3] }, nCritic: [1, 5], steps: 1000 },
  baselines: ['none', 'smote'],
  classifier: { type: 'logistic' },
  select: { metric: 'f1' },
};

function errorOf(obj: unknown): SweepError {
  try {
    parseSweep(JSON.stringify(obj), 'x/sweep.json');
  } catch (e) {
    if (e instanceof SweepError) return e;
    throw e;
  }
  throw new Error('expected a SweepError');
}

describe('sweep file validation', () => {
  it('accepts the documented example and fills defaults', () => {
    const s = parseSweep(JSON.stringify({ ...base, validation: undefined, search: undefined }));
    expect(s.validation).toEqual({ folds: 3, testFraction: 0.2, seed: 0, testFold: 0 });
    expect(s.search.method).toBe('random');
    expect(s.search.maxAttempts).toBe(3);
    expect(s.dataset.minority).toBe('B');
  });

  it('names the JSON path of an unknown field', () => {
    const e = errorOf({ ...base, space: { ...base.space, lrate: 0.1 } });
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.path).toBe('space');
    expect(e.message).toContain('"lrate"');
    expect(e.message).toContain('x/sweep.json');
  });

  it('names the JSON path of a wrongly typed field', () => {
    const e = errorOf({ ...base, validation: { ...base.validation, folds: 'three' } });
    expect(e.issues[0]!.path).toBe('validation.folds');
  });

  it('names the path inside a distribution', () => {
    const e = errorOf({ ...base, space: { ...base.space, lr: { logUniform: [-1, 1e-3] } } });
    expect(e.issues[0]!.path).toBe('space.lr.logUniform[0]');
  });

  it('rejects a reversed range and a distribution under grid search', () => {
    expect(errorOf({ ...base, space: { ...base.space, lr: { uniform: [0.1, 0.01] } } }).message).toContain('low > high');
    const g = errorOf({ ...base, search: { method: 'grid' } });
    expect(g.issues.map((i) => i.path)).toContain('space.lr');
  });

  it('encodes numeric columns by z-score unless dataset.numericEncoding says quantile', () => {
    expect(parseSweep(JSON.stringify(base)).dataset.numericEncoding).toBe('zscore');
    const q = parseSweep(JSON.stringify({ ...base, dataset: { ...base.dataset, numericEncoding: 'quantile' } }));
    expect(q.dataset.numericEncoding).toBe('quantile');
  });

  it('names dataset.numericEncoding when it is not zscore or quantile', () => {
    const e = errorOf({ ...base, dataset: { ...base.dataset, numericEncoding: 'rank' } });
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]!.path).toBe('dataset.numericEncoding');
    expect(e.message).toContain('dataset.numericEncoding');
    expect(e.message).toMatch(/zscore.*quantile/);
  });

  it('reports malformed JSON with the file name', () => {
    expect(() => parseSweep('{ "name": ', 'bad.json')).toThrow(/bad\.json: invalid sweep file[\s\S]*not valid JSON/);
  });

  it('rejects an unknown baseline and an unknown variant', () => {
    expect(errorOf({ ...base, baselines: ['smote', 'smoot'] }).issues[0]!.path).toBe('baselines[1]');
    expect(errorOf({ ...base, space: { ...base.space, variant: ['gan-xyz'] } }).issues[0]!.path).toMatch(/^space\.variant/);
  });
});

describe('search strategies', () => {
  it('random search is reproducible by seed and stays inside the space', () => {
    const s = parseSweep(JSON.stringify(base));
    const a = createSearch(s);
    const b = createSearch(s);
    const xs = Array.from({ length: 8 }, () => a.ask()!);
    const ys = Array.from({ length: 8 }, () => b.ask()!);
    expect(xs).toEqual(ys);
    expect(a.ask()).toBeUndefined();
    for (const p of xs) {
      expect(['gan-min', 'gan-maj']).toContain(p.variant);
      expect(p.lr).toBeGreaterThanOrEqual(1e-5);
      expect(p.lr).toBeLessThanOrEqual(1e-3);
      expect([1, 5]).toContain(p.nCritic);
      expect(p.steps).toBe(1000);
      expect(p.gpWeight).toBe(10);
    }
    expect(new Set(xs.map((p) => p.lr)).size).toBe(8);
  });

  it('grid search enumerates the cartesian product once', () => {
    const s = parseSweep(
      JSON.stringify({
        ...base,
        search: { method: 'grid', trials: 100 },
        space: { variant: ['gan-min', 'gan-maj'], nCritic: [1, 5], hidden: [[32], [64, 64]] },
      }),
    );
    const g = createSearch(s);
    const all = [];
    for (let p = g.ask(); p; p = g.ask()) all.push(p);
    expect(all).toHaveLength(8);
    expect(new Set(all.map((p) => JSON.stringify([p.variant, p.nCritic, p.hidden]))).size).toBe(8);
  });
});

describe('TPE search', () => {
  it('concentrates on the region that scored well once it has observations', async () => {
    const { createTpeSearch } = await import('@gansweep/sweep');
    const tpe = createTpeSearch({ variant: 'gan-maj', lr: { logUniform: [1e-6, 1e-1] } }, 60, 1, { startup: 10 });
    // The objective peaks at lr = 1e-3 (log10 = -3).
    const score = (lr: number) => -Math.abs(Math.log10(lr) + 3);
    const late: number[] = [];
    for (let i = 0; i < 60; i++) {
      const p = tpe.ask()!;
      tpe.tell(p, score(p.lr));
      if (i >= 40) late.push(Math.abs(Math.log10(p.lr) + 3));
    }
    const meanLate = late.reduce((a, b) => a + b, 0) / late.length;
    // Random draws over 5 decades average ~1.3 decades away from the peak; TPE should do far better.
    expect(meanLate).toBeLessThan(0.6);
    expect(tpe.ask()).toBeUndefined();
  });
});

describe('completeParams', () => {
  it('gives ssgan its cross-entropy loss whatever the sweep searched for the other variants', async () => {
    const { completeParams } = await import('@gansweep/sweep');
    expect(completeParams({ variant: 'ssgan', loss: 'wgan-gp' }).loss).toBe('ns');
    expect(completeParams({ variant: 'gan-maj' }).loss).toBe('wgan-gp');
  });
});
