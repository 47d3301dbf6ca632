import { join } from 'node:path';
import pg from 'pg';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from '../../src/veeam/simulator/simulator-server';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { quietPolicy, textOf } from '../support/alert-harness';
import { type ServeProcess, startServeProcess } from '../support/serve-process';
import { FORM, postToSlackEndpoint, slashCommandBody, TEST_SIGNING_SECRET } from '../support/slack-requests';

const pgUrl = process.env.TEST_DATABASE_URL;
const describeOnPostgres = pgUrl ? describe : describe.skip;
const ENTRY = join(__dirname, '..', '..', 'bin', 'sessions-bot');

/**
 * Two bot processes on one PostgreSQL, as an operator runs replicas: one alert per failure, and alerts go
 * on after the replica that took `alerts on` is killed with SIGKILL (no clean stop, no lease handed over).
 */
describeOnPostgres('two bot processes on one PostgreSQL', () => {
  const database = `alerts_replicas_${process.pid}`;
  let admin: pg.Client;
  let sim: VeeamSimulator;
  let slack: FakeSlack;
  let a: ServeProcess;
  let b: ServeProcess;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database}`);
    await admin.query(`create database ${database}`);
    sim = await startVeeamSimulator();
    slack = await startFakeSlack();
    const url = new URL(pgUrl as string);
    url.pathname = `/${database}`;
    const env = (name: string) => ({
      SLACK_BOT_TOKEN: 'xoxb-replicas',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      VEEAM_URL: sim.url,
      VEEAM_USERNAME: DEFAULT_SIMULATOR_USER.username,
      VEEAM_PASSWORD: DEFAULT_SIMULATOR_USER.password,
      DATABASE_URL: url.toString(),
      ALERT_POLL_SECONDS: '5',
      INSTANCE_ID: name,
      BUTTON_SIGNING_KEY: 'replicas-button-key-0123456789abcdef',
      PLAYGROUND: 'off',
    });
    [a, b] = await Promise.all([startServeProcess(ENTRY, env('a')), startServeProcess(ENTRY, env('b'))]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await slack?.close();
    await sim?.close();
    await admin?.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await admin?.end();
  });

  const alertsNaming = (policy: string) =>
    slack.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === 'C1' &&
        c.args.thread_ts === undefined &&
        textOf(c.args).includes(`Failed: ${policy}`),
    );
  const failNow = (policy: string) => {
    sim.addSession({ policy, status: 'Error', durationSeconds: 0 });
  };

  it('posts one alert per failure, then goes on after the replica that took `alerts on` is killed', async () => {
    await postToSlackEndpoint(
      `${a.url}/slack/events`,
      slashCommandBody({ text: 'alerts on', responseUrl: slack.responseUrl('on') }),
      FORM,
    );
    await slack.waitFor(() => slack.responses.find((r) => r.id === 'on'), 10_000);
    const first = quietPolicy(sim, Date.now(), 1);
    failNow(first.name);
    await slack.waitFor(() => alertsNaming(first.name)[0], 35_000);
    // Both replicas poll on: still one message.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(alertsNaming(first.name)).toHaveLength(1);

    await a.kill();
    const second = quietPolicy(sim, Date.now(), 1, [first.id]);
    failNow(second.name);
    // b takes the poll over once a's lease (ALERT_POLL_SECONDS + 15 s) runs out.
    await slack.waitFor(() => alertsNaming(second.name)[0], 45_000);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(alertsNaming(second.name)).toHaveLength(1);
  }, 120_000);
});
