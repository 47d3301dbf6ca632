import { type AlertsCommand, parseAlertsCommand } from '../alerts/parse-alerts-command';
import { type AnswerDeps, answerQuery, prepareQuestion } from '../answers/answer-question';
import type { DigestPlatform } from '../digest/digest-subscription';
import { type DigestCommand, parseDigestCommand } from '../digest/parse-digest-command';
import { BotError } from '../errors';
import { buildErrorView } from '../view/build-error-view';
import type { AlertButtonState } from '../view/page-token';
import type { AnswerView } from '../view/sessions-view';
import { answerKindReply } from './answer-kinds';
import type { Access, InboundMessage, Reply } from './conversation';
import { refusalText } from './refusal';

/** Where a digest command is carried out: the digest service implements it. */
export interface DigestCommands {
  handleCommand(
    command: DigestCommand,
    place: { platform: DigestPlatform; channelId: string; userId: string; timeZone: string },
  ): Promise<AnswerView>;
}

/** Where alert commands and alert buttons are carried out: the alert service implements it. */
export interface AlertCommands {
  handleCommand(
    command: AlertsCommand,
    place: { platform: string; channelId: string; userId: string; userName: string; timeZone: string },
  ): Promise<AnswerView>;
  act(button: AlertButtonState, who: { userId: string; name: string }): Promise<AnswerView>;
}

export type ConversationDeps = {
  answers: AnswerDeps;
  /** Digest subscriptions; null when the bot keeps none (no database, Teams' open mode). */
  digests: DigestCommands | null;
  /** Failure alerts; null or absent where the bot keeps none (the CLI, Teams' open mode). */
  alerts?: AlertCommands | null;
};

const DIGESTS_UNAVAILABLE =
  'Digests are off: the bot runs without its digest service, so it keeps no subscriptions.';

/** Refuses, with a log line naming who, when the platform's allowlist says no; null when allowed. */
export function refusal(
  access: Access,
  asker: InboundMessage['asker'],
  deps: ConversationDeps,
): Reply | null {
  if (access.allowed) return null;
  deps.answers.logger.warn('Refused a request from outside the allowlist', { ...asker });
  return { kind: 'note', text: refusalText(access.scope) };
}

/**
 * A message to the bot, on any platform: the allowlist, then `digest …` and `alerts …`, then the answers
 * that are not lists (answer-kinds.ts: why, streaks, last success), then help and usage (answered at once,
 * to the asker), then a list question (a lookup, for the conversation).
 */
export async function handleMessage(message: InboundMessage, deps: ConversationDeps): Promise<Reply> {
  const refused = refusal(message.access, message.asker, deps);
  if (refused) return refused;
  const { answers } = deps;
  const digest = parseDigestCommand(message.text, {
    timeZone: message.timeZone,
    now: answers.now(),
    vocabulary: answers.source.vocabulary,
  });
  if (digest) return digestReply(digest, message, deps);
  const alerts = parseAlertsCommand(message.text, {
    timeZone: message.timeZone,
    now: answers.now(),
    vocabulary: answers.source.vocabulary,
  });
  if (alerts) return alertsReply(alerts, message, deps);
  const answered = answerKindReply(message, answers);
  if (answered) return answered;
  const prepared = prepareQuestion(message.text, message.timeZone, answers, message.command, message.locale);
  if (prepared.kind === 'immediate')
    return { kind: 'card', delivery: { how: 'post', visibleTo: 'asker' }, view: prepared.view };
  return {
    kind: 'lookup',
    delivery: { how: 'post', visibleTo: 'channel' },
    pendingText: prepared.pendingText,
    answer: answerQuery(prepared.query, message.offset ?? 0, { ...answers, asker: message.asker }),
  };
}

const ALERTS_UNAVAILABLE = 'Alerts are off here: the bot keeps no alert subscriptions on this surface.';

async function alertsReply(
  command: AlertsCommand,
  message: InboundMessage,
  deps: ConversationDeps,
): Promise<Reply> {
  const place = message.digestPlace;
  if (!deps.alerts || 'unavailable' in place) {
    const why = 'unavailable' in place ? place.unavailable : ALERTS_UNAVAILABLE;
    return {
      kind: 'card',
      delivery: { how: 'post', visibleTo: 'asker' },
      view: buildErrorView(new BotError('USAGE', why)),
    };
  }
  const userId = message.asker.userId ?? message.asker.platform;
  const view = await deps.alerts.handleCommand(command, {
    ...place,
    userId,
    userName: message.asker.name ?? userId,
    timeZone: message.timeZone,
  });
  // Turning alerts on or off is for the channel to see; status and usage are for the asker.
  const forChannel = view.kind !== 'error' && (command.kind === 'on' || command.kind === 'off');
  return { kind: 'card', delivery: { how: 'post', visibleTo: forChannel ? 'channel' : 'asker' }, view };
}

async function digestReply(
  command: DigestCommand,
  message: InboundMessage,
  deps: ConversationDeps,
): Promise<Reply> {
  const place = message.digestPlace;
  if (!deps.digests || 'unavailable' in place) {
    const why = 'unavailable' in place ? place.unavailable : DIGESTS_UNAVAILABLE;
    return {
      kind: 'card',
      delivery: { how: 'post', visibleTo: 'asker' },
      view: buildErrorView(new BotError('USAGE', why)),
    };
  }
  const view = await deps.digests.handleCommand(command, {
    ...place,
    // A platform with one anonymous person (the playground) subscribes under its own name.
    userId: message.asker.userId ?? message.asker.platform,
    timeZone: message.timeZone,
  });
  // Subscribing, stopping and `digest now` are for the whole channel to see; the rest is for the asker.
  const forChannel =
    view.kind !== 'error' &&
    (command.kind === 'subscribe' || command.kind === 'off' || command.kind === 'now');
  return { kind: 'card', delivery: { how: 'post', visibleTo: forChannel ? 'channel' : 'asker' }, view };
}
