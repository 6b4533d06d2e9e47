import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COORDINATOR_BIN, WORKER_BIN, ROOT } from './cli.ts';
import { freePort, waitForPort } from './free-port.ts';

/** A process started by a test, with its output kept for assertions and failure messages. */
export interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export function startProc(args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, GANSWEEP_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    output: () => out,
    exited,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface ClusterOptions {
  env?: NodeJS.ProcessEnv;
  store?: string;
  bus?: string;
  token?: string;
  leaseTimeoutMs?: number;
  extraArgs?: string[];
}

/** `coordinator serve` as a real process on a free loopback port, with a durable journal in a temp dir. */
export async function startServe(
  options: ClusterOptions & { port?: number; dir?: string } = {},
): Promise<{ proc: Proc; address: string; port: number; dir: string; tokenFile?: string }> {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'gs-serve-'));
  const port = options.port ?? (await freePort());
  let tokenFile: string | undefined;
  if (options.token) {
    tokenFile = path.join(dir, 'token');
    writeFileSync(tokenFile, options.token + '\n');
  }
  const args = [
    COORDINATOR_BIN,
    'serve',
    '--listen',
    `127.0.0.1:${port}`,
    '--store',
    options.store ?? path.join(dir, 'store'),
    '--journal',
    path.join(dir, 'journal'),
    '--lease-timeout',
    String(options.leaseTimeoutMs ?? 3000),
    ...(options.extraArgs ?? []),
  ];
  if (options.bus) args.push('--bus', options.bus);
  if (tokenFile) args.push('--token-file', tokenFile);
  const proc = startProc(args, { GANSWEEP_METRICS_LISTEN: '', ...options.env });
  await waitForPort(port, 30_000, () => proc.child.exitCode === null).catch((e: Error) => {
    throw new Error(`coordinator serve did not start: ${e.message}\n${proc.output()}`);
  });
  return { proc, address: `127.0.0.1:${port}`, port, dir, tokenFile };
}

export function startWorker(address: string, name: string, env: NodeJS.ProcessEnv = {}, extra: string[] = []): Proc {
  return startProc([WORKER_BIN, '--coordinator', address, '--name', name, ...extra], { GANSWEEP_METRICS_LISTEN: '', ...env });
}

/** Reads the coordinator's journal (JSON lines) written under `dir/journal`. */
export function readJournal(dir: string): { type: string; [k: string]: unknown }[] {
  const file = path.join(dir, 'journal', 'coordinator.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as { type: string }];
      } catch {
        return [];
      }
    });
}

/** Polls `fn` until it returns a truthy value or the time runs out. */
export async function until<T>(fn: () => T | Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
