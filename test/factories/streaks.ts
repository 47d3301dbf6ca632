import { buildStreaksView } from '../../src/core/streaks/build-streaks-view';
import type { ReportView } from '../../src/core/view/sessions-view';
import { makeQuery, TEST_TOKENS, VIEW_NOW } from './sessions';

/** Two policies failing: one for at least the whole week read, one for three days. */
export function makeStreaksView(options: { name?: string; none?: boolean } = {}): ReportView {
  return buildStreaksView(
    options.none
      ? []
      : [
          {
            name: options.name ?? 'Prod VMs',
            policyId: 'p1',
            days: 7,
            firstDay: '2026-11-23',
            failed: 9,
            lastAt: '2026-11-29T02:00:00Z',
          },
          {
            name: 'HR Systems',
            policyId: 'p2',
            days: 3,
            firstDay: '2026-11-27',
            failed: 3,
            lastAt: '2026-11-29T03:37:00Z',
          },
        ],
    { days: 3, span: 7, firstDay: '2026-11-23', read: 140, complete: true },
    {
      listQuery: makeQuery({
        statuses: ['Error'],
        fromUtc: '2026-11-22T23:00:00Z',
        toUtc: null,
        timeLabel: 'last 7 days',
      }),
      now: VIEW_NOW,
      tokens: TEST_TOKENS,
      pageSize: 10,
      veeamUrl: 'https://veeam.example.com',
    },
  );
}
