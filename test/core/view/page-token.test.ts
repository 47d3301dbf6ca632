import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { parseSessionQuery } from '../../../src/core/query/parse-session-query';
import { API_VERSIONS } from '../../../src/core/sessions/api-version';
import { codeOfValue, valueOfCode, valuesWithoutCode } from '../../../src/core/view/button-codes';
import { createButtonTokens, MAX_TOKEN_LENGTH, type PageState } from '../../../src/core/view/page-token';
import { vocabularyOf } from '../../../src/veeam/api-versions';
import { makeQuery, V2_VOCABULARY } from '../../factories/sessions';

const KEY = 'k'.repeat(32);
const tokens = createButtonTokens({ current: KEY }, () => V2_VOCABULARY);
const encodePageToken = tokens.encodePage;
const decodePageToken = tokens.decodePage;
const encodeDetailsToken = tokens.encodeDetails;
const decodeDetailsToken = tokens.decodeDetails;
const SESSION = '00000000-0000-4000-8000-000000000001';

/** Re-encodes a token's JSON after `change`, keeping its MAC: what an attacker without the key can do. */
function tamper(token: string, change: (json: Record<string, unknown>) => void): string {
  const [v, body, mac] = token.split('.') as [string, string, string];
  const json = JSON.parse(Buffer.from(body, 'base64url').toString());
  change(json);
  return `${v}.${Buffer.from(JSON.stringify(json)).toString('base64url')}.${mac}`;
}

/** A token signed with the right key but carrying fields the bot would never write. */
function signedWith(payload: unknown, key = KEY): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', key).update(`sb3.${body}`).digest('base64url').slice(0, 22);
  return `sb3.${body}.${mac}`;
}

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
    const details = {
      sessionId: SESSION,
      back: state,
      timeZone: 'Asia/Kolkata',
    };
    expect(decodeDetailsToken(encodeDetailsToken(details))).toEqual({ ok: true, value: details });
    expect(decodeDetailsToken(encodeDetailsToken({ ...details, back: null }))).toMatchObject({
      ok: true,
      value: { back: null },
    });
  });

  it('check statuses and types against what the appliance serves now, not when the button was made', () => {
    let served = vocabularyOf('v8.1');
    const moving = createButtonTokens({ current: KEY }, () => served);
    const sql = { ...state, query: makeQuery({ types: ['SqlPolicyBackup'], vocabulary: served }) };
    const token = moving.encodePage(sql);
    expect(moving.decodePage(token)).toEqual({ ok: true, value: sql });
    served = vocabularyOf('v2');
    expect(moving.decodePage(token)).toMatchObject({ ok: false, problem: 'damaged' });
  });

  it('refuse a token whose data was changed', () => {
    const forged = tamper(encodePageToken(state), (json) => {
      json.o = 990;
    });
    expect(decodePageToken(forged)).toMatchObject({
      ok: false,
      problem: 'damaged',
      message: expect.stringMatching(/changed/),
    });
  });

  it.each([
    ['cut short', (t: string) => t.slice(0, t.length - 7), 'damaged'],
    ['from an older format', (t: string) => t.replace(/^sb3\./, 'sb2.'), 'outdated'],
    ['not ours', () => 'hello world', 'foreign'],
    ['empty', () => '', 'foreign'],
    [
      'a details token used for paging',
      () => encodeDetailsToken({ sessionId: SESSION, back: null, timeZone: 'UTC' }),
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
          fc.string().map((s) => `sb3.${s}`),
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
      vocabulary: V2_VOCABULARY,
    });
    if (parsed.kind !== 'query') throw new Error(JSON.stringify(parsed));
    const page = { query: parsed.query, offset: 999_990, limit: 25 };
    const token = encodeDetailsToken({
      sessionId: '00000000-0000-4000-8000-000000000000',
      back: page,
      timeZone: parsed.query.timeZone,
    });
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(decodeDetailsToken(token)).toMatchObject({ ok: true, value: { back: page } });
  });

  it('refuse names longer than the token can carry, already at parse time', () => {
    const parsed = parseSessionQuery(`policy:"${'x'.repeat(129)}"`, {
      now: new Date(),
      timeZone: 'UTC',
      vocabulary: V2_VOCABULARY,
    });
    expect(parsed).toMatchObject({ kind: 'usage', message: expect.stringMatching(/longer than 128/) });
  });

  describe('signed with a key of the configuration', () => {
    it('refuse a token made with the old unkeyed check (the audit could forge those)', () => {
      const body = encodePageToken(state).split('.')[1] as string;
      const unkeyed = createHash('sha256').update(`sessions-bot|${body}`).digest('base64url').slice(0, 10);
      expect(decodePageToken(`sb3.${body}.${unkeyed}`)).toMatchObject({ ok: false, problem: 'damaged' });
    });

    it('refuse a token signed with another key, and accept the previous key during a rotation', () => {
      const oldKey = 'o'.repeat(32);
      const before = createButtonTokens({ current: oldKey }, () => V2_VOCABULARY).encodePage(state);
      expect(decodePageToken(before)).toMatchObject({ ok: false, problem: 'damaged' });
      const rotating = createButtonTokens({ current: KEY, previous: oldKey }, () => V2_VOCABULARY);
      expect(rotating.decodePage(before)).toEqual({ ok: true, value: state });
      expect(rotating.encodePage(state)).toBe(encodePageToken(state));
    });

    it('never accept a forged token by its MAC, whatever its body', () => {
      fc.assert(
        fc.property(fc.integer({ min: 26, max: 1000 }), fc.string({ maxLength: 40 }), (n, zone) => {
          const forged = tamper(encodePageToken(state), (json) => {
            json.n = n;
            (json.q as Record<string, unknown>).z = zone;
          });
          expect(decodePageToken(forged).ok).toBe(false);
        }),
        { numRuns: 300 },
      );
    });

    const valid = JSON.parse(
      Buffer.from(encodePageToken(state).split('.')[1] as string, 'base64url').toString(),
    );
    it.each([
      ['a page of 100 rows (Slack refuses over 50 blocks)', { ...valid, n: 100 }],
      ['a page of 26 rows', { ...valid, n: 26 }],
      ['a markdown link as the time zone', { ...valid, q: { ...valid.q, z: '[x](https://evil.example)' } }],
      ['a zone the runtime does not know', { ...valid, q: { ...valid.q, z: 'Mars/Olympus' } }],
      ['a status code nobody assigned', { ...valid, q: { ...valid.q, s: [999] } }],
      [
        'a v8 type while the appliance serves v2',
        { ...valid, q: { ...valid.q, t: [codeOfValue('SqlPolicyBackup')] } },
      ],
    ])('check every field even under a valid signature: %s', (_what, payload) => {
      expect(decodePageToken(signedWith(payload))).toMatchObject({ ok: false, problem: 'damaged' });
    });

    it.each(['.', '..', '../policies', 'abc', `${SESSION}/log`])(
      'refuse a details token whose session id is not a UUID (%s)',
      (id) => {
        const payload = { k: 'd', i: id, z: 'UTC', b: null };
        expect(decodeDetailsToken(signedWith(payload))).toMatchObject({ ok: false, problem: 'damaged' });
      },
    );
  });

  describe('stable codes for statuses and types', () => {
    it('give every value of every API version a code', () => {
      expect(valuesWithoutCode(API_VERSIONS.map(vocabularyOf))).toEqual([]);
    });

    // Pinned: a code that changes meaning changes what every button already posted in chat asks for.
    it.each([
      [0, 'Canceled'],
      [2, 'Error'],
      [8, 'Success'],
      [9, 'Warning'],
      [10, 'Unknown'],
      [17, 'PolicyBackup'],
      [18, 'PolicySnapshot'],
      [30, 'SqlPolicyBackup'],
      [46, 'CosmosDbManualBackup'],
    ])('code %i means %s', (code, value) => {
      expect(valueOfCode(code)).toBe(value);
      expect(codeOfValue(value)).toBe(code);
    });
  });
});
