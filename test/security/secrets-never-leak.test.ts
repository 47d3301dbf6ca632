import { type Config, loadConfig, secretsOf } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import { startVeeamSimulator, type VeeamSimulator } from '../../src/veeam/simulator/simulator-server';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { FORM, postToSlackEndpoint, slashCommandBody } from '../support/slack-requests';

const SECRETS = {
  VEEAM_PASSWORD: 'veeam-Pa55-known-1',
  SLACK_BOT_TOKEN: 'xoxb-known-token-2',
  SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789',
  MICROSOFT_APP_PASSWORD: 'teams-known-secret-3',
  DB_PASSWORD: 'db-known-secret-4',
  PLAYGROUND_TOKEN: 'playground-known-secret-5',
};

/**
 * Runs the bot with known secret values through every error path there is (wrong Veeam password, Veeam
 * unreachable, forged Slack requests, a revoked Slack token, unauthenticated Teams requests, a database
 * that refuses) and searches everything it said, logged, answered or printed for them.
 */
describe('secrets', () => {
  const said: string[] = [];
  let slack: FakeSlack;
  let sim: VeeamSimulator;
  const originals = { error: console.error, warn: console.warn, log: console.log };

  beforeAll(async () => {
    slack = await startFakeSlack();
    sim = await startVeeamSimulator();
    for (const name of ['error', 'warn', 'log'] as const) {
      console[name] = (...args: unknown[]) =>
        said.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
    }
  });
  afterAll(async () => {
    Object.assign(console, originals);
    await slack.close();
    await sim.close();
  });

  function configFor(env: Record<string, string>): Config {
    return loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: ':memory:',
      PLAYGROUND: 'on',
      PLAYGROUND_TOKEN: SECRETS.PLAYGROUND_TOKEN,
      VEEAM_USERNAME: 'sessions-bot',
      VEEAM_PASSWORD: SECRETS.VEEAM_PASSWORD,
      VEEAM_TIMEOUT_MS: '500',
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      MICROSOFT_APP_ID: '7ab4d9f1-3c2e-4b6a-8d1f-2e3c4b5a6d7e',
      MICROSOFT_APP_PASSWORD: SECRETS.MICROSOFT_APP_PASSWORD,
      MICROSOFT_APP_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      ...env,
    });
  }

  async function start(config: Config): Promise<RunningApp> {
    return startApp(
      config,
      createLogger({
        level: 'debug',
        format: 'json',
        secrets: secretsOf(config),
        write: (l) => said.push(l),
      }),
    );
  }

  async function exercise(app: RunningApp, tag: string) {
    const text = async (res: Response) => said.push(`${res.status} ${await res.text()}`);
    const ask = (body: unknown) =>
      fetch(`${app.url}/playground/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.PLAYGROUND_TOKEN}` },
        body: JSON.stringify(body),
      });
    await text(await ask({ text: 'failed today', timeZone: 'UTC' }));
    await text(await ask({ text: `policy:"${SECRETS.VEEAM_PASSWORD.slice(0, 3)}"`, timeZone: 'UTC' }));
    const body = slashCommandBody({ text: 'failed today', responseUrl: slack.responseUrl(tag) });
    said.push(
      JSON.stringify(
        (
          await postToSlackEndpoint(`${app.url}/slack/events`, body, FORM, {
            secret: SECRETS.SLACK_SIGNING_SECRET,
          })
        ).text,
      ),
    );
    await slack.waitFor(() => slack.responses.find((r) => r.id === tag), 10_000);
    said.push(
      JSON.stringify(
        (await postToSlackEndpoint(`${app.url}/slack/events`, body, FORM, { secret: 'f'.repeat(32) })).text,
      ),
    );
    await text(
      await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${SECRETS.MICROSOFT_APP_PASSWORD.slice(0, 6)}`,
        },
        body: JSON.stringify({
          type: 'message',
          channelId: 'msteams',
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          conversation: { id: 'a:1' },
        }),
      }),
    );
    await text(await fetch(`${app.url}/readyz`));
    await text(await fetch(`${app.url}/metrics`));
  }

  it('never appear in logs, answers, HTTP responses or console output, on any error path', async () => {
    // Veeam refuses the password.
    let app = await start(configFor({ VEEAM_URL: sim.url }));
    await exercise(app, 'wrong-password');
    await app.close();
    // Veeam unreachable.
    app = await start(configFor({ VEEAM_URL: 'http://127.0.0.1:9' }));
    await exercise(app, 'unreachable');
    await app.close();
    // Slack refuses the bot token at start.
    slack.rejectTokens.add(SECRETS.SLACK_BOT_TOKEN);
    await start(configFor({})).then(
      (a) => a.close(),
      (error: Error) => said.push(`${error.message} ${String(error.cause)}`),
    );
    slack.rejectTokens.clear();
    // The database refuses the connection.
    await start(configFor({ DATABASE_URL: `postgres://bot:${SECRETS.DB_PASSWORD}@127.0.0.1:9/bot` })).then(
      (a) => a.close(),
      (error: Error) => said.push(`${error.message} ${error.stack}`),
    );

    for (const r of slack.responses) said.push(JSON.stringify(r.body));
    const everything = said.join('\n');
    // Every path was taken: otherwise "nothing leaked" would prove nothing.
    for (const trace of [
      'VEEAM_AUTH',
      'VEEAM_UNREACHABLE',
      'did not accept SLACK_BOT_TOKEN',
      'ECONNREFUSED',
      '401 ',
    ]) {
      expect([trace, everything.includes(trace)]).toEqual([trace, true]);
    }
    for (const [name, value] of Object.entries(SECRETS)) {
      expect([name, everything.includes(value)]).toEqual([name, false]);
    }
  }, 60_000);
});
