import { DateTime } from 'luxon';
import {
  type AlertSubscription,
  alertSubscriptionId,
  describeAlertScope,
} from '../core/alerts/alert-subscription';
import { ALERTS_USAGE, type AlertsCommand } from '../core/alerts/parse-alerts-command';
import type { AnswerDeps } from '../core/answers/answer-question';
import { answerDetails } from '../core/answers/answer-question';
import type { SubscriptionPlace } from '../core/conversation/handle-message';
import { BotError, toBotError } from '../core/errors';
import { resolveSessionFilter } from '../core/sessions/find-sessions';
import { buildErrorView } from '../core/view/build-error-view';
import { formatLocalTime } from '../core/view/human-time';
import type { AlertButtonState } from '../core/view/page-token';
import type { AnswerView, NoticeView } from '../core/view/sessions-view';
import { answerWhy } from '../core/why/answer-why';
import type { AlertIncidentStore } from '../storage/alert-incident-store';
import type { AlertLedger } from '../storage/alert-ledger';
import type { AlertSubscriptionStore } from '../storage/alert-subscription-store';
import type { AlertMessages } from './alert-messages';

export type AlertServiceDeps = {
  answers: AnswerDeps;
  subscriptions: AlertSubscriptionStore;
  ledger: AlertLedger;
  incidents: AlertIncidentStore;
  messages: AlertMessages;
  /** Named in answers about file-declared subscriptions. */
  alertsFile: string | null;
  pollSeconds: number;
  /** Platforms that can post alerts; `alerts on` elsewhere says why not. */
  canDeliver(platform: string): boolean;
};

const SNOOZE_MS = { 'snooze-1h': 3_600_000, 'snooze-24h': 86_400_000, 'snooze-1w': 7 * 86_400_000 } as const;

const notice = (title: string, text: string): NoticeView => ({ kind: 'notice', title, text });

/** `alerts on/off/status` and the buttons of an alert: the chat side of alerts (the poller is the other). */
export class AlertService {
  constructor(private readonly deps: AlertServiceDeps) {}

  /** Never throws: a failure is an error card. */
  async handleCommand(command: AlertsCommand, place: SubscriptionPlace): Promise<AnswerView> {
    try {
      return await this.command(command, place);
    } catch (error) {
      const botError = toBotError(error);
      if (botError.code === 'INTERNAL') this.deps.answers.logger.error('Alerts command failed', { error });
      return buildErrorView(botError);
    }
  }

  private when(iso: string | null, zone: string): string {
    if (!iso) return 'never';
    return `${formatLocalTime(iso, zone, DateTime.fromJSDate(this.deps.answers.now()))} ${zone}`;
  }

  private async command(command: AlertsCommand, place: SubscriptionPlace): Promise<AnswerView> {
    const { subscriptions } = this.deps;
    const id = alertSubscriptionId(place.platform, place.channelId);
    const here = await subscriptions.findByChannel(place.platform, place.channelId);
    const now = this.deps.answers.now();
    switch (command.kind) {
      case 'usage':
        return buildErrorView(new BotError('USAGE', command.message));
      case 'on': {
        if (!this.deps.canDeliver(place.platform))
          throw new BotError('USAGE', `Alerts cannot be posted on ${place.platform}.`);
        let scope: AlertSubscription['scope'] = { policyId: null, policyName: null, types: [] };
        if (command.query) {
          const { filter, names } = await resolveSessionFilter(command.query, this.deps.answers.source);
          if (filter.vmId !== null)
            throw new BotError(
              'USAGE',
              `"${names.vm}" is a VM; alerts follow policies for now: name the policy that protects it.`,
            );
          scope = { policyId: filter.policyId, policyName: names.policy, types: filter.types };
        }
        const subscription: AlertSubscription = {
          id,
          platform: place.platform,
          channelId: place.channelId,
          filters: command.filters,
          scope,
          includeWarnings: command.includeWarnings,
          afterFailures: command.afterFailures,
          timeZone: place.timeZone,
          createdBy: place.userId,
          createdAt: now.toISOString(),
          source: 'chat',
        };
        await subscriptions.save(subscription);
        this.deps.answers.logger.info('Alerts turned on', {
          subscription: id,
          by: place.userId,
          scope: describeAlertScope(subscription),
        });
        return notice(
          'Alerts on',
          [
            `This channel gets an alert when a session fails: ${describeAlertScope(subscription)}.`,
            `The appliance is checked every ${this.deps.pollSeconds} s; a policy that keeps failing is told in the alert's thread, and its recovery too.`,
            'Failures from before now are not alerted (`digest now` has them). `alerts status` shows what is failing here; `alerts off` stops it.',
          ].join('\n'),
        );
      }
      case 'off': {
        const removed = here.some((s) => s.id === id) && (await subscriptions.remove(id));
        if (removed) await this.deps.incidents.removeFor(id);
        if (!removed && here.some((s) => s.source === 'file'))
          return notice(
            'Declared in a file',
            `This channel's alerts are declared in ${this.deps.alertsFile ?? 'the alerts file'}; remove them there.`,
          );
        if (removed)
          this.deps.answers.logger.info('Alerts turned off', { subscription: id, by: place.userId });
        return notice(
          removed ? 'Alerts off' : 'No alerts here',
          removed
            ? 'No more alerts will be posted here.'
            : `There were no alerts here to turn off.\n${ALERTS_USAGE}`,
        );
      }
      case 'status':
        return this.status(here, place.timeZone);
    }
  }

  private async status(here: AlertSubscription[], zone: string): Promise<AnswerView> {
    if (here.length === 0) return notice('No alerts here', `Nothing alerts here yet.\n${ALERTS_USAGE}`);
    const poll = await this.deps.ledger.poll();
    const nowMs = this.deps.answers.now().getTime();
    const lines: string[] = [];
    for (const s of here) {
      const from = s.source === 'file' ? ` (declared in ${this.deps.alertsFile ?? 'the alerts file'})` : '';
      lines.push(`Alerts for ${describeAlertScope(s)}${from}, since ${this.when(s.createdAt, zone)}.`);
      const paused = await this.deps.subscriptions.pausedNote(s.id);
      if (paused)
        lines.push(
          `They are ${paused}. Check the bot is still in this channel, then say \`alerts on\` again.`,
        );
      const failing = await this.deps.incidents.failingIn(s.id);
      for (const i of failing) {
        const owner = i.owner ? `, ${i.owner.name} is on it` : '';
        lines.push(
          `Failing: ${i.subjectName}, ${i.failures} in a row since ${this.when(i.firstFailedAt, zone)}${owner}.`,
        );
      }
      if (failing.length === 0) lines.push('Nothing is failing here now.');
      for (const z of await this.deps.incidents.snoozesIn(s.id, nowMs))
        lines.push(`Snoozed: ${z.subjectName} until ${this.when(new Date(z.untilMs).toISOString(), zone)}.`);
    }
    lines.push(
      poll?.polledAt
        ? `The appliance was last checked ${this.when(poll.polledAt, zone)}${poll.note ? ` (${poll.note})` : ''}.`
        : 'The appliance has not been checked yet.',
    );
    return notice('Alerts here', lines.join('\n'));
  }

  /** A click on an alert's button: the alert again, as it now stands, or the session's details. */
  async act(button: AlertButtonState, who: { userId: string; name: string }): Promise<AnswerView> {
    const { incidents, answers } = this.deps;
    const incident = await incidents.get(button.incidentId);
    const subscription = incident ? await this.deps.subscriptions.get(incident.subscriptionId) : null;
    if (!incident || !subscription)
      return notice(
        'Alert gone',
        'Alerts were turned off where this alert was posted, so its buttons do nothing now.',
      );
    const nowMs = answers.now().getTime();
    switch (button.op) {
      case 'details':
        return answerDetails(incident.lastSessionId, null, subscription.timeZone, answers);
      case 'why':
        // A session of no policy has only its type to go by: its own details say what there is.
        return incident.subjectId.startsWith('type:')
          ? answerDetails(incident.lastSessionId, null, subscription.timeZone, answers)
          : answerWhy(
              { kind: 'why', name: incident.subjectName, as: 'policy' },
              subscription.timeZone,
              answers,
            );
      case 'own':
        await incidents.setOwner(incident.id, { id: who.userId, name: who.name }, nowMs);
        incident.owner = { id: who.userId, name: who.name };
        break;
      case 'unsnooze':
        await incidents.unsnooze(subscription.id, incident.subjectId);
        break;
      default:
        await incidents.snooze(incident, nowMs + SNOOZE_MS[button.op], who.name);
    }
    answers.logger.info('Alert button', {
      op: button.op,
      incident: incident.id,
      subscription: subscription.id,
      by: who.userId,
    });
    return this.deps.messages.view(subscription, incident);
  }
}
