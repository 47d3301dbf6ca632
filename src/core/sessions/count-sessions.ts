import type { SessionsSource } from '../ports';
import type { SessionFilter } from './session-query';

/** Sessions read to count them when the appliance does not say its total (v8.1 may leave it out). */
const COUNT_PAGE = 1000;

export type SessionCount = {
  count: number;
  /** List requests made: 1, or 2 when the total had to be counted from a page. */
  calls: number;
  /** True when the count is a full page the appliance gave no total for: at least this many. */
  atLeast: boolean;
};

/**
 * How many sessions the filter matches, from the `totalCount` of a `Limit=1` query: one call whatever the
 * volume. Without a total, one page of COUNT_PAGE is counted and a full one says "at least".
 */
export async function countSessions(source: SessionsSource, filter: SessionFilter): Promise<SessionCount> {
  const first = await source.listSessions(filter, { offset: 0, limit: 1 });
  if (first.total !== null) return { count: first.total, calls: 1, atLeast: false };
  const page = await source.listSessions(filter, { offset: 0, limit: COUNT_PAGE });
  return {
    count: page.total ?? page.sessions.length,
    calls: 2,
    atLeast: page.total === null && page.sessions.length >= COUNT_PAGE,
  };
}
