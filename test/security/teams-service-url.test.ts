import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import {
  authenticatedTeamsEnv,
  type FakeBotFrameworkIdentity,
  startFakeBotFrameworkIdentity,
} from '../fakes/bot-framework-identity';

const APP_ID = '7ab4d9f1-3c2e-4b6a-8d1f-2e3c4b5a6d7e';
const silent = createLogger({ level: 'error', format: 'json', write: () => {} });

function message(serviceUrl: string, text = 'failed today') {
  return {
    type: 'message',
    id: '1700000000001',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:u', aadObjectId: 'aad-user' },
    recipient: { id: '28:bot', name: 'Sessions' },
    conversation: { id: 'a:personal-chat', conversationType: 'personal', tenantId: 't1' },
    text,
    channelData: { tenant: { id: 't1' } },
  };
}

async function post(app: RunningApp, activity: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}

async function storedReferences(app: RunningApp): Promise<number> {
  const rows = await app.database.db
    .selectFrom('conversation_references')
    .select('conversation_id')
    .execute();
  return rows.length;
}

describe('Teams serviceUrl: the bot posts only where it may', () => {
  let connector: FakeBotConnector;
  let elsewhere: FakeBotConnector;
  let identity: FakeBotFrameworkIdentity;
  let app: RunningApp | undefined;

  beforeEach(async () => {
    connector = await startFakeBotConnector();
    elsewhere = await startFakeBotConnector();
    identity = await startFakeBotFrameworkIdentity(APP_ID);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await Promise.all([connector.close(), elsewhere.close(), identity.close()]);
  });

  describe('in open mode (TEAMS_ALLOW_UNAUTHENTICATED)', () => {
    beforeEach(async () => {
      app = await startApp(
        loadConfig({
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: ':memory:',
          TEAMS_ALLOW_UNAUTHENTICATED: 'true',
        }),
        silent,
        { startScheduler: false },
      );
    });

    it.each([
      'https://attacker.example/',
      'http://10.0.0.5:8080/internal?x=1',
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1.attacker.example/',
    ])('refuses an activity whose serviceUrl is not this machine (%s), and stores nothing', async (url) => {
      const res = await post(app as RunningApp, message(url));
      expect(res.status).toBe(403);
      expect(res.body).toContain('serviceUrl');
      expect(await storedReferences(app as RunningApp)).toBe(0);
    });

    it('answers the Emulator on this machine, keeps no conversation in the database and takes no digest', async () => {
      expect((await post(app as RunningApp, message(connector.serviceUrl))).status).toBe(200);
      await connector.waitFor(() =>
        connector.calls.find((c) => JSON.stringify(c.activity).includes('AdaptiveCard')),
      );
      expect(
        (await post(app as RunningApp, message(connector.serviceUrl, 'digest daily 08:00'))).status,
      ).toBe(200);
      const refusal = await connector.waitFor(() =>
        connector.calls.find((c) => JSON.stringify(c.activity).includes('Digests and alerts are off here')),
      );
      expect(JSON.stringify(refusal.activity)).toContain('MICROSOFT_APP_ID');
      expect(await storedReferences(app as RunningApp)).toBe(0);
    });
  });

  describe('in authenticated mode', () => {
    beforeEach(async () => {
      app = await startApp(
        loadConfig({
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: ':memory:',
          ...authenticatedTeamsEnv(identity, APP_ID),
        }),
        silent,
        { startScheduler: false, teamsCredentials: identity.credentials },
      );
    });

    it('answers at the serviceUrl its validated token names', async () => {
      const token = identity.token({ appId: APP_ID, serviceUrl: connector.serviceUrl });
      const res = await post(app as RunningApp, message(connector.serviceUrl), {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(200);
      await connector.waitFor(() => connector.calls[0]);
    });

    it('refuses an activity that names another serviceUrl than its token, and posts nothing there', async () => {
      const token = identity.token({ appId: APP_ID, serviceUrl: connector.serviceUrl });
      const res = await post(app as RunningApp, message(elsewhere.serviceUrl), {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(elsewhere.calls).toHaveLength(0);
      expect(connector.calls).toHaveLength(0);
      expect(await storedReferences(app as RunningApp)).toBe(0);
    });

    it('refuses a token for another bot, and a token signed by another key', async () => {
      const other = identity.token({
        appId: '00000000-0000-4000-8000-000000000000',
        serviceUrl: connector.serviceUrl,
      });
      expect(
        (await post(app as RunningApp, message(connector.serviceUrl), { authorization: `Bearer ${other}` }))
          .status,
      ).toBe(401);
      const stranger = await startFakeBotFrameworkIdentity(APP_ID);
      try {
        const forged = stranger.token({ appId: APP_ID, serviceUrl: connector.serviceUrl });
        expect(
          (
            await post(app as RunningApp, message(connector.serviceUrl), {
              authorization: `Bearer ${forged}`,
            })
          ).status,
        ).toBe(401);
      } finally {
        await stranger.close();
      }
      expect(connector.calls).toHaveLength(0);
    });
  });
});
