import { DateTime } from 'luxon';
import type { SessionQuery } from '../sessions/session-query';
import { formatLocalTime } from '../view/human-time';
import type { ButtonTokens } from '../view/page-token';
import type { ReportView } from '../view/sessions-view';
import type { FailureTimes, PolicyStreak } from './find-streaks';

export type StreaksRead = {
  days: number;
  /** The calendar days read, the first of them, in the asker's zone. */
  span: number;
  firstDay: string;
  /** Failed sessions read, and whether that was all of them; those the appliance listed but unreadable. */
  read: number;
  unreadable?: number;
  complete: boolean;
};

/** For VM streaks: what failed per VM, from how many of the failed sessions' per-VM results. */
export type VmFailures = {
  failures: FailureTimes[];
  /** Failed sessions whose per-VM results were read, of how many. */
  read: number;
  of: number;
  unreadable: number;
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
  vms: VmFailures | null = null,
): ReportView {
  const vmNotes = vms
    ? [
        ...(vms.read < vms.of
          ? [
              `Per-VM results read for the newest ${vms.read} of ${vms.of} failed sessions: older days may be missing.`,
            ]
          : []),
        ...(vms.unreadable > 0
          ? [`The per-VM results of ${vms.unreadable} failed sessions could not be read.`]
          : []),
      ]
    : [];
  const zone = context.listQuery.timeZone;
  const now = DateTime.fromJSDate(context.now);
  const day = (isoDate: string) => DateTime.fromISO(isoDate, { zone }).toFormat('ccc d LLL');
  return {
    kind: 'report',
    title: `${vms ? 'VMs' : 'Policies'} failing ${read.days} days in a row or more`,
    understood: `${vms ? 'The VMs that failed in the failed sessions' : 'Failed sessions'} of the last ${read.span} days (since ${day(read.firstDay)}), per calendar day in ${zone}; a streak ends today or yesterday, since today's run may still be to come`,
    notice:
      [
        ...(read.complete
          ? []
          : [
              `Based on the newest ${read.read} failed sessions: there were more, so the oldest days may be missing and a streak may be longer than said.`,
            ]),
        ...((read.unreadable ?? 0) > 0
          ? [`${read.unreadable} failed sessions could not be read and are not counted.`]
          : []),
        ...vmNotes,
      ].join(' ') || null,
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
        ? `No ${vms ? 'VM' : 'policy'} failed on each of ${read.days} days in a row up to today or yesterday.`
        : null,
    summary:
      streaks.length === 0
        ? 'none'
        : vms
          ? `${streaks.length} VM${streaks.length === 1 ? '' : 's'}`
          : `${streaks.length} ${streaks.length === 1 ? 'policy' : 'policies'}`,
    list: {
      label: 'Show the failed sessions',
      token: context.tokens.encodePage({ query: context.listQuery, offset: 0, limit: context.pageSize }),
    },
    timeZone: zone,
    veeamUrl: context.veeamUrl,
  };
}
