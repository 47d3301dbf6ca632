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

/** Where a channel's digest or alerts are kept, and who said the command there. */
export type SubscriptionPlace = {
  platform: string;
  channelId: string;
  userId: string;
  userName: string;
  timeZone: string;
};

/** Where alert commands and alert buttons are carried out: the alert service implements it. */
export interface AlertCommands {
  handleCommand(command: AlertsCommand, place: SubscriptionPlace): Promise<AnswerView>;
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

/** A digest or alerts command's outcome, for the channel to see when it changed the channel's, else the asker. */
function commandCard(view: AnswerView, changesChannel: boolean): Reply {
  const forChannel = view.kind !== 'error' && changesChannel;
  return { kind: 'card', delivery: { how: 'post', visibleTo: forChannel ? 'channel' : 'asker' }, view };
}

/**
 * The service and where a channel's subscription is kept, with who asked; or, when the service is off or
 * the surface keeps none, the card that says why.
 */
function subscriptionPlace<S>(
  message: InboundMessage,
  service: S | null | undefined,
  offText: string,
): { service: S; place: SubscriptionPlace } | { refused: Reply } {
  const place = message.digestPlace;
  if (!service || 'unavailable' in place) {
    const why = 'unavailable' in place ? place.unavailable : offText;
    return { refused: commandCard(buildErrorView(new BotError('USAGE', why)), false) };
  }
  // A platform with one anonymous person (the playground) subscribes under its own name.
  const userId = message.asker.userId ?? message.asker.platform;
  return {
    service,
    place: { ...place, userId, userName: message.asker.name ?? userId, timeZone: message.timeZone },
  };
}

async function alertsReply(
  command: AlertsCommand,
  message: InboundMessage,
  deps: ConversationDeps,
): Promise<Reply> {
  const at = subscriptionPlace(message, deps.alerts, ALERTS_UNAVAILABLE);
  if ('refused' in at) return at.refused;
  // Turning alerts on or off is for the channel to see; status and usage are for the asker.
  return commandCard(
    await at.service.handleCommand(command, at.place),
    command.kind === 'on' || command.kind === 'off',
  );
}

async function digestReply(
  command: DigestCommand,
  message: InboundMessage,
  deps: ConversationDeps,
): Promise<Reply> {
  const at = subscriptionPlace(message, deps.digests, DIGESTS_UNAVAILABLE);
  if ('refused' in at) return at.refused;
  // Subscribing, stopping and `digest now` are for the whole channel to see; the rest is for the asker.
  return commandCard(
    await at.service.handleCommand(command, at.place),
    command.kind === 'subscribe' || command.kind === 'off' || command.kind === 'now',
  );
}
