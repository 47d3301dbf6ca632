import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningApp } from '../../src/main';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { FORM, postToSlackEndpoint, slashCommandBody, TEST_SIGNING_SECRET } from '../support/slack-requests';
import { startBotForTest } from '../support/start-bot';

/** The bot in HTTP mode, talking to this fake Slack. */
const slackEnv = (slack: FakeSlack) => ({
  SLACK_BOT_TOKEN: 'xoxb-fake',
  SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
  SLACK_API_URL: slack.apiUrl,
});

const COMMANDS = 1_000;
const CONCURRENCY = 25;
const QUESTIONS = [
  'failed today',
  'warnings yesterday',
  'running',
  'failed last 3 days',
  'snapshots this week',
  'help',
];

describe('under load with a flaky Veeam', () => {
  let slack: FakeSlack;
  let app: RunningApp;
  beforeAll(async () => {
    slack = await startFakeSlack();
    // 1,000 commands from seven users in seconds: the per-user limit is not what this spec is about.
    app = await startBotForTest(
      { ...slackEnv(slack), RATE_LIMIT_PER_MINUTE: '0' },
      { placeholderAfterMs: 60_000 },
    );
  });
  afterAll(async () => {
    await app.close();
    await slack.close();
  });

  it(`answers each of ${COMMANDS} commands exactly once while 5% of Veeam calls fail`, async () => {
    const sim = app.simulator;
    if (!sim) throw new Error('simulator expected');
    sim.faults.errorRate = 0.05;
    const errorsBefore = Number(
      /sessions_bot_veeam_responses_total\{outcome="500"\} (\d+)/.exec(
        await (await fetch(`${app.url}/metrics`)).text(),
      )?.[1] ?? 0,
    );
    let next = 0;
    const statuses: number[] = [];
    const worker = async () => {
      while (next < COMMANDS) {
        const n = next++;
        const res = await postToSlackEndpoint(
          `${app.url}/slack/events`,
          slashCommandBody({
            text: QUESTIONS[n % QUESTIONS.length] as string,
            userId: `U${n % 7}`,
            responseUrl: slack.responseUrl(`load-${n}`),
          }),
          FORM,
        );
        statuses.push(res.status);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await slack.waitFor(
      () => (slack.responses.filter((r) => r.id.startsWith('load-')).length >= COMMANDS ? true : undefined),
      60_000,
    );
    await new Promise((r) => setTimeout(r, 300));

    const perCommand = new Map<string, number>();
    for (const r of slack.responses)
      if (r.id.startsWith('load-')) perCommand.set(r.id, (perCommand.get(r.id) ?? 0) + 1);
    expect(perCommand.size).toBe(COMMANDS);
    expect([...perCommand.values()].every((n) => n === 1)).toBe(true);
    // The faults were real, and the metrics saw them.
    const errorsAfter = Number(
      /sessions_bot_veeam_responses_total\{outcome="500"\} (\d+)/.exec(
        await (await fetch(`${app.url}/metrics`)).text(),
      )?.[1] ?? 0,
    );
    expect(errorsAfter).toBeGreaterThan(errorsBefore);
    sim.faults.errorRate = 0;
  }, 120_000);
});

describe('when the Bot Connector is busy', () => {
  let connector: FakeBotConnector;
  let app: RunningApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    connector = await startFakeBotConnector();
    app = await startBotForTest({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, { logLines, logLevel: 'warn' });
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
  });
  const fixture = JSON.parse(
    readFileSync(join(__dirname, '../fixtures/teams/message-personal.json'), 'utf8'),
  );

  it.each([429, 503])('retries a reply answered %i and delivers it once', async (status) => {
    const before = connector.calls.length;
    connector.failNext(1, status);
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...fixture,
        id: `busy-${status}`,
        serviceUrl: connector.serviceUrl,
        text: 'help',
      }),
    });
    expect(res.status).toBe(200);
    const cards = () =>
      connector.calls
        .slice(before)
        .filter((c) => c.kind === 'reply' && (c.activity.attachments as unknown[] | undefined)?.length);
    await connector.waitFor(() => (cards().length > 0 ? true : undefined), 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(cards()).toHaveLength(1);
  });

  it('logs a reply it finally could not deliver, and keeps answering others', async () => {
    connector.failNext(50, 503);
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...fixture,
        id: 'busy-forever',
        serviceUrl: connector.serviceUrl,
        text: 'help',
      }),
    });
    expect(res.status).toBeLessThan(600);
    expect(logLines.join('\n')).toMatch(/Teams turn failed|Could not send the apology/);
    connector.failNext(0, 503);
    const before = connector.calls.length;
    await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...fixture, id: 'after', serviceUrl: connector.serviceUrl, text: 'help' }),
    });
    await connector.waitFor(() =>
      connector.calls.slice(before).find((c) => c.kind === 'reply' && c.activity.type === 'message'),
    );
  }, 60_000);
});

describe('when Slack is busy', () => {
  let slack: FakeSlack;
  let app: RunningApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    slack = await startFakeSlack();
    app = await startBotForTest(slackEnv(slack), { placeholderAfterMs: 60_000, logLines, logLevel: 'warn' });
  });
  afterAll(async () => {
    await app.close();
    await slack.close();
  });

  const command = (id: string) =>
    postToSlackEndpoint(
      `${app.url}/slack/events`,
      slashCommandBody({ text: 'failed today', responseUrl: slack.responseUrl(id) }),
      FORM,
    );

  it.each([
    [429, 2],
    [503, 1],
  ])('tries a response_url answered %i again, with a backoff, and answers once', async (status, failures) => {
    slack.failResponsesNext(failures, status);
    const id = `busy-${status}`;
    expect((await command(id)).status).toBe(200);
    await slack.waitFor(() => slack.responses.find((r) => r.id === id), 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.responses.filter((r) => r.id === id)).toHaveLength(1);
    expect(logLines.join('\n')).toContain('Slack response_url is busy; trying again');
  });

  it('gives up after a few tries with a log line, and answers the next command', async () => {
    slack.failResponsesNext(10, 503);
    await command('given-up');
    await slack.waitFor(
      () => (logLines.some((l) => l.includes('Slack delivery failed: answer')) ? true : undefined),
      15_000,
    );
    expect(slack.responses.filter((r) => r.id === 'given-up')).toHaveLength(0);
    slack.failResponsesNext(0, 503);
    await command('afterwards');
    await slack.waitFor(() => slack.responses.find((r) => r.id === 'afterwards'), 10_000);
  }, 30_000);
});
