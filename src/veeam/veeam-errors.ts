import type { z } from 'zod';
import { BotError, type BotErrorCode } from '../core/errors';
import { type Problem, problemSchema } from './schemas';

/**
 * The single place where what went wrong talking to Veeam becomes a BotError code. Users see the code's
 * plain message plus, for a rejected query, the appliance's own title/detail (never a token or password).
 */

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'EPROTO',
]);

export class VeeamError extends BotError {
  readonly httpStatus: number | null;
  readonly retryAfterMs: number | null;
  readonly retryable: boolean;

  constructor(
    code: BotErrorCode,
    options: {
      message?: string;
      httpStatus?: number | null;
      retryAfterMs?: number | null;
      retryable?: boolean;
      cause?: unknown;
    },
  ) {
    super(code, options.message, { cause: options.cause });
    this.name = 'VeeamError';
    this.httpStatus = options.httpStatus ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.retryable = options.retryable ?? false;
  }
}

/** A socket-level failure (no HTTP answer). */
export function veeamErrorFromNetwork(error: unknown, timedOut: boolean): VeeamError {
  if (timedOut) return new VeeamError('VEEAM_TIMEOUT', { retryable: true, cause: error });
  const code = (error as { code?: string } | null)?.code ?? '';
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return new VeeamError('VEEAM_TLS', { cause: error });
  }
  return new VeeamError('VEEAM_UNREACHABLE', { retryable: true, cause: error });
}

export function parseProblem(body: string): Problem | null {
  try {
    const parsed = problemSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Retry-After in seconds or as an HTTP date → milliseconds. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** An HTTP answer that is not a success. `onTokenEndpoint`: 400/401 there mean the login was refused. */
export function veeamErrorFromResponse(
  status: number,
  body: string,
  options: { onTokenEndpoint?: boolean; retryAfterMs?: number | null } = {},
): VeeamError {
  const problem = parseProblem(body);
  const said = [problem?.title, problem?.detail].filter(Boolean).join(': ').slice(0, 300);
  if (options.onTokenEndpoint && (status === 400 || status === 401 || status === 403)) {
    return new VeeamError('VEEAM_AUTH', { httpStatus: status });
  }
  if (status === 401) return new VeeamError('VEEAM_AUTH', { httpStatus: status });
  if (status === 403) return new VeeamError('VEEAM_FORBIDDEN', { httpStatus: status });
  if (status === 404) {
    return new VeeamError('NOT_FOUND', {
      httpStatus: status,
      message: 'The Veeam appliance has no such item.',
    });
  }
  if (status === 429) {
    return new VeeamError('VEEAM_RATE_LIMITED', {
      httpStatus: status,
      retryable: true,
      retryAfterMs: options.retryAfterMs,
    });
  }
  if (status === 503) {
    return new VeeamError('VEEAM_SERVER_ERROR', {
      httpStatus: status,
      retryable: true,
      retryAfterMs: options.retryAfterMs,
    });
  }
  if (status >= 500) return new VeeamError('VEEAM_SERVER_ERROR', { httpStatus: status, retryable: true });
  const message = said ? `The Veeam API rejected the query: ${said}` : undefined;
  return new VeeamError('VEEAM_BAD_REQUEST', { httpStatus: status, ...(message ? { message } : {}) });
}

/** A success body → its validated shape, or VEEAM_BAD_RESPONSE (with the zod issues, for the log). */
export function parseVeeamBody<S extends z.ZodType>(
  body: string,
  status: number,
  schema: S,
): { ok: true; value: z.infer<S> } | { ok: false; error: VeeamError; issues: unknown[] } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {
      ok: false,
      error: new VeeamError('VEEAM_BAD_RESPONSE', { httpStatus: status }),
      issues: ['not JSON'],
    };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: new VeeamError('VEEAM_BAD_RESPONSE', { httpStatus: status }),
      issues: parsed.error.issues.slice(0, 3),
    };
  }
  return { ok: true, value: parsed.data };
}
