/**
 * Generates examples/data/demo.csv: a synthetic two-class table in which the rare class B overlaps the common class A,
 * the situation gansweep is for. Deterministic (seed 7); run with `npx tsx examples/data/make-demo.ts`.
 *
 * 1,200 rows, 10% B. Numeric: `tenure` (integer months), `spend`, `visits` (integer), `score`, `ratio`;
 * categorical: `region` (4 levels), `plan` (3 levels). B rows sit ~1 standard deviation away from A on a few
 * columns and share the rest, so a generator that ignores A easily produces A-like "B" rows.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@gansweep/data';

const rng = createRng(7);
const N = 1200;
const nB = 120;

function pick<T>(xs: T[], probs: number[]): T {
  let u = rng.next();
  for (let i = 0; i < xs.length; i++) {
    u -= probs[i]!;
    if (u <= 0) return xs[i]!;
  }
  return xs[xs.length - 1]!;
}

const rows: string[][] = [];
for (let i = 0; i < N; i++) {
  const b = i < nB;
  const z1 = rng.normal();
  const z2 = rng.normal();
  const tenure = Math.max(0, Math.round(30 + 14 * z1 - (b ? 12 : 0)));
  const spend = 50 + 20 * (0.6 * z1 + 0.8 * z2) + (b ? 18 : 0);
  const visits = Math.max(0, Math.round(6 + 3 * rng.normal() + (b ? 2.5 : 0)));
  const score = rng.normal() + (b ? 0.8 * (spend > 60 ? 1 : 0.3) : 0);
  const ratio = Math.exp(0.3 * rng.normal() + (b ? 0.25 : 0));
  const region = pick(['north', 'south', 'east', 'west'], b ? [0.15, 0.45, 0.2, 0.2] : [0.3, 0.2, 0.25, 0.25]);
  const plan = pick(['basic', 'plus', 'pro'], b ? [0.25, 0.35, 0.4] : [0.5, 0.35, 0.15]);
  rows.push([String(tenure), spend.toFixed(2), String(visits), score.toFixed(3), ratio.toFixed(3), region, plan, b ? 'B' : 'A']);
}
rng.shuffle(rows);
const header = ['tenure', 'spend', 'visits', 'score', 'ratio', 'region', 'plan', 'class'];
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo.csv');
writeFileSync(out, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
process.stdout.write(`wrote ${out}: ${N} rows, ${nB} of class B\n`);
