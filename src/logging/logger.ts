import type { Logger } from '../core/ports';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|api[-_]?key/i;

export type LoggerOptions = {
  level: LogLevel;
  format: 'pretty' | 'json';
  /** Exact values to blank out wherever they appear (the Veeam password, Slack tokens, …). */
  secrets?: string[];
  write?: (line: string) => void;
  now?: () => Date;
};

/**
 * A structured logger that cannot leak: fields named like secrets are replaced, and the known secret
 * values are cut out of every string, messages and error texts included.
 */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const scrub = (text: string) => secrets.reduce((t, s) => t.split(s).join('[redacted]'), text);

  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[options.level]) return;
    const safeFields = fields ? (redact(fields, 0) as Record<string, unknown>) : {};
    const time = (options.now?.() ?? new Date()).toISOString();
    let line: string;
    if (options.format === 'json') {
      line = JSON.stringify({ time, level, msg: message, ...safeFields });
    } else {
      const extras = Object.entries(safeFields)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      line = `${time.slice(11, 19)} ${level.toUpperCase().padEnd(5)} ${message}${extras ? ` ${extras}` : ''}`;
    }
    write(scrub(line));
  };

  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

function redact(value: unknown, depth: number): unknown {
  if (depth > 5) return '[deep]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: value.message,
      ...(code !== undefined ? { code } : {}),
      ...(value.cause !== undefined ? { cause: redact(value.cause, depth + 1) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1)]),
    );
  }
  return value;
}

/** For tests and tools that want silence. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
