import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningApp } from '../../src/main';
import { CARD_VERBS } from '../../src/teams/render/adaptive-card-parts';
import type { SimSession } from '../../src/veeam/simulator/sim-world';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import {
  blockActionBody,
  FORM,
  postToSlackEndpoint,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../support/slack-requests';
import { startBotForTest } from '../support/start-bot';

// The whole bot, Slack and Teams, against the simulator as awkward as a real appliance may be: listing
// oldest first, serving only v8.1, with VEEAM_API_VERSION left unset (auto). Whatever the mode, page 1
// holds the newest failures, Next walks through every one of them exactly once, and the total is said.

type Json = Record<string, unknown>;

const MODES: [string, Record<string, string>][] = [
  ['newest first, every version', {}],
  ['oldest first', { SIMULATOR_ORDER: 'oldest' }],
  ['only v8.1 served', { SIMULATOR_API_VERSIONS: 'v8.1' }],
  ['oldest first and only v8.1 served', { SIMULATOR_ORDER: 'oldest', SIMULATOR_API_VERSIONS: 'v8.1' }],
];

const QUESTION = 'failed last 14 days';
const DAY = 86_400_000;

/**
 * The bot's clock, stopped at the start of a spec: "last 14 days" then starts at one exact instant for the
 * bot and for the expectation alike. (Read at two moments, a failure that started in between at the
 * window's edge was counted by one and not the other.)
 */
let frozenAt = Date.now();

/** The failures the question asks for, newest first, straight from the simulator's world. */
function expectedFailures(app: RunningApp): SimSession[] {
  const sim = app.simulator;
  if (!sim) throw new Error('simulator expected');
  const from = frozenAt - 14 * DAY;
  return sim
    .sessions()
    .filter((s) => (s.status === 'Error' || s.status === 'RunningWithError') && s.startMs >= from)
    .sort((a, b) => b.startMs - a.startMs);
}

/** The session id inside a details token (its body is signed, not hidden). */
function sessionIdOf(token: string): string {
  const body = token.split('.')[1] as string;
  return (JSON.parse(Buffer.from(body, 'base64url').toString()) as { i: string }).i;
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

describe.each(MODES)('against an appliance: %s', (_mode, env) => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('Slack: page 1 is the newest failures, Next visits each once, the total is said', async () => {
    const slack: FakeSlack = await startFakeSlack();
    try {
      frozenAt = Date.now();
      app = await startBotForTest(
        {
          ...env,
          SLACK_BOT_TOKEN: 'xoxb-awkward',
          SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
          SLACK_API_URL: slack.apiUrl,
          PAGE_SIZE: '10',
        },
        { now: () => new Date(frozenAt) },
      );
      const events = `${app.url}/slack/events`;
      const expected = expectedFailures(app);
      expect(expected.length).toBeGreaterThan(10);
      await postToSlackEndpoint(
        events,
        slashCommandBody({ text: QUESTION, responseUrl: slack.responseUrl('r') }),
        FORM,
      );

      const seen: string[] = [];
      for (let n = 1; n <= 20; n++) {
        const message = (await slack.waitFor(() => slack.responses.filter((r) => r.id === 'r')[n - 1]))
          .body as {
          blocks: {
            accessory?: { action_id: string; value: string };
            elements?: { action_id?: string; value?: string; text?: unknown }[];
          }[];
        };
        const text = JSON.stringify(message);
        expect(text).toContain(`of ${expected.length}`);
        expect(text).not.toContain('could not be read');
        seen.push(
          ...message.blocks
            .map((b) => b.accessory)
            .filter((a) => a?.action_id === 'sessions.details')
            .map((a) => sessionIdOf((a as { value: string }).value)),
        );
        const next = message.blocks
          .flatMap((b) => b.elements ?? [])
          .find((e) => e.action_id === 'sessions.next');
        if (!next?.value) break;
        await postToSlackEndpoint(
          events,
          blockActionBody({
            actionId: 'sessions.next',
            value: next.value,
            responseUrl: slack.responseUrl('r'),
          }),
          FORM,
        );
      }
      // The newest first, each exactly once, in order; the window's edge may move by a minute.
      expect(seen.slice(0, 10)).toEqual(expected.slice(0, 10).map((s) => s.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expected.map((s) => s.id).slice(0, seen.length));
      expect(seen.length).toBe(expected.length);
    } finally {
      await slack.close();
    }
  });

  it('Teams: the same first page and the same walk through every failure', async () => {
    const connector: FakeBotConnector = await startFakeBotConnector();
    try {
      frozenAt = Date.now();
      app = await startBotForTest(
        { ...env, TEAMS_ALLOW_UNAUTHENTICATED: 'true', PAGE_SIZE: '10' },
        { now: () => new Date(frozenAt) },
      );
      const running = app;
      const expected = expectedFailures(running);
      const fixture = (name: string): Json =>
        JSON.parse(readFileSync(join(__dirname, '../fixtures/teams', name), 'utf8'));
      const post = async (activity: Json) => {
        const res = await fetch(`${running.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...activity, serviceUrl: connector.serviceUrl }),
        });
        const text = await res.text();
        return text ? (JSON.parse(text) as Json) : null;
      };
      await post({ ...fixture('message-personal.json'), id: 'm1', text: QUESTION });
      const reply = await connector.waitFor(() =>
        connector.calls.find(
          (c) => c.kind === 'reply' && (c.activity.attachments as unknown[] | undefined)?.length,
        ),
      );
      let card = (reply.activity.attachments as { content: Json }[])[0]?.content as Json;
      const seen: string[] = [];
      for (let n = 1; n <= 20; n++) {
        expect(JSON.stringify(card)).toContain(`of ${expected.length}`);
        let next: string | undefined;
        walk(card, (node) => {
          if (node.type === 'Input.ChoiceSet')
            seen.push(...(node.choices as { value: string }[]).map((c) => c.value));
          if (node.type === 'Action.Execute' && String(node.title).includes('Next'))
            next = (node.data as { token: string }).token;
        });
        if (!next) break;
        const answer = (await post({
          ...fixture('invoke-adaptive-card-action.json'),
          value: {
            action: { type: 'Action.Execute', verb: CARD_VERBS.page, data: { token: next } },
            trigger: 'manual',
          },
        })) as { value: Json };
        card = answer.value;
      }
      expect(seen.slice(0, 10)).toEqual(expected.slice(0, 10).map((s) => s.id));
      expect(seen).toEqual(expected.map((s) => s.id));
    } finally {
      await connector.close();
    }
  });
});
