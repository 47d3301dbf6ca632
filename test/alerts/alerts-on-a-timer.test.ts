import type { RunningApp } from '../../src/main';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { textOf } from '../support/alert-harness';
import { FORM, postToSlackEndpoint, slashCommandBody, TEST_SIGNING_SECRET } from '../support/slack-requests';
import { startBotForTest } from '../support/start-bot';

/**
 * The contract as a check from outside sees it: the bot as it runs (its own poller on a timer, the
 * embedded simulator on the real clock), `alerts on` over HTTP, a failure added through the simulator's
 * POST /__simulator/sessions, and the alert at the fake Slack within ALERT_POLL_SECONDS + 30 s.
 */
describe('alerts on the real clock', () => {
  let slack: FakeSlack;
  let bot: RunningApp;
  beforeAll(async () => {
    slack = await startFakeSlack();
    bot = await startBotForTest({
      SLACK_BOT_TOKEN: 'xoxb-timer',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      ALERT_POLL_SECONDS: '5',
    });
  });
  afterAll(async () => {
    await bot.close();
    await slack.close();
  });

  it('posts a failure of a backup that started hours ago within a poll of its listing', async () => {
    await postToSlackEndpoint(
      `${bot.url}/slack/events`,
      slashCommandBody({ text: 'alerts on', responseUrl: slack.responseUrl('on'), channelId: 'C9' }),
      FORM,
    );
    await slack.waitFor(() => slack.responses.find((r) => r.id === 'on'));
    const policy = bot.simulator?.world.policies[2]?.name ?? '';
    const res = await fetch(`${bot.simulator?.url}/__simulator/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        policy,
        status: 'Error',
        startUtc: new Date(Date.now() - 3 * 3_600_000).toISOString(),
        durationSeconds: 3 * 3600 + 1,
      }),
    });
    expect(res.status).toBe(201);
    const listedAt = Date.now();
    const alert = await slack.waitFor(
      () =>
        slack.calls.find(
          (c) =>
            c.method === 'chat.postMessage' &&
            c.args.channel === 'C9' &&
            c.args.thread_ts === undefined &&
            textOf(c.args).includes(`Failed: ${policy}`),
        ),
      20_000,
    );
    expect(textOf(alert.args)).toContain('Snooze');
    expect(Date.now() - listedAt).toBeLessThan(5_000 + 30_000);
  }, 30_000);

  it('counts its polls and the messages they posted in /metrics', async () => {
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    const value = (name: string) =>
      Number(new RegExp(`^${name} (\\d+)`, 'm').exec(metrics)?.[1] ?? Number.NaN);
    expect(value('sessions_bot_alert_messages_total')).toBeGreaterThanOrEqual(1);
    expect(value('sessions_bot_alert_poll_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value('sessions_bot_alert_poll_list_calls_total')).toBeGreaterThanOrEqual(1);
  });
});
