import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createSweepClient, describeGrpcError, unary, type ClientOptions, type SweepServiceClient } from '@gansweep/contract';
import { parseSweep, type SweepSpec } from '@gansweep/sweep';

/** A user-facing CLI failure: printed as one message, exit code 2 for bad input, 1 otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ConnectionFlags {
  coordinator?: string;
  'token-file'?: string;
  'tls-ca'?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
}

/** Reads the bearer token from --token-file, GANSWEEP_TOKEN_FILE or GANSWEEP_TOKEN. */
export function readToken(file?: string): string | undefined {
  const f = file ?? process.env.GANSWEEP_TOKEN_FILE;
  if (f) {
    if (!existsSync(f)) throw new CliError(`token file ${f} does not exist`, 2);
    return readFileSync(f, 'utf8').trim();
  }
  return process.env.GANSWEEP_TOKEN || undefined;
}

export function clientOptions(flags: ConnectionFlags): ClientOptions {
  const read = (f?: string) => (f ? readFileSync(f) : undefined);
  return {
    token: readToken(flags['token-file']),
    tlsCa: read(flags['tls-ca'] ?? process.env.GANSWEEP_TLS_CA),
    tlsCert: read(flags['tls-cert'] ?? process.env.GANSWEEP_TLS_CERT),
    tlsKey: read(flags['tls-key'] ?? process.env.GANSWEEP_TLS_KEY),
  };
}

export function coordinatorAddress(flags: ConnectionFlags): string {
  return flags.coordinator ?? process.env.GANSWEEP_COORDINATOR ?? '127.0.0.1:7070';
}

export function connect(flags: ConnectionFlags): { client: SweepServiceClient; address: string } {
  const address = coordinatorAddress(flags);
  return { client: createSweepClient(address, clientOptions(flags)), address };
}

/** Runs a unary call and turns gRPC failures into one readable CliError. */
export async function call<Req, Res>(
  client: SweepServiceClient,
  address: string,
  method: keyof SweepServiceClient,
  req: Req,
  deadlineMs = 60_000,
): Promise<Res> {
  const fn = (client[method] as (...a: never[]) => unknown).bind(client) as Parameters<typeof unary<Req, Res>>[0];
  try {
    return await unary<Req, Res>(fn, req, deadlineMs);
  } catch (e) {
    const code = (e as { code?: number }).code;
    throw new CliError(describeGrpcError(e, address), code === 3 ? 2 : 1);
  }
}

export interface SweepFile {
  text: string;
  source: string;
  spec: SweepSpec;
  /** The dataset's bytes, or undefined for an s3:// path the coordinator reads itself. */
  csv?: Buffer;
  datasetPath: string;
  /** The fold file's text when dataset.folds names one. */
  foldsJson?: string;
}

/** Finds a file named in a sweep file: next to the sweep file first, then relative to the current directory. */
function locate(sweepFile: string, field: string, p: string): string {
  const candidates = path.isAbsolute(p) ? [p] : [path.resolve(path.dirname(sweepFile), p), path.resolve(p)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new CliError(
      `${sweepFile}: ${field} "${p}" not found (looked at ${[...new Set(candidates)].join(' and ')}); fix the path (relative to the sweep file or the current directory)`,
      2,
    );
  }
  return found;
}

/** The fields of a submission that carry the sweep and its files. */
export function submission(s: SweepFile): { sweepJson: string; sweepSource: string; datasetCsv: Buffer; foldsJson: string } {
  return { sweepJson: s.text, sweepSource: s.source, datasetCsv: s.csv ?? Buffer.alloc(0), foldsJson: s.foldsJson ?? '' };
}

/**
 * Reads and validates a sweep file and its dataset before anything is started. `dataset.path` is looked up next to
 * the sweep file first, then relative to the current directory.
 */
export function readSweepFile(file: string): SweepFile {
  if (!existsSync(file)) throw new CliError(`sweep file ${file} does not exist`, 2);
  const text = readFileSync(file, 'utf8');
  let spec: SweepSpec;
  try {
    spec = parseSweep(text, file);
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const foldsJson = spec.dataset.folds ? readFileSync(locate(file, 'dataset.folds', spec.dataset.folds), 'utf8') : undefined;
  const p = spec.dataset.path;
  if (p.startsWith('s3://')) return { text, source: file, spec, datasetPath: p, foldsJson };
  const found = locate(file, 'dataset.path', p);
  return { text, source: file, spec, csv: readFileSync(found), datasetPath: found, foldsJson };
}
