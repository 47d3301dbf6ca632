import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { loadConfig } from '../../src/config/config';
import { silentLogger } from '../../src/logging/logger';
import { createSlackApp } from '../../src/slack/slack-app';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from '../../src/veeam/simulator/simulator-server';
import { VeeamClient } from '../../src/veeam/veeam-client';
import { TEST_TOKENS } from '../factories/sessions';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';

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
