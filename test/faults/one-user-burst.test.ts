import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAskerLimits } from '../../src/core/answers/asker-limits';
import type { RunningApp } from '../../src/main';
import { createHttpTransport } from '../../src/veeam/http-transport';
import { closeServer } from '../fakes/local-server';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-web-api';
import { FORM, postToSlackEndpoint, slashCommandBody, TEST_SIGNING_SECRET } from '../support/slack-requests';
import { startBotForTest } from '../support/start-bot';

/**
 * The audit's finding: all users share the bot's connections to the appliance, and the time spent
 * queueing counted toward each request's timeout, so one user's burst raised another's answer from 1 s
 * to 4–8 s and caused hundreds of timeouts.
 */
describe('one user cannot slow everyone', () => {
  let slack: FakeSlack;
  let app: RunningApp;
  beforeAll(async () => {
    slack = await startFakeSlack();
    app = await startBotForTest(
      {
        SLACK_BOT_TOKEN: 'xoxb-fake',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        SIMULATOR_LATENCY_MS: '300',
      },
      { placeholderAfterMs: 60_000 },
    );
  });
  afterAll(async () => {
    await app.close();
    await slack.close();
  });

  let n = 0;
  async function ask(userId: string, text: string): Promise<{ id: string; sentAt: number }> {
    const id = `burst-${++n}`;
    const sentAt = Date.now();
    await postToSlackEndpoint(
      `${app.url}/slack/events`,
      slashCommandBody({ text, userId, responseUrl: slack.responseUrl(id) }),
      FORM,
    );
    return { id, sentAt };
  }

  it('answers a second user promptly while the first fires 150 questions, and tells the first to wait', async () => {
    const burst = await Promise.all(
      Array.from({ length: 150 }, (_, i) => ask('U1', `failed last ${i + 2} days`)),
    );
    const other = await ask('U2', 'warnings this week');
    const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === other.id), 10_000);
    const otherMs = Date.now() - other.sentAt;
    expect(JSON.stringify(answer.body)).toContain('Warning sessions');
    // One appliance call at 300 ms, plus the bot: nowhere near the queue of 150 in front of it.
    expect(otherMs).toBeLessThan(2_000);

    const answers = await Promise.all(
      burst.map((b) => slack.waitFor(() => slack.responses.find((r) => r.id === b.id), 15_000)),
    );
    const waited = answers.filter((a) => JSON.stringify(a.body).includes('asking faster than I answer'));
    expect(waited.length).toBeGreaterThanOrEqual(150 - 10);
    expect(answers.length - waited.length).toBeGreaterThanOrEqual(1);
  });
});

describe('the per-user limits', () => {
  it('refill at the configured rate and give a channel three people’s worth', () => {
    let t = 0;
    const limits = createAskerLimits({ perMinute: 6, burst: 2, now: () => t });
    const u1 = { platform: 'slack', userId: 'U1', channelId: 'C1' };
    const admit = (asker: typeof u1) => {
      const a = limits.admit(asker);
      if (a.ok) a.release();
      return a.ok;
    };
    expect([admit(u1), admit(u1), admit(u1)]).toEqual([true, true, false]);
    expect(limits.admit(u1)).toEqual({ ok: false, retryAfterSeconds: 10 });
    t = 10_000;
    expect(admit(u1)).toBe(true);
    // Other users of C1 share its bucket of 6 (refilled at 18 a minute), which U1 has drawn on too.
    const others = ['U2', 'U3', 'U4', 'U5', 'U6', 'U7'].map((userId) => admit({ ...u1, userId }));
    expect(others).toEqual([true, true, true, true, true, false]);
  });

  it('refuse a user with too many questions still in flight', () => {
    const limits = createAskerLimits({ perMinute: 1_000, burst: 1_000, maxInFlight: 2 });
    const u1 = { platform: 'slack', userId: 'U1' };
    const first = limits.admit(u1);
    const second = limits.admit(u1);
    expect([first.ok, second.ok, limits.admit(u1).ok]).toEqual([true, true, false]);
    if (first.ok) first.release();
    expect(limits.admit(u1).ok).toBe(true);
  });
});

describe('waiting for a connection is not the request timeout', () => {
  it('refuses a request that cannot get a connection within the queue budget, long before the timeout', async () => {
    // An appliance that accepts and never answers: every one of the 16 connections stays busy.
    const held: http.ServerResponse[] = [];
    const server = http.createServer((_req, res) => held.push(res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/x`);
    const transport = createHttpTransport({ timeoutMs: 5_000, queueWaitMs: 300 });
    try {
      const busy = Array.from({ length: 16 }, () => transport.send({ method: 'GET', url }).catch((e) => e));
      const started = Date.now();
      const queued = await transport.send({ method: 'GET', url }).catch((e: Error) => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(String((queued as Error).message)).toMatch(/Too many questions are waiting/);
      transport.close();
      await Promise.all(busy);
    } finally {
      for (const res of held) res.destroy();
      await closeServer(server);
    }
  });
});
