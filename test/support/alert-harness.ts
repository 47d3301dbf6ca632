import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, type StartOptions, startApp } from '../../src/main';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { vmOutage } from '../../src/veeam/simulator/protection';
import type { SimSession } from '../../src/veeam/simulator/sim-world';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from '../../src/veeam/simulator/simulator-server';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import {
  blockActionBody,
  FORM,
  postToSlackEndpoint,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from './slack-requests';

const BOT_TOKEN = 'xoxb-alert-test-token';

type Call = { method: string; args: Record<string, unknown>; ts?: string };

/**
 * Bot replicas for alert specs: real apps (HTTP server, Bolt, database, poller) sharing one database, one
 * simulator and one fake Slack, all reading one clock the test moves. Pollers do not run on timers here:
 * the test polls, so each step is one poll.
 */
export type AlertHarness = {
  slack: FakeSlack;
  sim: VeeamSimulator;
  clock: { now: number };
  logLines: string[];
  replica(name: string, env?: Record<string, string>, options?: StartOptions): Promise<RunningApp>;
  command(
    app: RunningApp,
    text: string,
    from?: { channelId?: string; userId?: string },
  ): Promise<Record<string, unknown>>;
  /** Clicks a button of a posted message (by its text) as `userId`; what the response_url got. */
  click(
    app: RunningApp,
    message: Call,
    buttonText: RegExp,
    userId?: string,
  ): Promise<Record<string, unknown>>;
  /** Adds a session to the simulator (POST /__simulator/sessions); its id. */
  inject(body: Record<string, unknown>): Promise<string>;
  /** A two-second session of `policy` that ended with `status` just now (3 s before the clock); its id. */
  endedJustNow(policy: string, status: string): Promise<string>;
  /** Top-level messages posted to `channel` (no thread_ts), of those Slack took. */
  topLevel(channel?: string): Call[];
  replies(ts: string, channel?: string): Call[];
  updates(ts: string, channel?: string): Call[];
  close(): Promise<void>;
};

export async function startAlertHarness(location: DatabaseLocation, startAt: number): Promise<AlertHarness> {
  const clock = { now: startAt };
  const sim = await startVeeamSimulator({ now: () => clock.now });
  const slack = await startFakeSlack();
  slack.userZones.set('U1', 'Europe/Berlin');
  const logLines: string[] = [];
  const apps: RunningApp[] = [];
  let responses = 0;
  // Messages Slack took (a refused call gets no ts).
  const posts = (channel: string) =>
    slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.ts);
  const harness: AlertHarness = {
    slack,
    sim,
    clock,
    logLines,
    replica: async (name, env = {}, options = {}) => {
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DEFAULT_TIME_ZONE: 'UTC',
        INSTANCE_ID: name,
        VEEAM_URL: sim.url,
        VEEAM_USERNAME: DEFAULT_SIMULATOR_USER.username,
        VEEAM_PASSWORD: DEFAULT_SIMULATOR_USER.password,
        ALERT_POLL_SECONDS: '5',
        BUTTON_SIGNING_KEY: 'alert-harness-button-key-0123456789',
        ...env,
      });
      const app = await startApp(
        { ...config, database: location },
        createLogger({
          level: 'debug',
          format: 'json',
          write: (l) => logLines.push(l),
          secrets: [BOT_TOKEN],
        }),
        { now: () => new Date(clock.now), startScheduler: false, startAlertPoller: false, ...options },
      );
      apps.push(app);
      return app;
    },
    command: async (app, text, from = {}) => {
      const id = `alert-${++responses}`;
      await postToSlackEndpoint(
        `${app.url}/slack/events`,
        slashCommandBody({ text, responseUrl: slack.responseUrl(id), ...from }),
        FORM,
      );
      return (await slack.waitFor(() => slack.responses.find((r) => r.id === id))).body;
    },
    click: async (app, message, buttonText, userId = 'U2') => {
      const button = buttonsOf(message.args).find((b) => buttonText.test(b.text.text));
      if (!button) throw new Error(`no button ${buttonText} on the message`);
      const id = `click-${++responses}`;
      await postToSlackEndpoint(
        `${app.url}/slack/events`,
        blockActionBody({
          actionId: button.action_id,
          value: button.value ?? '',
          responseUrl: slack.responseUrl(id),
          userId,
          ephemeral: false,
          messageTs: message.ts ?? '',
        }),
        FORM,
      );
      return (await slack.waitFor(() => slack.responses.find((r) => r.id === id))).body;
    },
    inject: async (body) => {
      const res = await fetch(`${sim.url}/__simulator/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as { id?: string; error?: string };
      if (res.status !== 201 || !answer.id) throw new Error(`inject failed: ${JSON.stringify(answer)}`);
      return answer.id;
    },
    endedJustNow: (policy, status) =>
      harness.inject({
        policy,
        status,
        startUtc: new Date(clock.now - 5_000).toISOString(),
        durationSeconds: 2,
      }),
    topLevel: (channel = 'C1') => posts(channel).filter((c) => c.args.thread_ts === undefined),
    replies: (ts, channel = 'C1') => posts(channel).filter((c) => c.args.thread_ts === ts),
    updates: (ts, channel = 'C1') =>
      slack.calls.filter((c) => c.method === 'chat.update' && c.args.channel === channel && c.args.ts === ts),
    close: async () => {
      for (const app of apps) await app.close().catch(() => undefined);
      await slack.close();
      await sim.close();
    },
  };
  return harness;
}

type SlackButton = { type?: string; text: { text: string }; action_id: string; value?: string };

export function buttonsOf(message: Record<string, unknown>): SlackButton[] {
  const blocks = (typeof message.blocks === 'string' ? JSON.parse(message.blocks) : message.blocks) as {
    type: string;
    elements?: SlackButton[];
    accessory?: SlackButton;
  }[];
  // Row buttons (Details) are section accessories; the rest sit in actions blocks.
  return (blocks ?? []).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []) : b.accessory?.type === 'button' ? [b.accessory] : [],
  );
}

/** The text of every block of a message, for assertions on what it says. */
export function textOf(message: Record<string, unknown>): string {
  return (
    JSON.stringify(typeof message.blocks === 'string' ? JSON.parse(message.blocks) : (message.blocks ?? [])) +
    String(message.text ?? '')
  );
}

/**
 * A policy with no generated session that starts or ends within `hours` either side of `at`, so the
 * sessions a spec adds are the only news about it.
 */
export function quietPolicy(
  sim: VeeamSimulator,
  at: number,
  hours: number,
  except: string[] = [],
): { id: string; name: string } {
  const near = (ms: number | null) => ms !== null && Math.abs(ms - at) < hours * 3_600_000;
  const busy = new Set(
    sim
      .sessions()
      .filter((s: SimSession) => near(s.startMs) || near(s.stopMs) || s.stopMs === null)
      .map((s) => s.policy?.id),
  );
  // The simulator's failing VM makes its policy news every day.
  const outage = vmOutage(sim.world)?.policyId;
  const policy = sim.world.policies.find(
    (p) => !busy.has(p.id) && !except.includes(p.id) && p.id !== outage && p.removedAfterMs === null,
  );
  if (!policy) throw new Error('every policy of the simulator is busy near that time');
  return { id: policy.id, name: policy.name };
}
