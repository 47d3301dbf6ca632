import { circuitBreaker } from '../../src/veeam/circuit-breaker';
import { startSimulatorWithClient } from '../support/simulator-client';

const filter = { statuses: [], types: [], policyId: null, vmId: null, fromUtc: null, toUtc: null };
const page = { offset: 0, limit: 1 };

describe('a failing Veeam appliance', () => {
  let env: Awaited<ReturnType<typeof startSimulatorWithClient>>;
  beforeEach(async () => {
    env = await startSimulatorWithClient({}, { maxAttempts: 1 });
    await env.client.listSessions(filter, page);
  });
  afterEach(() => env.close());

  it('is left alone after a run of failures, answered at once, and tried again after the cooldown', async () => {
    let clock = 0;
    const states: string[] = [];
    const source = circuitBreaker(env.client, {
      failureThreshold: 3,
      cooldownMs: 30_000,
      now: () => clock,
      onStateChange: (s) => states.push(s),
    });
    env.sim.faults.failNext = { count: 1_000, status: 503 };
    for (let i = 0; i < 3; i++)
      await expect(source.listSessions(filter, page)).rejects.toMatchObject({ code: 'VEEAM_SERVER_ERROR' });
    expect(states).toEqual(['open']);

    const calls = env.client.requestCount;
    const fast = source.listSessions(filter, page);
    await expect(fast).rejects.toMatchObject({ code: 'VEEAM_UNREACHABLE' });
    await expect(fast).rejects.toThrow(/giving it a rest and will try again in about 30 s/);
    expect(env.client.requestCount).toBe(calls);

    // Still down after the cooldown: one trial call, then closed again for another cooldown.
    clock = 30_001;
    await expect(source.listSessions(filter, page)).rejects.toMatchObject({ code: 'VEEAM_SERVER_ERROR' });
    expect(env.client.requestCount).toBe(calls + 1);
    await expect(source.listSessions(filter, page)).rejects.toMatchObject({ code: 'VEEAM_UNREACHABLE' });

    env.sim.faults.failNext = { count: 0, status: 503 };
    clock = 60_002;
    await expect(source.listSessions(filter, page)).resolves.toMatchObject({ offset: 0 });
    await expect(source.listSessions(filter, page)).resolves.toMatchObject({ offset: 0 });
    expect(states).toEqual(['open', 'closed']);
  });

  it('is not blamed for a bad question: a 400 or a missing name does not count', async () => {
    const source = circuitBreaker(env.client, { failureThreshold: 1, cooldownMs: 30_000 });
    await expect(source.getSession('not-a-uuid')).rejects.toBeDefined();
    await expect(source.listSessions(filter, page)).resolves.toMatchObject({ offset: 0 });
  });
});
