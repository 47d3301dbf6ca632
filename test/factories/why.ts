import type { Session } from '../../src/core/sessions/session';
import type { WhyView } from '../../src/core/view/sessions-view';
import { buildWhyView } from '../../src/core/why/build-why-view';
import { failureHistory } from '../../src/core/why/explain-failure';
import { makeQuery, makeSession, TEST_TOKENS, VIEW_NOW } from './sessions';

/** "Why Prod VMs failed": its 3rd failure in a row, two VMs failed of 14, a log with the noise left in. */
export function makeWhyView(options: { name?: string; reason?: string } = {}): WhyView {
  const name = options.name ?? 'Prod VMs';
  const day = 86_400_000;
  const history: Session[] = ['Error', 'Error', 'Error', 'Success', 'Success'].map((status, i) =>
    makeSession(
      {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        status,
        targetName: name,
        startTime: new Date(Date.parse('2026-11-29T02:00:00Z') - i * day).toISOString(),
      },
      i,
    ),
  );
  const failed = history[0] as Session;
  return buildWhyView(
    failed,
    {
      history: failureHistory(failed, history),
      log: [
        { time: '2026-11-29T02:00:03Z', status: 'Success', message: 'Processed web-01' },
        {
          time: '2026-11-29T02:41:10Z',
          status: 'Error',
          message: options.reason ?? 'Failed to process VM sql-03: the VM agent is not responding',
        },
        {
          time: '2026-11-29T02:42:00Z',
          status: 'Warning',
          message: 'Retention could not be applied to 2 points',
        },
      ],
      items: {
        items: [
          { name: 'sql-03', resourceGroup: 'rg-prod', status: 'Error' },
          { name: 'web-01', resourceGroup: 'rg-prod', status: 'Success' },
          { name: options.name ?? 'app-02', resourceGroup: null, status: 'Warning' },
        ],
        total: 14,
        unreadable: 0,
      },
    },
    {
      listQuery: makeQuery({
        policy: name,
        statuses: ['Error', 'RunningWithError'],
        fromUtc: null,
        toUtc: null,
        timeLabel: null,
      }),
      subject: name,
      vm: null,
      now: VIEW_NOW,
      tokens: TEST_TOKENS,
      veeamUrl: 'https://veeam.example.com',
      pageSize: 10,
    },
  );
}
