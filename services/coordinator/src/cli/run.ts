import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSweepClient, type BestMsg, type SubmitSweepResponseMsg } from '@gansweep/contract';
import { createArtifactStore } from '@gansweep/store';
import { createLogger } from '@gansweep/log';
import { startCoordinator } from '../server.ts';
import { createMemoryJournal } from '../journal.ts';
import { buildLeaderboard } from '../leaderboard.ts';
import { buildReport } from '../report/index.ts';
import { call, CliError, readSweepFile, submission } from './client.ts';
import { leaderboardTable } from './render.ts';
import { watchSweep } from './watch.ts';
import { writeSamples } from './samples-file.ts';

const WORKER_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../worker/bin/worker.js');

export interface RunOptions {
  sweepFile: string;
  /** Worker processes to spawn. @default os.availableParallelism() */
  workers?: number;
  /** Output directory. @default runs/<sweep-name>-<timestamp> */
  out?: string;
  /** Synthetic rows in samples.csv. @default enough minority rows to balance the dataset */
  samples?: number;
  /** @default 10000 */
  leaseTimeoutMs?: number;
  quiet?: boolean;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * `coordinator run`: the whole system on one machine. A coordinator on loopback, N worker processes connected over
 * gRPC, a local folder as artifact store, progress over the gRPC stream. The output directory appears only when the
 * run succeeded (it is assembled under a .partial name and renamed at the end).
 */
export async function runEmbedded(options: RunOptions): Promise<string> {
  const sweep = readSweepFile(options.sweepFile);
  const outDir = path.resolve(options.out ?? path.join('runs', `${sweep.spec.name}-${timestamp()}`));
  if (existsSync(outDir)) throw new CliError(`output directory ${outDir} already exists; choose another with --out`, 2);
  const nWorkers = options.workers ?? os.availableParallelism();
  if (!Number.isInteger(nWorkers) || nWorkers < 1) throw new CliError(`--workers must be a positive integer (got ${options.workers})`, 2);

  const partial = `${outDir}.partial-${process.pid}`;
  mkdirSync(path.join(partial, 'logs'), { recursive: true });
  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'gansweep-store-'));
  // The coordinator's own log lines interleave with the progress line: warnings and errors only by default.
  const log = createLogger({
    level: (process.env.GANSWEEP_LOG_LEVEL as 'info' | undefined) ?? 'warn',
    sink: (l) => process.stderr.write(`${l}\n`),
  });
  const store = await createArtifactStore(storeDir);
  const coordinator = await startCoordinator({
    listen: '127.0.0.1:0',
    store,
    storeUrl: storeDir,
    journal: createMemoryJournal(),
    log,
    leaseTimeoutMs: options.leaseTimeoutMs ?? 10_000,
    heartbeatIntervalMs: 1000,
  });
  const workers = new Set<ChildProcess>();
  let running = true;
  let restarts = 0;
  const spawnWorker = (i: number): void => {
    const logFile = createWriteStream(path.join(partial, 'logs', `worker-${i}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [WORKER_BIN, '--coordinator', coordinator.address, '--name', `local-${i}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Local workers share one host: no per-worker metrics port (they would collide on the default).
      env: { ...process.env, GANSWEEP_LOG_LEVEL: process.env.GANSWEEP_LOG_LEVEL ?? 'info', GANSWEEP_METRICS_LISTEN: '' },
    });
    child.stdout!.pipe(logFile, { end: false });
    child.stderr!.pipe(logFile, { end: false });
    workers.add(child);
    child.on('exit', (code, signal) => {
      workers.delete(child);
      logFile.end();
      if (!running) return;
      // A worker that dies mid-run is replaced; its task's lease expires and the task is retried.
      if (restarts++ < 3 * nWorkers) {
        process.stderr.write(`\nworker ${i} exited (${signal ?? `code ${code}`}); starting a new one\n`);
        spawnWorker(i);
      } else process.stderr.write(`\nworker ${i} exited (${signal ?? `code ${code}`}); not restarting (too many restarts)\n`);
    });
  };
  const client = createSweepClient(coordinator.address);
  const cleanup = async () => {
    running = false;
    for (const w of workers) w.kill('SIGTERM');
    const deadline = Date.now() + 5000;
    while (workers.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const w of workers) w.kill('SIGKILL');
    client.close();
    await coordinator.close();
    await store.close();
    rmSync(storeDir, { recursive: true, force: true });
  };
  const onSignal = () => {
    process.stderr.write('\ninterrupted; stopping workers\n');
    void cleanup().finally(() => {
      rmSync(partial, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  try {
    for (let i = 0; i < nWorkers; i++) spawnWorker(i);
    const sub = await call<object, SubmitSweepResponseMsg>(client, coordinator.address, 'SubmitSweep', submission(sweep));
    const record = coordinator.scheduler.sweeps.get(sub.sweepId)!;
    if (!options.quiet) {
      process.stderr.write(`sweep ${sub.sweepId}: ${record.datasetSummary}\n`);
      process.stderr.write(
        `${nWorkers} worker processes, ${sub.trials} trials x ${record.nFolds} folds; logs in ${path.join(outDir, 'logs')}\n`,
      );
    }
    const final = await watchSweep(client, coordinator.address, sub.sweepId, { quiet: options.quiet });
    if (final.state !== 'done') throw new CliError(`sweep ${sub.sweepId} ${final.state}: ${final.error || 'no detail'}`);

    const lb = buildLeaderboard(record);
    writeFileSync(path.join(partial, 'leaderboard.json'), JSON.stringify(lb, null, 2) + '\n');
    const best = await call<object, BestMsg>(client, coordinator.address, 'GetBest', { sweepId: sub.sweepId });
    if (best.hasGenerator) {
      mkdirSync(path.join(partial, 'best'));
      writeFileSync(path.join(partial, 'best', 'generator.json'), await store.get(best.generatorKey));
      writeFileSync(path.join(partial, 'best', 'encoder.json'), await store.get(best.encoderKey));
      const gt = best.generatorTrial!;
      writeFileSync(
        path.join(partial, 'best', 'trial.json'),
        JSON.stringify(
          {
            trialId: gt.trialId,
            method: gt.method,
            params: JSON.parse(gt.paramsJson) as unknown,
            validation: { metric: record.spec.select.metric, folds: gt.foldValF1, mean: gt.meanValF1, std: gt.stdValF1 },
            test: best.generatorTestMetrics,
            winnerIsGan: best.winnerIsGan,
            note: best.winnerIsGan
              ? 'this generator won the sweep'
              : `the sweep was won by the baseline ${best.trial?.method}; this is the best GAN generator, which did not beat it (see leaderboard.json)`,
          },
          null,
          2,
        ) + '\n',
      );
      // By default, as many rows as it takes to balance the whole dataset.
      const rows = options.samples ?? Math.max(100, record.rows - 2 * record.minorityRows);
      await writeSamples(client, coordinator.address, sub.sweepId, rows, 0, path.join(partial, 'samples.csv'));
    }
    writeFileSync(path.join(partial, 'report.html'), await buildReport(record, store));
    await cleanup();
    renameSync(partial, outDir);
    process.stdout.write(`${leaderboardTable(lb)}\n\n`);
    process.stdout.write(
      best.hasGenerator
        ? `wrote ${outDir}: leaderboard.json, report.html, best/ (${best.generatorTrial?.trialId} ${best.generatorTrial?.method}${best.winnerIsGan ? '' : ', best GAN; a baseline won'}), samples.csv\n`
        : `wrote ${outDir}: leaderboard.json, report.html (no GAN trial finished, so no generator or samples)\n`,
    );
    return outDir;
  } catch (e) {
    await cleanup().catch(() => undefined);
    rmSync(partial, { recursive: true, force: true });
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}
