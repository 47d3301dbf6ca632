import { fallbackText } from '../../../src/core/view/answer-wording';
import { buildCard } from '../../../src/core/view/build-card';
import { buildHelpView } from '../../../src/core/view/build-error-view';
import { representativeViews } from '../../contracts/representative-views';
import { V2_VOCABULARY } from '../../factories/sessions';

// The card tree every renderer lowers: which elements and buttons each answer is made of, in order.
// A renderer draws these and nothing else, so what an answer holds is decided once, here.

const views = new Map(representativeViews());
const of = (name: string) => {
  const view = views.get(name);
  if (!view) throw new Error(`no representative view ${name}`);
  return view;
};

describe('the card tree of each answer', () => {
  it.each([
    ['sessions-first-page', ['title', 'understood', 'rows', 'page-line'], ['next', 'open-url']],
    ['sessions-last-page', ['title', 'understood', 'rows', 'page-line'], ['previous', 'open-url']],
    ['sessions-empty', ['title', 'understood', 'paragraph', 'rows'], ['open-url']],
    ['error-unreachable', ['alert'], ['retry']],
    ['details', ['title', 'fields', 'log', 'times-in'], ['back', 'why', 'open-url']],
    ['digest', ['title', 'window', 'counts', 'groups', 'trend'], ['show-all', 'open-url']],
    ['digest-all-green-late', ['title', 'window', 'late', 'all-green', 'counts', 'trend'], ['open-url']],
  ])('%s', (name, elements, actions) => {
    const card = buildCard(of(name));
    expect(card.elements.map((e) => e.type)).toEqual(elements);
    expect(card.actions.map((a) => a.kind)).toEqual(actions);
    expect(card.fallback).toBe(fallbackText(of(name)));
  });

  it('offers the page itself for sharing, and only for a list', () => {
    const list = of('sessions-first-page');
    if (list.kind !== 'sessions') throw new Error('expected a list');
    expect(buildCard(list).shareToken).toBe(list.paging.currentToken);
    expect(buildCard(of('details')).shareToken).toBeNull();
  });

  it('gives the rows the page token a platform that picks a session sends back with the pick', () => {
    const list = of('sessions-first-page');
    const rows = buildCard(list).elements.find((e) => e.type === 'rows');
    if (list.kind !== 'sessions' || rows?.type !== 'rows') throw new Error('expected rows');
    expect(rows.pageToken).toBe(list.paging.currentToken);
    expect(rows.rows).toHaveLength(list.rows.length);
  });

  it('says help as a title and its lines', () => {
    const help = buildHelpView(V2_VOCABULARY, '/sessions');
    expect(buildCard(help).elements).toEqual([
      { type: 'title', text: help.title },
      { type: 'prose', text: help.text },
    ]);
  });
});
