import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType } from './generated/gansweep.ts';
import type { SweepServiceClient } from './generated/gansweep/v1/SweepService.ts';
import type { WorkerServiceClient } from './generated/gansweep/v1/WorkerService.ts';

const PROTO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../proto');

/** Datasets travel inside SubmitSweep; allow up to 256 MiB messages. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

let cached: ProtoGrpcType | undefined;

/** Loads gansweep.v1 once (the same options the generated types were made with). */
export function loadContract(): ProtoGrpcType {
  if (!cached) {
    const def = protoLoader.loadSync('gansweep/v1/gansweep.proto', {
      includeDirs: [PROTO_ROOT],
      longs: Number,
      enums: String,
      defaults: true,
      arrays: true,
      objects: true,
      oneofs: true,
    });
    cached = grpc.loadPackageDefinition(def) as unknown as ProtoGrpcType;
  }
  return cached;
}

/** How a client reaches a coordinator. */
export interface ClientOptions {
  /** Bearer token sent on every call. */
  token?: string;
  /** PEM of the CA that signed the coordinator's certificate; enables TLS. */
  tlsCa?: Buffer;
  /** Client certificate and key for mutual TLS. */
  tlsCert?: Buffer;
  tlsKey?: Buffer;
}

function credentials(options: ClientOptions): grpc.ChannelCredentials {
  return options.tlsCa
    ? grpc.credentials.createSsl(options.tlsCa, options.tlsKey ?? null, options.tlsCert ?? null)
    : grpc.credentials.createInsecure();
}

const CHANNEL_OPTIONS = {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
};

/** Adds the bearer token to every call (an interceptor works with and without TLS, unlike call credentials). */
function tokenInterceptor(token: string | undefined): grpc.Interceptor[] {
  if (!token) return [];
  return [
    (opts, next) =>
      new grpc.InterceptingCall(next(opts), {
        start(metadata, listener, nxt) {
          metadata.set('authorization', `Bearer ${token}`);
          nxt(metadata, listener);
        },
      }),
  ];
}

export function createSweepClient(address: string, options: ClientOptions = {}): SweepServiceClient {
  const c = loadContract();
  return new c.gansweep.v1.SweepService(address, credentials(options), {
    ...CHANNEL_OPTIONS,
    interceptors: tokenInterceptor(options.token),
  });
}

export function createWorkerClient(address: string, options: ClientOptions = {}): WorkerServiceClient {
  const c = loadContract();
  return new c.gansweep.v1.WorkerService(address, credentials(options), {
    ...CHANNEL_OPTIONS,
    interceptors: tokenInterceptor(options.token),
  });
}

/** Calls a unary method as a promise, with a deadline. */
export function unary<Req, Res>(
  fn: (req: Req, md: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown,
  req: Req,
  deadlineMs = 30_000,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    fn(req, new grpc.Metadata(), { deadline: Date.now() + deadlineMs }, (err, res) => {
      if (err) reject(err);
      else resolve(res as Res);
    });
  });
}
