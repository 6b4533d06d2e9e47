/**
 * Structured, scoped logging: one JSON object per line on stderr (or a human line when GANSWEEP_LOG_FORMAT=pretty).
 * Child loggers carry context (sweepId, trialId, workerId) so every line of a trial can be found by grep.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Keys whose values never reach a log line, whatever component logs them. */
const SECRET_KEYS = /token|secret|password|authorization|access_?key/i;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines also carry `context`. */
  child(context: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** @default process.env.GANSWEEP_LOG_LEVEL ?? 'info' */
  level?: LogLevel;
  /** @default process.env.GANSWEEP_LOG_FORMAT === 'pretty' ? 'pretty' : 'json' */
  format?: 'json' | 'pretty';
  /** Where lines go. @default process.stderr */
  sink?: (line: string) => void;
  context?: Record<string, unknown>;
}

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEYS.test(k)) out[k] = '[redacted]';
    else if (v instanceof Error) out[k] = { message: v.message, code: (v as { code?: unknown }).code };
    else out[k] = v;
  }
  return out;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const envLevel = process.env.GANSWEEP_LOG_LEVEL as LogLevel | undefined;
  const level = options.level ?? (envLevel && envLevel in ORDER ? envLevel : 'info');
  const format = options.format ?? (process.env.GANSWEEP_LOG_FORMAT === 'pretty' ? 'pretty' : 'json');
  const sink = options.sink ?? ((line: string) => process.stderr.write(line + '\n'));
  const context = options.context ?? {};
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[lvl] < ORDER[level]) return;
    const all = redact({ ...context, ...fields });
    if (format === 'pretty') {
      const kv = Object.entries(all)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      sink(`${new Date().toISOString()} ${lvl.toUpperCase().padEnd(5)} ${msg}${kv ? ' ' + kv : ''}`);
    } else {
      sink(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...all }));
    }
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (ctx) => createLogger({ level, format, sink, context: { ...context, ...ctx } }),
  };
}
