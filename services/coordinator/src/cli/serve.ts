import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { createArtifactStore } from '@gansweep/store';
import { createJournal } from '@gansweep/bus';
import { createLogger } from '@gansweep/log';
import { startCoordinator } from '../server.ts';
import { consumeMetrics } from '../metrics-consumer.ts';
import { createMemoryJournal, type EventJournal } from '../journal.ts';
import type { CoordinatorEvent } from '../events.ts';
import { CliError, readToken } from './client.ts';
import { createCoordinatorMetrics, DEFAULT_COORDINATOR_METRICS_LISTEN, startMetricsServer } from '../prom.ts';

/** `coordinator serve` configuration: flags override env, env overrides the --config file, which overrides defaults. */
export const serveConfigSchema = z
  .object({
    /** gRPC listen address. @default '127.0.0.1:7070' (use 0.0.0.0:7070 to accept workers from other hosts) */
    listen: z
      .string()
      .regex(/^[^:]+:\d+$|^\[.*\]:\d+$/, 'expected HOST:PORT')
      .default('127.0.0.1:7070'),
    /** Artifact store: a folder, or s3://bucket/prefix with GANSWEEP_S3_* env. @default '.gansweep/store' */
    store: z.string().min(1).default('.gansweep/store'),
    /** Store URL handed to workers when it differs from the coordinator's view (e.g. a shared mount). */
    workerStore: z.string().min(1).optional(),
    /** Metrics bus for workers: nats://host:port, or empty for progress over gRPC only. */
    bus: z.string().optional(),
    /** Durable state: a folder (journal file inside), nats://host:port (JetStream), or 'memory'. @default '.gansweep' */
    journal: z.string().min(1).default('.gansweep'),
    tokenFile: z.string().optional(),
    tls: z.object({ key: z.string(), cert: z.string(), clientCa: z.string().optional() }).strict().optional(),
    /** @default 30000 */
    leaseTimeoutMs: z.number().int().min(500).default(30_000),
    /** @default 5000 */
    heartbeatIntervalMs: z.number().int().min(100).default(5000),
    /** Prometheus `/metrics` listener (plain HTTP); '' disables it. @default '127.0.0.1:9464' */
    metricsListen: z
      .union([z.literal(''), z.string().regex(/^[^:]+:\d+$|^\[.*\]:\d+$/, 'expected HOST:PORT, or "" to disable')])
      .default(DEFAULT_COORDINATOR_METRICS_LISTEN),
  })
  .strict();
export type ServeConfig = z.infer<typeof serveConfigSchema>;

export interface ServeFlags {
  config?: string;
  listen?: string;
  store?: string;
  bus?: string;
  journal?: string;
  'token-file'?: string;
  'tls-key'?: string;
  'tls-cert'?: string;
  'tls-client-ca'?: string;
  'lease-timeout'?: string;
  'metrics-listen'?: string;
}

/** Merges the --config file, GANSWEEP_* env and flags, and validates the result once. */
export function resolveServeConfig(flags: ServeFlags, env = process.env): ServeConfig {
  let file: Record<string, unknown> = {};
  if (flags.config) {
    if (!existsSync(flags.config)) throw new CliError(`config file ${flags.config} does not exist`, 2);
    try {
      file = JSON.parse(readFileSync(flags.config, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new CliError(`${flags.config}: not valid JSON: ${(e as Error).message}`, 2);
    }
  }
  const pick = (...xs: (string | undefined)[]) => xs.find((x) => x !== undefined && x !== '');
  const num = (x: string | undefined) => (x === undefined ? undefined : Number(x));
  const tlsKey = pick(flags['tls-key'], env.GANSWEEP_TLS_KEY);
  const tlsCert = pick(flags['tls-cert'], env.GANSWEEP_TLS_CERT);
  const merged = {
    ...file,
    ...Object.fromEntries(
      Object.entries({
        listen: pick(flags.listen, env.GANSWEEP_LISTEN),
        store: pick(flags.store, env.GANSWEEP_STORE),
        bus: pick(flags.bus, env.GANSWEEP_NATS_URL, env.GANSWEEP_BUS),
        journal: pick(flags.journal, env.GANSWEEP_JOURNAL),
        tokenFile: pick(flags['token-file'], env.GANSWEEP_TOKEN_FILE),
        leaseTimeoutMs: num(pick(flags['lease-timeout'], env.GANSWEEP_LEASE_TIMEOUT_MS)),
        // '' is a value here (it disables the listener), so this one is not picked with `pick`.
        metricsListen: flags['metrics-listen'] ?? env.GANSWEEP_METRICS_LISTEN,
        tls:
          tlsKey && tlsCert
            ? { key: tlsKey, cert: tlsCert, clientCa: pick(flags['tls-client-ca'], env.GANSWEEP_TLS_CLIENT_CA) }
            : undefined,
      }).filter(([, v]) => v !== undefined),
    ),
  };
  const r = serveConfigSchema.safeParse(merged);
  if (!r.success) {
    const where = flags.config ? ` (from flags, env and ${flags.config})` : '';
    throw new CliError(
      `invalid coordinator configuration${where}:\n${r.error.issues.map((i) => `  - ${i.path.join('.') || '(top level)'}: ${i.message}`).join('\n')}`,
      2,
    );
  }
  return r.data;
}

/** `coordinator serve`: runs until SIGTERM/SIGINT, then shuts down cleanly. */
export async function serve(flags: ServeFlags): Promise<number> {
  const cfg = resolveServeConfig(flags);
  const log = createLogger({ context: { component: 'coordinator' } });
  const token = cfg.tokenFile ? readToken(cfg.tokenFile) : readToken();
  const store = await createArtifactStore(cfg.store);
  let journal: EventJournal;
  if (cfg.journal === 'memory') journal = createMemoryJournal();
  else {
    const j = await createJournal(cfg.journal, 'coordinator');
    journal = { append: (e) => j.append(e), readAll: async () => (await j.readAll()) as CoordinatorEvent[], close: () => j.close() };
    log.info('durable state', { journal: j.location });
  }
  const coordinator = await startCoordinator({
    listen: cfg.listen,
    store,
    storeUrl: cfg.workerStore ?? cfg.store,
    busUrl: cfg.bus,
    journal,
    log,
    token,
    tls: cfg.tls
      ? {
          key: readFileSync(cfg.tls.key),
          cert: readFileSync(cfg.tls.cert),
          clientCa: cfg.tls.clientCa ? readFileSync(cfg.tls.clientCa) : undefined,
        }
      : undefined,
    leaseTimeoutMs: cfg.leaseTimeoutMs,
    heartbeatIntervalMs: cfg.heartbeatIntervalMs,
  });
  const busConsumer = cfg.bus ? await consumeMetrics(coordinator.scheduler, cfg.bus, log) : undefined;
  process.stdout.write(`coordinator listening on ${coordinator.address}\n`);
  // --- metrics (services/coordinator/src/prom.ts) ---
  const metrics = cfg.metricsListen
    ? createCoordinatorMetrics({ scheduler: coordinator.scheduler, heartbeatIntervalMs: cfg.heartbeatIntervalMs })
    : undefined;
  const metricsServer = metrics
    ? await startMetricsServer(cfg.metricsListen, metrics.render, metrics.registry.contentType).catch((e: unknown) => {
        throw new CliError(
          `${(e as Error).message} (set --metrics-listen / GANSWEEP_METRICS_LISTEN to a free HOST:PORT, or '' to disable)`,
        );
      })
    : undefined;
  if (metricsServer) log.info('metrics listening', { address: metricsServer.address, path: '/metrics' });
  // --- end metrics ---
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  log.info('shutting down');
  await metricsServer?.close();
  metrics?.close();
  await busConsumer?.close();
  await coordinator.close();
  await store.close();
  return 0;
}
