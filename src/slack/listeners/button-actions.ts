import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { handleAction } from '../../core/conversation/handle-action';
import { type ButtonOrigin, retryingRespond } from '../deliver';
import { SLACK_ACTION_KINDS, SLACK_ACTIONS } from '../render/block-kit';
import type { SlackContext } from '../slack-context';
import { deliverToClick, slackAccess, slackAsker } from '../slack-conversation';

function originOf(body: BlockAction): ButtonOrigin {
  return {
    responseUrl: body.response_url,
    channelId: body.channel?.id ?? body.container?.channel_id,
    messageTs: body.message?.ts ?? body.container?.message_ts,
    ephemeral: Boolean(body.container?.is_ephemeral),
  };
}

/** Every button: acknowledge, hand the click to the core, deliver what it says. */
export function registerButtonActions(app: App, ctx: SlackContext): void {
  for (const [actionId, kind] of SLACK_ACTION_KINDS) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond, client }) => {
      await ack();
      const asker = slackAsker({ teamId: body.team?.id, channelId: body.channel?.id, userId: body.user.id });
      const reply = handleAction(
        { asker, access: slackAccess(ctx, asker), kind, token: action.value },
        { answers: ctx.answers, digests: ctx.digests, alerts: ctx.alerts },
      );
      await deliverToClick(
        ctx,
        { respond: retryingRespond(respond, ctx), client, origin: originOf(body) },
        reply,
      );
    });
  }

  // A link button: Slack opens the URL and still sends the click, which only needs its acknowledgement.
  app.action<BlockAction<ButtonAction>>(SLACK_ACTIONS.openVeeam, async ({ ack }) => {
    await ack();
  });
  app.action<BlockAction<ButtonAction>>(/^sessions\.open_doc\.\d+$/, async ({ ack }) => {
    await ack();
  });
}
