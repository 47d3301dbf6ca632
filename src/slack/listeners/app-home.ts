import type { App } from '@slack/bolt';
import { buildHelpView } from '../../core/view/build-error-view';
import { safely } from '../deliver';
import { renderAnswerBlockKit } from '../render/render-sessions-block-kit';
import type { SlackContext } from '../slack-context';

/** The App Home tab: what the bot does and how to ask it. */
export function registerAppHome(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const help = renderAnswerBlockKit(buildHelpView(ctx.answers.source.vocabulary, ctx.config.command));
    await safely(ctx, 'app home', () =>
      client.views.publish({
        user_id: event.user,
        view: {
          type: 'home',
          blocks: [
            ...help.blocks,
            { type: 'divider' },
            {
              type: 'context',
              elements: [
                {
                  type: 'mrkdwn',
                  text: `Ask with \`${ctx.config.command}\`, by mentioning me in a channel, or right here in Messages.`,
                },
              ],
            },
          ],
        },
      }),
    );
  });
}
