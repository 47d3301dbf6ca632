import type { z } from 'zod';
import { BotError, type BotErrorCode } from '../core/errors';
import { problemSchema } from './schemas';

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

/** Retry-After in seconds or as an HTTP date → milliseconds. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

export type ResponseContext = {
  /** 400/401 there mean the login was refused. */
  onTokenEndpoint?: boolean;
  /** The path asked for, for messages ("/api/v2/jobSessions"). */
  path?: string;
  /** A 401 that came after a fresh login was accepted: the token, not the password, is refused. */
  afterFreshLogin?: boolean;
  contentType?: string | undefined;
  retryAfterMs?: number | null;
  /** Values never to repeat to a user (the password), should the appliance echo them. */
  secrets?: readonly string[];
};

/** An HTML page where JSON was expected: a proxy, a login page or a web server at VEEAM_URL. */
export function looksLikeHtml(body: string, contentType?: string): boolean {
  if (contentType && /text\/html/i.test(contentType)) return true;
  return /^\s*(<!doctype html|<html|<head|<body|<\?xml)/i.test(body.slice(0, 200));
}

/**
 * What the appliance said, shortened for a chat line: a problem's title and detail, an OAuth
 * `error_description`, or a 400's per-field `errors` (ASP.NET ValidationProblemDetails [C6]).
 */
function explanationOf(body: string, secrets: readonly string[] = []): string {
  let parsed: ReturnType<typeof problemSchema.safeParse>;
  try {
    parsed = problemSchema.safeParse(JSON.parse(body));
  } catch {
    return '';
  }
  if (!parsed.success) return '';
  const o = parsed.data;
  const parts: string[] = [];
  for (const [field, messages] of Object.entries(o.errors ?? {}).slice(0, 3)) {
    const list = (Array.isArray(messages) ? messages : [messages]).filter((m) => typeof m === 'string');
    parts.push(`${field}: ${list.slice(0, 2).join(' ')}`.trim());
  }
  if (parts.length === 0) {
    for (const value of [o.title, o.detail, o.error_description, o.message, o.error]) {
      if (value?.trim() && !parts.includes(value.trim())) parts.push(value.trim());
      if (parts.length >= 2) break;
    }
  }
  let text = parts.join(': ').replace(/\s+/g, ' ');
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

const GATEWAY = new Set([502, 503, 504]);

/** An HTTP answer that is not a success → the error whose message names what to fix. */
export function veeamErrorFromResponse(
  status: number,
  body: string,
  context: ResponseContext = {},
): VeeamError {
  const said = explanationOf(body, context.secrets);
  const quoted = said ? ` It said: "${said}".` : '';
  const html = looksLikeHtml(body, context.contentType);
  const where = context.path ?? 'the API';
  if (html && GATEWAY.has(status)) {
    return new VeeamError('VEEAM_PROXY', {
      httpStatus: status,
      retryable: true,
      retryAfterMs: context.retryAfterMs ?? null,
      message: `A proxy or gateway in front of the Veeam appliance answered ${status} with a web page, not the appliance's API. Check that proxy and that the appliance behind it is running.`,
    });
  }
  if (context.onTokenEndpoint && html) return htmlPageError(status, '/api/oauth2/token');
  if (context.onTokenEndpoint && (status === 400 || status === 401 || status === 403)) {
    return new VeeamError('VEEAM_AUTH', {
      httpStatus: status,
      message: `The Veeam appliance refused the login of the API user.${quoted} Check VEEAM_USERNAME and VEEAM_PASSWORD (a local portal user without MFA).`,
    });
  }
  if (status === 401) {
    return new VeeamError('VEEAM_AUTH', {
      httpStatus: status,
      message: context.afterFreshLogin
        ? `The Veeam appliance accepted the API user's login but refused its token on ${where}. Check that the appliance's clock agrees with this host's (tokens are time-limited), and that no proxy strips the Authorization header.`
        : undefined,
    });
  }
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
      retryAfterMs: context.retryAfterMs,
    });
  }
  if (status >= 500) {
    return new VeeamError('VEEAM_SERVER_ERROR', {
      httpStatus: status,
      retryable: true,
      retryAfterMs: status === 503 ? context.retryAfterMs : null,
      message: `The Veeam appliance had an internal error (HTTP ${status}).${quoted} Try again; if it persists, check its logs.`,
    });
  }
  if (html) return htmlPageError(status, where);
  const message = said ? `The Veeam API rejected the query: ${said}` : undefined;
  return new VeeamError('VEEAM_BAD_REQUEST', { httpStatus: status, ...(message ? { message } : {}) });
}

/** VEEAM_URL leads to a web page (a login page, a portal, another server), not the REST API. */
export function htmlPageError(status: number, path: string): VeeamError {
  return new VeeamError('VEEAM_BAD_RESPONSE', {
    httpStatus: status,
    message: `VEEAM_URL leads to a web page, not the Veeam REST API: ${path} answered with HTML. Set VEEAM_URL to the appliance's own address (https://host, without /api), not a portal or sign-in page in front of it.`,
  });
}

/** A success body → its validated shape, or VEEAM_BAD_RESPONSE (with the zod issues, for the log). */
export function parseVeeamBody<S extends z.ZodType>(
  body: string,
  status: number,
  schema: S,
  path?: string,
): { ok: true; value: z.infer<S> } | { ok: false; error: VeeamError; issues: unknown[] } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {
      ok: false,
      error: looksLikeHtml(body)
        ? htmlPageError(status, path ?? 'the API')
        : new VeeamError('VEEAM_BAD_RESPONSE', { httpStatus: status }),
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
