import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
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

/** response_url posts that meet 429 or a 5xx are tried again this many times. */
const RESPOND_RETRIES = 3;
const RESPOND_BACKOFF_MS = 1_000;

/**
 * Bolt's respond posts to the response_url once; Slack may answer 429 or a 5xx when busy. This tries
 * again with a doubling backoff, three times at most (a response_url stays valid for 30 minutes, and
 * takes five posts), then gives up by throwing, for the caller's log.
 */
export function retryingRespond(
  respond: RespondFn,
  ctx: SlackContext,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): RespondFn {
  return async (message) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await respond(message);
      } catch (error) {
        // Bolt's RespondError carries the status but not the headers, so Retry-After is out of reach:
        // a doubling backoff (1, 2, 4 s) stands in for it.
        const e = error as { statusCode?: number; response?: { status?: number } };
        const status = e.statusCode ?? e.response?.status ?? 0;
        const retryable = status === 429 || status >= 500;
        if (!retryable || attempt > RESPOND_RETRIES) throw error;
        const wait = RESPOND_BACKOFF_MS * 2 ** (attempt - 1);
        ctx.logger.warn('Slack response_url is busy; trying again', { status, attempt, waitMs: wait });
        await sleep(wait);
      }
    }
  };
}
