import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, type StartOptions, startApp } from '../../src/main';
import type { DatabaseLocation } from '../../src/storage/database-location';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { FORM, postToSlackEndpoint, slashCommandBody, TEST_SIGNING_SECRET } from './slack-requests';

const BOT_TOKEN = 'xoxb-digest-test-token';

/**
 * Bot replicas for digest specs: real apps (HTTP server, Bolt, simulator, scheduler) sharing one database
 * and one fake Slack, each with its own connection pool, all reading one clock the test moves. Schedulers
 * do not run on timers here: the test ticks them.
 */
export type DigestHarness = {
  slack: FakeSlack;
  logLines: string[];
  clock: { now: number };
  replica(name: string, env?: Record<string, string>, options?: StartOptions): Promise<RunningApp>;
  /** Sends `/sessions <text>` (in channel C1 by U1 unless told) to a replica and returns what it answered. */
  command(
    app: RunningApp,
    text: string,
    from?: { channelId?: string; userId?: string },
  ): Promise<Record<string, unknown>>;
  /** The digests posted to channel C1 so far. */
  digestsPosted(): Record<string, unknown>[];
  close(): Promise<void>;
};

export async function startDigestHarness(
  location: DatabaseLocation,
  startAt: number,
): Promise<DigestHarness> {
  const slack = await startFakeSlack();
  slack.userZones.set('U1', 'Europe/Berlin');
  const logLines: string[] = [];
  const clock = { now: startAt };
  const apps: RunningApp[] = [];
  let responses = 0;
  return {
    slack,
    logLines,
    clock,
    replica: async (name, env = {}, options = {}) => {
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DEFAULT_TIME_ZONE: 'UTC',
        INSTANCE_ID: name,
        DIGEST_LEASE_SECONDS: '60',
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
        { now: () => new Date(clock.now), startScheduler: false, digestRetryDelaysMs: [5, 5], ...options },
      );
      apps.push(app);
      return app;
    },
    command: async (app, text, from = {}) => {
      const id = `digest-${++responses}`;
      await postToSlackEndpoint(
        `${app.url}/slack/events`,
        slashCommandBody({ text, responseUrl: slack.responseUrl(id), ...from }),
        FORM,
      );
      return (await slack.waitFor(() => slack.responses.find((r) => r.id === id))).body;
    },
    digestsPosted: () =>
      slack.calls
        .filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C1')
        .map((c) => c.args)
        .filter((args) => String(args.text).startsWith('Backup digest')),
    close: async () => {
      for (const app of apps) await app.close();
      await slack.close();
    },
  };
}

/** 08:00 in Berlin `daysAgo` days back: inside the simulator's 30 days, so a digest window has data. */
export function recentSlot(daysAgo: number): number {
  return DateTime.now()
    .setZone('Europe/Berlin')
    .minus({ days: daysAgo })
    .set({ hour: 8, minute: 0, second: 0, millisecond: 0 })
    .toMillis();
}
