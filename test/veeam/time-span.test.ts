import { formatTimeSpan, parseTimeSpanMs } from '../../src/veeam/time-span';

describe('reading executionDuration, a .NET TimeSpan string', () => {
  it.each([
    ['00:00:31.8370930', 31_837],
    ['00:00:00', 0],
    ['01:02:03', 3_723_000],
    ['1.02:03:04.5', 93_784_500],
    ['12.00:00:00', 1_036_800_000],
    ['0:05:00', 300_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseTimeSpanMs(text)).toBe(ms);
  });

  it.each(['', 'abc', '25:00:00', '00:61:00', '-00:00:01', '1:2:3', '00:00:00.12345678'])(
    '"%s" is unknown',
    (text) => {
      expect(parseTimeSpanMs(text)).toBeNull();
    },
  );

  it('takes a number as milliseconds, as the v2 schema page claims', () => {
    expect(parseTimeSpanMs(1500)).toBe(1500);
    expect(parseTimeSpanMs(-1)).toBeNull();
    expect(parseTimeSpanMs(null)).toBeNull();
  });

  it('round-trips what the simulator writes', () => {
    for (const ms of [0, 999, 31_837, 3_723_000, 93_784_500])
      expect(parseTimeSpanMs(formatTimeSpan(ms))).toBe(ms);
  });
});
