import { createRng, type Rng } from '@gansweep/data';
import type { SpaceSpec } from './schema.ts';
import { completeParams, dimensionsOf, drawDist, type GanTrialParams, type SearchStrategy } from './search.ts';

/** TPE settings. */
export interface TpeOptions {
  /** Random configurations before the model takes over. @default max(4, trials / 5) */
  startup?: number;
  /** Share of observations counted as good. @default 0.25 */
  gamma?: number;
  /** Candidates drawn from the good model per ask. @default 24 */
  candidates?: number;
}

type Dim = ReturnType<typeof dimensionsOf>[number];

/** Maps a value of a numeric dimension to the space its kernel lives in (log for logUniform). */
function toLatent(d: Extract<Dim, { kind: 'dist' }>, v: number): number {
  return 'logUniform' in d.dist ? Math.log(v) : v;
}

function bounds(d: Extract<Dim, { kind: 'dist' }>): [number, number] {
  const [lo, hi] = 'uniform' in d.dist ? d.dist.uniform : 'logUniform' in d.dist ? d.dist.logUniform : d.dist.int;
  return [toLatent(d, lo), toLatent(d, hi)];
}

/** Log density of a Parzen mixture (Gaussian kernels plus a uniform prior component) at x. */
function parzenLogDensity(x: number, points: number[], lo: number, hi: number): number {
  const range = Math.max(hi - lo, 1e-12);
  const bw = range / Math.max(1, Math.sqrt(points.length + 1));
  let p = 1 / range;
  for (const c of points) p += Math.exp(-0.5 * ((x - c) / bw) ** 2) / (bw * Math.sqrt(2 * Math.PI));
  return Math.log(p / (points.length + 1));
}

function sampleParzen(points: number[], lo: number, hi: number, rng: Rng): number {
  const k = rng.int(points.length + 1);
  if (k === points.length) return lo + rng.next() * (hi - lo);
  const bw = (hi - lo) / Math.max(1, Math.sqrt(points.length + 1));
  return Math.min(hi, Math.max(lo, points[k]! + rng.normal() * bw));
}

function key(v: unknown): string {
  return JSON.stringify(v);
}

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), one independent density per dimension: after a random
 * start, observations are split into the best `gamma` share and the rest; candidates drawn from the good densities
 * are ranked by l(x)/g(x). Choices use add-one smoothed frequencies.
 */
export function createTpeSearch(space: SpaceSpec, trials: number, seed: number, options: TpeOptions = {}): SearchStrategy {
  const rng = createRng(seed);
  const dims = dimensionsOf(space);
  const startup = options.startup ?? Math.max(4, Math.floor(trials / 5));
  const gamma = options.gamma ?? 0.25;
  const nCand = options.candidates ?? 24;
  const observed: { p: Record<string, unknown>; score: number }[] = [];
  let asked = 0;

  const randomPoint = (): Record<string, unknown> => {
    const p: Record<string, unknown> = {};
    for (const d of dims)
      p[d.key] = d.kind === 'fixed' ? d.value : d.kind === 'choice' ? d.values[rng.int(d.values.length)] : drawDist(d.dist, rng);
    return p;
  };

  const modelPoint = (): Record<string, unknown> => {
    const sorted = [...observed].sort((a, b) => b.score - a.score);
    const nGood = Math.max(1, Math.ceil(gamma * sorted.length));
    const good = sorted.slice(0, nGood).map((o) => o.p);
    const bad = sorted.slice(nGood).map((o) => o.p);
    const p: Record<string, unknown> = {};
    for (const d of dims) {
      if (d.kind === 'fixed') {
        p[d.key] = d.value;
      } else if (d.kind === 'choice') {
        const freq = (set: Record<string, unknown>[]) =>
          d.values.map((v) => (set.filter((s) => key(s[d.key]) === key(v)).length + 1) / (set.length + d.values.length));
        const l = freq(good);
        const g = freq(bad);
        let bestI = 0;
        let bestR = -Infinity;
        for (let c = 0; c < nCand; c++) {
          // Draw from l, keep the draw with the best ratio.
          let u = rng.next();
          let i = 0;
          while (i < l.length - 1 && u > l[i]!) u -= l[i++]!;
          const r = Math.log(l[i]!) - Math.log(g[i]!);
          if (r > bestR) [bestR, bestI] = [r, i];
        }
        p[d.key] = d.values[bestI];
      } else {
        const [lo, hi] = bounds(d);
        const gp = good.map((s) => toLatent(d, s[d.key] as number));
        const bp = bad.map((s) => toLatent(d, s[d.key] as number));
        let best = lo;
        let bestR = -Infinity;
        for (let c = 0; c < nCand; c++) {
          const x = sampleParzen(gp, lo, hi, rng);
          const r = parzenLogDensity(x, gp, lo, hi) - parzenLogDensity(x, bp, lo, hi);
          if (r > bestR) [bestR, best] = [r, x];
        }
        let v = 'logUniform' in d.dist ? Math.exp(best) : best;
        if ('int' in d.dist) v = Math.round(v);
        p[d.key] = v;
      }
    }
    return p;
  };

  return {
    total: trials,
    ask: (): GanTrialParams | undefined => {
      if (asked >= trials) return undefined;
      asked++;
      return completeParams(observed.length < startup ? randomPoint() : modelPoint());
    },
    tell: (params, score) => {
      if (Number.isFinite(score)) observed.push({ p: params as unknown as Record<string, unknown>, score });
    },
  };
}
