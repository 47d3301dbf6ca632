import type { AnswerDeps } from '../answers/answer-question';
import { groupByPolicy } from '../sessions/by-policy';
import { countSessions } from '../sessions/count-sessions';
import type { ResolvedNames } from '../sessions/find-sessions';
import type { SessionsSince } from '../sessions/read-sessions-since';
import type { SessionFilter, SessionQuery } from '../sessions/session-query';
import { FINISHED_STATUSES, STATUS_GROUPS } from '../sessions/status-groups';
import { buildReportView } from '../view/build-report-view';
import { percent, plural } from '../view/count-words';
import { describeUnderstood, whenInSentence } from '../view/describe-query';
import type { ReportView, StatusTone } from '../view/sessions-view';

/** Policies a rate per policy is counted for, one call each. */
const RATED_POLICIES = 10;
type RateGroup = keyof typeof STATUS_GROUPS;
/** What a rate shows, in this order. */
const RATE_GROUPS: { key: RateGroup; label: string; tone: StatusTone }[] = [
  { key: 'success', label: 'Succeeded', tone: 'success' },
  { key: 'warning', label: 'Warnings', tone: 'warning' },
  { key: 'failed', label: 'Failed', tone: 'failed' },
  { key: 'canceled', label: 'Canceled', tone: 'canceled' },
  { key: 'running', label: 'Running', tone: 'running' },
];

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
  const groups = RATE_GROUPS.map((g) => ({
    ...g,
    statuses: STATUS_GROUPS[g.key].filter((s) => known.includes(s)),
  })).filter((g) => g.statuses.length > 0);
  const counted = await Promise.all(
    groups.map((g) => countSessions(deps.source, { ...filter, statuses: g.statuses })),
  );
  const n = Object.fromEntries(RATE_GROUPS.map((g) => [g.key, 0])) as Record<RateGroup, number>;
  groups.forEach((g, i) => {
    n[g.key] = counted[i]?.count ?? 0;
  });
  const finished = n.success + n.warning + n.failed;
  const success = metric === 'success-rate';
  const rate = success ? percent(n.success, finished) : percent(n.failed, finished);
  const notCounted = [
    n.canceled > 0 ? `${n.canceled} canceled` : '',
    n.running > 0 ? `${n.running} still running` : '',
  ].filter(Boolean);
  const lines =
    finished === 0
      ? []
      : [
          success
            ? `${rate} of ${plural(finished, 'finished session')} succeeded without a warning; ${percent(n.success + n.warning, finished)} with warnings counted as success.`
            : `${rate} of ${plural(finished, 'finished session')} failed (${n.failed} failed, ${n.warning} warned, ${n.success} succeeded).`,
          ...(notCounted.length > 0 ? [`Not counted: ${notCounted.join(', ')}.`] : []),
        ];
  return buildReportView(
    {
      title: `${success ? 'Success' : 'Failure'} rate · ${windowLabel(query)}`,
      understood: `${describeUnderstood({ ...query, statuses: [...FINISHED_STATUSES] }, names)} · counted by the appliance, ${counted.reduce((a, c) => a + c.calls, 0)} calls`,
      notice: counted.some((c) => c.atLeast)
        ? 'The appliance gave no total for a status, so a count is "at least" the page it listed.'
        : null,
      counts: groups.map((g) => ({ label: g.label, tone: g.tone, count: n[g.key], changeText: null })),
      lines,
      emptyText: finished === 0 ? `No session finished ${during(query)}, so there is no rate.` : null,
      summary: finished === 0 ? 'no finished session' : `${rate} ${success ? 'succeeded' : 'failed'}`,
    },
    {
      query: { ...query, statuses: success ? [...FINISHED_STATUSES] : [...STATUS_GROUPS.failed] },
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
    countSessions(deps.source, { ...filter, statuses: [...FINISHED_STATUSES] }),
    ...shown.map((g) =>
      countSessions(deps.source, { ...filter, policyId: g.policyId, statuses: [...FINISHED_STATUSES] }),
    ),
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
