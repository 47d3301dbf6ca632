import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { handleWhen, IterableBackoff, retry } from 'cockatiel';
import type { AnswerView } from '../core/view/sessions-view';
import { renderAnswerBlockKit } from './render/render-sessions-block-kit';
import type { SlackContext } from './slack-context';

/** Where a button was pressed, as far as replacing its message is concerned. */
export type ButtonOrigin = {
  responseUrl: string | undefined;
  channelId: string | undefined;
  messageTs: string | undefined;
  ephemeral: boolean;
};

/**
 * Replaces the message a button sits on: through its response_url when Slack gave one (it works for
 * ephemeral and in-channel answers alike), otherwise with chat.update.
 */
export async function replaceMessage(
  ctx: SlackContext,
  origin: ButtonOrigin,
  respond: RespondFn,
  client: WebClient,
  view: AnswerView,
): Promise<void> {
  const message = renderAnswerBlockKit(view, { shareable: origin.ephemeral });
  try {
    if (origin.responseUrl) {
      await respond({ replace_original: true, ...message });
    } else if (origin.channelId && origin.messageTs) {
      await client.chat.update({ channel: origin.channelId, ts: origin.messageTs, ...message });
    } else {
      ctx.logger.warn('A button came with no way to update its message');
    }
  } catch (error) {
    ctx.logger.error('Could not update the Slack message', { error });
  }
}

/** Runs a delivery and logs, rather than throws, when Slack refuses it. */
export async function safely(
  ctx: SlackContext,
  what: string,
  deliver: () => Promise<unknown>,
): Promise<void> {
  try {
    await deliver();
  } catch (error) {
    ctx.logger.error(`Slack delivery failed: ${what}`, { error });
  }
}

/**
 * Bolt's respond posts to the response_url once; Slack may answer 429 or a 5xx when busy. This tries
 * again three times at most, after 1, 2 and 4 s (a response_url stays valid for 30 minutes and takes
 * five posts), then gives up by throwing, for the caller's log. Bolt's RespondError carries the status
 * but not the headers, so Retry-After is out of reach and the fixed backoff stands in for it.
 */
const respondRetry = retry(
  handleWhen((error) => {
    const status = httpStatusOf(error);
    return status === 429 || status >= 500;
  }),
  { maxAttempts: 3, backoff: new IterableBackoff([1_000, 2_000, 4_000]) },
);

export function retryingRespond(respond: RespondFn, ctx: SlackContext): RespondFn {
  return (message) =>
    respondRetry.execute(async ({ attempt }) => {
      if (attempt > 0) ctx.logger.warn('Slack response_url is busy; trying again', { attempt });
      return respond(message);
    });
}

function httpStatusOf(error: unknown): number {
  const e = error as { statusCode?: number; response?: { status?: number } };
  return e.statusCode ?? e.response?.status ?? 0;
}
