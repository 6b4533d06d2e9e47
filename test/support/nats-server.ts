import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureOutput, stopChild, track } from './child-process.ts';
import { freePort, waitForPort } from './free-port.ts';

/** Options for {@link startNatsServer}. */
export interface NatsServerOptions {
  /**
   * Enable JetStream with a fresh temp store folder.
   * @default true
   */
  jetstream?: boolean;
  /** Require this token from clients (`nats://token@host:port` or the client's `token` option). */
  token?: string;
  /**
   * How long to wait for the server to accept connections.
   * @default 10000
   */
  startTimeoutMs?: number;
}

/** A real nats-server child process on a loopback port. */
export interface NatsServerHandle {
  /** `nats://127.0.0.1:<port>` (without the token). */
  readonly url: string;
  readonly port: number;
  /** JetStream store folder, kept across restart(). */
  readonly storeDir: string | undefined;
  /** Stops the server gracefully (SIGTERM) and waits for it to exit; data stays for restart(). */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Stops the server if it runs, then starts it again on the same port with the same store. */
  restart(): Promise<void>;
  /** Stops the server and removes its temp folder. */
  cleanup(): Promise<void>;
}

/** Fails with an install hint when the nats-server binary is not on PATH. */
export function assertNatsServerInstalled(): void {
  const probe = spawnSync('nats-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'nats-server binary not found on PATH: install it with apt-get install nats-server ' + '(Debian ships v2.9 with JetStream).',
    );
  }
}

/** Starts the `nats-server` binary on a free loopback port and waits until it accepts connections. */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerHandle> {
  assertNatsServerInstalled();
  const jetstream = options.jetstream ?? true;
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gansweep-nats-'));
  const storeDir = jetstream ? join(dir, 'jetstream') : undefined;
  const args = ['-a', '127.0.0.1', '-p', String(port)];
  if (storeDir) args.push('-js', '-sd', storeDir);
  if (options.token) args.push('--auth', options.token);
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const proc = spawn('nats-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    track(proc);
    const output = captureOutput(proc);
    child = proc;
    try {
      await waitForPort(port, startTimeoutMs, () => proc.exitCode === null && proc.signalCode === null);
    } catch (err) {
      await stopChild(proc, 'SIGKILL');
      throw new Error(`nats-server did not start on 127.0.0.1:${port}: ${(err as Error).message}\n${output()}`);
    }
  };

  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    if (child) await stopChild(child, signal);
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    restart: async () => {
      await halt('SIGTERM');
      await launch();
    },
    cleanup: async () => {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
