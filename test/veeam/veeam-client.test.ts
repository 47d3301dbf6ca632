import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BotError } from '../../src/core/errors';
import { createLogger } from '../../src/logging/logger';
import { startVeeamSimulator } from '../../src/veeam/simulator/simulator-server';
import { VeeamClient } from '../../src/veeam/veeam-client';
import { ANY_SESSIONS } from '../factories/sessions';
import { startSimulatorWithClient } from '../support/simulator-client';
import { createTestCertificates } from '../support/tls-certificates';

const ANY = ANY_SESSIONS;
const FIRST_PAGE = { offset: 0, limit: 10 };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BotError) return error.code;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('session ids', () => {
  it.each(['.', '..', '../policies', 'x/log', ''])(
    'never sends %j into an appliance path: it is not a session id',
    async (id) => {
      const { sim, client, close } = await startSimulatorWithClient();
      try {
        expect(await codeOf(client.getSession(id))).toBe('NOT_FOUND');
        expect(await codeOf(client.getSessionLog(id))).toBe('NOT_FOUND');
        expect(sim.stats.apiCalls).toBe(0);
      } finally {
        await close();
      }
    },
  );
});

describe('logging in to the Veeam API', () => {
  it('logs in once and reuses the token', async () => {
    const { sim, client, close } = await startSimulatorWithClient();
    try {
      await client.listSessions(ANY, FIRST_PAGE);
      await client.listSessions(ANY, FIRST_PAGE);
      expect(sim.stats.logins).toBe(1);
      expect(sim.stats.apiCalls).toBe(2);
    } finally {
      await close();
    }
  });

  it('makes one login for 100 concurrent first calls', async () => {
    const { sim, client, close } = await startSimulatorWithClient();
    try {
      const pages = await Promise.all(
        Array.from({ length: 100 }, () => client.listSessions(ANY, { offset: 0, limit: 1 })),
      );
      expect(pages.every((p) => p.sessions.length === 1)).toBe(true);
      expect(sim.stats.logins).toBe(1);
      expect(client.tokens.counts.logins).toBe(1);
    } finally {
      await close();
    }
  });

  it('refreshes the token shortly before it expires, with the refresh grant', async () => {
    let clock = Date.now();
    const { sim, client, close } = await startSimulatorWithClient({}, { now: () => clock });
    try {
      await client.listSessions(ANY, FIRST_PAGE);
      clock += 56 * 60_000; // inside the 5-minute margin before the 60-minute expiry
      await client.listSessions(ANY, FIRST_PAGE);
      expect(sim.stats.refreshes).toBe(1);
      expect(sim.stats.logins).toBe(1);
    } finally {
      await close();
    }
  });

  it('falls back to a fresh login when the refresh is refused', async () => {
    let clock = Date.now();
    const { sim, client, close } = await startSimulatorWithClient(
      { faults: { refuseRefresh: true } },
      { now: () => clock },
    );
    try {
      await client.listSessions(ANY, FIRST_PAGE);
      clock += 58 * 60_000;
      const page = await client.listSessions(ANY, FIRST_PAGE);
      expect(page.sessions).toHaveLength(10);
      expect(sim.stats.logins).toBe(2);
    } finally {
      await close();
    }
  });

  it('gets a new token and retries once when a call answers 401', async () => {
    const { sim, client, close } = await startSimulatorWithClient();
    try {
      await client.listSessions(ANY, FIRST_PAGE);
      sim.expireTokens();
      const before = client.requestCount;
      const page = await client.listSessions(ANY, FIRST_PAGE);
      expect(page.sessions).toHaveLength(10);
      expect(client.requestCount - before).toBe(2);
      expect(sim.stats.refreshes + sim.stats.logins).toBe(2);
    } finally {
      await close();
    }
  });

  it.each([
    ['a wrong password', { password: 'wrong' }, 'VEEAM_AUTH'],
    ['an account with MFA on', { username: 'mfa-user' }, 'VEEAM_MFA'],
    ['a role that may not read sessions', { username: 'no-role' }, 'VEEAM_FORBIDDEN'],
  ])('explains %s', async (_what, override, code) => {
    const { client, close } = await startSimulatorWithClient({}, override);
    try {
      expect(await codeOf(client.listSessions(ANY, FIRST_PAGE))).toBe(code);
    } finally {
      await close();
    }
  });
});

describe('listing job sessions', () => {
  it('sends several statuses as repeated keys and gets only those', async () => {
    const { client, close } = await startSimulatorWithClient();
    try {
      const page = await client.listSessions(
        { ...ANY, statuses: ['Error', 'Warning'] },
        { offset: 0, limit: 200 },
      );
      const statuses = new Set(page.sessions.map((s) => s.status));
      expect([...statuses].sort()).toEqual(['Error', 'Warning']);
    } finally {
      await close();
    }
  });

  it('pages to the end without gaps or repeats, newest first', async () => {
    const { sim, client, close } = await startSimulatorWithClient();
    try {
      const fromUtc = new Date(Date.now() - 7 * 86_400_000).toISOString();
      const filter = { ...ANY, statuses: ['Warning' as const], fromUtc };
      const ids: string[] = [];
      const starts: string[] = [];
      let total: number | null = null;
      for (let offset = 0; offset < 10_000; ) {
        const page = await client.listSessions(filter, { offset, limit: 7 });
        total = page.total;
        if (page.sessions.length === 0) break;
        ids.push(...page.sessions.map((s) => s.id));
        starts.push(...page.sessions.map((s) => s.startTime ?? ''));
        offset += page.sessions.length;
        if (total !== null && offset >= total) break;
      }
      const expected = sim
        .sessions()
        .filter((s) => s.status === 'Warning' && s.startMs >= Date.parse(fromUtc));
      expect(total).toBe(expected.length);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected.map((s) => s.id));
      expect([...starts].sort().reverse()).toEqual(starts);
    } finally {
      await close();
    }
  });

  it.each(['v2', 'v8.1'] as const)(
    'filters by VM in API %s (VmId before v8, ResourceId after)',
    async (apiVersion) => {
      const { sim, client, close } = await startSimulatorWithClient({}, { apiVersion });
      try {
        const vm = sim.world.vms.find((v) => v.name === 'web-01');
        if (!vm) throw new Error('seed has web-01');
        const page = await client.listSessions({ ...ANY, vmId: vm.id }, { offset: 0, limit: 5 });
        expect(page.total).toBe(sim.sessions().filter((s) => s.vmIds.includes(vm.id)).length);
        expect(page.total).toBeGreaterThan(0);
      } finally {
        await close();
      }
    },
  );

  it('reads a session, its duration as a TimeSpan and its log', async () => {
    const { sim, client, close } = await startSimulatorWithClient();
    try {
      const simSession = sim.sessions().find((s) => s.status === 'Error' && s.stopMs !== null);
      if (!simSession) throw new Error('seed has a failed session');
      const session = await client.getSession(simSession.id);
      expect(session.durationMs).toBe(
        simSession.stopMs === null ? null : simSession.stopMs - simSession.startMs,
      );
      const log = await client.getSessionLog(simSession.id);
      expect(log.at(-1)?.message).toContain('Error');
      expect(await codeOf(client.getSession('00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    } finally {
      await close();
    }
  });

  it('finds policies and VMs by name', async () => {
    const { client, close } = await startSimulatorWithClient();
    try {
      expect((await client.findPolicies('Prod VMs')).map((p) => p.name)).toContain('Prod VMs');
      expect((await client.findVms('web-01')).map((v) => v.name)).toContain('web-01');
      // No exact hit: the whole list comes back, for "did you mean".
      expect((await client.findVms('web-1')).length).toBeGreaterThan(100);
    } finally {
      await close();
    }
  });
});

describe('when the API misbehaves', () => {
  it('passes a rejected parameter on as a bad request with the appliance words', async () => {
    const { client, close } = await startSimulatorWithClient();
    try {
      const error = await client
        .listSessions({ ...ANY, types: ['Teleport'] }, FIRST_PAGE)
        .catch((e: BotError) => e);
      expect(error).toMatchObject({ code: 'VEEAM_BAD_REQUEST' });
      // The field and the appliance's own words, from ValidationProblemDetails' errors.
      expect((error as BotError).userMessage).toMatch(/Types: The value 'Teleport' is not valid/);
    } finally {
      await close();
    }
  });

  it('retries a 500 and a 503 and then succeeds', async () => {
    const { sim, client, close } = await startSimulatorWithClient({
      faults: { failNext: { count: 1, status: 500 } },
    });
    try {
      await client.listSessions(ANY, FIRST_PAGE);
      sim.faults.failNext = { count: 1, status: 503 };
      await client.listSessions(ANY, FIRST_PAGE);
      expect(client.requestCount).toBe(4);
    } finally {
      await close();
    }
  });

  it('gives up after three attempts on a server that keeps failing', async () => {
    const { client, close } = await startSimulatorWithClient({
      faults: { failNext: { count: 10, status: 500 } },
    });
    try {
      expect(await codeOf(client.listSessions(ANY, FIRST_PAGE))).toBe('VEEAM_SERVER_ERROR');
      expect(client.requestCount).toBe(3);
    } finally {
      await close();
    }
  });

  it('waits as long as Retry-After asks on a 429', async () => {
    const { client, close } = await startSimulatorWithClient({
      faults: { rateLimitNext: { count: 1, retryAfterSeconds: 1 } },
    });
    try {
      const started = Date.now();
      await client.listSessions(ANY, FIRST_PAGE);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(client.requestCount).toBe(2);
    } finally {
      await close();
    }
  });

  it('does not wait minutes for a long Retry-After: the user is told to try later', async () => {
    const { client, close } = await startSimulatorWithClient({
      faults: { rateLimitNext: { count: 1, retryAfterSeconds: 120 } },
    });
    try {
      expect(await codeOf(client.listSessions(ANY, FIRST_PAGE))).toBe('VEEAM_RATE_LIMITED');
      expect(client.requestCount).toBe(1);
    } finally {
      await close();
    }
  });

  it('times out on an API that never answers, and recovers when it answers again', async () => {
    const { client, close } = await startSimulatorWithClient(
      { faults: { hangNext: 1 } },
      { timeoutMs: 300, maxAttempts: 1 },
    );
    try {
      expect(await codeOf(client.listSessions(ANY, FIRST_PAGE))).toBe('VEEAM_TIMEOUT');
      expect((await client.listSessions(ANY, FIRST_PAGE)).sessions).toHaveLength(10);
    } finally {
      await close();
    }
  });

  it('reports a dropped connection as unreachable, and retries it', async () => {
    const { sim, client, close } = await startSimulatorWithClient(
      { faults: { dropNext: 1 } },
      { maxAttempts: 1 },
    );
    try {
      expect(await codeOf(client.listSessions(ANY, FIRST_PAGE))).toBe('VEEAM_UNREACHABLE');
      sim.faults.dropNext = 1;
      const retrying = new VeeamClient({
        baseUrl: sim.url,
        apiVersion: 'v2',
        username: 'sessions-bot',
        password: 'simulator',
        retryBaseMs: 5,
      });
      expect((await retrying.listSessions(ANY, FIRST_PAGE)).sessions).toHaveLength(10);
      retrying.close();
    } finally {
      await close();
    }
  });

  it('reports a closed port as unreachable', async () => {
    const sim = await startVeeamSimulator();
    const url = sim.url;
    await sim.close();
    const client = new VeeamClient({
      baseUrl: url,
      apiVersion: 'v2',
      username: 'x',
      password: 'y',
      retryBaseMs: 5,
    });
    expect(await codeOf(client.listSessions(ANY, FIRST_PAGE))).toBe('VEEAM_UNREACHABLE');
    client.close();
  });

  it('refuses a page of the wrong shape, and a body that is not JSON', async () => {
    let body = '{"results":"not a list"}';
    const server = http.createServer((req, res) => {
      if (req.url === '/api/oauth2/token') {
        res.end(JSON.stringify({ access_token: 'a', refresh_token: 'r', expires_in: 3600 }));
        return;
      }
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = new VeeamClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiVersion: 'v2',
      username: 'x',
      password: 'y',
    });
    try {
      expect(await codeOf(client.listSessions(ANY, FIRST_PAGE))).toBe('VEEAM_BAD_RESPONSE');
      body = '<html>proxy error</html>';
      expect(await codeOf(client.listSessions(ANY, FIRST_PAGE))).toBe('VEEAM_BAD_RESPONSE');
      // Lenient where the API is: unknown statuses, TimeSpans over a day, null totals and stop times.
      body = JSON.stringify({
        offset: 0,
        limit: 10,
        totalCount: null,
        results: [
          {
            id: 'y',
            status: 'Exploded',
            type: 'SomethingNew',
            executionDuration: '1.02:03:04.5',
            extra: true,
          },
          {
            status: 'Running',
            id: 'x',
            executionStopTime: null,
            executionDuration: null,
            backupJobInfo: { policyName: 'P' },
          },
        ],
      });
      const page = await client.listSessions(ANY, FIRST_PAGE);
      // No totalCount, but the whole list came in one short page: its length is the total.
      expect(page.total).toBe(2);
      const byId = (id: string) => page.sessions.find((x) => x.id === id);
      expect(byId('y')).toMatchObject({
        status: 'Exploded',
        type: 'SomethingNew',
        durationMs: 93_784_500,
      });
      expect(byId('x')).toMatchObject({ stopTime: null, durationMs: null, targetName: 'P' });
    } finally {
      client.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('TLS to an appliance with its own CA', () => {
  const certs = createTestCertificates();

  it('refuses an untrusted certificate with a clear error, and trusts it given the CA', async () => {
    const tls = { key: certs.keyPem, cert: certs.certPem };
    const untrusted = await startSimulatorWithClient({ tls }, { maxAttempts: 1 });
    try {
      expect(untrusted.sim.url).toMatch(/^https:\/\/localhost:/);
      expect(await codeOf(untrusted.client.listSessions(ANY, FIRST_PAGE))).toBe('VEEAM_TLS');
    } finally {
      await untrusted.close();
    }
    const trusted = await startSimulatorWithClient({ tls }, { caPem: certs.caPem });
    try {
      expect((await trusted.client.listSessions(ANY, FIRST_PAGE)).sessions).toHaveLength(10);
    } finally {
      await trusted.close();
    }
    const insecure = await startSimulatorWithClient({ tls }, { insecure: true });
    try {
      expect((await insecure.client.listSessions(ANY, FIRST_PAGE)).sessions).toHaveLength(10);
    } finally {
      await insecure.close();
    }
  });
});

describe('secrets', () => {
  it('never puts the password or a token in the log, whatever fails', async () => {
    const lines: string[] = [];
    const password = 'S3cret-Passw0rd!';
    const logger = createLogger({
      level: 'debug',
      format: 'json',
      secrets: [password],
      write: (l) => lines.push(l),
    });
    const sim = await startVeeamSimulator({
      users: [{ username: 'bot', password }],
      faults: { failNext: { count: 2, status: 500 } },
    });
    const client = new VeeamClient({
      baseUrl: sim.url,
      apiVersion: 'v2',
      username: 'bot',
      password,
      logger,
      retryBaseMs: 5,
    });
    try {
      await client.listSessions(ANY, FIRST_PAGE);
      await client
        .listSessions({ ...ANY, types: ['Nope'] }, FIRST_PAGE)
        .catch((e: unknown) => logger.error('query failed', { error: e }));
      logger.info('config', { password, token: 'abc', nested: { authorization: 'Bearer xyz' } });
      const all = lines.join('\n');
      expect(lines.length).toBeGreaterThan(0);
      expect(all).not.toContain(password);
      expect(all).not.toContain('Bearer xyz');
      expect(all).not.toMatch(/access_token|refresh_token/);
    } finally {
      client.close();
      await sim.close();
    }
  });
});
