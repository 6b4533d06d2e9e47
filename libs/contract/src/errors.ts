import { status, type ServiceError } from '@grpc/grpc-js';

/** Codes of errors that cross the wire; each maps to one gRPC status in {@link toGrpcStatus}. */
export type GansweepErrorCode =
  'INVALID_SWEEP' | 'INVALID_DATA' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FAILED_PRECONDITION' | 'UNAVAILABLE' | 'INTERNAL';

/** An error with a stable code and a user-facing message (what, where, what to do). */
export class GansweepError extends Error {
  readonly code: GansweepErrorCode;
  constructor(code: GansweepErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GansweepError';
    this.code = code;
  }
}

const TO_GRPC: Record<GansweepErrorCode, status> = {
  INVALID_SWEEP: status.INVALID_ARGUMENT,
  INVALID_DATA: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  UNAVAILABLE: status.UNAVAILABLE,
  INTERNAL: status.INTERNAL,
};

/** The gRPC status for an error thrown by a handler (unknown errors are INTERNAL). */
export function toGrpcStatus(err: unknown): { code: status; details: string } {
  if (err instanceof GansweepError) return { code: TO_GRPC[err.code], details: err.message };
  const code = (err as { code?: unknown })?.code;
  // libs throw their own typed errors (DataError, StoreError...); their codes name input problems.
  if (typeof code === 'string' && err instanceof Error) {
    return { code: status.INVALID_ARGUMENT, details: err.message };
  }
  return { code: status.INTERNAL, details: err instanceof Error ? err.message : String(err) };
}

/** True when a client-side error is a gRPC error with the given status. */
export function isGrpcStatus(err: unknown, code: status): err is ServiceError {
  return typeof err === 'object' && err !== null && (err as ServiceError).code === code && 'details' in err;
}

/** True when a call failed because the server could not be reached (or went away): worth retrying. */
export function isUnavailable(err: unknown): boolean {
  return isGrpcStatus(err, status.UNAVAILABLE) || isGrpcStatus(err, status.DEADLINE_EXCEEDED);
}

/** A readable message for a client-side gRPC failure. */
export function describeGrpcError(err: unknown, address: string): string {
  if (isGrpcStatus(err, status.UNAVAILABLE)) {
    return `coordinator at ${address} is unreachable (${(err as ServiceError).details}); is \`coordinator serve\` running there?`;
  }
  if (isGrpcStatus(err, status.UNAUTHENTICATED)) {
    return `coordinator at ${address} refused the call: ${(err as ServiceError).details}`;
  }
  if (typeof err === 'object' && err !== null && 'details' in err) return String((err as ServiceError).details);
  return err instanceof Error ? err.message : String(err);
}
