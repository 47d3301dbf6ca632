import { groupProblemsText, instancesText } from '../../core/view/answer-wording';
import { buildCard } from '../../core/view/build-card';
import type { Card, CardAction, CardElement } from '../../core/view/card';
import type { AnswerView, SessionRow } from '../../core/view/sessions-view';
import type { Block, BlockKitMessage, Button } from './block-kit';
import { SLACK_ACTIONS, SLACK_ALERT_ACTIONS } from './block-kit';
import { BLOCK_KIT_LIMITS as L } from './block-kit-limits';
import { button, EMOJI, plain, ROW_NAME_MAX, slackDate } from './block-kit-parts';
import { escapeMrkdwn, truncate } from './mrkdwn';

/**
 * The card tree (core/view/card.ts) as Block Kit. What is Slack's own: a Details button on every row,
 * date tokens that show each reader their own zone, emoji for tones, the Share button of a private answer,
 * and the buttons above the foot line.
 */

/** Block text kept back for the header, context lines and buttons around the rows. */
const TEXT_OUTSIDE_ROWS = 1500;

export type BlockKitOptions = {
  /** Adds a "Share in channel" button to an answer only its asker can see. */
  shareable?: boolean;
};

/** Any answer → a Block Kit message. */
export function renderAnswerBlockKit(view: AnswerView, options: BlockKitOptions = {}): BlockKitMessage {
  return cardToBlockKit(buildCard(view), options);
}

function cardToBlockKit(card: Card, options: BlockKitOptions): BlockKitMessage {
  const buttons = card.actions.map((a, i) => toButton(a, i));
  if (options.shareable && card.shareToken) {
    // Before "Open in Veeam", after the paging buttons.
    const at = card.actions.findIndex((a) => a.kind === 'open-url');
    buttons.splice(
      at < 0 ? buttons.length : at,
      0,
      button('Share in channel', SLACK_ACTIONS.share, card.shareToken),
    );
  }
  const blocks: Block[] = [];
  const footAt = card.elements.findIndex((e) => e.type === 'page-line' || e.type === 'times-in');
  card.elements.forEach((element, i) => {
    if (i === footAt && buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
    blocks.push(...toBlocks(element));
  });
  if (footAt < 0 && buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return { text: truncate(escapeMrkdwn(card.fallback), L.fallbackText), blocks };
}

const ACTION_IDS: Record<Exclude<CardAction['kind'], 'open-url' | 'open-doc' | 'alert'>, string> = {
  previous: SLACK_ACTIONS.previous,
  next: SLACK_ACTIONS.next,
  back: SLACK_ACTIONS.back,
  retry: SLACK_ACTIONS.retry,
  'show-all': SLACK_ACTIONS.showAll,
  why: SLACK_ACTIONS.why,
};

function toButton(action: CardAction, index: number): Button {
  if (action.kind === 'open-url' || action.kind === 'open-doc')
    return {
      type: 'button',
      text: plain(action.label, L.buttonText),
      action_id: action.kind === 'open-url' ? SLACK_ACTIONS.openVeeam : `${SLACK_ACTIONS.openDoc}.${index}`,
      url: truncate(action.url, L.url),
    };
  if (action.kind === 'alert') return button(action.label, SLACK_ALERT_ACTIONS[action.op], action.token);
  return button(action.label, ACTION_IDS[action.kind], action.token);
}

/** A Slack user id becomes a mention (it pings nobody else); anything else is shown as escaped text. */
function ownerText(userId: string, name: string): string {
  const who = /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(name);
  return `:raising_hand: ${who} is on it`;
}

const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

function toBlocks(e: CardElement): Block[] {
  switch (e.type) {
    case 'title':
      return [{ type: 'header', text: plain(e.text, L.headerText) }];
    case 'understood':
    case 'window':
      return [context(truncate(escapeMrkdwn(e.text), L.sectionText))];
    case 'notice':
      return [context(`:warning: ${truncate(escapeMrkdwn(e.text), L.sectionText - 10)}`)];
    case 'late':
      return [context(`:hourglass: ${escapeMrkdwn(e.text)}`)];
    case 'all-green':
      return [section(`:white_check_mark: *${escapeMrkdwn(e.text)}*`)];
    case 'paragraph':
      return [section(escapeMrkdwn(e.text))];
    case 'prose':
      return [section(truncate(escapeMrkdwn(e.text), L.sectionText))];
    case 'alert':
      return [
        section(truncate(`:warning: *${escapeMrkdwn(e.title)}*\n${escapeMrkdwn(e.message)}`, L.sectionText)),
      ];
    case 'rows': {
      const budget = Math.floor((L.totalBlockText - TEXT_OUTSIDE_ROWS) / Math.max(1, e.rows.length));
      return [
        ...e.rows.map(
          (row): Block => ({
            type: 'section',
            text: { type: 'mrkdwn', text: rowText(row, budget) },
            accessory: button('Details', SLACK_ACTIONS.details, row.detailsToken),
          }),
        ),
        { type: 'divider' },
      ];
    }
    case 'fields':
      return [
        {
          type: 'section',
          fields: e.fields.slice(0, L.sectionFields).map((f) => ({
            type: 'mrkdwn' as const,
            text: truncate(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, L.fieldText),
          })),
        },
      ];
    case 'log': {
      const lines = e.lines.map(
        (l) =>
          `\`${escapeMrkdwn(l.timeText)}\` ${EMOJI[l.tone]} ${escapeMrkdwn(l.message.replace(/\s+/g, ' '))}`,
      );
      const head = e.heading.replace(/^Log/, '*Log*');
      return [section(truncate(`${head}\n${lines.join('\n')}`, L.sectionText))];
    }
    case 'counts':
      return [
        {
          type: 'section',
          fields: e.counts.map((c) => ({
            type: 'mrkdwn' as const,
            text: `${EMOJI[c.tone]} *${c.count}* ${escapeMrkdwn(c.label)}${c.changeText ? `\n_${escapeMrkdwn(c.changeText)}_` : ''}`,
          })),
        },
      ];
    case 'groups': {
      const lines = e.groups.map(
        (g) =>
          `${EMOJI[g.tone]} *${truncate(escapeMrkdwn(g.name), ROW_NAME_MAX)}* · ${groupProblemsText(g)} · last ${slackDate(g.lastAt, g.lastText)}`,
      );
      return [
        { type: 'divider' },
        section(truncate(`*${escapeMrkdwn(e.heading)}*\n${lines.join('\n')}`, L.sectionText)),
        ...(e.more ? [context(escapeMrkdwn(e.more))] : []),
      ];
    }
    case 'trend':
      return [context(`\`${e.bar}\` ${escapeMrkdwn(e.text)}`)];
    case 'page-line':
      return [context(escapeMrkdwn(e.text))];
    case 'owner':
      return [section(ownerText(e.userId, e.name))];
    case 'times-in':
      return [context(`Times in ${escapeMrkdwn(e.timeZone)}`)];
  }
}

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
