import { DateTime } from 'luxon';
import type { Session, SessionLogLine } from '../sessions/session';
import { buildRow, toDateTime } from './build-sessions-view';
import { describeStatus } from './describe-query';
import { formatLocalTime } from './human-time';
import type { ButtonTokens, PageState } from './page-token';
import type { DetailsView } from './sessions-view';

/** How many log lines a details view shows: the end of the log is where a failure explains itself. */
const DETAILS_LOG_LINES = 12;

export function buildDetailsView(
  session: Session,
  log: SessionLogLine[],
  context: {
    now: Date | DateTime;
    timeZone: string;
    back: PageState | null;
    veeamUrl: string | null;
    tokens: ButtonTokens;
  },
): DetailsView {
  const now = toDateTime(context.now);
  const row = buildRow(
    session,
    context.timeZone,
    now,
    { sessionId: session.id, back: context.back },
    context.tokens,
  );
  const tail = log.slice(-DETAILS_LOG_LINES);
  const fields = [
    { label: 'Status', value: row.statusLabel },
    { label: 'Type', value: session.typeLabel },
    { label: 'Policy / target', value: `${row.name}${row.nameRemoved ? ' (deleted)' : ''}` },
    { label: 'Started', value: formatLocalTime(session.startTime, context.timeZone, now) },
    {
      label: 'Finished',
      value: session.stopTime ? formatLocalTime(session.stopTime, context.timeZone, now) : 'still running',
    },
    { label: 'Duration', value: row.durationText },
    ...(session.protectedInstances !== null
      ? [{ label: 'Protected instances', value: String(session.protectedInstances) }]
      : []),
    { label: 'Session ID', value: session.id },
  ];
  return {
    kind: 'details',
    title: `${row.statusLabel}: ${row.name}`,
    row,
    fields,
    log: tail.map((l) => ({
      timeText: l.time
        ? DateTime.fromISO(l.time, { zone: 'utc' }).setZone(context.timeZone).toFormat('HH:mm:ss')
        : '',
      tone: describeStatus(l.status ?? '').tone,
      message: l.message,
    })),
    logOmitted: Math.max(0, log.length - tail.length),
    backToken: context.back ? context.tokens.encodePage(context.back) : null,
    whyToken:
      (session.status === 'Error' || session.status === 'RunningWithError') &&
      session.policyId !== null &&
      session.targetName !== null &&
      !session.targetRemoved
        ? context.tokens.encodeWhy({ name: session.targetName, timeZone: context.timeZone })
        : null,
    timeZone: context.timeZone,
    veeamUrl: context.veeamUrl,
  };
}
