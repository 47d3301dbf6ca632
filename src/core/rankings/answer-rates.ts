import type { AnswerDeps } from '../answers/answer-question';
import type { JobStatus } from '../sessions/api-version';
import { groupByPolicy } from '../sessions/by-policy';
import { countSessions } from '../sessions/count-sessions';
import type { ResolvedNames } from '../sessions/find-sessions';
import type { SessionsSince } from '../sessions/read-sessions-since';
import type { SessionFilter, SessionQuery } from '../sessions/session-query';
import { buildReportView } from '../view/build-report-view';
import { percent, plural } from '../view/count-words';
import { describeUnderstood, whenInSentence } from '../view/describe-query';
import type { DigestCount, ReportView } from '../view/sessions-view';

/** Policies a rate per policy is counted for, one call each. */
const RATED_POLICIES = 10;
export const FINISHED: JobStatus[] = ['Success', 'Warning', 'Error'];
const RUNNING: JobStatus[] = ['Running', 'RunningWithWarning', 'RunningWithError', 'Canceling', 'Pending'];

/** "last 7 days", "this week": the window in a title. */
export const windowLabel = (q: SessionQuery) => q.timeLabel ?? 'any time';
/** "in the last 7 days", "this week": the window in a sentence. */
export const during = (q: SessionQuery) => whenInSentence(q) || 'at any time';

/**
 * The success (or failure) rate of a window from counts: one `Limit=1` call a status group, whatever the
 * volume.
 */
export async function overallRate(
  metric: 'success-rate' | 'failure-rate',
  query: SessionQuery,
  filter: SessionFilter,
  names: ResolvedNames,
  deps: AnswerDeps,
): Promise<ReportView> {
  const known = deps.source.vocabulary.statuses;
  const groups = [
    { label: 'Succeeded', tone: 'success' as const, statuses: ['Success'] as JobStatus[] },
    { label: 'Warnings', tone: 'warning' as const, statuses: ['Warning'] as JobStatus[] },
    { label: 'Failed', tone: 'failed' as const, statuses: ['Error'] as JobStatus[] },
    { label: 'Canceled', tone: 'canceled' as const, statuses: ['Canceled'] as JobStatus[] },
    { label: 'Running', tone: 'running' as const, statuses: RUNNING },
  ].filter((g) => g.statuses.some((s) => known.includes(s)));
  const counted = await Promise.all(
    groups.map((g) =>
      countSessions(deps.source, { ...filter, statuses: g.statuses.filter((s) => known.includes(s)) }),
    ),
  );
  const n = (label: string) => counted[groups.findIndex((g) => g.label === label)]?.count ?? 0;
  const [ok, warned, failed, canceled, running] = [
    'Succeeded',
    'Warnings',
    'Failed',
    'Canceled',
    'Running',
  ].map(n) as number[];
  const finished = (ok as number) + (warned as number) + (failed as number);
  const atLeast = counted.some((c) => c.atLeast);
  const counts: DigestCount[] = groups.map((g, i) => ({
    label: g.label,
    tone: g.tone,
    count: counted[i]?.count ?? 0,
    changeText: null,
  }));
  const success = metric === 'success-rate';
  const rate = success ? percent(ok as number, finished) : percent(failed as number, finished);
  const lines =
    finished === 0
      ? []
      : [
          success
            ? `${rate} of ${plural(finished, 'finished session')} succeeded without a warning; ${percent((ok as number) + (warned as number), finished)} with warnings counted as success.`
            : `${rate} of ${plural(finished, 'finished session')} failed (${failed} failed, ${warned} warned, ${ok} succeeded).`,
          ...((canceled as number) > 0 || (running as number) > 0
            ? [
                `Not counted: ${[
                  (canceled as number) > 0 ? `${canceled} canceled` : '',
                  (running as number) > 0 ? `${running} still running` : '',
                ]
                  .filter(Boolean)
                  .join(', ')}.`,
              ]
            : []),
        ];
  const listStatuses: JobStatus[] = success ? FINISHED : ['Error'];
  return buildReportView(
    {
      title: `${success ? 'Success' : 'Failure'} rate · ${windowLabel(query)}`,
      understood: `${describeUnderstood({ ...query, statuses: FINISHED }, names)} · counted by the appliance, ${counted.reduce((a, c) => a + c.calls, 0)} calls`,
      notice: atLeast
        ? 'The appliance gave no total for a status, so a count is "at least" the page it listed.'
        : null,
      counts,
      lines,
      emptyText: finished === 0 ? `No session finished ${during(query)}, so there is no rate.` : null,
      summary: finished === 0 ? 'no finished session' : `${rate} ${success ? 'succeeded' : 'failed'}`,
    },
    {
      query: { ...query, statuses: listStatuses },
      label: success ? 'Show the sessions' : 'Show the failed sessions',
    },
    deps,
  );
}

/**
 * A rate per policy from the window's failed sessions (few, read once) and, for each policy shown, the
 * count of its finished sessions (one `Limit=1` call each): bounded whatever the volume.
 */
export async function ratePerPolicy(
  metric: 'success-rate' | 'failure-rate',
  query: SessionQuery,
  filter: SessionFilter,
  failedRead: SessionsSince,
  base: Pick<ReportView, 'understood' | 'notice' | 'counts'>,
  deps: AnswerDeps,
): Promise<ReportView> {
  const groups = groupByPolicy(failedRead.sessions);
  // A rate needs the policy's other sessions, which only a policy id finds: the rest is counted apart.
  const byPolicy = groups.filter((g) => g.policyId !== null);
  const unrated = groups.filter((g) => g.policyId === null);
  const shown = byPolicy
    .sort((a, b) => b.sessions.length - a.sessions.length || a.name.localeCompare(b.name))
    .slice(0, RATED_POLICIES);
  const [all, ...finished] = await Promise.all([
    countSessions(deps.source, { ...filter, statuses: FINISHED }),
    ...shown.map((g) => countSessions(deps.source, { ...filter, policyId: g.policyId, statuses: FINISHED })),
  ]);
  const rated = shown
    .map((g, i) => ({
      name: g.name,
      failed: g.sessions.length,
      finished: finished[i]?.count ?? g.sessions.length,
    }))
    .sort(
      (a, b) =>
        b.failed / b.finished - a.failed / a.finished || b.failed - a.failed || a.name.localeCompare(b.name),
    );
  const failedAll = failedRead.sessions.length;
  const success = metric === 'success-rate';
  const line = (t: { name: string; failed: number; finished: number }) =>
    success
      ? `${t.name}: ${percent(t.finished - t.failed, t.finished)} did not fail (${t.failed} of ${plural(t.finished, 'finished session')} failed).`
      : `${t.name}: ${percent(t.failed, t.finished)} failed (${t.failed} of ${plural(t.finished, 'finished session')}).`;
  return buildReportView(
    {
      ...base,
      understood: `${base.understood} · finished sessions counted by the appliance per policy shown`,
      title: `${success ? 'Success' : 'Failure'} rate per policy · ${windowLabel(query)}`,
      lines: [
        ...rated.map(line),
        ...(byPolicy.length > shown.length
          ? [
              `And ${plural(byPolicy.length - shown.length, 'more policy', 'more policies')} with as many failures or fewer.`,
            ]
          : rated.length > 0
            ? ['Every other policy: no failure.']
            : []),
        ...unrated.map(
          (g) =>
            `${g.name}: ${plural(g.sessions.length, 'failed session')}, not rated (its sessions name no policy).`,
        ),
        ...(all && all.count > 0 && rated.length > 0
          ? [`Overall ${percent(failedAll, all.count)} of ${plural(all.count, 'finished session')} failed.`]
          : []),
      ],
      emptyText:
        rated.length === 0 && unrated.length === 0
          ? all && all.count > 0
            ? `No policy failed ${during(query)} (${plural(all.count, 'finished session')}): 0% failed.`
            : `No session finished ${during(query)}.`
          : null,
      summary: rated[0]
        ? `${rated[0].name}: ${percent(rated[0].failed, rated[0].finished)} failed`
        : 'no failure',
    },
    { query: { ...query, statuses: ['Error'] }, label: 'Show the failed sessions' },
    deps,
  );
}
