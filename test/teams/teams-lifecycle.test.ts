import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import {
  authenticatedTeamsEnv,
  type FakeBotFrameworkIdentity,
  startFakeBotFrameworkIdentity,
} from '../fakes/bot-framework-identity';
import { postTeamsActivity } from '../support/teams-requests';

const APP_ID = '7ab4d9f1-3c2e-4b6a-8d1f-2e3c4b5a6d7e';
const CHANNEL = '19:ops@thread.tacv2';

/**
 * What Microsoft's own client showed the audit: replies that vanish after a typing indicator, references
 * kept for refused tenants, and digests that kept posting into a chat the app had been removed from.
 */
describe('the Teams bot across a conversation’s life (authenticated, real JWTs)', () => {
  let connector: FakeBotConnector;
  let identity: FakeBotFrameworkIdentity;
  let app: RunningApp;
  const logLines: string[] = [];

  beforeEach(async () => {
    connector = await startFakeBotConnector();
    identity = await startFakeBotFrameworkIdentity(APP_ID);
    logLines.length = 0;
    app = await startApp(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: ':memory:',
        ...authenticatedTeamsEnv(identity, APP_ID),
        TEAMS_ALLOWED_TENANT_IDS: 't1',
      }),
      createLogger({ level: 'info', format: 'json', write: (l) => logLines.push(l) }),
      { startScheduler: false, teamsCredentials: identity.credentials },
    );
  });
  afterEach(async () => {
    await app.close();
    await connector.close();
    await identity.close();
  });

  async function send(activity: Record<string, unknown>) {
    const res = await postTeamsActivity(
      { appUrl: app.url, appId: APP_ID, identity, connector },
      {
        from: { id: '29:u', aadObjectId: 'aad-user' },
        conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', tenantId: 't1' },
        channelData: { tenant: { id: 't1' }, team: { id: '19:team@thread.tacv2' } },
        ...activity,
      },
    );
    expect(res.status).toBeLessThan(300);
  }
  const say = (text: string, extra: Record<string, unknown> = {}) =>
    send({ type: 'message', text, ...extra });
  const references = async () =>
    (await app.database.db.selectFrom('conversation_references').select('conversation_id').execute()).length;
  const subscriptions = async () =>
    (await app.database.db.selectFrom('digest_subscriptions').select('id').execute()).map((r) => r.id);

  it('sends typing only while a lookup is under way, never before help or a digest answer', async () => {
    await say('help');
    await connector.waitFor(() =>
      connector.calls.find((c) => JSON.stringify(c.activity).includes('AdaptiveCard')),
    );
    await say('digest status');
    await connector.waitFor(
      () => connector.calls.filter((c) => JSON.stringify(c.activity).includes('AdaptiveCard'))[1],
    );
    expect(connector.calls.filter((c) => c.activity.type === 'typing')).toHaveLength(0);
    await say('failed today');
    await connector.waitFor(() => connector.calls.find((c) => c.activity.type === 'typing'));
  });

  it('keeps no reference for a refused tenant', async () => {
    await say('failed today', {
      conversation: { id: '19:other@thread.tacv2', conversationType: 'channel', tenantId: 'evil' },
      channelData: { tenant: { id: 'evil' } },
    });
    await connector.waitFor(() =>
      connector.calls.find((c) => JSON.stringify(c.activity).includes('not enabled')),
    );
    expect(await references()).toBe(0);
  });

  it('ends the digest and forgets the conversation when the app is uninstalled', async () => {
    await say('digest daily 08:00 Europe/Berlin');
    await connector.waitFor(() =>
      connector.calls.find((c) => JSON.stringify(c.activity).includes('Digest on')),
    );
    expect(await subscriptions()).toEqual([`teams:${CHANNEL}`]);
    expect(await references()).toBe(1);
    await send({ type: 'installationUpdate', action: 'remove' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await subscriptions()).toEqual([]);
    expect(await references()).toBe(0);
    expect(logLines.filter((l) => l.includes('can no longer post to'))).toHaveLength(1);
  });

  it('ends the digest when the bot is removed from the team', async () => {
    await say('digest daily 08:00 Europe/Berlin');
    await connector.waitFor(() =>
      connector.calls.find((c) => JSON.stringify(c.activity).includes('Digest on')),
    );
    await send({ type: 'conversationUpdate', membersRemoved: [{ id: '28:bot' }] });
    await new Promise((r) => setTimeout(r, 200));
    expect(await subscriptions()).toEqual([]);
  });

  it('ends the digest when Teams answers 403 (not in the roster) to a post', async () => {
    await say('digest daily 08:00 Europe/Berlin');
    await connector.waitFor(() =>
      connector.calls.find((c) => JSON.stringify(c.activity).includes('Digest on')),
    );
    connector.removedFrom.add(CHANNEL);
    await expect(
      app.digests.post(
        {
          id: `teams:${CHANNEL}`,
          platform: 'teams',
          channelId: CHANNEL,
          schedule: { days: 'daily', time: '08:00', timeZone: 'Europe/Berlin' },
          filters: '',
          createdBy: 'aad-user',
          createdAt: new Date().toISOString(),
          source: 'chat',
        },
        new Date(),
        false,
      ),
    ).rejects.toThrow();
    expect(await subscriptions()).toEqual([]);
    expect(await references()).toBe(0);
  });
});
