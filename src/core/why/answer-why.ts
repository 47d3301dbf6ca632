import { type AnswerDeps, audited, failure } from '../answers/answer-question';
import { toBotError } from '../errors';
import { resolveSessionFilter } from '../sessions/find-sessions';
import type { ProtectedItemResults } from '../sessions/session';
import { unfilteredQuery } from '../sessions/session-query';
import type { AnswerView } from '../view/sessions-view';
import { buildWhyView } from './build-why-view';
import { failureHistory } from './explain-failure';
import type { WhyRequest } from './parse-why';

/** Sessions of the subject read for its history: enough for "12 successes before", bounded. */
const HISTORY_SESSIONS = 30;
/** Per-VM results read; a larger policy is said to be read in part. */
const VM_RESULTS = 100;

/**
 * "Why did X fail?" in at most four appliance calls (name lookups aside, which are cached): the latest
 * failed session of X, the history of its type, its log and its per-VM results.
 */
export function answerWhy(
  request: Extract<WhyRequest, { kind: 'why' }>,
  timeZone: string,
  deps: AnswerDeps,
): Promise<AnswerView> {
  const query = {
    ...unfilteredQuery(timeZone, deps.source.vocabulary),
    policy: request.as === 'policy' ? request.name : null,
    vm: request.as === 'vm' ? request.name : null,
    name: request.as === null ? request.name : null,
  };
  return audited(deps, 'why', query, async () => {
    try {
      const { filter, names } = await resolveSessionFilter(query, deps.source);
      const subject = names.policy ?? names.vm ?? request.name;
      const failures = (['Error', 'RunningWithError'] as const).filter((s) =>
        deps.source.vocabulary.statuses.includes(s),
      );
      const listQuery = { ...query, policy: names.policy, vm: names.vm, name: null, statuses: failures };
      const latest = await deps.source.listSessions(
        { ...filter, statuses: ['Error'] },
        { offset: 0, limit: 1 },
      );
      const failed = latest.sessions[0];
      if (!failed)
        return {
          kind: 'notice',
          title: `No failure of ${subject}`,
          text: `The appliance lists no failed session of ${subject} among the sessions it keeps (it deletes old ones after its retention period). Ask \`last backup of ${subject}\` for how it went lately.`,
        };
      const [history, log, items] = await Promise.all([
        deps.source.listSessions(
          { ...filter, statuses: [], types: [failed.type] },
          { offset: 0, limit: HISTORY_SESSIONS },
        ),
        deps.source.getSessionLog(failed.id),
        deps.source
          .getProtectedItems(failed.id, VM_RESULTS)
          .catch((error): ProtectedItemResults | { unavailable: string } => ({
            unavailable: toBotError(error).userMessage,
          })),
      ]);
      return buildWhyView(
        failed,
        { history: failureHistory(failed, history.sessions), log, items },
        {
          listQuery,
          subject,
          vm: names.vm,
          now: deps.now(),
          tokens: deps.tokens,
          veeamUrl: deps.veeamUrl,
          pageSize: deps.pageSize,
        },
      );
    } catch (error) {
      return failure(error, deps, null, timeZone);
    }
  });
}
