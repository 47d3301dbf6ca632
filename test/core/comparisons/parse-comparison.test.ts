import { parseComparison } from '../../../src/core/comparisons/parse-comparison';
import { ANSWER_PARSE_CONTEXT } from '../../factories/sessions';

/** Thu 3 Dec 2026 13:00 in Berlin. */
const ctx = ANSWER_PARSE_CONTEXT;

describe('reading comparisons', () => {
  it.each([
    [
      'this week vs last week',
      ['2026-11-29T23:00:00Z', null, 'this week'],
      ['2026-11-22T23:00:00Z', '2026-11-29T23:00:00Z', 'last week'],
    ],
    [
      'compare yesterday with the day before',
      ['2026-12-01T23:00:00Z', '2026-12-02T23:00:00Z', 'yesterday'],
      ['2026-11-30T23:00:00Z', '2026-12-01T23:00:00Z', 'the day before'],
    ],
    [
      'compare yesterday',
      ['2026-12-01T23:00:00Z', '2026-12-02T23:00:00Z', 'yesterday'],
      ['2026-11-30T23:00:00Z', '2026-12-01T23:00:00Z', 'the day before'],
    ],
    [
      'failures this month vs last month',
      ['2026-11-30T23:00:00Z', null, 'this month'],
      ['2026-10-31T23:00:00Z', '2026-11-30T23:00:00Z', 'last month'],
    ],
    [
      'are we getting worse?',
      ['2026-11-29T23:00:00Z', null, 'this week'],
      ['2026-11-22T23:00:00Z', '2026-11-29T23:00:00Z', 'the week before'],
    ],
    [
      'this week compared to the week before',
      ['2026-11-29T23:00:00Z', null, 'this week'],
      ['2026-11-22T23:00:00Z', '2026-11-29T23:00:00Z', 'the week before'],
    ],
    [
      'last 7 days vs the previous period',
      ['2026-11-26T12:00:00Z', null, 'last 7 days'],
      ['2026-11-19T12:00:00Z', '2026-11-26T12:00:00Z', 'the previous period'],
    ],
    [
      'today vs yesterday',
      ['2026-12-02T23:00:00Z', null, 'today'],
      ['2026-12-01T23:00:00Z', '2026-12-02T23:00:00Z', 'yesterday'],
    ],
  ])('%s', (text, [aFrom, aTo, aLabel], [bFrom, bTo, bLabel]) => {
    expect(parseComparison(text, ctx)).toMatchObject({
      kind: 'comparison',
      first: { fromUtc: aFrom, toUtc: aTo, label: aLabel },
      second: { fromUtc: bFrom, toUtc: bTo, label: bLabel },
    });
  });

  it('applies a policy named before the first period to both', () => {
    expect(parseComparison('Prod VMs this week vs last week', ctx)).toMatchObject({
      kind: 'comparison',
      query: { name: 'Prod VMs' },
    });
  });

  it.each([
    ['this week vs last week for Prod VMs', 'Name the policy, VM or type once, before the first period'],
    ['compare Prod VMs with HR Systems', 'I compare periods'],
    ['this week vs blorp', 'I don\'t know "blorp"'],
    ['the last 5 sessions vs last week', 'reads a window, not the newest 5'],
  ])('refuses %s, saying why', (text, says) => {
    const r = parseComparison(text, ctx);
    expect(r?.kind).toBe('usage');
    expect(r && 'message' in r ? r.message : '').toContain(says);
  });

  it.each(['failed today', 'backups with warnings today', 'restore sessions to web-01', 'compare'])(
    'leaves %s to the other questions',
    (text) => {
      expect(parseComparison(text, ctx)).toBeNull();
    },
  );
});
