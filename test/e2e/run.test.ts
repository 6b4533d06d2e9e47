import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, decodeMatrix, type EncoderSpec } from '@gansweep/data';
import { createSampler, initBackend, type GeneratorCheckpoint } from '@gansweep/gan';
import { ROOT, runCli } from '../support/cli.ts';

const DEMO = path.join(ROOT, 'examples/data/demo.csv');

function tinySweep(dir: string, overrides: Record<string, unknown> = {}): string {
  const sweep = {
    name: 'tiny',
    dataset: { path: DEMO, label: 'class', minority: 'B' },
    validation: { folds: 2, testFraction: 0.2, seed: 1 },
    search: { method: 'random', trials: 2, maxConcurrent: 2 },
    space: {
      variant: ['gan-min', 'gan-maj'],
      lr: { logUniform: [2e-4, 1e-3] },
      nCritic: [2],
      steps: 40,
      checkpointEvery: 20,
      batchSize: 32,
      hidden: [16, 16],
      latentDim: 8,
    },
    baselines: ['none', 'smote'],
    classifier: { type: 'logistic' },
    ...overrides,
  };
  const file = path.join(dir, 'sweep.json');
  writeFileSync(file, JSON.stringify(sweep));
  return file;
}

interface LeaderboardJson {
  state: string;
  verdict: string;
  winner?: { trialId: string; test: Record<string, number> };
  rows: {
    trialId: string;
    method: string;
    status: string;
    foldScores: number[];
    mean: number;
    attempts: number;
    metrics: Record<string, { mean: number }>;
  }[];
}

describe('coordinator run (embedded: coordinator + 2 worker processes over loopback gRPC)', () => {
  it('runs a sweep end to end and writes leaderboard, checkpoint and decodable samples', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-'));
    const out = path.join(dir, 'out');
    const res = await runCli(['run', tinySweep(dir), '--workers', '2', '--out', out, '--samples', '500']);
    expect(res.stderr).not.toMatch(/Error:/);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('verdict:');

    const lb = JSON.parse(readFileSync(path.join(out, 'leaderboard.json'), 'utf8')) as LeaderboardJson;
    expect(lb.state).toBe('done');
    expect(lb.rows.map((r) => r.trialId).sort()).toEqual(['b-none', 'b-smote', 't001', 't002']);
    for (const r of lb.rows) {
      expect(r.status).toBe('done');
      expect(r.foldScores).toHaveLength(2);
      for (const f of r.foldScores) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
      }
    }
    // Rows are ranked by mean validation F1.
    const means = lb.rows.map((r) => r.mean);
    expect([...means].sort((a, b) => b - a)).toEqual(means);
    // Oversamplers that create rows report contamination.
    expect(lb.rows.find((r) => r.trialId === 'b-smote')!.metrics.contam_knn!.mean).toBeGreaterThanOrEqual(0);
    expect(lb.rows.find((r) => r.method.startsWith('gan'))!.metrics.contam_knn!.mean).toBeGreaterThanOrEqual(0);
    expect(lb.winner!.test.f1).toBeGreaterThanOrEqual(0);
    expect(lb.verdict.length).toBeGreaterThan(10);

    // The checkpoint loads and generates rows that decode to the dataset's columns.
    const ckpt = JSON.parse(readFileSync(path.join(out, 'best/generator.json'), 'utf8')) as GeneratorCheckpoint;
    const enc = JSON.parse(readFileSync(path.join(out, 'best/encoder.json'), 'utf8')) as EncoderSpec;
    await initBackend('auto');
    const sampler = createSampler(ckpt);
    const m = sampler.sample(50, 3);
    sampler.dispose();
    expect(m.rows).toBe(50);
    expect(m.cols).toBe(enc.width);
    expect(decodeMatrix(enc, m)).toHaveLength(50);

    // samples.csv: original column names, value types and category levels.
    const table = parseCsv(readFileSync(path.join(out, 'samples.csv'), 'utf8'), 'samples.csv');
    expect(table.header).toEqual(['tenure', 'spend', 'visits', 'score', 'ratio', 'region', 'plan']);
    expect(table.rows).toHaveLength(500);
    for (const r of table.rows) {
      expect(Number.isInteger(Number(r[0]))).toBe(true);
      expect(Number.isInteger(Number(r[2]))).toBe(true);
      expect(Number.isFinite(Number(r[1]))).toBe(true);
      expect(['north', 'south', 'east', 'west']).toContain(r[5]);
      expect(['basic', 'plus', 'pro']).toContain(r[6]);
    }
    const trial = JSON.parse(readFileSync(path.join(out, 'best/trial.json'), 'utf8')) as {
      method: string;
      validation: { folds: number[] };
    };
    expect(trial.method).toMatch(/^gan-/);
    expect(trial.validation.folds).toHaveLength(2);
    expect(readdirSync(path.join(out, 'logs')).length).toBeGreaterThanOrEqual(2);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    for (const id of ['b-none', 'b-smote', 't001', 't002']) expect(html).toContain(id);
  });

  it('retries the trial of a worker killed mid-task on another worker and still completes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-e2e-'));
    const out = path.join(dir, 'out');
    let killed = false;
    const res = await runCli(
      [
        'run',
        tinySweep(dir, {
          space: { variant: ['gan-maj'], steps: 4000, checkpointEvery: 100, batchSize: 64, hidden: [32, 32], nCritic: [3] },
          baselines: ['none'],
        }),
        '--workers',
        '2',
        '--out',
        out,
      ],
      {
        onSpawn: (child) => {
          // Kill the first worker process as soon as its log shows a GAN task running.
          const poll = setInterval(async () => {
            const logs = (await readdir(dir)).find((d) => d.startsWith('out.partial-'));
            if (!logs || killed) return;
            const log = await readFile(path.join(dir, logs, 'logs', 'worker-0.log'), 'utf8').catch(() => '');
            if (!/"msg":"task started".*"method":"gan-maj"/.test(log)) return;
            const children = (await readFile(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')).trim().split(/\s+/).map(Number);
            for (const pid of children) {
              const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
              if (cmd.includes('local-0')) {
                process.kill(pid, 'SIGKILL');
                killed = true;
                clearInterval(poll);
              }
            }
          }, 100);
          child.on('exit', () => clearInterval(poll));
        },
      },
    );
    expect(killed).toBe(true);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/worker 0 exited \(SIGKILL\); starting a new one/);
    const lb = JSON.parse(readFileSync(path.join(out, 'leaderboard.json'), 'utf8')) as LeaderboardJson;
    expect(lb.state).toBe('done');
    const gan = lb.rows.filter((r) => r.method === 'gan-maj');
    expect(gan.every((r) => r.status === 'done')).toBe(true);
    // One task ran twice: total attempts exceed the task count.
    const attempts = lb.rows.reduce((a, r) => a + r.attempts, 0);
    expect(attempts).toBeGreaterThan(lb.rows.length * 2);
  });
});

describe('coordinator run rejects bad input before starting anything', () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    [
      'a missing dataset file',
      (d) => tinySweep(d, { dataset: { path: 'nope.csv', label: 'class', minority: 'B' } }),
      /dataset\.path "nope\.csv" not found/,
    ],
    [
      'a missing label column',
      (d) => tinySweep(d, { dataset: { path: DEMO, label: 'klass', minority: 'B' } }),
      /label column "klass" not found; columns are: .*class/,
    ],
    [
      'a minority value that never occurs',
      (d) => tinySweep(d, { dataset: { path: DEMO, label: 'class', minority: 'C' } }),
      /minority value "C" never occurs in column "class" \(values: A ×1080, B ×120\)/,
    ],
    [
      'more folds than minority rows',
      (d) => {
        const rows = Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 0.37).toFixed(2)},${i < 4 ? 'B' : 'A'}`);
        writeFileSync(path.join(d, 'few.csv'), ['a,b,class', ...rows].join('\n'));
        return tinySweep(d, { dataset: { path: 'few.csv', label: 'class', minority: 'B' }, validation: { folds: 5, testFraction: 0.25 } });
      },
      /has 3 minority rows in the training part, fewer than validation\.folds = 5/,
    ],
    ['an unknown field', (d) => tinySweep(d, { searh: {} }), /\(top level\): unknown field\(s\) "searh"/],
    [
      'a wrongly typed field',
      (d) => tinySweep(d, { validation: { folds: 'three' } }),
      /validation\.folds: Expected number, received string/,
    ],
  ];
  for (const [what, make, message] of cases) {
    it(`exits non-zero with a clear message for ${what}, leaving no output directory`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-bad-'));
      const out = path.join(dir, 'out');
      const res = await runCli(['run', make(dir), '--workers', '1', '--out', out], { timeoutMs: 60_000 });
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(message);
      expect(res.stderr.trim().split('\n').length).toBeLessThan(6);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.startsWith('out'))).toEqual([]);
    });
  }
});

describe('coordinator run with a fixed fold file (BENCHMARK.md format)', () => {
  it('holds out the named fold as the test set and validates on the other folds', async () => {
    const suite = process.env.GANSWEEP_DATASETS ?? path.resolve(ROOT, '../shared/datasets');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-folds-'));
    const file = path.join(dir, 'glass6.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'glass6-folds',
        dataset: {
          path: path.join(suite, 'glass6.csv'),
          label: 'Class',
          minority: 'positive',
          folds: path.join(suite, 'glass6.folds.json'),
        },
        validation: { testFold: 2 },
        baselines: ['none', 'smote'],
      }),
    );
    const out = path.join(dir, 'out');
    const res = await runCli(['run', file, '--workers', '1', '--out', out, '--quiet']);
    expect(res.code, res.stderr).toBe(0);
    const lb = JSON.parse(readFileSync(path.join(out, 'leaderboard.json'), 'utf8')) as LeaderboardJson & { dataset: string };
    const folds = (JSON.parse(readFileSync(path.join(suite, 'glass6.folds.json'), 'utf8')) as { seed0: number[] }).seed0;
    const testRows = folds.filter((f) => f === 2).length;
    expect(lb.dataset).toContain(`${testRows} test rows held out`);
    expect(lb.dataset).toContain('in 4 folds');
    for (const r of lb.rows) expect(r.foldScores).toHaveLength(4);
    // No GAN ran, so no generator or samples are written; the leaderboard says a baseline won.
    expect(existsSync(path.join(out, 'samples.csv'))).toBe(false);
  });
});
