import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { loadConfig } from '../../src/config/config';
import { silentLogger } from '../../src/logging/logger';
import type { RunningApp } from '../../src/main';
import { createSlackApp } from '../../src/slack/slack-app';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from '../../src/veeam/simulator/simulator-server';
import { VeeamClient } from '../../src/veeam/veeam-client';
import { TEST_TOKENS } from '../factories/sessions';
import { type FakeSocketMode, startFakeSocketMode } from '../fakes/slack-socket-mode';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { logEntries } from '../support/log-entries';
import { slashCommandPayload } from '../support/slack-requests';
import { startBotForTest } from '../support/start-bot';

/**
 * A receiver that hands events to Bolt as the Socket Mode receiver does (body + ack, no HTTP): the
 * listeners must behave the same whichever receiver delivers.
 */
class InProcessReceiver implements Receiver {
  private app: App | undefined;
  init(app: App): void {
    this.app = app;
  }
  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
  async deliver(body: Record<string, unknown>): Promise<{ acked: boolean }> {
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: async () => {
        acked = true;
      },
    };
    await this.app?.processEvent(event);
    return { acked };
  }
}

describe('Socket Mode', () => {
  const deps = () => ({
    answers: {
      source: client,
      apiVersion: 'v2' as const,
      pageSize: 10,
      veeamUrl: null,
      tokens: TEST_TOKENS,
      now: () => new Date(),
      logger: silentLogger,
    },
    logger: silentLogger,
    defaultTimeZone: 'UTC',
  });
  let sim: VeeamSimulator;
  let slack: FakeSlack;
  let client: VeeamClient;
  beforeAll(async () => {
    sim = await startVeeamSimulator();
    slack = await startFakeSlack();
    client = new VeeamClient({ baseUrl: sim.url, apiVersion: 'v2', ...DEFAULT_SIMULATOR_USER });
  });
  afterAll(async () => {
    client.close();
    await sim.close();
    await slack.close();
  });

  it('is chosen by SLACK_APP_TOKEN, with no HTTP endpoint to mount', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }).slack;
    if (!config) throw new Error('slack config expected');
    expect(config.mode).toBe('socket');
    const app = createSlackApp(config, {
      ...deps(),
    });
    expect(app.mode).toBe('socket');
    expect(app.requestListener).toBeNull();
  });

  it('refuses to start with a token Slack rejects, saying so', async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-revoked',
      SLACK_SIGNING_SECRET: 'abcdef0123456789',
      SLACK_API_URL: slack.apiUrl,
    }).slack;
    if (!config) throw new Error('slack config expected');
    slack.rejectTokens.add('xoxb-revoked');
    const app = createSlackApp(config, {
      ...deps(),
    });
    await expect(app.start()).rejects.toThrow(
      'Slack did not accept SLACK_BOT_TOKEN (auth.test failed: invalid_auth)',
    );
  });

  it('runs the same listeners for a slash command delivered without HTTP', async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_APP_TOKEN: 'xapp-1-A1-2-abc',
      SLACK_API_URL: slack.apiUrl,
    }).slack;
    if (!config) throw new Error('slack config expected');
    const receiver = new InProcessReceiver();
    const slackApp = createSlackApp(config, {
      ...deps(),
      receiver,
    });
    await slackApp.start();
    const { acked } = await receiver.deliver({
      command: '/sessions',
      text: 'failed this week',
      user_id: 'U1',
      team_id: 'T1',
      channel_id: 'C1',
      response_url: slack.responseUrl('socket'),
      trigger_id: '1.2.3',
      api_app_id: 'A1',
      token: 'x',
    });
    expect(acked).toBe(true);
    const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === 'socket'));
    expect(JSON.stringify(answer.body)).toContain('Failed sessions · this week UTC');
  });
});

/** The real SocketModeReceiver and @slack/socket-mode client, over a WebSocket to a local fake of Slack's end. */
describe('Socket Mode over a WebSocket', () => {
  let slack: FakeSlack;
  let socket: FakeSocketMode;
  let app: RunningApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    slack = await startFakeSlack();
    socket = await startFakeSocketMode();
    slack.socketModeUrl = socket.url;
    app = await startBotForTest(
      { SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_APP_TOKEN: 'xapp-1-A1-2-fake', SLACK_API_URL: slack.apiUrl },
      { logLines, logLevel: 'warn' },
    );
  });
  let stopped = false;
  afterAll(async () => {
    if (!stopped) await app.close();
    await socket.close();
    await slack.close();
  });

  let n = 0;
  const command = (text: string) => {
    const id = `ws-${++n}`;
    const payload = slashCommandPayload({ text, responseUrl: slack.responseUrl(id) });
    return { id, acked: socket.deliver('slash_commands', payload) };
  };
  const answerTo = (id: string) => slack.waitFor(() => slack.responses.find((r) => r.id === id), 10_000);

  it('opens the connection with the app token at SLACK_API_URL, acks a command and answers at its response_url', async () => {
    const open = slack.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.token).toBe('xapp-1-A1-2-fake');
    const { id, acked } = command('failed this week');
    const ack = await acked;
    expect(ack.envelopeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify((await answerTo(id)).body)).toContain('Failed sessions · this week UTC');
  });

  it('loses no command across a disconnect: what Slack sends meanwhile arrives on the new connection, each answered once', async () => {
    const before = socket.connections();
    const first = Array.from({ length: 10 }, (_, i) => command(`failed last ${i + 1} hours`));
    socket.disconnect('refresh_requested');
    const meanwhile = Array.from({ length: 10 }, (_, i) => command(`warnings last ${i + 1} hours`));
    const all = [...first, ...meanwhile];
    await Promise.all(all.map((c) => c.acked));
    await Promise.all(all.map((c) => answerTo(c.id)));
    expect(socket.connections()).toBe(before + 1);
    // A redelivered command whose first delivery was already handled would be answered twice.
    await new Promise((r) => setTimeout(r, 300));
    for (const c of all) expect(slack.responses.filter((r) => r.id === c.id)).toHaveLength(1);
    // An ack the closing socket could not carry is a warning with its reason, not a failed listener, and
    // Slack sends that envelope again.
    const entries = logEntries(logLines);
    expect(entries.filter((e) => e.level === 'error')).toEqual([]);
    const unacked = entries.filter((e) =>
      String(e.msg).startsWith('Slack Socket Mode: could not ack'),
    ).length;
    expect(unacked).toBeLessThanOrEqual(socket.redeliveries());
  });

  it('closes its WebSocket with a close handshake when the bot stops, so Slack routes elsewhere at once', async () => {
    stopped = true;
    await app.close();
    expect(socket.closeCodes().at(-1)).toBe(1000);
  });
});
