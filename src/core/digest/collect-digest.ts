import { inPool } from '../answers/in-pool';
import { toBotError } from '../errors';
import type { SessionsSource } from '../ports';
import { findStaleVms, type StaleVms } from '../protection/find-stale-vms';
import type { JobStatus } from '../sessions/api-version';
import { countSessions } from '../sessions/count-sessions';
import { type ResolvedNames, resolveSessionFilter } from '../sessions/find-sessions';
import { readSessions } from '../sessions/read-sessions-since';
import type { Session, SessionPage } from '../sessions/session';
import type { SessionFilter, SessionQuery } from '../sessions/session-query';
import { STATUS_GROUPS } from '../sessions/status-groups';
import { findStreaks, type PolicyStreak } from '../streaks/find-streaks';

/** The status groups a digest counts. */
export const DIGEST_STATUS_GROUPS = {
  failed: STATUS_GROUPS.failed,
  warning: STATUS_GROUPS.warning,
  success: STATUS_GROUPS.success,
  running: STATUS_GROUPS.running,
};
type DigestStatusGroup = keyof typeof DIGEST_STATUS_GROUPS;

/** The failed and warning sessions listed by name: one page, newest first; the rest is counted. */
const DIGEST_PROBLEM_PAGE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Calls in flight at once: enough to be quick, few enough to be kind to the appliance. */
const CONCURRENCY = 4;

export type DigestWindow = { from: Date; to: Date };

export type DigestData = {
  window: DigestWindow;
  counts: Record<DigestStatusGroup, number>;
  /** The 24 hours before the window. */
  previous: Record<Exclude<DigestStatusGroup, 'running'>, number>;
  /** Failed sessions per 24 hours, seven slices ending at the window's end, oldest first. */
  trend: { from: Date; failed: number }[];
  /** Up to DIGEST_PROBLEM_PAGE failed and warning sessions of the window, newest first. */
  problems: Session[];
  problemsTotal: number;
  /** How the problem page was read: items skipped as unreadable, or sorted here from the first N. */
  problemsRead: Pick<SessionPage, 'unreadable' | 'sortedOf' | 'total'>;
  names: ResolvedNames;
  /** Policies of the scope failing STREAK_DAYS calendar days in a row or more, up to the window's end. */
  streaks: PolicyStreak[];
  /** False when the week's failures were more than the streak read takes: a streak may be missing. */
  streaksComplete: boolean;
  /**
   * Covered VMs with no backup in the 24 hours before the window's end; only for a digest of everything
   * (a VM belongs to no one policy filter), and what stopped it when the appliance cannot tell.
   */
  staleVms: StaleVms | { unavailable: string } | null;
  /** List requests made (sessions and VMs; name lookups aside), for the benchmark and the log. */
  apiCalls: number;
};

/** A policy failing this many calendar days in a row is news in the digest. */
const STREAK_DAYS = 3;
/** Failed sessions read for the streaks, in pages of 100. */
const STREAK_PAGES = 10;

/**
 * Everything a digest shows, from a handful of API calls whatever the volume: each count is the
 * `totalCount` of a `Limit=1` query, and only one page of failed and warning sessions is fetched.
 * About 13 calls for a 24-hour window, the same for 100 or 100,000 sessions a day.
 */
export async function collectDigest(
  scope: SessionQuery,
  window: DigestWindow,
  source: SessionsSource,
): Promise<DigestData> {
  let apiCalls = 0;
  const { filter, names } = await resolveSessionFilter(scope, source);
  const known = scope.vocabulary.statuses;
  const inRange = (statuses: readonly JobStatus[], from: Date, to: Date): SessionFilter => ({
    ...filter,
    statuses: statuses.filter((s) => known.includes(s)),
    fromUtc: from.toISOString(),
    toUtc: to.toISOString(),
  });

  // Equal questions are asked once: the trend's latest slices are the window and the day before.
  const memo = new Map<string, Promise<number>>();
  const count = (group: DigestStatusGroup, from: Date, to: Date) => {
    const key = `${group}|${from.getTime()}|${to.getTime()}`;
    let found = memo.get(key);
    if (!found) {
      found = countSessions(source, inRange(DIGEST_STATUS_GROUPS[group], from, to)).then((c) => {
        apiCalls += c.calls;
        return c.count;
      });
      memo.set(key, found);
    }
    return found;
  };

  const { from, to } = window;
  const before = new Date(from.getTime() - DAY_MS);
  const slices = Array.from({ length: 7 }, (_, k) => {
    const end = new Date(to.getTime() - k * DAY_MS);
    return { from: new Date(end.getTime() - DAY_MS), to: end };
  }).reverse();
  const groups = Object.keys(DIGEST_STATUS_GROUPS) as DigestStatusGroup[];

  let problemsPage: SessionPage = {
    sessions: [],
    offset: 0,
    limit: DIGEST_PROBLEM_PAGE,
    total: 0,
    unreadable: 0,
    sortedOf: null,
  };
  const tasks: (() => Promise<unknown>)[] = [
    async () => {
      apiCalls++;
      problemsPage = await source.listSessions(inRange(['Error', 'Warning'], from, to), {
        offset: 0,
        limit: DIGEST_PROBLEM_PAGE,
      });
    },
    ...groups.map((g) => () => count(g, from, to)),
    ...(['failed', 'warning', 'success'] as const).map((g) => () => count(g, before, from)),
    ...slices.map((s) => () => count('failed', s.from, s.to)),
  ];
  let streaks: PolicyStreak[] = [];
  let streaksComplete = true;
  let staleVms: DigestData['staleVms'] = null;
  const everything =
    filter.policyId === null && filter.vmId === null && filter.types.length === 0 && scope.name === null;
  tasks.push(
    async () => {
      // A week of failures, bounded: enough to tell a streak of STREAK_DAYS and how long it runs.
      const week = inRange(STATUS_GROUPS.failed, new Date(to.getTime() - 7 * DAY_MS), to);
      const read = await readSessions(source, week, STREAK_PAGES);
      apiCalls += read.calls;
      streaks = findStreaks(read.sessions, STREAK_DAYS, scope.timeZone, to);
      streaksComplete = read.complete;
    },
    ...(everything
      ? [
          async () => {
            try {
              const found = await findStaleVms(source, new Date(to.getTime() - DAY_MS).toISOString());
              apiCalls += found.protectedRead.calls + found.unprotectedRead.calls;
              staleVms = found;
            } catch (error) {
              const e = toBotError(error);
              if (e.code !== 'VEEAM_API_VERSION') throw error;
              staleVms = { unavailable: e.userMessage };
            }
          },
        ]
      : []),
  );
  await inPool(tasks, CONCURRENCY);
  const counts = await Promise.all(groups.map((g) => count(g, from, to)));
  const previous = await Promise.all(
    (['failed', 'warning', 'success'] as const).map((g) => count(g, before, from)),
  );
  const trend = await Promise.all(slices.map((s) => count('failed', s.from, s.to)));

  return {
    window,
    counts: Object.fromEntries(groups.map((g, i) => [g, counts[i] as number])) as DigestData['counts'],
    previous: {
      failed: previous[0] as number,
      warning: previous[1] as number,
      success: previous[2] as number,
    },
    trend: slices.map((s, i) => ({ from: s.from, failed: trend[i] as number })),
    problems: problemsPage.sessions,
    problemsTotal: problemsPage.total ?? problemsPage.sessions.length,
    problemsRead: {
      unreadable: problemsPage.unreadable,
      sortedOf: problemsPage.sortedOf,
      total: problemsPage.total,
    },
    names,
    streaks,
    streaksComplete,
    staleVms,
    apiCalls,
  };
}
