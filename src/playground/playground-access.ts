import type http from 'node:http';
import { bearerMatches } from '../http/bearer-token';
import { isLoopbackAddress, isLoopbackHost } from '../http/loopback';

/** PLAYGROUND: auto (the default), on or off. */
export type PlaygroundMode = 'auto' | 'on' | 'off';
type PlaygroundScope = 'everyone' | 'loopback' | 'off';

/** Who may use the playground, and with what proof. */
export type PlaygroundAccess = {
  scope: PlaygroundScope;
  /** Asked of every API call when set (PLAYGROUND_TOKEN). */
  token: string | null;
  /** Said at start, so the operator knows why the playground is (not) there. */
  reason: string;
};

/**
 * The playground drives the appliance the bot is configured for. On the simulator that costs nothing and
 * shows made-up data, so it is open while no chat platform is on and loopback-only once one is. Against a
 * real appliance it shows real data and costs real calls: off unless PLAYGROUND=on, and then only with
 * PLAYGROUND_TOKEN (config.ts refuses PLAYGROUND=on without it).
 */
export function playgroundAccess(
  mode: PlaygroundMode,
  facts: { chatConfigured: boolean; realAppliance: boolean; token: string | null },
): PlaygroundAccess {
  const { chatConfigured, realAppliance, token } = facts;
  if (mode === 'off') return { scope: 'off', token: null, reason: 'PLAYGROUND=off' };
  if (realAppliance && mode === 'auto')
    return {
      scope: 'off',
      token: null,
      reason:
        'the bot talks to a real appliance; PLAYGROUND=on with PLAYGROUND_TOKEN opens it to whoever has the token',
    };
  if (realAppliance) return { scope: 'everyone', token, reason: 'PLAYGROUND=on, with PLAYGROUND_TOKEN' };
  if (mode === 'on')
    return { scope: 'everyone', token, reason: `PLAYGROUND=on${token ? ', with PLAYGROUND_TOKEN' : ''}` };
  return chatConfigured
    ? {
        scope: 'loopback',
        token,
        reason: 'this machine only, since Slack or Teams is on; PLAYGROUND=on opens it',
      }
    : {
        scope: 'everyone',
        token,
        reason: 'the embedded simulator and no chat platform: try the bot in a browser',
      };
}

/** Headers a reverse proxy adds: a request with one came from elsewhere, whatever its socket says. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'via'];

export type Refusal = { status: number; error: string };

/** Whether this request may reach the playground's page (`api` false) or its API. */
export function checkPlaygroundRequest(
  req: http.IncomingMessage,
  access: PlaygroundAccess,
  api: boolean,
): Refusal | null {
  if (access.scope === 'loopback') {
    const proxied = FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
    if (!isLoopbackAddress(req.socket.remoteAddress) || proxied || !isLoopbackHost(req.headers.host))
      return {
        status: 403,
        error:
          'The playground answers this machine only (http://localhost) while Slack or Teams is on; PLAYGROUND=on opens it.',
      };
  }
  if (!api) return null;
  // Cross-site requests: a page elsewhere may send a "simple" POST (text/plain, forms) without asking;
  // JSON it may not, and a foreign Origin is refused outright.
  const origin = req.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, req.headers.host))
    return { status: 403, error: 'The playground answers its own page only (Origin does not match Host).' };
  if (req.method === 'POST' && !(req.headers['content-type'] ?? '').startsWith('application/json'))
    return { status: 415, error: 'The playground API takes application/json.' };
  if (access.token !== null && !bearerMatches(req.headers.authorization, access.token))
    return {
      status: 401,
      error: 'This playground needs its token: open it as /?token=… with the value of PLAYGROUND_TOKEN.',
    };
  return null;
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
