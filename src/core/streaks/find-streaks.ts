import { DateTime } from 'luxon';
import { groupByPolicy } from '../sessions/by-policy';
import type { Session } from '../sessions/session';

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

/**
 * Policies with a failed session on each of at least `days` calendar days in a row (in `zone`), the
 * streak ending today or yesterday (today's run may not have happened yet): the longest first.
 */
export function findStreaks(failures: Session[], days: number, zone: string, now: Date): PolicyStreak[] {
  const today = DateTime.fromJSDate(now).setZone(zone).startOf('day');
  const dayOf = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISODate() ?? '';
  const streaks: PolicyStreak[] = [];
  for (const { name, policyId, sessions: all } of groupByPolicy(failures)) {
    const sessions = all.filter((s) => s.startTime);
    const failedDays = new Set(sessions.map((s) => dayOf(s.startTime as string)));
    let end = today;
    if (!failedDays.has(end.toISODate() ?? '')) end = end.minus({ days: 1 });
    let length = 0;
    while (failedDays.has(end.minus({ days: length }).toISODate() ?? '')) length++;
    if (length < days) continue;
    const first = end.minus({ days: length - 1 });
    const inStreak = sessions.filter((s) => dayOf(s.startTime as string) >= (first.toISODate() ?? ''));
    const lastAt = inStreak
      .map((s) => s.startTime as string)
      .sort((a, b) => Date.parse(b) - Date.parse(a))[0];
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
