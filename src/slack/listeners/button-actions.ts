import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { type AnswerDeps, answerDetailsToken, answerPageToken } from '../../core/answers/answer-question';
import type { AnswerView } from '../../core/view/sessions-view';
import { isAllowedInSlack, REFUSAL_TEXT } from '../access-control';
import { type ButtonOrigin, replaceMessage, safely } from '../deliver';
import { SLACK_ACTIONS } from '../render/block-kit';
import { renderAnswerBlockKit } from '../render/render-sessions-block-kit';
import type { SlackContext } from '../slack-context';

const PAGING = new RegExp(
  `^(${[SLACK_ACTIONS.previous, SLACK_ACTIONS.next, SLACK_ACTIONS.back, SLACK_ACTIONS.retry].map((a) => a.replace('.', '\\.')).join('|')})$`,
);

function originOf(body: BlockAction): ButtonOrigin {
  return {
    responseUrl: body.response_url,
    channelId: body.channel?.id ?? body.container?.channel_id,
    messageTs: body.message?.ts ?? body.container?.message_ts,
    ephemeral: Boolean(body.container?.is_ephemeral),
  };
}

/**
 * Previous, Next, Back, Try again and Details replace the message they sit on; Share posts the same page
 * to the channel. Buttons carry their whole state, so any replica can answer them.
 */
export function registerButtonActions(app: App, ctx: SlackContext): void {
  const handle =
    (answer: (token: unknown, deps: AnswerDeps) => Promise<AnswerView>) =>
    async ({
      ack,
      body,
      action,
      respond,
      client,
    }: Parameters<Parameters<typeof app.action<BlockAction<ButtonAction>>>[1]>[0]) => {
      await ack();
      const who = { teamId: body.team?.id, channelId: body.channel?.id, userId: body.user.id };
      if (!isAllowedInSlack(ctx.config.allowed, who)) {
        ctx.logger.warn('Refused a Slack button from outside the allowlist', who);
        await safely(ctx, 'refusal', () =>
          respond({ response_type: 'ephemeral', replace_original: false, text: REFUSAL_TEXT }),
        );
        return;
      }
      const view = await answer(action.value, { ...ctx.answers, asker: { platform: 'slack', ...who } });
      if (view.kind === 'error' && view.code === 'STALE_ACTION') {
        await safely(ctx, 'stale button note', () =>
          respond({ response_type: 'ephemeral', replace_original: false, text: view.message }),
        );
        return;
      }
      await replaceMessage(ctx, originOf(body), respond, client, view);
    };

  app.action<BlockAction<ButtonAction>>(PAGING, handle(answerPageToken));
  app.action<BlockAction<ButtonAction>>(SLACK_ACTIONS.details, handle(answerDetailsToken));
  // A digest is the channel's: its "show all" answers privately, and the digest stays as it was.
  app.action<BlockAction<ButtonAction>>(SLACK_ACTIONS.showAll, async ({ ack, body, action, respond }) => {
    await ack();
    const who = { teamId: body.team?.id, channelId: body.channel?.id, userId: body.user.id };
    if (!isAllowedInSlack(ctx.config.allowed, who)) {
      await safely(ctx, 'refusal', () =>
        respond({ response_type: 'ephemeral', replace_original: false, text: REFUSAL_TEXT }),
      );
      return;
    }
    const view = await answerPageToken(action.value, {
      ...ctx.answers,
      asker: { platform: 'slack', ...who },
    });
    await safely(ctx, 'digest list', () =>
      respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...renderAnswerBlockKit(view, { shareable: true }),
      }),
    );
  });
  app.action<BlockAction<ButtonAction>>(SLACK_ACTIONS.openVeeam, async ({ ack }) => {
    await ack();
  });

  app.action<BlockAction<ButtonAction>>(SLACK_ACTIONS.share, async ({ ack, body, action, respond }) => {
    await ack();
    const who = { teamId: body.team?.id, channelId: body.channel?.id, userId: body.user.id };
    if (!isAllowedInSlack(ctx.config.allowed, who)) {
      await safely(ctx, 'refusal', () =>
        respond({ response_type: 'ephemeral', replace_original: false, text: REFUSAL_TEXT }),
      );
      return;
    }
    const view = await answerPageToken(action.value, {
      ...ctx.answers,
      asker: { platform: 'slack', ...who },
    });
    if (view.kind === 'error' && view.code === 'STALE_ACTION') {
      await safely(ctx, 'stale button note', () =>
        respond({ response_type: 'ephemeral', replace_original: false, text: view.message }),
      );
      return;
    }
    await safely(ctx, 'share', async () => {
      await respond({ response_type: 'in_channel', replace_original: false, ...renderAnswerBlockKit(view) });
      await respond({ delete_original: true });
    });
  });
}
