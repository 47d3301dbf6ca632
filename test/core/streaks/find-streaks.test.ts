import { findStreaks } from '../../../src/core/streaks/find-streaks';
import { makeSession } from '../../factories/sessions';

/** Failed sessions of policy `name` at the given UTC instants. */
const failures = (name: string, policyId: string, times: string[]) =>
  times.map((t, i) => makeSession({ status: 'Error', targetName: name, policyId, startTime: t }, i));

const NOW = new Date('2026-12-03T10:00:00Z');

describe('policies failing days in a row', () => {
  it('counts calendar days in the asker zone, the streak ending today or yesterday', () => {
    const sessions = [
      // Prod: 1, 2 and 3 Dec (two on the 2nd).
      ...failures('Prod', 'p1', [
        '2026-12-01T02:00:00Z',
        '2026-12-02T02:00:00Z',
        '2026-12-02T14:00:00Z',
        '2026-12-03T02:00:00Z',
      ]),
      // Web: 30 Nov, 1 and 2 Dec: not yet today, still a streak.
      ...failures('Web', 'p2', ['2026-11-30T05:00:00Z', '2026-12-01T05:00:00Z', '2026-12-02T05:00:00Z']),
      // Old: three days, but the last one four days ago.
      ...failures('Old', 'p3', ['2026-11-27T05:00:00Z', '2026-11-28T05:00:00Z', '2026-11-29T05:00:00Z']),
      // Gap: 1 and 3 Dec.
      ...failures('Gap', 'p4', ['2026-12-01T05:00:00Z', '2026-12-03T05:00:00Z']),
    ];
    expect(
      findStreaks(sessions, 3, 'Europe/Berlin', NOW).map((s) => [s.name, s.days, s.firstDay, s.failed]),
    ).toEqual([
      ['Prod', 3, '2026-12-01', 4],
      ['Web', 3, '2026-11-30', 3],
    ]);
  });

  it('puts a failure at 23:30 UTC on the next day in Berlin, and on the same day in New York', () => {
    const sessions = failures('Late', 'p1', [
      '2026-11-30T23:30:00Z',
      '2026-12-01T23:30:00Z',
      '2026-12-02T23:30:00Z',
    ]);
    expect(findStreaks(sessions, 3, 'Europe/Berlin', NOW)[0]?.firstDay).toBe('2026-12-01');
    expect(findStreaks(sessions, 3, 'America/New_York', NOW)[0]?.firstDay).toBe('2026-11-30');
  });
});
