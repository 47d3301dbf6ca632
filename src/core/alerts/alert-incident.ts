import type { AlertOutcome } from './alert-subscription';

/** A policy failing in one channel, from its first failure to its recovery. */
export type AlertIncident = {
  id: string;
  subscriptionId: string;
  /** The policy id, or `type:<type>` for sessions that belong to no policy. */
  subjectId: string;
  subjectName: string;
  state: 'failing' | 'recovered';
  /** Failed (or warned) sessions in a row. */
  failures: number;
  /** ISO instants: when the first and the latest of them ended (or were seen failing, while running). */
  firstFailedAt: string;
  lastFailedAt: string;
  /** When the latest of them started: a later run that succeeds ends the incident. */
  lastStartedAt: string;
  lastSessionId: string;
  lastStatus: string;
  /** The reason line of the latest failure's log, when it has one. */
  lastReason: string | null;
  /** The top-level message, once posted; null while a quiet subscription waits for more failures. */
  messageId: string | null;
  owner: { id: string; name: string } | null;
  recoveredAt: string | null;
};

/** What one session does to a policy's incident in a channel. */
export type IncidentStep =
  /** The first failure: a new incident, posted now unless snoozed or waiting for more failures. */
  | { kind: 'open'; post: boolean }
  /** Another failure while failing: counted; posted now if it reaches the threshold, else a thread reply. */
  | { kind: 'again'; post: boolean; reply: boolean }
  /** The same session again with a new status (RunningWithError, then Error): the message is updated. */
  | { kind: 'same-session' }
  /** A Success ends the incident; the thread hears it when there is a thread. */
  | { kind: 'recovered'; reply: boolean }
  | { kind: 'nothing' };

/**
 * The rules of an incident, with no storage and no platform: a channel hears the first failure of a
 * policy and its recovery; repeats go to the thread; a snoozed policy posts nothing new at top level and
 * adds no thread replies (its message is still kept up to date).
 */
export function nextStep(
  incident: AlertIncident | null,
  session: { id: string; outcome: AlertOutcome },
  rules: { afterFailures: number; snoozed: boolean },
): IncidentStep {
  if (session.outcome === null) return { kind: 'nothing' };
  if (session.outcome === 'success')
    return incident ? { kind: 'recovered', reply: incident.messageId !== null } : { kind: 'nothing' };
  if (!incident) return { kind: 'open', post: rules.afterFailures <= 1 && !rules.snoozed };
  if (incident.lastSessionId === session.id) return { kind: 'same-session' };
  const failures = incident.failures + 1;
  if (incident.messageId === null)
    return { kind: 'again', post: failures >= rules.afterFailures && !rules.snoozed, reply: false };
  return { kind: 'again', post: false, reply: !rules.snoozed };
}
