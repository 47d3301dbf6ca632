import { parseRankings } from '../../../src/core/rankings/parse-rankings';
import { ANSWER_PARSE_CONTEXT } from '../../factories/sessions';

/** Thu 3 Dec 2026 13:00 in Berlin. */
const ctx = ANSWER_PARSE_CONTEXT;

describe('reading ranking and rate questions', () => {
  it.each([
    ['top failing policies this month', 'top-failing', false, 5, 'this month', null],
    ['top 3 failing policies', 'top-failing', false, 3, 'last 7 days', null],
    ['which policies failed the most this week?', 'top-failing', false, 5, 'this week', null],
    ['worst policies yesterday', 'top-failing', false, 5, 'yesterday', null],
    ['slowest policies this week', 'slowest', false, 5, 'this week', null],
    ['longest running backups last 30 days', 'slowest', false, 5, 'last 30 days', null],
    ['success rate this week', 'success-rate', false, 5, 'this week', null],
    ['what is the success rate of Prod VMs last week?', 'success-rate', false, 5, 'last week', 'Prod VMs'],
    ['failure rate per policy last 30 days', 'failure-rate', true, 5, 'last 30 days', null],
    ['failure rate last 30 days by policy', 'failure-rate', true, 5, 'last 30 days', null],
    ['flapping policies this week', 'flapping', false, 5, 'this week', null],
    ['which policies are flapping', 'flapping', false, 5, 'last 7 days', null],
  ])('%s', (text, metric, perPolicy, top, timeLabel, name) => {
    const r = parseRankings(text, ctx);
    expect(r).toMatchObject({ kind: 'ranking', metric, perPolicy, top, query: { timeLabel, name } });
  });

  it.each([
    ['success rate of failed sessions', 'counts every status itself'],
    ['top 50 failing policies', 'I rank 1 to 10 policies'],
    ['top failing policies blah', 'I don\'t know "blah"'],
    ['success rate of the last 20 sessions', 'reads a window'],
  ])('refuses %s, saying why', (text, says) => {
    const r = parseRankings(text, ctx);
    expect(r?.kind).toBe('usage');
    expect(r && 'message' in r ? r.message : '').toContain(says);
    expect(r && 'message' in r ? r.message : '').toContain('`success rate this week`');
  });

  it.each(['failed today', 'why did Prod VMs fail', 'top', 'which policies failed 3 days in a row'])(
    'leaves %s to the other questions',
    (text) => {
      expect(parseRankings(text, ctx)).toBeNull();
    },
  );
});
