import type { AlertService } from '../alerts/alert-service';
import type { Config } from '../config/config';
import type { AnswerDeps } from '../core/answers/answer-question';
import type { DigestSubscription } from '../core/digest/digest-subscription';
import type { Logger } from '../core/ports';
import type { AnswerView } from '../core/view/sessions-view';
import type { DigestService } from '../digest/digest-service';
import type { HttpServer } from '../http/server';
import type { Database } from '../storage/open-database';
import type { OpenedVeeam } from '../veeam/veeam-source';

/**
 * What a chat surface is to the rest of the bot: Slack, Teams and the playground each export one, and
 * main.ts starts whichever are configured. Adding a platform is one module like these and one line in
 * registry.ts; what to answer is decided in src/core/conversation, not here.
 */
export type ChatPlatform<Settings = unknown, Handle = unknown> = {
  /** Also the `platform` of its digest subscriptions. */
  name: string;
  /** This platform's settings, read from the configuration; null when it is off. */
  settings(config: Config): Settings | null;
  /** Said in the log when it is off: how to turn it on. */
  whenOff(config: Config): string;
  /** Routes that answer while it is off (Teams says why /api/messages is closed). */
  mountWhenOff?(http: HttpServer): void;
  create(settings: Settings, deps: PlatformDeps): Promise<RunningPlatform<Handle>>;
};

export type PlatformDeps = {
  config: Config;
  answers: AnswerDeps;
  logger: Logger;
  digests: DigestService;
  alerts: AlertService;
  database: Database;
  veeam: OpenedVeeam;
  timing: {
    /** A message answer slower than this shows "Looking up…" first. */
    placeholderAfterMs?: number | undefined;
    /** A Teams button slower than this returns "Looking up…" and is answered on its next press. */
    invokeBudgetMs?: number | undefined;
  };
  /** Options only one platform reads (test doubles for Microsoft Entra), by platform name. */
  extras: Record<string, unknown>;
};

export type RunningPlatform<Handle = unknown> = {
  /** What tests and the composition root may reach of it (Bolt's app, the Teams references). */
  handle: Handle;
  /** Its routes on the bot's one HTTP server. */
  mount(http: HttpServer): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The log line once the server listens at `url`: where to reach it. */
  describe(url: string): string;
  /** Posts a digest (later, an alert) to one of its channels or chats; the new message's id. */
  post(subscription: DigestSubscription, view: AnswerView): Promise<string>;
  /** Posts alerts, their thread replies and their updates; absent on a platform that cannot. */
  alerts?: AlertDelivery;
  /** Tells the person who set up a digest that it is paused, where the platform can reach them. */
  tellPaused?(subscription: DigestSubscription, note: string): Promise<void>;
};

/**
 * How a platform delivers alerts. Each throws ChannelUnreachable when the platform says the bot cannot
 * post there (removed, archived, deleted), and any other error for what may pass (a timeout, a 5xx).
 */
export type AlertDelivery = {
  /** A new top-level message; its id. */
  post(channelId: string, view: AnswerView): Promise<string>;
  /** A reply in the thread of message `messageId` (or, where the conversation has no threads, after it). */
  reply(channelId: string, messageId: string, view: AnswerView): Promise<void>;
  /** Replaces message `messageId` with `view`. */
  update(channelId: string, messageId: string, view: AnswerView): Promise<void>;
  /** Tells the person who turned alerts on that they are paused, where the platform can reach them. */
  tellPaused?(channelId: string, userId: string, note: string): Promise<void>;
};

/** The platform will not let the bot post to this channel or chat: trying again will not help. */
export class ChannelUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelUnreachable';
  }
}
