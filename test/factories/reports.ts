import { buildReportView } from '../../src/core/view/build-report-view';
import type { ReportView } from '../../src/core/view/sessions-view';
import { makeQuery, TEST_TOKENS } from './sessions';

const context = { tokens: TEST_TOKENS, pageSize: 10, veeamUrl: 'https://veeam.example.com' };
const week = makeQuery({
  statuses: ['Error'],
  fromUtc: '2026-11-22T23:00:00Z',
  toUtc: null,
  timeLabel: 'this week',
});

/** "Top failing policies · this week": two policies, the first named as asked. */
export function makeRankingView(name = 'Prod VMs'): ReportView {
  return buildReportView(
    {
      title: 'Top failing policies · this week',
      understood: 'Status Error · since Mon 23 Nov 2026 00:00 · times in Europe/Berlin · 14 sessions read',
      notice: null,
      counts: [],
      lines: [
        `1. ${name}: 9 failed sessions, the latest Sun 29 Nov 03:00.`,
        '2. HR Systems: 3 failed sessions, the latest Sat 28 Nov 04:37.',
      ],
      emptyText: null,
      summary: `${name}: 9 failed`,
    },
    { query: week, label: 'Show the failed sessions' },
    context,
  );
}

/** "Success rate · this week", with its counts and what was not counted. */
export function makeRateView(): ReportView {
  return buildReportView(
    {
      title: 'Success rate · this week',
      understood:
        'Status Success or Warning or Error · since Mon 23 Nov 2026 00:00 · times in Europe/Berlin · counted by the appliance, 5 calls',
      notice: null,
      counts: [
        { label: 'Succeeded', tone: 'success', count: 742, changeText: null },
        { label: 'Warnings', tone: 'warning', count: 56, changeText: null },
        { label: 'Failed', tone: 'failed', count: 21, changeText: null },
        { label: 'Running', tone: 'running', count: 3, changeText: null },
      ],
      lines: [
        '90.6% of 819 finished sessions succeeded without a warning; 97.4% with warnings counted as success.',
        'Not counted: 3 still running.',
      ],
      emptyText: null,
      summary: '90.6% succeeded',
    },
    { query: { ...week, statuses: ['Success', 'Warning', 'Error'] }, label: 'Show the sessions' },
    context,
  );
}

/** "This week vs last week": counts with their changes, the policies that got worse. */
export function makeComparisonView(name = 'Prod VMs'): ReportView {
  return buildReportView(
    {
      title: 'This week vs last week',
      understood:
        'Status Success or Warning or Error · times in Europe/Berlin · this week: Mon 23 Nov 00:00 – now · last week: Mon 16 Nov 00:00 – Mon 23 Nov 00:00 · counted by the appliance',
      notice:
        'The periods differ in length: this week is 6 d 11 h so far, last week 7 d; compare the counts with that in mind.',
      counts: [
        { label: 'Failed', tone: 'failed', count: 21, changeText: '▲ 6 more than last week' },
        { label: 'Warnings', tone: 'warning', count: 56, changeText: 'same as last week' },
        { label: 'Succeeded', tone: 'success', count: 744, changeText: '▼ 12 fewer than last week' },
      ],
      lines: [
        'Failure rate 2.6% of 821 finished sessions, against 1.8% of 827 last week.',
        'Policies that failed more often than last week:',
        `${name}: 5 failed, 1 last week.`,
      ],
      emptyText: null,
      summary: '21 failed, ▲ 6 more than last week',
    },
    { query: week, label: 'Show the failed sessions of this week' },
    context,
  );
}

/** "VMs with no backup since …": one VM two days behind, two no policy covers any more. */
export function makeRpoView(name = 'db-07'): ReportView {
  return buildReportView(
    {
      title: 'VMs with no backup since Sat 28 Nov 11:00',
      understood:
        "Protected VMs whose last backup (the appliance's lastBackup of each protected VM) is older than Sat 28 Nov 11:00 (last 24 hours) · 217 protected VMs read · times in Europe/Berlin",
      notice: null,
      counts: [
        { label: 'No backup since', tone: 'failed', count: 1, changeText: null },
        { label: 'Backed up since', tone: 'success', count: 214, changeText: null },
      ],
      lines: [
        `${name} (rg-prod-db): last backup Fri 27 Nov 01:07, 2 d 9 h ago.`,
        'Not counted, since no policy covers them any more: sap-07, sap-12 (last backed up before Sat 28 Nov 11:00).',
      ],
      emptyText: null,
      summary: '1 VM',
    },
    { query: { ...week, timeLabel: 'last 24 hours' }, label: 'Show the failed sessions since then' },
    context,
  );
}

/** "Unprotected VMs": a count and names, with no sessions behind them (so no list button). */
export function makeUnprotectedView(name = 'build-04'): ReportView {
  return {
    kind: 'report',
    title: 'Unprotected VMs',
    understood:
      'VMs the appliance reports as covered by no backup policy (ProtectionStatus Unprotected) · 2 VMs read',
    notice: null,
    counts: [{ label: 'Unprotected', tone: 'warning', count: 2, changeText: null }],
    lines: [`${name} (rg-dev)`, 'jump-07 (rg-dev)'],
    emptyText: null,
    summary: '2 VMs',
    list: null,
    timeZone: 'Europe/Berlin',
    veeamUrl: context.veeamUrl,
  };
}
