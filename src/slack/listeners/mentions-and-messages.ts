import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { handleMessage } from '../../core/conversation/handle-message';
import type { SlackContext } from '../slack-context';
import { deliverToConversation, slackMessage } from '../slack-conversation';

/** "<@U123> failed today" → "failed today" */
function withoutMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').trim();
}

type Said = { channel: string; threadTs?: string; userId: string; teamId?: string | undefined; text: string };

/** Answers a message in its thread (or the DM). */
async function answer(ctx: SlackContext, client: WebClient, said: Said): Promise<void> {
  const message = await slackMessage(ctx, client, {
    teamId: said.teamId,
    channelId: said.channel,
    userId: said.userId,
    text: said.text,
    command: '',
  });
  const reply = await handleMessage(message, {
    answers: ctx.answers,
    digests: ctx.digests,
    alerts: ctx.alerts,
  });
  await deliverToConversation(
    ctx,
    client,
    { channel: said.channel, user: said.userId, ...(said.threadTs ? { thread_ts: said.threadTs } : {}) },
    reply,
  );
}

/** `@Sessions failed today` in a channel (answered in the thread) and direct messages to the bot. */
export function registerMentionsAndMessages(app: App, ctx: SlackContext): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (!event.user) return;
    await answer(ctx, client, {
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      userId: event.user,
      teamId: event.team ?? context.teamId,
      text: withoutMentions(event.text),
    });
  });

  app.message(async ({ message, client, context }) => {
    // Only people's own words in a DM; edits, bot posts and joins have a subtype.
    if (
      message.channel_type !== 'im' ||
      message.subtype !== undefined ||
      !('user' in message) ||
      !message.user
    )
      return;
    await answer(ctx, client, {
      channel: message.channel,
      userId: message.user,
      teamId: context.teamId,
      text: withoutMentions(message.text ?? ''),
    });
  });
}
