import { connect } from 'nats';
import type { NatsConnection } from 'nats';
import { BusError } from './ports.ts';

/** Options shared by the NATS adapters. */
export interface NatsConnectOptions {
  /** Token for servers started with `--auth`; overrides one given in the URL as `nats://TOKEN@host:port`. */
  token?: string;
  /**
   * How long to keep retrying the first connection before failing with UNREACHABLE.
   * Later disconnections are retried forever.
   * @default 10000
   */
  connectTimeoutMs?: number;
  /** Client name shown by the server's monitoring. @default 'gansweep' */
  name?: string;
}

/** A `nats://` URL split into what the client needs and what may be logged. */
export interface ParsedNatsUrl {
  server: string;
  token: string | undefined;
  /** The URL without credentials. */
  location: string;
}

/** Parses `nats://[token@]host[:port]`; BAD_URL on anything else. */
export function parseNatsUrl(url: string): ParsedNatsUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (err) {
    throw new BusError('BAD_URL', `Bad NATS URL "${url}": use nats://host:port (e.g. nats://127.0.0.1:4222).`, { cause: err });
  }
  if (parsed.protocol !== 'nats:' && parsed.protocol !== 'tls:') {
    throw new BusError('BAD_URL', `Bad NATS URL scheme "${parsed.protocol}" in ${redact(url)}: use nats://host:port.`);
  }
  const host = parsed.hostname;
  const port = parsed.port === '' ? '4222' : parsed.port;
  const token = parsed.username !== '' && parsed.password === '' ? decodeURIComponent(parsed.username) : undefined;
  const location = `${parsed.protocol}//${host}:${port}`;
  return { server: `${host}:${port}`, token, location };
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

const RETRYABLE = new Set(['CONNECTION_REFUSED', 'CONNECTION_TIMEOUT', 'TIMEOUT', 'ECONNREFUSED', 'ECONNRESET']);
const AUTH = new Set(['AUTHORIZATION_VIOLATION', 'AUTHENTICATION_EXPIRED', 'BAD_AUTHENTICATION', 'BAD_CREDS', 'PERMISSIONS_VIOLATION']);

/**
 * Connects with reconnect-forever semantics (`maxReconnectAttempts: -1`) once connected, but bounds the
 * first attempt: UNREACHABLE after `connectTimeoutMs`, AUTH at once when the server rejects the token.
 */
export async function connectNats(url: string, options: NatsConnectOptions = {}): Promise<{ nc: NatsConnection; location: string }> {
  const { server, token: urlToken, location } = parseNatsUrl(url);
  const token = options.token ?? urlToken;
  const deadline = Date.now() + (options.connectTimeoutMs ?? 10_000);
  let delay = 100;
  for (;;) {
    const left = deadline - Date.now();
    try {
      const nc = await connect({
        servers: server,
        ...(token !== undefined ? { token } : {}),
        name: options.name ?? 'gansweep',
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
        reconnectJitter: 100,
        // Notice a dead server within seconds rather than the default two minutes.
        pingInterval: 2000,
        maxPingOut: 2,
        timeout: Math.max(500, Math.min(left, 2000)),
      });
      return { nc, location };
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (AUTH.has(code) || /authorization/i.test((err as Error).message ?? '')) {
        throw new BusError(
          'AUTH',
          `NATS server ${location} rejected the connection (${code || (err as Error).message}): ` +
            `check the token (GANSWEEP_NATS_TOKEN, or nats://TOKEN@host:port) matches the server's --auth.`,
          { cause: err },
        );
      }
      if (!RETRYABLE.has(code) || Date.now() >= deadline) {
        throw new BusError(
          'UNREACHABLE',
          `NATS server ${location} unreachable (${code || (err as Error).message}) after ${options.connectTimeoutMs ?? 10_000} ms: ` +
            `check that nats-server runs with JetStream (nats-server -js -a HOST -p PORT) and GANSWEEP_NATS_URL points at it.`,
          { cause: err },
        );
      }
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(delay, deadline - Date.now()))));
      delay = Math.min(delay * 2, 1000);
    }
  }
}

/** Converts milliseconds to the nanoseconds JetStream configs use. */
export function msToNanos(ms: number): number {
  return Math.round(ms * 1_000_000);
}
