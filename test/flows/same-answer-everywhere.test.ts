import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { runList } from '../../src/cli/list-command';
import type { RunningApp } from '../../src/main';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { FORM, postToSlackEndpoint, slashCommandBody, TEST_SIGNING_SECRET } from '../support/slack-requests';
import { startBotForTest } from '../support/start-bot';

// One bot with Slack, Teams and the playground on, one person in Europe/Berlin with locale en-US on each,
// the same words typed on each: the answers must say the same. The conversation is decided once, in
// src/core/conversation; this is what keeps the adapters from drifting apart again.

type Json = Record<string, unknown>;
const teamsFixture = (name: string): Json =>
  JSON.parse(readFileSync(join(__dirname, '../fixtures/teams', name), 'utf8'));

/** Every text a card or message shows, without the signed tokens its buttons carry. */
function textsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) textsOf(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'text' && typeof v === 'string') out.push(v);
      else textsOf(v, out);
    }
  }
  return out;
}

const PHRASES = [
  'failed last 7 days',
  'warnings yesterday',
  'did Prod VMs fail last night?',
  'help',
  'zork',
  'restore web-01',
  'failed on 03/12',
  'latest failure',
];

describe('the same words on Slack, Teams and the playground', () => {
  let slack: FakeSlack;
  let connector: FakeBotConnector;
  let app: RunningApp;
  let responses = 0;

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.userZones.set('U1', 'Europe/Berlin');
    slack.userLocales.set('U1', 'en-US');
    connector = await startFakeBotConnector();
    app = await startBotForTest({
      SLACK_BOT_TOKEN: 'xoxb-1111-2222-test-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_RESPONSE_TYPE: 'ephemeral',
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      PLAYGROUND: 'on',
    });
  });
  afterAll(async () => {
    await app?.close();
    await connector?.close();
    await slack?.close();
  });

  async function inSlack(text: string): Promise<Json> {
    const id = `same${++responses}`;
    await postToSlackEndpoint(
      `${app.url}/slack/events`,
      slashCommandBody({ text, userId: 'U1', responseUrl: slack.responseUrl(id) }),
      FORM,
    );
    return (await slack.waitFor(() => slack.responses.find((r) => r.id === id))).body as Json;
  }

  async function inTeams(text: string): Promise<Json> {
    const before = connector.calls.length;
    const activity = { ...teamsFixture('message-personal.json'), id: `same-${Math.random()}`, text };
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity, serviceUrl: connector.serviceUrl }),
    });
    expect(res.status).toBe(200);
    const reply = await connector.waitFor(() =>
      connector.calls
        .slice(before)
        .find((c) => c.kind === 'reply' && (c.activity.attachments as unknown[] | undefined)?.length),
    );
    return ((reply.activity.attachments as Json[])[0] as Json).content as Json;
  }

  async function inPlayground(text: string): Promise<{ slack: Json; teams: { card: Json } }> {
    const res = await fetch(`${app.url}/playground/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, timeZone: 'Europe/Berlin', locale: 'en-US' }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { slack: Json; teams: { card: Json } };
  }

  it.each(PHRASES)('"%s"', async (text) => {
    const [slackAnswer, teamsCard, played] = await Promise.all([
      inSlack(text),
      inTeams(text),
      inPlayground(text),
    ]);
    expect(textsOf(slackAnswer.blocks)).toEqual(textsOf(played.slack.blocks));
    expect(slackAnswer.text).toEqual(played.slack.text);
    // Help in Teams is addressed to the bot, not to a slash command: the one difference allowed.
    const unaddressed = (texts: string[]) => texts.map((t) => t.replaceAll('/sessions ', ''));
    expect(unaddressed(textsOf(teamsCard))).toEqual(unaddressed(textsOf(played.teams.card)));
    // The CLI prints the same answer as text: its heading and its first line are the cards' words.
    const cli = await runList(
      {
        text,
        timeZone: 'Europe/Berlin',
        locale: 'en-US',
        page: 1,
        pageSize: 10,
        now: DateTime.now(),
        veeamUrl: null,
      },
      app.veeam,
    );
    const [heading = '', firstLine = ''] = cli.out.split('\n');
    const slackWords = textsOf(slackAnswer.blocks).join('\n');
    for (const words of heading.split(': ')) expect(slackWords).toContain(words);
    if (!heading.includes(': ')) expect(slackWords).toContain(firstLine.replace(/`/g, ''));
    // And the answer is an answer: a heading of its own, not an empty card.
    expect(textsOf(teamsCard).join(' ').length).toBeGreaterThan(20);
  });

  it.each(['digest status', 'digest daily 08:00'])(
    '"%s" is a digest command in Slack and the playground alike',
    async (text) => {
      const [slackAnswer, played] = await Promise.all([inSlack(text), inPlayground(text)]);
      expect(JSON.stringify(slackAnswer)).not.toContain("don't know");
      expect(JSON.stringify(played)).not.toContain("don't know");
      // The same outcome, said about each one's own conversation.
      expect(String(slackAnswer.text).split(/[.:]/)[0]).toEqual(String(played.slack.text).split(/[.:]/)[0]);
    },
  );

  it('says in Teams open mode why digests are off, rather than reading "digest" as a name', async () => {
    expect(JSON.stringify(await inTeams('digest daily 08:00'))).toContain('Digests and alerts are off here');
  });
});
