import { DateTime } from 'luxon';
import { type AnswerDeps, audited, failure } from '../answers/answer-question';
import type { JobStatus } from '../sessions/api-version';
import { type ResolvedNames, resolveSessionFilter } from '../sessions/find-sessions';
import { readSessions } from '../sessions/read-sessions-since';
import type { SessionFilter, SessionQuery } from '../sessions/session-query';
import { FINISHED_STATUSES, STATUS_GROUPS } from '../sessions/status-groups';
import { buildReportView } from '../view/build-report-view';
import { plural } from '../view/count-words';
import { describeUnderstood } from '../view/describe-query';
import { formatDuration, formatLocalTime } from '../view/human-time';
import type { AnswerView, DigestCount, ReportView } from '../view/sessions-view';
import { during, overallRate, ratePerPolicy, windowLabel } from './answer-rates';
import type { RankingRequest } from './parse-rankings';
import { FLAP_CHANGES, flappingPolicies, slowestPolicies, tallyPolicies } from './rank-policies';

/** Pages of 100 read at most (2,000 sessions) for a ranking: the bound the answer states when it is reached. */
const MAX_PAGES = 20;

type Ranking = Extract<RankingRequest, { kind: 'ranking' }>;

/**
 * Rankings and rates over a window: a success rate from counts (a few `Limit=1` calls whatever the
 * volume); per-policy figures from one bounded read of the window's sessions (MAX_PAGES pages at most,
 * and the answer says when that was not all of them).
 */
export function answerRankings(request: Ranking, timeZone: string, deps: AnswerDeps): Promise<AnswerView> {
  const query = { ...request.query, timeZone };
  return audited(deps, 'ranking', query, async () => {
    try {
      const { filter, names } = await resolveSessionFilter(query, deps.source);
      if ((request.metric === 'success-rate' || request.metric === 'failure-rate') && !request.perPolicy)
        return await overallRate(request.metric, query, filter, names, deps);
      return await perPolicy(request, query, filter, names, deps);
    } catch (error) {
      return failure(error, deps, null, timeZone);
    }
  });
}

async function perPolicy(
  request: Ranking,
  query: SessionQuery,
  filter: SessionFilter,
  names: ResolvedNames,
  deps: AnswerDeps,
): Promise<ReportView> {
  const failedOnly =
    request.metric === 'top-failing' ||
    request.metric === 'failure-rate' ||
    request.metric === 'success-rate';
  const statuses: JobStatus[] = [...(failedOnly ? STATUS_GROUPS.failed : FINISHED_STATUSES)];
  const read = await readSessions(deps.source, { ...filter, statuses }, MAX_PAGES);
  const zone = query.timeZone;
  const now = DateTime.fromJSDate(deps.now());
  const when = (iso: string | null) => formatLocalTime(iso, zone, now);
  const listQuery = {
    ...query,
    statuses: [...(request.metric === 'slowest' ? FINISHED_STATUSES : STATUS_GROUPS.failed)],
  };
  const notes = [
    ...(read.complete
      ? []
      : [
          `Based on the newest ${read.sessions.length} sessions of the window: there were more, so the figures leave out its oldest part.`,
        ]),
    ...(read.unreadable > 0
      ? [`${plural(read.unreadable, 'session')} the appliance listed could not be read and are not counted.`]
      : []),
  ];
  const base = {
    understood: `${describeUnderstood({ ...query, statuses }, names)} · ${plural(read.sessions.length, 'session')} read`,
    notice: notes.length > 0 ? notes.join(' ') : null,
    counts: [] as DigestCount[],
  };
  const more = (shown: number, all: number) =>
    all > shown ? [`And ${all - shown} more ${all - shown === 1 ? 'policy' : 'policies'}.`] : [];

  if (request.metric === 'top-failing') {
    const tallies = tallyPolicies(read.sessions).filter((t) => t.failed > 0);
    const shown = tallies.slice(0, request.top);
    return buildReportView(
      {
        ...base,
        title: `Top failing policies · ${windowLabel(query)}`,
        lines: [
          ...shown.map(
            (t, i) =>
              `${i + 1}. ${t.name}: ${plural(t.failed, 'failed session')}, the latest ${when(t.lastFailedAt)}.`,
          ),
          ...more(shown.length, tallies.length),
        ],
        emptyText: tallies.length === 0 ? `No policy failed ${during(query)}.` : null,
        summary: tallies.length === 0 ? 'none failed' : `${shown[0]?.name}: ${shown[0]?.failed} failed`,
      },
      { query: listQuery, label: 'Show the failed sessions' },
      deps,
    );
  }
  if (request.metric === 'slowest') {
    const slow = slowestPolicies(read.sessions);
    const shown = slow.slice(0, request.top);
    return buildReportView(
      {
        ...base,
        title: `Slowest policies · ${windowLabel(query)}`,
        lines: [
          ...shown.map(
            (d, i) =>
              `${i + 1}. ${d.name}: longest ${formatDuration(d.longestMs)} (started ${when(d.longestAt)}), median ${formatDuration(d.medianMs)} over ${plural(d.runs, 'finished run')}.`,
          ),
          ...more(shown.length, slow.length),
        ],
        emptyText: slow.length === 0 ? `No session finished ${during(query)}.` : null,
        summary:
          slow.length === 0
            ? 'none finished'
            : `${shown[0]?.name}: ${formatDuration(shown[0]?.longestMs ?? 0)}`,
      },
      { query: listQuery, label: 'Show the sessions' },
      deps,
    );
  }
  if (request.metric === 'flapping') {
    const flaps = flappingPolicies(read.sessions);
    const shown = flaps.slice(0, request.top);
    return buildReportView(
      {
        ...base,
        understood: `${base.understood} · flapping: ${FLAP_CHANGES} or more changes between failed and not failed, in start order, per policy and type`,
        title: `Flapping policies · ${windowLabel(query)}`,
        lines: [
          ...shown.map(
            (f) =>
              `${f.name}: changed between failing and not ${f.changes} times over ${plural(f.runs, 'run')} (${f.failed} failed).`,
          ),
          ...more(shown.length, flaps.length),
        ],
        emptyText: flaps.length === 0 ? `No policy flapped ${during(query)}.` : null,
        summary: flaps.length === 0 ? 'none' : plural(flaps.length, 'policy', 'policies'),
      },
      { query: listQuery, label: 'Show the failed sessions' },
      deps,
    );
  }
  if (request.metric === 'success-rate' || request.metric === 'failure-rate')
    return ratePerPolicy(request.metric, query, filter, read, base, deps);
  throw new Error(`No ranking for ${request.metric}`);
}
