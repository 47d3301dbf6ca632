import { fallbackText, groupProblemsText } from '../../core/view/answer-wording';
import type { DigestView } from '../../core/view/sessions-view';
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

/** The daily digest, saying what the Block Kit one says. */
export function renderDigestAdaptiveCard(view: DigestView): AdaptiveCardMessage {
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
      body.push(
        plainTextBlock(
          [
            textRun(`${ICON[g.tone]} `),
            textRun(truncateText(g.name, 120), { weight: 'Bolder' }),
            textRun(` · ${groupProblemsText(g)}`, COLOR[g.tone] ? { color: COLOR[g.tone] } : {}),
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
  return { card: card(body, actions), text: fallbackText(view) };
}
