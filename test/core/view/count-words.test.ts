import { percent, plural } from '../../../src/core/view/count-words';

describe('counts in words', () => {
  it.each([
    [1, 4, '25%'],
    [1, 3, '33.3%'],
    [0, 10, '0%'],
    [10, 10, '100%'],
    [9999, 10000, '99.9%'],
    [1, 10000, '0.1%'],
    [3, 0, '—'],
  ])('%i of %i is %s', (part, whole, text) => {
    expect(percent(part, whole)).toBe(text);
  });

  it('names one and many', () => {
    expect(plural(1, 'policy', 'policies')).toBe('1 policy');
    expect(plural(2, 'policy', 'policies')).toBe('2 policies');
    expect(plural(0, 'session')).toBe('0 sessions');
  });
});
