import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
  API_VERSIONS,
  type ApiVersion,
  apiVersionProfile,
  isApiVersion,
} from '../../core/sessions/api-version';
import {
  createWorld,
  generateSessions,
  type SimSession,
  type SimWorld,
  sessionLog,
  sessionPayload,
} from './seed-sessions';

/**
 * A faithful local stand-in for the Veeam Backup for Microsoft Azure REST API (../shared/veeam-api/):
 * the token endpoint with password and refresh grants, /jobSessions with every filter, single sessions,
 * logs, policies and VMs, problem-details errors, and switches to inject faults. It is the embedded
 * default, so the bot runs with no appliance at all.
 */

export type SimulatorUser = { username: string; password: string; role?: 'ReadOnly' | 'None'; mfa?: boolean };

export type SimulatorFaults = {
  /** Added to every answer. */
  latencyMs: number;
  /** The next N API calls answer this HTTP status (500, 503, ...). */
  failNext: { count: number; status: number };
  /** The next N API calls answer 429 with this Retry-After. */
  rateLimitNext: { count: number; retryAfterSeconds: number };
  /** The next N API calls never answer (until the client gives up). */
  hangNext: number;
  /** The next N API calls have their connection dropped. */
  dropNext: number;
  /** Refresh grants are refused (the bot must fall back to a password login). */
  refuseRefresh: boolean;
  /** Share of API calls (0..1) that fail with 500 at random. */
  errorRate: number;
};

export type SimulatorOptions = {
  seed?: string;
  now?: () => number;
  users?: SimulatorUser[];
  tokenTtlSeconds?: number;
  port?: number;
  host?: string;
  tls?: { key: string; cert: string };
  faults?: Partial<SimulatorFaults>;
  /**
   * The order /jobSessions lists its results in. Nothing documents one; the one published collection
   * example [D3] lists newest first, so that is the default. `oldest` is what an appliance may as well do.
   */
  order?: 'newest' | 'oldest';
  /** The API versions served; the others answer 404 like any unknown path. Default: all of them. */
  apiVersions?: readonly ApiVersion[];
  /** Extra plain backup sessions for load tests: this many a day over the last `days` days. */
  bulk?: { sessionsPerDay: number; days: number };
};

export type SimulatorState = {
  sessions: number;
  byStatus: Record<string, number>;
  policies: number;
  vms: number;
  faults: SimulatorFaults;
  stats: SimulatorStats;
};

export type SimulatorStats = {
  logins: number;
  refreshes: number;
  apiCalls: number;
  jobSessionsCalls: number;
};

export type VeeamSimulator = {
  url: string;
  faults: SimulatorFaults;
  stats: SimulatorStats;
  /** Make every access token issued so far expire now. */
  expireTokens(): void;
  /** The sessions the simulator holds right now, newest first. */
  sessions(): SimSession[];
  /** What /__simulator/state answers: counts of what it holds, its faults and what it has served. */
  state(): SimulatorState;
  world: ReturnType<typeof createWorld>;
  close(): Promise<void>;
};

export const DEFAULT_SIMULATOR_USER: SimulatorUser = { username: 'sessions-bot', password: 'simulator' };

const DEFAULT_FAULTS: SimulatorFaults = {
  latencyMs: 0,
  failNext: { count: 0, status: 500 },
  rateLimitNext: { count: 0, retryAfterSeconds: 1 },
  hangNext: 0,
  dropNext: 0,
  refuseRefresh: false,
  errorRate: 0,
};

type Grant = { username: string; role: string; expiresMs: number };

export async function startVeeamSimulator(options: SimulatorOptions = {}): Promise<VeeamSimulator> {
  const seed = options.seed ?? 'sessions-bot';
  const now = options.now ?? Date.now;
  const users = options.users ?? [
    DEFAULT_SIMULATOR_USER,
    { username: 'mfa-user', password: 'simulator', mfa: true },
    { username: 'no-role', password: 'simulator', role: 'None' },
  ];
  const ttl = options.tokenTtlSeconds ?? 3600;
  const served: readonly ApiVersion[] = options.apiVersions ?? API_VERSIONS;
  const order = options.order ?? 'newest';
  const vmName = (id: string) => world.vms.find((v) => v.id === id)?.name ?? id;
  const world = createWorld(seed);
  const bulk = options.bulk ? bulkSessions(world, now(), options.bulk.sessionsPerDay, options.bulk.days) : [];
  const faults: SimulatorFaults = structuredClone({ ...DEFAULT_FAULTS, ...options.faults });
  const stats: SimulatorStats = { logins: 0, refreshes: 0, apiCalls: 0, jobSessionsCalls: 0 };
  const accessTokens = new Map<string, Grant>();
  const refreshTokens = new Map<string, Grant>();
  let cache: { minute: number; sessions: SimSession[]; byId: Map<string, SimSession> } | null = null;

  const currentSessions = () => {
    // Regenerated once a simulated minute: cheap enough, and running sessions finish on time.
    const minute = Math.floor(now() / 60_000);
    if (!cache || cache.minute !== minute) {
      const generated = generateSessions(seed, world, now());
      const sessions =
        bulk.length > 0 ? [...generated, ...bulk].sort((a, b) => b.startMs - a.startMs) : generated;
      cache = { minute, sessions, byId: new Map(sessions.map((s) => [s.id, s])) };
    }
    return cache;
  };

  const sockets = new Set<Socket>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) sendProblem(res, 500, 'Internal Server Error', String(error));
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  let baseUrl = '';

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const body = await readBody(req);
    if (url.pathname.startsWith('/__simulator/')) {
      admin(req.method ?? 'GET', url.pathname, body, res);
      return;
    }
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (url.pathname === '/api/oauth2/token') {
      token(req.method ?? 'GET', body, res);
      return;
    }

    const m = /^\/api\/(v[\d.]+)\/(.+)$/.exec(url.pathname);
    if (!m || !isApiVersion(m[1] as string) || !served.includes(m[1] as ApiVersion)) {
      sendProblem(res, 404, 'Not Found', `No resource at ${url.pathname}`);
      return;
    }
    const version = m[1] as ApiVersion;
    const path = m[2] as string;

    // Faults apply to API calls, not to logins: that is where appliances hurt in practice.
    if (faults.dropNext > 0) {
      faults.dropNext--;
      req.socket.destroy();
      return;
    }
    if (faults.hangNext > 0) {
      faults.hangNext--;
      return;
    }
    if (faults.rateLimitNext.count > 0) {
      faults.rateLimitNext.count--;
      res.setHeader('retry-after', String(faults.rateLimitNext.retryAfterSeconds));
      sendProblem(res, 429, 'Too Many Requests', 'Slow down');
      return;
    }
    if (faults.failNext.count > 0) {
      faults.failNext.count--;
      sendProblem(res, faults.failNext.status, 'Server Error', 'Injected fault');
      return;
    }
    if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
      sendProblem(res, 500, 'Server Error', 'Injected random fault');
      return;
    }

    const auth = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    const grant = auth ? accessTokens.get(auth[1] as string) : undefined;
    if (!grant || grant.expiresMs <= now()) {
      sendProblem(res, 401, 'Unauthorized', 'The access token is missing, invalid or expired.');
      return;
    }
    if (grant.role === 'None') {
      sendProblem(res, 403, 'Forbidden', 'The user role does not allow this operation.');
      return;
    }
    stats.apiCalls++;
    if (req.method !== 'GET') {
      sendProblem(res, 405, 'Method Not Allowed', '');
      return;
    }

    const query = caseInsensitiveQuery(url.searchParams);
    if (path === 'jobSessions') {
      stats.jobSessionsCalls++;
      listJobSessions(version, query, res);
      return;
    }
    const one = /^jobSessions\/([^/]+)(\/log)?$/.exec(path);
    if (one) {
      const session = currentSessions().byId.get(decodeURIComponent(one[1] as string));
      if (!session) {
        sendProblem(res, 404, 'Not Found', `Job session ${one[1]} was not found.`);
        return;
      }
      if (one[2]) {
        sendJson(res, 200, { jobSessionId: session.id, log: sessionLog(seed, session, world) });
        return;
      }
      sendJson(res, 200, sessionPayload(session, baseUrl, version, vmName));
      return;
    }
    if (path === 'policies/virtualMachines') {
      const name = query.get('policyname')?.[0]?.toLowerCase();
      const items = world.policies
        .filter((p) => p.removedAfterMs === null)
        .filter((p) => !name || p.name.toLowerCase().includes(name))
        .map((p) => ({ id: p.id, name: p.name, description: '', isEnabled: true }));
      sendPage(res, query, items, version);
      return;
    }
    if (path === 'virtualMachines') {
      const pattern = query.get('searchpattern')?.[0]?.toLowerCase();
      const items = world.vms
        .filter((v) => !pattern || v.name.toLowerCase().includes(pattern))
        .map((v) => ({ ...v }));
      sendPage(res, query, items, version);
      return;
    }
    if (path === 'system/about') {
      sendJson(res, 200, { serverVersion: '8.1.0.0-simulator', workerVersion: '8.1.0.0' });
      return;
    }
    sendProblem(res, 404, 'Not Found', `No resource at ${url.pathname}`);
    return;
  }

  function token(method: string, body: string, res: http.ServerResponse): void {
    if (method === 'DELETE') {
      res.writeHead(204).end();
      return;
    }
    if (method !== 'POST') {
      sendProblem(res, 405, 'Method Not Allowed', '');
      return;
    }
    const form = caseInsensitiveQuery(new URLSearchParams(body));
    // A published v8 script sends no grant_type and gets a token [C5]: the appliance takes it as the
    // password grant.
    const grantType = form.get('grant_type')?.[0]?.toLowerCase() ?? (form.has('username') ? 'password' : '');
    if (grantType === 'password') {
      const username = form.get('username')?.[0];
      const user = users.find((u) => u.username === username && u.password === form.get('password')?.[0]);
      if (!user) {
        sendProblem(res, 401, 'Unauthorized', 'Invalid user name or password.');
        return;
      }
      if (user.mfa) {
        sendJson(res, 200, { mfa_token: randomToken(), mfa_enabled: true });
        return;
      }
      stats.logins++;
      issue(res, user.username, user.role ?? 'ReadOnly');
      return;
    }
    if (grantType === 'refresh_token') {
      const old = form.get('refresh_token')?.[0] ?? '';
      const grant = refreshTokens.get(old);
      if (!grant || faults.refuseRefresh || grant.expiresMs <= now()) {
        sendProblem(res, 400, 'Bad Request', 'The refresh token is invalid or expired.');
        return;
      }
      refreshTokens.delete(old);
      stats.refreshes++;
      issue(res, grant.username, grant.role);
      return;
    }
    sendProblem(res, 400, 'Bad Request', `Unsupported grant_type "${form.get('grant_type')?.[0] ?? ''}".`);
    return;
  }

  function issue(res: http.ServerResponse, username: string, role: string): void {
    const access = randomToken();
    const refresh = randomToken();
    const issued = now();
    const expiresMs = issued + ttl * 1000;
    accessTokens.set(access, { username, role, expiresMs });
    refreshTokens.set(refresh, { username, role, expiresMs: issued + 14 * 86_400_000 });
    sendJson(res, 200, {
      access_token: access,
      refresh_token: refresh,
      token_type: 'bearer',
      expires_in: ttl,
      '.issued': new Date(issued).toISOString(),
      '.expires': new Date(expiresMs).toISOString(),
      userId: userIdOf(username),
      username,
      roleName: role === 'None' ? 'None' : 'PortalReadOnlyUser',
      userType: 'Internal',
      mfa_enabled: false,
      shortLived: false,
    });
  }

  function listJobSessions(
    version: ApiVersion,
    query: Map<string, string[]>,
    res: http.ServerResponse,
  ): void {
    const profile = apiVersionProfile(version);
    const errors: Record<string, string[]> = {};
    const enumValues = (key: string, allowed: readonly string[]) =>
      (query.get(key.toLowerCase()) ?? []).map((v) => {
        const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
        if (!hit) addError(errors, key, `The value '${v}' is not valid.`);
        return hit ?? '';
      });
    const statuses = enumValues('Status', profile.statuses);
    const types = enumValues('Types', profile.types);
    const date = (key: string) => {
      const raw = query.get(key.toLowerCase())?.[0];
      if (raw === undefined) return null;
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) addError(errors, key, `The value '${raw}' is not valid.`);
      return ms;
    };
    const fromMs = date('FromUtc');
    const toMs = date('ToUtc');
    const uuid = (key: string) => {
      const raw = query.get(key.toLowerCase())?.[0];
      if (raw !== undefined && !UUID.test(raw)) addError(errors, key, `The value '${raw}' is not valid.`);
      return raw ?? null;
    };
    const policyId = uuid('PolicyId');
    const vmId = profile.vmParameter === 'VmId' ? uuid('VmId') : (query.get('resourceid')?.[0] ?? null);
    const display = profile.supportsDisplay ? query.get('display')?.[0] : undefined;
    if (display !== undefined && !['full', 'grouped'].includes(display.toLowerCase())) {
      addError(errors, 'Display', `The value '${display}' is not valid.`);
    }
    const textFilter = profile.supportsDisplay ? undefined : query.get('filter')?.[0]?.toLowerCase();
    const paging = readPaging(query, version, errors);
    if (Object.keys(errors).length > 0) {
      sendValidationProblem(res, errors);
      return;
    }

    const matches = currentSessions().sessions.filter(
      (s) =>
        (statuses.length === 0 || statuses.includes(s.status)) &&
        (types.length === 0 || types.includes(s.type)) &&
        (policyId === null || s.policy?.id === policyId) &&
        (vmId === null || s.vmIds.includes(vmId)) &&
        (fromMs === null || s.startMs >= fromMs) &&
        (toMs === null || s.startMs < toMs) &&
        (!textFilter || (s.policy?.name ?? s.repository?.name ?? '').toLowerCase().includes(textFilter)),
    );
    if (order === 'oldest') matches.reverse();
    const page =
      paging.limit === -1
        ? matches.slice(paging.offset)
        : matches.slice(paging.offset, paging.offset + paging.limit);
    sendJson(res, 200, {
      offset: paging.offset,
      limit: paging.limit,
      totalCount: matches.length,
      results: page.map((s) => sessionPayload(s, baseUrl, version, vmName)),
      _links: {},
    });
  }

  function sendPage(
    res: http.ServerResponse,
    query: Map<string, string[]>,
    items: unknown[],
    version: ApiVersion,
  ): void {
    const errors: Record<string, string[]> = {};
    const paging = readPaging(query, version, errors);
    if (Object.keys(errors).length > 0) {
      sendValidationProblem(res, errors);
      return;
    }
    const page =
      paging.limit === -1
        ? items.slice(paging.offset)
        : items.slice(paging.offset, paging.offset + paging.limit);
    sendJson(res, 200, {
      offset: paging.offset,
      limit: paging.limit,
      totalCount: items.length,
      results: page,
      _links: {},
    });
  }

  function state(): SimulatorState {
    const sessions = currentSessions().sessions;
    const byStatus: Record<string, number> = {};
    for (const s of sessions) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    return {
      sessions: sessions.length,
      byStatus,
      policies: world.policies.length,
      vms: world.vms.length,
      faults,
      stats,
    };
  }

  function admin(method: string, path: string, body: string, res: http.ServerResponse): void {
    if (path === '/__simulator/state' && method === 'GET') {
      sendJson(res, 200, state());
      return;
    }
    if (path === '/__simulator/faults' && method === 'POST') {
      try {
        const patch = JSON.parse(body || '{}') as Partial<SimulatorFaults>;
        Object.assign(faults, structuredClone({ ...DEFAULT_FAULTS, ...patch }));
        sendJson(res, 200, faults);
        return;
      } catch {
        sendProblem(res, 400, 'Bad Request', 'Body must be JSON');
        return;
      }
    }
    if (path === '/__simulator/expire-tokens' && method === 'POST') {
      expireTokens();
      res.writeHead(204).end();
      return;
    }
    sendProblem(res, 404, 'Not Found', path);
  }

  function expireTokens(): void {
    for (const g of accessTokens.values()) g.expiresMs = now() - 1;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `${options.tls ? 'https' : 'http'}://${host === '127.0.0.1' && options.tls ? 'localhost' : host}:${address.port}`;

  return {
    url: baseUrl,
    faults,
    stats,
    world,
    expireTokens,
    sessions: () => currentSessions().sessions,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ASP.NET binds query names without regard to case; so does the simulator. */
function caseInsensitiveQuery(params: URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of params) {
    const key = k.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), v]);
  }
  return out;
}

/**
 * Volume without variety, for benchmarks: policy backups spread evenly over the last days, 2% failed and
 * 3% with warnings, in a fixed pattern so every run counts the same.
 */
function bulkSessions(world: SimWorld, nowMs: number, perDay: number, days: number): SimSession[] {
  const total = perDay * days;
  const step = (days * 86_400_000) / total;
  const out: SimSession[] = new Array(total);
  for (let i = 0; i < total; i++) {
    const policy = world.policies[i % world.policies.length] as SimWorld['policies'][number];
    const vm = world.vms[i % world.vms.length] as SimWorld['vms'][number];
    const startMs = Math.floor(nowMs - 3_600_000 - i * step);
    out[i] = {
      id: `00000000-0000-4000-a000-${i.toString(16).padStart(12, '0')}`,
      type: 'PolicyBackup',
      localizedType: 'Policy Backup',
      status: i % 50 === 7 ? 'Error' : i % 33 === 5 ? 'Warning' : 'Success',
      startMs,
      stopMs: startMs + 300_000,
      policy,
      repository: null,
      vmIds: [vm.id],
      failedVmId: null,
      restoreReason: null,
    };
  }
  return out;
}

function readPaging(query: Map<string, string[]>, version: ApiVersion, errors: Record<string, string[]>) {
  const int = (key: string, fallback: number, min: number) => {
    const raw = query.get(key.toLowerCase())?.[0];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || n < min) {
      addError(errors, key, `The value '${raw}' is not valid.`);
      return fallback;
    }
    return n;
  };
  const v8 = version === 'v8' || version === 'v8.1';
  return { offset: int('Offset', 0, 0), limit: int('Limit', 100, v8 ? -1 : 0) };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendProblem(res: http.ServerResponse, status: number, title: string, detail: string): void {
  const text = JSON.stringify({
    type: 'about:blank',
    title,
    status,
    detail,
    traceId: `00-${randomBytes(16).toString('hex')}-00`,
  });
  res.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8' });
  res.end(text);
}

function sendValidationProblem(res: http.ServerResponse, errors: Record<string, string[]>): void {
  const text = JSON.stringify({
    type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
    title: 'One or more validation errors occurred.',
    status: 400,
    traceId: `00-${randomBytes(16).toString('hex')}-00`,
    errors,
  });
  res.writeHead(400, { 'content-type': 'application/problem+json; charset=utf-8' });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function addError(errors: Record<string, string[]>, key: string, message: string): void {
  errors[key] = [...(errors[key] ?? []), message];
}

/** Token responses carry the user's id as a UUID [C9]; a stable one per name. */
function userIdOf(username: string): string {
  const hex = createHash('sha256').update(username).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
