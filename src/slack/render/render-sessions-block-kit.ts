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
import type { Block, BlockKitMessage, Button } from './block-kit';
import { SLACK_ACTIONS } from './block-kit';
import { BLOCK_KIT_LIMITS as L } from './block-kit-limits';
import { escapeMrkdwn, truncate } from './mrkdwn';

const EMOJI: Record<StatusTone, string> = {
  failed: ':red_circle:',
  warning: ':large_orange_circle:',
  success: ':large_green_circle:',
  running: ':large_blue_circle:',
  canceled: ':white_circle:',
  other: ':black_circle:',
};

/** Longest policy or target name shown in a row; the details view shows it whole. */
const ROW_NAME_MAX = 120;
/** Block text kept back for the header, context lines and buttons around the rows. */
const TEXT_OUTSIDE_ROWS = 1500;

const plain = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: truncate(text, max),
  emoji: true,
});
const button = (text: string, action_id: string, value: string): Button => ({
  type: 'button',
  text: plain(text, L.buttonText),
  action_id,
  value,
});

/**
 * Slack's date token shows each reader the time in their own zone; the fallback (the asker's zone) is for
 * clients that cannot.
 */
function slackDate(iso: string | null, fallback: string): string {
  if (!iso) return escapeMrkdwn(fallback);
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (!Number.isFinite(seconds)) return escapeMrkdwn(fallback);
  return `<!date^${seconds}^{date_short_pretty} {time}|${escapeMrkdwn(fallback).replace(/[|>]/g, ' ')}>`;
}

/**
 * One row as mrkdwn within `budget` characters. Names are cut after escaping, since escaping can make
 * "&" five times longer; the details view shows them whole.
 */
function rowText(row: SessionRow, budget: number): string {
  const meta = [
    slackDate(row.startedAt, row.startedText),
    escapeMrkdwn(row.durationText),
    ...(row.protectedInstances !== null
      ? [`${row.protectedInstances} instance${row.protectedInstances === 1 ? '' : 's'}`]
      : []),
  ].join(' · ');
  const removed = row.nameRemoved ? ' _(deleted)_' : '';
  const type = truncate(escapeMrkdwn(row.typeLabel), 60);
  const rest = ` · ${escapeMrkdwn(row.statusLabel)} · ${type}\n${meta}`;
  const nameRoom = Math.max(12, Math.min(ROW_NAME_MAX, budget - rest.length - removed.length - 30));
  return `${EMOJI[row.tone]} *${truncate(escapeMrkdwn(row.name), nameRoom)}*${removed}${rest}`;
}

function openVeeam(url: string | null): Button[] {
  return url
    ? [
        {
          type: 'button',
          text: plain('Open in Veeam', L.buttonText),
          action_id: SLACK_ACTIONS.openVeeam,
          url: truncate(url, L.url),
        },
      ]
    : [];
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
          text:
            view.paging.total === null
              ? `${view.paging.label} · ${escapeMrkdwn(view.countText)}`
              : view.paging.label,
        },
      ],
    });
  }
  const summary =
    view.rows.length === 0 ? (view.emptyText ?? '') : `${view.countText}, showing ${view.paging.label}`;
  return { text: truncate(escapeMrkdwn(`${view.title}: ${summary}`), L.fallbackText), blocks };
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
    const head =
      view.logOmitted > 0
        ? `*Log* (last ${view.log.length} of ${view.log.length + view.logOmitted} lines)`
        : '*Log*';
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
  return {
    text: truncate(
      escapeMrkdwn(`${view.title} (${view.row.typeLabel}, ${view.row.startedText})`),
      L.fallbackText,
    ),
    blocks,
  };
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
  return { text: truncate(escapeMrkdwn(`${view.title}: ${view.message}`), L.fallbackText), blocks };
}

/** Help and notices: a header and plain words. */
export function renderHelpBlockKit(view: HelpView | NoticeView): BlockKitMessage {
  return {
    text: escapeMrkdwn(view.title),
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

/**
 * The daily digest: counts with the change on the day before, problems grouped by policy, a seven-day bar,
 * and a button that opens the full list privately for whoever clicks it.
 */
function renderDigestBlockKit(view: DigestView): BlockKitMessage {
  const blocks: Block[] = [
    { type: 'header', text: plain(view.title, L.headerText) },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(view.windowText), L.sectionText) }],
    },
  ];
  if (view.lateText)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `:hourglass: ${escapeMrkdwn(view.lateText)}` }],
    });
  if (view.notice)
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `:warning: ${truncate(escapeMrkdwn(view.notice), L.sectionText - 10)}` },
      ],
    });
  if (view.allGreenText)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `:white_check_mark: *${escapeMrkdwn(view.allGreenText)}*` },
    });
  blocks.push({
    type: 'section',
    fields: view.counts.map((c) => ({
      type: 'mrkdwn' as const,
      text: `${EMOJI[c.tone]} *${c.count}* ${escapeMrkdwn(c.label)}${c.changeText ? `\n_${escapeMrkdwn(c.changeText)}_` : ''}`,
    })),
  });
  if (view.groups.length > 0) {
    blocks.push({ type: 'divider' });
    const lines = view.groups.map((g) => {
      const what = [
        g.failed > 0 ? `${g.failed} failed` : '',
        g.warnings > 0 ? `${g.warnings} warning${g.warnings === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `${EMOJI[g.tone]} *${truncate(escapeMrkdwn(g.name), ROW_NAME_MAX)}* · ${what} · last ${slackDate(g.lastAt, g.lastText)}`;
    });
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*Problems by policy*\n${lines.join('\n')}`, L.sectionText) },
    });
    if (view.moreText)
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(view.moreText) }] });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `\`${view.trendBar}\` ${escapeMrkdwn(view.trendText)}` }],
  });
  const actions = [
    ...(view.showAllToken
      ? [button('Show failed and warning sessions', SLACK_ACTIONS.showAll, view.showAllToken)]
      : []),
    ...openVeeam(view.veeamUrl),
  ];
  if (actions.length > 0) blocks.push({ type: 'actions', elements: actions });
  const summary = view.counts.map((c) => `${c.count} ${c.label.toLowerCase()}`).join(', ');
  return { text: truncate(escapeMrkdwn(`${view.title}: ${summary}`), L.fallbackText), blocks };
}
