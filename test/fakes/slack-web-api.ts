import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, pollUntil } from './local-server';

type WebApiCall = {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** The ts a posted message got, for specs that follow it (a thread, an update). */
  ts?: string;
};
type ResponseUrlPost = { id: string; body: Record<string, unknown> };

/**
 * A local stand-in for Slack: the Web API methods the bot calls (recorded, with state such as each
 * user's time zone and the messages posted) and response_url endpoints (recorded). Both the real
 * WebClient and Bolt's respond() talk to it over HTTP on 127.0.0.1.
 */
export type FakeSlack = {
  apiUrl: string;
  responseUrl(id: string): string;
  calls: WebApiCall[];
  responses: ResponseUrlPost[];
  userZones: Map<string, string>;
  /** Locales users.info gives when asked with include_locale, as Slack does. */
  userLocales: Map<string, string>;
  /** Tokens answered with invalid_auth, as Slack does for a revoked token. */
  rejectTokens: Set<string>;
  /** The next call to `method` answers 429 with this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfterSeconds: number): void;
  /** The next `count` response_url posts answer `status` (429 with Retry-After: 1, or a 5xx). */
  failResponsesNext(count: number, status: number): void;
  /**
   * Calls to `method` (or `method:channel`, for one channel only) answer ok:false with this Slack error
   * until cleared (e.g. channel_not_found).
   */
  failing: Map<string, string>;
  waitFor<T>(find: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** What apps.connections.open hands out (a fake Socket Mode URL); unset, it answers as for an HTTP-only app. */
  socketModeUrl: string | null;
  /** Called at once for every response_url post (the benchmark times answers with it). */
  onResponse: ((post: ResponseUrlPost) => void) | null;
  close(): Promise<void>;
};

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: WebApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const userZones = new Map<string, string>();
  const userLocales = new Map<string, string>();
  const rejectTokens = new Set<string>();
  const rateLimits = new Map<string, number>();
  const failing = new Map<string, string>();
  const responseFailures = { count: 0, status: 503 };
  let ts = 1_700_000_000;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      };
      const response = /^\/response\/(.+)$/.exec(url.pathname);
      if (response && responseFailures.count > 0) {
        responseFailures.count--;
        json(responseFailures.status, { ok: false, error: 'service_unavailable' }, { 'retry-after': '1' });
        return;
      }
      if (response) {
        const post = { id: response[1] as string, body: JSON.parse(raw || '{}') };
        responses.push(post);
        fake.onResponse?.(post);
        json(200, { ok: true });
        return;
      }
      const api = /^\/api\/(.+)$/.exec(url.pathname);
      if (!api) {
        json(404, { ok: false, error: 'unknown_path' });
        return;
      }
      const method = api[1] as string;
      const args = parseArgs(raw, req.headers['content-type'] ?? '');
      const token =
        (req.headers.authorization ?? '').replace(/^Bearer /, '') || (args.token as string | undefined);
      const retryAfter = rateLimits.get(method);
      if (retryAfter !== undefined) {
        rateLimits.delete(method);
        calls.push({ method, args, token });
        json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
        return;
      }
      calls.push({ method, args, token });
      const failure = failing.get(`${method}:${String(args.channel)}`) ?? failing.get(method);
      if (failure) {
        json(200, { ok: false, error: failure });
        return;
      }
      if (token !== undefined && rejectTokens.has(token)) {
        json(200, { ok: false, error: 'invalid_auth' });
        return;
      }
      switch (method) {
        case 'auth.test':
          json(200, {
            ok: true,
            url: 'https://fake.slack.com/',
            team: 'Fake',
            user: 'sessions',
            team_id: 'T1',
            user_id: 'UBOT',
            bot_id: 'BBOT',
          });
          return;
        case 'users.info': {
          const id = String(args.user);
          json(200, {
            ok: true,
            user: {
              id,
              name: id.toLowerCase(),
              ...(userZones.has(id) ? { tz: userZones.get(id) } : {}),
              ...(args.include_locale && userLocales.has(id) ? { locale: userLocales.get(id) } : {}),
            },
          });
          return;
        }
        case 'chat.postMessage':
        case 'chat.postEphemeral':
          ts++;
          (calls.at(-1) as WebApiCall).ts = `${ts}.000100`;
          json(200, { ok: true, channel: args.channel, ts: `${ts}.000100`, message: { text: args.text } });
          return;
        case 'chat.update':
          json(200, { ok: true, channel: args.channel, ts: args.ts });
          return;
        case 'apps.connections.open':
          json(
            200,
            fake.socketModeUrl
              ? { ok: true, url: fake.socketModeUrl }
              : { ok: false, error: 'not_allowed_token_type' },
          );
          return;
        case 'views.publish':
          json(200, { ok: true, view: { id: 'V1' } });
          return;
        default:
          json(200, { ok: false, error: 'unknown_method' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    onResponse: null,
    socketModeUrl: null,
    failResponsesNext: (count, status) => {
      responseFailures.count = count;
      responseFailures.status = status;
    },
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    failing,
    responses,
    userZones,
    userLocales,
    rejectTokens,
    rateLimitNext: (method, seconds) => rateLimits.set(method, seconds),
    waitFor: (find, timeoutMs) => pollUntil('fake Slack', find, timeoutMs),
    close: () => closeServer(server),
  };
  return fake;
}

/** The WebClient sends form fields, with objects (blocks, view) as JSON strings. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}');
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
