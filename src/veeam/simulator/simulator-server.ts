import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { API_VERSIONS, type ApiVersion } from '../../core/sessions/api-version';
import { createAppliance } from './appliance';
import { createFaults, nextFault, resetFaults, type SimulatorFaults } from './faults';
import { createOAuthGrants, DEFAULT_SIMULATOR_USERS, type SimulatorUser } from './oauth-grants';
import { caseInsensitiveQuery } from './query-params';
import { json, problem, type SimResponse } from './sim-response';
import type { SimSession } from './sim-world';

/**
 * A faithful local stand-in for the Veeam Backup for Microsoft Azure REST API (../shared/veeam-api/), and
 * the bot's embedded default, so it runs with no appliance at all. This file is only the HTTP server: the
 * appliance (appliance.ts), its token endpoint (oauth-grants.ts) and the fault switches (faults.ts) are
 * plain functions it wires together, plus /__simulator/ endpoints to drive it from outside.
 */

export type { SimulatorFaults } from './faults';
export { DEFAULT_SIMULATOR_USER } from './oauth-grants';

export type SimulatorOptions = {
  seed?: string;
  now?: () => number;
  users?: SimulatorUser[];
  tokenTtlSeconds?: number;
  port?: number;
  host?: string;
  tls?: { key: string; cert: string };
  faults?: Partial<SimulatorFaults>;
  /** The order /jobSessions lists its results in (see ApplianceOptions.order). Default: newest first. */
  order?: 'newest' | 'oldest';
  /** The API versions served; the others answer 404 like any unknown path. Default: all of them. */
  apiVersions?: readonly ApiVersion[];
  /** Extra plain backup sessions for load tests: this many a day over the last `days` days. */
  bulk?: { sessionsPerDay: number; days: number };
};

type SimulatorStats = {
  logins: number;
  refreshes: number;
  apiCalls: number;
  jobSessionsCalls: number;
};

type SimulatorState = {
  sessions: number;
  byStatus: Record<string, number>;
  policies: number;
  vms: number;
  faults: SimulatorFaults;
  stats: SimulatorStats;
};

export type VeeamSimulator = {
  url: string;
  faults: SimulatorFaults;
  stats: SimulatorStats;
  /** Make every access token issued so far expire now. */
  expireTokens(): void;
  /** What POST /__simulator/sessions does: adds a session of a policy (throws saying what is wrong). */
  addSession: ReturnType<typeof createAppliance>['addSession'];
  /** The sessions the simulator holds right now, newest first. */
  sessions(): SimSession[];
  /** What /__simulator/state answers: counts of what it holds, its faults and what it has served. */
  state(): SimulatorState;
  world: ReturnType<typeof createAppliance>['world'];
  close(): Promise<void>;
};

export async function startVeeamSimulator(options: SimulatorOptions = {}): Promise<VeeamSimulator> {
  const now = options.now ?? Date.now;
  const faults = createFaults(options.faults);
  const appliance = createAppliance({
    seed: options.seed ?? 'sessions-bot',
    now,
    order: options.order ?? 'newest',
    apiVersions: options.apiVersions ?? API_VERSIONS,
    bulk: options.bulk,
  });
  const logins = { logins: 0, refreshes: 0 };
  const grants = createOAuthGrants({
    users: options.users ?? DEFAULT_SIMULATOR_USERS,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    now,
    refuseRefresh: () => faults.refuseRefresh,
    stats: logins,
  });
  const stats: SimulatorStats = {
    get logins() {
      return logins.logins;
    },
    get refreshes() {
      return logins.refreshes;
    },
    get apiCalls() {
      return appliance.stats.apiCalls;
    },
    get jobSessionsCalls() {
      return appliance.stats.jobSessionsCalls;
    },
  };
  let baseUrl = '';

  async function route(req: http.IncomingMessage, body: string): Promise<SimResponse | 'drop' | 'hang'> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/__simulator/')) return admin(method, url.pathname, body);
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (url.pathname === '/api/oauth2/token') return grants.token(method, body);
    const path = url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : null;
    if (path === null || !appliance.serves(path))
      return problem(404, 'Not Found', `No resource at ${url.pathname}`);
    const fault = nextFault(faults);
    if (fault) return fault.kind === 'respond' ? fault.response : fault.kind;
    const auth = grants.authorize(req.headers.authorization);
    if (!auth.ok) return auth.response;
    return appliance.handle({ method, path, query: caseInsensitiveQuery(url.searchParams), baseUrl });
  }

  function state(): SimulatorState {
    const sessions = appliance.sessions();
    const byStatus: Record<string, number> = {};
    for (const s of sessions) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    return {
      sessions: sessions.length,
      byStatus,
      policies: appliance.world.policies.length,
      vms: appliance.world.vms.length,
      faults,
      stats: { ...stats },
    };
  }

  function admin(method: string, path: string, body: string): SimResponse {
    if (path === '/__simulator/state' && method === 'GET') return json(200, state());
    if (path === '/__simulator/faults' && method === 'POST') {
      const request = jsonBody(body);
      if ('problem' in request) return request.problem;
      resetFaults(faults, request.value as Partial<SimulatorFaults>);
      return json(200, faults);
    }
    if (path === '/__simulator/sessions' && method === 'POST') {
      const request = jsonBody(body);
      if ('problem' in request) return request.problem;
      try {
        const added = appliance.addSession(request.value);
        return json(201, {
          id: added.id,
          status: added.finalStatus,
          startUtc: new Date(added.startMs).toISOString(),
        });
      } catch (error) {
        return problem(400, 'Bad Request', error instanceof Error ? error.message : String(error));
      }
    }
    if (path === '/__simulator/expire-tokens' && method === 'POST') {
      grants.expireAll();
      return { status: 204 };
    }
    return problem(404, 'Not Found', path);
  }

  const sockets = new Set<Socket>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    readBody(req)
      .then((body) => route(req, body))
      .then((outcome) => {
        if (outcome === 'hang') return;
        if (outcome === 'drop') req.socket.destroy();
        else send(res, outcome);
      })
      .catch((error) => {
        if (!res.headersSent) send(res, problem(500, 'Internal Server Error', String(error)));
      });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

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
    world: appliance.world,
    expireTokens: () => grants.expireAll(),
    addSession: (request) => appliance.addSession(request),
    sessions: () => appliance.sessions(),
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An admin endpoint's JSON body (empty reads as {}), or the 400 that says it is not JSON. */
function jsonBody(body: string): { value: unknown } | { problem: SimResponse } {
  try {
    return { value: JSON.parse(body || '{}') };
  } catch {
    return { problem: problem(400, 'Bad Request', 'Body must be JSON') };
  }
}

function send(res: http.ServerResponse, response: SimResponse): void {
  if (response.body === undefined) {
    res.writeHead(response.status, response.headers ?? {}).end();
    return;
  }
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': 'application/json; charset=utf-8',
    ...response.headers,
    'content-length': Buffer.byteLength(text),
  });
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

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
