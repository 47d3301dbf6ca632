import type { StatusTone } from '../../core/view/sessions-view';
import type { Button } from './block-kit';
import { BLOCK_KIT_LIMITS as L } from './block-kit-limits';
import { escapeMrkdwn, truncate } from './mrkdwn';

/** The small pieces every Block Kit answer is built of. */

export const EMOJI: Record<StatusTone, string> = {
  failed: ':red_circle:',
  warning: ':large_orange_circle:',
  success: ':large_green_circle:',
  running: ':large_blue_circle:',
  canceled: ':white_circle:',
  other: ':black_circle:',
};

/** Longest policy or target name shown in a row; the details view shows it whole. */
export const ROW_NAME_MAX = 120;
export const plain = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: truncate(text, max),
  emoji: true,
});
export const button = (text: string, action_id: string, value: string): Button => ({
  type: 'button',
  text: plain(text, L.buttonText),
  action_id,
  value,
});

/**
 * Slack's date token shows each reader the time in their own zone; the fallback (the asker's zone) is for
 * clients that cannot.
 */
export function slackDate(iso: string | null, fallback: string): string {
  if (!iso) return escapeMrkdwn(fallback);
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (!Number.isFinite(seconds)) return escapeMrkdwn(fallback);
  return `<!date^${seconds}^{date_short_pretty} {time}|${escapeMrkdwn(fallback).replace(/[|>]/g, ' ')}>`;
}
