import { z } from 'zod';
import { BotError } from '../core/errors';
import type { Logger, SessionsSource } from '../core/ports';
import {
  API_VERSIONS,
  type ApiVersion,
  type ApiVersionProfile,
  apiVersionProfile,
} from '../core/sessions/api-version';
import {
  isSessionId,
  type NamedResource,
  type Session,
  type SessionLogLine,
  type SessionPage,
} from '../core/sessions/session';
import type { PageRequest, SessionFilter } from '../core/sessions/session-query';
import { createHttpTransport, type HttpRequest, type HttpResponse, headerValue } from './http-transport';
import { toJobSessionsParams } from './job-sessions-params';
import { type FetchRaw, newestFirstPage, type OrderMemory } from './newest-first';
import { readPage } from './read-page';
import { type RetryOptions, veeamRetryPolicy } from './retry-policy';
import { jobSessionSchema, namedResourceSchema, sessionLogSchema } from './schemas';
import { toSession } from './to-session';
import { TokenSession } from './token-session';
import {
  htmlPageError,
  looksLikeHtml,
  parseRetryAfter,
  parseVeeamBody,
  VeeamError,
  veeamErrorFromResponse,
} from './veeam-errors';

export type VeeamClientOptions = RetryOptions & {
  /** Appliance root, `https://host[:port][/sub/path]`, without `/api`. */
  baseUrl: string;
  /** `auto`: the newest version the appliance serves, found at the first call. */
  apiVersion: ApiVersion | 'auto';
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
  /** When the appliance's order cannot be told, at most this many matches are sorted on our side. */
  maxSorted?: number;
  now?: () => number;
  logger?: Logger;
  /** Told of every API response (its HTTP status) or network failure (its error code), for metrics. */
  onResponse?: (outcome: string) => void;
};

const PAGE_OF_NAMES = 500;
const PAGE_OF_SESSIONS = 1_000;
/** Reasons an item was skipped are logged once each; this many at most. */
const MAX_LOGGED_SKIPS = 50;
/** Newest first: the version to prefer when several are served. */
const NEWEST_FIRST_VERSIONS = [...API_VERSIONS].reverse();

/**
 * The Veeam Backup for Microsoft Azure REST client: the only code that knows URLs, parameter names and
 * payload shapes. Implements the core's SessionsSource, whose lists are newest first whatever order the
 * appliance uses (newest-first.ts).
 */
export class VeeamClient implements SessionsSource {
  readonly tokens: TokenSession;
  private readonly base: URL;
  private readonly transport: ReturnType<typeof createHttpTransport>;
  private readonly now: () => number;
  private readonly retryPolicy: ReturnType<typeof veeamRetryPolicy>;
  private readonly namesCache = new Map<string, { at: number; value: Promise<NamedResource[]> }>();
  private readonly order: OrderMemory = { order: null };
  private readonly loggedSkips = new Set<string>();
  /** The version in use once known; with `auto`, found by asking the appliance. */
  private found: ApiVersionProfile | null;
  private finding: Promise<ApiVersionProfile> | null = null;
  /** Requests sent to the API (not counting logins), for tests and the benchmark. */
  requestCount = 0;

  constructor(private readonly options: VeeamClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.found = options.apiVersion === 'auto' ? null : apiVersionProfile(options.apiVersion);
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

  /**
   * The API version the questions are parsed for: the one found (or configured), else the newest the
   * bot knows until the appliance has been asked.
   */
  get apiVersion(): ApiVersion {
    return this.found?.version ?? (NEWEST_FIRST_VERSIONS[0] as ApiVersion);
  }

  close(): void {
    this.transport.close();
  }

  /** With `auto`, asks the appliance which version it serves (once; again after a failure). */
  async profile(): Promise<ApiVersionProfile> {
    if (this.found) return this.found;
    if (!this.finding) {
      this.finding = this.findVersion().finally(() => {
        this.finding = null;
      });
    }
    return this.finding;
  }

  private async findVersion(): Promise<ApiVersionProfile> {
    const served = await this.servedVersions(true);
    const version = served[0];
    if (!version) throw this.noVersionServed();
    this.found = apiVersionProfile(version);
    this.options.logger?.info('Found the Veeam API version the appliance serves', { apiVersion: version });
    return this.found;
  }

  /** Versions that answer `/jobSessions`, newest first; with `first`, stops at the first one. */
  private async servedVersions(first: boolean): Promise<ApiVersion[]> {
    const served: ApiVersion[] = [];
    for (const version of NEWEST_FIRST_VERSIONS) {
      const url = new URL(`api/${version}/jobSessions`, this.base);
      url.search = 'Offset=0&Limit=1';
      try {
        const res = await this.sendWithRetry({ method: 'GET', url });
        if (looksLikeHtml(res.body, headerValue(res.headers['content-type'])))
          throw htmlPageError(res.status, `/api/${version}/jobSessions`);
        served.push(version);
        if (first) break;
      } catch (error) {
        if (!(error instanceof VeeamError && error.httpStatus === 404)) throw error;
      }
    }
    return served;
  }

  private noVersionServed(): VeeamError {
    return new VeeamError('VEEAM_API_VERSION', {
      message: `The Veeam appliance at VEEAM_URL serves none of the API versions the bot knows (${API_VERSIONS.join(', ')}): every /api/<version>/jobSessions answered 404. Check that VEEAM_URL is the appliance's own address.`,
    });
  }

  /**
   * A 404 on a whole collection means the version tree is gone (an upgrade, a wrong setting), not a
   * missing item. With `auto` the version is found again and the call made once more; with a configured
   * version the answer names the setting and what the appliance does serve.
   */
  private async onVersionTree<T>(call: (profile: ApiVersionProfile) => Promise<T>): Promise<T> {
    const profile = await this.profile();
    try {
      return await call(profile);
    } catch (error) {
      if (!(error instanceof VeeamError && error.httpStatus === 404)) throw error;
      if (this.options.apiVersion === 'auto') {
        this.options.logger?.warn('The Veeam API version in use answers 404: finding the version again', {
          apiVersion: profile.version,
        });
        this.found = null;
        return call(await this.profile());
      }
      const served = await this.servedVersions(false);
      this.options.logger?.error('The configured Veeam API version is not served', {
        apiVersion: profile.version,
        served,
      });
      if (served.length === 0) throw this.noVersionServed();
      throw new VeeamError('VEEAM_API_VERSION', {
        httpStatus: 404,
        message: `The Veeam appliance does not serve API ${profile.version} (VEEAM_API_VERSION=${profile.version}); it serves ${served.join(', ')}. Set VEEAM_API_VERSION=auto or to ${served[0]}.`,
      });
    }
  }

  listSessions(filter: SessionFilter, page: PageRequest): Promise<SessionPage> {
    return this.onVersionTree((profile) => {
      const fetch: FetchRaw = async (offset, limit) => {
        const params = toJobSessionsParams(filter, { offset, limit }, profile);
        const read = await this.getPage(profile, 'jobSessions', params, jobSessionSchema);
        return { sessions: read.items.map(toSession), totalCount: read.totalCount, unreadable: read.skipped };
      };
      return newestFirstPage(fetch, page, this.order, {
        maxSorted: this.options.maxSorted ?? 5_000,
        chunk: PAGE_OF_SESSIONS,
        ...(this.options.logger ? { logger: this.options.logger } : {}),
      });
    });
  }

  /** Session ids name appliance paths: anything but a UUID (`.`, `..`, `x/log`) never reaches one. */
  private checkedId(id: string): string {
    if (!isSessionId(id)) throw new BotError('NOT_FOUND', 'That is not a session id (a UUID).');
    return encodeURIComponent(id);
  }

  async getSession(id: string): Promise<Session> {
    const profile = await this.profile();
    return toSession(
      await this.getJson(
        profile,
        `jobSessions/${this.checkedId(id)}`,
        new URLSearchParams(),
        jobSessionSchema,
      ),
    );
  }

  async getSessionLog(id: string): Promise<SessionLogLine[]> {
    const profile = await this.profile();
    const body = await this.getJson(
      profile,
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
  private listAll(path: string, filters: URLSearchParams, maxPages = 100): Promise<NamedResource[]> {
    return this.onVersionTree(async (profile) => {
      const out: NamedResource[] = [];
      let offset = 0;
      for (let i = 0; i < maxPages; i++) {
        const params = new URLSearchParams(filters);
        params.set('Offset', String(offset));
        params.set('Limit', String(PAGE_OF_NAMES));
        const page = await this.getPage(profile, path, params, namedResourceSchema);
        out.push(...page.items.map((r) => ({ id: r.id, name: r.name })));
        const got = page.items.length + page.skipped;
        offset += got;
        if (got === 0) break;
        if (page.totalCount != null && offset >= page.totalCount) break;
        if (page.totalCount == null && got < PAGE_OF_NAMES) break;
      }
      return out;
    });
  }

  /**
   * A collection page: the envelope strictly (no `results` list is an error, never an empty answer), its
   * items one by one (an unreadable one is skipped, counted and its reason logged once).
   */
  private async getPage<S extends z.ZodType>(
    profile: ApiVersionProfile,
    path: string,
    params: URLSearchParams,
    item: S,
  ): Promise<{ items: z.infer<S>[]; totalCount: number | null; skipped: number }> {
    const json = await this.getJson(profile, path, params, z.unknown());
    const page = readPage(json, item);
    if (!page) {
      this.options.logger?.warn('Veeam answered a list without a results array', {
        path,
        body: shapeOf(json),
      });
      throw new VeeamError('VEEAM_BAD_RESPONSE', {
        message: `The Veeam appliance answered /api/${profile.version}/${path} without a list of results, so I cannot say what is there. Is something other than the appliance (a proxy, another API) answering at VEEAM_URL?`,
      });
    }
    for (const skip of page.skipped) {
      const key = `${path}|${skip.reason}`;
      if (this.loggedSkips.has(key) || this.loggedSkips.size >= MAX_LOGGED_SKIPS) continue;
      this.loggedSkips.add(key);
      this.options.logger?.warn('Skipped an item Veeam sent that the bot cannot read', {
        path,
        reason: skip.reason,
      });
    }
    return { items: page.items, totalCount: page.totalCount, skipped: page.skipped.length };
  }

  private async getJson<S extends z.ZodType>(
    profile: ApiVersionProfile,
    path: string,
    params: URLSearchParams,
    schema: S,
  ): Promise<z.infer<S>> {
    const url = new URL(`api/${profile.version}/${path}`, this.base);
    url.search = params.toString();
    const res = await this.sendWithRetry({ method: 'GET', url });
    const where = `/api/${profile.version}/${path}`;
    if (looksLikeHtml(res.body, headerValue(res.headers['content-type'])))
      throw htmlPageError(res.status, where);
    const parsed = parseVeeamBody(res.body, res.status, schema, where);
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
      throw veeamErrorFromResponse(res.status, res.body, {
        retryAfterMs: retryAfter,
        path: request.url.pathname,
        afterFreshLogin: reauthorised,
        contentType: headerValue(res.headers['content-type']),
        secrets: [this.options.password],
      });
    }
  }
}

/** What a body looked like, for the log, without its values. */
function shapeOf(json: unknown): string {
  if (Array.isArray(json)) return `array of ${json.length}`;
  if (json && typeof json === 'object') return `object with ${Object.keys(json).slice(0, 8).join(', ')}`;
  return typeof json;
}
