import { type IncidentStep, nextStep } from '../../../src/core/alerts/alert-incident';
import type { AlertOutcome } from '../../../src/core/alerts/alert-subscription';
import { makeIncident } from '../../factories/alerts';

const posted = makeIncident({ failures: 2, lastSessionId: 'older', messageId: '1.0' });
const waiting = makeIncident({ failures: 1, lastSessionId: 'older', messageId: null });

describe('what one session does to a policy incident', () => {
  it.each<
    [
      string,
      ReturnType<typeof makeIncident> | null,
      AlertOutcome,
      { afterFailures: number; snoozed: boolean },
      IncidentStep,
    ]
  >([
    [
      'a first failure posts',
      null,
      'failure',
      { afterFailures: 1, snoozed: false },
      { kind: 'open', post: true },
    ],
    [
      'a first warning posts too (the caller asked for warnings)',
      null,
      'warning',
      { afterFailures: 1, snoozed: false },
      { kind: 'open', post: true },
    ],
    [
      'a first failure of a snoozed policy opens quietly',
      null,
      'failure',
      { afterFailures: 1, snoozed: true },
      { kind: 'open', post: false },
    ],
    [
      '"after 2 failures" waits at the first',
      null,
      'failure',
      { afterFailures: 2, snoozed: false },
      { kind: 'open', post: false },
    ],
    [
      '"after 2 failures" posts at the second',
      waiting,
      'failure',
      { afterFailures: 2, snoozed: false },
      { kind: 'again', post: true, reply: false },
    ],
    [
      'a repeat of a posted incident goes to the thread',
      posted,
      'failure',
      { afterFailures: 1, snoozed: false },
      { kind: 'again', post: false, reply: true },
    ],
    [
      'a repeat while snoozed adds no reply',
      posted,
      'failure',
      { afterFailures: 1, snoozed: true },
      { kind: 'again', post: false, reply: false },
    ],
    [
      'a success ends a posted incident in its thread',
      posted,
      'success',
      { afterFailures: 1, snoozed: false },
      { kind: 'recovered', reply: true },
    ],
    [
      'a success ends an unposted one silently',
      waiting,
      'success',
      { afterFailures: 2, snoozed: false },
      { kind: 'recovered', reply: false },
    ],
    [
      'a success with nothing failing is nothing',
      null,
      'success',
      { afterFailures: 1, snoozed: false },
      { kind: 'nothing' },
    ],
    [
      'a status of no interest is nothing',
      posted,
      null,
      { afterFailures: 1, snoozed: false },
      { kind: 'nothing' },
    ],
  ])('%s', (_name, incident, outcome, rules, expected) => {
    expect(nextStep(incident, { id: 'newer', outcome }, rules)).toEqual(expected);
  });

  it('counts a session once: RunningWithError, then Error, of the same session only updates', () => {
    expect(
      nextStep(posted, { id: 'older', outcome: 'failure' }, { afterFailures: 1, snoozed: false }),
    ).toEqual({
      kind: 'same-session',
    });
  });
});
