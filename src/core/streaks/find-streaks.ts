import { DateTime } from 'luxon';
import { groupByPolicy } from '../sessions/by-policy';
import type { Session } from '../sessions/session';

/** A policy's (or a VM's) run of failing days. */
export type PolicyStreak = {
  name: string;
  policyId: string | null;
  /** Calendar days in a row with at least one failed session, ending today or yesterday. */
  days: number;
  firstDay: string;
  /** Failed sessions over those days. */
  failed: number;
  /** ISO instant of its latest failure. */
  lastAt: string;
};

/** What failed, and when each of its failed sessions started. */
export type FailureTimes = { name: string; policyId: string | null; failedAt: string[] };

/**
 * Policies with a failed session on each of at least `days` calendar days in a row (in `zone`), the
 * streak ending today or yesterday (today's run may not have happened yet): the longest first.
 */
export function findStreaks(failures: Session[], days: number, zone: string, now: Date): PolicyStreak[] {
  return streaksOf(
    groupByPolicy(failures).map((g) => ({
      name: g.name,
      policyId: g.policyId,
      failedAt: g.sessions.flatMap((s) => (s.startTime ? [s.startTime] : [])),
    })),
    days,
    zone,
    now,
  );
}

/** The same for any subject (a policy, a VM) with the start times of its failed sessions. */
export function streaksOf(subjects: FailureTimes[], days: number, zone: string, now: Date): PolicyStreak[] {
  const today = DateTime.fromJSDate(now).setZone(zone).startOf('day');
  const dayOf = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISODate() ?? '';
  const streaks: PolicyStreak[] = [];
  for (const { name, policyId, failedAt } of subjects) {
    const failedDays = new Set(failedAt.map(dayOf));
    let end = today;
    if (!failedDays.has(end.toISODate() ?? '')) end = end.minus({ days: 1 });
    let length = 0;
    while (failedDays.has(end.minus({ days: length }).toISODate() ?? '')) length++;
    if (length < days) continue;
    const first = end.minus({ days: length - 1 });
    const inStreak = failedAt.filter((t) => dayOf(t) >= (first.toISODate() ?? ''));
    const lastAt = [...inStreak].sort((a, b) => Date.parse(b) - Date.parse(a))[0];
    streaks.push({
      name,
      policyId,
      days: length,
      firstDay: first.toISODate() ?? '',
      failed: inStreak.length,
      lastAt: lastAt ?? '',
    });
  }
  return streaks.sort((a, b) => b.days - a.days || b.failed - a.failed || a.name.localeCompare(b.name));
}
