import { startVeeamSimulator, type VeeamSimulator } from '../../../src/veeam/simulator/simulator-server';
import { simulatorToken } from '../../support/simulator-client';

/** POST /__simulator/sessions: what tests and demos use to make a policy fail at a chosen time. */
describe('sessions added to the simulator', () => {
  const T0 = Date.parse('2026-12-03T06:00:00Z');
  let clock = T0;
  let sim: VeeamSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startVeeamSimulator({ now: () => clock });
    token = await simulatorToken(sim.url);
  });
  afterAll(() => sim.close());

  const add = async (body: unknown) => {
    const res = await fetch(`${sim.url}/__simulator/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };
  const listed = async (id: string) => {
    const res = await fetch(`${sim.url}/api/v2/jobSessions/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return res.status === 200
      ? ((await res.json()) as { status: string; executionStopTime?: string | null })
      : null;
  };
  const policy = () => sim.world.policies[0]?.name ?? '';

  it('adds a session that runs for its duration, then reports its final status', async () => {
    const added = await add({
      policy: policy().toUpperCase(),
      status: 'Error',
      startUtc: '2026-12-03T00:00:00Z',
      durationSeconds: 6 * 3600 + 20,
    });
    expect(added.status).toBe(201);
    expect(added.body.startUtc).toBe('2026-12-03T00:00:00.000Z');
    expect((await listed(added.body.id ?? ''))?.status).toBe('RunningWithError');
    clock = T0 + 20_000;
    const ended = await listed(added.body.id ?? '');
    expect(ended?.status).toBe('Error');
    expect(Date.parse(ended?.executionStopTime ?? '')).toBe(T0 + 20_000);
  });

  it('lists it in /jobSessions among the generated ones, newest first', async () => {
    const added = await add({ policy: policy(), status: 'Success', durationSeconds: 0 });
    const id = sim.world.policies[0]?.id ?? '';
    const res = await fetch(`${sim.url}/api/v2/jobSessions?PolicyId=${id}&Limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as { results: { id: string; status: string }[] };
    expect(page.results[0]).toMatchObject({ id: added.body.id, status: 'Success' });
  });

  it('leaves out a session whose start is still ahead', async () => {
    const added = await add({ policy: policy(), status: 'Error', startUtc: '2026-12-03T07:00:00Z' });
    expect(added.status).toBe(201);
    expect(await listed(added.body.id ?? '')).toBeNull();
  });

  it.each([
    ['not JSON', '{', 'Body must be JSON'],
    [
      'an unknown policy',
      { policy: 'No Such Policy', status: 'Error' },
      'no policy named or with id "No Such Policy"',
    ],
    ['an unknown status', { policy: 'x', status: 'Broken' }, 'status:'],
    ['an unknown field', { policy: 'x', status: 'Error', colour: 'red' }, 'colour'],
    [
      'a VM of another policy',
      { policy: 'PLACEHOLDER', status: 'Error', vm: 'no-such-vm' },
      'is not a VM of policy',
    ],
  ])('refuses %s with 400 saying what is wrong', async (_, body, says) => {
    const request =
      typeof body === 'object' && body.policy === 'PLACEHOLDER' ? { ...body, policy: policy() } : body;
    const refused = await add(request);
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain(says);
  });
});
