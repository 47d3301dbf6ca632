import pino, { type DestinationStream } from 'pino';
import type { Logger } from '../core/ports';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|api[-_]?key/i;

export type LoggerOptions = {
  level: LogLevel;
  /** json: one pino JSON object a line, for log pipelines; pretty: pino-pretty's line, for a terminal. */
  format: 'pretty' | 'json';
  /** Exact values to blank out wherever they appear (the Veeam password, Slack tokens, …). */
  secrets?: string[];
  write?: (line: string) => void;
  now?: () => Date;
};

/**
 * A pino logger that cannot leak: fields named like secrets are replaced, and the known secret values are
 * cut out of every finished line, messages and error texts included (pino's path-based `redact` knows
 * field names only, so the values are cut in its streamWrite hook, where the whole line is one string).
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = secretScrubber(options.secrets ?? []);
  const now = options.now;
  const log = pino(
    {
      level: options.level,
      // Lines as operators have always read them: time, level name, msg, fields. No pid or hostname:
      // a container's log driver adds where a line came from.
      base: undefined,
      timestamp: () => `,"time":"${(now?.() ?? new Date()).toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redact(fields, 0) as Record<string, unknown>,
      },
      hooks: { streamWrite: scrub },
    },
    destinationFor(options),
  );
  return {
    debug: (m, f) => log.debug(f ?? {}, m),
    info: (m, f) => log.info(f ?? {}, m),
    warn: (m, f) => log.warn(f ?? {}, m),
    error: (m, f) => log.error(f ?? {}, m),
  };
}

function destinationFor(options: LoggerOptions): DestinationStream {
  const out = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (options.format === 'json') {
    // Straight to stderr, synchronously, so the last lines before a crash are not lost in a buffer.
    if (!options.write) return pino.destination({ dest: 2, sync: true });
    return { write: (line) => out(line.replace(/\n$/, '')) };
  }
  // Loaded only for a terminal: a production process logging JSON never pays for the prettifier.
  const { prettyFactory }: typeof import('pino-pretty') = require('pino-pretty');
  const pretty = prettyFactory({
    colorize: !options.write && process.stderr.isTTY === true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    // One line an event at a terminal too, errors included: easier to scan and to grep.
    errorLikeObjectKeys: [],
  });
  return { write: (line) => out(pretty(line).replace(/\n$/, '')) };
}

/** Cuts each secret out of a JSON line, as written and as JSON escapes it (quotes, backslashes, …). */
function secretScrubber(secrets: string[]): (line: string) => string {
  const forms = [
    ...new Set(secrets.filter((s) => s.length >= 4).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])),
  ].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (line) => line;
  return (line) => forms.reduce((text, form) => text.split(form).join('[redacted]'), line);
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
