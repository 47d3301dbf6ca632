import { DateTime } from 'luxon';
import type { SessionQuery } from '../sessions/session-query';
import { formatLocalTime } from '../view/human-time';
import type { ButtonTokens } from '../view/page-token';
import type { ReportView } from '../view/sessions-view';
import type { PolicyStreak } from './find-streaks';

export type StreaksRead = {
  days: number;
  /** The calendar days read, the first of them, in the asker's zone. */
  span: number;
  firstDay: string;
  /** Failed sessions read, and whether that was all of them. */
  read: number;
  complete: boolean;
};

export function buildStreaksView(
  streaks: PolicyStreak[],
  read: StreaksRead,
  context: {
    listQuery: SessionQuery;
    now: Date;
    tokens: ButtonTokens;
    pageSize: number;
    veeamUrl: string | null;
  },
): ReportView {
  const zone = context.listQuery.timeZone;
  const now = DateTime.fromJSDate(context.now);
  const day = (isoDate: string) => DateTime.fromISO(isoDate, { zone }).toFormat('ccc d LLL');
  return {
    kind: 'report',
    title: `Policies failing ${read.days} days in a row or more`,
    understood: `Failed sessions of the last ${read.span} days (since ${day(read.firstDay)}), per calendar day in ${zone}; a streak ends today or yesterday, since today's run may still be to come`,
    notice: read.complete
      ? null
      : `Based on the newest ${read.read} failed sessions: there were more, so the oldest days may be missing and a streak may be longer than said.`,
    lines: streaks.map((s) => {
      const atLeast = s.firstDay === read.firstDay ? 'at least ' : '';
      const last =
        DateTime.fromISO(s.firstDay, { zone })
          .plus({ days: s.days - 1 })
          .toISODate() ?? '';
      return `${s.name}: failed ${atLeast}${s.days} days in a row (${day(s.firstDay)} to ${day(last)}), ${s.failed} failed session${s.failed === 1 ? '' : 's'}, the latest ${formatLocalTime(s.lastAt, zone, now)}.`;
    }),
    counts: [],
    emptyText:
      streaks.length === 0
        ? `No policy failed on each of ${read.days} days in a row up to today or yesterday.`
        : null,
    summary:
      streaks.length === 0 ? 'none' : `${streaks.length} ${streaks.length === 1 ? 'policy' : 'policies'}`,
    list: {
      label: 'Show the failed sessions',
      token: context.tokens.encodePage({ query: context.listQuery, offset: 0, limit: context.pageSize }),
    },
    timeZone: zone,
    veeamUrl: context.veeamUrl,
  };
}
