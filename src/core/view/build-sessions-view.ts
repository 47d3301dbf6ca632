import { DateTime } from 'luxon';
import { RUNNING_STATUSES, type Session, type SessionPage } from '../sessions/session';
import type { SessionQuery } from '../sessions/session-query';
import { describeEmpty, describeStatus, describeTitle, describeUnderstood } from './describe-query';
import { formatDuration, formatLocalTime } from './human-time';
import type { ButtonTokens } from './page-token';
import type { SessionRow, SessionsView } from './sessions-view';

export type ViewContext = {
  now: Date | DateTime;
  /** "Open in Veeam" target; null hides the button. */
  veeamUrl: string | null;
  /** Names as the API spells them, once resolved ("prod vms" → "Prod VMs"). */
  names?: { policy: string | null; vm: string | null };
  /** Signs the buttons. */
  tokens: ButtonTokens;
};

/** One page of sessions → the neutral view both platforms render. */
export function buildSessionsView(
  query: SessionQuery,
  page: SessionPage,
  context: ViewContext,
): SessionsView {
  const now = toDateTime(context.now);
  const names = context.names ?? { policy: null, vm: null };
  const state = { query, offset: page.offset, limit: page.limit };
  const shown = page.sessions.length;
  const hasNext = page.total !== null ? page.offset + shown < page.total : shown === page.limit;
  const total = page.total;
  const label =
    shown === 0 ? '' : `${page.offset + 1}–${page.offset + shown}${total === null ? '' : ` of ${total}`}`;
  return {
    kind: 'sessions',
    title: describeTitle(query, names),
    understood: describeUnderstood(query, names),
    countText:
      total === null
        ? `${shown} session${shown === 1 ? '' : 's'} shown`
        : `${total} session${total === 1 ? '' : 's'}`,
    notice: pageNotice(page),
    rows: page.sessions.map((s) =>
      buildRow(s, query.timeZone, now, { sessionId: s.id, back: state }, context.tokens),
    ),
    emptyText: shown === 0 ? emptyText(query, page, names, now) : null,
    paging: {
      offset: page.offset,
      limit: page.limit,
      total,
      label,
      previousToken:
        page.offset > 0 ? context.tokens.encodePage({ ...state, offset: previousOffset(page) }) : null,
      nextToken:
        hasNext && shown > 0 ? context.tokens.encodePage({ ...state, offset: page.offset + shown }) : null,
      currentToken: context.tokens.encodePage(state),
    },
    timeZone: query.timeZone,
    veeamUrl: context.veeamUrl,
  };
}

export function buildRow(
  s: Session,
  zone: string,
  now: DateTime,
  details: { sessionId: string; back: { query: SessionQuery; offset: number; limit: number } | null },
  tokens: ButtonTokens,
): SessionRow {
  const { label, tone } = describeStatus(s.status);
  const started = s.startTime ? DateTime.fromISO(s.startTime, { zone: 'utc' }) : null;
  let durationText = '—';
  if (s.durationMs !== null) durationText = formatDuration(s.durationMs);
  else if (s.stopTime === null && RUNNING_STATUSES.includes(s.status) && started?.isValid)
    durationText = `running ${formatDuration(now.diff(started).toMillis())}`;
  return {
    id: s.id,
    status: s.status,
    statusLabel: label,
    tone,
    name: s.targetName ?? s.summary ?? 'appliance-wide',
    nameRemoved: s.targetRemoved,
    typeLabel: s.typeLabel,
    startedAt: started?.isValid ? started.toUTC().toISO() : null,
    startedText: formatLocalTime(s.startTime, zone, now),
    durationText,
    protectedInstances: s.protectedInstances,
    detailsToken: tokens.encodeDetails({
      sessionId: details.sessionId,
      back: details.back,
      timeZone: zone,
    }),
  };
}

/** Said on the answer whenever it is built from less than the whole of what was asked. */
export function pageNotice(page: Pick<SessionPage, 'unreadable' | 'sortedOf' | 'total'>): string | null {
  const parts: string[] = [];
  if (page.unreadable > 0)
    parts.push(
      `${page.unreadable} session${page.unreadable === 1 ? '' : 's'} on this page could not be read (see the bot log) and ${page.unreadable === 1 ? 'is' : 'are'} not shown.`,
    );
  if (page.sortedOf !== null)
    parts.push(
      `The appliance lists sessions in no order I could tell, so these are the newest of the first ${page.sortedOf} it sent${page.total !== null ? ` (of ${page.total})` : ''}. Narrow the question (a shorter time, a policy) for an exact answer.`,
    );
  return parts.length > 0 ? parts.join(' ') : null;
}

export function toDateTime(now: Date | DateTime): DateTime {
  return DateTime.isDateTime(now) ? now : DateTime.fromJSDate(now);
}

/** Past the end (an old Next button, or `--page 99`), Previous goes to the last page that has rows. */
function previousOffset(page: SessionPage): number {
  if (page.sessions.length === 0 && page.total !== null && page.total > 0 && page.offset >= page.total) {
    return Math.floor((page.total - 1) / page.limit) * page.limit;
  }
  return Math.max(0, page.offset - page.limit);
}

function emptyText(
  query: SessionQuery,
  page: SessionPage,
  names: { policy: string | null; vm: string | null },
  now: DateTime,
): string {
  if (page.offset > 0 && page.total !== null && page.total > 0) {
    return `This page is past the end: there ${page.total === 1 ? 'is 1 session' : `are ${page.total} sessions`} in all.`;
  }
  return describeEmpty(query, names, now);
}
