import { timingSafeEqual } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';

/** True when the call carries `authorization: Bearer <token>` with the configured token (constant-time compare). */
export function authorized(metadata: grpc.Metadata, token: string | undefined): boolean {
  if (!token) return true;
  const header = metadata.get('authorization')[0];
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export const UNAUTHENTICATED_MESSAGE =
  'missing or wrong bearer token: set GANSWEEP_TOKEN (or --token-file) to the token the coordinator was started with';

type AnyCall = { metadata: grpc.Metadata };

/**
 * Wraps every handler of a service so that calls without the right token are refused with UNAUTHENTICATED before
 * the handler runs.
 */
export function guardHandlers<T extends Record<string, (...args: never[]) => unknown>>(handlers: T, token: string | undefined): T {
  if (!token) return handlers;
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(handlers)) {
    out[name] = (
      call: AnyCall & { emit?: (ev: string, e: unknown) => void; destroy?: (e: Error) => void },
      cb?: grpc.sendUnaryData<unknown>,
    ) => {
      if (authorized(call.metadata, token)) return (fn as (...a: unknown[]) => unknown)(call, cb);
      const err = Object.assign(new Error(UNAUTHENTICATED_MESSAGE), {
        code: grpc.status.UNAUTHENTICATED,
        details: UNAUTHENTICATED_MESSAGE,
      });
      if (cb) cb(err, null);
      else (call as unknown as grpc.ServerWritableStream<unknown, unknown>).destroy(err);
      return undefined;
    };
  }
  return out as T;
}
