// One injected Logger with named scalar fields (docs/architecture.md, Logging without secrets).
// Fields are scalars only: objects such as kubeconfigs, users or requests cannot be passed.

export type LogField = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogField>;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Field names whose values are never written, whatever a caller passes.
const SECRET_KEYS = /token|password|secret|authorization|key-?data|private|credential|cookie/i;

export interface LogRecord {
  time: string;
  level: LogLevel;
  msg: string;
  [field: string]: LogField;
}

export function createLogger(opts: { level?: LogLevel; write: (line: string) => void; clock?: () => Date }): Logger {
  const min = ORDER[opts.level ?? 'info'];
  const now = opts.clock ?? (() => new Date());
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    const record: LogRecord = { time: now().toISOString(), level, msg };
    for (const [k, v] of Object.entries(fields ?? {})) {
      record[k] = SECRET_KEYS.test(k) ? '[redacted]' : v;
    }
    opts.write(JSON.stringify(record) + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
