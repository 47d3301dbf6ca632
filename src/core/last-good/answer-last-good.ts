import { DateTime } from 'luxon';
import { type AnswerDeps, audited, failure } from '../answers/answer-question';
import { resolveSessionFilter } from '../sessions/find-sessions';
import { unfilteredQuery } from '../sessions/session-query';
import { buildRow } from '../view/build-sessions-view';
import { describeStatus } from '../view/describe-query';
import { formatDuration, formatLocalTime } from '../view/human-time';
import type { AnswerView } from '../view/sessions-view';
import type { LastGoodRequest } from './parse-last-good';

/**
 * "When did X last back up successfully?" in two appliance calls: its latest successful session, and its
 * latest session of any status, to say what happened since.
 */
export function answerLastGood(
  request: Extract<LastGoodRequest, { kind: 'last-good' }>,
  timeZone: string,
  deps: AnswerDeps,
): Promise<AnswerView> {
  const query = { ...unfilteredQuery(timeZone, deps.source.vocabulary), name: request.name };
  return audited(deps, 'last-good', query, async () => {
    try {
      const { filter, names } = await resolveSessionFilter(query, deps.source);
      const subject = names.policy ?? names.vm ?? request.name;
      // A backup is a backup, snapshot or archive run: retention and deletion sessions succeed daily and
      // protect nothing.
      const types = deps.source.vocabulary.types.filter(
        (t) =>
          /Backup|Snapshot|Archive/.test(t) && !/Retention|Deletion|Configuration|Manual.*Deletion/.test(t),
      );
      const listQuery = { ...query, name: null, policy: names.policy, vm: names.vm, types };
      const back = { query: listQuery, offset: 0, limit: deps.pageSize };
      const [good, latest] = await Promise.all([
        deps.source.listSessions({ ...filter, types, statuses: ['Success'] }, { offset: 0, limit: 1 }),
        deps.source.listSessions({ ...filter, types }, { offset: 0, limit: 1 }),
      ]);
      const now = DateTime.fromJSDate(deps.now());
      const when = (iso: string | null) => formatLocalTime(iso, timeZone, now);
      const success = good.sessions[0];
      const newest = latest.sessions[0];
      // Only what started after the success ended is "since then"; a run that overlapped it is not.
      const after = (later: string | null, earlier: string | null) =>
        earlier === null || (later !== null && Date.parse(later) > Date.parse(earlier));
      const since =
        newest && newest.id !== success?.id && after(newest.startTime, success?.stopTime ?? null)
          ? `Since then: ${describeStatus(newest.status).label.toLowerCase()} at ${when(newest.startTime)} (${newest.typeLabel}).`
          : null;
      if (!success)
        return {
          kind: 'notice',
          title: `No successful session of ${subject}`,
          text: `The appliance lists no successful session of ${subject} among the sessions it keeps.${since ? ` ${since}` : ''}`,
        };
      const ago = success.stopTime ? formatDuration(now.toMillis() - Date.parse(success.stopTime)) : null;
      return {
        kind: 'last-good',
        title: `Last success of ${subject}`,
        line: `${subject} last succeeded ${when(success.stopTime ?? success.startTime)}${ago ? `, ${ago} ago` : ''} (${success.typeLabel}${names.vm && success.targetName ? ` of ${success.targetName}` : ''}).`,
        since,
        row: buildRow(success, timeZone, now, { sessionId: success.id, back }, deps.tokens),
        listToken: deps.tokens.encodePage(back),
        timeZone,
        veeamUrl: deps.veeamUrl,
      };
    } catch (error) {
      return failure(error, deps, null, timeZone);
    }
  });
}
