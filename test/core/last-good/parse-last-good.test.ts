import { parseLastGood } from '../../../src/core/last-good/parse-last-good';

describe('last known good questions', () => {
  it.each([
    ['when did web-01 last back up successfully?', 'web-01'],
    ['When did web-01 last backup', 'web-01'],
    ['when was Prod VMs last backed up', 'Prod VMs'],
    ['when did "HR Systems" last succeed', 'HR Systems'],
    ['last good backup of Prod VMs', 'Prod VMs'],
    ['when was the last successful backup of web-01?', 'web-01'],
    ['is the nightly backup of web-01 done?', 'web-01'],
  ])('%s → %s', (text, name) => {
    expect(parseLastGood(text)).toEqual({ kind: 'last-good', name });
  });

  it('asks which policy or VM when the question names none', () => {
    expect(parseLastGood('when did it last back up')).toMatchObject({ kind: 'usage' });
  });

  it.each(['the last backup of web-01', 'last 5 failures', 'failed today', 'why did web-01 fail'])(
    'leaves %s to the other readers',
    (text) => {
      expect(parseLastGood(text)).toBeNull();
    },
  );
});
