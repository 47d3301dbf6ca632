import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import { SLACK_ACTIONS } from '../../src/slack/render/block-kit';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import {
  authenticatedTeamsEnv,
  type FakeBotFrameworkIdentity,
  startFakeBotFrameworkIdentity,
} from '../fakes/bot-framework-identity';
import { DATABASES } from '../support/databases';
import { type DigestHarness, startDigestHarness } from '../support/digest-harness';
import { blockActionBody, FORM, postToSlackEndpoint } from '../support/slack-requests';

const sqlite = DATABASES[0] as (typeof DATABASES)[number];
const text = (m: unknown) => JSON.stringify(m);

describe('digest commands in Slack', () => {
  let h: DigestHarness;
  let app: RunningApp;
  beforeEach(async () => {
    h = await startDigestHarness(sqlite.location(), Date.now());
    app = await h.replica('replica-a');
  });
  afterEach(() => h.close());

  it('subscribes the channel, reports it, and turns it off', async () => {
    expect(text(await h.command(app, 'digest status'))).toContain('Nothing is posted here on a schedule');
    const on = await h.command(app, 'digest weekdays 7:30am America/New_York policy:"Prod VMs"');
    expect(text(on)).toContain('every weekday at 07:30 America/New_York');
    expect(text(on)).toContain('Prod VMs');
    const status = await h.command(app, 'digest status');
    expect(status.response_type).toBe('ephemeral');
    expect(text(status)).toMatch(
      /every weekday at 07:30 America\/New_York.*next \w{3} \d+ \w{3} 07:30 America\/New_York/,
    );
    expect(text(await h.command(app, 'digest off'))).toContain('No more digests will be posted here');
    expect(text(await h.command(app, 'digest off'))).toContain('There was no digest here');
  });

  it('answers a digest command it cannot read with what to type, privately', async () => {
    const answer = await h.command(app, 'digest daily 08:00 failed');
    expect(answer.response_type).toBe('ephemeral');
    expect(text(answer)).toContain('every status');
    expect(text(answer)).toContain('digest daily 08:00');
  });

  it('posts a digest of the last 24 hours at once, whose list button answers privately and leaves it be', async () => {
    const now = await h.command(app, 'digest now');
    expect(now.response_type).toBe('in_channel');
    expect(String(now.text)).toMatch(/^Backup digest/);
    const list = text(now).match(/"action_id":"sessions\.show_all","value":"([^"]+)"/);
    if (!list?.[1]) throw new Error('the simulator always has problems in a day; expected a list button');
    await postToSlackEndpoint(
      `${app.url}/slack/events`,
      blockActionBody({
        actionId: SLACK_ACTIONS.showAll,
        value: list[1],
        responseUrl: h.slack.responseUrl('list'),
      }),
      FORM,
    );
    const answer = (await h.slack.waitFor(() => h.slack.responses.find((r) => r.id === 'list'))).body;
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(text(answer)).toMatch(/\d+–\d+ of \d+/);
  });
});

describe('digests declared in DIGESTS_FILE', () => {
  let h: DigestHarness;
  afterEach(() => h.close());

  function writeDigests(content: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'digests-')), 'digests.yaml');
    writeFileSync(path, content);
    return path;
  }

  it('are listed with chat-made ones and can only be changed in the file', async () => {
    h = await startDigestHarness(sqlite.location(), Date.now());
    const file = writeDigests(
      [
        'digests:',
        '  - name: prod-morning',
        '    platform: slack',
        '    channel: C1',
        '    time: "07:00"',
        '    timeZone: Europe/Berlin',
        '    filters: snapshots',
      ].join('\n'),
    );
    const app = await h.replica('replica-a', { DIGESTS_FILE: file });
    const status = text(await h.command(app, 'digest status'));
    expect(status).toContain('every day at 07:00 Europe/Berlin');
    expect(status).toContain(`declared in ${file}`);
    expect(text(await h.command(app, 'digest off'))).toContain('remove it there');
  });

  it('stop the start with a message naming the entry and the field when wrong', async () => {
    h = await startDigestHarness(sqlite.location(), Date.now());
    const file = writeDigests(
      '- name: x\n  platform: irc\n  channel: C1\n  time: "8"\n  timeZone: Mars/Base\n',
    );
    await expect(h.replica('replica-a', { DIGESTS_FILE: file })).rejects.toThrow(
      /0\.platform.*\n.*0\.time.*\n.*0\.timeZone/s,
    );
  });
});

describe('digest commands in Teams', () => {
  const APP_ID = '7ab4d9f1-3c2e-4b6a-8d1f-2e3c4b5a6d7e';
  let connector: FakeBotConnector;
  let identity: FakeBotFrameworkIdentity;
  let app: RunningApp;
  afterEach(async () => {
    await app?.close();
    await connector.close();
    await identity.close();
  });

  it('subscribes a channel conversation and posts the digest there proactively when due', async () => {
    connector = await startFakeBotConnector();
    identity = await startFakeBotFrameworkIdentity(APP_ID);
    let now = Date.parse('2026-11-30T06:00:00Z');
    // Digests need a registered bot: the open mode keeps no conversation to post to later.
    app = await startApp(
      {
        ...loadConfig({
          PORT: '0',
          HOST: '127.0.0.1',
          ...authenticatedTeamsEnv(identity, APP_ID),
        }),
        database: sqlite.location() as DatabaseLocation,
      },
      createLogger({ level: 'error', format: 'json', write: () => {} }),
      { now: () => new Date(now), startScheduler: false, teamsCredentials: identity.credentials },
    );
    const conversation = {
      id: '19:ops@thread.tacv2;messageid=1700000000000',
      conversationType: 'channel',
      tenantId: 't1',
    };
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${identity.token({ appId: APP_ID, serviceUrl: connector.serviceUrl })}`,
      },
      body: JSON.stringify({
        type: 'message',
        id: '1700000000001',
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: '29:u', aadObjectId: 'aad-user' },
        recipient: { id: '28:bot', name: 'Sessions' },
        conversation,
        text: '<at>Sessions</at> digest daily 08:00 Europe/Berlin',
        entities: [
          { type: 'mention', mentioned: { id: '28:bot', name: 'Sessions' }, text: '<at>Sessions</at>' },
        ],
        channelData: { tenant: { id: 't1' }, team: { id: '19:team@thread.tacv2' } },
      }),
    });
    expect(res.status).toBe(200);
    const confirmation = await connector.waitFor(() =>
      connector.calls.find((c) => text(c.activity).includes('every day at 08:00 Europe/Berlin')),
    );
    expect(confirmation.kind).toBe('reply');

    now = Date.parse('2026-11-30T07:00:30Z');
    await app.scheduler.tick();
    const digest = await connector.waitFor(() => connector.calls.find((c) => c.kind === 'send'));
    // A new post in the channel, not a reply in the thread the command came from.
    expect(digest.conversationId).toBe('19:ops@thread.tacv2');
    expect(text(digest.activity)).toContain('Backup digest · Mon 30 Nov 08:00');
  });
});
