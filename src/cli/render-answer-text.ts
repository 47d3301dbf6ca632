import { fallbackText } from '../core/view/answer-wording';
import type { AnswerView, SessionsView } from '../core/view/sessions-view';

/** A SessionsView as a terminal table. */
function renderSessionsTable(view: SessionsView): string {
  const header = ['STATUS', 'STARTED', 'DURATION', 'TYPE', 'POLICY / TARGET'];
  const rows = view.rows.map((r) => [
    r.statusLabel,
    r.startedText,
    r.durationText,
    r.typeLabel,
    `${r.name}${r.nameRemoved ? ' (deleted)' : ''}`,
  ]);
  const lines = [view.title, view.understood, ...(view.notice ? [`Note: ${view.notice}`] : []), ''];
  if (rows.length === 0) return [...lines, view.emptyText ?? 'No sessions.'].join('\n');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [...lines, line(header), ...rows.map(line), '', `${view.paging.label} (${view.countText})`].join(
    '\n',
  );
}

/**
 * Any answer as plain text for a terminal: the third renderer of the same views, beside Block Kit and
 * Adaptive Cards. Buttons have no place here; paging is `--page`.
 */
export function renderAnswerText(view: AnswerView): string {
  switch (view.kind) {
    case 'sessions':
      return renderSessionsTable(view);
    case 'details':
      return [
        view.title,
        ...view.fields.map((f) => `${f.label}: ${f.value}`),
        '',
        ...(view.logOmitted > 0 ? [`(${view.logOmitted} earlier log lines left out)`] : []),
        ...view.log.map((l) => `${l.timeText}  ${l.message}`),
      ].join('\n');
    case 'error':
      return fallbackText(view);
    case 'help':
    case 'notice':
      return `${view.title}\n${view.text}`;
    case 'last-good':
      return [
        view.title,
        view.line,
        ...(view.since ? [view.since] : []),
        '',
        `${view.row.statusLabel}  ${view.row.startedText}  ${view.row.durationText}  ${view.row.typeLabel}  ${view.row.name}`,
      ].join('\n');
    case 'report':
      return [
        view.title,
        view.understood,
        ...(view.notice ? [`Note: ${view.notice}`] : []),
        '',
        ...view.counts.map((c) => `${c.label}: ${c.count}${c.changeText ? ` (${c.changeText})` : ''}`),
        ...(view.counts.length > 0 ? [''] : []),
        ...(view.emptyText ? [view.emptyText] : view.lines),
      ].join('\n');
    case 'why':
      return [
        view.title,
        view.understood,
        ...(view.notice ? [`Note: ${view.notice}`] : []),
        '',
        `${view.row.statusLabel}  ${view.row.startedText}  ${view.row.durationText}  ${view.row.typeLabel}  ${view.row.name}`,
        ...view.history,
        ...(view.log.length > 0 ? ['', 'Errors and warnings in its log:'] : []),
        ...view.log.map((l) => `${l.timeText}  ${l.message}`),
        ...(view.vmSummary ? ['', view.vmSummary] : []),
        ...view.vms.map((v) => `${v.label}: ${v.value}`),
        ...view.hints.flatMap((h) => ['', h.text, `  ${h.source}: ${h.url}`]),
      ].join('\n');
    case 'alert':
      return [
        view.title,
        view.headline,
        ...(view.reason ? [`Reason: ${view.reason}`] : []),
        ...view.fields.map((f) => `${f.label}: ${f.value}`),
        ...(view.owner ? [`${view.owner.name} is on it`] : []),
        ...(view.snoozedText ? [view.snoozedText] : []),
      ].join('\n');
    case 'digest':
      return [
        view.title,
        view.windowText,
        ...[view.lateText, view.notice, view.allGreenText].filter((t): t is string => t !== null),
        ...view.counts.map((c) => `${c.label}: ${c.count}${c.changeText ? ` (${c.changeText})` : ''}`),
        ...view.groups.map(
          (g) => `${g.name}: ${g.failed} failed, ${g.warnings} warnings, last ${g.lastText}`,
        ),
        ...(view.moreText ? [view.moreText] : []),
        ...view.findings,
        `${view.trendBar} ${view.trendText}`,
      ].join('\n');
  }
}
