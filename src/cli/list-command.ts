import type { DateTime } from 'luxon';
import type { SessionsSource } from '../core/ports';
import { parseSessionQuery } from '../core/query/parse-session-query';
import { buildUsageText } from '../core/query/usage';
import { findSessions } from '../core/sessions/find-sessions';
import { buildSessionsView } from '../core/view/build-sessions-view';
import { createButtonTokens } from '../core/view/page-token';
import { renderSessionsTable } from './render-sessions-table';

export type ListOptions = {
  text: string;
  timeZone: string;
  page: number;
  pageSize: number;
  now: DateTime;
  veeamUrl: string | null;
};

/** `sessions-bot list`: one page of the answer the chat platforms give, as a plain table. */
export async function runList(
  options: ListOptions,
  source: SessionsSource,
): Promise<{ out: string; exitCode: number }> {
  const parsed = parseSessionQuery(options.text, {
    now: options.now,
    timeZone: options.timeZone,
    vocabulary: source.vocabulary,
  });
  if (parsed.kind === 'help')
    return { out: buildUsageText(source.vocabulary, 'sessions-bot list'), exitCode: 0 };
  if (parsed.kind === 'usage') return { out: parsed.message, exitCode: 2 };
  const offset = (options.page - 1) * options.pageSize;
  const { page, names } = await findSessions(parsed.query, { offset, limit: options.pageSize }, source);
  const view = buildSessionsView(parsed.query, page, {
    now: options.now,
    veeamUrl: options.veeamUrl,
    names,
    tokens: createButtonTokens({ current: null }, () => source.vocabulary),
  });
  return { out: renderSessionsTable(view), exitCode: 0 };
}
