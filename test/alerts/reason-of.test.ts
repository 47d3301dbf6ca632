import { reasonOf } from '../../src/alerts/alert-messages';

describe('the reason line of a failed session', () => {
  it('is the last error line of its log, not the "Processed" noise', () => {
    expect(
      reasonOf([
        { time: null, status: 'Success', message: 'Processed web-01' },
        { time: null, status: 'Error', message: 'Failed to process sql-03: snapshot   quota exceeded' },
        { time: null, status: 'Success', message: 'Processed web-02' },
      ]),
    ).toBe('Failed to process sql-03: snapshot quota exceeded');
  });

  it('is the last warning line when nothing failed, and none when the log says nothing of either', () => {
    expect(reasonOf([{ time: null, status: 'Warning', message: 'Retention could not be applied' }])).toBe(
      'Retention could not be applied',
    );
    expect(reasonOf([{ time: null, status: 'Success', message: 'Processed web-01' }])).toBeNull();
  });

  it('is cut at 300 characters; Details has the whole log', () => {
    const reason = reasonOf([{ time: null, status: 'Error', message: 'x'.repeat(1000) }]);
    expect(reason).toHaveLength(300);
    expect(reason?.endsWith('…')).toBe(true);
  });
});
