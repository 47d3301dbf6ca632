import { z } from 'zod';
import { BotError } from '../core/errors';
import type { Logger, SessionsSource } from '../core/ports';
import type { ApiVersion, SessionVocabulary } from '../core/sessions/api-version';
import {
  isSessionId,
  type NamedResource,
  type ProtectedItemResults,
  type Session,
  type SessionLogLine,
  type SessionPage,
  type VmListing,
  type VmPage,
} from '../core/sessions/session';
import type { PageRequest, SessionFilter } from '../core/sessions/session-query';
import { ApiVersionFinder } from './api-version-finder';
import { type ApiVersionRecord, vocabularyOf } from './api-versions';
import { createHttpTransport, type HttpRequest, type HttpResponse, headerValue } from './http-transport';
import { toJobSessionsParams } from './job-sessions-params';
import { NameDirectory } from './name-directory';
import { type FetchRaw, newestFirstPage, type OrderMemory } from './newest-first';
import { readPage } from './read-page';
import { type RetryOptions, veeamRetryPolicy } from './retry-policy';
import {
  applianceVmSchema,
  jobSessionSchema,
  namedResourceSchema,
  protectedItemSchema,
  sessionLogSchema,
} from './schemas';
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

const PAGE_OF_SESSIONS = 1_000;
/** Reasons an item was skipped are logged once each; this many at most. */
const MAX_LOGGED_SKIPS = 50;

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
  private readonly names: NameDirectory;
  private readonly order: OrderMemory = { order: null };
  private readonly loggedSkips = new Set<string>();
  private readonly versions: ApiVersionFinder;
  /** Requests sent to the API (not counting logins), for tests and the benchmark. */
  requestCount = 0;

  constructor(private readonly options: VeeamClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.names = new NameDirectory({
      page: (path, params) =>
        this.versions.onVersionTree(async (record) => {
          const page = await this.getPage(record, path, params, namedResourceSchema);
          return { ...page, items: page.items.map((r) => ({ id: r.id, name: r.name })) };
        }),
      ttlMs: options.namesTtlMs ?? 5 * 60_000,
      now: () => this.now(),
    });
    this.versions = new ApiVersionFinder({
      setting: options.apiVersion,
      probe: (version) => this.probe(version),
      logger: options.logger,
    });
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
    return this.versions.current;
  }

  get vocabulary(): SessionVocabulary {
    return vocabularyOf(this.versions.current);
  }

  close(): void {
    this.transport.close();
  }

  /** With `auto`, asks the appliance which version it serves (once; again after a failure). */
  profile(): Promise<ApiVersionRecord> {
    return this.versions.record();
  }

  private async probe(version: ApiVersion): Promise<void> {
    const url = new URL(`api/${version}/jobSessions`, this.base);
    url.search = 'Offset=0&Limit=1';
    const res = await this.sendWithRetry({ method: 'GET', url });
    if (looksLikeHtml(res.body, headerValue(res.headers['content-type'])))
      throw htmlPageError(res.status, `/api/${version}/jobSessions`);
  }

  listSessions(filter: SessionFilter, page: PageRequest): Promise<SessionPage> {
    return this.versions.onVersionTree((profile) => {
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

  async getProtectedItems(id: string, limit: number): Promise<ProtectedItemResults> {
    const profile = await this.profile();
    const page = await this.getPage(
      profile,
      `jobSessions/${this.checkedId(id)}/protectedItems`,
      new URLSearchParams({ Offset: '0', Limit: String(limit) }),
      protectedItemSchema,
    );
    return {
      items: page.items.map((item) => {
        // The latest run is the one that counts: a VM retried within the session may have several.
        const at = (run: { startTime?: string | null | undefined }) => Date.parse(run.startTime ?? '') || 0;
        const runs = [...(item.runs ?? [])].sort((a, b) => at(a) - at(b));
        return {
          name: item.resource.displayName,
          resourceGroup: item.resource.resourceGroupName ?? null,
          status: runs.at(-1)?.status ?? null,
        };
      }),
      total: page.totalCount,
      unreadable: page.skipped,
    };
  }

  findPolicies(_name: string): Promise<NamedResource[]> {
    return this.names.findPolicies();
  }

  findVms(name: string): Promise<NamedResource[]> {
    return this.names.findVms(name);
  }

  async listVms(which: VmListing, page: PageRequest): Promise<VmPage> {
    const profile = await this.profile();
    const params = new URLSearchParams({ Offset: String(page.offset), Limit: String(page.limit) });
    let path: string;
    if (which === 'unprotected') {
      path = 'virtualMachines';
      params.set('ProtectionStatus', 'Unprotected');
    } else if (profile.protectedVmsPath) path = profile.protectedVmsPath;
    else
      throw new BotError(
        'VEEAM_API_VERSION',
        `The appliance serves API ${profile.version}, which has no list of protected VMs with their last backup that I know of (it comes with v7). Ask \`when did web-01 last back up successfully\` for one VM.`,
      );
    const got = await this.getPage(profile, path, params, applianceVmSchema);
    return {
      vms: got.items.map((vm) => ({
        id: vm.id,
        name: vm.name,
        resourceGroup: vm.resourceGroupName ?? vm.resourceGroup?.name ?? null,
        lastBackup: vm.lastBackup ?? null,
      })),
      total: got.totalCount,
      unreadable: got.skipped,
    };
  }

  /**
   * A collection page: the envelope strictly (no `results` list is an error, never an empty answer), its
   * items one by one (an unreadable one is skipped, counted and its reason logged once).
   */
  private async getPage<S extends z.ZodType>(
    profile: ApiVersionRecord,
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
    profile: ApiVersionRecord,
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
