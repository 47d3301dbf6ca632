import { circuitBreaker } from '../../src/veeam/circuit-breaker';
import { startSimulatorWithClient } from '../support/simulator-client';

const filter = { statuses: [], types: [], policyId: null, vmId: null, fromUtc: null, toUtc: null };
const page = { offset: 0, limit: 1 };
const NOT_THE_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

describe('a failing Veeam appliance', () => {
  let env: Awaited<ReturnType<typeof startSimulatorWithClient>>;
  beforeEach(async () => {
    env = await startSimulatorWithClient({}, { maxAttempts: 1 });
    await env.client.listSessions(filter, page);
  });
  afterEach(() => {
    jest.useRealTimers();
    return env.close();
  });

  it('is left alone after a run of failures, answered at once, and tried again after the cooldown', async () => {
    // cockatiel reads Date.now(); only the date is faked, so the simulator's sockets and timers run.
    jest.useFakeTimers({ now: 0, doNotFake: [...NOT_THE_DATE] });
    const states: string[] = [];
    const source = circuitBreaker(env.client, {
      failureThreshold: 3,
      cooldownMs: 30_000,
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
    jest.setSystemTime(30_001);
    await expect(source.listSessions(filter, page)).rejects.toMatchObject({ code: 'VEEAM_SERVER_ERROR' });
    expect(env.client.requestCount).toBe(calls + 1);
    await expect(source.listSessions(filter, page)).rejects.toMatchObject({ code: 'VEEAM_UNREACHABLE' });

    env.sim.faults.failNext = { count: 0, status: 503 };
    jest.setSystemTime(60_002);
    await expect(source.listSessions(filter, page)).resolves.toMatchObject({ offset: 0 });
    await expect(source.listSessions(filter, page)).resolves.toMatchObject({ offset: 0 });
    expect(states).toEqual(['open', 'closed']);
  });

  it('says how many failures opened it and lets one trial through while others wait for it', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: [...NOT_THE_DATE] });
    const source = circuitBreaker(env.client, { failureThreshold: 2, cooldownMs: 10_000 });
    env.sim.faults.failNext = { count: 1_000, status: 503 };
    for (let i = 0; i < 2; i++) await expect(source.listSessions(filter, page)).rejects.toBeDefined();
    jest.setSystemTime(4_000);
    await expect(source.listSessions(filter, page)).rejects.toThrow(/failed the last 2 requests.*about 6 s/);

    env.sim.faults.failNext = { count: 0, status: 503 };
    jest.setSystemTime(10_001);
    const calls = env.client.requestCount;
    const answers = await Promise.all([1, 2, 3].map(() => source.listSessions(filter, page)));
    expect(answers).toHaveLength(3);
    // The trial goes first; the other two go only once it has closed the circuit.
    expect(env.client.requestCount).toBe(calls + 3);
  });

  it('is not blamed for a bad question: a 400 or a missing name does not count', async () => {
    const source = circuitBreaker(env.client, { failureThreshold: 1, cooldownMs: 30_000 });
    await expect(source.getSession('not-a-uuid')).rejects.toBeDefined();
    await expect(source.listSessions(filter, page)).resolves.toMatchObject({ offset: 0 });
  });
});
