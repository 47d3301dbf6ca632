import type { ActionKind } from '../../core/conversation/conversation';
import type {
  AnswerView,
  DetailsView,
  DigestView,
  ErrorView,
  HelpView,
  NoticeView,
  SessionRow,
  SessionsView,
  StatusTone,
} from '../../core/view/sessions-view';
import { plainTextBlock, textRun, truncateText } from './card-text';

/**
 * Adaptive Cards for Teams, version 1.5 (what Teams renders on desktop, web and mobile).
 *
 * Buttons are Action.Execute (Universal Actions): Teams sends an `adaptiveCard/action` invoke and shows
 * the card the bot returns in its response in place of the old one, for everyone in the conversation.
 * That needs no stored activity id and no updateActivity round trip, which Action.Submit would.
 */

export type AdaptiveCardMessage = { card: Record<string, unknown>; text: string };

/** Verbs of the Action.Execute buttons, shared with the Teams handler. */
export const CARD_VERBS = {
  page: 'sessions.page',
  details: 'sessions.details',
  retry: 'sessions.retry',
  /** From a digest: the full list as a new message, so the digest stays. */
  showAll: 'sessions.show_all',
} as const;

/** What each verb asks the core for (src/core/conversation). */
export const CARD_VERB_KINDS: ReadonlyMap<string, ActionKind> = new Map<string, ActionKind>([
  [CARD_VERBS.page, 'page'],
  [CARD_VERBS.retry, 'page'],
  [CARD_VERBS.details, 'details'],
  [CARD_VERBS.showAll, 'show-all'],
]);

/** Safe everywhere (Teams, Power Automate, Graph); Teams itself accepts more for bot messages. */
export const CARD_BYTES_BUDGET = 28 * 1024;

const ICON: Record<StatusTone, string> = {
  failed: '🔴',
  warning: '🟠',
  success: '🟢',
  running: '🔵',
  canceled: '⚪',
  other: '⚫',
};
/**
 * Teams' "Warning" yellow (1.5:1 on white) and "Good" green (2.1:1) fail WCAG AA's 4.5:1 in the light
 * theme: those statuses are carried by the icon and the word alone. Red and blue pass on both themes.
 */
const COLOR: Record<StatusTone, 'Attention' | 'Accent' | undefined> = {
  failed: 'Attention',
  warning: undefined,
  success: undefined,
  running: 'Accent',
  canceled: undefined,
  other: undefined,
};

function card(body: unknown[], actions: unknown[]): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

function execute(title: string, verb: string, token: string): Record<string, unknown> {
  return { type: 'Action.Execute', title, verb, data: { token } };
}

/** Id of the session picker; Action.Execute sends its value along with the action's data. */
export const SESSION_INPUT_ID = 'session';

function openVeeam(url: string | null): Record<string, unknown>[] {
  return url ? [{ type: 'Action.OpenUrl', title: 'Open in Veeam', url }] : [];
}

function title(text: string): Record<string, unknown> {
  return plainTextBlock([textRun(truncateText(text, 200), { weight: 'Bolder', size: 'Medium' })], {
    spacing: 'None',
  });
}

function rowElement(row: SessionRow): Record<string, unknown> {
  const statusColor = COLOR[row.tone];
  const meta = [
    // Every time on a card is in the asker's zone, said once at its foot: DATE()/TIME() would show each
    // reader's own zone beside a picker, header and details in the asker's (contradicting times).
    row.startedText,
    row.durationText,
    ...(row.protectedInstances !== null
      ? [`${row.protectedInstances} instance${row.protectedInstances === 1 ? '' : 's'}`]
      : []),
  ].join(' · ');
  // Lean on purpose: 25 of these must fit in the 28 KB budget.
  return {
    type: 'Container',
    separator: true,
    items: [
      plainTextBlock([
        textRun(`${ICON[row.tone]} `),
        textRun(truncateText(row.name, 120), { weight: 'Bolder' }),
        ...(row.nameRemoved ? [textRun(' (deleted)', { isSubtle: true, italic: true })] : []),
        textRun(` · ${row.statusLabel}`, statusColor ? { color: statusColor } : {}),
        textRun(` · ${truncateText(row.typeLabel, 60)}`, { isSubtle: true }),
      ]),
      // Only our own text here (dates, durations, counts), so markdown is safe.
      { type: 'TextBlock', text: meta, isSubtle: true, size: 'Small', spacing: 'None', wrap: true },
    ],
  };
}

function renderSessionsAdaptiveCard(view: SessionsView): AdaptiveCardMessage {
  const body: unknown[] = [
    title(view.title),
    plainTextBlock([textRun(view.understood, { isSubtle: true, size: 'Small' })], { spacing: 'Small' }),
  ];
  if (view.notice) {
    body.push(
      plainTextBlock([textRun('⚠️ Note: ', { weight: 'Bolder' }), textRun(view.notice)], { spacing: 'Small' }),
    );
  }
  if (view.rows.length === 0) {
    body.push(plainTextBlock([textRun(view.emptyText ?? 'No sessions.')], { spacing: 'Medium' }));
  }
  body.push(...view.rows.map(rowElement));
  if (view.rows.length > 0) {
    // One picker and one Details button for the page: a token on every row would not fit in 28 KB.
    body.push({
      type: 'ColumnSet',
      spacing: 'Medium',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            {
              type: 'Input.ChoiceSet',
              id: SESSION_INPUT_ID,
              style: 'compact',
              placeholder: 'Pick a session for its details',
              // Choice titles are plain text, never markdown.
              // The value is the bare session id: zone, version and the page come in the action's token.
              choices: view.rows.map((r) => ({
                title: truncateText(`${r.startedText} · ${r.name}`, 60),
                value: r.id,
              })),
            },
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          items: [
            {
              type: 'ActionSet',
              actions: [
                {
                  ...execute('Details', CARD_VERBS.details, view.paging.currentToken),
                  associatedInputs: 'auto',
                },
              ],
            },
          ],
        },
      ],
    });
  }
  if (view.paging.label) {
    body.push({
      type: 'TextBlock',
      // The label already says "of N" when the total is known.
      text: `${view.paging.total === null ? `${view.paging.label} · ${view.countText}` : view.paging.label} · times in ${view.timeZone}`,
      isSubtle: true,
      size: 'Small',
      spacing: 'Medium',
    });
  }
  const actions = [
    ...(view.paging.previousToken ? [execute('◀ Previous', CARD_VERBS.page, view.paging.previousToken)] : []),
    ...(view.paging.nextToken ? [execute('Next ▶', CARD_VERBS.page, view.paging.nextToken)] : []),
    ...openVeeam(view.veeamUrl),
  ];
  const summary =
    view.rows.length === 0 ? (view.emptyText ?? '') : `${view.countText}, showing ${view.paging.label}`;
  return { card: card(body, actions), text: `${view.title}: ${summary}` };
}

function renderDetailsAdaptiveCard(view: DetailsView): AdaptiveCardMessage {
  const body: unknown[] = [
    title(view.title),
    // Not a FactSet: its values are markdown in Teams, and these hold API text.
    ...view.fields.map((f) =>
      plainTextBlock([textRun(`${f.label}: `, { weight: 'Bolder' }), textRun(f.value)], { spacing: 'None' }),
    ),
  ];
  if (view.log.length > 0) {
    const heading =
      view.logOmitted > 0
        ? `Log (last ${view.log.length} of ${view.log.length + view.logOmitted} lines)`
        : 'Log';
    body.push({ type: 'TextBlock', text: heading, weight: 'Bolder', spacing: 'Medium' });
    for (const line of view.log) {
      const color = COLOR[line.tone];
      body.push(
        plainTextBlock(
          [
            textRun(`${line.timeText} `, { isSubtle: true }),
            textRun(truncateText(line.message, 500), color && line.tone !== 'success' ? { color } : {}),
          ],
          { spacing: 'None' },
        ),
      );
    }
  }
  body.push({ type: 'TextBlock', text: `Times in ${view.timeZone}`, isSubtle: true, size: 'Small' });
  const actions = [
    ...(view.backToken ? [execute('◀ Back to the list', CARD_VERBS.page, view.backToken)] : []),
    ...openVeeam(view.veeamUrl),
  ];
  return {
    card: card(body, actions),
    text: `${view.title} (${view.row.typeLabel}, ${view.row.startedText})`,
  };
}

function renderErrorAdaptiveCard(view: ErrorView): AdaptiveCardMessage {
  const body = [
    plainTextBlock([textRun(`⚠️ ${view.title}`, { weight: 'Bolder', color: 'Attention' })]),
    plainTextBlock([textRun(view.message)]),
  ];
  const actions = view.retryToken ? [execute('Try again', CARD_VERBS.retry, view.retryToken)] : [];
  return { card: card(body, actions), text: `${view.title}: ${view.message}` };
}

/** Help and notices: a title and plain words. */
function renderHelpAdaptiveCard(view: HelpView | NoticeView): AdaptiveCardMessage {
  const body = [
    title(view.title),
    ...view.text
      .split('\n')
      .filter(Boolean)
      .map((line) => plainTextBlock([textRun(line.replace(/`/g, ''))], { spacing: 'Small' })),
  ];
  return { card: card(body, []), text: view.title };
}

export function renderAnswerAdaptiveCard(view: AnswerView): AdaptiveCardMessage {
  switch (view.kind) {
    case 'sessions':
      return renderSessionsAdaptiveCard(view);
    case 'details':
      return renderDetailsAdaptiveCard(view);
    case 'error':
      return renderErrorAdaptiveCard(view);
    case 'help':
    case 'notice':
      return renderHelpAdaptiveCard(view);
    case 'digest':
      return renderDigestAdaptiveCard(view);
  }
}

/** The daily digest, saying what the Block Kit one says. */
function renderDigestAdaptiveCard(view: DigestView): AdaptiveCardMessage {
  const body: unknown[] = [
    title(view.title),
    plainTextBlock([textRun(view.windowText, { isSubtle: true, size: 'Small' })], { spacing: 'None' }),
  ];
  if (view.lateText) body.push(plainTextBlock([textRun(`⏳ ${view.lateText}`)]));
  if (view.notice)
    body.push(plainTextBlock([textRun('⚠️ Note: ', { weight: 'Bolder' }), textRun(view.notice)]));
  if (view.allGreenText)
    body.push(plainTextBlock([textRun(`✅ ${view.allGreenText}`, { weight: 'Bolder' })]));
  body.push({
    type: 'ColumnSet',
    spacing: 'Medium',
    columns: view.counts.map((c) => ({
      type: 'Column',
      width: 'stretch',
      items: [
        plainTextBlock([textRun(`${ICON[c.tone]} ${c.count}`, { weight: 'Bolder', size: 'Large' })]),
        plainTextBlock([textRun(c.label)], { spacing: 'None' }),
        ...(c.changeText
          ? [plainTextBlock([textRun(c.changeText, { isSubtle: true, size: 'Small' })], { spacing: 'None' })]
          : []),
      ],
    })),
  });
  if (view.groups.length > 0) {
    body.push(plainTextBlock([textRun('Problems by policy', { weight: 'Bolder' })], { separator: true }));
    for (const g of view.groups) {
      const what = [
        g.failed > 0 ? `${g.failed} failed` : '',
        g.warnings > 0 ? `${g.warnings} warning${g.warnings === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      body.push(
        plainTextBlock(
          [
            textRun(`${ICON[g.tone]} `),
            textRun(truncateText(g.name, 120), { weight: 'Bolder' }),
            textRun(` · ${what}`, COLOR[g.tone] ? { color: COLOR[g.tone] } : {}),
            textRun(` · last ${g.lastText}`, { isSubtle: true }),
          ],
          { spacing: 'Small' },
        ),
      );
    }
    if (view.moreText) body.push(plainTextBlock([textRun(view.moreText, { isSubtle: true })]));
  }
  body.push(
    plainTextBlock([textRun(`${view.trendBar}  ${view.trendText}`, { isSubtle: true })], { separator: true }),
  );
  const actions = [
    ...(view.showAllToken
      ? [execute('Show failed and warning sessions', CARD_VERBS.showAll, view.showAllToken)]
      : []),
    ...openVeeam(view.veeamUrl),
  ];
  const summary = view.counts.map((c) => `${c.count} ${c.label.toLowerCase()}`).join(', ');
  return { card: card(body, actions), text: `${view.title}: ${summary}` };
}
