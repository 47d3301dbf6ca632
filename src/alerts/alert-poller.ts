import type { AlertIncident } from '../core/alerts/alert-incident';
import {
  type AlertSubscription,
  alertOutcome,
  FAILURE_STATUSES,
  inScope,
  WARNING_STATUSES,
} from '../core/alerts/alert-subscription';
import type { Logger, SessionsSource } from '../core/ports';
import type { JobStatus } from '../core/sessions/api-version';
import { readSessionsSince } from '../core/sessions/read-sessions-since';
import type { Session } from '../core/sessions/session';
import type { AlertDelivery } from '../platforms/chat-platform';
import { ChannelUnreachable } from '../platforms/chat-platform';
import type { AlertIncidentStore } from '../storage/alert-incident-store';
import type { AlertLedger } from '../storage/alert-ledger';
import { eventKey } from '../storage/alert-ledger';
import type { AlertSubscriptionStore } from '../storage/alert-subscription-store';
import type { AlertMessages } from './alert-messages';

export type AlertPollerOptions = {
  source: SessionsSource;
  subscriptions: AlertSubscriptionStore;
  ledger: AlertLedger;
  incidents: AlertIncidentStore;
  messages: AlertMessages;
  deliveryFor(platform: string): AlertDelivery | undefined;
  logger: Logger;
  now: () => Date;
  instanceId: string;
  pollMs: number;
  /** Failures that ended longer ago than this (the bot was down) are not posted; the log counts them. */
  graceMs: number;
  /** How far back a poll looks for sessions by their start: longer than the longest backup. */
  lookbackMs: number;
  /** Pages one query may read before the poll says it read only part. */
  maxPages: number;
  /** Told of every poll this replica made, for metrics and the benchmark. */
  onPoll?: (poll: PollOutcome) => void;
};

export type PollOutcome = { calls: number; sessions: number; alerts: number; durationMs: number };

/** Channels delivered to at once in a poll. */
const CHANNELS_AT_ONCE = 4;

/** How long a claim on one event protects it: a replica killed mid-post is taken over after this. */
const CLAIM_MS = 60_000;

/**
 * When a session's status became what it is, epoch ms: its end, or its start while it still runs. Times
 * are compared as instants, never as strings: appliances write them with and without fractions or offsets.
 */
function eventTime(session: Session): number {
  return instant(session.stopTime ?? session.startTime);
}

function instant(iso: string | null): number {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

function subjectOf(session: Session): { id: string; name: string } {
  if (session.policyId) return { id: session.policyId, name: session.targetName ?? session.policyId };
  return { id: `type:${session.type}`, name: session.targetName ?? session.typeLabel };
}

/**
 * One poll of the appliance for every subscription, made by whichever replica holds the lease. Sessions
 * are found by a sliding window on their *start* (the only time the API filters on): a six-hour backup
 * that fails at 06:00 started at midnight, so the window reaches back ALERT_LOOKBACK_HOURS, not one poll
 * interval, and the claim ledger keeps each (subscription, session, status) from being alerted twice.
 */
export class AlertPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly o: AlertPollerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.pollOnce()
        .then(() => undefined)
        .catch((error) => this.o.logger.error('Alert poll failed', { error }))
        .finally(() => {
          this.running = null;
          if (!this.stopped) {
            this.timer = setTimeout(loop, this.o.pollMs);
            this.timer.unref();
          }
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    // A clean stop hands the poll on at once instead of after the lease.
    await this.o.ledger.releaseLease(this.o.instanceId).catch(() => undefined);
  }

  /** One poll, if this replica holds the lease; false when another one does. */
  async pollOnce(): Promise<boolean> {
    const { ledger, logger, instanceId } = this.o;
    const started = this.o.now();
    const nowMs = started.getTime();
    // The lease outlives a poll and the wait to the next one; a dead holder's is taken over after it.
    if (!(await ledger.holdLease(instanceId, nowMs, this.o.pollMs + 15_000))) return false;
    const previous = await ledger.poll();
    this.o.messages.newPoll();
    const subscriptions = await this.o.subscriptions.listActive();
    if (subscriptions.length === 0) {
      await ledger.recordPoll(instanceId, started, null);
      return true;
    }
    const statuses: JobStatus[] = [...FAILURE_STATUSES];
    if (subscriptions.some((s) => s.includeWarnings)) statuses.push(...WARNING_STATUSES);
    const from = new Date(nowMs - this.o.lookbackMs).toISOString();
    const failed = await readSessionsSince(this.o.source, statuses, from, this.o.maxPages);
    // A Success only matters to a policy that is failing, after its latest failure.
    const failing = await this.o.incidents.listFailing();
    const since = Math.max(
      nowMs - this.o.lookbackMs,
      Math.min(...failing.map((i) => Date.parse(i.lastStartedAt))),
    );
    const succeeded =
      failing.length > 0
        ? await readSessionsSince(this.o.source, ['Success'], new Date(since).toISOString(), this.o.maxPages)
        : { sessions: [], calls: 0, complete: true, note: null };
    const sessions = [...failed.sessions, ...succeeded.sessions].sort((a, b) => eventTime(a) - eventTime(b));
    const note = [failed.note, succeeded.note].filter(Boolean).join('; ') || null;
    if (note) logger.warn('An alert poll read only part of the sessions', { note });

    // After an outage what failed meanwhile is told as one summary a channel, never a flood.
    const gapMs = previous?.polledAt ? nowMs - Date.parse(previous.polledAt) : 0;
    const catchUpBefore =
      gapMs > Math.max(3 * this.o.pollMs, 120_000) ? nowMs - this.o.pollMs - 30_000 : null;

    const known = await ledger.known(
      sessions.map((s) => s.id),
      nowMs,
    );
    // An incident's failed session is in this listing unless it is older than the window: no re-read.
    const byId = new Map(sessions.map((s) => [s.id, s]));
    let alerts = 0;
    let renewedAt = nowMs;
    let lost = false;
    // A few channels at a time, so one slow channel holds up no other; the lease is renewed as a long
    // poll goes on (thousands of posts), and a poll that lost it stops, leaving the rest to the holder.
    const queue = [...subscriptions];
    const worker = async () => {
      for (let subscription = queue.shift(); subscription && !lost; subscription = queue.shift()) {
        const at = this.o.now().getTime();
        if (at - renewedAt > this.o.pollMs / 2) {
          renewedAt = at;
          if (!(await ledger.holdLease(instanceId, at, this.o.pollMs + 15_000))) {
            lost = true;
            logger.warn('Lost the alert poll lease during a long poll; the new holder goes on', {
              left: queue.length + 1,
            });
            return;
          }
        }
        alerts += await this.forSubscription(subscription, sessions, byId, known, failing, catchUpBefore);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHANNELS_AT_ONCE, subscriptions.length) }, worker));
    await ledger.recordPoll(instanceId, started, note);
    // Events older than any poll looks back are forgotten, so the ledger stays small.
    await ledger.forgetBefore(new Date(nowMs - this.o.lookbackMs - 3_600_000).toISOString());
    this.o.onPoll?.({
      calls: failed.calls + succeeded.calls,
      sessions: sessions.length,
      alerts,
      durationMs: this.o.now().getTime() - nowMs,
    });
    return true;
  }

  private async forSubscription(
    subscription: AlertSubscription,
    sessions: Session[],
    byId: Map<string, Session>,
    known: Map<string, string>,
    failing: AlertIncident[],
    catchUpBefore: number | null,
  ): Promise<number> {
    const { ledger, logger, instanceId } = this.o;
    const delivery = this.o.deliveryFor(subscription.platform);
    if (!delivery) return 0;
    const nowMs = this.o.now().getTime();
    const graceFrom = nowMs - this.o.graceMs;
    const createdAt = instant(subscription.createdAt);
    const open = new Map(
      failing.filter((i) => i.subscriptionId === subscription.id).map((i) => [i.subjectId, i]),
    );
    const before: { subscriptionId: string; sessionId: string; status: string }[] = [];
    const missed: Session[] = [];
    const touched = new Map<string, AlertIncident>();
    let alerts = 0;
    for (const session of sessions) {
      const outcome = alertOutcome(session.status);
      if (outcome === null || (outcome === 'warning' && !subscription.includeWarnings)) continue;
      if (!inScope(subscription.scope, session)) continue;
      const key = { subscriptionId: subscription.id, sessionId: session.id, status: session.status };
      if (known.has(eventKey(key.subscriptionId, key.sessionId, key.status))) continue;
      const subject = subjectOf(session);
      const incident = open.get(subject.id) ?? null;
      // Alerted while it ran with errors, the session is not a new failure when it ends: only the
      // incident it belongs to, if still the one it counted in, is brought up to date.
      const alertedRunning =
        known.get(eventKey(subscription.id, session.id, 'RunningWithError')) === 'posted';
      if (session.status === 'Error' && alertedRunning && incident?.lastSessionId !== session.id) {
        before.push(key);
        continue;
      }
      // A later run that succeeded ends the incident: one that started after the failed one and ended
      // after it. A snapshot that succeeded while a long backup was failing does not.
      if (
        outcome === 'success' &&
        (!incident ||
          instant(session.startTime) <= instant(incident.lastStartedAt) ||
          eventTime(session) <= instant(incident.lastFailedAt))
      )
        continue;
      // A failure from before `alerts on` is the digest's; one older than the grace period is not news.
      const at = eventTime(session);
      if (outcome !== 'success' && (at < createdAt || at < graceFrom)) {
        before.push(key);
        continue;
      }
      if (!(await ledger.claim(key.subscriptionId, key.sessionId, key.status, instanceId, nowMs, CLAIM_MS)))
        continue;
      const quiet = catchUpBefore !== null && at < catchUpBefore;
      try {
        const result = await this.o.messages.apply(subscription, delivery, incident, session, subject, {
          quiet,
        });
        if (result.incident.state === 'failing') open.set(subject.id, result.incident);
        else open.delete(subject.id);
        if (result.incident.messageId && result.needsUpdate) touched.set(result.incident.id, result.incident);
        if (quiet && outcome !== 'success') missed.push(session);
        alerts += result.posted;
        await ledger.finish(key.subscriptionId, key.sessionId, key.status, 'posted', this.o.now().getTime());
      } catch (error) {
        await ledger.release(key.subscriptionId, key.sessionId, key.status, instanceId);
        if (error instanceof ChannelUnreachable) {
          await this.pause(subscription, delivery, error.message);
          return alerts;
        }
        logger.warn('Could not deliver an alert; the next poll tries again', {
          subscription: subscription.id,
          session: session.id,
          error,
        });
      }
    }
    if (before.length > 0) await ledger.recordSkipped(before, instanceId, nowMs);
    try {
      if (missed.length > 0) {
        await this.o.messages.postCatchUp(subscription, delivery, missed, new Date(catchUpBefore ?? nowMs));
        alerts++;
      }
      // One update per message per poll, however many of its sessions the poll saw: Slack's rate limits.
      for (const incident of touched.values())
        await this.o.messages.update(subscription, delivery, incident, byId.get(incident.lastSessionId));
    } catch (error) {
      if (error instanceof ChannelUnreachable) await this.pause(subscription, delivery, error.message);
      else logger.warn('Could not update an alert', { subscription: subscription.id, error });
    }
    return alerts;
  }

  private async pause(subscription: AlertSubscription, delivery: AlertDelivery, why: string): Promise<void> {
    const note = `paused: ${why}`;
    if (!(await this.o.subscriptions.pause(subscription.id, note))) return;
    this.o.logger.error('Paused alerts for a channel the bot cannot post to', {
      subscription: subscription.id,
      note,
    });
    if (subscription.source === 'chat')
      await delivery
        .tellPaused?.(subscription.channelId, subscription.createdBy, note)
        .catch((error) => this.o.logger.warn('Could not tell the subscriber alerts are paused', { error }));
  }
}
