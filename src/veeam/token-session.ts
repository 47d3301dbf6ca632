import type { Logger } from '../core/ports';
import { type HttpRequest, type HttpResponse, headerValue } from './http-transport';
import { tokenResponseSchema } from './schemas';
import { parseVeeamBody, VeeamError, veeamErrorFromResponse } from './veeam-errors';

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

type Token = { access: string; refresh: string | null; expiresAtMs: number };

export type TokenSessionOptions = {
  baseUrl: URL;
  username: string;
  password: string;
  send: (request: HttpRequest) => Promise<HttpResponse>;
  now?: () => number;
  /** Refresh this long before `.expires` (the model client uses 5 minutes). */
  refreshMarginMs?: number;
  logger?: Logger;
};

/**
 * The API user's bearer token: logs in with the password grant, refreshes before `.expires` with the
 * refresh grant, falls back to a fresh login when refresh fails. Concurrent callers share one request, so
 * a hundred first calls make one login.
 */
export class TokenSession {
  private token: Token | null = null;
  private pending: Promise<Token> | null = null;
  private readonly now: () => number;
  private readonly margin: number;
  /** How many password logins and refreshes were sent (for tests and the benchmark). */
  readonly counts = { logins: 0, refreshes: 0 };

  constructor(private readonly options: TokenSessionOptions) {
    this.now = options.now ?? Date.now;
    this.margin = options.refreshMarginMs ?? 5 * 60_000;
  }

  async accessToken(): Promise<string> {
    const current = this.token;
    if (current && current.expiresAtMs - this.margin > this.now()) return current.access;
    return (await this.renew()).access;
  }

  /** After a 401: forget the access token (not the refresh token) and get a new one. */
  async invalidate(rejected: string): Promise<void> {
    if (this.token?.access === rejected) this.token = { ...this.token, expiresAtMs: 0 };
  }

  private renew(): Promise<Token> {
    if (!this.pending) {
      this.pending = this.obtain().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  private async obtain(): Promise<Token> {
    const refresh = this.token?.refresh;
    if (refresh) {
      try {
        this.counts.refreshes++;
        this.token = await this.grant({ grant_type: 'Refresh_token', refresh_token: refresh });
        return this.token;
      } catch (error) {
        if (
          !(error instanceof VeeamError) ||
          error.code === 'VEEAM_UNREACHABLE' ||
          error.code === 'VEEAM_TLS'
        )
          throw error;
        this.options.logger?.info('Veeam token refresh failed; logging in again', { code: error.code });
      }
    }
    this.counts.logins++;
    this.token = await this.grant({
      grant_type: 'Password',
      username: this.options.username,
      password: this.options.password,
    });
    return this.token;
  }

  private async grant(fields: Record<string, string>): Promise<Token> {
    const res = await this.options.send({
      method: 'POST',
      // Relative, so a VEEAM_URL with a sub-path (https://gw.example.com/veeam) keeps it, as API calls do.
      url: new URL('api/oauth2/token', this.options.baseUrl),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    if (res.status < 200 || res.status >= 300) {
      throw veeamErrorFromResponse(res.status, res.body, {
        onTokenEndpoint: true,
        path: '/api/oauth2/token',
        contentType: headerValue(res.headers['content-type']),
        secrets: [this.options.password, ...(fields.refresh_token ? [fields.refresh_token] : [])],
      });
    }
    const parsed = parseVeeamBody(res.body, res.status, tokenResponseSchema, '/api/oauth2/token');
    if (!parsed.ok) throw parsed.error;
    const body = parsed.value;
    if (!body.access_token) {
      if (body.mfa_token || body.mfa_enabled) throw new VeeamError('VEEAM_MFA', { httpStatus: res.status });
      throw new VeeamError('VEEAM_BAD_RESPONSE', { httpStatus: res.status });
    }
    // `.expires` without a UTC offset would be read in this host's zone (hours off east or west of UTC):
    // then expires_in is the better clock.
    const stamp = body['.expires'];
    const expiresFromField = stamp && HAS_OFFSET.test(stamp.trim()) ? Date.parse(stamp) : Number.NaN;
    const expiresAtMs = Number.isFinite(expiresFromField)
      ? expiresFromField
      : this.now() + (body.expires_in ?? 3600) * 1000;
    return { access: body.access_token, refresh: body.refresh_token ?? null, expiresAtMs };
  }
}
