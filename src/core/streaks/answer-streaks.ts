import { DateTime } from 'luxon';
import { type AnswerDeps, audited, failure } from '../answers/answer-question';
import type { Session } from '../sessions/session';
import { unfilteredQuery } from '../sessions/session-query';
import type { AnswerView } from '../view/sessions-view';
import { buildStreaksView } from './build-streaks-view';
import { findStreaks } from './find-streaks';
import type { StreaksRequest } from './parse-streaks';

/** Failed sessions read at most, newest first: the bound the answer states when it is reached. */
const PAGE = 100;
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
    fromUtc: from.toUTC().toISO({ suppressMilliseconds: true }) ?? null,
    timeLabel: `last ${span} days`,
  };
  return audited(deps, 'streaks', listQuery, async () => {
    try {
      const sessions: Session[] = [];
      let complete = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const got = await deps.source.listSessions(
          {
            statuses: failures,
            types: [],
            policyId: null,
            vmId: null,
            fromUtc: listQuery.fromUtc,
            toUtc: null,
          },
          { offset: page * PAGE, limit: PAGE },
        );
        sessions.push(...got.sessions);
        const more = got.total !== null ? (page + 1) * PAGE < got.total : got.sessions.length === PAGE;
        if (!more) {
          complete = true;
          break;
        }
      }
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
