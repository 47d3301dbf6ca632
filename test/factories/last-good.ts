import { DateTime } from 'luxon';
import { buildRow } from '../../src/core/view/build-sessions-view';
import type { LastGoodView } from '../../src/core/view/sessions-view';
import { makeQuery, makeSession, TEST_TOKENS, VIEW_NOW } from './sessions';

/** web-01's last success, with a failure since. */
export function makeLastGoodView(name = 'web-01'): LastGoodView {
  const query = makeQuery({ vm: name, statuses: [], fromUtc: null, toUtc: null, timeLabel: null });
  const back = { query, offset: 0, limit: 10 };
  return {
    kind: 'last-good',
    title: `Last success of ${name}`,
    line: `${name} last succeeded Sun 29 Nov 02:42, 8 h 18 min ago (Policy Backup of Prod VMs).`,
    since: 'Since then: failed at Sun 29 Nov 08:00 (Policy Snapshot).',
    row: buildRow(
      makeSession({ status: 'Success', targetName: name }),
      'Europe/Berlin',
      DateTime.fromJSDate(VIEW_NOW),
      { sessionId: makeSession().id, back },
      TEST_TOKENS,
    ),
    listToken: TEST_TOKENS.encodePage(back),
    timeZone: 'Europe/Berlin',
    veeamUrl: 'https://veeam.example.com',
  };
}
