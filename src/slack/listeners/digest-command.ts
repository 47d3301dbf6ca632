import { parseDigestCommand } from '../../core/digest/parse-digest-command';
import type { AnswerView } from '../../core/view/sessions-view';
import type { SlackContext } from '../slack-context';

export type DigestAnswer = {
  view: AnswerView;
  /** Subscribing, stopping and `digest now` are for the whole channel to see; the rest is for the asker. */
  visibleToChannel: boolean;
};

/** `digest …` in a command or a message; null when the text is a question instead. */
export async function answerDigestCommand(
  ctx: SlackContext,
  text: string,
  place: { channelId: string; userId: string; timeZone: string },
): Promise<DigestAnswer | null> {
  const command = parseDigestCommand(text, {
    timeZone: place.timeZone,
    now: ctx.answers.now(),
    vocabulary: ctx.answers.source.vocabulary,
  });
  if (!command || !ctx.digests) return null;
  const view = await ctx.digests.handleCommand(command, { platform: 'slack', ...place });
  const visibleToChannel =
    view.kind !== 'error' &&
    (command.kind === 'subscribe' || command.kind === 'off' || command.kind === 'now');
  return { view, visibleToChannel };
}
