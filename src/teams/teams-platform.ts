import type { TeamsConfig } from '../config/config';
import { ChannelUnreachable, type ChatPlatform } from '../platforms/chat-platform';
import { ConversationReferenceStore } from '../storage/conversation-reference-store';
import { InMemoryConversationReferences, StoredConversationReferences } from './conversation-references';
import type { TeamsApp, TeamsCredentialsFactory } from './teams-app';

/** Where the Bot Framework posts; said here too, so a bot with Teams off never loads botbuilder. */
const TEAMS_MESSAGES_PATH = '/api/messages';

/** Teams on botbuilder's CloudAdapter, at POST /api/messages. */
export const teamsPlatform: ChatPlatform<TeamsConfig, TeamsApp> = {
  name: 'teams',
  settings: (config) => config.teams,
  whenOff: () =>
    'Teams bot off: set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to turn it on',
  mountWhenOff(http) {
    http.route('POST', TEAMS_MESSAGES_PATH, (_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error:
            'The Teams bot is off: set MICROSOFT_APP_ID (or TEAMS_ALLOW_UNAUTHENTICATED=true for the Emulator).',
        }),
      );
    });
  },
  async create(settings, deps) {
    // botbuilder is large: loaded only when Teams is on.
    // require, not import(): under tsx's require hook (npm start from the sources) a dynamic import goes to
    // Node's ESM loader, which cannot resolve an extensionless .ts path.
    const { createTeamsApp }: typeof import('./teams-app') = require('./teams-app');
    const open = settings.mode === 'open';
    const teams = createTeamsApp(settings, {
      answers: deps.answers,
      logger: deps.logger,
      defaultTimeZone: deps.config.defaultTimeZone,
      // Open mode proves nobody's identity: it keeps no conversation in the database and takes no digests.
      digests: open ? null : deps.digests,
      alerts: open ? null : deps.alerts,
      references: open
        ? new InMemoryConversationReferences(1_000)
        : new StoredConversationReferences(new ConversationReferenceStore(deps.database.db, 'teams')),
      placeholderAfterMs: deps.timing.placeholderAfterMs,
      invokeBudgetMs: deps.timing.invokeBudgetMs,
      credentialsFactory: deps.extras.teamsCredentials as TeamsCredentialsFactory | undefined,
    });
    if (open)
      deps.logger.warn(
        `TEAMS_ALLOW_UNAUTHENTICATED=true: POST ${TEAMS_MESSAGES_PATH} accepts requests WITHOUT checking who sent them. For the Bot Framework Emulator and local tests only: it answers activities whose serviceUrl is on this machine only, stores no conversation and takes no digests. Never expose this port.`,
      );
    return {
      handle: teams,
      mount(http) {
        http.route('POST', TEAMS_MESSAGES_PATH, teams.requestListener);
      },
      start: async () => {},
      stop: async () => {},
      describe: (url) =>
        open
          ? `Teams bot on, unauthenticated: POST ${url}${TEAMS_MESSAGES_PATH}`
          : `Teams bot on: POST ${url}${TEAMS_MESSAGES_PATH} (app ${settings.appId}, ${settings.appType})`,
      // Open mode keeps no conversation, so it posts no alerts (as it takes no digests).
      ...(open
        ? {}
        : {
            alerts: {
              post: async (conversationId, view) => {
                const id = await unreachableAs(() => teams.postToConversation(conversationId, view));
                if (id === null) throw notKnown(conversationId);
                return id;
              },
              reply: async (conversationId, messageId, view) => {
                if (!(await unreachableAs(() => teams.replyInConversation(conversationId, messageId, view))))
                  throw notKnown(conversationId);
              },
              update: async (conversationId, messageId, view) => {
                if (!(await unreachableAs(() => teams.updateInConversation(conversationId, messageId, view))))
                  throw notKnown(conversationId);
              },
            },
          }),
      post: async (subscription, view) => {
        const id = await teams.postToConversation(subscription.channelId, view).catch(async (error) => {
          // 403 BotNotInConversationRoster: the app was removed while the bot was not told.
          if ((error as { statusCode?: number }).statusCode === 403) {
            await teams.references.remove(subscription.channelId);
            await deps.digests.endForConversation(
              'teams',
              subscription.channelId,
              'Teams answered 403: the bot is not in it',
            );
          }
          throw error;
        });
        if (id === null)
          throw new Error(
            `the bot has not been in Teams conversation ${subscription.channelId} since it started keeping references`,
          );
        return id;
      },
    };
  },
};

function notKnown(conversationId: string): ChannelUnreachable {
  return new ChannelUnreachable(
    `the bot has not been in Teams conversation ${conversationId} since it started keeping references`,
  );
}

/** 403 BotNotInConversationRoster (or any 403): the app was removed from the conversation. */
async function unreachableAs<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 403)
      throw new ChannelUnreachable('Teams answered 403: the bot is not in the conversation');
    throw error;
  }
}
