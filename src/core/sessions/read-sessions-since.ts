import type { SessionsSource } from '../ports';
import type { JobStatus } from './api-version';
import { readPages } from './read-pages';
import type { Session } from './session';
import type { SessionFilter } from './session-query';

/** Sessions a page asks for: the API's usual page, so an appliance serves it like any list. */
const PAGE = 100;

export type SessionsSince = {
  sessions: Session[];
  /** List requests made. */
  calls: number;
  /** False when the read stopped at its bound with more left. */
  complete: boolean;
  /** Sessions the appliance listed that could not be read (skipped, counted). */
  unreadable: number;
  /** Said in the log or the answer when the read got less than all that matched. */
  note: string | null;
};

/**
 * Every session with one of `statuses` (those the appliance knows) that started at or after `fromUtc`,
 * page by page, `maxPages` at most: the bounded read behind the alert poll and the streak answer.
 */
export function readSessionsSince(
  source: SessionsSource,
  statuses: readonly JobStatus[],
  fromUtc: string,
  maxPages: number,
): Promise<SessionsSince> {
  return readSessions(
    source,
    { statuses: [...statuses], types: [], policyId: null, vmId: null, fromUtc, toUtc: null },
    maxPages,
  );
}

/** Every session the filter matches (statuses the appliance does not know left out), `maxPages` at most. */
export async function readSessions(
  source: SessionsSource,
  where: SessionFilter,
  maxPages: number,
): Promise<SessionsSince> {
  const known = source.vocabulary.statuses;
  const filter = { ...where, statuses: where.statuses.filter((s) => known.includes(s)) };
  const read = await readPages(
    async (page) => {
      const got = await source.listSessions(filter, page);
      return { items: got.sessions, total: got.total, unreadable: got.unreadable };
    },
    maxPages,
    PAGE,
  );
  const problems = [
    ...(read.unreadable > 0 ? [`${read.unreadable} unreadable sessions skipped`] : []),
    ...(read.complete
      ? []
      : [
          `read only the first ${maxPages * PAGE} ${filter.statuses.join('/') || 'any-status'} sessions since ${filter.fromUtc ?? 'the start'}`,
        ]),
  ];
  return {
    sessions: read.items,
    calls: read.calls,
    complete: read.complete,
    unreadable: read.unreadable,
    note: problems.length > 0 ? problems.join('; ') : null,
  };
}
