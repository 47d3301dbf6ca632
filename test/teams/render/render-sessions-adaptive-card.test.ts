import { buildSessionsView } from '../../../src/core/view/build-sessions-view';
import { type AdaptiveCardMessage, CARD_VERBS } from '../../../src/teams/render/adaptive-card-parts';
import {
  CARD_BYTES_BUDGET,
  renderAnswerAdaptiveCard,
  SESSION_INPUT_ID,
} from '../../../src/teams/render/render-sessions-adaptive-card';
import { INVISIBLE_CONTROL, type RenderedButton, rendererContract } from '../../contracts/renderer-contract';
import { representativeViews } from '../../contracts/representative-views';
import { makePage, makeQuery, TEST_TOKENS, VIEW_NOW } from '../../factories/sessions';
import { adaptiveCardProblems } from '../../support/adaptive-card-validator';
import { expectMatchesGolden } from '../../support/golden';

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
  } else if (node && typeof node === 'object') {
    visit(node as Node);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

function actionsOf(card: Node): Node[] {
  const out: Node[] = [];
  walk(card, (n) => {
    if (typeof n.type === 'string' && n.type.startsWith('Action.')) out.push(n);
  });
  return out;
}

function choicesOf(card: Node): string[] {
  const out: string[] = [];
  walk(card, (n) => {
    if (n.type === 'Input.ChoiceSet' && n.id === SESSION_INPUT_ID)
      out.push(...(n.choices as Node[]).map((c) => String(c.value)));
  });
  return out;
}

function kindOf(a: Node): RenderedButton['kind'] {
  if (a.type === 'Action.OpenUrl') return 'open';
  if (a.verb === CARD_VERBS.alert) return 'alert';
  if (a.verb === CARD_VERBS.showAll) return 'list';
  if (a.verb === CARD_VERBS.details) return 'details';
  if (a.verb === CARD_VERBS.retry) return 'retry';
  if (a.verb === CARD_VERBS.why) return 'why';
  const title = String(a.title);
  return title.includes('Previous') ? 'previous' : title.includes('Back') ? 'back' : 'next';
}

rendererContract<AdaptiveCardMessage>({
  name: 'Teams Adaptive Card',
  render: renderAnswerAdaptiveCard,
  visibleText: (m) => {
    const out: string[] = [];
    walk(m.card, (n) => {
      if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') out.push(n.text);
      if (typeof n.type === 'string' && n.type.startsWith('Action.') && typeof n.title === 'string')
        out.push(n.title);
    });
    // A row's runs read as one line.
    walk(m.card, (n) => {
      if (n.type === 'RichTextBlock') out.push((n.inlines as Node[]).map((r) => String(r.text)).join(''));
    });
    return out;
  },
  // The Details action sends the picked choice with the page token of its data: one "button" per choice.
  buttons: (m) =>
    actionsOf(m.card).flatMap((a): RenderedButton[] => {
      const token = a.data ? (a.data as { token: string }).token : undefined;
      if (kindOf(a) === 'details') {
        return choicesOf(m.card).map((sessionId) => ({
          kind: 'details' as const,
          sessionId,
          ...(token ? { pageToken: token } : {}),
        }));
      }
      return [{ kind: kindOf(a), ...(token ? { token } : {}), ...(a.url ? { url: String(a.url) } : {}) }];
    }),
  problems: (m) => {
    const problems = adaptiveCardProblems(m.card);
    const bytes = Buffer.byteLength(JSON.stringify(m.card));
    if (bytes > CARD_BYTES_BUDGET)
      problems.push(`card is ${bytes} bytes, over the ${CARD_BYTES_BUDGET} budget`);
    return problems;
  },
  // TextBlock text and titles are markdown in Teams; TextRuns are not.
  leaksAsMarkup: (m, hostile) => {
    let leak = false;
    walk(m.card, (n) => {
      if (n.type === 'TextBlock' && String(n.text).includes(hostile)) leak = true;
      if (n.type === 'FactSet') leak = true;
      if (n.type === 'TextRun' && (INVISIBLE_CONTROL.test(String(n.text)) || String(n.text).includes('{{')))
        leak = true;
    });
    return leak;
  },
  fallback: (m) => m.text,
});

describe('Teams Adaptive Cards, as a reviewer sees them', () => {
  const ctx = { now: VIEW_NOW, veeamUrl: 'https://veeam.example.com', tokens: TEST_TOKENS };

  it.each(representativeViews())('matches the golden file of %s', (name, view) => {
    expectMatchesGolden(`teams/${name}.card`, renderAnswerAdaptiveCard(view));
  });

  it('is an Adaptive Card 1.5 at full width whose paging buttons are Action.Execute', () => {
    const { card } = renderAnswerAdaptiveCard(
      buildSessionsView(makeQuery(), makePage(10, { offset: 10, total: 27 }), ctx),
    );
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
    const paging = (card.actions as Node[]).filter((a) => a.verb === CARD_VERBS.page);
    expect(paging.map((a) => a.type)).toEqual(['Action.Execute', 'Action.Execute']);
  });

  it("writes every time in the asker's zone and says so once, so row, picker and footer agree", () => {
    const view = buildSessionsView(makeQuery(), makePage(1), ctx);
    const json = JSON.stringify(renderAnswerAdaptiveCard(view).card);
    // DATE()/TIME() follow each reader's zone: beside the picker's asker-zone times they contradicted.
    expect(json).not.toMatch(/\{\{(DATE|TIME)\(/);
    const started = view.rows[0]?.startedText as string;
    expect(json.split(started).length - 1).toBeGreaterThanOrEqual(2);
    expect(json).toContain(`times in ${view.timeZone}`);
  });

  it('colours statuses only where the colour stays readable (no yellow or green text)', () => {
    for (const status of ['Warning', 'Success', 'Error'] as const) {
      const json = JSON.stringify(
        renderAnswerAdaptiveCard(buildSessionsView(makeQuery(), makePage(1, {}, { status }), ctx)).card,
      );
      expect(json).not.toMatch(/"color":"(Warning|Good)"/);
    }
  });

  it('reports what the official validator finds in a broken card (the check can fail)', () => {
    expect(
      adaptiveCardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'Bogus' }, { type: 'TextBlock', text: 'x', size: 'Huge' }],
      }).length,
    ).toBe(2);
  });
});
