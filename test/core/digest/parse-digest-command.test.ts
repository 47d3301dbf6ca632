import { parseDigestCommand } from '../../../src/core/digest/parse-digest-command';
import { V2_VOCABULARY } from '../../factories/sessions';

const context = {
  timeZone: 'Europe/Berlin',
  now: new Date('2026-12-01T10:00:00Z'),
  vocabulary: V2_VOCABULARY,
};
const parse = (text: string) => parseDigestCommand(text, context);

describe('digest commands', () => {
  it.each([
    [
      'digest daily 08:00',
      { kind: 'subscribe', days: 'daily', time: '08:00', timeZone: 'Europe/Berlin', filters: '' },
    ],
    [
      'digest 7:30',
      { kind: 'subscribe', days: 'daily', time: '07:30', timeZone: 'Europe/Berlin', filters: '' },
    ],
    [
      'Digest weekdays 7am',
      { kind: 'subscribe', days: 'weekdays', time: '07:00', timeZone: 'Europe/Berlin', filters: '' },
    ],
    [
      'digest daily 7:30 pm UTC',
      { kind: 'subscribe', days: 'daily', time: '19:30', timeZone: 'UTC', filters: '' },
    ],
    [
      'digest daily 12am',
      { kind: 'subscribe', days: 'daily', time: '00:00', timeZone: 'Europe/Berlin', filters: '' },
    ],
    [
      'digest daily 07:30 America/New_York policy:"Prod VMs"',
      {
        kind: 'subscribe',
        days: 'daily',
        time: '07:30',
        timeZone: 'America/New_York',
        filters: 'policy:"Prod VMs"',
      },
    ],
    [
      'digest daily 08:00 snapshots',
      { kind: 'subscribe', days: 'daily', time: '08:00', timeZone: 'Europe/Berlin', filters: 'snapshots' },
    ],
    ['digest status', { kind: 'status' }],
    ['digest off', { kind: 'off' }],
    ['digest stop', { kind: 'off' }],
    ['digest now', { kind: 'now' }],
  ])('reads "%s"', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ['digest', /daily summary/],
    ['digest daily', /time of day/],
    ['digest daily 25:00', /time of day/],
    ['digest daily 8', /time of day/],
    ['digest daily 13pm', /time of day/],
    ['digest daily 08:00 Mars/Olympus', /not a time zone/],
    ['digest daily 08:00 failed', /every status/],
    ['digest daily 08:00 yesterday', /leave the time words out/],
    ['digest daily 08:00 blorp', /blorp/],
  ])('answers "%s" with what to type instead', (text, message) => {
    const result = parse(text);
    expect(result?.kind).toBe('usage');
    expect(result?.kind === 'usage' && result.message).toMatch(message);
    expect(result?.kind === 'usage' && result.message).toContain('digest daily 08:00');
  });

  it.each(['failed today', 'digests are nice', 'help', ''])('leaves "%s" to the question parser', (text) => {
    expect(parse(text)).toBeNull();
  });
});
