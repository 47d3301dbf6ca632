import { createHash, randomBytes } from 'node:crypto';
import { caseInsensitiveQuery } from './query-params';
import { json, problem, type SimResponse } from './sim-response';

/**
 * The appliance's token endpoint, `/api/oauth2/token` (../shared/veeam-api/README.md §4): the password and
 * refresh grants, MFA users (who get an `mfa_token` and no access token), logout, and the bearer check
 * every API call goes through.
 */

export type SimulatorUser = { username: string; password: string; role?: 'ReadOnly' | 'None'; mfa?: boolean };

export const DEFAULT_SIMULATOR_USER: SimulatorUser = { username: 'sessions-bot', password: 'simulator' };

export const DEFAULT_SIMULATOR_USERS: readonly SimulatorUser[] = [
  DEFAULT_SIMULATOR_USER,
  { username: 'mfa-user', password: 'simulator', mfa: true },
  { username: 'no-role', password: 'simulator', role: 'None' },
];

type Grant = { username: string; role: string; expiresMs: number };

export type GrantOptions = {
  users: readonly SimulatorUser[];
  tokenTtlSeconds: number;
  now: () => number;
  /** Asked at each refresh: refused refreshes make the bot fall back to a password login. */
  refuseRefresh: () => boolean;
  /** Counted as they happen. */
  stats: { logins: number; refreshes: number };
};

export type OAuthGrants = {
  /** Answers a request to the token endpoint. */
  token(method: string, body: string): SimResponse;
  /** The role behind an `Authorization` header, or the 401/403 to answer instead. */
  authorize(header: string | undefined): { ok: true } | { ok: false; response: SimResponse };
  /** Makes every access token issued so far expire now. */
  expireAll(): void;
};

export function createOAuthGrants(options: GrantOptions): OAuthGrants {
  const accessTokens = new Map<string, Grant>();
  const refreshTokens = new Map<string, Grant>();
  const { now } = options;

  function issue(username: string, role: string): SimResponse {
    const access = randomToken();
    const refresh = randomToken();
    const issued = now();
    const expiresMs = issued + options.tokenTtlSeconds * 1000;
    accessTokens.set(access, { username, role, expiresMs });
    refreshTokens.set(refresh, { username, role, expiresMs: issued + 14 * 86_400_000 });
    // Field names of the v8.1 Login model [C8], matching a real v3 response [C9].
    return json(200, {
      access_token: access,
      refresh_token: refresh,
      token_type: 'bearer',
      expires_in: options.tokenTtlSeconds,
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

  return {
    token(method, body) {
      if (method === 'DELETE') return { status: 204 };
      if (method !== 'POST') return problem(405, 'Method Not Allowed', '');
      const form = caseInsensitiveQuery(new URLSearchParams(body));
      // A published v8 script sends no grant_type and gets a token [C5]: the appliance takes it as the
      // password grant.
      const grantType =
        form.get('grant_type')?.[0]?.toLowerCase() ?? (form.has('username') ? 'password' : '');
      if (grantType === 'password') {
        const username = form.get('username')?.[0];
        const user = options.users.find(
          (u) => u.username === username && u.password === form.get('password')?.[0],
        );
        if (!user) return problem(401, 'Unauthorized', 'Invalid user name or password.');
        if (user.mfa) return json(200, { mfa_token: randomToken(), mfa_enabled: true });
        options.stats.logins++;
        return issue(user.username, user.role ?? 'ReadOnly');
      }
      if (grantType === 'refresh_token') {
        const old = form.get('refresh_token')?.[0] ?? '';
        const grant = refreshTokens.get(old);
        if (!grant || options.refuseRefresh() || grant.expiresMs <= now())
          return problem(400, 'Bad Request', 'The refresh token is invalid or expired.');
        refreshTokens.delete(old);
        options.stats.refreshes++;
        return issue(grant.username, grant.role);
      }
      return problem(400, 'Bad Request', `Unsupported grant_type "${form.get('grant_type')?.[0] ?? ''}".`);
    },
    authorize(header) {
      const auth = /^Bearer (.+)$/i.exec(header ?? '');
      const grant = auth ? accessTokens.get(auth[1] as string) : undefined;
      if (!grant || grant.expiresMs <= now())
        return {
          ok: false,
          response: problem(401, 'Unauthorized', 'The access token is missing, invalid or expired.'),
        };
      if (grant.role === 'None')
        return {
          ok: false,
          response: problem(403, 'Forbidden', 'The user role does not allow this operation.'),
        };
      return { ok: true };
    },
    expireAll() {
      for (const g of accessTokens.values()) g.expiresMs = now() - 1;
    },
  };
}

/** Token responses carry the user's id as a UUID [C9]; a stable one per name. */
function userIdOf(username: string): string {
  const hex = createHash('sha256').update(username).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function randomToken(): string {
  return randomBytes(24).toString('base64url');
}
