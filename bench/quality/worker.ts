/**
 * One bench:quality worker process (forked by bench/quality.ts): initialises the tfjs backend once, then runs the
 * jobs it receives over IPC (run-cell.ts) and sends back metrics and timings.
 */
import { initBackend } from '@gansweep/gan';
import { runOurs, runPeer } from './run-cell.ts';
import type { JobMessage, JobResult } from './types.ts';

const backend = await initBackend('auto');

process.on('message', (msg: JobMessage) => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const cpu = (): number => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  const work = msg.job.type === 'peer' ? runPeer(msg.job) : runOurs(msg.job);
  work.then(
    (value) => send({ id: msg.id, ok: true, value, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpu(), backend }),
    (e: unknown) =>
      send({
        id: msg.id,
        ok: false,
        error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
        seconds: (performance.now() - t0) / 1000,
        cpuSeconds: cpu(),
        backend,
      }),
  );
});

function send(r: JobResult): void {
  process.send?.(r);
}

send({ id: -1, ok: true, value: null, seconds: 0, backend });
