import { loadConfig } from '../../src/config/config';
import { isLoopbackAddress, isLoopbackHost } from '../../src/http/loopback';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import { playgroundAccess } from '../../src/playground/playground-access';

describe('who may open the playground', () => {
  it.each([
    ['auto', false, false, 'everyone'],
    ['auto', true, false, 'loopback'],
    ['on', true, false, 'everyone'],
    ['off', false, false, 'off'],
    // A real appliance: real data, real calls. Off unless asked for (and then config.ts wants a token).
    ['auto', false, true, 'off'],
    ['auto', true, true, 'off'],
    ['on', false, true, 'everyone'],
  ] as const)('PLAYGROUND=%s, chat configured=%s, real appliance=%s → %s', (mode, chat, real, scope) => {
    expect(
      playgroundAccess(mode, {
        chatConfigured: chat,
        realAppliance: real,
        token: real ? 't'.repeat(16) : null,
      }).scope,
    ).toBe(scope);
  });

  it.each([
    ['localhost:3978', true],
    ['127.0.0.1:3978', true],
    ['[::1]:3978', true],
    ['LOCALHOST', true],
    ['evil.example:3978', false],
    ['localhost.evil.example', false],
    [undefined, false],
  ])('Host %s names this machine: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.7', false],
    ['::ffff:192.168.1.2', false],
    [undefined, false],
  ])('%s is loopback: %s', (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });
});

describe('the playground over HTTP', () => {
  let app: RunningApp;
  const logLines: string[] = [];
  async function start(env: Record<string, string> = {}) {
    app = await startApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: ':memory:', ...env }),
      createLogger({ level: 'info', format: 'json', write: (l) => logLines.push(l) }),
    );
  }
  const post = (path: string, body: unknown) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  afterEach(() => app?.close());

  it('serves the page, its scripts and the official Adaptive Cards renderer, and prints its address', async () => {
    await start();
    const page = await fetch(`${app.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/playground/vendor/adaptivecards.min.js');
    for (const path of [
      '/playground/app.js',
      '/playground/block-kit.js',
      '/playground/vendor/adaptivecards.min.js',
    ]) {
      const res = await fetch(`${app.url}${path}`);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([
        path,
        200,
        'text/javascript; charset=utf-8',
      ]);
    }
    expect(logLines.join('\n')).toContain(`Playground: ${app.url}/`);
  });

  it('answers a question with both renderings, from the same core as the adapters', async () => {
    await start();
    const res = await post('/playground/api/ask', { text: 'failed last 7 days', timeZone: 'Europe/Berlin' });
    const body = (await res.json()) as { slack: { blocks: unknown[] }; teams: { card: { type: string } } };
    expect(res.status).toBe(200);
    expect(JSON.stringify(body.slack.blocks)).toContain('Failed sessions · last 7 days Europe/Berlin');
    expect(body.teams.card.type).toBe('AdaptiveCard');
  });

  it.each([
    [{ text: 'x', timeZone: 'Mars/Olympus' }, /timeZone/],
    [{ text: 'x'.repeat(1001), timeZone: 'UTC' }, /text/],
    [{ text: 'x', timeZone: 'UTC', extra: 1 }, /extra|Unrecognized/i],
    ['not an object', /body/],
  ])('refuses a malformed request %# with 400 and says what is wrong', async (body, message) => {
    await start();
    const res = await post('/playground/api/ask', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('answers an altered button with a note rather than a broken message', async () => {
    await start();
    const res = await post('/playground/api/slack-action', {
      actionId: 'sessions.next',
      value: 'sb3.garbage.zz',
    });
    expect(((await res.json()) as { note: string }).note).toMatch(/damaged|changed|no longer/i);
  });

  it('switches the simulated Veeam API to failing and back', async () => {
    await start();
    const failing = (await (await post('/playground/api/faults', { veeam: 'failing' })).json()) as {
      veeam: string;
    };
    expect(failing.veeam).toBe('failing');
    const answer = await (
      await post('/playground/api/ask', { text: 'failed today', timeZone: 'UTC' })
    ).json();
    expect(JSON.stringify(answer)).toMatch(/Try again/);
    // A Try again that fails again must not put back an identical card.
    expect(JSON.stringify(answer)).toMatch(/Checked at \d\d:\d\d:\d\d UTC/);
    expect(
      ((await (await post('/playground/api/faults', { veeam: 'normal' })).json()) as { veeam: string }).veeam,
    ).toBe('normal');
  });

  it('is not there with PLAYGROUND=off', async () => {
    await start({ PLAYGROUND: 'off' });
    expect((await fetch(`${app.url}/`)).status).toBe(404);
    expect((await post('/playground/api/ask', { text: 'x', timeZone: 'UTC' })).status).toBe(404);
  });
});
