import { parseStreaks } from '../../../src/core/streaks/parse-streaks';

describe('streak questions', () => {
  it.each([
    ['which policies failed 3 days in a row', 3],
    ['Which policies failed 3 days in a row?', 3],
    ['what failed two days in a row', 2],
    ['any backups failed 5 days straight', 5],
    ['which policies have been failing 4 days running', 4],
    ['what keeps failing', 3],
    ['which policies are still failing?', 3],
  ])('%s → %i days', (text, days) => {
    expect(parseStreaks(text)).toEqual({ kind: 'streaks', days, of: 'policies' });
  });

  it.each([
    ['which vms failed 3 days in a row', 3],
    ['which virtual machines have failed four days in a row?', 4],
    ['what vms keep failing', 3],
  ])('%s asks it of each VM, %i days', (text, days) => {
    expect(parseStreaks(text)).toEqual({ kind: 'streaks', days, of: 'vms' });
  });

  it.each([
    ['which policies failed 1 days in a row', /2 to 14 days/],
    ['which policies failed 30 days in a row', /2 to 14 days/],
  ])('%s is refused with a reason', (text, reason) => {
    const r = parseStreaks(text);
    expect(r?.kind).toBe('usage');
    expect(r?.kind === 'usage' ? r.message : '').toMatch(reason);
  });

  it.each(['failed today', 'why did Prod VMs fail', 'failed 3 times'])('leaves %s to others', (text) => {
    expect(parseStreaks(text)).toBeNull();
  });
});
