import type { App } from '@slack/bolt';
import { handleMessage } from '../../core/conversation/handle-message';
import { retryingRespond } from '../deliver';
import type { SlackContext } from '../slack-context';
import { deliverToCommand, slackMessage } from '../slack-conversation';

/** `/sessions <question>`: acknowledge at once, then answer through the response_url. */
export function registerSessionsCommand(app: App, ctx: SlackContext): void {
  app.command(ctx.config.command, async ({ command, ack, respond, client }) => {
    await ack();
    const message = await slackMessage(ctx, client, {
      teamId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      text: command.text,
      command: ctx.config.command,
    });
    const reply = await handleMessage(message, {
      answers: ctx.answers,
      digests: ctx.digests,
      alerts: ctx.alerts,
    });
    await deliverToCommand(ctx, retryingRespond(respond, ctx), reply);
  });
}
