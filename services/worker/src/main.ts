import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLogger } from '@gansweep/log';
import { Worker } from './worker.ts';

const USAGE = `usage: worker --coordinator HOST:PORT [--slots N] [--backend auto|gpu|node|wasm|cpu] [--name NAME]
              [--token-file FILE] [--tls-ca FILE [--tls-cert FILE --tls-key FILE]]

Connects to a gansweep coordinator, takes tasks and trains them. SIGTERM drains: running tasks stop at their next
checkpoint slice and are handed back, to resume elsewhere.

Environment: GANSWEEP_COORDINATOR, GANSWEEP_TOKEN or GANSWEEP_TOKEN_FILE, GANSWEEP_BACKEND, GANSWEEP_LOG_LEVEL,
GANSWEEP_LOG_FORMAT=pretty.`;

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
  const worker = new Worker({
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
  } catch (e) {
    process.stderr.write(`worker: ${(e as Error).message}\n`);
    return 1;
  }
  await worker.done();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`worker: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
