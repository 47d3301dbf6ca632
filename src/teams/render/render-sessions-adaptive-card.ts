import { fallbackText, instancesText, logHeading, pagingText } from '../../core/view/answer-wording';
import type {
  AnswerView,
  DetailsView,
  ErrorView,
  HelpView,
  NoticeView,
  SessionRow,
  SessionsView,
} from '../../core/view/sessions-view';
import {
  type AdaptiveCardMessage,
  CARD_VERBS,
  COLOR,
  card,
  execute,
  ICON,
  openVeeam,
  title,
} from './adaptive-card-parts';
import { plainTextBlock, textRun, truncateText } from './card-text';
import { renderDigestAdaptiveCard } from './render-digest-adaptive-card';

/**
 * Adaptive Cards for Teams, version 1.5 (what Teams renders on desktop, web and mobile).
 *
 * Buttons are Action.Execute (Universal Actions): Teams sends an `adaptiveCard/action` invoke and shows
 * the card the bot returns in its response in place of the old one, for everyone in the conversation.
 * That needs no stored activity id and no updateActivity round trip, which Action.Submit would.
 */

/** Safe everywhere (Teams, Power Automate, Graph); Teams itself accepts more for bot messages. */
export const CARD_BYTES_BUDGET = 28 * 1024;

/** Id of the session picker; Action.Execute sends its value along with the action's data. */
export const SESSION_INPUT_ID = 'session';

function rowElement(row: SessionRow): Record<string, unknown> {
  const statusColor = COLOR[row.tone];
  const instances = instancesText(row);
  const meta = [
    // Every time on a card is in the asker's zone, said once at its foot: DATE()/TIME() would show each
    // reader's own zone beside a picker, header and details in the asker's (contradicting times).
    row.startedText,
    row.durationText,
    ...(instances ? [instances] : []),
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
      text: `${pagingText(view)} · times in ${view.timeZone}`,
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
  return { card: card(body, actions), text: fallbackText(view) };
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
    body.push({ type: 'TextBlock', text: logHeading(view), weight: 'Bolder', spacing: 'Medium' });
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
  return { card: card(body, actions), text: fallbackText(view) };
}

function renderErrorAdaptiveCard(view: ErrorView): AdaptiveCardMessage {
  const body = [
    plainTextBlock([textRun(`⚠️ ${view.title}`, { weight: 'Bolder', color: 'Attention' })]),
    plainTextBlock([textRun(view.message)]),
  ];
  const actions = view.retryToken ? [execute('Try again', CARD_VERBS.retry, view.retryToken)] : [];
  return { card: card(body, actions), text: fallbackText(view) };
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
  return { card: card(body, []), text: fallbackText(view) };
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
