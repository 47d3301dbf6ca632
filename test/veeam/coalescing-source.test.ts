import { coalescingSource } from '../../src/veeam/coalescing-source';
import { startSimulatorWithClient } from '../support/simulator-client';

const filter = {
  statuses: ['Error' as const],
  types: [],
  policyId: null,
  vmId: null,
  fromUtc: null,
  toUtc: null,
};

describe('identical questions to Veeam', () => {
  let env: Awaited<ReturnType<typeof startSimulatorWithClient>>;
  beforeEach(async () => {
    env = await startSimulatorWithClient();
  });
  afterEach(() => env.close());

  it('share one call while in flight and for a few seconds after, and differ by exact arguments', async () => {
    let clock = 0;
    const source = coalescingSource(env.client, { ttlMs: 5_000, maxEntries: 100, now: () => clock });
    await env.client.listSessions(filter, { offset: 0, limit: 1 }); // log in first
    const before = env.sim.stats.jobSessionsCalls;
    const pages = await Promise.all(
      Array.from({ length: 100 }, () => source.listSessions(filter, { offset: 0, limit: 10 })),
    );
    expect(env.sim.stats.jobSessionsCalls - before).toBe(1);
    expect(new Set(pages.map((p) => JSON.stringify(p))).size).toBe(1);
    await source.listSessions(filter, { offset: 10, limit: 10 });
    expect(env.sim.stats.jobSessionsCalls - before).toBe(2);
    clock = 5_001;
    await source.listSessions(filter, { offset: 0, limit: 10 });
    expect(env.sim.stats.jobSessionsCalls - before).toBe(3);
  });

  it('never keep a failure: the next question asks again', async () => {
    const source = coalescingSource(env.client, { ttlMs: 60_000, maxEntries: 100 });
    env.sim.faults.failNext = { count: 3, status: 500 };
    await expect(source.listSessions(filter, { offset: 0, limit: 10 })).rejects.toMatchObject({
      code: 'VEEAM_SERVER_ERROR',
    });
    await expect(source.listSessions(filter, { offset: 0, limit: 10 })).resolves.toMatchObject({ offset: 0 });
  });
});
