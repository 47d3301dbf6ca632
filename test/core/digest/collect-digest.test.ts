import { buildDigestView } from '../../../src/core/digest/build-digest-view';
import { collectDigest, DIGEST_STATUS_GROUPS } from '../../../src/core/digest/collect-digest';
import { type SessionQuery, unfilteredQuery } from '../../../src/core/sessions/session-query';
import { vmOutage } from '../../../src/veeam/simulator/protection';
import { digestViewContext } from '../../factories/digests';
import { V2_VOCABULARY } from '../../factories/sessions';
import { FIXED_NOW, startSimulatorWithClient } from '../../support/simulator-client';

const scope = (over: Partial<SessionQuery> = {}): SessionQuery => ({
  ...unfilteredQuery('Europe/Berlin', V2_VOCABULARY),
  ...over,
});
const DAY = 24 * 3_600_000;

describe('what a digest counts, against the simulator', () => {
  let env: Awaited<ReturnType<typeof startSimulatorWithClient>>;
  beforeAll(async () => {
    env = await startSimulatorWithClient({ now: () => FIXED_NOW });
  });
  afterAll(() => env.close());

  const window = { from: new Date(FIXED_NOW - DAY), to: new Date(FIXED_NOW) };
  const inWindow = (from: number, to: number, statuses: readonly string[]) =>
    env.sim.sessions().filter((s) => s.startMs >= from && s.startMs < to && statuses.includes(s.status));

  it('counts every status group of the window and of the day before, exactly as the data holds them', async () => {
    const data = await collectDigest(scope(), window, env.client);
    for (const [group, statuses] of Object.entries(DIGEST_STATUS_GROUPS)) {
      expect([group, data.counts[group as keyof typeof data.counts]]).toEqual([
        group,
        inWindow(FIXED_NOW - DAY, FIXED_NOW, statuses).length,
      ]);
    }
    expect(data.previous.failed).toBe(inWindow(FIXED_NOW - 2 * DAY, FIXED_NOW - DAY, ['Error']).length);
    expect(data.trend.map((t) => t.failed)).toEqual(
      Array.from(
        { length: 7 },
        (_, k) => inWindow(FIXED_NOW - (7 - k) * DAY, FIXED_NOW - (6 - k) * DAY, ['Error']).length,
      ),
    );
    expect(data.problemsTotal).toBe(inWindow(FIXED_NOW - DAY, FIXED_NOW, ['Error', 'Warning']).length);
    expect(data.counts.success).toBeGreaterThan(0);
  });

  it('asks the API a fixed handful of questions, not one per session', async () => {
    const before = env.sim.stats.jobSessionsCalls;
    const data = await collectDigest(scope(), window, env.client);
    // 13 counts and pages, and one page of the week's failures for the streaks.
    expect(env.sim.stats.jobSessionsCalls - before).toBe(14);
    // Plus the VM lists of the backup check (none on an API version without them).
    const vmCalls =
      data.staleVms && !('unavailable' in data.staleVms)
        ? data.staleVms.protectedRead.calls + data.staleVms.unprotectedRead.calls
        : 0;
    expect(data.apiCalls).toBe(14 + vmCalls);
    const week = await collectDigest(
      scope(),
      { from: new Date(FIXED_NOW - 7 * DAY), to: window.to },
      env.client,
    );
    // A longer window (a Monday after a weekday-only Friday) cannot reuse the trend: two more at most.
    expect(week.apiCalls).toBeLessThanOrEqual(data.apiCalls + 2);
  });

  it('says why it cannot check each VM for a backup on an API version without the protected-VM list', async () => {
    const data = await collectDigest(scope(), window, env.client);
    const view = buildDigestView(
      data,
      digestViewContext({ scope: scope(), slot: window.to, now: window.to }),
    );
    expect(view.findings).toContainEqual(expect.stringMatching(/^No backup check per VM: .*serves API v2/));
  });

  it('names the VM with no backup for a day when the appliance serves the protected-VM list', async () => {
    const v81 = await startSimulatorWithClient({ now: () => FIXED_NOW }, { apiVersion: 'v8.1' });
    try {
      const data = await collectDigest(scope(), window, v81.client);
      const vm = v81.sim.world.vms.find((v) => v.id === vmOutage(v81.sim.world)?.vmId);
      expect(data.staleVms && 'stale' in data.staleVms ? data.staleVms.stale.map((s) => s.name) : []).toEqual(
        [vm?.name],
      );
    } finally {
      await v81.close();
    }
  });

  it('narrows everything to a policy named in the filters', async () => {
    const policy = env.sim.world.policies[0];
    if (!policy) throw new Error('no policy');
    const data = await collectDigest(scope({ policy: policy.name }), window, env.client);
    const all = env.sim
      .sessions()
      .filter((s) => s.policy?.id === policy.id && s.startMs >= FIXED_NOW - DAY && s.startMs < FIXED_NOW);
    expect(data.counts.success).toBe(all.filter((s) => s.status === 'Success').length);
    expect(data.names.policy).toBe(policy.name);
    const view = buildDigestView(
      data,
      digestViewContext({ scope: scope({ policy: policy.name }), slot: window.to, now: window.to }),
    );
    expect(view.windowText).toContain(`Policy ${policy.name}`);
  });

  it('groups the failed and warning sessions by policy, worst first', async () => {
    const data = await collectDigest(scope(), window, env.client);
    const view = buildDigestView(
      data,
      digestViewContext({ scope: scope(), slot: window.to, now: window.to }),
    );
    const failedPerGroup = view.groups.map((g) => g.failed);
    expect([...failedPerGroup].sort((a, b) => b - a)).toEqual(failedPerGroup);
    expect(view.groups.reduce((n, g) => n + g.failed + g.warnings, 0)).toBeLessThanOrEqual(
      data.problems.length,
    );
    expect(view.allGreenText === null).toBe(data.counts.failed + data.counts.warning > 0);
  });
});
