import { writeFileSync } from 'node:fs';
import type { BestMsg, ListSweepsResponseMsg, ReportResponseMsg, SubmitSweepResponseMsg, SweepMsg } from '@gansweep/contract';
import { call, CliError, connect, readSweepFile, submission, type ConnectionFlags } from './client.ts';
import { statusText } from './render.ts';
import { watchSweep } from './watch.ts';
import { writeSamples } from './samples-file.ts';

/** `coordinator submit SWEEP.json [--watch]`: prints the sweep id (and follows it with --watch). */
export async function submit(file: string, flags: ConnectionFlags & { watch?: boolean }): Promise<number> {
  const sweep = readSweepFile(file);
  const { client, address } = connect(flags);
  try {
    const res = await call<object, SubmitSweepResponseMsg>(client, address, 'SubmitSweep', submission(sweep));
    process.stdout.write(`${res.sweepId}\n`);
    if (!flags.watch) return 0;
    const final = await watchSweep(client, address, res.sweepId);
    process.stdout.write(statusText(final) + '\n');
    return final.state === 'done' ? 0 : 1;
  } finally {
    client.close();
  }
}

/** `coordinator status [ID] [--json]`. */
export async function status(id: string | undefined, flags: ConnectionFlags & { json?: boolean }): Promise<number> {
  const { client, address } = connect(flags);
  try {
    if (id) {
      const s = await call<object, SweepMsg>(client, address, 'GetSweep', { sweepId: id });
      process.stdout.write(flags.json ? JSON.stringify(s, null, 2) + '\n' : statusText(s) + '\n');
    } else {
      const list = await call<object, ListSweepsResponseMsg>(client, address, 'ListSweeps', {});
      const sweeps = list.sweeps;
      if (flags.json) process.stdout.write(JSON.stringify(sweeps, null, 2) + '\n');
      else if (sweeps.length === 0) process.stdout.write('no sweeps\n');
      else
        for (const s of sweeps)
          process.stdout.write(
            `${s.sweepId.padEnd(24)} ${s.state.padEnd(10)} tasks ${s.tasks!.done}/${s.tasks!.total}  best ${s.bestTrialId || '-'} ${s.bestTrialId ? s.bestValF1.toFixed(3) : ''}\n`,
          );
    }
    return 0;
  } finally {
    client.close();
  }
}

/** `coordinator watch ID`: progress until the sweep ends. */
export async function watch(id: string, flags: ConnectionFlags): Promise<number> {
  const { client, address } = connect(flags);
  try {
    const final = await watchSweep(client, address, id);
    process.stdout.write(statusText(final) + '\n');
    return final.state === 'done' ? 0 : 1;
  } finally {
    client.close();
  }
}

export async function cancel(id: string, flags: ConnectionFlags): Promise<number> {
  const { client, address } = connect(flags);
  try {
    const s = await call<object, SweepMsg>(client, address, 'CancelSweep', { sweepId: id });
    process.stdout.write(`${s.sweepId} ${s.state}\n`);
    return 0;
  } finally {
    client.close();
  }
}

/** `coordinator best ID [--json]`: the winner, its scores, and which generator is handed over. */
export async function best(id: string, flags: ConnectionFlags & { json?: boolean }): Promise<number> {
  const { client, address } = connect(flags);
  try {
    const b = await call<object, BestMsg>(client, address, 'GetBest', { sweepId: id });
    if (flags.json) {
      process.stdout.write(JSON.stringify(b, null, 2) + '\n');
      return 0;
    }
    const t = b.trial!;
    const lines = [
      `winner: ${t.trialId} (${t.method}) val f1 ${t.meanValF1.toFixed(3)} ± ${t.stdValF1.toFixed(3)}`,
      Object.keys(b.testMetrics).length
        ? `  held-out test: f1 ${b.testMetrics.f1?.toFixed(3)}, precision ${b.testMetrics.precision?.toFixed(3)}, recall ${b.testMetrics.recall?.toFixed(3)}, pr_auc ${b.testMetrics.pr_auc?.toFixed(3)}`
        : '  held-out test: pending',
      `  params: ${t.paramsJson}`,
    ];
    if (b.hasGenerator && !b.winnerIsGan)
      lines.push(
        `generator handed over: ${b.generatorTrial?.trialId} (${b.generatorTrial?.method}), the best GAN; it did NOT beat the winner`,
      );
    else if (!b.hasGenerator) lines.push('no generator: no GAN trial finished');
    if (b.hasGenerator) lines.push(`  files: ${b.generatorKey}, ${b.encoderKey} in ${b.storeLocation}`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    client.close();
  }
}

/** `coordinator samples ID -n N [-o FILE] [--seed S]`: streams rows from the best generator into a CSV. */
export async function samples(id: string, flags: ConnectionFlags & { n?: string; o?: string; seed?: string }): Promise<number> {
  const n = Number(flags.n ?? '1000');
  if (!Number.isInteger(n) || n < 1) throw new CliError(`-n must be a positive integer (got "${flags.n}")`, 2);
  const seed = Number(flags.seed ?? '0');
  if (!Number.isInteger(seed) || seed < 0) throw new CliError(`--seed must be a non-negative integer (got "${flags.seed}")`, 2);
  const { client, address } = connect(flags);
  try {
    const out = flags.o ?? '-';
    const written = await writeSamples(client, address, id, n, seed, out);
    if (out !== '-') process.stderr.write(`wrote ${written} rows to ${out}\n`);
    return 0;
  } finally {
    client.close();
  }
}

/** `coordinator report ID -o report.html`: a self-contained HTML report of the sweep. */
export async function report(id: string, flags: ConnectionFlags & { o?: string }): Promise<number> {
  const out = flags.o ?? `${id}-report.html`;
  const { client, address } = connect(flags);
  try {
    const r = await call<object, ReportResponseMsg>(client, address, 'GetReport', { sweepId: id }, 300_000);
    writeFileSync(out, r.html);
    process.stderr.write(`wrote ${out}\n`);
    return 0;
  } finally {
    client.close();
  }
}
