import { fallbackText, logHeading, pagingText } from './answer-wording';
import type { Card, CardAction, CardElement } from './card';
import type { AlertView, AnswerView, DetailsView, DigestView, SessionsView, WhyView } from './sessions-view';

/** Each answer as the neutral card tree, built once for every platform. */
export function buildCard(view: AnswerView): Card {
  const card = (elements: CardElement[], actions: CardAction[], shareToken: string | null = null): Card => ({
    fallback: fallbackText(view),
    elements,
    actions,
    shareToken,
  });
  switch (view.kind) {
    case 'sessions':
      return card(sessionsElements(view), sessionsActions(view), view.paging.currentToken);
    case 'details':
      return card(detailsElements(view), [
        ...(view.backToken ? [token('back', '◀ Back to the list', view.backToken)] : []),
        ...(view.whyToken ? [token('why', 'Why did it fail?', view.whyToken)] : []),
        ...openVeeam(view.veeamUrl),
      ]);
    case 'error':
      return card(
        [{ type: 'alert', title: view.title, message: view.message }],
        view.retryToken ? [token('retry', 'Try again', view.retryToken)] : [],
      );
    case 'help':
    case 'notice':
      return card(
        [
          { type: 'title', text: view.title },
          { type: 'prose', text: view.text },
        ],
        [],
      );
    case 'last-good':
      return card(
        [
          { type: 'title', text: view.title },
          { type: 'paragraph', text: view.line },
          ...(view.since ? [{ type: 'paragraph' as const, text: view.since }] : []),
          { type: 'rows', rows: [view.row], pageToken: view.listToken },
          { type: 'times-in', timeZone: view.timeZone },
        ],
        [token('show-all', 'Show its sessions', view.listToken), ...openVeeam(view.veeamUrl)],
      );
    case 'report':
      return card(
        [
          { type: 'title', text: view.title },
          { type: 'understood', text: view.understood },
          ...(view.notice ? [{ type: 'notice' as const, text: view.notice }] : []),
          ...(view.counts.length > 0 ? [{ type: 'counts' as const, counts: view.counts }] : []),
          ...(view.emptyText ? [view.emptyText] : view.lines).map((text) => ({
            type: 'paragraph' as const,
            text,
          })),
          { type: 'times-in', timeZone: view.timeZone },
        ],
        [
          ...(view.list ? [token('show-all', view.list.label, view.list.token)] : []),
          ...openVeeam(view.veeamUrl),
        ],
      );
    case 'why':
      return card(whyElements(view), [
        token('show-all', 'Show its failed sessions', view.listToken),
        ...view.hints.map((h): CardAction => ({ kind: 'open-doc', label: h.source, url: h.url })),
        ...openVeeam(view.veeamUrl),
      ]);
    case 'alert':
      return card(alertElements(view), [
        ...view.buttons.map((b): CardAction => ({ kind: 'alert', op: b.op, label: b.label, token: b.token })),
        ...openVeeam(view.veeamUrl),
      ]);
    case 'digest':
      return card(digestElements(view), [
        ...(view.showAllToken
          ? [token('show-all', 'Show failed and warning sessions', view.showAllToken)]
          : []),
        ...openVeeam(view.veeamUrl),
      ]);
  }
}

const token = (
  kind: 'previous' | 'next' | 'back' | 'retry' | 'show-all' | 'why',
  label: string,
  value: string,
): CardAction => ({
  kind,
  label,
  token: value,
});

function openVeeam(url: string | null): CardAction[] {
  return url ? [{ kind: 'open-url', label: 'Open in Veeam', url }] : [];
}

function sessionsElements(view: SessionsView): CardElement[] {
  return [
    { type: 'title', text: view.title },
    { type: 'understood', text: view.understood },
    ...(view.notice ? [{ type: 'notice' as const, text: view.notice }] : []),
    ...(view.rows.length === 0
      ? [{ type: 'paragraph' as const, text: view.emptyText ?? 'No sessions.' }]
      : []),
    { type: 'rows', rows: view.rows, pageToken: view.paging.currentToken },
    ...(view.paging.label
      ? [{ type: 'page-line' as const, text: pagingText(view), timeZone: view.timeZone }]
      : []),
  ];
}

function sessionsActions(view: SessionsView): CardAction[] {
  return [
    ...(view.paging.previousToken ? [token('previous', '◀ Previous', view.paging.previousToken)] : []),
    ...(view.paging.nextToken ? [token('next', 'Next ▶', view.paging.nextToken)] : []),
    ...openVeeam(view.veeamUrl),
  ];
}

function detailsElements(view: DetailsView): CardElement[] {
  return [
    { type: 'title', text: view.title },
    { type: 'fields', fields: view.fields },
    ...(view.log.length > 0 ? [{ type: 'log' as const, heading: logHeading(view), lines: view.log }] : []),
    { type: 'times-in', timeZone: view.timeZone },
  ];
}

function digestElements(view: DigestView): CardElement[] {
  return [
    { type: 'title', text: view.title },
    { type: 'window', text: view.windowText },
    ...(view.lateText ? [{ type: 'late' as const, text: view.lateText }] : []),
    ...(view.notice ? [{ type: 'notice' as const, text: view.notice }] : []),
    ...(view.allGreenText ? [{ type: 'all-green' as const, text: view.allGreenText }] : []),
    { type: 'counts', counts: view.counts },
    ...(view.groups.length > 0
      ? [{ type: 'groups' as const, heading: 'Problems by policy', groups: view.groups, more: view.moreText }]
      : []),
    ...view.findings.map((text) => ({ type: 'paragraph' as const, text })),
    { type: 'trend', bar: view.trendBar, text: view.trendText },
  ];
}

function alertElements(view: AlertView): CardElement[] {
  return [
    { type: 'title', text: view.title },
    { type: 'paragraph', text: view.headline },
    ...(view.reason ? [{ type: 'notice' as const, text: view.reason }] : []),
    { type: 'fields', fields: view.fields },
    ...(view.owner ? [{ type: 'owner' as const, userId: view.owner.id, name: view.owner.name }] : []),
    ...(view.snoozedText ? [{ type: 'paragraph' as const, text: view.snoozedText }] : []),
    { type: 'times-in', timeZone: view.timeZone },
  ];
}

function whyElements(view: WhyView): CardElement[] {
  return [
    { type: 'title', text: view.title },
    { type: 'understood', text: view.understood },
    ...(view.notice ? [{ type: 'notice' as const, text: view.notice }] : []),
    { type: 'rows', rows: [view.row], pageToken: view.listToken },
    ...view.history.map((text) => ({ type: 'paragraph' as const, text })),
    ...(view.log.length > 0
      ? [{ type: 'log' as const, heading: 'Errors and warnings in its log', lines: view.log }]
      : []),
    ...(view.vmSummary ? [{ type: 'paragraph' as const, text: view.vmSummary }] : []),
    ...(view.vms.length > 0 ? [{ type: 'fields' as const, fields: view.vms }] : []),
    ...view.hints.map((h) => ({ type: 'paragraph' as const, text: h.text })),
    { type: 'times-in', timeZone: view.timeZone },
  ];
}
