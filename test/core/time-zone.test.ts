import { isTimeZone } from '../../src/core/time-zone';

describe('isTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['<!channel>', false],
  ])('%j → %s, the same when asked again', (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
    expect(isTimeZone(zone)).toBe(expected);
  });

  it('still answers right once more names than it remembers have been asked', () => {
    for (let i = 0; i < 1_500; i++) expect(isTimeZone(`Nowhere/Place_${i}`)).toBe(false);
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('Nowhere/Place_1499')).toBe(false);
  });
});
