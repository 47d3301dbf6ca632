import { buildSessionsView } from '../../../src/core/view/build-sessions-view';
import type { Block, BlockKitMessage, Button } from '../../../src/slack/render/block-kit';
import { SLACK_ACTIONS, SLACK_ALERT_ACTIONS } from '../../../src/slack/render/block-kit';
import { renderAnswerBlockKit } from '../../../src/slack/render/render-sessions-block-kit';
import { INVISIBLE_CONTROL, type RenderedButton, rendererContract } from '../../contracts/renderer-contract';
import { representativeViews } from '../../contracts/representative-views';
import { makePage, makeQuery, TEST_TOKENS, VIEW_NOW } from '../../factories/sessions';
import { blockKitProblems } from '../../support/block-kit-limits-check';
import { expectMatchesGolden } from '../../support/golden';

function buttonsOf(m: BlockKitMessage): Button[] {
  return m.blocks.flatMap((b: Block) =>
    b.type === 'actions' ? b.elements : b.type === 'section' && b.accessory ? [b.accessory] : [],
  );
}

function mrkdwnTexts(m: BlockKitMessage): string[] {
  return [
    m.text,
    ...m.blocks.flatMap((b) => {
      if (b.type === 'section')
        return [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)];
      if (b.type === 'context') return b.elements.filter((e) => e.type === 'mrkdwn').map((e) => e.text);
      return [];
    }),
  ];
}

const KIND: Record<string, RenderedButton['kind']> = {
  [SLACK_ACTIONS.previous]: 'previous',
  [SLACK_ACTIONS.next]: 'next',
  [SLACK_ACTIONS.details]: 'details',
  [SLACK_ACTIONS.back]: 'back',
  [SLACK_ACTIONS.retry]: 'retry',
  [SLACK_ACTIONS.openVeeam]: 'open',
  [SLACK_ACTIONS.showAll]: 'list',
  [SLACK_ACTIONS.why]: 'why',
  ...Object.fromEntries(Object.values(SLACK_ALERT_ACTIONS).map((id) => [id, 'alert' as const])),
};

const unescapeMrkdwn = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

rendererContract<BlockKitMessage>({
  name: 'Slack Block Kit',
  render: renderAnswerBlockKit,
  visibleText: (m) => [
    ...mrkdwnTexts(m).map(unescapeMrkdwn),
    ...m.blocks.flatMap((b) =>
      b.type === 'header'
        ? [b.text.text]
        : b.type === 'context'
          ? b.elements.filter((e) => e.type === 'plain_text').map((e) => e.text)
          : [],
    ),
    ...buttonsOf(m).map((b) => b.text.text),
  ],
  buttons: (m) =>
    buttonsOf(m).map((b) => ({
      kind: KIND[b.action_id] ?? 'open',
      ...(b.value !== undefined ? { token: b.value } : {}),
      ...(b.url !== undefined ? { url: b.url } : {}),
    })),
  problems: blockKitProblems,
  // mrkdwn interprets <…>; plain_text (headers, buttons) does not.
  leaksAsMarkup: (m, hostile) =>
    mrkdwnTexts(m).some(
      (t) =>
        INVISIBLE_CONTROL.test(t) ||
        (/[<*~]|(^|\W)_|:\/\//.test(hostile) && t.includes(hostile)) ||
        /:\/\/evil/.test(t),
    ),
  fallback: (m) => unescapeMrkdwn(m.text),
});

describe('Slack Block Kit, as a reviewer sees it', () => {
  const ctx = { now: VIEW_NOW, veeamUrl: 'https://veeam.example.com', tokens: TEST_TOKENS };

  it.each(representativeViews())('matches the golden file of %s', (name, view) => {
    expectMatchesGolden(`slack/${name}.blocks`, renderAnswerBlockKit(view));
  });

  it("writes times as Slack date tokens, so each reader sees their own zone, with the asker's as fallback", () => {
    const m = renderAnswerBlockKit(buildSessionsView(makeQuery(), makePage(1), ctx));
    const row = m.blocks.find((b) => b.type === 'section');
    expect(row?.type === 'section' && row.text?.text).toContain(
      '<!date^1795939200^{date_short_pretty} {time}|Sun 29 Nov 09:00>',
    );
  });

  it('escapes a hostile name to the exact entities Slack expects', () => {
    const m = renderAnswerBlockKit(
      buildSessionsView(makeQuery(), makePage(1, {}, { targetName: 'A&B <!channel>' }), ctx),
    );
    expect(mrkdwnTexts(m).join()).toContain('A&amp;B &lt;!channel&gt;');
  });
});
