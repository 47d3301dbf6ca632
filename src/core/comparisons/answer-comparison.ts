import { DateTime } from 'luxon';
import { type AnswerDeps, audited, failure } from '../answers/answer-question';
import type { JobStatus } from '../sessions/api-version';
import { groupByPolicy } from '../sessions/by-policy';
import { countSessions } from '../sessions/count-sessions';
import { resolveSessionFilter } from '../sessions/find-sessions';
import { readSessions } from '../sessions/read-sessions-since';
import type { SessionFilter } from '../sessions/session-query';
import { FINISHED_STATUSES, STATUS_GROUPS } from '../sessions/status-groups';
import { buildReportView } from '../view/build-report-view';
import { changeText, percent, plural } from '../view/count-words';
import { capitalize, describeUnderstood } from '../view/describe-query';
import { formatDuration } from '../view/human-time';
import type { AnswerView, DigestCount, StatusTone } from '../view/sessions-view';
import type { ComparisonRequest, Period } from './parse-comparison';

/** Failed sessions read per period, in pages of 100, to tell which policies got worse. */
const MAX_PAGES = 10;
/** Policies named as worse; the rest are counted. */
const WORSE_SHOWN = 5;

const GROUPS: { label: string; tone: StatusTone; statuses: readonly JobStatus[] }[] = [
  { label: 'Failed', tone: 'failed', statuses: STATUS_GROUPS.failed },
  { label: 'Warnings', tone: 'warning', statuses: STATUS_GROUPS.warning },
  { label: 'Succeeded', tone: 'success', statuses: STATUS_GROUPS.success },
];

/**
 * "This week vs last week": each status counted in both periods (one `Limit=1` call each, whatever the
 * volume), and the policies with more failures in the first, from one bounded read of each period's
 * failed sessions. Filters of the question apply to both periods.
 */
export function answerComparison(
  request: Extract<ComparisonRequest, { kind: 'comparison' }>,
  timeZone: string,
  deps: AnswerDeps,
): Promise<AnswerView> {
  const query = { ...request.query, timeZone, fromUtc: request.first.fromUtc, toUtc: request.first.toUtc };
  return audited(deps, 'comparison', query, async () => {
    try {
      const { filter, names } = await resolveSessionFilter(query, deps.source);
      const known = deps.source.vocabulary.statuses;
      const within = (p: Period, statuses: readonly JobStatus[]): SessionFilter => ({
        ...filter,
        statuses: statuses.filter((s) => known.includes(s)),
        fromUtc: p.fromUtc,
        toUtc: p.toUtc,
      });
      const { first, second } = request;
      const [counted, failures] = await Promise.all([
        Promise.all(
          GROUPS.flatMap((g) =>
            [first, second].map((p) => countSessions(deps.source, within(p, g.statuses))),
          ),
        ),
        Promise.all(
          [first, second].map((p) => readSessions(deps.source, within(p, STATUS_GROUPS.failed), MAX_PAGES)),
        ),
      ]);
      const [nowFailed, beforeFailed] = failures.map((r) => r.sessions) as [
        (typeof failures)[0]['sessions'],
        (typeof failures)[0]['sessions'],
      ];
      const than = second.label;
      const counts: DigestCount[] = GROUPS.map((g, i) => {
        const a = counted[2 * i]?.count ?? 0;
        const b = counted[2 * i + 1]?.count ?? 0;
        return { label: g.label, tone: g.tone, count: a, changeText: changeText(a, b, than) };
      });
      const finishedIn = (k: 0 | 1) =>
        GROUPS.reduce((sum, _, i) => sum + (counted[2 * i + k]?.count ?? 0), 0);
      const failedIn = (k: 0 | 1) => counted[k]?.count ?? 0;
      const before = new Map(
        groupByPolicy(beforeFailed).map((g) => [g.policyId ?? g.name, g.sessions.length]),
      );
      const worse = groupByPolicy(nowFailed)
        .map((g) => ({ name: g.name, now: g.sessions.length, before: before.get(g.policyId ?? g.name) ?? 0 }))
        .filter((g) => g.now > g.before)
        .sort((a, b) => b.now - b.before - (a.now - a.before) || a.name.localeCompare(b.name));
      const zone = timeZone;
      const fmt = (iso: string) =>
        DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('ccc d LLL HH:mm');
      const span = (p: Period) => `${fmt(p.fromUtc)} – ${p.toUtc ? fmt(p.toUtc) : 'now'}`;
      const length = (p: Period) =>
        (p.toUtc ? Date.parse(p.toUtc) : deps.now().getTime()) - Date.parse(p.fromUtc);
      const uneven = Math.abs(length(first) - length(second)) > 0.01 * length(second);
      const notices = [
        ...(uneven
          ? [
              `The periods differ in length: ${first.label} is ${formatDuration(length(first))}${first.toUtc ? '' : ' so far'}, ${than} ${formatDuration(length(second))}; compare the counts with that in mind.`,
            ]
          : []),
        ...(failures.some((r) => !r.complete)
          ? [
              `Which policies got worse is read from the first ${MAX_PAGES * 100} failed sessions of a period; there were more.`,
            ]
          : []),
        ...(counted.some((c) => c.atLeast) ? ['A count the appliance gave no total for is "at least".'] : []),
        ...(failures.some((r) => r.unreadable > 0)
          ? [
              `${plural(
                failures.reduce((n, r) => n + r.unreadable, 0),
                'failed session',
              )} could not be read and are left out of the policies.`,
            ]
          : []),
      ];
      const rate = (k: 0 | 1) => percent(failedIn(k), finishedIn(k));
      const shown = worse.slice(0, WORSE_SHOWN);
      return buildReportView(
        {
          title: `${capitalize(first.label)} vs ${than}`,
          understood: `${describeUnderstood({ ...query, statuses: [...FINISHED_STATUSES] }, names, { window: false })} · ${first.label}: ${span(first)} · ${than}: ${span(second)} · counted by the appliance`,
          notice: notices.length > 0 ? notices.join(' ') : null,
          counts,
          lines: [
            `Failure rate ${rate(0)} of ${plural(finishedIn(0), 'finished session')}, against ${rate(1)} of ${finishedIn(1)} ${than}.`,
            ...(worse.length === 0
              ? [`No policy failed more often than ${than}.`]
              : [
                  `Policies that failed more often than ${than}:`,
                  ...shown.map((g) => `${g.name}: ${g.now} failed, ${g.before} ${than}.`),
                  ...(worse.length > shown.length
                    ? [`And ${plural(worse.length - shown.length, 'more policy', 'more policies')}.`]
                    : []),
                ]),
          ],
          emptyText: null,
          summary: `${failedIn(0)} failed, ${changeText(failedIn(0), failedIn(1), than)}`,
        },
        { query: { ...query, statuses: ['Error'] }, label: `Show the failed sessions of ${first.label}` },
        deps,
      );
    } catch (error) {
      return failure(error, deps, null, timeZone);
    }
  });
}
