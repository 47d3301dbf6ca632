import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { answerQuery, prepareQuestion } from '../../core/answers/answer-question';
import { deliverWithPlaceholder } from '../../core/answers/deliver-with-placeholder';
import { isAllowedInSlack, REFUSAL_TEXT } from '../access-control';
import { safely } from '../deliver';
import { escapeMrkdwn } from '../render/mrkdwn';
import { renderAnswerBlockKit } from '../render/render-sessions-block-kit';
import type { SlackContext } from '../slack-context';
import { answerDigestCommand } from './digest-command';

/** "<@U123> failed today" → "failed today" */
export function withoutMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').trim();
}

type Conversation = {
  channel: string;
  threadTs?: string;
  userId: string;
  teamId?: string | undefined;
  text: string;
};

/** Answers a question asked in a message: posts in the thread (or the DM), updating a placeholder if slow. */
async function answerInConversation(ctx: SlackContext, client: WebClient, c: Conversation): Promise<void> {
  const where = { channel: c.channel, ...(c.threadTs ? { thread_ts: c.threadTs } : {}) };
  if (!isAllowedInSlack(ctx.config.allowed, { teamId: c.teamId, channelId: c.channel, userId: c.userId })) {
    ctx.logger.warn('Refused a Slack message from outside the allowlist', {
      teamId: c.teamId,
      channelId: c.channel,
      userId: c.userId,
    });
    await safely(ctx, 'refusal', () =>
      client.chat.postEphemeral({ channel: c.channel, user: c.userId, text: REFUSAL_TEXT }),
    );
    return;
  }
  const { zone: timeZone, locale } = await ctx.timeZones.placeOf(c.userId, client);
  const digest = await answerDigestCommand(ctx, c.text, { channelId: c.channel, userId: c.userId, timeZone });
  if (digest) {
    await safely(ctx, 'digest command', () =>
      client.chat.postMessage({ ...where, ...renderAnswerBlockKit(digest.view) }),
    );
    return;
  }
  const prepared = prepareQuestion(c.text, timeZone, ctx.answers, '', locale);
  if (prepared.kind === 'immediate') {
    await safely(ctx, 'help or usage', () =>
      client.chat.postMessage({ ...where, ...renderAnswerBlockKit(prepared.view) }),
    );
    return;
  }
  await deliverWithPlaceholder(
    answerQuery(prepared.query, 0, {
      ...ctx.answers,
      asker: { platform: 'slack', teamId: c.teamId, channelId: c.channel, userId: c.userId },
    }),
    {
      placeholderAfterMs: ctx.placeholderAfterMs,
      showPlaceholder: async () =>
        (await client.chat.postMessage({ ...where, text: escapeMrkdwn(prepared.pendingText) })).ts ?? null,
      showAnswer: (view, placeholderTs) =>
        safely(ctx, 'answer', () =>
          placeholderTs
            ? client.chat.update({ channel: c.channel, ts: placeholderTs, ...renderAnswerBlockKit(view) })
            : client.chat.postMessage({ ...where, ...renderAnswerBlockKit(view) }),
        ),
    },
  );
}

/** `@Sessions failed today` in a channel (answered in the thread) and direct messages to the bot. */
export function registerMentionsAndMessages(app: App, ctx: SlackContext): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (!event.user) return;
    await answerInConversation(ctx, client, {
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
    await answerInConversation(ctx, client, {
      channel: message.channel,
      userId: message.user,
      teamId: context.teamId,
      text: withoutMentions(message.text ?? ''),
    });
  });
}
