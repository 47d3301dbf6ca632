import { startVeeamSimulator, type VeeamSimulator } from '../../../src/veeam/simulator/simulator-server';
import { FIXED_NOW } from '../../support/simulator-client';

/** Raw HTTP against the simulator, as the real appliance would be called (no client in between). */
async function login(
  sim: VeeamSimulator,
  username = 'sessions-bot',
  password = 'simulator',
): Promise<string> {
  const res = await fetch(`${sim.url}/api/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'Password', username, password }),
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

async function get(sim: VeeamSimulator, path: string, token?: string) {
  const res = await fetch(`${sim.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & {
      results?: Record<string, unknown>[];
      totalCount?: number;
    },
  };
}

describe('the Veeam API simulator', () => {
  let sim: VeeamSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startVeeamSimulator({ now: () => FIXED_NOW });
    token = await login(sim);
  });
  afterAll(() => sim.close());

  it('holds a realistic world: dozens of policies, hundreds of VMs, thousands of sessions over 30 days, a few running', () => {
    const sessions = sim.sessions();
    expect(sim.world.policies.length).toBeGreaterThanOrEqual(24);
    expect(sim.world.vms.length).toBeGreaterThanOrEqual(200);
    expect(sessions.length).toBeGreaterThan(2000);
    const oldest = Math.min(...sessions.map((s) => s.startMs));
    expect(FIXED_NOW - oldest).toBeLessThanOrEqual(30 * 86_400_000);
    const running = sessions.filter((s) => s.stopMs === null);
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((s) => s.status.startsWith('Running'))).toBe(true);
    const statuses = new Set(sessions.map((s) => s.status));
    for (const s of ['Success', 'Warning', 'Error', 'Canceled']) expect(statuses).toContain(s);
  });

  it('is deterministic for a seed and a moment, and keeps its past as time moves on', async () => {
    const again = await startVeeamSimulator({ now: () => FIXED_NOW });
    const later = await startVeeamSimulator({ now: () => FIXED_NOW + 3_600_000 });
    try {
      expect(again.sessions().map((s) => s.id)).toEqual(sim.sessions().map((s) => s.id));
      const finishedEarlier = sim
        .sessions()
        .filter((s) => s.stopMs !== null && s.startMs > FIXED_NOW - 86_400_000);
      const laterById = new Map(later.sessions().map((s) => [s.id, s]));
      for (const s of finishedEarlier) expect(laterById.get(s.id)?.status).toBe(s.status);
    } finally {
      await again.close();
      await later.close();
    }
  });

  it('answers 401 problem details without a valid token', async () => {
    const res = await get(sim, '/api/v2/jobSessions');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect((await get(sim, '/api/v2/jobSessions', 'forged')).status).toBe(401);
  });

  it('lists sessions newest first with offset, limit and totalCount', async () => {
    const res = await get(sim, '/api/v2/jobSessions?Offset=5&Limit=3', token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ offset: 5, limit: 3, totalCount: sim.sessions().length });
    const expected = sim
      .sessions()
      .slice(5, 8)
      .map((s) => s.id);
    expect(res.body.results?.map((r) => r.id)).toEqual(expected);
  });

  it('filters by repeated Status and Types keys, policy and time window', async () => {
    const policy = sim.world.policies[0];
    if (!policy) throw new Error('seed has policies');
    const from = new Date(FIXED_NOW - 3 * 86_400_000).toISOString();
    const to = new Date(FIXED_NOW - 86_400_000).toISOString();
    const res = await get(
      sim,
      `/api/v2/jobSessions?Status=Success&Status=Warning&Types=PolicyBackup&Types=PolicySnapshot&PolicyId=${policy.id}&FromUtc=${from}&ToUtc=${to}&Limit=500`,
      token,
    );
    const results = res.body.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(['Success', 'Warning']).toContain(r.status);
      expect(['PolicyBackup', 'PolicySnapshot']).toContain(r.type);
      expect((r.backupJobInfo as { policyId: string }).policyId).toBe(policy.id);
      expect(Date.parse(r.executionStartTime as string)).toBeGreaterThanOrEqual(Date.parse(from));
      expect(Date.parse(r.executionStartTime as string)).toBeLessThan(Date.parse(to));
    }
  });

  it.each([
    ['Status=Failed', 'Status'],
    ['Types=PolicyBackup,PolicySnapshot', 'Types'],
    ['FromUtc=yesterday', 'FromUtc'],
    ['PolicyId=not-a-uuid', 'PolicyId'],
    ['Limit=-1', 'Limit'],
    ['Offset=-3', 'Offset'],
    ['Display=Everything', 'Display'],
  ])('answers 400 problem details for %s, as the appliance would', async (query, field) => {
    const res = await get(sim, `/api/v2/jobSessions?${query}`, token);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(field);
  });

  it('knows what changed in v8: Unknown status, Limit=-1 for everything, ResourceId', async () => {
    expect((await get(sim, '/api/v8.1/jobSessions?Status=Unknown', token)).status).toBe(200);
    expect((await get(sim, '/api/v2/jobSessions?Status=Unknown', token)).status).toBe(400);
    const all = await get(sim, '/api/v8.1/jobSessions?Limit=-1', token);
    expect(all.body.results?.length).toBe(sim.sessions().length);
  });

  it('serves one session, its log, policies and VMs by search pattern', async () => {
    const s = sim.sessions()[0];
    if (!s) throw new Error('no sessions');
    expect((await get(sim, `/api/v2/jobSessions/${s.id}`, token)).body.id).toBe(s.id);
    const log = await get(sim, `/api/v2/jobSessions/${s.id}/log`, token);
    expect(Array.isArray(log.body.log)).toBe(true);
    expect((await get(sim, '/api/v2/jobSessions/00000000-0000-4000-8000-000000000000', token)).status).toBe(
      404,
    );
    const vms = await get(sim, '/api/v2/virtualMachines?SearchPattern=WEB-0', token);
    expect(vms.body.results?.every((v) => String(v.name).startsWith('web-0'))).toBe(true);
    const policies = await get(sim, '/api/v2/policies/virtualMachines?Limit=5', token);
    expect(policies.body.results).toHaveLength(5);
  });

  it('answers the MFA challenge instead of a token for an MFA account', async () => {
    const res = await fetch(`${sim.url}/api/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'Password', username: 'mfa-user', password: 'simulator' }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.mfa_token).toEqual(expect.any(String));
    expect(body.access_token).toBeUndefined();
  });

  it('takes fault switches over its admin endpoint and reports its state', async () => {
    const set = await fetch(`${sim.url}/__simulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ failNext: { count: 1, status: 503 } }),
    });
    expect(set.status).toBe(200);
    expect((await get(sim, '/api/v2/jobSessions?Limit=1', token)).status).toBe(503);
    expect((await get(sim, '/api/v2/jobSessions?Limit=1', token)).status).toBe(200);
    const state = await get(sim, '/__simulator/state');
    expect(state.body).toMatchObject({ sessions: sim.sessions().length, faults: { failNext: { count: 0 } } });
  });
});
