import http from 'node:http';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { type RunningApp, startApp } from '../../src/main';
import {
  DEFAULT_SIMULATOR_USER,
  startVeeamSimulator,
  type VeeamSimulator,
} from '../../src/veeam/simulator/simulator-server';

// The audit's reproductions against the playground: a web page the operator visits (CSRF, DNS
// rebinding), a proxy on the host, and the playground left open in front of a real appliance.
/** A raw request, so Host and Origin can be what a browser on another site would send. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the playground refuses what the audit drove it with', () => {
  let app: RunningApp | undefined;
  let appliance: VeeamSimulator | undefined;
  afterEach(async () => {
    await app?.close();
    await appliance?.close();
    app = undefined;
    appliance = undefined;
  });
  const ask = JSON.stringify({ text: 'failed today', timeZone: 'UTC' });

  async function start(env: Record<string, string> = {}) {
    app = await startApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: ':memory:', ...env }),
      createLogger({ level: 'error', format: 'json', write: () => {} }),
      { startScheduler: false },
    );
    return app;
  }

  async function startAgainstAppliance(env: Record<string, string> = {}) {
    appliance = await startVeeamSimulator({ seed: 'audit' });
    return start({
      VEEAM_URL: appliance.url,
      VEEAM_USERNAME: DEFAULT_SIMULATOR_USER.username,
      VEEAM_PASSWORD: DEFAULT_SIMULATOR_USER.password,
      ...env,
    });
  }

  it('refuses a cross-site text/plain POST (CSRF) and a foreign Origin', async () => {
    const { url } = await start();
    const host = new URL(url).host;
    const plain = await rawRequest(`${url}/playground/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', host },
      body: ask,
    });
    expect(plain.status).toBe(415);
    const foreign = await rawRequest(`${url}/playground/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', host },
      body: ask,
    });
    expect(foreign.status).toBe(403);
    const own = await rawRequest(`${url}/playground/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://${host}`, host },
      body: ask,
    });
    expect(own.status).toBe(200);
  });

  it('loopback-only means loopback: a rebinding Host or a proxied request is refused', async () => {
    // A chat platform is on: the playground answers this machine only.
    const { url } = await start({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    const port = new URL(url).port;
    const json = { 'content-type': 'application/json' };
    const rebound = await rawRequest(`${url}/playground/api/ask`, {
      method: 'POST',
      headers: { ...json, host: `evil.example:${port}` },
      body: ask,
    });
    expect(rebound.status).toBe(403);
    const proxied = await rawRequest(`${url}/playground/api/ask`, {
      method: 'POST',
      headers: { ...json, host: `localhost:${port}`, 'x-forwarded-for': '203.0.113.9' },
      body: ask,
    });
    expect(proxied.status).toBe(403);
    const local = await rawRequest(`${url}/playground/api/ask`, {
      method: 'POST',
      headers: { ...json, host: `localhost:${port}` },
      body: ask,
    });
    expect(local.status).toBe(200);
  });

  it('is off against a real appliance unless asked for', async () => {
    const { url } = await startAgainstAppliance();
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await rawRequest(`${url}/playground/api/ask`, { method: 'POST', body: ask })).status).toBe(404);
  });

  it('refuses to start with PLAYGROUND=on against a real appliance without PLAYGROUND_TOKEN', () => {
    expect(() =>
      loadConfig({
        VEEAM_URL: 'https://veeam.example.com',
        VEEAM_USERNAME: 'u',
        VEEAM_PASSWORD: 'p',
        PLAYGROUND: 'on',
      }),
    ).toThrow(/PLAYGROUND_TOKEN/);
  });

  it('asks for PLAYGROUND_TOKEN on every API call when it is on against a real appliance', async () => {
    const token = 'playground-token-0123456789';
    const { url } = await startAgainstAppliance({ PLAYGROUND: 'on', PLAYGROUND_TOKEN: token });
    expect((await fetch(`${url}/`)).status).toBe(200);
    const json = { 'content-type': 'application/json' };
    const without = await fetch(`${url}/playground/api/ask`, { method: 'POST', headers: json, body: ask });
    expect(without.status).toBe(401);
    const wrong = await fetch(`${url}/playground/api/ask`, {
      method: 'POST',
      headers: { ...json, authorization: 'Bearer playground-token-9999999999' },
      body: ask,
    });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${url}/playground/api/simulator`)).status).toBe(401);
    const right = await fetch(`${url}/playground/api/ask`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${token}` },
      body: ask,
    });
    expect(right.status).toBe(200);
  });
});
