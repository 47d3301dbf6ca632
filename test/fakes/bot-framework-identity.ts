import { createSign, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { TeamsCredentialsFactory } from '../../src/teams/teams-app';
import { closeServer } from './local-server';

/**
 * A local stand-in for Bot Framework's identity: the OpenID metadata and signing keys the real
 * CloudAdapter checks inbound tokens against (so JWT, issuer, audience, endorsement and serviceurl checks
 * all run, in the SDK's own code), a signer for tokens as the Bot Connector sends them, and an outbound
 * credentials factory in place of Microsoft Entra (which the bot cannot reach from here).
 */
export type FakeBotFrameworkIdentity = {
  /** TEAMS_OPENID_METADATA_URL */
  metadataUrl: string;
  /** A token as Bot Framework signs it for `serviceUrl`, for the bot with `appId`. */
  token(claims: { appId: string; serviceUrl: string; expiresInSeconds?: number }): string;
  credentials: TeamsCredentialsFactory;
  close(): Promise<void>;
};

const ISSUER = 'https://api.botframework.com';
const KEY_ID = 'fake-bot-framework-key';

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

class FixedCredentials extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials() {
    return {
      signRequest: async <T extends { headers: { set(name: string, value: string): void } }>(request: T) => {
        request.headers.set('authorization', 'Bearer token-from-fake-entra');
        return request;
      },
    };
  }
}

export async function startFakeBotFrameworkIdentity(appId: string): Promise<FakeBotFrameworkIdentity> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const json = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/openid') return json({ issuer: ISSUER, jwks_uri: `${base}/keys` });
    if (req.url === '/keys')
      return json({
        keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
      });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    metadataUrl: `http://127.0.0.1:${port}/openid`,
    token: ({ appId: audience, serviceUrl, expiresInSeconds = 3600 }) => {
      const now = Math.floor(Date.now() / 1000);
      const head = base64url({ alg: 'RS256', typ: 'JWT', kid: KEY_ID });
      const body = base64url({
        iss: ISSUER,
        aud: audience,
        serviceurl: serviceUrl,
        nbf: now - 60,
        exp: now + expiresInSeconds,
      });
      const signature = createSign('RSA-SHA256')
        .update(`${head}.${body}`)
        .sign(privateKey)
        .toString('base64url');
      return `${head}.${body}.${signature}`;
    },
    credentials: new FixedCredentials(appId),
    close: () => closeServer(server),
  };
}

/** Variables for a registered (authenticated) bot whose tokens come from `identity`. */
export function authenticatedTeamsEnv(
  identity: FakeBotFrameworkIdentity,
  appId: string,
): Record<string, string> {
  return {
    MICROSOFT_APP_ID: appId,
    MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
    MICROSOFT_APP_TYPE: 'MultiTenant',
    TEAMS_OPENID_METADATA_URL: identity.metadataUrl,
  };
}
