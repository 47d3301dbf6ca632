import { fallbackText, groupProblemsText } from '../../core/view/answer-wording';
import type { DigestView } from '../../core/view/sessions-view';
import type { Block, BlockKitMessage } from './block-kit';
import { SLACK_ACTIONS } from './block-kit';
import { BLOCK_KIT_LIMITS as L } from './block-kit-limits';
import { button, EMOJI, openVeeam, plain, ROW_NAME_MAX, slackDate } from './block-kit-parts';
import { escapeMrkdwn, truncate } from './mrkdwn';

/**
 * The daily digest: counts with the change on the day before, problems grouped by policy, a seven-day bar,
 * and a button that opens the full list privately for whoever clicks it.
 */
export function renderDigestBlockKit(view: DigestView): BlockKitMessage {
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
      return `${EMOJI[g.tone]} *${truncate(escapeMrkdwn(g.name), ROW_NAME_MAX)}* · ${groupProblemsText(g)} · last ${slackDate(g.lastAt, g.lastText)}`;
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
  return { text: truncate(escapeMrkdwn(fallbackText(view)), L.fallbackText), blocks };
}
