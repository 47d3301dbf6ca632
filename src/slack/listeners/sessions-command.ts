import type { App } from '@slack/bolt';
import { answerQuery, prepareQuestion } from '../../core/answers/answer-question';
import { deliverWithPlaceholder } from '../../core/answers/deliver-with-placeholder';
import { isAllowedInSlack, REFUSAL_TEXT } from '../access-control';
import { retryingRespond, safely } from '../deliver';
import { escapeMrkdwn } from '../render/mrkdwn';
import { renderAnswerBlockKit } from '../render/render-sessions-block-kit';
import type { SlackContext } from '../slack-context';
import { answerDigestCommand } from './digest-command';

/** `/sessions <question>`: acknowledge at once, then answer through the response_url. */
export function registerSessionsCommand(app: App, ctx: SlackContext): void {
  app.command(ctx.config.command, async ({ command, ack, respond: respondOnce, client }) => {
    const respond = retryingRespond(respondOnce, ctx);
    await ack();
    const who = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
    if (!isAllowedInSlack(ctx.config.allowed, who)) {
      ctx.logger.warn('Refused a Slack command from outside the allowlist', who);
      await safely(ctx, 'refusal', () => respond({ response_type: 'ephemeral', text: REFUSAL_TEXT }));
      return;
    }
    const { zone: timeZone, locale } = await ctx.timeZones.placeOf(command.user_id, client);
    const digest = await answerDigestCommand(ctx, command.text, {
      channelId: command.channel_id,
      userId: command.user_id,
      timeZone,
    });
    if (digest) {
      await safely(ctx, 'digest command', () =>
        respond({
          response_type: digest.visibleToChannel ? 'in_channel' : 'ephemeral',
          ...renderAnswerBlockKit(digest.view),
        }),
      );
      return;
    }
    const prepared = prepareQuestion(command.text, timeZone, ctx.answers, ctx.config.command, locale);
    if (prepared.kind === 'immediate') {
      await safely(ctx, 'help or usage', () =>
        respond({ response_type: 'ephemeral', ...renderAnswerBlockKit(prepared.view) }),
      );
      return;
    }
    const responseType = ctx.config.responseType;
    const shareable = responseType === 'ephemeral';
    await deliverWithPlaceholder(
      answerQuery(prepared.query, 0, { ...ctx.answers, asker: { platform: 'slack', ...who } }),
      {
        placeholderAfterMs: ctx.placeholderAfterMs,
        showPlaceholder: () =>
          respond({ response_type: responseType, text: escapeMrkdwn(prepared.pendingText) }),
        showAnswer: (view, placeholder) =>
          safely(ctx, 'answer', () =>
            respond({
              response_type: responseType,
              ...(placeholder !== null ? { replace_original: true } : {}),
              ...renderAnswerBlockKit(view, { shareable }),
            }),
          ),
      },
    );
  });
}
