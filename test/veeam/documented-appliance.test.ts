import { buildDigestView } from '../../src/core/digest/build-digest-view';
import { collectDigest } from '../../src/core/digest/collect-digest';
import { BotError } from '../../src/core/errors';
import { buildSessionsView } from '../../src/core/view/build-sessions-view';
import { VeeamClient, type VeeamClientOptions } from '../../src/veeam/veeam-client';
import { DIGEST_SLOT, digestViewContext } from '../factories/digests';
import { ANY_SESSIONS, makeQuery, TEST_TOKENS, VIEW_NOW } from '../factories/sessions';
import {
  type DocumentedAppliance,
  fixture,
  html,
  json,
  type Route,
  startDocumentedAppliance,
  tokenRoute,
} from '../fakes/documented-appliance';

// The client against an appliance that answers in the shapes Veeam documents (test/fixtures/veeam), not
// the ones our simulator happens to produce: each spec asserts what the user ends up told.

const ANY = ANY_SESSIONS;
const FIRST = { offset: 0, limit: 10 };
const PASSWORD = 'correct-horse-battery-staple';

let appliance: DocumentedAppliance | undefined;
let client: VeeamClient | undefined;
afterEach(async () => {
  client?.close();
  await appliance?.close();
  client = undefined;
  appliance = undefined;
});

async function connect(routes: Route[], options: Partial<VeeamClientOptions> = {}): Promise<VeeamClient> {
  appliance = await startDocumentedAppliance(tokenRoute(), ...routes);
  client = new VeeamClient({
    baseUrl: appliance.url,
    apiVersion: 'v2',
    username: 'sessions-bot',
    password: PASSWORD,
    retryBaseMs: 1,
    maxAttempts: 1,
    ...options,
  });
  return client;
}

async function failure(promise: Promise<unknown>): Promise<BotError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BotError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const jobSessions =
  (answer: (query: URLSearchParams) => ReturnType<typeof json>): Route =>
  ({ path, query }) =>
    /^\/api\/v[\d.]+\/jobSessions$/.test(path) ? answer(query) : undefined;

/** An appliance holding `sessions`, paging them in the given order as /jobSessions documents. */
function listing(sessions: unknown[], options: { totalCount?: boolean } = {}): Route {
  return jobSessions((query) => {
    const offset = Number(query.get('Offset') ?? 0);
    const limit = Number(query.get('Limit') ?? 100);
    return json({
      offset,
      limit,
      totalCount: options.totalCount === false ? null : sessions.length,
      results: sessions.slice(offset, offset + limit),
      _links: {},
    });
  });
}

function session(n: number): Record<string, unknown> {
  const start = Date.parse('2026-11-28T00:00:00Z') + n * 3_600_000;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'PolicyBackup',
    status: n % 3 === 0 ? 'Error' : 'Success',
    executionStartTime: new Date(start).toISOString().replace('Z', '123Z'),
    executionStopTime: new Date(start + 600_000).toISOString(),
    executionDuration: '00:10:00',
    backupJobInfo: { policyName: `policy ${n}` },
  };
}

const ids = (page: { sessions: { id: string }[] }) => page.sessions.map((s) => Number(s.id.slice(-12)));

describe('documented shapes', () => {
  it('reads the v3 example page: six-digit times, TimeSpan durations, usn and embedded resources', async () => {
    const page = await (
      await connect([jobSessions(() => json(fixture('job-sessions-v3-example.json')))])
    ).listSessions(ANY, FIRST);
    expect(page.total).toBe(3);
    expect(page.unreadable).toBe(0);
    expect(page.sessions[0]).toMatchObject({
      status: 'Error',
      targetName: 'Prod VMs',
      protectedInstances: 13,
      durationMs: 31_837,
      startTime: '2026-11-29T08:00:03.629258Z',
    });
    expect(page.sessions.map((s) => s.type)).toEqual(['PolicyBackup', 'PolicySnapshot', 'AutoBackup']);
  });

  it('says in the digest that a problem session could not be read, instead of leaving it out silently', async () => {
    const source = await connect([jobSessions(() => json(fixture('job-sessions-v81-info-blocks.json')))]);
    const window = { from: new Date(DIGEST_SLOT.getTime() - 86_400_000), to: DIGEST_SLOT };
    const data = await collectDigest(makeQuery({ statuses: [], fromUtc: null, toUtc: null }), window, source);
    const view = buildDigestView(data, digestViewContext());
    expect(view.notice).toMatch(/^1 session on this page could not be read \(see the bot log\)/);
    expect(view.moreText ?? '').not.toMatch(/older/);
  });

  it('reads the v2 schema page shapes: one-element arrays, integer milliseconds, numbers as strings', async () => {
    const page = await (
      await connect([jobSessions(() => json(fixture('job-sessions-v2-schema.json')))])
    ).listSessions(ANY, FIRST);
    expect(page.total).toBe(2);
    expect(page.sessions[0]).toMatchObject({
      status: 'Warning',
      type: 'PolicyBackup',
      durationMs: 1_800_000,
      protectedInstances: 12,
    });
    // A name of the wrong type is dropped, not the session.
    expect(page.sessions[1]).toMatchObject({ status: 'Success', durationMs: 300_000, targetName: null });
  });

  it('names every row from its info block, and skips (and counts) an item without a status', async () => {
    const page = await (
      await connect([jobSessions(() => json(fixture('job-sessions-v81-info-blocks.json')))])
    ).listSessions(ANY, FIRST);
    expect(page.unreadable).toBe(1);
    // v8.1 may leave totalCount out; the bot does not make one up from a page that was not short.
    expect(page.total).toBeNull();
    const byType = Object.fromEntries(page.sessions.map((s) => [s.type, s]));
    expect(byType.BackupRetention).toMatchObject({ targetName: null, summary: '7 restore points deleted' });
    expect(byType.FileLevelRestore).toMatchObject({
      targetName: 'web-01',
      summary: 'reason: Ticket INC-2041',
    });
    expect(byType.HealthCheck).toMatchObject({ targetName: 'Prod VMs', protectedInstances: 14 });
    expect(byType.RepositoryEdit).toMatchObject({ targetName: 'blob-archive' });
    expect(byType.RestoreVms).toMatchObject({ targetName: 'Prod VMs', summary: 'reason: DR drill' });

    const view = buildSessionsView(makeQuery(), page, { now: VIEW_NOW, veeamUrl: null, tokens: TEST_TOKENS });
    const rows = Object.fromEntries(view.rows.map((r) => [r.typeLabel, r]));
    expect(rows['Backup Retention']?.name).toBe('7 restore points deleted');
    // Canceled without a stop time is over, not "running 3 d".
    expect(rows['Policy Backup']?.durationText).toBe('—');
    expect(view.notice).toMatch(/^1 session on this page could not be read/);
  });

  it('never reports an empty list it did not get: an envelope without results is an error', async () => {
    const c = await connect([jobSessions(() => json({ offset: 0, limit: 10, totalCount: 0, items: [] }))]);
    const error = await failure(c.listSessions(ANY, FIRST));
    expect(error.code).toBe('VEEAM_BAD_RESPONSE');
    expect(error.userMessage).toMatch(/without a list of results/);
  });
});

describe('order', () => {
  const oldestFirst = Array.from({ length: 35 }, (_, n) => session(n));

  it('pages an oldest-first appliance from the other end: page 1 is the newest', async () => {
    const c = await connect([listing(oldestFirst)]);
    const first = await c.listSessions(ANY, FIRST);
    expect(ids(first)).toEqual([34, 33, 32, 31, 30, 29, 28, 27, 26, 25]);
    expect(first.total).toBe(35);
    const last = await c.listSessions(ANY, { offset: 30, limit: 10 });
    expect(ids(last)).toEqual([4, 3, 2, 1, 0]);
  });

  it('pages a newest-first appliance as it is, one call a page once the order is known', async () => {
    const c = await connect([listing([...oldestFirst].reverse())]);
    expect(ids(await c.listSessions(ANY, FIRST))).toEqual([34, 33, 32, 31, 30, 29, 28, 27, 26, 25]);
    const before = appliance?.requests.length ?? 0;
    expect(ids(await c.listSessions(ANY, { offset: 10, limit: 10 }))[0]).toBe(24);
    expect((appliance?.requests.length ?? 0) - before).toBe(1);
  });

  it('tells the order of one-row pages with a probe at the far end', async () => {
    const c = await connect([listing(oldestFirst)]);
    expect(ids(await c.listSessions(ANY, { offset: 0, limit: 1 }))).toEqual([34]);
  });

  it('sorts an unordered appliance itself, and says so when it could not sort everything', async () => {
    const shuffled = [...oldestFirst].sort(
      (a, b) => ((Number(String(a.id).slice(-2)) * 7) % 11) - ((Number(String(b.id).slice(-2)) * 7) % 11),
    );
    const c = await connect([listing(shuffled)]);
    const page = await c.listSessions(ANY, FIRST);
    expect(ids(page)).toEqual([34, 33, 32, 31, 30, 29, 28, 27, 26, 25]);
    expect(page.sortedOf).toBeNull();

    client?.close();
    await appliance?.close();
    const bounded = await connect([listing(shuffled, { totalCount: false })], { maxSorted: 20 });
    const partial = await bounded.listSessions(ANY, FIRST);
    expect(partial.sortedOf).toBe(20);
    const view = buildSessionsView(makeQuery(), partial, {
      now: VIEW_NOW,
      veeamUrl: null,
      tokens: TEST_TOKENS,
    });
    expect(view.notice).toMatch(/no order I could tell.*newest of the first 20/);
  });
});

describe('API version', () => {
  const onlyV81: Route = ({ path, query }) =>
    path === '/api/v8.1/jobSessions'
      ? json({
          offset: 0,
          limit: 1,
          totalCount: 1,
          results: [session(Number(query.get('ResourceId') ? 1 : 2))],
        })
      : undefined;

  it('auto finds the newest version served and speaks it (ResourceId, no Display)', async () => {
    const c = await connect([onlyV81], { apiVersion: 'auto' });
    await c.listSessions({ ...ANY, vmId: 'd71e4580-d8dc-4d7d-9c3c-b9da9bad6c7c' }, FIRST);
    expect(c.apiVersion).toBe('v8.1');
    const asked = appliance?.requests.filter((r) => r.path.includes('jobSessions')).at(-1);
    expect(asked?.query).toContain('ResourceId=');
    expect(asked?.query).not.toContain('VmId=');
  });

  it('names VEEAM_API_VERSION and what is served when the configured version is not', async () => {
    const c = await connect([onlyV81], { apiVersion: 'v2' });
    const error = await failure(c.listSessions(ANY, FIRST));
    expect(error.code).toBe('VEEAM_API_VERSION');
    expect(error.userMessage).toMatch(/does not serve API v2 \(VEEAM_API_VERSION=v2\); it serves v8\.1/);
  });

  it('says so when no version at all is served (VEEAM_URL is not the appliance)', async () => {
    const c = await connect([], { apiVersion: 'auto' });
    const error = await failure(c.listSessions(ANY, FIRST));
    expect(error.code).toBe('VEEAM_API_VERSION');
    expect(error.userMessage).toMatch(/serves none of the API versions.*Check that VEEAM_URL/);
  });
});

describe('errors that name the real cause', () => {
  it("passes on a 400's field errors", async () => {
    const c = await connect([jobSessions(() => json(fixture('validation-problem-400.json'), 400))]);
    const error = await failure(c.listSessions(ANY, FIRST));
    expect(error.code).toBe('VEEAM_BAD_REQUEST');
    expect(error.userMessage).toContain("Status: The value 'Failed' is not valid.");
    expect(error.userMessage).toContain("FromUtc: The value 'yesterday' is not valid.");
  });

  it('tells a refused token after a good login from a refused login', async () => {
    const c = await connect([jobSessions(() => json({ title: 'Unauthorized', status: 401 }, 401))]);
    const error = await failure(c.listSessions(ANY, FIRST));
    expect(error.code).toBe('VEEAM_AUTH');
    expect(error.userMessage).toMatch(/accepted the API user's login but refused its token/);
    expect(error.userMessage).toMatch(/clock/);
    expect(error.userMessage).not.toMatch(/VEEAM_PASSWORD/);
  });

  it("shows the token endpoint's reason, never the password", async () => {
    appliance = await startDocumentedAppliance(({ path }) =>
      path === '/api/oauth2/token'
        ? json(fixture('token-refused-400.json').replace('sessions-bot', `sessions-bot (${PASSWORD})`), 400)
        : undefined,
    );
    client = new VeeamClient({
      baseUrl: appliance.url,
      apiVersion: 'v2',
      username: 'sessions-bot',
      password: PASSWORD,
    });
    const error = await failure(client.listSessions(ANY, FIRST));
    expect(error.code).toBe('VEEAM_AUTH');
    expect(error.userMessage).toMatch(/locked out/);
    expect(error.userMessage).not.toContain(PASSWORD);
    expect(error.userMessage).toMatch(/VEEAM_USERNAME and VEEAM_PASSWORD/);
  });

  it("blames a proxy's 502 page on the proxy, and the appliance's own 500 on the appliance", async () => {
    let answer = html(fixture('gateway-502.html'), 502);
    const c = await connect([jobSessions(() => answer)]);
    const proxy = await failure(c.listSessions(ANY, FIRST));
    expect(proxy.code).toBe('VEEAM_PROXY');
    expect(proxy.userMessage).toMatch(/proxy or gateway in front of the Veeam appliance answered 502/);
    answer = json({ message: 'Object reference not set to an instance of an object.' }, 500);
    const own = await failure(c.listSessions(ANY, FIRST));
    expect(own.code).toBe('VEEAM_SERVER_ERROR');
    expect(own.userMessage).toMatch(/internal error \(HTTP 500\).*Object reference not set/);
  });

  it('says VEEAM_URL leads to a web page when a sign-in page answers where the API should', async () => {
    const c = await connect([jobSessions(() => html(fixture('login-page.html')))]);
    const error = await failure(c.listSessions(ANY, FIRST));
    expect(error.code).toBe('VEEAM_BAD_RESPONSE');
    expect(error.userMessage).toMatch(/VEEAM_URL leads to a web page, not the Veeam REST API/);
    expect(error.userMessage).not.toMatch(/VEEAM_API_VERSION/);
  });
});

describe('small ones', () => {
  it('keeps the sub-path of VEEAM_URL for the login too', async () => {
    appliance = await startDocumentedAppliance(
      ({ path }) =>
        path === '/veeam/api/oauth2/token'
          ? tokenRoute()({
              path,
              method: 'POST',
              query: new URLSearchParams(),
              body: '',
              authorization: undefined,
            })
          : undefined,
      ({ path }) =>
        path === '/veeam/api/v2/jobSessions' ? json(fixture('job-sessions-v3-example.json')) : undefined,
    );
    client = new VeeamClient({
      baseUrl: `${appliance.url}/veeam`,
      apiVersion: 'v2',
      username: 'u',
      password: PASSWORD,
    });
    await expect(client.listSessions(ANY, FIRST)).resolves.toMatchObject({ total: 3 });
    expect(appliance.requests.map((r) => r.path)).toEqual([
      '/veeam/api/oauth2/token',
      '/veeam/api/v2/jobSessions',
    ]);
  });

  it('trusts expires_in when .expires carries no UTC offset', async () => {
    const c = await connect([
      ({ path }) =>
        path === '/api/oauth2/token'
          ? json({
              ...JSON.parse(fixture('token-response-v3.json')),
              '.expires': '2020-01-01T00:00:00',
              expires_in: 3600,
            })
          : undefined,
      jobSessions(() => json(fixture('job-sessions-v3-example.json'))),
    ]);
    for (let i = 0; i < 3; i++) await c.listSessions(ANY, FIRST);
    expect(c.tokens.counts.logins).toBe(1);
  });
});

describe('per-VM results of a session, as Veeam documents them', () => {
  it('reads each VM by its latest run (a VM retried within the session counts as it ended), tolerating runs: null', async () => {
    const source = await connect([
      ({ path }) =>
        /^\/api\/v[\d.]+\/jobSessions\/[^/]+\/protectedItems$/.test(path)
          ? json(fixture('protected-items-v8.json'))
          : undefined,
    ]);
    const results = await source.getProtectedItems('00000000-0000-4000-8000-000000000001', 100);
    expect(results).toEqual({
      items: [
        { name: 'sql-03', resourceGroup: 'rg-prod-db', status: 'Success' },
        { name: 'web-01', resourceGroup: null, status: 'Error' },
        { name: 'app-02', resourceGroup: null, status: null },
      ],
      total: 3,
      unreadable: 0,
    });
  });
});

describe('VMs and their protection, as Veeam documents them', () => {
  it('reads protected VMs with their last backup and resource group in either shape, skipping one without an id', async () => {
    const source = await connect(
      [
        ({ path }) =>
          path === '/api/v8.1/protectedItem/virtualMachines'
            ? json(fixture('protected-vms-v81.json'))
            : undefined,
      ],
      { apiVersion: 'v8.1' },
    );
    expect(await source.listVms('protected', { offset: 0, limit: 100 })).toEqual({
      vms: [
        {
          id: '8d2b7c1e-4a3f-4b6e-9c0d-2e4f6a8b0c11',
          name: 'sql-03',
          resourceGroup: 'rg-prod-db',
          lastBackup: '2026-12-01T02:41:10.1234567Z',
        },
        {
          id: '8d2b7c1e-4a3f-4b6e-9c0d-2e4f6a8b0c12',
          name: 'web-01',
          resourceGroup: 'rg-prod-web',
          lastBackup: '2026-12-03T01:02:03.000001Z',
        },
        { id: '8d2b7c1e-4a3f-4b6e-9c0d-2e4f6a8b0c13', name: 'app-02', resourceGroup: null, lastBackup: null },
      ],
      total: 4,
      unreadable: 1,
    });
  });

  it('asks the VM list for the unprotected ones by ProtectionStatus', async () => {
    const asked: string[] = [];
    const source = await connect(
      [
        ({ path, query }) => {
          if (path !== '/api/v8.1/virtualMachines') return undefined;
          asked.push(query.get('ProtectionStatus') ?? '');
          return json(fixture('unprotected-vms-v81.json'));
        },
      ],
      { apiVersion: 'v8.1' },
    );
    const page = await source.listVms('unprotected', { offset: 0, limit: 100 });
    expect(asked).toEqual(['Unprotected']);
    expect(page.vms.map((v) => [v.name, v.resourceGroup, v.lastBackup])).toEqual([
      ['build-04', 'rg-dev', null],
      ['jump-07', 'rg-dev', null],
    ]);
  });

  it('says which API version lacks the protected-VM list, rather than answering with nothing', async () => {
    const source = await connect([], { apiVersion: 'v3' });
    const error = await failure(source.listVms('protected', { offset: 0, limit: 100 }));
    expect(error.code).toBe('VEEAM_API_VERSION');
    expect(error.userMessage).toContain('API v3, which has no list of protected VMs');
  });
});
