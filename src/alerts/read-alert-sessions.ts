import type { SessionsSource } from '../core/ports';
import type { JobStatus } from '../core/sessions/api-version';
import type { Session } from '../core/sessions/session';

/** Sessions a page of the poll asks for: the API's usual page, so an appliance serves it like any list. */
const PAGE = 100;

export type AlertSessions = {
  sessions: Session[];
  /** List requests made. */
  calls: number;
  /** Said in the log and `alerts status` when the poll read less than all that matched. */
  note: string | null;
};

/**
 * Every session with one of `statuses` that started at or after `fromUtc`, up to `maxPages` pages: one
 * query for every channel together, matched to subscriptions by the caller.
 */
export async function readAlertSessions(
  source: SessionsSource,
  statuses: readonly JobStatus[],
  fromUtc: string,
  maxPages: number,
): Promise<AlertSessions> {
  const known = source.vocabulary.statuses;
  const filter = {
    statuses: statuses.filter((s) => known.includes(s)),
    types: [],
    policyId: null,
    vmId: null,
    fromUtc,
    toUtc: null,
  };
  const sessions: Session[] = [];
  const problems: string[] = [];
  let calls = 0;
  for (let offset = 0; calls < maxPages; offset += PAGE) {
    const page = await source.listSessions(filter, { offset, limit: PAGE });
    calls++;
    sessions.push(...page.sessions);
    if (page.unreadable > 0) problems.push(`${page.unreadable} unreadable sessions skipped`);
    const more = page.total !== null ? offset + PAGE < page.total : page.sessions.length === PAGE;
    if (!more) return { sessions, calls, note: problems.length > 0 ? problems.join('; ') : null };
  }
  problems.push(
    `read only the first ${maxPages * PAGE} ${filter.statuses.join('/')} sessions since ${fromUtc}`,
  );
  return { sessions, calls, note: problems.join('; ') };
}
