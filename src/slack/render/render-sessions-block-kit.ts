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
import type { Block, BlockKitMessage, Button } from './block-kit';
import { SLACK_ACTIONS } from './block-kit';
import { BLOCK_KIT_LIMITS as L } from './block-kit-limits';
import { button, EMOJI, openVeeam, plain, ROW_NAME_MAX, slackDate } from './block-kit-parts';
import { escapeMrkdwn, truncate } from './mrkdwn';
import { renderDigestBlockKit } from './render-digest-block-kit';

/** Block text kept back for the header, context lines and buttons around the rows. */
const TEXT_OUTSIDE_ROWS = 1500;

/**
 * One row as mrkdwn within `budget` characters. Names are cut after escaping, since escaping can make
 * "&" five times longer; the details view shows them whole.
 */
function rowText(row: SessionRow, budget: number): string {
  const instances = instancesText(row);
  const meta = [
    slackDate(row.startedAt, row.startedText),
    escapeMrkdwn(row.durationText),
    ...(instances ? [instances] : []),
  ].join(' · ');
  const removed = row.nameRemoved ? ' _(deleted)_' : '';
  const type = truncate(escapeMrkdwn(row.typeLabel), 60);
  const rest = ` · ${escapeMrkdwn(row.statusLabel)} · ${type}\n${meta}`;
  const nameRoom = Math.max(12, Math.min(ROW_NAME_MAX, budget - rest.length - removed.length - 30));
  return `${EMOJI[row.tone]} *${truncate(escapeMrkdwn(row.name), nameRoom)}*${removed}${rest}`;
}

export type BlockKitOptions = {
  /** Adds a "Share in channel" button to an answer only its asker can see. */
  shareable?: boolean;
};

function renderSessionsBlockKit(view: SessionsView, options: BlockKitOptions = {}): BlockKitMessage {
  const blocks: Block[] = [
    { type: 'header', text: plain(view.title, L.headerText) },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(view.understood), L.sectionText) }],
    },
  ];
  if (view.notice) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `:warning: ${truncate(escapeMrkdwn(view.notice), L.sectionText - 10)}` },
      ],
    });
  }
  if (view.rows.length === 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: escapeMrkdwn(view.emptyText ?? 'No sessions.') },
    });
  }
  const rowBudget = Math.floor((L.totalBlockText - TEXT_OUTSIDE_ROWS) / Math.max(1, view.rows.length));
  for (const row of view.rows) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: rowText(row, rowBudget) },
      accessory: button('Details', SLACK_ACTIONS.details, row.detailsToken),
    });
  }
  blocks.push({ type: 'divider' });
  const paging: Button[] = [];
  if (view.paging.previousToken)
    paging.push(button('◀ Previous', SLACK_ACTIONS.previous, view.paging.previousToken));
  if (view.paging.nextToken) paging.push(button('Next ▶', SLACK_ACTIONS.next, view.paging.nextToken));
  const share = options.shareable
    ? [button('Share in channel', SLACK_ACTIONS.share, view.paging.currentToken)]
    : [];
  const actions = [...paging, ...share, ...openVeeam(view.veeamUrl)];
  if (actions.length > 0) blocks.push({ type: 'actions', elements: actions });
  if (view.paging.label) {
    blocks.push({
      type: 'context',
      // The label already says "of N" when the total is known.
      elements: [
        {
          type: 'mrkdwn',
          text: escapeMrkdwn(pagingText(view)),
        },
      ],
    });
  }
  return { text: truncate(escapeMrkdwn(fallbackText(view)), L.fallbackText), blocks };
}

function renderDetailsBlockKit(view: DetailsView): BlockKitMessage {
  const blocks: Block[] = [
    { type: 'header', text: plain(view.title, L.headerText) },
    {
      type: 'section',
      fields: view.fields.slice(0, L.sectionFields).map((f) => ({
        type: 'mrkdwn' as const,
        text: truncate(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, L.fieldText),
      })),
    },
  ];
  if (view.log.length > 0) {
    const lines = view.log.map(
      (l) =>
        `\`${escapeMrkdwn(l.timeText)}\` ${EMOJI[l.tone]} ${escapeMrkdwn(l.message.replace(/\s+/g, ' '))}`,
    );
    const head = logHeading(view).replace(/^Log/, '*Log*');
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`${head}\n${lines.join('\n')}`, L.sectionText) },
    });
  }
  const actions = [
    ...(view.backToken ? [button('◀ Back to the list', SLACK_ACTIONS.back, view.backToken)] : []),
    ...openVeeam(view.veeamUrl),
  ];
  if (actions.length > 0) blocks.push({ type: 'actions', elements: actions });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Times in ${escapeMrkdwn(view.timeZone)}` }],
  });
  return { text: truncate(escapeMrkdwn(fallbackText(view)), L.fallbackText), blocks };
}

function renderErrorBlockKit(view: ErrorView): BlockKitMessage {
  const blocks: Block[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `:warning: *${escapeMrkdwn(view.title)}*\n${escapeMrkdwn(view.message)}`,
          L.sectionText,
        ),
      },
    },
  ];
  if (view.retryToken)
    blocks.push({ type: 'actions', elements: [button('Try again', SLACK_ACTIONS.retry, view.retryToken)] });
  return { text: truncate(escapeMrkdwn(fallbackText(view)), L.fallbackText), blocks };
}

/** Help and notices: a header and plain words. */
export function renderHelpBlockKit(view: HelpView | NoticeView): BlockKitMessage {
  return {
    text: escapeMrkdwn(fallbackText(view)),
    blocks: [
      { type: 'header', text: plain(view.title, L.headerText) },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(view.text), L.sectionText) } },
    ],
  };
}

/** Any answer → a Block Kit message. */
export function renderAnswerBlockKit(view: AnswerView, options: BlockKitOptions = {}): BlockKitMessage {
  switch (view.kind) {
    case 'sessions':
      return renderSessionsBlockKit(view, options);
    case 'details':
      return renderDetailsBlockKit(view);
    case 'error':
      return renderErrorBlockKit(view);
    case 'help':
    case 'notice':
      return renderHelpBlockKit(view);
    case 'digest':
      return renderDigestBlockKit(view);
  }
}
