import type { ActionKind } from '../../core/conversation/conversation';
import type { AlertOp } from '../../core/view/sessions-view';

/** The few Block Kit shapes the bot sends; kept here so render/ depends on no Slack package. */

type PlainText = { type: 'plain_text'; text: string; emoji?: boolean };
type Mrkdwn = { type: 'mrkdwn'; text: string };
export type Button = {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
};
export type Block =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text?: Mrkdwn; fields?: Mrkdwn[]; accessory?: Button }
  | { type: 'context'; elements: (Mrkdwn | PlainText)[] }
  | { type: 'divider' }
  | { type: 'actions'; elements: Button[] };

export type BlockKitMessage = { text: string; blocks: Block[] };

/** Action ids of the buttons, shared with the Slack listeners that answer them. */
export const SLACK_ACTIONS = {
  previous: 'sessions.previous',
  next: 'sessions.next',
  details: 'sessions.details',
  back: 'sessions.back',
  retry: 'sessions.retry',
  share: 'sessions.share',
  /** From a digest: the full list, privately, for whoever clicks. */
  showAll: 'sessions.show_all',
  openVeeam: 'sessions.open_veeam',
  /** On a failed session's details: why its policy failed. */
  why: 'sessions.why',
  /** A documentation link a hint cites; numbered after it, since ids must differ within a block. */
  openDoc: 'sessions.open_doc',
} as const;

/** Action ids of an alert's buttons: one per op, since ids must differ within a block. */
export const SLACK_ALERT_ACTIONS: Record<AlertOp, string> = {
  own: 'alerts.own',
  'snooze-1h': 'alerts.snooze_1h',
  'snooze-24h': 'alerts.snooze_24h',
  'snooze-1w': 'alerts.snooze_1w',
  unsnooze: 'alerts.unsnooze',
  details: 'alerts.details',
  why: 'alerts.why',
};

/** What each button asks the core for (src/core/conversation); Open in Veeam is a link and asks nothing. */
export const SLACK_ACTION_KINDS: ReadonlyMap<string, ActionKind> = new Map<string, ActionKind>([
  [SLACK_ACTIONS.previous, 'page'],
  [SLACK_ACTIONS.next, 'page'],
  [SLACK_ACTIONS.back, 'page'],
  [SLACK_ACTIONS.retry, 'page'],
  [SLACK_ACTIONS.details, 'details'],
  [SLACK_ACTIONS.showAll, 'show-all'],
  [SLACK_ACTIONS.share, 'share'],
  [SLACK_ACTIONS.why, 'why'],
  ...Object.values(SLACK_ALERT_ACTIONS).map((id): [string, ActionKind] => [id, 'alert']),
]);
