import fc from 'fast-check';
import { DateTime } from 'luxon';
import { parseSessionQuery } from '../../../src/core/query/parse-session-query';
import { tokenize } from '../../../src/core/query/tokenize';
import { API_VERSIONS } from '../../../src/core/sessions/api-version';
import { describeTitle } from '../../../src/core/view/describe-query';
import { vocabularyOf } from '../../../src/veeam/api-versions';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Pacific/Kiritimati',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Chatham',
];
// Words the grammar knows, mixed with junk, so generated text reaches deep into the parser.
const WORDS = [
  'failed',
  'warning',
  'running',
  'in',
  'progress',
  'today',
  'yesterday',
  'since',
  'between',
  'and',
  'from',
  'to',
  'last',
  'past',
  'this',
  'week',
  'month',
  'monday',
  'sun',
  'nov',
  '3',
  '3rd',
  'of',
  '2026',
  '2026-11-03',
  '2026-13-45',
  '24h',
  '90',
  'minutes',
  'hours',
  'ago',
  'for',
  'vm',
  'policy',
  'web-01',
  '"Prod VMs"',
  'status:',
  'status:failed,warning',
  'type:PolicyBackup',
  'type:',
  'from:2026-11-01',
  'to:',
  'since:monday',
  '08:00',
  '8am',
  'pm',
  'at',
  'snapshots',
  'restores',
  'archive',
  'help',
  '?',
  '"',
  ':',
  ',',
  '<!channel>',
  '—',
  'Ω',
  '\u0000',
  'now',
  'never',
  'executed',
  'before',
  'until',
  'after',
  'a',
  'an',
  'two',
  '99999',
  '-1',
  '2026-11-03T08:00:00Z',
  'night',
  'overnight',
  'tonight',
  'morning',
  'evening',
  'weekend',
  'over',
  'the',
  '28/11',
  '03/12',
  '27.11.',
  '31/02',
  'nov 25-28',
  '27th',
  'couple',
  'few',
  'fortnight',
  'not',
  'except',
  "didn't",
  'non-successful',
  'latest',
  'most',
  'recent',
  '50',
  'failures',
  'retry',
  'restore',
  'cancel',
  'utc',
  'Europe/London',
  'faild',
  'yesterdy',
  'noon',
  'midnight',
  'around',
  'errors/warnings',
  "today's",
  'sql',
  'done',
  'ok',
];

const context = fc.record({
  now: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }).map((ms) => new Date(ms)),
  timeZone: fc.constantFrom(...ZONES),
  vocabulary: fc.constantFrom(...API_VERSIONS).map(vocabularyOf),
});
const phrase = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(' '));
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  phrase,
);

describe('what the parser answers, whatever it was asked', () => {
  it('offers with every refusal a rewrite that itself parses, and states every window in the title', () => {
    fc.assert(
      fc.property(phrase, context, (text, ctx) => {
        const result = parseSessionQuery(text, ctx);
        if (result.kind === 'usage') {
          expect(parseSessionQuery(result.suggestion, ctx).kind).toBe('query');
          return;
        }
        if (result.kind !== 'query') return;
        const q = result.query;
        if (q.fromUtc || q.toUtc)
          expect(describeTitle(q, { policy: null, vm: null })).toContain(q.timeLabel as string);
        if (q.limit !== null) expect(q.limit).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the parser on any input', () => {
  it('never throws, and every query it returns is one the API accepts', () => {
    fc.assert(
      fc.property(anyText, context, (text, ctx) => {
        const result = parseSessionQuery(text, ctx);
        expect(['query', 'usage', 'help']).toContain(result.kind);
        if (result.kind === 'usage') expect(result.message.length).toBeGreaterThan(0);
        if (result.kind !== 'query') return;
        const q = result.query;
        const profile = ctx.vocabulary;
        for (const s of q.statuses) expect(profile.statuses).toContain(s);
        for (const t of q.types) expect(profile.types).toContain(t);
        expect(new Set(q.statuses).size).toBe(q.statuses.length);
        for (const bound of [q.fromUtc, q.toUtc]) {
          if (bound !== null) {
            expect(bound).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?Z$/);
            expect(DateTime.fromISO(bound).isValid).toBe(true);
          }
        }
        if (q.fromUtc && q.toUtc) expect(Date.parse(q.fromUtc)).toBeLessThan(Date.parse(q.toUtc));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads "today" as starting at local midnight, whatever the zone and moment', () => {
    fc.assert(
      fc.property(context, (ctx) => {
        const result = parseSessionQuery('today', ctx);
        if (result.kind !== 'query') throw new Error('today must parse');
        const from = DateTime.fromISO(result.query.fromUtc as string).setZone(ctx.timeZone);
        const local = DateTime.fromJSDate(ctx.now).setZone(ctx.timeZone);
        expect(from.toISODate()).toBe(local.toISODate());
        expect(from <= local).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads "yesterday" as a whole local day of 23 to 25 hours ending at today\'s midnight', () => {
    fc.assert(
      fc.property(context, (ctx) => {
        const y = parseSessionQuery('yesterday', ctx);
        const t = parseSessionQuery('today', ctx);
        if (y.kind !== 'query' || t.kind !== 'query') throw new Error('must parse');
        expect(y.query.toUtc).toBe(t.query.fromUtc);
        const hours =
          (Date.parse(y.query.toUtc as string) - Date.parse(y.query.fromUtc as string)) / 3_600_000;
        expect(hours).toBeGreaterThanOrEqual(23);
        expect(hours).toBeLessThanOrEqual(25);
      }),
      { numRuns: 500 },
    );
  });

  it.each(['2002-10-27T02:30:30Z', '2002-10-27T03:30:00Z', '2002-10-27T12:00:00Z'])(
    'ends yesterday where today begins where midnight happens twice (St John’s, clocks back at 00:01), at %s',
    (at) => {
      // Found by the property above: Newfoundland turned its clocks back at 00:01 until 2011.
      const ctx = { now: new Date(at), timeZone: 'America/St_Johns', vocabulary: vocabularyOf('v2') };
      const y = parseSessionQuery('yesterday', ctx);
      const t = parseSessionQuery('today', ctx);
      if (y.kind !== 'query' || t.kind !== 'query') throw new Error('must parse');
      expect(t.query.fromUtc).toBe('2002-10-27T02:30:00Z');
      expect(y.query.toUtc).toBe(t.query.fromUtc);
      expect(Date.parse(t.query.fromUtc as string)).toBeLessThanOrEqual(Date.parse(at));
    },
  );

  it('keeps the text of a quoted value whole', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((s) => !/["\s]/.test(s[0] ?? ' ') && !s.includes('"')),
        (value) => {
          const tokens = tokenize(`policy:"${value}"`);
          expect(tokens).toHaveLength(value.trim() ? 1 : 0);
          if (value.trim()) expect(tokens[0]?.raw).toBe(value.normalize('NFKC').replace(/\s+/g, ' ').trim());
        },
      ),
    );
  });
});
