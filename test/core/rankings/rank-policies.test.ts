import { flappingPolicies, slowestPolicies, tallyPolicies } from '../../../src/core/rankings/rank-policies';
import type { Session } from '../../../src/core/sessions/session';
import { makeSession } from '../../factories/sessions';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T02:00:00Z');

/** The runs of one policy, the first the oldest, a day apart. */
function runs(policy: string, statuses: string[], extra: Partial<Session> = {}): Session[] {
  return statuses.map((status, i) =>
    makeSession(
      {
        id: `${policy}-${i}`,
        status,
        policyId: `id-${policy}`,
        targetName: policy,
        startTime: new Date(T0 + i * 24 * HOUR).toISOString(),
        ...extra,
      },
      i,
    ),
  );
}

describe('ranking policies', () => {
  it('counts failures per policy, the most first, and says when each last failed', () => {
    const tallies = tallyPolicies([
      ...runs('A', ['Error', 'Success', 'Error', 'Error']),
      ...runs('B', ['Error', 'Warning']),
      ...runs('C', ['Success', 'Running']),
    ]);
    expect(tallies.map((t) => [t.name, t.failed, t.finished])).toEqual([
      ['A', 3, 4],
      ['B', 1, 2],
      ['C', 0, 1],
    ]);
    expect(tallies[0]?.lastFailedAt).toBe(new Date(T0 + 3 * 24 * HOUR).toISOString());
  });

  it('calls a policy flapping when its runs change between failed and not three times or more', () => {
    const flaps = flappingPolicies([
      ...runs('Flappy', ['Success', 'Error', 'Success', 'Error', 'Warning']),
      ...runs('Broken', ['Error', 'Error', 'Error', 'Error']),
      ...runs('Twice', ['Success', 'Error', 'Success']),
    ]);
    expect(flaps).toEqual([{ name: 'Flappy', runs: 5, failed: 2, changes: 4 }]);
  });

  it('does not take a snapshot that succeeded between failed backups for flapping', () => {
    const backups = runs('Prod', ['Error', 'Error', 'Error']);
    const snapshots = runs('Prod', ['Success', 'Success', 'Success'], {
      type: 'PolicySnapshot',
      typeLabel: 'Policy Snapshot',
    }).map((s, i) => ({
      ...s,
      id: `snap-${i}`,
      startTime: new Date(T0 + i * 24 * HOUR + HOUR).toISOString(),
    }));
    expect(flappingPolicies([...backups, ...snapshots])).toEqual([]);
  });

  it('ranks by the longest finished run, with the median, per policy and type', () => {
    const minutes = (m: number) => m * 60_000;
    const slow = slowestPolicies([
      ...runs('Big', ['Success', 'Success', 'Error']).map((s, i) => ({
        ...s,
        durationMs: minutes([100, 300, 200][i] ?? 0),
      })),
      ...runs('Small', ['Success', 'Success']).map((s, i) => ({
        ...s,
        durationMs: minutes([10, 20][i] ?? 0),
      })),
      ...runs('Running', ['Running']).map((s) => ({ ...s, durationMs: minutes(900) })),
    ]);
    expect(slow.map((d) => [d.name, d.longestMs / 60_000, d.medianMs / 60_000, d.runs])).toEqual([
      ['Big', 300, 200, 3],
      ['Small', 20, 15, 2],
    ]);
  });
});
