import { createHash } from 'node:crypto';
import type { RunningApp } from '../../src/main';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import {
  blockActionBody,
  FORM,
  postToSlackEndpoint,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../support/slack-requests';
import { startBotForTest } from '../support/start-bot';

// The audit's forged buttons, replayed over real Bolt HTTP: a token whose JSON was edited (100 rows,
// a markdown link in the zone) and re-"signed" the only way possible without the key.

type Message = {
  text?: string;
  blocks?: {
    accessory?: { action_id?: string; value?: string };
    elements?: { action_id?: string; value?: string }[];
  }[];
  response_type?: string;
  replace_original?: boolean;
};

function buttonValue(m: Message, actionId: string): string {
  const all = (m.blocks ?? []).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]);
  const found = all.find((e) => e.action_id === actionId)?.value;
  if (!found) throw new Error(`no ${actionId} button`);
  return found;
}

describe('a forged button', () => {
  let slack: FakeSlack;
  let app: RunningApp;
  beforeEach(async () => {
    slack = await startFakeSlack();
    app = await startBotForTest({
      SLACK_BOT_TOKEN: 'xoxb-forged-buttons',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
  });
  afterEach(async () => {
    await app.close();
    await slack.close();
  });

  const events = () => `${app.url}/slack/events`;
  const answer = async (id: string, nth: number) =>
    (await slack.waitFor(() => slack.responses.filter((r) => r.id === id)[nth - 1])).body as Message;

  function forge(token: string, edit: (json: { n: number; q: Record<string, unknown> }) => void): string {
    const [version, body] = token.split('.') as [string, string];
    const json = JSON.parse(Buffer.from(body, 'base64url').toString());
    edit(json);
    const forgedBody = Buffer.from(JSON.stringify(json)).toString('base64url');
    const unkeyed = createHash('sha256')
      .update(`sessions-bot|${forgedBody}`)
      .digest('base64url')
      .slice(0, 10);
    return `${version}.${forgedBody}.${unkeyed}`;
  }

  it.each([
    ['100 rows on a page', 'sessions.next', (j: { n: number }) => (j.n = 100)],
    [
      'a markdown link in the time zone',
      'sessions.next',
      (j: { q: Record<string, unknown> }) => (j.q.l = '<https://evil.example|Click to re-authenticate>'),
    ],
    [
      'Share of text the bot never rendered',
      'sessions.share',
      (j: { q: Record<string, unknown> }) => (j.q.l = '<!channel> <https://evil.example|log in again>'),
    ],
  ])('is refused with a private note: %s', async (_name, action, edit) => {
    await postToSlackEndpoint(
      events(),
      slashCommandBody({ text: 'failed last 14 days', responseUrl: slack.responseUrl('r1') }),
      FORM,
    );
    const first = await answer('r1', 1);
    const forged = forge(buttonValue(first, 'sessions.next'), edit);
    const res = await postToSlackEndpoint(
      events(),
      blockActionBody({ actionId: action, value: forged, responseUrl: slack.responseUrl('r1') }),
      FORM,
    );
    expect(res.status).toBe(200);
    const note = await answer('r1', 2);
    expect(note).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(note.text).toMatch(/damaged|changed/);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.responses).toHaveLength(2);
    expect(JSON.stringify(slack.responses)).not.toContain('evil.example|');
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });
});
