import { DateTime } from 'luxon';
import { type AnswerDeps, audited, failure } from '../answers/answer-question';
import { inPool } from '../answers/in-pool';
import { toBotError } from '../errors';
import { readSessionsSince } from '../sessions/read-sessions-since';
import type { Session } from '../sessions/session';
import { unfilteredQuery } from '../sessions/session-query';
import type { AnswerView } from '../view/sessions-view';
import { buildStreaksView, type VmFailures } from './build-streaks-view';
import { type FailureTimes, findStreaks, streaksOf } from './find-streaks';
import type { StreaksRequest } from './parse-streaks';

/** Pages of failed sessions read at most (2,000 sessions): the bound the answer states when it is reached. */
const MAX_PAGES = 20;
/** Failed sessions whose per-VM results a VM streak reads, newest first: one call each. */
const MAX_VM_READS = 60;
/** Per-VM results read at once. */
const CONCURRENCY = 4;
/** VMs of one session read, the API's usual page. */
const VMS_A_SESSION = 100;

/**
 * Which VMs failed in which of the failed sessions: each session's per-VM results, the newest
 * MAX_VM_READS sessions at most. A session whose results cannot be read is counted, not guessed.
 */
async function vmFailures(sessions: Session[], deps: AnswerDeps): Promise<VmFailures> {
  const newest = [...sessions]
    .filter((s) => s.startTime)
    .sort((a, b) => Date.parse(b.startTime ?? '') - Date.parse(a.startTime ?? ''))
    .slice(0, MAX_VM_READS);
  const byVm = new Map<string, FailureTimes>();
  let unreadable = 0;
  const readOne = (s: Session) => async () => {
    try {
      const results = await deps.source.getProtectedItems(s.id, VMS_A_SESSION);
      for (const item of results.items.filter((i) => i.status === 'Error')) {
        const vm = byVm.get(item.name) ?? { name: item.name, policyId: null, failedAt: [] };
        vm.failedAt.push(s.startTime as string);
        byVm.set(item.name, vm);
      }
    } catch (error) {
      unreadable++;
      deps.logger.warn('Per-VM results could not be read for a VM streak', {
        code: toBotError(error).code,
      });
    }
  };
  await inPool(newest.map(readOne), CONCURRENCY);
  return { failures: [...byVm.values()], read: newest.length, of: sessions.length, unreadable };
}

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
      const { sessions, complete, unreadable } = await readSessionsSince(
        deps.source,
        failures,
        listQuery.fromUtc,
        MAX_PAGES,
      );
      const read = {
        days: request.days,
        span,
        firstDay: from.toISODate() ?? '',
        read: sessions.length,
        unreadable,
        complete,
      };
      const context = {
        listQuery,
        now,
        tokens: deps.tokens,
        pageSize: deps.pageSize,
        veeamUrl: deps.veeamUrl,
      };
      if (request.of === 'policies')
        return buildStreaksView(findStreaks(sessions, request.days, timeZone, now), read, context);
      const vms = await vmFailures(sessions, deps);
      return buildStreaksView(streaksOf(vms.failures, request.days, timeZone, now), read, context, vms);
    } catch (error) {
      return failure(error, deps, null, timeZone);
    }
  });
}
