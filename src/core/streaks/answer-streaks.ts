import { DateTime } from 'luxon';
import { type AnswerDeps, audited, failure } from '../answers/answer-question';
import { readSessionsSince } from '../sessions/read-sessions-since';
import { unfilteredQuery } from '../sessions/session-query';
import type { AnswerView } from '../view/sessions-view';
import { buildStreaksView } from './build-streaks-view';
import { findStreaks } from './find-streaks';
import type { StreaksRequest } from './parse-streaks';

/** Pages of failed sessions read at most (2,000 sessions): the bound the answer states when it is reached. */
const MAX_PAGES = 20;

/**
 * "Which policies failed 3 days in a row?": the failed sessions of the last days, read once (bounded),
 * grouped per policy and calendar day in the asker's zone. A few calls however many policies there are.
 */
export function answerStreaks(
  request: Extract<StreaksRequest, { kind: 'streaks' }>,
  timeZone: string,
  deps: AnswerDeps,
): Promise<AnswerView> {
  const now = deps.now();
  const today = DateTime.fromJSDate(now).setZone(timeZone).startOf('day');
  // A day more than asked (the streak may end yesterday), and at least a week, to tell how long it runs.
  const span = Math.max(request.days + 1, 7);
  const from = today.minus({ days: span - 1 });
  const failures = (['Error'] as const).filter((s) => deps.source.vocabulary.statuses.includes(s));
  const listQuery = {
    ...unfilteredQuery(timeZone, deps.source.vocabulary),
    statuses: failures,
    fromUtc: from.toJSDate().toISOString(),
    timeLabel: `last ${span} days`,
  };
  return audited(deps, 'streaks', listQuery, async () => {
    try {
      const { sessions, complete } = await readSessionsSince(
        deps.source,
        failures,
        listQuery.fromUtc,
        MAX_PAGES,
      );
      return buildStreaksView(
        findStreaks(sessions, request.days, timeZone, now),
        { days: request.days, span, firstDay: from.toISODate() ?? '', read: sessions.length, complete },
        { listQuery, now, tokens: deps.tokens, pageSize: deps.pageSize, veeamUrl: deps.veeamUrl },
      );
    } catch (error) {
      return failure(error, deps, null, timeZone);
    }
  });
}
