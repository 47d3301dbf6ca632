import fc from 'fast-check';
import { parseSessionQuery } from '../../../src/core/query/parse-session-query';
import {
  decodeDetailsToken,
  decodePageToken,
  encodeDetailsToken,
  encodePageToken,
  MAX_TOKEN_LENGTH,
  type PageState,
} from '../../../src/core/view/page-token';
import { makeQuery } from '../../factories/sessions';

const state: PageState = {
  query: makeQuery({ policy: 'Prod VMs', types: ['PolicyBackup'] }),
  offset: 20,
  limit: 10,
};

describe('paging tokens', () => {
  it('round-trip the query, offset and page size', () => {
    expect(decodePageToken(encodePageToken(state))).toEqual({ ok: true, value: state });
  });

  it('round-trip details with and without a page to go back to', () => {
    const details = { sessionId: 'abc', back: state, timeZone: 'Asia/Kolkata', apiVersion: 'v8.1' as const };
    expect(decodeDetailsToken(encodeDetailsToken(details))).toEqual({ ok: true, value: details });
    expect(decodeDetailsToken(encodeDetailsToken({ ...details, back: null }))).toMatchObject({
      ok: true,
      value: { back: null },
    });
  });

  it('refuse a token whose data was changed', () => {
    const [v, body, sum] = encodePageToken(state).split('.') as [string, string, string];
    const json = JSON.parse(Buffer.from(body, 'base64url').toString());
    json.o = 990;
    const forged = `${v}.${Buffer.from(JSON.stringify(json)).toString('base64url')}.${sum}`;
    expect(decodePageToken(forged)).toMatchObject({
      ok: false,
      problem: 'damaged',
      message: expect.stringMatching(/changed/),
    });
  });

  it.each([
    ['cut short', (t: string) => t.slice(0, t.length - 7), 'damaged'],
    ['from an older format', (t: string) => t.replace(/^sb1\./, 'sb0.'), 'outdated'],
    ['not ours', () => 'hello world', 'foreign'],
    ['empty', () => '', 'foreign'],
    [
      'a details token used for paging',
      () => encodeDetailsToken({ sessionId: 'x', back: null, timeZone: 'UTC', apiVersion: 'v2' }),
      'damaged',
    ],
  ])('refuse a token %s with a clear message', (_what, mutate, problem) => {
    const result = decodePageToken(mutate(encodePageToken(state)));
    expect(result).toMatchObject({ ok: false, problem, message: expect.stringMatching(/\.$/) });
  });

  it('never throw on any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `sb1.${s}`),
          fc.anything(),
        ),
        (input) => {
          const page = decodePageToken(input);
          const details = decodeDetailsToken(input);
          expect(typeof page.ok).toBe('boolean');
          expect(typeof details.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('fit in a Slack button value for the longest query the parser accepts', () => {
    const text = `status:failed,warning,running,canceled,pending type:${'PolicyBackup,PolicySnapshot,ManualSnapshot,BackupRetention,RestoreVms,RestoreDisks,FileLevelRestore'} policy:"${'p'.repeat(128)}" vm:"${'v'.repeat(128)}" "${'n'.repeat(128)}" between 2026-11-01T08:00:00+05:30 and 2026-11-07T08:00:00+05:30`;
    const parsed = parseSessionQuery(text, {
      now: new Date('2026-11-29T10:00:00Z'),
      timeZone: 'America/Argentina/ComodRivadavia',
    });
    if (parsed.kind !== 'query') throw new Error(JSON.stringify(parsed));
    const page = { query: parsed.query, offset: 999_990, limit: 25 };
    const token = encodeDetailsToken({
      sessionId: '00000000-0000-4000-8000-000000000000',
      back: page,
      timeZone: parsed.query.timeZone,
      apiVersion: 'v8.1',
    });
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(decodeDetailsToken(token)).toMatchObject({ ok: true, value: { back: page } });
  });

  it('refuse names longer than the token can carry, already at parse time', () => {
    const parsed = parseSessionQuery(`policy:"${'x'.repeat(129)}"`, { now: new Date(), timeZone: 'UTC' });
    expect(parsed).toMatchObject({ kind: 'usage', message: expect.stringMatching(/longer than 128/) });
  });
});
