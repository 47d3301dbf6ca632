import type { AnswerView, DetailsView, DigestGroup, SessionRow, SessionsView } from './sessions-view';

/**
 * The words every renderer says the same way: worked out once here, so Slack, Teams and the terminal
 * cannot drift apart on them.
 */

/** "1 instance", "3 instances"; null when the API gives no count. */
export function instancesText(row: SessionRow): string | null {
  const n = row.protectedInstances;
  return n === null ? null : `${n} instance${n === 1 ? '' : 's'}`;
}

/** The page line: the label says "of N" when the total is known, else the count follows it. */
export function pagingText(view: SessionsView): string {
  return view.paging.total === null ? `${view.paging.label} · ${view.countText}` : view.paging.label;
}

/** "Log", or "Log (last 20 of 57 lines)" when earlier lines were left out. */
export function logHeading(view: DetailsView): string {
  return view.logOmitted > 0
    ? `Log (last ${view.log.length} of ${view.log.length + view.logOmitted} lines)`
    : 'Log';
}

/** "2 failed, 1 warning": what went wrong in one digest group. */
export function groupProblemsText(group: DigestGroup): string {
  return [
    group.failed > 0 ? `${group.failed} failed` : '',
    group.warnings > 0 ? `${group.warnings} warning${group.warnings === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** The one line a notification or a client without cards shows: each platform's fallback text. */
export function fallbackText(view: AnswerView): string {
  switch (view.kind) {
    case 'sessions':
      return `${view.title}: ${
        view.rows.length === 0 ? (view.emptyText ?? '') : `${view.countText}, showing ${view.paging.label}`
      }`;
    case 'details':
      return `${view.title} (${view.row.typeLabel}, ${view.row.startedText})`;
    case 'error':
      return `${view.title}: ${view.message}`;
    case 'help':
    case 'notice':
      return view.title;
    case 'last-good':
      return view.line;
    case 'report':
      return `${view.title}: ${view.summary}`;
    case 'why':
      return `${view.title}: ${view.history[0] ?? ''}`;
    case 'alert':
      return `${view.title}: ${view.headline}`;
    case 'digest':
      return `${view.title}: ${view.counts.map((c) => `${c.count} ${c.label.toLowerCase()}`).join(', ')}`;
  }
}
