import type http from 'node:http';
import { Readable } from 'node:stream';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import { createSlackRequestGuard, type RequestLedger } from '../../src/slack/request-guard';
import { SeenRequestLedger } from '../../src/storage/seen-request-ledger';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { DATABASES } from '../support/databases';
import {
  FORM,
  postToSlackEndpoint,
  slackSignature,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../support/slack-requests';

const silent = createLogger({ level: 'error', format: 'json', write: () => {} });
const NOW = 1_790_000_000_000;

/** A request as node:http hands it over: headers and a body stream. */
function request(body: string, headers: Record<string, string>): http.IncomingMessage {
  const req = Readable.from([Buffer.from(body)]) as unknown as http.IncomingMessage;
  req.headers = { 'content-type': FORM, ...headers };
  return req;
}

function signed(body: string, tsSeconds = NOW / 1000): http.IncomingMessage {
  return request(body, {
    'x-slack-request-timestamp': String(tsSeconds),
    'x-slack-signature': slackSignature(body, tsSeconds),
  });
}

function guard(options: { maxRemembered?: number; ledger?: RequestLedger; now?: () => number } = {}) {
  return createSlackRequestGuard({
    signingSecret: TEST_SIGNING_SECRET,
    logger: silent,
    now: () => NOW,
    ...options,
  });
}

describe('the Slack request guard: nothing unauthenticated is kept', () => {
  it('refuses a replay even after a flood of forged requests (junk cannot evict what was verified)', async () => {
    const check = guard({ maxRemembered: 10 });
    const body = 'command=%2Fsessions&text=failed';
    expect(await check(signed(body))).toEqual({ ok: true });
    const junk = `v0=${'a'.repeat(64)}`;
    for (let i = 0; i < 1000; i++) {
      const verdict = await check(
        request(`${body}&n=${i}`, {
          'x-slack-request-timestamp': String(NOW / 1000),
          'x-slack-signature': junk,
        }),
      );
      expect(verdict).toMatchObject({ ok: false, status: 401, reason: 'signature mismatch' });
    }
    expect(await check(signed(body))).toMatchObject({ ok: false, status: 401, reason: 'replayed' });
  });

  it('refuses oversized signature headers before reading the body', async () => {
    const check = guard();
    const huge = `v0=${'f'.repeat(15_000)}`;
    const verdict = await check(
      request('text=x', { 'x-slack-request-timestamp': String(NOW / 1000), 'x-slack-signature': huge }),
    );
    expect(verdict).toMatchObject({ ok: false, status: 401, reason: 'no valid x-slack-signature header' });
  });

  it('refuses timestamps more than five minutes in the future as well as in the past', async () => {
    const check = guard();
    const body = 'text=failed';
    expect(await check(signed(body, NOW / 1000 + 6 * 60))).toMatchObject({ ok: false, status: 401 });
    expect(await check(signed(body, NOW / 1000 - 6 * 60))).toMatchObject({ ok: false, status: 401 });
    expect(await check(signed(body, NOW / 1000 + 4 * 60))).toEqual({ ok: true });
  });

  it('refuses a body over the bound with 413, without keeping it', async () => {
    const check = createSlackRequestGuard({
      signingSecret: TEST_SIGNING_SECRET,
      logger: silent,
      now: () => NOW,
      maxBodyBytes: 100,
    });
    expect(await check(signed('x'.repeat(101)))).toMatchObject({ ok: false, status: 413 });
  });

  it("answers Slack's unsigned ssl_check and nothing else without a signature", async () => {
    const check = guard();
    expect(await check(request('ssl_check=1&token=x', {}))).toEqual({ ok: 'answered', status: 200 });
    expect(await check(request('command=%2Fsessions&text=x', {}))).toMatchObject({ ok: false, status: 401 });
  });

  it('keeps at most maxRemembered verified requests in memory', async () => {
    const seen: string[] = [];
    const ledger: RequestLedger = {
      firstSight: async (digest) => {
        seen.push(digest);
        return true;
      },
    };
    const check = guard({ maxRemembered: 3, ledger });
    for (let i = 0; i < 5; i++) expect(await check(signed(`text=${i}`))).toEqual({ ok: true });
    // The first two were pushed out of memory; the shared ledger is asked about every verified request.
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((d) => d.length))).toEqual(new Set([43]));
  });
});

describe.each(DATABASES)('a replay is refused by every replica on one database ($name)', (database) => {
  let slack: FakeSlack;
  const apps: RunningApp[] = [];
  const location = database.location();

  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await slack.close();
    await database.cleanUp(location);
  });

  it('answers a signed command once across two replicas', async () => {
    const env = (instance: string) =>
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: ':memory:',
        SLACK_BOT_TOKEN: 'xoxb-1111-2222-guard',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        INSTANCE_ID: instance,
      });
    for (const name of ['a', 'b']) {
      const config = env(name);
      config.database = location;
      apps.push(await startApp(config, silent, { startScheduler: false }));
    }
    const body = slashCommandBody({ text: 'failed today', responseUrl: slack.responseUrl('once') });
    const ts = Math.floor(Date.now() / 1000);
    const [a, b] = apps as [RunningApp, RunningApp];
    expect(
      (await postToSlackEndpoint(`${a.url}/slack/events`, body, FORM, { timestampSeconds: ts })).status,
    ).toBe(200);
    expect(
      (await postToSlackEndpoint(`${b.url}/slack/events`, body, FORM, { timestampSeconds: ts })).status,
    ).toBe(401);
    await slack.waitFor(() => slack.responses.find((r) => r.id === 'once'));
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.responses.filter((r) => r.id === 'once')).toHaveLength(1);
  });

  it('the ledger forgets what has expired', async () => {
    const db = await database.open(location);
    try {
      const ledger = new SeenRequestLedger(db.db, 0);
      expect(await ledger.firstSight('d1', 1_000, 500)).toBe(true);
      expect(await ledger.firstSight('d1', 1_000, 600)).toBe(false);
      expect(await ledger.firstSight('d2', 5_000, 2_000)).toBe(true);
      const left = await db.db
        .selectFrom('seen_requests')
        .select('digest')
        .where('digest', 'in', ['d1', 'd2'])
        .execute();
      expect(left.map((r) => r.digest)).toEqual(['d2']);
    } finally {
      await db.close();
    }
  });
});
