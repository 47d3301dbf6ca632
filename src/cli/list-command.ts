import { DateTime } from 'luxon';
import type { SessionsSource } from '../core/ports';
import { parseSessionQuery } from '../core/query/parse-session-query';
import { buildUsageText } from '../core/query/usage';
import type { ApiVersion } from '../core/sessions/api-version';
import { findSessions } from '../core/sessions/find-sessions';
import type { Session } from '../core/sessions/session';

export type ListOptions = {
  text: string;
  timeZone: string;
  page: number;
  pageSize: number;
  apiVersion: ApiVersion;
  now: DateTime;
};

/** `sessions-bot list`: one page of sessions as a plain table, with "11–20 of 57". */
export async function runList(
  options: ListOptions,
  source: SessionsSource,
): Promise<{ out: string; exitCode: number }> {
  const parsed = parseSessionQuery(options.text, {
    now: options.now,
    timeZone: options.timeZone,
    apiVersion: options.apiVersion,
  });
  if (parsed.kind === 'help')
    return { out: buildUsageText(options.apiVersion, 'sessions-bot list'), exitCode: 0 };
  if (parsed.kind === 'usage') return { out: parsed.message, exitCode: 2 };
  const offset = (options.page - 1) * options.pageSize;
  const { page } = await findSessions(parsed.query, { offset, limit: options.pageSize }, source);
  const rows = page.sessions.map((s) => row(s, options.timeZone, options.now));
  const header = ['STATUS', 'STARTED', 'DURATION', 'TYPE', 'POLICY / TARGET'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  const first = page.sessions.length === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.sessions.length;
  const total = page.total === null ? '' : ` of ${page.total}`;
  const footer =
    page.sessions.length === 0
      ? 'No sessions match.'
      : `${first}–${last}${total} (times in ${options.timeZone})`;
  return { out: [line(header), ...rows.map(line), '', footer].join('\n'), exitCode: 0 };
}

function row(s: Session, zone: string, now: DateTime): string[] {
  const start = s.startTime ? DateTime.fromISO(s.startTime).setZone(zone) : null;
  const duration =
    s.durationMs !== null
      ? formatMs(s.durationMs)
      : start && s.stopTime === null
        ? `running ${formatMs(now.diff(start).toMillis())}`
        : '';
  return [
    s.status,
    start ? start.toFormat('yyyy-MM-dd HH:mm') : '',
    duration,
    s.typeLabel,
    s.targetName ?? '',
  ];
}

function formatMs(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))}s`;
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h ${m % 60}m`;
}
