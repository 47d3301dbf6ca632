import type { SlackConfig } from '../config/config';
import type { AnswerDeps } from '../core/answers/answer-question';
import type { AlertCommands } from '../core/conversation/handle-message';
import type { Logger } from '../core/ports';
import type { DigestService } from '../digest/digest-service';
import type { UserTimeZones } from './user-time-zones';

/** What every Slack listener needs, built once in createSlackApp. */
export type SlackContext = {
  config: SlackConfig;
  answers: AnswerDeps;
  timeZones: UserTimeZones;
  logger: Logger;
  /** When an answer takes longer, "Looking up…" is shown first. */
  placeholderAfterMs: number;
  /** Digest subscriptions; null when the bot runs without its database. */
  digests: DigestService | null;
  /** Failure alerts; null when the bot runs without them. */
  alerts: AlertCommands | null;
};
