import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { AlertIncident } from '../core/alerts/alert-incident';
import { nextStep } from '../core/alerts/alert-incident';
import type { AlertSubscription } from '../core/alerts/alert-subscription';
import {
  type AlertViewContext,
  buildAlertView,
  buildFailedAgainView,
  buildRecoveredView,
} from '../core/alerts/build-alert-view';
import type { Logger, SessionsSource } from '../core/ports';
import type { Session, SessionLogLine } from '../core/sessions/session';
import { formatLocalTime } from '../core/view/human-time';
import type { ButtonTokens } from '../core/view/page-token';
import type { AlertView } from '../core/view/sessions-view';
import type { AlertDelivery } from '../platforms/chat-platform';
import type { AlertIncidentStore } from '../storage/alert-incident-store';

export type AlertMessagesDeps = {
  source: SessionsSource;
  incidents: AlertIncidentStore;
  tokens: ButtonTokens;
  veeamUrl: string | null;
  now: () => Date;
  logger: Logger;
};

export type Applied = {
  incident: AlertIncident;
  /** Top-level messages and thread replies posted. */
  posted: number;
  /** The top-level message no longer says the whole story. */
  needsUpdate: boolean;
};

function isoOf(time: string | null): string | null {
  const ms = time ? Date.parse(time) : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The longest reason line an alert shows; the Details button has the whole log. */
const MAX_REASON = 300;

/** The line of a log that says why: the last error line, else the last warning line. */
export function reasonOf(log: SessionLogLine[]): string | null {
  const last = (status: string) => [...log].reverse().find((l) => l.status === status);
  const line = last('Error') ?? last('Failed') ?? last('Warning');
  if (!line) return null;
  const text = line.message.replace(/\s+/g, ' ').trim();
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/**
 * What an alert says and where it goes: a session's step in its incident turned into a post, a thread
 * reply or an update, and the incident written only once the platform took the message, so a failed
 * delivery is tried again by the next poll with nothing counted twice.
 */
export class AlertMessages {
  /**
   * Reason lines read this poll, by session and status: a failure seen by a thousand channels costs one
   * log read, not a thousand. Emptied at every poll (newPoll), so a status change is read again.
   */
  private readonly reasons = new Map<string, Promise<string | null>>();

  constructor(private readonly deps: AlertMessagesDeps) {}

  newPoll(): void {
    this.reasons.clear();
  }

  async context(subscription: AlertSubscription, incident: AlertIncident): Promise<AlertViewContext> {
    const nowMs = this.deps.now().getTime();
    return {
      now: this.deps.now(),
      timeZone: subscription.timeZone,
      snooze: await this.deps.incidents.activeSnooze(subscription.id, incident.subjectId, nowMs),
      tokens: this.deps.tokens,
      veeamUrl: this.deps.veeamUrl,
    };
  }

  /** The alert as it stands, with its latest session read again (null fields when it cannot be). */
  async view(subscription: AlertSubscription, incident: AlertIncident, latest?: Session): Promise<AlertView> {
    const session = latest ?? (await this.deps.source.getSession(incident.lastSessionId).catch(() => null));
    return buildAlertView(incident, session, await this.context(subscription, incident));
  }

  private reason(session: Session): Promise<string | null> {
    const key = `${session.id}|${session.status}`;
    let found = this.reasons.get(key);
    if (!found) {
      found = this.readReason(session);
      this.reasons.set(key, found);
    }
    return found;
  }

  private async readReason(session: Session): Promise<string | null> {
    try {
      return reasonOf(await this.deps.source.getSessionLog(session.id));
    } catch (error) {
      this.deps.logger.warn('Could not read the log of a failed session for its alert', {
        session: session.id,
        error,
      });
      return null;
    }
  }

  async apply(
    subscription: AlertSubscription,
    delivery: AlertDelivery,
    incident: AlertIncident | null,
    session: Session,
    subject: { id: string; name: string },
    options: { quiet: boolean },
  ): Promise<Applied> {
    const { incidents, logger } = this.deps;
    const nowMs = this.deps.now().getTime();
    const snoozed = (await incidents.activeSnooze(subscription.id, subject.id, nowMs)) !== null;
    const outcome =
      session.status === 'Success' ? 'success' : session.status === 'Warning' ? 'warning' : 'failure';
    const step = nextStep(
      incident,
      { id: session.id, outcome },
      { afterFailures: subscription.afterFailures, snoozed },
    );
    // Kept as ISO instants of our own writing, whatever form the appliance used.
    const at = isoOf(session.stopTime ?? session.startTime) ?? this.deps.now().toISOString();
    const startedAt = isoOf(session.startTime) ?? at;
    const channel = subscription.channelId;
    const where = { subscription: subscription.id, subject: subject.name, session: session.id };

    switch (step.kind) {
      case 'nothing':
        return { incident: incident as AlertIncident, posted: 0, needsUpdate: false };
      case 'open': {
        const opened: AlertIncident = {
          id: randomUUID(),
          subscriptionId: subscription.id,
          subjectId: subject.id,
          subjectName: subject.name,
          state: 'failing',
          failures: 1,
          firstFailedAt: at,
          lastFailedAt: at,
          lastStartedAt: startedAt,
          lastSessionId: session.id,
          lastStatus: session.status,
          lastReason: await this.reason(session),
          messageId: null,
          owner: null,
          recoveredAt: null,
        };
        if (step.post && !options.quiet) {
          opened.messageId = await delivery.post(channel, await this.view(subscription, opened, session));
          logger.info('Posted an alert', where);
        } else
          logger.info(
            snoozed ? 'A failure of a snoozed policy: no alert' : 'A failure, not alerted yet',
            where,
          );
        await incidents.insert(opened, nowMs);
        return { incident: opened, posted: opened.messageId ? 1 : 0, needsUpdate: false };
      }
      case 'again': {
        const current = incident as AlertIncident;
        const next: AlertIncident = {
          ...current,
          failures: current.failures + 1,
          lastFailedAt: at,
          lastStartedAt: startedAt,
          lastSessionId: session.id,
          lastStatus: session.status,
          lastReason: await this.reason(session),
        };
        let posted = 0;
        if (step.post && !options.quiet) {
          next.messageId = await delivery.post(channel, await this.view(subscription, next, session));
          posted++;
          logger.info('Posted an alert', { ...where, failures: next.failures });
        } else if (step.reply && !options.quiet && next.messageId) {
          await delivery.reply(
            channel,
            next.messageId,
            buildFailedAgainView(next, session, await this.context(subscription, next)),
          );
          posted++;
          logger.info('Replied to an alert: failed again', { ...where, failures: next.failures });
        }
        await incidents.saveStory(next, nowMs);
        return { incident: next, posted, needsUpdate: !step.post };
      }
      case 'same-session': {
        const current = incident as AlertIncident;
        const next: AlertIncident = {
          ...current,
          lastFailedAt: at,
          lastStatus: session.status,
          lastReason: (await this.reason(session)) ?? current.lastReason,
        };
        await incidents.saveStory(next, nowMs);
        return { incident: next, posted: 0, needsUpdate: true };
      }
      case 'recovered': {
        const current = incident as AlertIncident;
        const next: AlertIncident = { ...current, state: 'recovered', recoveredAt: at };
        if (step.reply && !options.quiet && next.messageId) {
          await delivery.reply(
            channel,
            next.messageId,
            buildRecoveredView(next, await this.context(subscription, next)),
          );
          logger.info('Replied to an alert: recovered', where);
        }
        await incidents.saveStory(next, nowMs);
        return { incident: next, posted: step.reply ? 1 : 0, needsUpdate: true };
      }
    }
  }

  async update(
    subscription: AlertSubscription,
    delivery: AlertDelivery,
    incident: AlertIncident,
    latest?: Session,
  ): Promise<void> {
    if (!incident.messageId) return;
    await delivery.update(
      subscription.channelId,
      incident.messageId,
      await this.view(subscription, incident, latest),
    );
  }

  /** What failed while no replica polled: one message a channel, newest last. */
  async postCatchUp(
    subscription: AlertSubscription,
    delivery: AlertDelivery,
    missed: Session[],
    since: Date,
  ): Promise<void> {
    const now = DateTime.fromJSDate(this.deps.now());
    const zone = subscription.timeZone;
    const shown = missed.slice(-20);
    const lines = shown.map(
      (s) =>
        `${formatLocalTime(s.stopTime ?? s.startTime, zone, now)} · ${s.targetName ?? s.typeLabel} · ${s.status}`,
    );
    const more = missed.length > shown.length ? [`and ${missed.length - shown.length} earlier`] : [];
    await delivery.post(subscription.channelId, {
      kind: 'notice',
      title: `While alerts were not running: ${missed.length} ${missed.length === 1 ? 'failure' : 'failures'}`,
      text: [
        `Nobody polled the appliance for a while (until about ${formatLocalTime(since.toISOString(), zone, now)} ${zone}); these failed meanwhile:`,
        ...lines,
        ...more,
        'A policy that fails again gets its own alert. `digest now` has the whole day.',
      ].join('\n'),
    });
    this.deps.logger.warn('Posted a catch-up summary of failures missed while alerts were not running', {
      subscription: subscription.id,
      missed: missed.length,
    });
  }
}
