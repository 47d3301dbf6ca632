import type { DateTime } from 'luxon';
import { answerOf } from '../core/conversation/conversation';
import { handleMessage } from '../core/conversation/handle-message';
import type { Logger, SessionsSource } from '../core/ports';
import { createButtonTokens } from '../core/view/page-token';
import { renderAnswerText } from './render-answer-text';

export type ListOptions = {
  text: string;
  timeZone: string;
  locale: string | null;
  page: number;
  pageSize: number;
  now: DateTime;
  veeamUrl: string | null;
};

/** Nothing to log to: what a CLI run has to say is its output. */
const QUIET: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * `sessions-bot list`: the same conversation the chat platforms have (src/core/conversation), one page of
 * it printed as text. Exit code 2 when the words were not understood, 1 when the answer is an error.
 */
export async function runList(
  options: ListOptions,
  source: SessionsSource,
): Promise<{ out: string; exitCode: number }> {
  const reply = await handleMessage(
    {
      asker: { platform: 'cli' },
      access: { allowed: true, scope: 'machine' },
      text: options.text,
      timeZone: options.timeZone,
      locale: options.locale,
      command: 'sessions-bot list',
      digestPlace: {
        unavailable:
          'Digests and alerts are posted to a Slack channel or a Teams chat: say `digest …` or `alerts …` to the bot there.',
      },
      offset: (options.page - 1) * options.pageSize,
    },
    {
      answers: {
        source,
        pageSize: options.pageSize,
        veeamUrl: options.veeamUrl,
        now: () => options.now.toJSDate(),
        logger: QUIET,
        tokens: createButtonTokens({ current: null }, () => source.vocabulary),
      },
      digests: null,
    },
  );
  if (reply.kind === 'note') return { out: reply.text, exitCode: 1 };
  const view = await answerOf(reply);
  const exitCode = view.kind !== 'error' ? 0 : view.code === 'USAGE' ? 2 : 1;
  return { out: renderAnswerText(view), exitCode };
}
