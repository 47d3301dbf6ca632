import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config/config';
import { buildHelpView } from '../../src/core/view/build-error-view';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import { CARD_VERBS } from '../../src/teams/render/adaptive-card-parts';
import { SESSION_INPUT_ID } from '../../src/teams/render/render-sessions-adaptive-card';
import { V2_VOCABULARY } from '../factories/sessions';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import { adaptiveCardProblems } from '../support/adaptive-card-validator';
import { logEntries } from '../support/log-entries';

type Json = Record<string, unknown>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(join(__dirname, '../fixtures/teams', name), 'utf8'));

function cardOf(activity: Json): Json {
  const attachment = (activity.attachments as Json[] | undefined)?.[0];
  if (!attachment) throw new Error(`no card in ${JSON.stringify(activity).slice(0, 200)}`);
  expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment.content as Json;
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
  } else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

function actionToken(card: Json, title: string): string {
  let token: string | undefined;
  walk(card, (n) => {
    if (n.type === 'Action.Execute' && String(n.title).includes(title))
      token = (n.data as { token: string }).token;
  });
  if (!token) throw new Error(`no "${title}" action`);
  return token;
}

function firstChoice(card: Json): string {
  let value: string | undefined;
  walk(card, (n) => {
    if (n.type === 'Input.ChoiceSet' && n.id === SESSION_INPUT_ID)
      value = String((n.choices as Json[])[0]?.value);
  });
  if (!value) throw new Error('no session picker');
  return value;
}

const label = (card: Json) => /(\d+–\d+ of \d+)/.exec(JSON.stringify(card))?.[1];

/** What an answer says of N sessions: a page label, or, just after a zone's midnight, that there are none. */
function countText(n: number): string {
  return n === 0 ? 'No sessions today.' : `of ${n}`;
}

describe('the Teams bot, driven through CloudAdapter over HTTP against a fake connector', () => {
  let connector: FakeBotConnector;
  let app: RunningApp;
  const logLines: string[] = [];

  async function start(env: Record<string, string> = {}) {
    app = await startApp(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: ':memory:',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
        DEFAULT_TIME_ZONE: 'UTC',
        ...env,
      }),
      createLogger({ level: 'debug', format: 'json', write: (l) => logLines.push(l) }),
      { placeholderAfterMs: 300, invokeBudgetMs: 600 },
    );
  }

  async function post(activity: Json, headers: Record<string, string> = {}) {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        ...activity,
        // The fixtures name Teams' real serviceUrls; replies must reach the fake connector instead.
        serviceUrl: String(activity.serviceUrl).startsWith('https://smba.trafficmanager.net/')
          ? connector.serviceUrl
          : activity.serviceUrl,
      }),
    });
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('json') && text !== '';
    return { status: res.status, body: json ? (JSON.parse(text) as Json) : null, text };
  }

  async function ask(text: string, overrides: Json = {}): Promise<Json> {
    const before = connector.calls.length;
    const activity = { ...fixture('message-personal.json'), id: `m${Math.random()}`, text, ...overrides };
    expect((await post(activity)).status).toBe(200);
    const reply = await connector.waitFor(() =>
      connector.calls
        .slice(before)
        .find((c) => c.kind === 'reply' && (c.activity.attachments as unknown[] | undefined)?.length),
    );
    return reply.activity;
  }

  async function click(verb: string, data: Json, overrides: Json = {}) {
    const invoke = fixture('invoke-adaptive-card-action.json');
    const res = await post({
      ...invoke,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      ...overrides,
    });
    expect(res.status).toBe(200);
    return res.body as { statusCode: number; type: string; value: unknown };
  }

  beforeEach(async () => {
    connector = await startFakeBotConnector();
    logLines.length = 0;
  });
  afterEach(async () => {
    await app?.close();
    await connector.close();
  });

  it('answers a question with a valid card, and pages Next and Previous in place', async () => {
    await start();
    const reply = await ask('warnings this week');
    expect(connector.calls.some((c) => c.activity.type === 'typing')).toBe(true);
    const card = cardOf(reply);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const sim = app.simulator;
    if (!sim) throw new Error('simulator expected');
    const weekStart = DateTime.now().setZone('Europe/Berlin').startOf('week').toMillis();
    const total = sim
      .sessions()
      .filter(
        (s) => (s.status === 'Warning' || s.status === 'RunningWithWarning') && s.startMs >= weekStart,
      ).length;
    expect(label(card)).toBe(`1–10 of ${total}`);
    expect(JSON.stringify(card)).toContain('Warning sessions · this week Europe/Berlin');

    const next = await click(CARD_VERBS.page, { token: actionToken(card, 'Next') });
    expect(next).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(adaptiveCardProblems(next.value as Json)).toEqual([]);
    expect(label(next.value as Json)).toBe(`11–20 of ${total}`);

    const previous = await click(CARD_VERBS.page, { token: actionToken(next.value as Json, 'Previous') });
    expect(label(previous.value as Json)).toBe(`1–10 of ${total}`);
  });

  it('opens the details of the picked session', async () => {
    await start();
    const card = cardOf(await ask('failed last 14 days'));
    const details = await click(CARD_VERBS.details, {
      token: actionToken(card, 'Details'),
      [SESSION_INPUT_ID]: firstChoice(card),
    });
    expect(details.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(details.value)).toContain('Session ID');
    expect(adaptiveCardProblems(details.value as Json)).toEqual([]);
    const back = await click(CARD_VERBS.page, { token: actionToken(details.value as Json, 'Back') });
    expect(label(back.value as Json)).toBe(label(card));
  });

  it('reads "today" in the asker\'s zone from the activity', async () => {
    await start();
    const sim = app.simulator;
    if (!sim) throw new Error('simulator expected');
    const count = (zone: string) =>
      sim.sessions().filter((s) => s.startMs >= DateTime.now().setZone(zone).startOf('day').toMillis())
        .length;
    expect(JSON.stringify(cardOf(await ask('today')))).toContain(countText(count('Europe/Berlin')));
    const kiritimati = cardOf(await ask('today', { localTimezone: 'Pacific/Kiritimati' }));
    expect(JSON.stringify(kiritimati)).toContain(countText(count('Pacific/Kiritimati')));
    // No localTimezone: the clientInfo entity still tells.
    const fromEntity = cardOf(
      await ask('today', {
        localTimezone: undefined,
        entities: [{ type: 'clientInfo', timezone: 'Asia/Kolkata' }],
      }),
    );
    expect(JSON.stringify(fromEntity)).toContain('Asia/Kolkata');
  });

  it("reads 04/01 in the order of the activity's locale", async () => {
    await start();
    const us = JSON.stringify(cardOf(await ask('failed on 04/01', { locale: 'en-US' })));
    const gb = JSON.stringify(cardOf(await ask('failed on 04/01', { locale: 'en-GB' })));
    expect(us).toContain('Wed 1 Apr 2026');
    expect(us).toMatch(/as month\/day/);
    expect(gb).toContain('Sun 4 Jan 2026');
  });

  it('answers a channel question with the mention removed', async () => {
    await start();
    const before = connector.calls.length;
    expect((await post(fixture('message-channel-mention.json'))).status).toBe(200);
    const reply = await connector.waitFor(() =>
      connector.calls.slice(before).find((c) => (c.activity.attachments as unknown[] | undefined)?.length),
    );
    expect(reply.conversationId).toContain('@thread.tacv2');
    expect(JSON.stringify(cardOf(reply.activity))).toContain('Failed sessions · since Mon');
    expect(JSON.stringify(cardOf(reply.activity))).toContain('America/New_York');
  });

  it('answers help and unknown words, and says when Veeam is down with a Try again button', async () => {
    await start();
    expect(JSON.stringify(cardOf(await ask('help')))).toContain('What I can tell you');
    expect(JSON.stringify(cardOf(await ask('blorp')))).toContain('I don\'t know \\"blorp\\"');
    if (app.simulator) app.simulator.faults.failNext = { count: 100, status: 500 };
    const down = await ask('failed today');
    await connector.waitFor(
      () =>
        connector.calls.find(
          (c) => c.kind === 'update' && JSON.stringify(c.activity).includes('internal error'),
        ) ?? (JSON.stringify(down).includes('internal error') ? true : undefined),
    );
    const final = [...connector.calls]
      .reverse()
      .find((c) => JSON.stringify(c.activity).includes('internal error'));
    const card = cardOf(final?.activity ?? {});
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(actionToken(card, 'Try again')).toMatch(/^sb3\./);
  });

  it('shows "Looking up…" when Veeam is slow and updates that message with the answer', async () => {
    await start();
    if (app.simulator) app.simulator.faults.latencyMs = 700;
    const before = connector.calls.length;
    await post({ ...fixture('message-personal.json'), id: 'slow-1', text: 'failed today' });
    const update = await connector.waitFor(() =>
      connector.calls.slice(before).find((c) => c.kind === 'update'),
    );
    const placeholder = connector.calls
      .slice(before)
      .find(
        (c) => c.kind === 'reply' && JSON.stringify(c.activity).includes('Looking up failed sessions today'),
      );
    expect(placeholder).toBeDefined();
    expect(JSON.stringify(cardOf(update.activity))).toContain('Failed sessions · today');
  });

  it('answers a slow button for the clicker alone, with a way to the answer that never strands them', async () => {
    await start();
    const card = cardOf(await ask('failed last 14 days'));
    if (app.simulator) app.simulator.faults.latencyMs = 1200;
    const data = { token: actionToken(card, 'Next') };
    const quick = await click(CARD_VERBS.page, data, { replyToId: 'card-7' });
    expect(JSON.stringify(quick.value)).toContain('Looking up');
    // The placeholder keeps a button: the same click again, never a dead end.
    const again = (quick.value as { actions?: { title: string; verb: string; data: unknown }[] })
      .actions?.[0];
    expect(again).toMatchObject({ title: 'Show the answer', verb: CARD_VERBS.page, data });
    expect(adaptiveCardProblems(quick.value as Record<string, unknown>)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_500));
    if (app.simulator) app.simulator.faults.latencyMs = 0;
    const answer = await click(CARD_VERBS.page, data, { replyToId: 'card-7' });
    expect(label(answer.value as Record<string, unknown>)).toMatch(/^11–20 of/);
    // Nothing replaced the message for the rest of the chat.
    expect(connector.calls.filter((c) => c.kind === 'update' && c.activityId === 'card-7')).toHaveLength(0);
  });

  it('answers a damaged button with a message and leaves the card alone', async () => {
    await start();
    const card = cardOf(await ask('failed last 14 days'));
    const damaged = await click(CARD_VERBS.page, { token: `${actionToken(card, 'Next').slice(0, -2)}zz` });
    expect(damaged).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(String(damaged.value)).toMatch(/damaged|changed/);
  });

  it('refuses tenants outside the allowlist, politely, and logs it', async () => {
    await start({ TEAMS_ALLOWED_TENANT_IDS: 'another-tenant' });
    const before = connector.calls.length;
    await post({ ...fixture('message-personal.json'), id: 'refused-1' });
    const reply = await connector.waitFor(() =>
      connector.calls.slice(before).find((c) => c.kind === 'reply' && c.activity.type === 'message'),
    );
    expect(reply.activity.text).toMatch(/not enabled for you/);
    expect(logEntries(logLines)).toContainEqual(
      expect.objectContaining({ msg: 'Refused a request from outside the allowlist', platform: 'teams' }),
    );
  });

  it('posts proactively to a conversation that used the bot', async () => {
    await start();
    await ask('help');
    const conversationId = (fixture('message-personal.json').conversation as { id: string }).id;
    expect(await app.teams?.postToConversation(conversationId, buildHelpView(V2_VOCABULARY, ''))).toMatch(
      /^activity-\d+$/,
    );
    const sent = await connector.waitFor(() => connector.calls.find((c) => c.kind === 'send'));
    expect(sent.conversationId).toBe(conversationId);
    expect(adaptiveCardProblems(cardOf(sent.activity))).toEqual([]);
    expect(
      await app.teams?.postToConversation('19:unknown@thread.tacv2', buildHelpView(V2_VOCABULARY, '')),
    ).toBeNull();
  });

  it('apologises and keeps running when a turn fails', async () => {
    await start();
    connector.removedFrom.add('a:removed-from-this-chat');
    const broken = await post({
      ...fixture('message-personal.json'),
      id: 'broken-1',
      conversation: { conversationType: 'personal', id: 'a:removed-from-this-chat' },
    });
    expect([200, 500]).toContain(broken.status);
    expect(logLines.join('\n')).toContain('Teams turn failed');
    expect(JSON.stringify(cardOf(await ask('help')))).toContain('What I can tell you');
  });

  it('refuses a request without a valid token when an app id is configured', async () => {
    await start({
      TEAMS_ALLOW_UNAUTHENTICATED: 'false',
      MICROSOFT_APP_ID: '7ab4d9f1-3c2e-4b6a-8d1f-2e3c4b5a6d7e',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    expect((await post(fixture('message-personal.json'))).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.calls).toEqual([]);
  });

  it('says the endpoint is off when Teams is not configured', async () => {
    app = await startApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: ':memory:' }),
      createLogger({ level: 'error', format: 'json', write: () => {} }),
    );
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('MICROSOFT_APP_ID');
  });
});
