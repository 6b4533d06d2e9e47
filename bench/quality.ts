/**
 * bench:quality — every method of the project on every outer fold of the public suite (BENCHMARK.md, seed0
 * folds), next to imbalanced-learn's baselines on the same folds; writes a JSON results file and a Markdown report.
 *
 *   npm run bench:quality -- [--suite DIR] [--datasets a,b] [--methods m,n] [--classifier logistic|mlp]
 *                            [--out FILE] [--jobs N] [--steps N] [--checkpoint-every N] [--no-peer] [--report-only]
 *                            [--reference FILE]
 *
 * Each finished (dataset, method, fold) cell is appended to FILE's .raw.jsonl log first; a re-run with the same
 * classifier and steps skips the cells already there, so a long run can be stopped and continued.
 */
import { fork, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { getPriority, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { deriveSeed, readManifest } from '@gansweep/data';
import { GAN_DEFAULTS } from '@gansweep/sweep';
import { isGan } from './quality/aggregate.ts';
import { buildReport, type RunMeta } from './quality/report.ts';
import { parseReference } from './quality/reference.ts';
import { jobKey } from './quality/run-cell.ts';
import type { FoldRecord, Job, JobMessage, JobResult, PeerOutput } from './quality/types.ts';

const REPO = resolve(import.meta.dirname, '..');
const DEFAULT_METHODS = [
  'none',
  'class-weight',
  'ros',
  'smote',
  'borderline-smote',
  'adasyn',
  'threshold',
  'gan-min',
  'gan-min+posterior',
  'gan-maj',
  'gan-maj+posterior',
  'cgan-aux',
  'cgan-aux+posterior',
  'ssgan',
  'ssgan-disc',
];
const PEER_METHODS = new Set(['none', 'class-weight', 'ros', 'smote', 'borderline-smote', 'adasyn']);

const { values: args } = parseArgs({
  options: {
    suite: { type: 'string' },
    datasets: { type: 'string' },
    methods: { type: 'string' },
    classifier: { type: 'string', default: 'logistic' },
    out: { type: 'string', default: 'docs/benchmarks/quality.json' },
    jobs: { type: 'string', default: '2' },
    steps: { type: 'string' },
    'checkpoint-every': { type: 'string' },
    'no-peer': { type: 'boolean', default: false },
    'report-only': { type: 'boolean', default: false },
    reference: { type: 'string' },
  },
});

const fromRepo = (p: string): string => (isAbsolute(p) ? p : resolve(REPO, p));
const suite = fromRepo(args.suite ?? process.env.GANSWEEP_DATASETS ?? '../shared/datasets');
if (args.classifier !== 'mlp' && args.classifier !== 'logistic')
  throw new Error(`--classifier must be logistic or mlp, got "${args.classifier}"`);
const classifier: 'logistic' | 'mlp' = args.classifier;
const jobs = Number(args.jobs);
if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs must be a positive integer, got "${args.jobs}"`);
const steps = args.steps === undefined ? GAN_DEFAULTS.steps : Number(args.steps);
if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps must be a positive integer, got "${args.steps}"`);
const checkpointEvery = args['checkpoint-every'] === undefined ? GAN_DEFAULTS.checkpointEvery : Number(args['checkpoint-every']);
const outJson = fromRepo(args.out);
const outMd = outJson.replace(/\.json$/, '') + '.md';
const rawPath = outJson.replace(/\.json$/, '') + '.raw.jsonl';
/** One line per invocation that ran cells (wall time, cells, whether it was stopped), so a continued run adds up. */
const runsPath = outJson.replace(/\.json$/, '') + '.runs.jsonl';
/** The suite's reference figures (REFERENCE.md beside the datasets folder unless --reference names another file). */
const referencePath = args.reference ? fromRepo(args.reference) : join(suite, '..', 'REFERENCE.md');
if (args.reference && !existsSync(referencePath)) throw new Error(`--reference: ${referencePath} does not exist`);
const python = process.env.PYTHON ?? '/usr/bin/python3';
const peerScript = join(REPO, 'bench', 'peers', 'imblearn_baselines.py');

const manifest = await readManifest(suite);
const names = args.datasets ? args.datasets.split(',').map((s) => s.trim()) : manifest.map((e) => e.name);
for (const n of names)
  if (!manifest.some((e) => e.name === n)) throw new Error(`--datasets: "${n}" is not in ${join(suite, 'manifest.json')}`);
const methods = args.methods ? args.methods.split(',').map((s) => s.trim()) : DEFAULT_METHODS;
for (const m of methods)
  if (!DEFAULT_METHODS.includes(m)) throw new Error(`--methods: unknown method "${m}"; known: ${DEFAULT_METHODS.join(', ')}`);
const peerMethods = args['no-peer'] ? [] : methods.filter((m) => PEER_METHODS.has(m));
const K = 5;

/** A cell belongs to this configuration when classifier and (for GANs) steps match. */
const matches = (r: FoldRecord): boolean => r.classifier === classifier && (r.side === 'imblearn' || !isGan(r.method) || r.steps === steps);
const cellKey = (side: string, d: string, m: string, f: number): string => `${side}|${d}|${m}|${f}`;

async function readRaw(): Promise<FoldRecord[]> {
  if (!existsSync(rawPath)) return [];
  return (await readFile(rawPath, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FoldRecord);
}

const done = new Set((await readRaw()).filter((r) => matches(r) && !r.error).map((r) => cellKey(r.side, r.dataset, r.method, r.fold)));

// Cheap work first (peer and baselines on every dataset), then GAN cells dataset by dataset, so that a run cut
// short still leaves whole datasets.
const queue: Job[] = [];
for (const d of names) {
  const entry = manifest.find((e) => e.name === d)!;
  const peerTodo = peerMethods.filter((m) => [...Array(K).keys()].some((f) => !done.has(cellKey('imblearn', d, m, f))));
  if (peerTodo.length > 0) {
    queue.push({
      type: 'peer',
      dataset: d,
      python,
      script: peerScript,
      payload: {
        csv: join(suite, entry.file),
        label: entry.label,
        minority: entry.minority,
        features: entry.features,
        folds: join(suite, entry.folds),
        foldKey: 'seed0',
        methods: peerTodo,
        classifier,
        seed: 0,
      },
    });
  }
}
for (const gan of [false, true]) {
  for (const d of names) {
    for (const f of [...Array(K).keys()]) {
      // A GAN variant's post-filters (gan-min, gan-min+posterior) share one training run: one job per variant.
      const groups = new Map<string, string[]>();
      for (const m of methods.filter((x) => isGan(x) === gan)) {
        if (done.has(cellKey('ours', d, m, f))) continue;
        const key = gan ? jobKey(m) : m;
        groups.set(key, [...(groups.get(key) ?? []), m]);
      }
      for (const group of groups.values()) {
        queue.push({
          type: 'ours',
          suite,
          dataset: d,
          methods: group,
          fold: f,
          classifier,
          seed: deriveSeed(0, d, 'outer', f),
          ...(gan ? { steps, checkpointEvery } : {}),
        });
      }
    }
  }
}

const t0 = performance.now();
let backendDetail = '';
let peerVersions: Record<string, string> = {};

function recordsOf(job: Job, res: JobResult): FoldRecord[] {
  if (job.type === 'ours') {
    const n = job.methods.length;
    const value = (res.value as Record<string, Record<string, number>> | undefined) ?? {};
    return job.methods.map((m) => ({
      side: 'ours' as const,
      dataset: job.dataset,
      method: m,
      fold: job.fold,
      classifier,
      steps: isGan(m) ? steps : null,
      metrics: value[m] ?? {},
      seconds: res.seconds / n,
      ...(res.cpuSeconds !== undefined ? { cpu: res.cpuSeconds / n } : {}),
      ...(n > 1 ? { shared: n } : {}),
      ...(res.ok ? {} : { error: res.error }),
    }));
  }
  if (!res.ok) {
    return (job.payload.methods as string[]).flatMap((m) =>
      [...Array(K).keys()].map((f) => ({
        side: 'imblearn' as const,
        dataset: job.dataset,
        method: m,
        fold: f,
        classifier,
        steps: null,
        metrics: {},
        seconds: res.seconds,
        error: res.error ?? 'peer failed',
      })),
    );
  }
  const out = res.value as PeerOutput;
  peerVersions = out.versions;
  const per = res.seconds / Object.keys(out.results).length / K;
  return Object.entries(out.results).flatMap(([m, r]) =>
    [...Array(K).keys()].map((f) => {
      const metrics: Record<string, number | null> = {};
      for (const [name, arr] of Object.entries(r)) if (Array.isArray(arr)) metrics[name] = arr[f] ?? null;
      return {
        side: 'imblearn' as const,
        dataset: job.dataset,
        method: m,
        fold: f,
        classifier,
        steps: null,
        metrics,
        seconds: per,
        ...(r.error ? { error: r.error } : {}),
      };
    }),
  );
}

const children = new Set<ReturnType<typeof fork>>();
let finished = 0;
const loads: number[] = [];
const startedAt = new Date().toISOString();
/** The code the cells of this invocation ran (the report may be written later, at another commit). */
const startCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();

async function runQueue(): Promise<void> {
  if (queue.length === 0) return;
  await mkdir(dirname(rawPath), { recursive: true });
  let next = 0;
  const total = queue.length;
  const workerPath = join(REPO, 'bench', 'quality', 'worker.ts');
  const one = (): Promise<void> =>
    new Promise((resolveWorker, rejectWorker) => {
      const child = fork(workerPath, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.add(child);
      let current: { id: number; job: Job } | undefined;
      const dispatch = (): void => {
        if (next >= queue.length) {
          child.disconnect();
          return;
        }
        current = { id: next, job: queue[next++]! };
        child.send({ id: current.id, job: current.job } satisfies JobMessage);
      };
      child.on('message', (res: JobResult) => {
        backendDetail = res.backend.detail;
        if (res.id === -1) return dispatch();
        const job = current!.job;
        const recs = recordsOf(job, res);
        finished++;
        loads.push(loadavg()[0]!);
        const label = job.type === 'peer' ? `imblearn ${job.dataset}` : `${job.dataset} ${job.methods.join('/')} fold ${job.fold}`;
        const f1 =
          job.type === 'ours' && res.ok
            ? ` f1=${Object.values(res.value as Record<string, Record<string, number>>)
                .map((m) => m.f1?.toFixed(3))
                .join('/')}`
            : '';
        process.stderr.write(
          `[${finished}/${total} ${((performance.now() - t0) / 1000).toFixed(0)}s] ${label}: ${res.ok ? 'ok' : res.error}${f1} (${res.seconds.toFixed(1)}s, cpu ${(res.cpuSeconds ?? 0).toFixed(1)}s)\n`,
        );
        appendFile(rawPath, recs.map((r) => JSON.stringify(r) + '\n').join('')).then(dispatch, rejectWorker);
      });
      child.on('exit', (code) =>
        stopping || code === 0 || next >= queue.length ? resolveWorker() : rejectWorker(new Error(`worker exited ${code}`)),
      );
    });
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, one));
}

async function writeOutputs(stopped: boolean): Promise<void> {
  const wall = (performance.now() - t0) / 1000;
  if (!args['report-only'] && finished > 0) {
    await appendFile(
      runsPath,
      JSON.stringify({
        started_at: startedAt,
        commit: startCommit,
        nice: getPriority(),
        wall_s: Number(wall.toFixed(1)),
        cells: finished,
        stopped,
        backend: backendDetail,
        load_avg: Number((loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)).toFixed(2)),
        classifier,
        steps,
        command: `npm run bench:quality -- ${process.argv.slice(2).join(' ')}`,
      }) + '\n',
    );
  }
  const runs = existsSync(runsPath)
    ? (await readFile(runsPath, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as RunMeta['runs'][number])
        .filter((r) => r.classifier === classifier && r.steps === steps)
    : [];
  const records = (await readRaw()).filter((r) => matches(r) && names.includes(r.dataset) && methods.includes(r.method));
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
  const tfjs = JSON.parse(await readFile(join(REPO, 'node_modules', '@tensorflow', 'tfjs-core', 'package.json'), 'utf8')) as {
    version: string;
  };
  if (Object.keys(peerVersions).length === 0 && peerMethods.length > 0) {
    peerVersions = JSON.parse(
      execFileSync(
        python,
        [
          '-c',
          'import json, imblearn, sklearn, numpy; print(json.dumps({"imblearn": imblearn.__version__, "sklearn": sklearn.__version__, "numpy": numpy.__version__}))',
        ],
        { encoding: 'utf8' },
      ),
    ) as Record<string, string>;
  }
  const meta: RunMeta = {
    versions: {
      node: process.version,
      'tfjs-core': tfjs.version,
      backend:
        backendDetail ||
        runs
          .map((r) => r.backend)
          .filter(Boolean)
          .pop() ||
        '(unknown: no job ran in this invocation)',
      ...peerVersions,
    },
    command: `npm run bench:quality -- ${process.argv.slice(2).join(' ')}`.trim(),
    wall_s: wall,
    runs,
    classifier,
    steps,
    checkpoint_every: checkpointEvery,
    commit,
    jobs,
    suite: args.suite ?? process.env.GANSWEEP_DATASETS ?? '../shared/datasets',
    datasets_requested: names,
    methods_requested: methods,
    finished_at: new Date().toISOString(),
  };
  const reference = existsSync(referencePath)
    ? { figures: parseReference(await readFile(referencePath, 'utf8'), referencePath), name: 'REFERENCE.md' }
    : undefined;
  if (!reference) process.stderr.write(`no reference figures at ${referencePath}; the report leaves that section out\n`);
  const { json, markdown } = buildReport(
    records,
    meta,
    manifest.filter((e) => names.includes(e.name)),
    reference,
  );
  await mkdir(dirname(outJson), { recursive: true });
  await writeFile(outJson, JSON.stringify(json, null, 2) + '\n');
  await writeFile(outMd, markdown);
  process.stderr.write(`wrote ${outJson} and ${outMd} (${records.length} fold records; wall ${meta.wall_s.toFixed(0)} s)\n`);
}

// Stopping the run (Ctrl-C, kill) keeps every finished cell and still writes the report over them.
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    process.stderr.write(`${sig}: stopping; writing the report over the finished cells\n`);
    writeOutputs(true).then(
      () => process.exit(130),
      (e: unknown) => {
        process.stderr.write(`${String(e)}\n`);
        process.exit(1);
      },
    );
  });
}

if (!args['report-only']) await runQueue();
if (!stopping) await writeOutputs(false);
