import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { type AnswerDeps, answerDetailsToken, answerPageToken } from '../../core/answers/answer-question';
import type { AnswerView, ErrorView } from '../../core/view/sessions-view';
import { isAllowedInSlack, REFUSAL_TEXT } from '../access-control';
import { type ButtonOrigin, replaceMessage, retryingRespond, safely } from '../deliver';
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

/** A private note to whoever clicked; the message the button sits on stays as it is. */
function note(ctx: SlackContext, respond: RespondFn, what: string, text: string): Promise<void> {
  return safely(ctx, what, () => respond({ response_type: 'ephemeral', replace_original: false, text }));
}

/**
 * The answers' dependencies for this click, with who clicked for the audit line; null (after a polite
 * refusal) when the clicker is outside the allowlist.
 */
async function depsForClick(
  ctx: SlackContext,
  body: BlockAction,
  respond: RespondFn,
): Promise<AnswerDeps | null> {
  const who = { teamId: body.team?.id, channelId: body.channel?.id, userId: body.user.id };
  if (!isAllowedInSlack(ctx.config.allowed, who)) {
    ctx.logger.warn('Refused a Slack button from outside the allowlist', who);
    await note(ctx, respond, 'refusal', REFUSAL_TEXT);
    return null;
  }
  return { ...ctx.answers, asker: { platform: 'slack', ...who } };
}

const isStale = (view: AnswerView): view is ErrorView =>
  view.kind === 'error' && view.code === 'STALE_ACTION';

/**
 * Previous, Next, Back, Try again and Details replace the message they sit on; Share posts the same page
 * to the channel; a digest's list button answers privately. Buttons carry their whole state, so any
 * replica can answer them.
 */
export function registerButtonActions(app: App, ctx: SlackContext): void {
  type Args = Parameters<Parameters<typeof app.action<BlockAction<ButtonAction>>>[1]>[0];
  type Click = { view: AnswerView; respond: RespondFn; body: BlockAction; client: Args['client'] };

  /** Every button: acknowledge, check the clicker, answer its token, then deliver as the button wants. */
  const clicked =
    (
      answer: (token: unknown, deps: AnswerDeps) => Promise<AnswerView>,
      deliver: (click: Click) => Promise<void>,
    ) =>
    async ({ ack, body, action, respond: respondOnce, client }: Args) => {
      await ack();
      const respond = retryingRespond(respondOnce, ctx);
      const deps = await depsForClick(ctx, body, respond);
      if (!deps) return;
      await deliver({ view: await answer(action.value, deps), respond, body, client });
    };

  const inPlace = ({ view, respond, body, client }: Click) =>
    isStale(view)
      ? note(ctx, respond, 'stale button note', view.message)
      : replaceMessage(ctx, originOf(body), respond, client, view);

  app.action<BlockAction<ButtonAction>>(PAGING, clicked(answerPageToken, inPlace));
  app.action<BlockAction<ButtonAction>>(SLACK_ACTIONS.details, clicked(answerDetailsToken, inPlace));

  // A digest is the channel's: its list answers privately, and the digest stays as it was.
  app.action<BlockAction<ButtonAction>>(
    SLACK_ACTIONS.showAll,
    clicked(answerPageToken, ({ view, respond }) =>
      safely(ctx, 'digest list', () =>
        respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...renderAnswerBlockKit(view, { shareable: true }),
        }),
      ),
    ),
  );

  app.action<BlockAction<ButtonAction>>(
    SLACK_ACTIONS.share,
    clicked(answerPageToken, ({ view, respond }) =>
      isStale(view)
        ? note(ctx, respond, 'stale button note', view.message)
        : safely(ctx, 'share', async () => {
            await respond({
              response_type: 'in_channel',
              replace_original: false,
              ...renderAnswerBlockKit(view),
            });
            await respond({ delete_original: true });
          }),
    ),
  );

  app.action<BlockAction<ButtonAction>>(SLACK_ACTIONS.openVeeam, async ({ ack }) => {
    await ack();
  });
}
