import { BotError } from '../../src/core/errors';
import { buildDetailsView } from '../../src/core/view/build-details-view';
import { buildErrorView } from '../../src/core/view/build-error-view';
import { buildSessionsView } from '../../src/core/view/build-sessions-view';
import type { AnswerView } from '../../src/core/view/sessions-view';
import { makeAlertView } from '../factories/alerts';
import { makeDigestView } from '../factories/digests';
import { makeLastGoodView } from '../factories/last-good';
import {
  makeComparisonView,
  makeRankingView,
  makeRateView,
  makeRpoView,
  makeUnprotectedView,
} from '../factories/reports';
import { makePage, makeQuery, makeSession, TEST_TOKENS, VIEW_NOW } from '../factories/sessions';
import { makeStreaksView } from '../factories/streaks';
import { makeWhyView } from '../factories/why';

/** The answers each platform keeps golden files of: one view, rendered once per platform. */
export function representativeViews(): [name: string, view: AnswerView][] {
  const ctx = { now: VIEW_NOW, veeamUrl: 'https://veeam.example.com', tokens: TEST_TOKENS };
  const log = [
    {
      time: '2026-11-29T08:00:03Z',
      status: 'Success',
      message: 'Policy Backup session started for policy Prod VMs',
    },
    {
      time: '2026-11-29T08:41:10Z',
      status: 'Error',
      message: 'Failed to process VM sql-03: the VM agent is not responding',
    },
  ];
  return [
    ['sessions-first-page', buildSessionsView(makeQuery(), makePage(10, { total: 27 }), ctx)],
    ['sessions-last-page', buildSessionsView(makeQuery(), makePage(7, { offset: 20, total: 27 }), ctx)],
    ['sessions-empty', buildSessionsView(makeQuery(), makePage(0, { total: 0 }), ctx)],
    ['error-unreachable', buildErrorView(new BotError('VEEAM_UNREACHABLE'), 'retry-token')],
    [
      'details',
      buildDetailsView(makeSession(), log, {
        ...ctx,
        timeZone: 'Europe/Berlin',
        back: { query: makeQuery(), offset: 0, limit: 10 },
      }),
    ],
    ['digest', makeDigestView()],
    ['digest-findings', makeDigestView({ findings: true })],
    ['digest-all-green-late', makeDigestView({ failed: 0, warning: 0, success: 412, late: true })],
    ['alert-failing', makeAlertView()],
    [
      'alert-owned-snoozed',
      makeAlertView(
        { owner: { id: 'U0ALICE', name: 'Alice' } },
        { untilMs: VIEW_NOW.getTime() + 3_600_000, by: 'Bob' },
      ),
    ],
    ['why-failed', makeWhyView()],
    [
      'why-known-cause',
      makeWhyView({ reason: 'Failed to back up sql-03: the service account cannot read the disk key' }),
    ],
    ['streaks', makeStreaksView()],
    ['ranking', makeRankingView()],
    ['rate', makeRateView()],
    ['comparison', makeComparisonView()],
    ['rpo', makeRpoView()],
    ['unprotected', makeUnprotectedView()],
    ['last-good', makeLastGoodView()],
    ['alert-recovered', makeAlertView({ state: 'recovered', recoveredAt: '2026-11-29T09:30:00Z' })],
  ];
}
