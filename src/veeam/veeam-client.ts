import type { z } from 'zod';
import { BotError } from '../core/errors';
import type { Logger, SessionsSource } from '../core/ports';
import { type ApiVersion, type ApiVersionProfile, apiVersionProfile } from '../core/sessions/api-version';
import {
  isSessionId,
  type NamedResource,
  type Session,
  type SessionLogLine,
  type SessionPage,
} from '../core/sessions/session';
import type { PageRequest, SessionFilter } from '../core/sessions/session-query';
import { createHttpTransport, type HttpRequest, type HttpResponse } from './http-transport';
import { toJobSessionsParams } from './job-sessions-params';
import { type RetryOptions, veeamRetryPolicy } from './retry-policy';
import {
  jobSessionPageSchema,
  jobSessionSchema,
  namedResourcePageSchema,
  type namedResourceSchema,
  sessionLogSchema,
} from './schemas';
import { toSession } from './to-session';
import { TokenSession } from './token-session';
import { parseRetryAfter, parseVeeamBody, VeeamError, veeamErrorFromResponse } from './veeam-errors';

export type VeeamClientOptions = RetryOptions & {
  /** Appliance root, `https://host[:port]`, without `/api`. */
  baseUrl: string;
  apiVersion: ApiVersion;
  username: string;
  password: string;
  caPem?: string | undefined;
  insecure?: boolean;
  timeoutMs?: number;
  /** How long a call may wait for a free connection (see TransportOptions.queueWaitMs). */
  queueWaitMs?: number;
  /** How long policy and VM name lists are kept. */
  namesTtlMs?: number;
  refreshMarginMs?: number;
  now?: () => number;
  logger?: Logger;
  /** Told of every API response (its HTTP status) or network failure (its error code), for metrics. */
  onResponse?: (outcome: string) => void;
};

const PAGE_OF_NAMES = 500;

/**
 * The Veeam Backup for Microsoft Azure REST client: the only code that knows URLs, parameter names and
 * payload shapes. Implements the core's SessionsSource.
 */
export class VeeamClient implements SessionsSource {
  readonly profile: ApiVersionProfile;
  readonly tokens: TokenSession;
  private readonly base: URL;
  private readonly transport: ReturnType<typeof createHttpTransport>;
  private readonly now: () => number;
  private readonly retryPolicy: ReturnType<typeof veeamRetryPolicy>;
  private readonly namesCache = new Map<string, { at: number; value: Promise<NamedResource[]> }>();
  /** Requests sent to the API (not counting logins), for tests and the benchmark. */
  requestCount = 0;

  constructor(private readonly options: VeeamClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.profile = apiVersionProfile(options.apiVersion);
    this.now = options.now ?? Date.now;
    this.retryPolicy = veeamRetryPolicy(options);
    this.transport = createHttpTransport({
      ca: options.caPem,
      insecure: options.insecure ?? false,
      timeoutMs: options.timeoutMs ?? 15_000,
      queueWaitMs: options.queueWaitMs ?? 5_000,
    });
    this.tokens = new TokenSession({
      baseUrl: this.base,
      username: options.username,
      password: options.password,
      send: (r) => this.transport.send(r),
      now: this.now,
      ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  close(): void {
    this.transport.close();
  }

  async listSessions(filter: SessionFilter, page: PageRequest): Promise<SessionPage> {
    const params = toJobSessionsParams(filter, page, this.profile);
    const body = await this.getJson('jobSessions', params, jobSessionPageSchema);
    const sessions = (body.results ?? []).map(toSession);
    return {
      sessions,
      offset: body.offset ?? page.offset,
      limit: body.limit ?? page.limit,
      total: body.totalCount ?? null,
    };
  }

  /** Session ids name appliance paths: anything but a UUID (`.`, `..`, `x/log`) never reaches one. */
  private checkedId(id: string): string {
    if (!isSessionId(id)) throw new BotError('NOT_FOUND', 'That is not a session id (a UUID).');
    return encodeURIComponent(id);
  }

  async getSession(id: string): Promise<Session> {
    return toSession(
      await this.getJson(`jobSessions/${this.checkedId(id)}`, new URLSearchParams(), jobSessionSchema),
    );
  }

  async getSessionLog(id: string): Promise<SessionLogLine[]> {
    const body = await this.getJson(
      `jobSessions/${this.checkedId(id)}/log`,
      new URLSearchParams(),
      sessionLogSchema,
    );
    return (body.log ?? []).map((l) => ({
      time: l.logTime ?? null,
      status: l.status ?? null,
      message: l.message ?? '',
    }));
  }

  findPolicies(_name: string): Promise<NamedResource[]> {
    // The policy list is short (dozens); fetch it whole and match on our side.
    return this.cachedNames('policies', () =>
      this.listAll('policies/virtualMachines', new URLSearchParams()),
    );
  }

  async findVms(name: string): Promise<NamedResource[]> {
    const matches = await this.listAll('virtualMachines', new URLSearchParams({ SearchPattern: name }));
    if (matches.some((vm) => vm.name.toLowerCase() === name.toLowerCase())) return matches;
    // No exact hit: offer the closest names from the whole list.
    return this.cachedNames('vms', () => this.listAll('virtualMachines', new URLSearchParams()));
  }

  private cachedNames(key: string, load: () => Promise<NamedResource[]>): Promise<NamedResource[]> {
    const hit = this.namesCache.get(key);
    if (hit && this.now() - hit.at < (this.options.namesTtlMs ?? 5 * 60_000)) return hit.value;
    const value = load();
    value.catch(() => this.namesCache.delete(key));
    this.namesCache.set(key, { at: this.now(), value });
    return value;
  }

  /** Safe paging loop of §2.6: stops on an empty page, on totalCount, or on a short page. */
  private async listAll(path: string, filters: URLSearchParams, maxPages = 100): Promise<NamedResource[]> {
    const out: z.infer<typeof namedResourceSchema>[] = [];
    let offset = 0;
    for (let i = 0; i < maxPages; i++) {
      const params = new URLSearchParams(filters);
      params.set('Offset', String(offset));
      params.set('Limit', String(PAGE_OF_NAMES));
      const page = await this.getJson(path, params, namedResourcePageSchema);
      const results = page.results ?? [];
      out.push(...results);
      offset += results.length;
      if (results.length === 0) break;
      if (page.totalCount != null && offset >= page.totalCount) break;
      if (page.totalCount == null && results.length < PAGE_OF_NAMES) break;
    }
    return out.map((r) => ({ id: r.id, name: r.name }));
  }

  private async getJson<S extends z.ZodType>(
    path: string,
    params: URLSearchParams,
    schema: S,
  ): Promise<z.infer<S>> {
    const url = new URL(`api/${this.profile.version}/${path}`, this.base);
    url.search = params.toString();
    const res = await this.sendWithRetry({ method: 'GET', url });
    const parsed = parseVeeamBody(res.body, res.status, schema);
    if (!parsed.ok) {
      this.options.logger?.warn('Veeam answered with an unexpected shape', { path, issues: parsed.issues });
      throw parsed.error;
    }
    return parsed.value;
  }

  /**
   * Authorised GET with the retry rules: one re-login on 401 (inside an attempt); jittered backoff on
   * network errors, 429 (honouring Retry-After) and 5xx, up to maxAttempts. A Retry-After longer than
   * maxRetryAfterMs is not waited for: the user is told to try later instead.
   */
  private sendWithRetry(request: HttpRequest): Promise<HttpResponse> {
    return this.retryPolicy.execute(() => this.sendOnce(request));
  }

  /** One attempt: a response in 2xx, or a VeeamError saying whether it is worth another. */
  private async sendOnce(request: HttpRequest): Promise<HttpResponse> {
    let reauthorised = false;
    for (;;) {
      const token = await this.tokens.accessToken();
      this.requestCount++;
      let res: HttpResponse;
      try {
        res = await this.transport.send({
          ...request,
          headers: { ...request.headers, authorization: `Bearer ${token}` },
        });
      } catch (e) {
        if (e instanceof VeeamError) this.options.onResponse?.(e.code);
        throw e;
      }
      this.options.onResponse?.(String(res.status));
      if (res.status >= 200 && res.status < 300) return res;
      if (res.status === 401 && !reauthorised) {
        reauthorised = true;
        await this.tokens.invalidate(token);
        continue;
      }
      const retryAfter = parseRetryAfter(headerValue(res.headers['retry-after']), this.now());
      throw veeamErrorFromResponse(res.status, res.body, { retryAfterMs: retryAfter });
    }
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
