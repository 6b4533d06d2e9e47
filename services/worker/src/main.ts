import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLogger } from '@gansweep/log';
import { Worker } from './worker.ts';
import { createWorkerMetrics, DEFAULT_WORKER_METRICS_LISTEN, startWorkerMetricsServer } from './prom.ts';

const USAGE = `usage: worker --coordinator HOST:PORT [--slots N] [--backend auto|gpu|node|wasm|cpu] [--name NAME]
              [--token-file FILE] [--tls-ca FILE [--tls-cert FILE --tls-key FILE]]
              [--metrics-listen HOST:PORT]   Prometheus /metrics (default 127.0.0.1:9465, '' disables)

Connects to a gansweep coordinator, takes tasks and trains them. SIGTERM drains: running tasks stop at their next
checkpoint slice and are handed back, to resume elsewhere.

Environment: GANSWEEP_COORDINATOR, GANSWEEP_TOKEN or GANSWEEP_TOKEN_FILE, GANSWEEP_BACKEND, GANSWEEP_LOG_LEVEL,
GANSWEEP_LOG_FORMAT=pretty, GANSWEEP_METRICS_LISTEN.`;

function readToken(file: string | undefined): string | undefined {
  const f = file ?? process.env.GANSWEEP_TOKEN_FILE;
  if (f) return readFileSync(f, 'utf8').trim();
  return process.env.GANSWEEP_TOKEN || undefined;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      coordinator: { type: 'string' },
      slots: { type: 'string' },
      backend: { type: 'string' },
      name: { type: 'string' },
      'token-file': { type: 'string' },
      'tls-ca': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'metrics-listen': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const coordinator = values.coordinator ?? process.env.GANSWEEP_COORDINATOR;
  if (!coordinator) {
    process.stderr.write(`worker: --coordinator HOST:PORT is required (or set GANSWEEP_COORDINATOR)\n\n${USAGE}\n`);
    return 2;
  }
  const backend = (values.backend ?? process.env.GANSWEEP_BACKEND ?? 'auto') as 'auto';
  if (!['auto', 'gpu', 'node', 'wasm', 'cpu'].includes(backend)) {
    process.stderr.write(`worker: --backend must be one of auto, gpu, node, wasm, cpu (got "${backend}")\n`);
    return 2;
  }
  const slots = values.slots ? Number(values.slots) : 1;
  if (!Number.isInteger(slots) || slots < 1) {
    process.stderr.write(`worker: --slots must be a positive integer (got "${values.slots}")\n`);
    return 2;
  }
  const log = createLogger({ context: { component: 'worker', pid: process.pid } });
  // --- metrics (services/worker/src/prom.ts) ---
  const metricsListen = values['metrics-listen'] ?? process.env.GANSWEEP_METRICS_LISTEN ?? DEFAULT_WORKER_METRICS_LISTEN;
  const metrics = metricsListen ? createWorkerMetrics({ slots }) : undefined;
  const metricsServer = metrics
    ? await startWorkerMetricsServer(metricsListen, metrics).catch((e: unknown) => {
        // Training matters more than its metrics (e.g. several workers on one host sharing the default port).
        log.error('metrics disabled: give each worker on a host its own --metrics-listen port', { error: (e as Error).message });
        return undefined;
      })
    : undefined;
  if (metricsServer) log.info('metrics listening', { address: metricsServer.address, path: '/metrics' });
  // --- end metrics ---
  const worker = new Worker({
    hooks: metrics?.hooks,
    coordinator,
    slots,
    backend,
    name: values.name,
    log,
    client: {
      token: readToken(values['token-file']),
      tlsCa: values['tls-ca'] ? readFileSync(values['tls-ca']) : undefined,
      tlsCert: values['tls-cert'] ? readFileSync(values['tls-cert']) : undefined,
      tlsKey: values['tls-key'] ? readFileSync(values['tls-key']) : undefined,
    },
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('signal received, draining', { signal });
    void worker.drain();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    await worker.start();
    metrics?.setBackend(worker.backend);
  } catch (e) {
    process.stderr.write(`worker: ${(e as Error).message}\n`);
    return 1;
  }
  await worker.done();
  await metricsServer?.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`worker: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
