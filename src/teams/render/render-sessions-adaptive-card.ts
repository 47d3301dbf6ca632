import { groupProblemsText, instancesText } from '../../core/view/answer-wording';
import { buildCard } from '../../core/view/build-card';
import type { Card, CardAction, CardElement } from '../../core/view/card';
import type { AnswerView, SessionRow } from '../../core/view/sessions-view';
import {
  type AdaptiveCardMessage,
  CARD_VERBS,
  COLOR,
  card,
  execute,
  ICON,
  title,
} from './adaptive-card-parts';
import { plainTextBlock, textRun, truncateText } from './card-text';

/**
 * Adaptive Cards for Teams, version 1.5 (what Teams renders on desktop, web and mobile): the card tree
 * (core/view/card.ts) lowered. What is Teams' own: one session picker and one Details button for a page
 * (a token on every row would not fit in 28 KB), text in TextRuns (never markdown for API text), colours
 * that pass contrast on both themes, every time in the asker's zone said once at the foot.
 *
 * Buttons are Action.Execute (Universal Actions): Teams sends an `adaptiveCard/action` invoke and shows
 * the card the bot returns in its response in place of the old one, for everyone in the conversation.
 * That needs no stored activity id and no updateActivity round trip, which Action.Submit would.
 */

/** Safe everywhere (Teams, Power Automate, Graph); Teams itself accepts more for bot messages. */
export const CARD_BYTES_BUDGET = 28 * 1024;

/** Id of the session picker; Action.Execute sends its value along with the action's data. */
export const SESSION_INPUT_ID = 'session';

export function renderAnswerAdaptiveCard(view: AnswerView): AdaptiveCardMessage {
  return cardToAdaptiveCard(buildCard(view));
}

function cardToAdaptiveCard(c: Card): AdaptiveCardMessage {
  return { card: card(c.elements.flatMap(toBody), withSnoozesFolded(c.actions)), text: c.fallback };
}

/**
 * Teams shows at most five actions on a card (the adaptivecards host config Teams uses): an alert's three
 * snooze lengths go behind one "Snooze…" that opens them, so I'm on it, Details and Open in Veeam fit.
 */
function withSnoozesFolded(actions: CardAction[]): unknown[] {
  const snoozes = actions.filter((a) => a.kind === 'alert' && a.op.startsWith('snooze-'));
  if (snoozes.length < 2) return actions.map(toAction);
  const out: unknown[] = [];
  for (const action of actions) {
    if (!snoozes.includes(action)) out.push(toAction(action));
    else if (action === snoozes[0])
      out.push({ type: 'Action.ShowCard', title: 'Snooze…', card: card([], snoozes.map(toAction)) });
  }
  return out;
}

const VERBS: Record<Exclude<CardAction['kind'], 'open-url' | 'open-doc'>, string> = {
  previous: CARD_VERBS.page,
  next: CARD_VERBS.page,
  back: CARD_VERBS.page,
  retry: CARD_VERBS.retry,
  'show-all': CARD_VERBS.showAll,
  alert: CARD_VERBS.alert,
  why: CARD_VERBS.why,
};

function toAction(action: CardAction): Record<string, unknown> {
  if (action.kind === 'open-url' || action.kind === 'open-doc')
    return { type: 'Action.OpenUrl', title: action.label, url: action.url };
  return execute(action.label, VERBS[action.kind], action.token);
}

function toBody(e: CardElement): unknown[] {
  switch (e.type) {
    case 'title':
      return [title(e.text)];
    case 'understood':
      return [plainTextBlock([textRun(e.text, { isSubtle: true, size: 'Small' })], { spacing: 'Small' })];
    case 'window':
      return [plainTextBlock([textRun(e.text, { isSubtle: true, size: 'Small' })], { spacing: 'None' })];
    case 'notice':
      return [
        plainTextBlock([textRun('⚠️ Note: ', { weight: 'Bolder' }), textRun(e.text)], { spacing: 'Small' }),
      ];
    case 'late':
      return [plainTextBlock([textRun(`⏳ ${e.text}`)])];
    case 'all-green':
      return [plainTextBlock([textRun(`✅ ${e.text}`, { weight: 'Bolder' })])];
    case 'paragraph':
      return [plainTextBlock([textRun(e.text)], { spacing: 'Medium' })];
    case 'prose':
      return e.text
        .split('\n')
        .filter(Boolean)
        .map((line) => plainTextBlock([textRun(line.replace(/`/g, ''))], { spacing: 'Small' }));
    case 'alert':
      return [
        plainTextBlock([textRun(`⚠️ ${e.title}`, { weight: 'Bolder', color: 'Attention' })]),
        plainTextBlock([textRun(e.message)]),
      ];
    case 'rows':
      return e.rows.length === 0 ? [] : [...e.rows.map(rowElement), picker(e.rows, e.pageToken)];
    case 'fields':
      // Not a FactSet: its values are markdown in Teams, and these hold API text.
      return e.fields.map((f) =>
        plainTextBlock([textRun(`${f.label}: `, { weight: 'Bolder' }), textRun(f.value)], {
          spacing: 'None',
        }),
      );
    case 'log':
      return [
        { type: 'TextBlock', text: e.heading, weight: 'Bolder', spacing: 'Medium' },
        ...e.lines.map((line) => {
          const color = COLOR[line.tone];
          return plainTextBlock(
            [
              textRun(`${line.timeText} `, { isSubtle: true }),
              textRun(truncateText(line.message, 500), color && line.tone !== 'success' ? { color } : {}),
            ],
            { spacing: 'None' },
          );
        }),
      ];
    case 'counts':
      return [
        {
          type: 'ColumnSet',
          spacing: 'Medium',
          columns: e.counts.map((c) => ({
            type: 'Column',
            width: 'stretch',
            items: [
              plainTextBlock([textRun(`${ICON[c.tone]} ${c.count}`, { weight: 'Bolder', size: 'Large' })]),
              plainTextBlock([textRun(c.label)], { spacing: 'None' }),
              ...(c.changeText
                ? [
                    plainTextBlock([textRun(c.changeText, { isSubtle: true, size: 'Small' })], {
                      spacing: 'None',
                    }),
                  ]
                : []),
            ],
          })),
        },
      ];
    case 'groups':
      return [
        plainTextBlock([textRun(e.heading, { weight: 'Bolder' })], { separator: true }),
        ...e.groups.map((g) =>
          plainTextBlock(
            [
              textRun(`${ICON[g.tone]} `),
              textRun(truncateText(g.name, 120), { weight: 'Bolder' }),
              textRun(` · ${groupProblemsText(g)}`, COLOR[g.tone] ? { color: COLOR[g.tone] } : {}),
              textRun(` · last ${g.lastText}`, { isSubtle: true }),
            ],
            { spacing: 'Small' },
          ),
        ),
        ...(e.more ? [plainTextBlock([textRun(e.more, { isSubtle: true })])] : []),
      ];
    case 'trend':
      return [plainTextBlock([textRun(`${e.bar}  ${e.text}`, { isSubtle: true })], { separator: true })];
    case 'page-line':
      return [
        {
          type: 'TextBlock',
          text: `${e.text} · times in ${e.timeZone}`,
          isSubtle: true,
          size: 'Small',
          spacing: 'Medium',
        },
      ];
    case 'owner':
      return [
        plainTextBlock([textRun(`🙋 ${e.name} is on it`, { weight: 'Bolder' })], { spacing: 'Medium' }),
      ];
    case 'times-in':
      return [{ type: 'TextBlock', text: `Times in ${e.timeZone}`, isSubtle: true, size: 'Small' }];
  }
}

/** One picker and one Details button for the page. */
function picker(rows: SessionRow[], pageToken: string): Record<string, unknown> {
  return {
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
            choices: rows.map((r) => ({
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
            actions: [{ ...execute('Details', CARD_VERBS.details, pageToken), associatedInputs: 'auto' }],
          },
        ],
      },
    ],
  };
}

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
