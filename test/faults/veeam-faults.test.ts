import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import type { SimulatorFaults } from '../../src/veeam/simulator/simulator-server';
import { startVeeamSimulator } from '../../src/veeam/simulator/simulator-server';
import { createTestCertificates } from '../support/tls-certificates';

type Answer = { slack: { text: string; blocks: unknown[] } };

/**
 * Each way an appliance can fail, injected into the simulator while the whole bot runs: the asker gets a
 * plain answer in bounded time, nothing hangs, and the next question works once the fault is gone.
 */
describe('when Veeam fails', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: ':memory:', VEEAM_TIMEOUT_MS: '400' }),
      createLogger({ level: 'error', format: 'json', write: () => {} }),
    );
  });
  afterAll(() => app.close());

  async function ask(text: string): Promise<{ answer: Answer; ms: number }> {
    const started = Date.now();
    const res = await fetch(`${app.url}/playground/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, timeZone: 'UTC' }),
    });
    expect(res.status).toBe(200);
    return { answer: (await res.json()) as Answer, ms: Date.now() - started };
  }

  it.each<[string, Partial<SimulatorFaults>, RegExp]>([
    ['answers 500 every time', { failNext: { count: 3, status: 500 } }, /Veeam had an internal error/],
    [
      'answers 429 with a long Retry-After',
      { rateLimitNext: { count: 3, retryAfterSeconds: 120 } },
      /Veeam is busy/,
    ],
    ['hangs past the timeout', { hangNext: 3 }, /did not answer in time/],
    ['drops the connection', { dropNext: 3 }, /unreachable|connection/i],
  ])(
    '%s: a plain answer with Try again, in bounded time, then back to normal',
    async (_name, fault, message) => {
      const sim = app.simulator;
      if (!sim) throw new Error('simulator expected');
      await ask('failed yesterday');
      Object.assign(sim.faults, structuredClone(fault));
      const failed = await ask('warnings last 2 days');
      expect(failed.answer.slack.text).toMatch(message);
      expect(JSON.stringify(failed.answer.slack.blocks)).toContain('Try again');
      expect(failed.ms).toBeLessThan(10_000);
      // The fault clears.
      Object.assign(sim.faults, {
        failNext: { count: 0, status: 500 },
        rateLimitNext: { count: 0, retryAfterSeconds: 1 },
        hangNext: 0,
        dropNext: 0,
      });
      const next = await ask('warnings yesterday');
      expect(next.answer.slack.text).toMatch(/Warning sessions · yesterday/);
    },
  );

  it('goes on as if nothing happened when its token expires mid-flight', async () => {
    const sim = app.simulator;
    if (!sim) throw new Error('simulator expected');
    await ask('failed today');
    const logins = sim.stats.logins;
    sim.expireTokens();
    expect((await ask('failed last 3 days')).answer.slack.text).toMatch(/Failed sessions/);
    expect(sim.stats.logins + sim.stats.refreshes).toBeGreaterThan(logins);
  });

  it('says so plainly when its certificate is not trusted', async () => {
    const certs = createTestCertificates();
    const tlsSim = await startVeeamSimulator({ tls: { key: certs.keyPem, cert: certs.certPem } });
    const other = await startApp(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: ':memory:',
        VEEAM_URL: tlsSim.url,
        VEEAM_USERNAME: 'sessions-bot',
        VEEAM_PASSWORD: 'simulator',
        PLAYGROUND: 'on',
        PLAYGROUND_TOKEN: 'playground-token-for-tls',
      }),
      createLogger({ level: 'error', format: 'json', write: () => {} }),
    );
    try {
      const res = await fetch(`${other.url}/playground/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer playground-token-for-tls' },
        body: JSON.stringify({ text: 'failed today', timeZone: 'UTC' }),
      });
      const answer = (await res.json()) as Answer;
      expect(answer.slack.text).toMatch(/certificate is not trusted/);
      expect(JSON.stringify(answer)).toContain('VEEAM_CA_FILE');
    } finally {
      await other.close();
      await tlsSim.close();
    }
  });
});
