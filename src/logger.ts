// Structured JSON-lines logging. Callers pass ids, codes and counts; a last guard masks anything
// shaped like a Slack token or secret, so a careless field can never leak one.
import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import type { LogLevel } from './config.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_PATTERN = /\b(xox[abpers]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)/g;

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

export function createLogger(level: LogLevel, sink: LogSink = (line) => process.stdout.write(`${line}\n`)): Logger {
  const write = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[lvl] < RANK[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }, errorReplacer);
    sink(line.replace(SECRET_PATTERN, '[redacted]'));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** Errors become their name, code and message (never a request body or a stack of user data). */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; query?: unknown; params?: unknown; severity?: unknown; constraint?: unknown };
    // A failed query's message lists its parameters (a note's text among them): only the SQL, which
    // carries none, and the driver's error below it.
    if ('params' in e) return { name: e.name, query: String(e.query ?? '').slice(0, 300), cause: e.cause };
    // PostgreSQL's messages can quote the value they refused: its code and constraint say enough.
    if (typeof e.severity === 'string') return { name: e.name, code: e.code, ...(e.constraint ? { constraint: e.constraint } : {}) };
    return { name: e.name, message: e.message, ...(e.code ? { code: e.code } : {}) };
  }
  return value;
}

/** Bolt's own logger interface over ours; Bolt passes free-form arguments, logged as `args`. */
export function toBoltLogger(logger: Logger, level: LogLevel): BoltLogger {
  let current = level;
  const fmt = (args: unknown[]) => {
    const [first, ...rest] = args;
    return { msg: typeof first === 'string' ? first : 'bolt', fields: { source: 'bolt', ...(rest.length ? { args: rest } : {}) } };
  };
  return {
    // Bolt's debug lines can carry whole request bodies, and with them a note's text: never forwarded.
    debug: () => {},
    info: (...a) => { const { msg, fields } = fmt(a); logger.info(msg, fields); },
    warn: (...a) => { const { msg, fields } = fmt(a); logger.warn(msg, fields); },
    error: (...a) => { const { msg, fields } = fmt(a); logger.error(msg, fields); },
    setLevel: (l: BoltLogLevel) => { current = l as LogLevel; },
    getLevel: () => current as BoltLogLevel,
    setName: () => {},
  };
}
