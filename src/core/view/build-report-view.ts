import type { SessionQuery } from '../sessions/session-query';
import type { ButtonTokens } from './page-token';
import type { ReportView } from './sessions-view';

export type ReportContext = { tokens: ButtonTokens; pageSize: number; veeamUrl: string | null };

/** A report with the sessions behind it one button away: `listQuery`'s first page. */
export function buildReportView(
  fields: Omit<ReportView, 'kind' | 'timeZone' | 'veeamUrl' | 'list'>,
  list: { query: SessionQuery; label: string },
  context: ReportContext,
): ReportView {
  return {
    kind: 'report',
    ...fields,
    list: {
      label: list.label,
      token: context.tokens.encodePage({ query: list.query, offset: 0, limit: context.pageSize }),
    },
    timeZone: list.query.timeZone,
    veeamUrl: context.veeamUrl,
  };
}
