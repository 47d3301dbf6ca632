import { type Config, loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { CARD_VERBS } from '../../src/teams/render/adaptive-card-parts';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from '../../src/veeam/simulator/simulator-server';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import {
  authenticatedTeamsEnv,
  type FakeBotFrameworkIdentity,
  startFakeBotFrameworkIdentity,
} from '../fakes/bot-framework-identity';
import { adaptiveCardProblems } from '../support/adaptive-card-validator';
import { quietPolicy } from '../support/alert-harness';
import { DATABASES } from '../support/databases';
import { postTeamsActivity } from '../support/teams-requests';

const APP_ID = '7ab4d9f1-3c2e-4b6a-8d1f-2e3c4b5a6d7e';
const CHANNEL = '19:ops@thread.tacv2';
const T0 = Date.parse('2026-12-03T06:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

type Json = Record<string, unknown>;

/**
 * The alerts contract on Teams (authenticated, real JWTs, the real botbuilder client against the fake
 * connector): a channel post for the first failure, replies in its thread (`;messageid=`), updates of the
 * post, and the buttons answered in the invoke response, for everyone in the channel.
 */
describe.each(DATABASES)('Teams alerts on $name', (database) => {
  let location: DatabaseLocation;
  const clock = { now: T0 };
  let sim: VeeamSimulator;
  let connector: FakeBotConnector;
  let identity: FakeBotFrameworkIdentity;
  let app: RunningApp;
  let policy: { id: string; name: string };
  let config: Config;

  beforeAll(async () => {
    location = database.location();
    sim = await startVeeamSimulator({ now: () => clock.now });
    connector = await startFakeBotConnector();
    identity = await startFakeBotFrameworkIdentity(APP_ID);
    config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      ...authenticatedTeamsEnv(identity, APP_ID),
      VEEAM_URL: sim.url,
      VEEAM_USERNAME: DEFAULT_SIMULATOR_USER.username,
      VEEAM_PASSWORD: DEFAULT_SIMULATOR_USER.password,
      ALERT_POLL_SECONDS: '5',
    });
    app = await startApp(
      { ...config, database: location },
      createLogger({ level: 'error', format: 'json', write: () => {} }),
      {
        startScheduler: false,
        startAlertPoller: false,
        teamsCredentials: identity.credentials,
        now: () => new Date(clock.now),
      },
    );
    policy = quietPolicy(sim, T0, 3);
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
    await identity.close();
    await sim.close();
    await database.cleanUp(location);
  });

  async function send(activity: Json): Promise<Json> {
    const res = await postTeamsActivity(
      { appUrl: app.url, appId: APP_ID, identity, connector },
      {
        from: { id: '29:u', aadObjectId: 'aad-user', name: 'Alice Operator' },
        conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', tenantId: 't1' },
        channelData: { tenant: { id: 't1' }, team: { id: '19:team@thread.tacv2' } },
        localTimezone: 'Europe/Berlin',
        ...activity,
      },
    );
    expect(res.status).toBeLessThan(300);
    const text = await res.text();
    return text ? (JSON.parse(text) as Json) : {};
  }
  const inject = (status: string) =>
    fetch(`${sim.url}/__simulator/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        policy: policy.name,
        status,
        startUtc: iso(clock.now - 4_000),
        durationSeconds: 2,
      }),
    });
  const poll = async () => {
    clock.now += 5_000;
    expect(await app.alertPoller.pollOnce()).toBe(true);
  };
  const posts = () =>
    connector.calls.filter(
      (c) =>
        c.kind === 'send' &&
        c.conversationId === CHANNEL &&
        JSON.stringify(c.activity).includes(`Failed: ${policy.name}`),
    );
  const cardOf = (activity: Json) =>
    ((activity.attachments as { content: Json }[] | undefined)?.[0]?.content ?? {}) as Json;
  const actionData = (card: Json, title: RegExp): Json => {
    let found: Json | undefined;
    JSON.stringify(card, (_k, v) => {
      if (v && typeof v === 'object' && typeof v.title === 'string' && title.test(v.title) && v.verb)
        found = v.data;
      return v;
    });
    if (!found) throw new Error(`no action ${title}`);
    return found;
  };

  it('posts the first failure to the channel, a repeat in its thread, and keeps the post up to date', async () => {
    await send({ type: 'message', text: `alerts on policy:"${policy.name}"` });
    await connector.waitFor(() =>
      connector.calls.find((c) => JSON.stringify(c.activity).includes('Alerts on')),
    );
    clock.now += 10_000;
    await inject('Error');
    await poll();
    expect(posts()).toHaveLength(1);
    const first = posts()[0];
    const card = cardOf(first?.activity ?? {});
    expect(adaptiveCardProblems(card)).toEqual([]);
    const row = await app.database.db
      .selectFrom('alert_incidents')
      .select('message_id')
      .executeTakeFirstOrThrow();
    const id = row.message_id ?? '';

    await inject('Error');
    await poll();
    expect(posts()).toHaveLength(1);
    const replies = connector.calls.filter((c) => c.conversationId === `${CHANNEL};messageid=${id}`);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]?.activity)).toContain('Failed again');
    const update = connector.calls.filter((c) => c.kind === 'update' && c.activityId === id).at(-1);
    expect(JSON.stringify(update?.activity)).toContain('2 times in a row');
  });

  it('answers "I\'m on it" and Snooze in the invoke response, naming who', async () => {
    const card = cardOf(posts()[0]?.activity ?? {});
    const owned = await send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', verb: CARD_VERBS.alert, data: actionData(card, /on it/) },
        trigger: 'manual',
      },
    });
    expect(JSON.stringify(owned)).toContain('Alice Operator is on it');
    const snoozed = await send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', verb: CARD_VERBS.alert, data: actionData(card, /Snooze 1 h/) },
        trigger: 'manual',
      },
    });
    expect(JSON.stringify(snoozed)).toContain('Snoozed until');
    expect(adaptiveCardProblems((snoozed.value ?? {}) as Json)).toEqual([]);
  });

  it('replies "recovered" in the thread at the next Success', async () => {
    const row = await app.database.db
      .selectFrom('alert_incidents')
      .select('message_id')
      .executeTakeFirstOrThrow();
    await inject('Success');
    await poll();
    const replies = connector.calls.filter(
      (c) => c.conversationId === `${CHANNEL};messageid=${row.message_id}`,
    );
    expect(JSON.stringify(replies.at(-1)?.activity)).toMatch(/recovered/);
    expect(posts()).toHaveLength(1);
  });

  it('is posted by a second replica, through the conversation reference the first one stored, once', async () => {
    // Replicas are told apart by INSTANCE_ID; in one test process the default (host:pid) would be shared.
    const b = await startApp(
      { ...config, digests: { ...config.digests, instanceId: 'replica-b' }, database: location },
      createLogger({ level: 'error', format: 'json', write: () => {} }),
      {
        startScheduler: false,
        startAlertPoller: false,
        teamsCredentials: identity.credentials,
        now: () => new Date(clock.now),
      },
    );
    try {
      // The snooze clicked above would keep this failure quiet; lift it as Unsnooze would.
      await b.database.db.deleteFrom('alert_snoozes').execute();
      // The first replica stops polling (it died): its lease runs out, the second takes the poll over.
      clock.now += 21_000;
      await inject('Error');
      clock.now += 5_000;
      expect(await b.alertPoller.pollOnce()).toBe(true);
      expect(await app.alertPoller.pollOnce()).toBe(false);
      expect(posts()).toHaveLength(2);
      expect(adaptiveCardProblems(cardOf(posts()[1]?.activity ?? {}))).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
