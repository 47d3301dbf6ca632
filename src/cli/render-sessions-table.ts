import type { SessionsView } from '../core/view/sessions-view';

/** A SessionsView as a terminal table: the third renderer of the same view, beside Slack and Teams. */
export function renderSessionsTable(view: SessionsView): string {
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
