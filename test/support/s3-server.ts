import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { captureOutput, stopChild, track } from './child-process.ts';
import { freePort, waitForPort } from './free-port.ts';

/** A real s3rver child process on a loopback port, with s3rver's fixed credentials. */
export interface S3ServerHandle {
  /** `http://127.0.0.1:<port>`, the value for GANSWEEP_S3_ENDPOINT. */
  readonly endpoint: string;
  readonly port: number;
  readonly accessKey: string;
  readonly secretKey: string;
  /** GANSWEEP_S3_* variables pointing at this server. */
  readonly env: Record<string, string>;
  /** Stops the server (SIGTERM) and waits; objects stay on disk. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL). */
  kill(): Promise<void>;
  /** Stops the server if it runs and starts it again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops the server and removes its temp folder. */
  cleanup(): Promise<void>;
}

/** Options for {@link startS3Server}. */
export interface S3ServerOptions {
  /**
   * How long to wait for the server to accept connections (tsx start-up included).
   * @default 20000
   */
  startTimeoutMs?: number;
}

const MAIN = fileURLToPath(new URL('./s3rver-main.ts', import.meta.url));

/** Starts s3rver in a child process (node --import tsx s3rver-main.ts) with a temp folder. */
export async function startS3Server(options: S3ServerOptions = {}): Promise<S3ServerHandle> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gansweep-s3-'));
  // tsx's package entry is its ESM loader; passed as a URL so the child does not depend on its cwd.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const proc = spawn(process.execPath, ['--import', tsx, MAIN, '--port', String(port), '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(proc);
    child = proc;
    const output = captureOutput(proc);
    try {
      await waitForPort(port, options.startTimeoutMs ?? 20_000, () => proc.exitCode === null && proc.signalCode === null);
    } catch (err) {
      await stopChild(proc, 'SIGKILL');
      throw new Error(`s3rver did not start on 127.0.0.1:${port}: ${(err as Error).message}\n${output()}`);
    }
  };
  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    if (child) await stopChild(child, signal);
  };
  try {
    await launch();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    env: {
      GANSWEEP_S3_ENDPOINT: endpoint,
      GANSWEEP_S3_ACCESS_KEY: 'S3RVER',
      GANSWEEP_S3_SECRET_KEY: 'S3RVER',
      GANSWEEP_S3_REGION: 'us-east-1',
    },
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
