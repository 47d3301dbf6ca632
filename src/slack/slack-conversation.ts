import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Asker } from '../core/answers/answer-question';
import { deliverWithPlaceholder } from '../core/answers/deliver-with-placeholder';
import { type Access, answerOf, type InboundMessage, type Reply } from '../core/conversation/conversation';
import { isAllowedInSlack } from './access-control';
import { type ButtonOrigin, replaceMessage, safely } from './deliver';
import { escapeMrkdwn } from './render/mrkdwn';
import { renderAnswerBlockKit } from './render/render-sessions-block-kit';
import type { SlackContext } from './slack-context';

/**
 * Slack's side of the conversation (src/core/conversation): a command, mention or click becomes an
 * inbound message or action; a Reply becomes response_url posts or Web API calls. Nothing is decided here.
 */

const SCOPE = 'workspace, channel or user';

export function slackAsker(who: {
  teamId?: string | undefined;
  channelId?: string | undefined;
  userId: string;
}): Asker {
  return { platform: 'slack', teamId: who.teamId, channelId: who.channelId, userId: who.userId };
}

export function slackAccess(ctx: SlackContext, asker: Asker): Access {
  return { allowed: isAllowedInSlack(ctx.config.allowed, asker), scope: SCOPE };
}

/** A message in Slack terms → the core's; the asker's zone and locale are looked up only when allowed. */
export async function slackMessage(
  ctx: SlackContext,
  client: WebClient,
  said: { teamId?: string | undefined; channelId: string; userId: string; text: string; command: string },
): Promise<InboundMessage> {
  const asker = slackAsker(said);
  const access = slackAccess(ctx, asker);
  // A refusal reads neither, so a stranger costs no users.info call.
  const place = access.allowed
    ? await ctx.timeZones.placeOf(said.userId, client)
    : { zone: 'UTC', locale: null };
  return {
    asker,
    access,
    text: said.text,
    timeZone: place.zone,
    locale: place.locale,
    command: said.command,
    // Without a digest service the conversation says digests are off (handle-message.ts).
    digestPlace: { platform: 'slack', channelId: said.channelId },
  };
}

/** A reply to a slash command, through its response_url. */
export async function deliverToCommand(ctx: SlackContext, respond: RespondFn, reply: Reply): Promise<void> {
  if (reply.kind === 'note') {
    await safely(ctx, 'note', () => respond({ response_type: 'ephemeral', text: reply.text }));
    return;
  }
  const forChannel = reply.delivery.how === 'post' && reply.delivery.visibleTo === 'channel';
  if (reply.kind === 'card') {
    await safely(ctx, 'answer', () =>
      respond({
        response_type: forChannel ? 'in_channel' : 'ephemeral',
        ...renderAnswerBlockKit(reply.view),
      }),
    );
    return;
  }
  // SLACK_RESPONSE_TYPE decides who sees an answer to a command; a private one gets a Share button.
  const responseType = forChannel ? ctx.config.responseType : 'ephemeral';
  await deliverWithPlaceholder(reply.answer, {
    placeholderAfterMs: ctx.placeholderAfterMs,
    showPlaceholder: () => respond({ response_type: responseType, text: escapeMrkdwn(reply.pendingText) }),
    showAnswer: (view, placeholder) =>
      safely(ctx, 'answer', () =>
        respond({
          response_type: responseType,
          ...(placeholder !== null ? { replace_original: true } : {}),
          ...renderAnswerBlockKit(view, { shareable: responseType === 'ephemeral' }),
        }),
      ),
  });
}

/** A reply to a mention or a direct message: posted in its thread, a slow answer updating "Looking up…". */
export async function deliverToConversation(
  ctx: SlackContext,
  client: WebClient,
  where: { channel: string; thread_ts?: string; user: string },
  reply: Reply,
): Promise<void> {
  const { user, ...inThread } = where;
  if (reply.kind === 'note') {
    await safely(ctx, 'note', () =>
      client.chat.postEphemeral({ channel: where.channel, user, text: reply.text }),
    );
    return;
  }
  if (reply.kind === 'card') {
    await safely(ctx, 'answer', () =>
      client.chat.postMessage({ ...inThread, ...renderAnswerBlockKit(reply.view) }),
    );
    return;
  }
  await deliverWithPlaceholder(reply.answer, {
    placeholderAfterMs: ctx.placeholderAfterMs,
    showPlaceholder: async () =>
      (await client.chat.postMessage({ ...inThread, text: escapeMrkdwn(reply.pendingText) })).ts ?? null,
    showAnswer: (view, placeholderTs) =>
      safely(ctx, 'answer', () =>
        placeholderTs
          ? client.chat.update({ channel: where.channel, ts: placeholderTs, ...renderAnswerBlockKit(view) })
          : client.chat.postMessage({ ...inThread, ...renderAnswerBlockKit(view) }),
      ),
  });
}

/** A reply to a click: in place of the clicked message, privately, or shared with the channel. */
export async function deliverToClick(
  ctx: SlackContext,
  click: { respond: RespondFn; client: WebClient; origin: ButtonOrigin },
  reply: Reply,
): Promise<void> {
  const { respond } = click;
  if (reply.kind === 'note') {
    await safely(ctx, 'note', () =>
      respond({ response_type: 'ephemeral', replace_original: false, text: reply.text }),
    );
    return;
  }
  const view = await answerOf(reply);
  if (reply.delivery.how === 'replace') {
    await replaceMessage(ctx, click.origin, respond, click.client, view);
    return;
  }
  if (reply.delivery.visibleTo === 'asker') {
    await safely(ctx, 'private answer', () =>
      respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderAnswerBlockKit(view, { shareable: true }),
      }),
    );
    return;
  }
  await safely(ctx, 'share', async () => {
    await respond({ response_type: 'in_channel', replace_original: false, ...renderAnswerBlockKit(view) });
    if (reply.kind === 'lookup' && reply.removesOriginal) await respond({ delete_original: true });
  });
}
