import type http from 'node:http';
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { TeamsConfig } from '../config/config';
import type { AnswerDeps } from '../core/answers/answer-question';
import type { AlertCommands } from '../core/conversation/handle-message';
import type { Logger } from '../core/ports';
import type { AnswerView } from '../core/view/sessions-view';
import type { DigestService } from '../digest/digest-service';
import { toCardActivity } from './card-activity';
import { type ConversationReferences, InMemoryConversationReferences } from './conversation-references';
import { isTokenRefusal, toBotFrameworkRequest } from './http-bridge';
import { SessionsBot } from './sessions-bot';
import { createTeamsAdapter, type TeamsCredentialsFactory } from './teams-adapter';

export type { TeamsCredentialsFactory };

export type TeamsApp = {
  requestListener: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  references: ConversationReferences;
  /**
   * Posts to a conversation that used the bot before (the digest's way in): the new message's id, or null
   * when the bot has never been in that conversation.
   */
  postToConversation(conversationId: string, view: AnswerView): Promise<string | null>;
  /** Replies to message `messageId` (in its thread, in a channel); false when the bot was never there. */
  replyInConversation(conversationId: string, messageId: string, view: AnswerView): Promise<boolean>;
  /** Replaces message `messageId`; false when the bot was never in the conversation. */
  updateInConversation(conversationId: string, messageId: string, view: AnswerView): Promise<boolean>;
};

export type TeamsAppDeps = {
  answers: AnswerDeps;
  logger: Logger;
  defaultTimeZone: string;
  references?: ConversationReferences;
  digests?: DigestService | null;
  alerts?: AlertCommands | null;
  placeholderAfterMs?: number;
  invokeBudgetMs?: number;
  credentialsFactory?: TeamsCredentialsFactory;
};

/** The Teams half of the bot on botbuilder's CloudAdapter, at POST /api/messages of the shared server. */
export function createTeamsApp(config: TeamsConfig, deps: TeamsAppDeps): TeamsApp {
  const adapter = createTeamsAdapter(config, deps.logger, deps.credentialsFactory);
  const references = deps.references ?? new InMemoryConversationReferences();
  const bot = new SessionsBot({
    config,
    answers: deps.answers,
    logger: deps.logger,
    defaultTimeZone: deps.defaultTimeZone,
    references,
    digests: deps.digests ?? null,
    alerts: deps.alerts ?? null,
    adapter,
    placeholderAfterMs: deps.placeholderAfterMs ?? 1500,
    invokeBudgetMs: deps.invokeBudgetMs ?? 3000,
  });

  /**
   * Runs `act` in a conversation that used the bot before (the way in for digests and alerts); null when
   * the bot has never been in it.
   */
  async function inConversation<T>(
    conversationId: string,
    act: (context: TurnContext) => Promise<T>,
    adjust: (reference: Partial<ConversationReference>) => Partial<ConversationReference> = (r) => r,
  ): Promise<T | null> {
    const reference = await references.get(conversationId);
    if (!reference) return null;
    let result: T | null = null;
    let failure: unknown = null;
    await adapter.continueConversationAsync(config.appId, adjust(reference), async (context) => {
      // The continuation turn has an id of its own, which sendActivity would turn into replyToId: a
      // reply to a message that does not exist. Clearing it makes a post a new message (a new post
      // in a channel) rather than a reply.
      context.activity.id = undefined;
      // Thrown in here, a failure would go to onTurnError (an apology into the same dead conversation)
      // and the post would look done: it is carried out instead, for the caller to retry or give up.
      try {
        result = await act(context);
      } catch (error) {
        failure = error;
      }
    });
    if (failure) throw failure;
    return result;
  }

  return {
    references,
    requestListener: async (req, res) => {
      const bridged = await toBotFrameworkRequest(req, { loopbackServiceUrlOnly: config.mode === 'open' });
      if (!bridged.ok) {
        res
          .writeHead(bridged.status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: bridged.problem }));
        return;
      }
      const json = { 'content-type': 'application/json; charset=utf-8' };
      try {
        const invoke = await adapter.answer(bridged.authorization, bridged.activity, (context) =>
          bot.run(context),
        );
        res.writeHead(invoke?.status ?? 200, json);
        res.end(invoke?.body === undefined ? undefined : JSON.stringify(invoke.body));
      } catch (error) {
        if (isTokenRefusal(error)) {
          deps.logger.warn('Refused a Teams request without a valid Bot Framework token', { error });
          res
            .writeHead(401, json)
            .end(JSON.stringify({ error: 'not authorized: no valid Bot Framework token' }));
        } else {
          deps.logger.error('A Teams request failed', { error });
          res.writeHead(500, json).end(JSON.stringify({ error: 'internal error' }));
        }
      }
    },
    postToConversation: (conversationId, view) =>
      inConversation(
        conversationId,
        async (context) => (await context.sendActivity(toCardActivity(view)))?.id ?? '',
      ),
    replyInConversation: async (conversationId, messageId, view) =>
      // In a channel a reply goes to the post's thread (`;messageid=` names it); a chat has no threads.
      (await inConversation(
        conversationId,
        async (context) => {
          await context.sendActivity(toCardActivity(view));
        },
        (reference) =>
          reference.conversation?.conversationType === 'channel'
            ? {
                ...reference,
                conversation: {
                  ...reference.conversation,
                  id: `${reference.conversation.id};messageid=${messageId}`,
                },
              }
            : reference,
      )) !== null,
    updateInConversation: async (conversationId, messageId, view) =>
      (await inConversation(conversationId, async (context) => {
        await context.updateActivity({ ...toCardActivity(view), id: messageId });
      })) !== null,
  };
}
