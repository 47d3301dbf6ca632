import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config/config';
import { parseSessionQuery } from '../../src/core/query/parse-session-query';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import type { Block } from '../../src/slack/render/block-kit';
import { V2_VOCABULARY } from '../factories/sessions';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { logEntries } from '../support/log-entries';
import {
  blockActionBody,
  eventBody,
  FORM,
  postToSlackEndpoint,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../support/slack-requests';

type Message = {
  text?: string;
  blocks?: Block[];
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
};

const BOT_TOKEN = 'xoxb-1111-2222-test-token';

function buttons(m: Message): { action_id: string; value?: string }[] {
  return (m.blocks ?? []).flatMap((b) =>
    b.type === 'actions' ? b.elements : b.type === 'section' && b.accessory ? [b.accessory] : [],
  );
}
function buttonValue(m: Message, actionId: string): string {
  const b = buttons(m).find((x) => x.action_id === actionId);
  if (!b?.value) throw new Error(`no ${actionId} button in ${JSON.stringify(m).slice(0, 300)}`);
  return b.value;
}
function allText(m: Message): string {
  return JSON.stringify(m);
}
function pageLabel(m: Message): string | undefined {
  return /(\d+–\d+ of \d+)/.exec(allText(m))?.[1];
}

/** What an answer says of N sessions: a page label, or, just after a zone's midnight, that there are none. */
function countText(n: number): string {
  return n === 0 ? 'No sessions today.' : `of ${n}`;
}

describe('the Slack app, driven through Bolt over HTTP against a fake Slack', () => {
  let slack: FakeSlack;
  let app: RunningApp;
  let events: string;
  const logLines: string[] = [];
  let responseCounter = 0;

  async function start(extraEnv: Record<string, string> = {}) {
    app = await startApp(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: ':memory:',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DEFAULT_TIME_ZONE: 'UTC',
        ...extraEnv,
      }),
      createLogger({
        level: 'debug',
        format: 'json',
        secrets: [BOT_TOKEN, TEST_SIGNING_SECRET],
        write: (l) => logLines.push(l),
      }),
      { placeholderAfterMs: 300 },
    );
    events = `${app.url}/slack/events`;
  }

  /** Sends `/sessions <text>` and returns the response_url id the answers go to. */
  async function command(
    text: string,
    userId = 'U1',
  ): Promise<{ id: string; status: number; ackMs: number }> {
    const id = `r${++responseCounter}`;
    const started = Date.now();
    const res = await postToSlackEndpoint(
      events,
      slashCommandBody({ text, userId, responseUrl: slack.responseUrl(id) }),
      FORM,
    );
    return { id, status: res.status, ackMs: Date.now() - started };
  }

  async function answerTo(id: string, nth = 1): Promise<Message> {
    return (await slack.waitFor(() => slack.responses.filter((r) => r.id === id)[nth - 1])).body as Message;
  }

  async function click(actionId: string, value: string, responseId: string, userId = 'U1') {
    return postToSlackEndpoint(
      events,
      blockActionBody({ actionId, value, responseUrl: slack.responseUrl(responseId), userId }),
      FORM,
    );
  }

  beforeEach(async () => {
    slack = await startFakeSlack();
    slack.userZones.set('U1', 'Europe/Berlin');
    slack.userZones.set('U2', 'Pacific/Kiritimati');
    logLines.length = 0;
  });
  afterEach(async () => {
    await app?.close();
    await slack.close();
  });

  it('answers /sessions failed today, then pages Next and Previous in place', async () => {
    await start();
    // Fourteen days, not "this week": on a Monday morning a week holds less than a page.
    const { id, status } = await command('warnings last 14 days');
    expect(status).toBe(200);
    const first = await answerTo(id);
    const sim = app.simulator;
    if (!sim) throw new Error('simulator expected');
    const parsed = parseSessionQuery('warnings last 14 days', {
      now: new Date(),
      timeZone: 'Europe/Berlin',
      vocabulary: V2_VOCABULARY,
    });
    if (parsed.kind !== 'query' || !parsed.query.fromUtc) throw new Error('query expected');
    const weekStart = Date.parse(parsed.query.fromUtc);
    const expected = sim
      .sessions()
      .filter((s) => (s.status === 'Warning' || s.status === 'RunningWithWarning') && s.startMs >= weekStart);
    expect(first.response_type).toBe('ephemeral');
    expect(pageLabel(first)).toBe(`1–10 of ${expected.length}`);
    expect(allText(first)).toContain('Warning sessions · last 14 days');
    expect(buttons(first).map((b) => b.action_id)).toContain('sessions.share');

    expect((await click('sessions.next', buttonValue(first, 'sessions.next'), id)).status).toBe(200);
    const second = await answerTo(id, 2);
    expect(second.replace_original).toBe(true);
    expect(pageLabel(second)).toBe(`11–20 of ${expected.length}`);

    await click('sessions.previous', buttonValue(second, 'sessions.previous'), id);
    const third = await answerTo(id, 3);
    expect(third.replace_original).toBe(true);
    expect(pageLabel(third)).toBe(`1–10 of ${expected.length}`);
    // Only the response_url was used: no new messages were posted.
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });

  it('reads "today" in each asker\'s own time zone', async () => {
    await start();
    const berlin = await answerTo((await command('today')).id);
    const kiritimati = await answerTo((await command('today', 'U2')).id);
    const sim = app.simulator;
    if (!sim) throw new Error('simulator expected');
    const countSince = (zone: string) =>
      sim.sessions().filter((s) => s.startMs >= DateTime.now().setZone(zone).startOf('day').toMillis())
        .length;
    expect(allText(berlin)).toContain(countText(countSince('Europe/Berlin')));
    expect(allText(kiritimati)).toContain(countText(countSince('Pacific/Kiritimati')));
    expect(allText(kiritimati)).toContain('Pacific/Kiritimati');
    // users.info is asked once per user, then cached.
    await answerTo((await command('today')).id);
    expect(slack.calls.filter((c) => c.method === 'users.info' && c.args.user === 'U1')).toHaveLength(1);
  });

  it("reads 04/01 in each asker's own order: month first for en-US, day first for a German locale", async () => {
    await start();
    slack.userZones.set('U5', 'Europe/Berlin');
    slack.userLocales.set('U5', 'en-US');
    slack.userZones.set('U6', 'Europe/Berlin');
    slack.userLocales.set('U6', 'de-DE');
    const us = allText(await answerTo((await command('failed on 04/01', 'U5')).id));
    const de = allText(await answerTo((await command('failed on 04/01', 'U6')).id));
    expect(us).toContain('Wed 1 Apr 2026');
    expect(us).toMatch(/Read \\?"04\/01\\?" as month\/day/);
    expect(de).toContain('Sun 4 Jan 2026');
    expect(
      slack.calls.find((c) => c.method === 'users.info' && c.args.user === 'U5')?.args.include_locale,
    ).toBeTruthy();
  });

  it('shows a placeholder when Veeam is slow, then replaces it with the answer', async () => {
    await start();
    if (app.simulator) app.simulator.faults.latencyMs = 800;
    const { id, ackMs } = await command('failed today');
    expect(ackMs).toBeLessThan(3000);
    const placeholder = await answerTo(id);
    expect(placeholder.text).toBe('Looking up failed sessions today…');
    const answer = await answerTo(id, 2);
    expect(answer.replace_original).toBe(true);
    expect(answer.blocks?.[0]).toMatchObject({ type: 'header' });
  });

  it('escapes the placeholder too: a name typed as <!here> pings nobody while the answer is on its way', async () => {
    await start();
    if (app.simulator) app.simulator.faults.latencyMs = 800;
    const { id } = await command('failed for <!here>');
    const placeholder = await answerTo(id);
    expect(placeholder.text).toContain('&lt;!here&gt;');
    expect(placeholder.text).not.toContain('<!here>');
  });

  it('answers help and unknown words with a usage reply, and says when Veeam is down', async () => {
    await start();
    expect(allText(await answerTo((await command('')).id))).toContain('What I can tell you');
    expect(allText(await answerTo((await command('help')).id))).toContain('/sessions failed today');
    expect(allText(await answerTo((await command('blorp today')).id))).toContain('I don\'t know \\"blorp\\"');
    if (app.simulator) app.simulator.faults.failNext = { count: 100, status: 500 };
    // Retries take longer than the placeholder threshold: "Looking up…" first, then the error replaces it.
    const { id } = await command('failed today');
    expect((await answerTo(id)).text).toBe('Looking up failed sessions today…');
    const down = await answerTo(id, 2);
    expect(down.replace_original).toBe(true);
    expect(allText(down)).toContain('Veeam had an internal error');
    expect(buttons(down).map((b) => b.action_id)).toEqual(['sessions.retry']);
  });

  it('shares an answer in the channel and removes the private copy', async () => {
    await start();
    const { id } = await command('failed this week');
    const first = await answerTo(id);
    await click('sessions.share', buttonValue(first, 'sessions.share'), id);
    const shared = await answerTo(id, 2);
    const removed = await answerTo(id, 3);
    expect(shared.response_type).toBe('in_channel');
    expect(shared.replace_original).toBe(false);
    expect(buttons(shared).map((b) => b.action_id)).not.toContain('sessions.share');
    expect(removed.delete_original).toBe(true);
  });

  it('opens the details of a session and comes back to the list', async () => {
    await start();
    const { id } = await command('failed this month');
    const list = await answerTo(id);
    await click('sessions.details', buttonValue(list, 'sessions.details'), id);
    const details = await answerTo(id, 2);
    expect(allText(details)).toContain('Session ID');
    expect(allText(details)).toContain('*Log*');
    await click('sessions.back', buttonValue(details, 'sessions.back'), id);
    expect(pageLabel(await answerTo(id, 3))).toBe(pageLabel(list));
  });

  it('answers a damaged or foreign button with a polite private note', async () => {
    await start();
    const { id } = await command('failed last 14 days');
    const first = await answerTo(id);
    const damaged = `${buttonValue(first, 'sessions.next').slice(0, -3)}xyz`;
    await click('sessions.next', damaged, id);
    const note = await answerTo(id, 2);
    expect(note).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(note.text).toMatch(/damaged|changed/);
  });

  it('refuses users outside the allowlist, and logs the refusal', async () => {
    await start({ SLACK_ALLOWED_USER_IDS: 'U1' });
    const refused = await answerTo((await command('failed today', 'U9')).id);
    expect(refused.text).toMatch(/not enabled for you/);
    expect(logEntries(logLines)).toContainEqual(
      expect.objectContaining({
        msg: 'Refused a request from outside the allowlist',
        platform: 'slack',
        userId: 'U9',
      }),
    );
    expect(allText(await answerTo((await command('failed today', 'U1')).id))).toContain('Failed sessions');
  });

  it('refuses forged, stale and replayed requests with 401 and answers nothing', async () => {
    await start();
    const body = slashCommandBody({ text: 'failed today', responseUrl: slack.responseUrl('forged') });
    expect(
      (await postToSlackEndpoint(events, body, FORM, { secret: 'ffffffffffffffffffffffffffffffff' })).status,
    ).toBe(401);
    expect(
      (
        await postToSlackEndpoint(events, body, FORM, {
          timestampSeconds: Math.floor(Date.now() / 1000) - 6 * 60,
        })
      ).status,
    ).toBe(401);
    const ts = Math.floor(Date.now() / 1000);
    expect((await postToSlackEndpoint(events, body, FORM, { timestampSeconds: ts })).status).toBe(200);
    expect((await postToSlackEndpoint(events, body, FORM, { timestampSeconds: ts })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.responses.filter((r) => r.id === 'forged')).toHaveLength(1);
  });

  it('answers a mention in its thread, and a direct message in the DM', async () => {
    await start();
    const mention = eventBody({
      type: 'app_mention',
      user: 'U1',
      text: '<@UBOT> failed this week',
      ts: '1700000000.000200',
      channel: 'C1',
      event_ts: '1700000000.000200',
    });
    expect((await postToSlackEndpoint(events, mention, 'application/json')).status).toBe(200);
    const posted = await slack.waitFor(() => slack.calls.find((c) => c.method === 'chat.postMessage'));
    expect(posted.args).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000200' });
    expect(posted.token).toBe(BOT_TOKEN);
    expect(JSON.stringify(posted.args.blocks)).toContain('Failed sessions · this week Europe/Berlin');

    const dm = eventBody({
      type: 'message',
      channel_type: 'im',
      user: 'U1',
      text: 'warnings yesterday',
      ts: '1700000000.000300',
      channel: 'D1',
      event_ts: '1700000000.000300',
    });
    await postToSlackEndpoint(events, dm, 'application/json');
    const reply = await slack.waitFor(() =>
      slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === 'D1'),
    );
    expect(reply.args.thread_ts).toBeUndefined();
    expect(JSON.stringify(reply.args.blocks)).toContain('Warning sessions · yesterday');
  });

  it('publishes the App Home tab', async () => {
    await start();
    await postToSlackEndpoint(
      events,
      eventBody({
        type: 'app_home_opened',
        user: 'U1',
        channel: 'D1',
        tab: 'home',
        event_ts: '1700000000.000400',
      }),
      'application/json',
    );
    const publish = await slack.waitFor(() => slack.calls.find((c) => c.method === 'views.publish'));
    expect(publish.args).toMatchObject({ user_id: 'U1', view: { type: 'home' } });
  });

  it('honours a 429 from the Web API and delivers after Retry-After', async () => {
    await start();
    slack.rateLimitNext('chat.postMessage', 1);
    const mention = eventBody({
      type: 'app_mention',
      user: 'U1',
      text: '<@UBOT> help',
      ts: '1700000000.000500',
      channel: 'C1',
      event_ts: '1700000000.000500',
    });
    await postToSlackEndpoint(events, mention, 'application/json');
    await slack.waitFor(
      () => (slack.calls.filter((c) => c.method === 'chat.postMessage').length === 2 ? true : undefined),
      8000,
    );
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
  });

  it('never writes the bot token or signing secret to the log', async () => {
    await start();
    await answerTo((await command('failed today')).id);
    await postToSlackEndpoint(events, 'garbage', FORM, { secret: 'ffffffffffffffffffffffffffffffff' });
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(TEST_SIGNING_SECRET);
  });
});
