import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';

describe('what the bot tells its operator', () => {
  let app: RunningApp;
  const logLines: string[] = [];
  async function start(env: Record<string, string> = {}) {
    logLines.length = 0;
    app = await startApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: ':memory:', VEEAM_TIMEOUT_MS: '500', ...env }),
      createLogger({ level: 'info', format: 'json', write: (l) => logLines.push(l) }),
    );
  }
  const ask = (text: string) =>
    fetch(`${app.url}/playground/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, timeZone: 'Europe/Berlin' }),
    });
  const metric = async (name: string) => {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith(name))
      .join('\n');
  };
  afterEach(() => app?.close());

  it('writes one audit line per answer: who, what was understood, how many, how long', async () => {
    await start();
    await ask('failed last 7 days');
    const audit = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'Answered');
    expect(audit.audit).toMatchObject({
      asker: { platform: 'playground' },
      action: 'question',
      filters: expect.stringContaining('Status Error or RunningWithError'),
      resultCount: expect.any(Number),
      outcome: 'ok',
      latencyMs: expect.any(Number),
    });
  });

  it('counts answers, Veeam responses and logins in /metrics, and they move with the traffic', async () => {
    await start();
    await ask('failed today');
    const before = await metric(
      'sessions_bot_answers_total{platform="playground",action="question",outcome="ok"}',
    );
    await Promise.all(Array.from({ length: 5 }, (_, i) => ask(`failed last ${i + 2} days`)));
    const after = await metric(
      'sessions_bot_answers_total{platform="playground",action="question",outcome="ok"}',
    );
    expect(Number(after.split(' ')[1])).toBe(Number(before.split(' ')[1]) + 5);
    expect(await metric('sessions_bot_veeam_responses_total{outcome="200"}')).toMatch(/ \d+$/);
    expect(await metric('sessions_bot_veeam_logins{grant="password"}')).toBe(
      'sessions_bot_veeam_logins{grant="password"} 1',
    );
    expect(
      await metric('sessions_bot_answer_duration_seconds_count{platform="playground",action="question"}'),
    ).toMatch(/ 6$/);
    expect(await metric('sessions_bot_process_resident_memory_bytes')).toMatch(/ \d+/);
  });

  it('asks Veeam once for a hundred identical questions at the same moment', async () => {
    await start();
    await ask('failed today');
    const sim = app.simulator;
    if (!sim) throw new Error('simulator expected');
    const before = sim.stats.jobSessionsCalls;
    const answers = await Promise.all(Array.from({ length: 100 }, () => ask('warnings this month')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(sim.stats.jobSessionsCalls - before).toBeLessThanOrEqual(2);
    expect(sim.stats.logins).toBe(1);
  });

  it('asks for METRICS_TOKEN on /metrics when one is set', async () => {
    await start({ METRICS_TOKEN: 'metrics-token-0123456789' });
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    const ok = await fetch(`${app.url}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# HELP');
  });

  it('is ready when Veeam and the database answer, and says which one does not', async () => {
    await start();
    const ready = await fetch(`${app.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: 'ready', checks: { veeam: 'ok', database: 'ok' } },
    ]);
    // Logged in, then the appliance fails: a cached token must not make it look ready.
    const sim = app.simulator;
    if (!sim) throw new Error('simulator expected');
    sim.faults.failNext = { count: 1_000_000, status: 503 };
    await new Promise((r) => setTimeout(r, 5_100));
    const outage = await fetch(`${app.url}/readyz`);
    expect(outage.status).toBe(503);
    expect(((await outage.json()) as { checks: Record<string, string> }).checks.veeam).not.toBe('ok');
    await app.close();
    await start({
      VEEAM_URL: 'http://127.0.0.1:9',
      VEEAM_USERNAME: 'u',
      VEEAM_PASSWORD: 'secret-password-1',
    });
    const notReady = await fetch(`${app.url}/readyz`);
    const body = (await notReady.json()) as { checks: Record<string, string> };
    expect(notReady.status).toBe(503);
    expect(body.checks.database).toBe('ok');
    expect(body.checks.veeam).toMatch(/reach|connect/i);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
