/**
 * npm run bench:alerts: what one alert poll costs the appliance as the number of subscribed channels
 * grows (goal: the same number of calls for 1, 100 and 1,000 channels), and how long a failure takes from
 * the appliance listing it to its alert at Slack (goal: p99 under ALERT_POLL_SECONDS + 5 s). The bot runs
 * in this process on its own poller timer, against the simulator (BENCH_LATENCY_MS a request, default 20)
 * and a fake Slack, over real HTTP on 127.0.0.1; SQLite in a temporary directory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { startApp } from '../src/main';
import { AlertSubscriptionStore } from '../src/storage/alert-subscription-store';
import { DEFAULT_SIMULATOR_USER, startVeeamSimulator } from '../src/veeam/simulator/simulator-server';
import { startFakeSlack } from '../test/fakes/slack-web-api';
import { percentile, table } from './measure';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const POLL_SECONDS = Number(process.env.BENCH_ALERT_POLL_SECONDS ?? 5);
const CHANNELS = (process.env.BENCH_CHANNELS ?? '1,100,1000').split(',').map(Number);
const FAILURES_PER_POLL = 3;
const LATENCY_SAMPLES = Number(process.env.BENCH_ALERT_SAMPLES ?? 12);

async function main() {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  console.log(
    `bench:alerts at ${commit}, simulator ${LATENCY_MS} ms a request, polls every ${POLL_SECONDS} s`,
  );
  const sim = await startVeeamSimulator({ faults: { latencyMs: LATENCY_MS } });
  const slack = await startFakeSlack();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99aaaaaa85a5',
    SLACK_API_URL: slack.apiUrl,
    VEEAM_URL: sim.url,
    VEEAM_USERNAME: DEFAULT_SIMULATOR_USER.username,
    VEEAM_PASSWORD: DEFAULT_SIMULATOR_USER.password,
    DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'alerts-bench-')), 'bot.db')}`,
    ALERT_POLL_SECONDS: String(POLL_SECONDS),
    LOG_LEVEL: 'warn',
  });
  const bot = await startApp(config, createLogger({ level: 'warn', format: 'json' }), {
    startScheduler: false,
    startAlertPoller: false,
  });
  const store = new AlertSubscriptionStore(bot.database.db);
  const policies = sim.world.policies.filter((p) => p.removedAfterMs === null);
  const subscribe = async (count: number) => {
    for (const s of await store.list()) await store.remove(s.id);
    const createdAt = new Date().toISOString();
    for (let i = 0; i < count; i++)
      await store.save({
        id: `slack:CB${i}`,
        platform: 'slack',
        channelId: `CB${i}`,
        filters: '',
        scope: { policyId: null, policyName: null, types: [] },
        includeWarnings: false,
        afterFailures: 1,
        timeZone: 'UTC',
        createdBy: 'UBENCH',
        createdAt,
        source: 'chat',
      });
  };

  // 1. One poll, for 1, 100 and 1,000 channels: appliance calls (the list queries and one log read a new
  // failure), chat posts, wall time. Each poll finds FAILURES_PER_POLL new failures.
  const rows: (string | number)[][] = [];
  for (const channels of CHANNELS) {
    await subscribe(channels);
    await bot.alertPoller.pollOnce();
    for (let i = 0; i < FAILURES_PER_POLL; i++)
      sim.addSession({
        policy: policies[i % policies.length]?.name ?? '',
        status: 'Error',
        durationSeconds: 0,
      });
    const before = { ...sim.stats };
    const posts = slack.calls.length;
    const started = performance.now();
    await bot.alertPoller.pollOnce();
    const ms = performance.now() - started;
    rows.push([
      channels,
      sim.stats.jobSessionsCalls - before.jobSessionsCalls,
      sim.stats.apiCalls - before.apiCalls,
      slack.calls.filter((c, i) => i >= posts && c.method === 'chat.postMessage').length,
      Math.round(ms),
    ]);
  }
  console.log(table(['channels', 'list calls/poll', 'appliance calls/poll', 'chat posts', 'poll ms'], rows));

  // 2. From a failure listed to its alert at Slack, on the poller's own timer, one channel.
  await subscribe(1);
  bot.alertPoller.start();
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    await new Promise((r) => setTimeout(r, Math.random() * POLL_SECONDS * 1000));
    const policy = policies[(i + 7) % policies.length]?.name ?? '';
    const seen = slack.calls.length;
    sim.addSession({ policy, status: 'Error', durationSeconds: 0 });
    const listed = performance.now();
    await slack.waitFor(
      () =>
        slack.calls.find(
          (c, k) => k >= seen && c.method === 'chat.postMessage' && JSON.stringify(c.args).includes(policy),
        ),
      (POLL_SECONDS + 30) * 1000,
    );
    samples.push(performance.now() - listed);
  }
  await bot.alertPoller.stop();
  console.log(
    table(
      ['failure → alert', 'samples', 'p50 ms', 'p99 ms', 'goal ms'],
      [
        [
          'one channel',
          samples.length,
          Math.round(percentile(samples, 50)),
          Math.round(percentile(samples, 99)),
          (POLL_SECONDS + 5) * 1000,
        ],
      ],
    ),
  );
  await bot.close();
  await slack.close();
  await sim.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
