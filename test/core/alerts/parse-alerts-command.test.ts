import { parseAlertsCommand } from '../../../src/core/alerts/parse-alerts-command';
import { V2_VOCABULARY } from '../../factories/sessions';

const context = {
  timeZone: 'Europe/Berlin',
  now: new Date('2026-12-03T10:00:00Z'),
  vocabulary: V2_VOCABULARY,
};
const parse = (text: string) => parseAlertsCommand(text, context);

describe('alerts commands', () => {
  it.each([
    ['alerts on', { filters: '', includeWarnings: false, afterFailures: 1, policy: null, types: [] }],
    ['Alerts ON', { filters: '', includeWarnings: false, afterFailures: 1, policy: null, types: [] }],
    ['alerts on warnings', { filters: '', includeWarnings: true, afterFailures: 1, policy: null, types: [] }],
    [
      'alerts on with warnings',
      { filters: '', includeWarnings: true, afterFailures: 1, policy: null, types: [] },
    ],
    [
      'alerts on after 2 failures',
      { filters: '', includeWarnings: false, afterFailures: 2, policy: null, types: [] },
    ],
    [
      'alerts on after 3 fails in a row',
      { filters: '', includeWarnings: false, afterFailures: 3, policy: null, types: [] },
    ],
    [
      'alerts on policy:"Prod VMs"',
      {
        filters: 'policy:"Prod VMs"',
        includeWarnings: false,
        afterFailures: 1,
        policy: 'Prod VMs',
        types: [],
      },
    ],
    [
      'alerts on snapshots warnings after 2 failures',
      {
        filters: 'snapshots',
        includeWarnings: true,
        afterFailures: 2,
        policy: null,
        types: ['ManualSnapshot', 'PolicySnapshot'],
      },
    ],
    [
      'alerts on failed',
      { filters: 'failed', includeWarnings: false, afterFailures: 1, policy: null, types: [] },
    ],
  ])('%s → alerts on', (text, expected) => {
    const command = parse(text);
    if (command?.kind !== 'on') throw new Error(`not "on": ${JSON.stringify(command)}`);
    expect({
      filters: command.filters,
      includeWarnings: command.includeWarnings,
      afterFailures: command.afterFailures,
      policy: command.query?.policy ?? null,
      types: command.query?.types ?? [],
    }).toEqual(expected);
  });

  it.each([
    ['alerts status', 'status'],
    ['alerts off', 'off'],
    ['alert stop', 'off'],
    ['alerts unsubscribe', 'off'],
  ])('%s → %s', (text, kind) => {
    expect(parse(text)?.kind).toBe(kind);
  });

  it.each([
    ['alerts', /tell this channel/],
    ['alerts help', /tell this channel/],
    ['alerts maybe', /not "maybe"/],
    ['alerts on after 0 failures', /between 1 and 10/],
    ['alerts on after 11 failures', /between 1 and 10/],
    ['alerts on today', /leave the time words out/],
    ['alerts on succeeded', /leave other status words out/],
    ['alerts on vm:web-01', /policies, not single VMs/],
    ['alerts on last 5 failures', /leave the count out/],
    ['alerts on blorp', /blorp/],
  ])('%s is refused with a reason, not dropped', (text, reason) => {
    const command = parse(text);
    expect(command?.kind).toBe('usage');
    expect(command?.kind === 'usage' ? command.message : '').toMatch(reason);
    expect(command?.kind === 'usage' ? command.message : '').toContain('`alerts on`');
  });

  it.each(['failed today', 'digest daily 08:00', 'alertsy on'])('leaves %s to the other readers', (text) => {
    expect(parse(text)).toBeNull();
  });
});
